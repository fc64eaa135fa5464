import type { Command } from 'commander';
import { migrateLatest, migrationState } from '../db/migrate.ts';
import { seedDemoCounty } from '../services/demo/demo-seed.service.ts';
import { demoWindow } from '../demo/demo-county.ts';
import { cstToday, isDate } from '../metrics/dates.ts';
import { CliError, print, withDatabase } from './context.ts';

export function registerDbCommands(program: Command): void {
  const db = program.command('db').description('database schema and demo data');

  db.command('migrate')
    .description('apply pending migrations')
    .option('--json', 'machine-readable output')
    .action(async (opts: { json?: boolean }) => {
      await withDatabase(
        async ({ db }) => {
          const applied = await migrateLatest(db.knex);
          const state = await migrationState(db.knex);
          print(
            !!opts.json,
            `migrated: ${applied.length} applied, ${state.applied} total, latest ${state.latest ?? '—'}`,
            { appliedNow: applied, ...state },
          );
        },
        { migrate: false },
      );
    });

  db.command('seed-demo')
    .description('load the fictional demo county 示例县')
    .option('--replace', 'wipe every unit, record and import first (refused otherwise when data exists)')
    .option(
      '--as-of <date>',
      'the day the demo is seen on, YYYY-MM-DD: five calendar years up to it (default today, CST)',
    )
    .option('--json', 'machine-readable output')
    .action(async (opts: { json?: boolean; replace?: boolean; asOf?: string }) => {
      const asOf = opts.asOf ?? cstToday(new Date());
      if (!isDate(asOf)) throw new CliError(`--as-of must be a date YYYY-MM-DD, got ${asOf}`);
      await withDatabase(async ({ db }) => {
        const counts = await seedDemoCounty(db.knex, { asOf, replace: !!opts.replace });
        const { from } = demoWindow(asOf);
        print(
          !!opts.json,
          `seeded 示例县 ${from} – ${asOf}: ${counts.units} units, ${counts.litigation} litigation, ${counts.reconsideration} reconsideration, ${counts.prelitigation} pre-litigation records`,
          { ...counts, from, asOf },
        );
      });
    });
}
