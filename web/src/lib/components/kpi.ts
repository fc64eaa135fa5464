import type { MetricRow, MetricsResult } from '../api/client.ts';

export type MetricResultRow = MetricRow;
export type MetricsResultLike = Pick<MetricsResult, 'basis'>;

/** A number cell of a metric row, or null. */
export function cell(row: MetricRow | undefined, key: string): number | null {
  const v = row?.[key];
  return typeof v === 'number' ? v : null;
}
