/**
 * The metric table: every figure of the registry for a period, grouped by a dimension, with 同比 / 环比, the
 * double-decline status, warnings and rankings. One function serves the API, the CLI, exports and the narrative,
 * so a figure is the same wherever it is read.
 *
 * The metrics capability owns this folder: this file (the entry: the query, its checks, the counter reads and
 * the assembly of the answer), metrics-derive.ts (a row's figures from its counters), unit-ranks.ts (排名 among all peers, by server/metrics/rank.ts),
 * metrics-table.ts (rows, labels, rows as objects), metrics-params.ts (the API/CLI spelling of a query),
 * metrics-settings.service.ts, metrics-cache.ts, data-as-of.service.ts and narrative.service.ts. Its shapes
 * are server/contracts/metrics.ts.
 */
import type { Cell, MetricRow, MetricsResult, MetricsTable, PartialYear } from '../../contracts/metrics.ts';
import { partialYears } from '../../metrics/coverage.ts';
import { DIMENSIONS, type Dimension } from '../../metrics/types.ts';
import type { Knex } from '../../db/knex.ts';
import { cstToday } from '../../metrics/dates.ts';
import {
  basisOf,
  COUNTS,
  FAMILIES,
  FAMILY_SPECS,
  familiesOf,
  METRICS,
  type Family,
  type MetricDefinition,
  type Period,
  type RateMetric,
} from '../../metrics/index.ts';
import {
  bucketStepBack,
  resolvePeriod,
  shiftBucketLabel,
  type PeriodRequest,
  type ResolvedPeriod,
} from '../../metrics/period.ts';
import { decompose } from '../../metrics/segments.ts';
import { DEFAULT_SETTINGS, settingsSchema, type MetricSettings } from '../../metrics/settings.ts';
import {
  rawCounters,
  isAttributeKey,
  rollupCounters,
  type Bucket,
  type CounterQuery,
  type KeyDim,
  type RollupSource,
  type UnitFilter,
} from '../../metrics/sql.ts';
import {
  familyCoverage,
  listMetricUnits,
  readSettingOverrides,
  rollupStatus,
  runRowArrays,
} from '../../repositories/metric.repository.ts';
import { totalLabel } from '../../metrics/total-label.ts';
import { figuresAsOf } from './data-as-of.service.ts';
import { narrowsPeers, peerQuery, writeRanks } from './unit-ranks.ts';
import { deriveContext, derive, layout, ZERO_COUNTS, type Counts } from './metrics-derive.ts';
import { isTime, rowKeys, rowLabel, rowLabelKeys, rowObjects } from './metrics-table.ts';

export { rowObjects };

export { DIMENSIONS };
export type { Dimension };
/** Dimensions that are record attributes: only metrics of the families holding one split by it. */
const isCaseDim = (d: Dimension) => isAttributeKey(d);
const hasAttribute = (f: Family, d: Dimension) =>
  (FAMILY_SPECS[f].attributes as readonly string[]).includes(d);

export type Compare = 'yoy' | 'mom';

export interface MetricsQuery extends PeriodRequest {
  by?: Dimension | undefined;
  /** Restrict to these units (the auth layer forces a unit user's own id here). */
  unitIds?: number[] | undefined;
  unitCodes?: string[] | undefined;
  kinds?: string[] | undefined;
  groups?: string[] | undefined;
  /** Litigation instances counted (default 一审 only); 'all' for every instance. */
  instances?: string[] | 'all' | undefined;
  /** Chosen 口径 per rate id, e.g. { lit_loss_rate: 'B' }. */
  basis?: Record<string, string> | undefined;
  compare?: Compare[] | undefined;
  /** Metric ids to output (default: all). */
  metrics?: string[] | undefined;
  /** Ranking metric (default from settings; 'none' for no ranking) and what to do with small denominators. */
  rank?: string | undefined;
  small?: 'exclude' | 'flag' | undefined;
  /** 'raw' forces the raw tables (tests, benchmark baseline); 'auto' reads rollups where they answer. */
  source?: 'auto' | 'raw' | undefined;
}

export interface MetricsDeps {
  db: Knex;
  clock?: () => Date;
  /** Filled in when given: milliseconds spent per phase (prepare, sql, derive); the API sends them as Server-Timing. */
  timings?: Record<string, number> | undefined;
}

export class MetricsQueryError extends Error {}

