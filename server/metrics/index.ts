/**
 * The metric registry: every figure the product shows is defined here, and nothing outside this folder
 * computes one. (Foundation slice: the county's first-instance litigation totals; the full registry of
 * DESIGN.md §4 grows here.)
 */
import type { Knex } from '../db/knex.ts';
import { LOSS_JUDGMENTS, litigationMetrics } from './litigation.metric.ts';
import type { MetricDefinition, Period } from './types.ts';

export type { MetricDefinition, Period };

export const METRICS: readonly MetricDefinition[] = [...litigationMetrics];

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
export async function countyTotals(db: Knex, period: Period): Promise<CountyTotals> {
  const row = await db('litigation_case')
    .where('instance', '一审')
    .select(
      db.raw('count(*) FILTER (WHERE filed_on BETWEEN ? AND ?) AS lit_filed', [period.from, period.to]),
      db.raw('count(*) FILTER (WHERE closed_on BETWEEN ? AND ?) AS lit_concluded', [period.from, period.to]),
      db.raw(
        `count(*) FILTER (WHERE closed_on BETWEEN ? AND ? AND closing = '判决' AND judgment = ANY(?)) AS lit_losses`,
        [period.from, period.to, LOSS_JUDGMENTS],
      ),
    )
    .first<{ lit_filed: number; lit_concluded: number; lit_losses: number }>();
  return {
    ...row,
    lit_loss_rate: rate(row.lit_losses, row.lit_concluded),
  };
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
