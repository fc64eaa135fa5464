/**
 * The metric registry (DESIGN.md §4): every figure the product shows is defined here — id, names, definition
 * text, 口径 variants, format and the SQL condition it counts — and nothing outside this folder computes one.
 * The API, CLI, exports, narrative and web all read these definitions.
 */
import { litigationCounts, litigationFamily, litigationRates } from './litigation.metric.ts';
import { prelitigationCounts, prelitigationFamily, prelitigationRates } from './prelitigation.metric.ts';
import {
  reconsiderationCounts,
  reconsiderationFamily,
  reconsiderationRates,
} from './reconsideration.metric.ts';
import type { Knex } from '../db/knex.ts';
import { LOSS_JUDGMENTS } from './litigation.metric.ts';
import type { CountMetric, Family, FamilySpec, MetricDefinition, RateBasis, RateMetric } from './types.ts';

export type {
  CountMetric,
  Family,
  FamilySpec,
  MetricDefinition,
  Period,
  RateBasis,
  RateMetric,
} from './types.ts';
export { FAMILIES } from './types.ts';

export const FAMILY_SPECS: Record<Family, FamilySpec> = {
  litigation: litigationFamily,
  reconsideration: reconsiderationFamily,
  prelitigation: prelitigationFamily,
};

export const COUNTS: Record<Family, readonly CountMetric[]> = {
  litigation: litigationCounts,
  reconsideration: reconsiderationCounts,
  prelitigation: prelitigationCounts,
};

export const RATES: readonly RateMetric[] = [
  ...litigationRates,
  ...reconsiderationRates,
  ...prelitigationRates,
];

/** Every metric in display order: each family's counts, then its rates. */
export const METRICS: readonly MetricDefinition[] = [
  ...litigationCounts,
  ...litigationRates,
  ...reconsiderationCounts,
  ...reconsiderationRates,
  ...prelitigationCounts,
  ...prelitigationRates,
];

const byId = new Map(METRICS.map((m) => [m.id, m]));

export function getMetric(id: string): MetricDefinition | undefined {
  return byId.get(id);
}

/** The families a rate reads (substantive_resolution_rate spans litigation and pre-litigation). */
export function familiesOf(m: MetricDefinition): Family[] {
  if (m.kind === 'count') return [m.family];
  const ids = m.bases.flatMap((b) => [...b.numerator, ...b.denominator]);
  return [...new Set(ids.map((id) => (byId.get(id) as CountMetric).family))];
}

/** The chosen 口径 of a rate, or its default. */
export function basisOf(m: RateMetric, chosen: string | undefined): RateBasis {
  return m.bases.find((b) => b.id === chosen) ?? m.bases[0];
}

// --- Foundation slice kept for GET /api/overview until it moves onto the metrics service. ---

export interface RateValue {
  value: number | null;
  numerator: number;
  denominator: number;
}

export interface CountyTotals {
  lit_filed: number;
  lit_concluded: number;
  lit_losses: number;
  lit_loss_rate: RateValue;
}

/** County totals for a period: each first-instance case counted once, whatever its number of defendants. */
export async function countyTotals(db: Knex, period: { from: string; to: string }): Promise<CountyTotals> {
  const row = await db('litigation_case')
    .where('instance', '一审')
    .select(
      db.raw('count(*) FILTER (WHERE filed_on BETWEEN ? AND ?) AS lit_filed', [period.from, period.to]),
      db.raw('count(*) FILTER (WHERE closed_on BETWEEN ? AND ?) AS lit_concluded', [period.from, period.to]),
      db.raw(
        `count(*) FILTER (WHERE closed_on BETWEEN ? AND ? AND closing = '判决' AND judgment = ANY(?)) AS lit_losses`,
        [period.from, period.to, [...LOSS_JUDGMENTS]],
      ),
    )
    .first<{ lit_filed: number; lit_concluded: number; lit_losses: number }>();
  return { ...row, lit_loss_rate: rate(row.lit_losses, row.lit_concluded) };
}

/** A rate with an empty denominator is null (shown as —), never 0. */
export function rate(numerator: number, denominator: number): RateValue {
  return { value: denominator > 0 ? numerator / denominator : null, numerator, denominator };
}

/** The latest calendar year holding any first-instance filing, or null for an empty database. */
export async function latestYear(db: Knex): Promise<number | null> {
  const row = await db('litigation_case')
    .where('instance', '一审')
    .max<{ max: string | null }>('filed_on as max')
    .first();
  return row?.max ? Number(row.max.slice(0, 4)) : null;
}
