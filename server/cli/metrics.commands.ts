import fs from 'node:fs';
import type { Command } from 'commander';
import { ZodError } from 'zod';
import { metricsCsv } from '../exports/csv-metrics.ts';
import { metricsXlsx } from '../exports/xlsx-metrics.ts';
import { definitionsJson } from '../metrics/definitions.ts';
import type { MetricRow, MetricsResult } from '../contracts/metrics.ts';
import { rebuildAllRollups, refreshRollups } from '../repositories/rollup.repository.ts';
import { parseMetricsParams } from '../services/metrics/metrics-params.ts';
import { updateMetricSettings } from '../services/metrics/metrics-settings.service.ts';
import { computeMetrics, getMetricSettings, MetricsQueryError } from '../services/metrics/metrics.service.ts';
import { narrate } from '../services/metrics/narrative.service.ts';
import { CliError, parseLang, print, withDatabase } from './context.ts';

interface TableOptions {
  from?: string;
  to?: string;
  preset?: string;
  year?: string;
  quarter?: string;
  month?: string;
  asOf?: string;
  by?: string;
  unit?: string;
  kind?: string;
  group?: string;
  instance?: string;
  basis?: string;
  compare?: string;
  metrics?: string;
  rank?: string;
  small?: string;
  source?: string;
  json?: boolean;
  format?: string;
  out?: string;
  lang?: string;
}

/** The options of a metric table, the same names as the API's query parameters (README "## Metrics"). */
function tableOptions(cmd: Command): Command {
  return cmd
    .option('--from <date>', 'first day, YYYY-MM-DD (CST, inclusive)')
    .option('--to <date>', 'last day, YYYY-MM-DD (inclusive)')
    .option('--preset <preset>', 'year | quarter | month | ytd | custom')
    .option('--year <year>', 'year of the preset')
    .option('--quarter <q>', 'quarter 1–4 (preset quarter)')
    .option('--month <m>', 'month 1–12 (preset month)')
    .option('--as-of <date>', 'last day of a year-to-date period (default today, CST)')
    .option(
      '--by <dimension>',
      'unit | kind | group | month | quarter | year | cause | domain | closing | loss_reason | total',
    )
    .option('--unit <codes>', 'only these units, by code: A01,A02')
    .option('--kind <kinds>', 'only these unit kinds: 县直部门,乡镇街道')
    .option('--group <groups>', 'only these peer groups')
    .option('--instance <list>', '一审 (default), 二审, 再审, or all')
    .option('--basis <list>', '口径 per rate: lit_loss_rate:B,pre_resolution_rate:registered')
    .option('--compare <list>', 'yoy (default), mom, yoy,mom or none')
    .option('--metrics <ids>', 'only these metric ids')
    .option('--rank <id>', 'ranking metric (default from settings) or none')
    .option('--small <mode>', 'small denominators in rankings: exclude (default) or flag')
    .option('--source <source>', 'auto (default) or raw (ignore rollups)');
}

function toQuery(o: TableOptions) {
  const params = Object.fromEntries(
    Object.entries({
      from: o.from,
      to: o.to,
      preset: o.preset,
      year: o.year,
      quarter: o.quarter,
      month: o.month,
      asOf: o.asOf,
      by: o.by,
      units: o.unit,
      kinds: o.kind,
      groups: o.group,
      instance: o.instance,
      basis: o.basis,
      compare: o.compare,
      metrics: o.metrics,
      rank: o.rank,
      small: o.small,
      source: o.source,
    }).filter(([, v]) => v !== undefined),
  );
  try {
    return parseMetricsParams(params);
  } catch (err) {
    if (err instanceof ZodError) {
      throw new CliError(
        err.issues.map((i) => `${i.path.join('.') || 'options'}: ${i.message}`).join('; '),
        2,
      );
    }
    throw err;
  }
}

async function compute(
  db: Parameters<typeof computeMetrics>[0]['db'],
  o: TableOptions,
): Promise<MetricsResult> {
  try {
    return await computeMetrics({ db }, toQuery(o));
  } catch (err) {
    if (err instanceof MetricsQueryError) throw new CliError(err.message, 2);
    throw err;
  }
}

const fmtRate = (v: unknown) => (typeof v === 'number' ? `${(v * 100).toFixed(1)}%` : '—');
const fmtRel = (v: unknown) => (typeof v === 'number' ? `${v > 0 ? '+' : ''}${(v * 100).toFixed(1)}%` : '—');

/** A readable text table of the headline litigation figures (the full table is in --json / --format). */
function textTable(result: MetricsResult): string {
  const head = (r: MetricRow) =>
    String(r.unit_code ?? r.label ?? r.key ?? '') + (r.unit_name ? ` ${String(r.unit_name)}` : '');
  const cols: [string, (r: MetricRow) => string][] = [
    ['', head],
    ['新收', (r) => String(r.lit_filed ?? '—')],
    ['同比', (r) => fmtRel(r.lit_filed_yoy_rel)],
    ['审结', (r) => String(r.lit_concluded ?? '—')],
    ['败诉', (r) => String(r.lit_losses ?? '—')],
    ['败诉率', (r) => fmtRate(r.lit_loss_rate)],
    ['出庭率', (r) => fmtRate(r.lit_head_appearance_rate)],
    ['复议纠错率', (r) => fmtRate(r.rec_correction_rate)],
    ['诉前化解率', (r) => fmtRate(r.pre_resolution_rate)],
    ['双降', (r) => String(r.double_decline ?? '')],
  ];
  const rows = [...result.rows, result.total];
  return [cols.map(([h]) => h), ...rows.map((r) => cols.map(([, f]) => f(r)))]
    .map((cells) => cells.join('\t'))
    .join('\n');
}

