import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { importLedger, rejectedRows, rejectedRowsCsv } from '../services/import/import-ledger.service.ts';
import {
  IMPORT_KINDS,
  importFile,
  type ImportKind,
  type ImportSummary,
} from '../services/import/import.service.ts';
import { CliError, print, withDatabase } from './context.ts';

/** The contract line scripts parse (DESIGN.md §6). */
export function summaryLine(s: ImportSummary): string {
  return `inserted ${s.inserted}, updated ${s.updated}, unchanged ${s.unchanged}, rejected ${s.rejected}, unmatched ${s.unmatched}`;
}

const REJECTED_SHOWN = 20;

export function registerImportCommands(program: Command): void {
  const cmd = program
    .command('import')
    .description('import a record file, list imports and their rejected rows')
    .argument('[kind]', IMPORT_KINDS.join('|'))
    .argument('[file]', 'CSV (UTF-8, UTF-8 BOM, GBK), XLSX, JSON array or NDJSON')
    .option('--json', 'machine-readable output')
    .action(async (kind: string | undefined, file: string | undefined, opts: { json?: boolean }) => {
      if (!kind || !file) {
        cmd.help({ error: true });
        return;
      }
      if (!(IMPORT_KINDS as readonly string[]).includes(kind)) {
        throw new CliError(
          `未知的导入类型 ${kind} / unknown kind ${kind}: use ${IMPORT_KINDS.join(', ')}`,
          2,
        );
      }
      if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
        throw new CliError(`文件不存在 / no such file: ${file}`, 2);
      }
      await withDatabase(async ({ db, logger }) => {
        const summary = await importFile(
          db.knex,
          {
            kind: kind as ImportKind,
            filePath: path.resolve(file),
            fileName: path.basename(file),
            source: 'cli',
            user: process.env.USER ?? null,
          },
          { logger },
        );
        const rejected = summary.rejected ? await rejectedRows(db.knex, summary.importId) : [];
        if (opts.json) {
          print(true, '', {
            ...summary,
            rejectedRows: rejected.map(({ id: _id, import_id: _i, ...r }) => r),
          });
        } else {
          print(false, summaryLine(summary), null);
          // Details go to stderr so stdout stays the one summary line scripts read.
          for (const w of summary.warnings) process.stderr.write(`warning: ${w}\n`);
          for (const r of rejected.slice(0, REJECTED_SHOWN)) {
            process.stderr.write(
              `rejected: ${path.basename(file)} row ${r.row_number}: ${r.reason} / ${r.reason_en}\n`,
            );
          }
          if (rejected.length > REJECTED_SHOWN) {
            process.stderr.write(
              `rejected: … ${rejected.length - REJECTED_SHOWN} more: npm run cli -- import rejected ${summary.importId}\n`,
            );
          }
          if (summary.unmatched) {
            process.stderr.write(
              `unmatched: ${summary.unmatched} rows wait for a unit mapping: npm run cli -- unit unmatched\n`,
            );
          }
        }
        if (summary.status === 'refused' || summary.status === 'failed') {
          if (!opts.json) process.stderr.write(`错误 / error: ${summary.error ?? summary.status}\n`);
          process.exitCode = summary.status === 'refused' ? 3 : 1;
        }
      });
    });

  cmd
    .command('list')
    .description('the import ledger, newest first')
    .option('--limit <n>', 'how many', '20')
    .option('--json', 'machine-readable output')
    .action(async (opts: { limit: string; json?: boolean }) => {
      await withDatabase(async ({ db }) => {
        const rows = await importLedger(db.knex, { limit: Number(opts.limit) || 20 });
        if (opts.json) {
          print(true, '', rows);
          return;
        }
        process.stdout.write(`${rows.length} imports\n`);
        for (const r of rows) {
          process.stdout.write(
            `#${r.id} ${r.started_at.toISOString()} ${r.kind} ${r.file_name} ${r.status}: inserted ${r.inserted}, updated ${r.updated}, unchanged ${r.unchanged}, rejected ${r.rejected}, unmatched ${r.unmatched}${r.created_by ? ` (${r.created_by})` : ''}${r.duration_ms !== null ? ` ${r.duration_ms} ms` : ''}${r.error ? ` — ${r.error}` : ''}\n`,
          );
        }
      });
    });

  cmd
    .command('rejected')
    .description("an import's rejected rows (--csv writes them as a CSV to fix and re-import)")
    .argument('<importId>', 'the import number (see import list)')
    .option('--csv <file>', 'write the rejected rows to this CSV file')
    .option('--json', 'machine-readable output')
    .action(async (id: string, opts: { csv?: string; json?: boolean }) => {
      const importId = Number(id);
      if (!Number.isInteger(importId)) throw new CliError(`无效的导入编号 / invalid import id: ${id}`, 2);
      await withDatabase(async ({ db }) => {
        if (opts.csv) {
          const csv = await rejectedRowsCsv(db.knex, importId);
          if (csv === undefined) throw new CliError(`没有第 ${importId} 次导入 / no import #${importId}`);
          fs.writeFileSync(opts.csv, csv);
        }
        const rows = await rejectedRows(db.knex, importId);
        if (opts.json) {
          print(true, '', rows);
          return;
        }
        process.stdout.write(`${rows.length} rejected rows${opts.csv ? ` written to ${opts.csv}` : ''}\n`);
        if (!opts.csv) {
          for (const r of rows) process.stdout.write(`row ${r.row_number}: ${r.reason} / ${r.reason_en}\n`);
        }
      });
    });
}