/** Effective settings: defaults overlaid with the stored overrides. */
export async function getMetricSettings(db: Knex): Promise<MetricSettings> {
  const overrides = await readSettingOverrides(db);
  return settingsSchema.parse({ ...DEFAULT_SETTINGS, ...overrides });
}

/**
 * Computes the metric table. Units' rows count every case charged to them (co-defendants count for each); the
 * total and every kind/group/time row count each case once.
 */
export async function computeMetrics(deps: MetricsDeps, query: MetricsQuery): Promise<MetricsResult> {
  return rowObjects(await computeMetricsTable(deps, query));
}

/** computeMetrics with positional rows (see MetricsTable). */
export async function computeMetricsTable(deps: MetricsDeps, query: MetricsQuery): Promise<MetricsTable> {
  const { db, timings } = deps;
  let lapStart = performance.now();
  const lap = timings
    ? (phase: string) => {
        const t = performance.now();
        timings[phase] = (timings[phase] ?? 0) + (t - lapStart);
        lapStart = t;
      }
    : undefined;
  const now = (deps.clock ?? (() => new Date()))();
  let period: ResolvedPeriod;
  try {
    period = resolvePeriod(query, cstToday(now));
  } catch (err) {
    throw new MetricsQueryError((err as Error).message);
  }
  const by = query.by ?? 'unit';
  const compare = new Set<Compare>(query.compare ?? ['yoy']);
  const [settings, status] = await Promise.all([getMetricSettings(db), rollupStatus(db)]);
  lap?.('prepare');

  // Filters: unit codes resolve to ids; ids and codes intersect (a forced scope can only narrow). Only a unit
  // table reads every unit (a province has 10,000: the KPI strip and the trend must not pay for them).
  let unitIds = query.unitIds ?? null;
  if (query.unitCodes?.length) {
    const found = await listMetricUnits(db, { codes: query.unitCodes });
    const byCode = new Map(found.map((u) => [u.code, u.id]));
    const missing = query.unitCodes.filter((c) => !byCode.has(c));
    if (missing.length) throw new MetricsQueryError(`unknown unit code(s): ${missing.join(', ')}`);
    const ids = query.unitCodes.map((c) => byCode.get(c)!);
    unitIds = unitIds ? ids.filter((id) => unitIds!.includes(id)) : ids;
  }
  const units =
    by === 'unit'
      ? await listMetricUnits(db, { ids: unitIds ?? undefined })
      : unitIds
        ? await listMetricUnits(db, { ids: unitIds })
        : [];
  const filter: UnitFilter = {
    unitIds: unitIds ?? undefined,
    kinds: query.kinds?.length ? query.kinds : undefined,
    groups: query.groups?.length ? query.groups : undefined,
  };
  const instances = query.instances === 'all' ? null : query.instances?.length ? query.instances : ['一审'];

  // Metrics: the requested ids, restricted to what the dimension can split.
  const wanted = query.metrics?.length ? query.metrics : METRICS.map((m) => m.id);
  const unknown = wanted.filter((id) => !METRICS.some((m) => m.id === id));
  if (unknown.length) throw new MetricsQueryError(`unknown metric id(s): ${unknown.join(', ')}`);
  const selected = METRICS.filter(
    (m) => wanted.includes(m.id) && (!isCaseDim(by) || familiesOf(m).every((f) => hasAttribute(f, by))),
  );
  // Double decline and warnings read litigation counters even when no litigation metric is shown.
  const families: Family[] = FAMILIES.filter(
    (f) => f === 'litigation' || selected.some((m) => familiesOf(m).includes(f)),
  );
  for (const [id, b] of Object.entries(query.basis ?? {})) {
    const m = METRICS.find((x) => x.id === id);
    if (!m || m.kind !== 'rate') throw new MetricsQueryError(`basis: ${id} is not a rate`);
    if (!m.bases.some((x) => x.id === b)) {
      throw new MetricsQueryError(`basis: ${id} has no 口径 ${b} (${m.bases.map((x) => x.id).join(', ')})`);
    }
  }
  // rank 'none' turns rankings off (a unit user, who sees only their own unit, is never ranked).
  const rankId = query.rank ?? settings.rank_metric;
  const rankMetric = rankId === 'none' ? null : (METRICS.find((m) => m.id === rankId) ?? null);
  if (rankId !== 'none' && !rankMetric) throw new MetricsQueryError(`rank: unknown metric ${rankId}`);

  const sources = new Set<'rollup' | 'raw'>();
  /**
   * Counters keyed by row key, one map per period, in one query per family (the periods' statements stacked
   * with UNION ALL and tagged with their index). A null period gets a null map.
   */
  const fetch = async (
    key: KeyDim,
    bucket: Bucket,
    periods: (Period | null)[],
  ): Promise<(Map<string, Counts> | null)[]> => {
    const out = periods.map((p) => (p ? new Map<string, Counts>() : null));
    const wanted = periods.flatMap((p, i) => (p ? [{ p, i }] : []));
    if (!wanted.length) return out;
    // Rows keyed by an attribute read only the families that hold it (the total reads them all).
    const read = isCaseDim(key) ? families.filter((f) => hasAttribute(f, key)) : families;
    await Promise.all(
      read.map(async (family) => {
        const counters = COUNTS[family];
        const q: CounterQuery = { family: FAMILY_SPECS[family], counters, key, bucket, filter, instances };
        const src = query.source === 'raw' || status.stale.has(family) ? null : chooseRollup(key, filter);
        sources.add(src ? 'rollup' : 'raw');
        const allowYears = src?.table === 'unit' && (bucket === 'none' || bucket === 'year');
        const parts = wanted.map(({ p, i }) => {
          const sql = src ? rollupCounters(q, decompose(p, { allowYears }), src) : rawCounters(q, [p]);
          return { sql: `SELECT ${i} AS p, s.* FROM (${sql.sql}) s`, bindings: sql.bindings };
        });
        const rows = await runRowArrays(db, {
          sql: parts.map((x) => x.sql).join(' UNION ALL '),
          bindings: parts.flatMap((x) => x.bindings),
        });
        // Columns: p, key, bucket, then the family's counters in registry order.
        for (const r of rows) {
          const map = out[r[0] as number]!;
          // A total read from a one-value scope rollup carries that value as key: a total's key is ''.
          const k = bucket !== 'none' ? String(r[2]) : key === 'total' ? '' : String(r[1]);
          let counts = map.get(k);
          if (!counts) map.set(k, (counts = { ...ZERO_COUNTS }));
          for (let c = 0; c < counters.length; c++) counts[counters[c]!.id]! += Number(r[3 + c] ?? 0);
        }
      }),
    );
    return out;
  };

  // Rows: one per unit / kind / group / bucket / case attribute.
  const rowKey: KeyDim = isTime(by) || by === 'total' ? 'total' : by;
  const rowBucket: Bucket = isTime(by) ? by : 'none';
  const rowPeriods =
    by === 'total'
      ? []
      : [
          period,
          compare.has('yoy') ? period.previousYear : null,
          !compare.has('mom') ? null : isTime(by) ? bucketStepBack(period, by) : period.previousPeriod,
        ];
  const [[cur = null, prevYear = null, prevPeriod = null], [totalCur, totalPrevYear, totalPrevPeriod]] =
    await Promise.all([
      fetch(rowKey, rowBucket, rowPeriods),
      fetch('total', 'none', [
        period,
        compare.has('yoy') ? period.previousYear : null,
        compare.has('mom') ? period.previousPeriod : null,
      ]),
    ]);
  lap?.('sql');

  const ctx = deriveContext(selected, query.basis ?? {}, settings);
  const keys = await rowKeys(db, by, period, units, filter, cur, prevYear);
  const ranked = by === 'unit' && !!rankMetric;
  const rowLayout = layout(ctx, rowLabelKeys(by), !!prevYear, !!prevPeriod, ranked);
  const rows: Cell[][] = [];
  if (cur) {
    for (const k of keys) {
      const row = new Array<Cell>(rowLayout.keys.length).fill(null);
      rowLabel(row, by, k.key, k.unit);
      const lookBack = (m: Map<string, Counts> | null, step: 'year' | 'bucket') =>
        m ? (m.get(isTime(by) ? shiftBucketLabel(k.key, by, step) : k.key) ?? ZERO_COUNTS) : null;
      derive(
        ctx,
        rowLayout,
        row,
        cur.get(k.key) ?? ZERO_COUNTS,
        lookBack(prevYear, 'year'),
        lookBack(prevPeriod, 'bucket'),
      );
      rows.push(row);
    }
  }
  if (ranked) {
    // Ranks compare a unit with all its peers, not with the rows this query shows (server/metrics/rank.ts).
    const alone = narrowsPeers(query) || !selected.includes(rankMetric);
    const peers = alone
      ? await computeMetricsTable({ db, clock: deps.clock }, peerQuery(query, rankMetric.id))
      : null;
    writeRanks(rows, rowLayout.at, rankMetric, settings.min_denominator, query.small ?? 'exclude', peers);
  }
  const totalLayout = layout(ctx, ['key', 'label'], !!totalPrevYear, !!totalPrevPeriod, false);
  const totalValues = new Array<Cell>(totalLayout.keys.length).fill(null);
  totalValues[0] = 'total';
  // Named after its scope (全县合计, 县直部门合计, …): one text for the page, the downloads and the deck.
  totalValues[1] = totalLabel(
    {
      kinds: filter.kinds,
      groups: filter.groups,
      units: unitIds ? units.filter((u) => unitIds.includes(u.id)) : null,
    },
    'zh',
  );
  derive(
    ctx,
    totalLayout,
    totalValues,
    totalCur?.get('') ?? ZERO_COUNTS,
    totalPrevYear ? (totalPrevYear.get('') ?? ZERO_COUNTS) : null,
    totalPrevPeriod ? (totalPrevPeriod.get('') ?? ZERO_COUNTS) : null,
  );
  const total: MetricRow = Object.fromEntries(totalLayout.keys.map((k, j) => [k, totalValues[j]!]));
  lap?.('derive');
  const partial = by === 'year' ? await partialYearsOf(db, selected, keys, cstToday(now)) : [];

  const basis = Object.fromEntries(
    selected
      .filter((m): m is RateMetric => m.kind === 'rate')
      .map((m) => {
        const b = basisOf(m, query.basis?.[m.id]);
        return [m.id, { id: b.id, label: b.label }];
      }),
  );
  return {
    period: { from: period.from, to: period.to, preset: period.preset, label: period.label },
    previous_year: compare.has('yoy') ? period.previousYear : null,
    previous_period: compare.has('mom') ? period.previousPeriod : null,
    by,
    filters: {
      unit_ids: unitIds,
      units: unitIds
        ? units.filter((u) => unitIds.includes(u.id)).map(({ id, code, name }) => ({ id, code, name }))
        : null,
      kinds: filter.kinds ?? null,
      groups: filter.groups ?? null,
      instances,
    },
    basis,
    metrics: selected.map((m) => m.id),
    settings,
    rank_metric: by === 'unit' ? (rankMetric?.id ?? null) : null,
    data_as_of: figuresAsOf(status),
    partial_years: partial,
    generated_at: now.toISOString(),
    source: sources.size === 1 ? [...sources][0]! : 'mixed',
    keys: rowLayout.keys,
    rows,
    total,
  };
}