export function registerMetricsCommands(program: Command): void {
  const metrics = tableOptions(
    program.command('metrics').description('the metric table (DESIGN.md §4, §6); subcommands below'),
  )
    .option('--json', 'the JSON of GET /api/metrics')
    .option('--format <format>', 'csv or xlsx (written to --out)')
    .option('--out <file>', 'output file for --format')
    .action(async (o: TableOptions) => {
      await withDatabase(async ({ db }) => {
        const result = await compute(db.knex, o);
        const summary =
          `${result.period.label.zh} ${result.period.from}–${result.period.to}: ${result.rows.length} rows by ${result.by}; ` +
          `新收一审 ${String(result.total.lit_filed ?? '—')}, 败诉率 ${fmtRate(result.total.lit_loss_rate)} ` +
          `(${String(result.total.lit_loss_rate_numerator ?? 0)}/${String(result.total.lit_loss_rate_denominator ?? 0)}); data as of ${result.data_as_of ?? '—'}`;
        if (o.format) {
          if (o.format !== 'csv' && o.format !== 'xlsx')
            throw new CliError('--format must be csv or xlsx', 2);
          if (!o.out) throw new CliError('--format needs --out <file>', 2);
          fs.writeFileSync(o.out, o.format === 'csv' ? metricsCsv(result) : await metricsXlsx(result));
          print(!!o.json, `${summary}\nwritten ${o.out}`, { file: o.out, format: o.format });
          return;
        }
        if (o.json) print(true, '', result);
        else process.stdout.write(`${summary}\n${textTable(result)}\n`);
      });
    });

  tableOptions(metrics.command('narrative').description("the meeting's standard sentences"))
    .option(
      '--lang <lang>',
      'zh (default) or en: the same sentences and figures in English, as GET …?lang=en',
    )
    .option('--json', 'machine-readable output')
    .action(async (own: TableOptions) => {
      // The parent `metrics` shares the option names and parses them wherever they stand: merge both.
      const o = { ...metrics.opts<TableOptions>(), ...own };
      const lang = parseLang(o.lang);
      await withDatabase(async ({ db }) => {
        const n = narrate(await compute(db.knex, { ...o, by: o.by ?? 'total' }), lang);
        print(!!o.json, n.text, n);
      });
    });

  metrics
    .command('definitions')
    .description('every metric: id, names, definition, 口径')
    .option('--json', 'machine-readable output')
    .action((o: { json?: boolean }) => {
      const defs = definitionsJson();
      print(
        !!o.json,
        `${defs.metrics.length} metrics\n` +
          defs.metrics.map((m) => `${m.id}\t${m.name.zh}\t${m.definition.zh}`).join('\n'),
        defs,
      );
    });

  metrics
    .command('refresh')
    .description('bring the rollups up to date (imports do this themselves); --full rebuilds them all')
    .option('--full', 'rebuild every rollup from the raw tables')
    .option('--json', 'machine-readable output')
    .action(async (o: { full?: boolean; json?: boolean }) => {
      await withDatabase(async ({ db }) => {
        const t0 = performance.now();
        if (o.full) await rebuildAllRollups(db.knex);
        else await refreshRollups(db.knex);
        const ms = Math.round(performance.now() - t0);
        print(!!o.json, `rollups ${o.full ? 'rebuilt' : 'refreshed'} in ${ms} ms`, { full: !!o.full, ms });
      });
    });

  metrics
    .command('settings')
    .description(
      'warning thresholds and the ranking minimum; --set key=value changes one (value "default" resets)',
    )
    .option('--set <pairs...>', 'e.g. --set min_denominator=5 loss_rate_warning=0.2')
    .option('--json', 'machine-readable output')
    .action(async (o: { set?: string[]; json?: boolean }) => {
      await withDatabase(async ({ db }) => {
        let settings = await getMetricSettings(db.knex);
        if (o.set?.length) {
          const patch: Record<string, unknown> = {};
          for (const pair of o.set) {
            const [k, v] = pair.split('=');
            if (!k || v === undefined) throw new CliError(`--set expects key=value, got ${pair}`, 2);
            patch[k] = v === 'default' ? null : /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v;
          }
          try {
            settings = await updateMetricSettings(db.knex, patch, null);
          } catch (err) {
            if (err instanceof MetricsQueryError || err instanceof ZodError)
              throw new CliError(err.message, 2);
            throw err;
          }
        }
        print(
          !!o.json,
          Object.entries(settings)
            .map(([k, v]) => `${k}=${String(v)}`)
            .join(' '),
          settings,
        );
      });
    });
}
