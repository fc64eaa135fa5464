import { HEADLINE_METRICS } from '../../../../server/metrics/headline.ts';
import type { MetricRow, MetricsResult } from '../api/client.ts';

export type MetricResultRow = MetricRow;
export type MetricsResultLike = Pick<MetricsResult, 'basis'>;

/** The Overview's KPI strip: the headline figures (shared with the meeting report). */
export const OVERVIEW_KPIS: readonly string[] = HEADLINE_METRICS;

/** A number cell of a metric row, or null. */
export function cell(row: MetricRow | undefined, key: string): number | null {
  const v = row?.[key];
  return typeof v === 'number' ? v : null;
}