/**
 * Which rollup answers counters keyed by `key` under `filter`, or null for raw rows. A unit's own rows can
 * always be filtered; a total counts each case once, so it needs the scope rollup of exactly that set of units.
 */
export function chooseRollup(key: KeyDim, filter: UnitFilter): RollupSource | null {
  const { unitIds, kinds, groups } = filter;
  if (key === 'unit') return { table: 'unit' };
  if (isCaseDim(key)) return null;
  if (unitIds) return unitIds.length === 1 && !kinds && !groups ? { table: 'unit' } : null;
  if (!kinds && !groups) return { table: 'scope', scope: key === 'total' ? 'all' : key, values: null };
  if (kinds && groups) return null;
  if (kinds) {
    if (key === 'kind') return { table: 'scope', scope: 'kind', values: kinds };
    if (key === 'total' && kinds.length === 1) return { table: 'scope', scope: 'kind', values: kinds };
    return null;
  }
  if (key === 'group') return { table: 'scope', scope: 'group', values: groups! };
  if (key === 'total' && groups!.length === 1) return { table: 'scope', scope: 'group', values: groups! };
  return null;
}

/** The partial years among a by=year table's rows, for the families its metrics read. */
async function partialYearsOf(
  db: Knex,
  selected: readonly MetricDefinition[],
  keys: readonly { key: string }[],
  today: string,
): Promise<PartialYear[]> {
  const years = keys.map((k) => Number(k.key)).filter(Number.isFinite);
  const families = FAMILIES.filter((f) => selected.some((m) => familiesOf(m).includes(f)));
  const found = await Promise.all(
    families.map(async (f) => partialYears(f, years, await familyCoverage(db, FAMILY_SPECS[f]), today)),
  );
  return found.flat();
}
