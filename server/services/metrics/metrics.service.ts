/**
 * The metric table: every figure of the registry for a period, grouped by a dimension, with 同比 / 环比, the
 * double-decline status, warnings and rankings. One function serves the API, the CLI, exports and the narrative,
 * so a figure is the same wherever it is read.
 */
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
  type RateBasis,
  type RateMetric,
} from '../../metrics/index.ts';
import {
  bucketLabels,
  bucketStepBack,
  resolvePeriod,
  shiftBucketLabel,
  type PeriodRequest,
  type ResolvedPeriod,
} from '../../metrics/period.ts';
import { decompose } from '../../metrics/segments.ts';
import {
  DEFAULT_SETTINGS,
  settingsSchema,
  type DoubleDecline,
  type MetricSettings,
  type WarningCode,
} from '../../metrics/settings.ts';
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
  listMetricUnits,
  listUnitValues,
  readSettingOverrides,
  rollupStatus,
  runRowArrays,
  type MetricUnit,
} from '../../repositories/metric.repository.ts';
import { narrowsPeers, peerQuery, writeRanks } from './unit-ranks.ts';

export { DIMENSIONS };
export type { Dimension };
const TIME_DIMS = ['month', 'quarter', 'year'] as const;
type TimeDim = (typeof TIME_DIMS)[number];
const isTime = (d: Dimension): d is TimeDim => (TIME_DIMS as readonly string[]).includes(d);
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

export type Cell = string | number | boolean | null | string[];
export type MetricRow = Record<string, Cell>;

export interface MetricsResult {
  period: { from: string; to: string; preset: string; label: { zh: string; en: string } };
  previous_year: Period | null;
  previous_period: Period | null;
  by: Dimension;
  filters: {
    unit_ids: number[] | null;
    /** The units of unit_ids, for labels ("示例县公安局2024年…"). */
    units: { id: number; code: string; name: string }[] | null;
    kinds: string[] | null;
    groups: string[] | null;
    instances: string[] | null;
  };
  /** The 口径 of every rate in the output, labelled. */
  basis: Record<string, { id: string; label: { zh: string; en: string } }>;
  metrics: string[];
  settings: MetricSettings;
  rank_metric: string | null;
  data_as_of: string | null;
  generated_at: string;
  source: 'rollup' | 'raw' | 'mixed';
  rows: MetricRow[];
  total: MetricRow;
}

export class MetricsQueryError extends Error {}

type Counts = Record<string, number>;

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

/**
 * The metric table with its rows as arrays in the order of `keys` (the total stays an object): what the
 * column-shaped outputs (shape=columns JSON, Arrow) write without building 10,000 row objects.
 */
export interface MetricsTable extends Omit<MetricsResult, 'rows'> {
  keys: string[];
  rows: Cell[][];
}

