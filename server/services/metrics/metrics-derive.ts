/**
 * A row's figures from its counters: values, rate numerators and denominators, 同比 / 环比, the double-decline
 * status and warnings, written into a positional row at the places its layout gives.
 */
import {
  basisOf,
  COUNTS,
  FAMILIES,
  METRICS,
  type MetricDefinition,
  type RateBasis,
  type RateMetric,
} from '../../metrics/index.ts';
import type { DoubleDecline, MetricSettings, WarningCode } from '../../metrics/settings.ts';
import { bySeverity } from '../../metrics/warnings.ts';
import type { Cell } from '../../contracts/metrics.ts';

/** A row's counters by counter id. */
export type Counts = Record<string, number>;

/** Every counter at zero: the starting point of a row's counts (one object shape for all rows). */
export const ZERO_COUNTS: Counts = Object.fromEntries(
  FAMILIES.flatMap((f) => COUNTS[f].map((c) => [c.id, 0] as const)),
);

/** Column names per metric, built once: a 10,000-row table must not build 1.5 million key strings. */
export const KEYS = new Map(
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

export interface DeriveContext {
  /** The selected metrics with their column names and, for rates, the chosen 口径 (resolved once per table). */
  plan: { m: MetricDefinition; keys: NonNullable<ReturnType<typeof KEYS.get>>; basis: RateBasis | null }[];
  basis: Record<string, string>;
  settings: MetricSettings;
}

export function deriveContext(
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
export interface Layout {
  keys: string[];
  slots: MetricSlots[];
  at: (key: string) => number;
}

export function layout(
  ctx: DeriveContext,
  labelKeys: string[],
  py: boolean,
  pp: boolean,
  ranked: boolean,
): Layout {
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
export function derive(
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
  // Most serious first (server/metrics/warnings.ts), as the overview and the deck list them.
  return out.length > 1 ? out.sort(bySeverity) : out;
}
