import type { Command } from 'commander';
import { migrateLatest, migrationState } from '../db/migrate.ts';
import { seedDemoCounty } from '../services/demo/demo-seed.service.ts';
import { print, withDatabase } from './context.ts';

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
    .option('--json', 'machine-readable output')
    .action(async (opts: { json?: boolean; replace?: boolean }) => {
      await withDatabase(async ({ db }) => {
        const counts = await seedDemoCounty(db.knex, { replace: !!opts.replace });
        print(
          !!opts.json,
          `seeded 示例县: ${counts.units} units, ${counts.litigation} litigation, ${counts.reconsideration} reconsideration, ${counts.prelitigation} pre-litigation records`,
          counts,
        );
      });
    });
}