/** The rows as objects (the JSON shape of DESIGN.md §6), every row with the same fields in the same order. */
export function rowObjects(table: MetricsTable): MetricsResult {
  const { keys, rows, ...rest } = table;
  // Copies of one template share one object shape, which V8 keeps in fast mode (a row of ~150 fields built key
  // by key falls back to a dictionary: several times slower to build and to serialise).
  const template: MetricRow = Object.fromEntries(keys.map((k) => [k, null]));
  const objects = new Array<MetricRow>(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const values = rows[i]!;
    const o = { ...template };
    for (let j = 0; j < keys.length; j++) o[keys[j]!] = values[j]!;
    objects[i] = o;
  }
  return { ...rest, rows: objects };
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
  totalValues[1] = '合计';
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

  const basis = Object.fromEntries(
    selected
      .filter((m): m is RateMetric => m.kind === 'rate')
      .map((m) => {
        const b = basisOf(m, query.basis?.[m.id]);
        return [m.id, { id: b.id, label: b.label }];
      }),
  );
  const refreshed = [...status.refreshedAt.values()].sort().at(-1) ?? null;
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
    data_as_of: status.stale.size ? now.toISOString() : refreshed,
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

interface RowKey {
  key: string;
  unit?: MetricUnit;
}

async function rowKeys(
  db: Knex,
  by: Dimension,
  period: ResolvedPeriod,
  units: MetricUnit[],
  filter: UnitFilter,
  cur: Map<string, Counts> | null,
  prev: Map<string, Counts> | null,
): Promise<RowKey[]> {
  if (by === 'total' || !cur) return [];
  if (by === 'unit') {
    const inFilter = (u: MetricUnit) =>
      (!filter.unitIds || filter.unitIds.includes(u.id)) &&
      (!filter.kinds || filter.kinds.includes(u.kind)) &&
      (!filter.groups || filter.groups.includes(u.peer_group ?? ''));
    return units.filter(inFilter).map((u) => ({ key: String(u.id), unit: u }));
  }
  if (isTime(by)) return bucketLabels(period, by).map((key) => ({ key }));
  const present = new Set([...cur.keys(), ...(prev?.keys() ?? [])]);
  // A kind or group with no cases still gets its row.
  if (by === 'kind' || by === 'group') {
    for (const v of await listUnitValues(db, by === 'kind' ? 'kind' : 'peer_group', filter)) present.add(v);
  }
  return [...present].sort().map((key) => ({ key }));
}

/** The label fields of a row, in output order. */
function rowLabelKeys(by: Dimension): string[] {
  if (by === 'unit') return ['key', 'unit_code', 'unit_name', 'unit_kind', 'unit_group'];
  return ['key', by === 'kind' ? 'unit_kind' : by === 'group' ? 'unit_group' : by, 'label'];
}

/** Writes a row's label fields (the first fields of its layout, see rowLabelKeys). */
function rowLabel(out: Cell[], by: Dimension, key: string, unit?: MetricUnit): void {
  if (unit) {
    out[0] = unit.code;
    out[1] = unit.code;
    out[2] = unit.name;
    out[3] = unit.kind;
    out[4] = unit.peer_group;
    return;
  }
  out[0] = key;
  out[1] = key === '' ? null : key;
  out[2] = key === '' ? '（未填）' : key;
}

/** Column names per metric, built once: a 10,000-row table must not build 1.5 million key strings. */
const KEYS = new Map(
  METRICS.map((m) => [
    m.id,
    {
      numerator: `${m.id}_numerator`,
      denominator: `${m.id}_denominator`,
      yoy: { prev: `${m.id}_prev_year`, change: `${m.id}_yoy`, rel: `${m.id}_yoy_rel` },
      mom: { prev: `${m.id}_prev_period`, change: `${m.id}_mom`, rel: `${m.id}_mom_rel` },
    },
  ]),
);

/** Every counter at zero: the starting point of a row's counts (one object shape for all rows). */
const ZERO_COUNTS: Counts = Object.fromEntries(
  FAMILIES.flatMap((f) => COUNTS[f].map((c) => [c.id, 0] as const)),
);

interface DeriveContext {
  /** The selected metrics with their column names and, for rates, the chosen 口径 (resolved once per table). */
  plan: { m: MetricDefinition; keys: NonNullable<ReturnType<typeof KEYS.get>>; basis: RateBasis | null }[];
  basis: Record<string, string>;
  settings: MetricSettings;
}

function deriveContext(
  selected: readonly MetricDefinition[],
  basis: Record<string, string>,
  settings: MetricSettings,
): DeriveContext {
  const plan = selected.map((m) => ({
    m,
    keys: KEYS.get(m.id)!,
    basis: m.kind === 'rate' ? basisOf(m, basis[m.id]) : null,
  }));
  return { plan, basis, settings };
}

/** Where each of a metric's fields sits in a row (-1: not in this table). */
interface MetricSlots {
  value: number;
  numerator: number;
  denominator: number;
  yoy: CompareSlots;
  mom: CompareSlots;
}
interface CompareSlots {
  prev: number;
  change: number;
  rel: number;
}

/** The fields of a table's rows in output order, and where each metric's fields sit. */
interface Layout {
  keys: string[];
  slots: MetricSlots[];
  at: (key: string) => number;
}

function layout(ctx: DeriveContext, labelKeys: string[], py: boolean, pp: boolean, ranked: boolean): Layout {
  const keys = [...labelKeys];
  for (const { m, keys: k } of ctx.plan) {
    keys.push(m.id);
    if (m.kind === 'rate') keys.push(k.numerator, k.denominator);
    for (const [on, c] of [
      [py, k.yoy],
      [pp, k.mom],
    ] as const) {
      if (on) keys.push(c.prev, c.change, ...(m.kind === 'count' ? [c.rel] : []));
    }
  }
  if (py) keys.push('double_decline');
  keys.push('warnings');
  if (ranked) keys.push('small_sample', 'rank_in_kind', 'rank_in_group');
  const index = new Map(keys.map((k, i) => [k, i]));
  const at = (key: string) => index.get(key) ?? -1;
  const slots = ctx.plan.map(({ keys: k }, i) => ({
    value: at(ctx.plan[i]!.m.id),
    numerator: at(k.numerator),
    denominator: at(k.denominator),
    yoy: { prev: at(k.yoy.prev), change: at(k.yoy.change), rel: at(k.yoy.rel) },
    mom: { prev: at(k.mom.prev), change: at(k.mom.change), rel: at(k.mom.rel) },
  }));
  return { keys, slots, at };
}

function rateOf(m: RateMetric, basisId: string | undefined, c: Counts) {
  return rateWith(basisOf(m, basisId), c);
}

function rateWith(b: RateBasis, c: Counts) {
  let num = 0;
  let den = 0;
  for (const id of b.numerator) num += c[id] ?? 0;
  for (const id of b.denominator) den += c[id] ?? 0;
  return { value: den > 0 ? num / den : null, num, den };
}

/** A row's figures, written into `out` at the places `L` gives: values, rate numerators and denominators, comparisons, status. */
function derive(
  ctx: DeriveContext,
  L: Layout,
  out: Cell[],
  c: Counts,
  py: Counts | null,
  pp: Counts | null,
): void {
  for (let i = 0; i < ctx.plan.length; i++) {
    const { m, basis } = ctx.plan[i]!;
    const at = L.slots[i]!;
    if (basis === null) {
      const v = c[m.id] ?? 0;
      out[at.value] = v;
      if (py) compareCount(out, at.yoy, v, py[m.id] ?? 0);
      if (pp) compareCount(out, at.mom, v, pp[m.id] ?? 0);
    } else {
      const r = rateWith(basis, c);
      out[at.value] = r.value;
      out[at.numerator] = r.num;
      out[at.denominator] = r.den;
      if (py) compareRate(out, at.yoy, r.value, rateWith(basis, py).value);
      if (pp) compareRate(out, at.mom, r.value, rateWith(basis, pp).value);
    }
  }
  // Litigation counters are always fetched (a missing key is a zero), so every row gets a status.
  if (py) {
    out[L.at('double_decline')] = doubleDecline(c, py, ctx.basis.lit_loss_rate, ctx.settings.min_denominator);
  }
  out[L.at('warnings')] = warnings(c, py, ctx);
}

function compareCount(out: Cell[], k: CompareSlots, v: number, p: number): void {
  out[k.prev] = p;
  out[k.change] = v - p;
  out[k.rel] = p > 0 ? (v - p) / p : null;
}

/** A change of a rate is a difference of fractions: −0.021 reads "下降2.1个百分点". */
function compareRate(out: Cell[], k: CompareSlots, v: number | null, p: number | null): void {
  out[k.prev] = p;
  out[k.change] = v !== null && p !== null ? v - p : null;
}

const LOSS_RATE = METRICS.find((m) => m.id === 'lit_loss_rate') as RateMetric;
const APPEARANCE_RATE = METRICS.find((m) => m.id === 'lit_head_appearance_rate') as RateMetric;
const lossRate = (): RateMetric => LOSS_RATE;
const appearanceRate = (): RateMetric => APPEARANCE_RATE;

/**
 * 双降: filings fell and the loss rate fell; 单降: one of them; 未降: neither; 样本不足: either year's loss-rate
 * denominator is below the minimum. A loss rate that stays at 0 counts as not risen (保持零败诉), i.e. fallen.
 */
export function doubleDecline(
  c: Counts,
  py: Counts,
  basis: string | undefined,
  minDen: number,
): DoubleDecline {
  const now = rateOf(lossRate(), basis, c);
  const before = rateOf(lossRate(), basis, py);
  if (now.den < minDen || before.den < minDen) return '样本不足';
  const filedFell = (c.lit_filed ?? 0) < (py.lit_filed ?? 0);
  const rateFell = now.value! < before.value! || (now.value === 0 && before.value === 0);
  return filedFell && rateFell ? '双降' : filedFell || rateFell ? '单降' : '未降';
}

function warnings(c: Counts, py: Counts | null, ctx: DeriveContext): WarningCode[] {
  const s = ctx.settings;
  const out: WarningCode[] = [];
  const loss = rateOf(lossRate(), ctx.basis.lit_loss_rate, c);
  if (
    loss.value !== null &&
    loss.value > s.loss_rate_warning &&
    loss.den >= s.loss_rate_warning_min_concluded
  ) {
    out.push('loss_rate_high');
  }
  const appear = rateOf(appearanceRate(), ctx.basis.lit_head_appearance_rate, c);
  if (appear.value !== null && appear.value < s.head_appearance_warning) out.push('head_appearance_low');
  if (py && (c.lit_filed ?? 0) > (py.lit_filed ?? 0)) out.push('filed_up');
  if ((c.lit_head_absences ?? 0) > 0) out.push('head_absent');
  return out;
}
