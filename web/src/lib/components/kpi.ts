import type { MetricRow, MetricsResult } from '../api/client.ts';

export type MetricResultRow = MetricRow;
export type MetricsResultLike = Pick<MetricsResult, 'basis' | 'previous_year' | 'previous_period'>;

/** The period a change compares with (同比: the same period last year; 环比: the previous one), or null. */
export function comparedPeriod(
  result: Pick<MetricsResult, 'previous_year' | 'previous_period'>,
  compare: 'yoy' | 'mom',
): { from: string; to: string } | null {
  return (compare === 'mom' ? result.previous_period : result.previous_year) ?? null;
}

/** A number cell of a metric row, or null. */
export function cell(row: MetricRow | undefined, key: string): number | null {
  const v = row?.[key];
  return typeof v === 'number' ? v : null;
}
