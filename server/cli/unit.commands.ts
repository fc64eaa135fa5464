import type { Command } from 'commander';
import { mapUnitName, UnitMapError, unmatchedNames } from '../services/import/import-mapping.service.ts';
import { CliError, print, withDatabase } from './context.ts';

export function registerUnitCommands(program: Command): void {
  const unit = program.command('unit').description('unit names that match no unit, and mapping them');

  unit
    .command('unmatched')
    .description('names from imported files that match no unit, with the number of rows waiting on each')
    .option('--json', 'machine-readable output')
    .action(async (opts: { json?: boolean }) => {
      await withDatabase(async ({ db }) => {
        const names = await unmatchedNames(db.knex);
        const rows = names.reduce((n, x) => n + x.rows, 0);
        if (opts.json) {
          print(true, '', names);
          return;
        }
        process.stdout.write(`${names.length} unmatched names, ${rows} waiting rows\n`);
        for (const n of names) process.stdout.write(`${n.name}\t${n.rows} rows\t${n.kinds.join(',')}\n`);
      });
    });

  unit
    .command('map')
    .description('make a name an alias of a unit and apply the rows waiting on it')
    .argument('<name>', 'the name as it appears in the files')
    .argument('<code>', 'the unit code, e.g. A01')
    .option('--json', 'machine-readable output')
    .action(async (name: string, code: string, opts: { json?: boolean }) => {
      await withDatabase(async ({ db }) => {
        try {
          const r = await mapUnitName(db.knex, { name, code, user: process.env.USER ?? null });
          print(
            !!opts.json,
            `mapped "${r.name}" → ${r.unit.code} ${r.unit.name}: applied ${r.applied} waiting rows (inserted ${r.inserted}, updated ${r.updated}, unchanged ${r.unchanged}), ${r.stillWaiting} still waiting`,
            r,
          );
        } catch (err) {
          if (err instanceof UnitMapError) throw new CliError(err.message);
          throw err;
        }
      });
    });
}
