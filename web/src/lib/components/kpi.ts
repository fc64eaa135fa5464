import type { MetricRow, MetricsResult } from '../api/client.ts';

export type MetricResultRow = MetricRow;
export type MetricsResultLike = Pick<MetricsResult, 'basis'>;

/** The Overview's KPI strip, in the order of the bureau's monthly table. */
export const OVERVIEW_KPIS = [
  'lit_filed',
  'lit_concluded',
  'lit_losses',
  'lit_loss_rate',
  'lit_head_appearance_rate',
  'lit_head_spoke_rate',
  'lit_mediation_withdrawal_rate',
  'rec_correction_rate',
  'pre_resolution_rate',
  'substantive_resolution_rate',
];

/** A number cell of a metric row, or null. */
export function cell(row: MetricRow | undefined, key: string): number | null {
  const v = row?.[key];
  return typeof v === 'number' ? v : null;
}
