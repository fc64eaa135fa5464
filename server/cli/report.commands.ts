import fs from 'node:fs';
import type { Command } from 'commander';
import {
  REPORT_SECTIONS,
  type ReportFormat,
  type ReportScope,
  type ReportSection,
} from '../contracts/report.ts';
import { buildReport, freezeReport, loadSnapshot, renderReport } from '../services/report/report.service.ts';
import { CliError, parseLang, print, withDatabase } from './context.ts';

interface ReportOptions {
  from?: string;
  to?: string;
  scope?: string;
  basis?: string[];
  sections?: string;
  format: string;
  out?: string;
  freeze?: boolean;
  snapshot?: string;
  lang?: string;
  json?: boolean;
}

/**
 * `report --from YYYY-MM-DD --to YYYY-MM-DD [--scope county|kind:<类型>|group:<分组>|unit:<编码>]
 *        [--basis lit_loss_rate=B] [--sections summary,trend,…] [--lang zh|en] --format pptx|pdf|xlsx --out FILE
 *        [--freeze]` (--lang: the narrative paragraph's language)
 * `report --snapshot <id> --format … --out FILE` regenerates a frozen report exactly.
 */
export function registerReportCommands(program: Command): void {
  program
    .command('report')
    .description('the joint-meeting report (会议材料) as PPTX, PDF or XLSX')
    .option('--from <date>', 'first day, YYYY-MM-DD (CST, inclusive)')
    .option('--to <date>', 'last day, YYYY-MM-DD (CST, inclusive)')
    .option('--scope <scope>', 'county (default), kind:<类型>, group:<考核分组> or unit:<编码>', 'county')
    .option('--basis <id=variant...>', '口径 per rate, e.g. lit_loss_rate=B')
    .option('--sections <list>', `comma-separated, in order (default all): ${REPORT_SECTIONS.join(',')}`)
    .option('--format <format>', 'pptx, pdf or xlsx', 'pptx')
    .option('--out <file>', 'where to write the file')
    .option('--freeze', 'store the report as a snapshot and print its id')
    .option('--snapshot <id>', 'regenerate a frozen report')
    .option(
      '--lang <lang>',
      'the summary paragraph (narrative) in zh (default) or en; the slides stay Chinese',
    )
    .option('--json', 'machine-readable output')
    .action(async (opts: ReportOptions) => {
      const format = parseFormat(opts.format);
      const lang = parseLang(opts.lang);
      if (!opts.out) throw new CliError('--out FILE is required');
      await withDatabase(async ({ db }) => {
        let model;
        let snapshotId: string | undefined = opts.snapshot;
        if (opts.snapshot) {
          // A frozen report is regenerated exactly as frozen, its paragraph included.
          if (opts.lang)
            throw new CliError(
              '--lang does not apply to --snapshot (a frozen report is regenerated as it was)',
            );
          model = await loadSnapshot(db.knex, opts.snapshot);
          if (!model) throw new CliError(`no frozen report ${opts.snapshot}`);
        } else {
          if (!opts.from || !opts.to) throw new CliError('--from and --to are required (YYYY-MM-DD)');
          model = await buildReport(
            { db: db.knex },
            {
              from: opts.from,
              to: opts.to,
              scope: parseScope(opts.scope ?? 'county'),
              basis: parseBasis(opts.basis ?? []),
              sections: parseSections(opts.sections),
              narrativeLang: lang,
            },
          );
          if (opts.freeze) snapshotId = await freezeReport(db.knex, model, 'cli');
        }
        const bytes = await renderReport(model, format);
        fs.writeFileSync(opts.out!, bytes);
        print(
          !!opts.json,
          `report written: ${opts.out} (${format}, ${model.slides.length} slides${snapshotId ? `, snapshot ${snapshotId}` : ''})`,
          {
            file: opts.out,
            format,
            slides: model.slides.length,
            bytes: bytes.length,
            snapshot: snapshotId ?? null,
          },
        );
      });
    });
}

function parseFormat(format: string): ReportFormat {
  if (format === 'pptx' || format === 'pdf' || format === 'xlsx') return format;
  throw new CliError(`--format must be pptx, pdf or xlsx (got ${format})`);
}

export function parseScope(scope: string): ReportScope {
  if (scope === 'county') return {};
  const [kind, value] = [scope.slice(0, scope.indexOf(':')), scope.slice(scope.indexOf(':') + 1)];
  if (!value)
    throw new CliError(`--scope must be county, kind:<类型>, group:<分组> or unit:<编码> (got ${scope})`);
  if (kind === 'kind') return { kind: value };
  if (kind === 'group') return { group: value };
  if (kind === 'unit') return { unitCode: value };
  throw new CliError(`--scope must be county, kind:<类型>, group:<分组> or unit:<编码> (got ${scope})`);
}

function parseBasis(pairs: string[]): Record<string, string> {
  return Object.fromEntries(
    pairs.map((p) => {
      const [id, variant] = p.split('=');
      if (!id || !variant) throw new CliError(`--basis takes id=variant (got ${p})`);
      return [id, variant];
    }),
  );
}

function parseSections(list: string | undefined): ReportSection[] | undefined {
  if (!list) return undefined;
  const sections = list.split(',').map((s) => s.trim());
  const unknown = sections.filter((s) => !(REPORT_SECTIONS as readonly string[]).includes(s));
  if (unknown.length)
    throw new CliError(`unknown sections: ${unknown.join(', ')} (known: ${REPORT_SECTIONS.join(', ')})`);
  return sections as ReportSection[];
}
