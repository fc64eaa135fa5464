/**
 * What the 行政复议 and 诉前化解 pages show: their KPI strips, trend, breakdowns by the registry's record attributes
 * (`by=` dimensions), the kind comparison and the units' table columns. Data, so both pages share one component.
 */
import type { MessageKey } from '../i18n/messages.ts';

/** A breakdown chart: `metric` split by the dimension `by`, as a donut (shares) or bars (with `rate` on hover). */
export interface Breakdown {
  by: string;
  chart: 'donut' | 'bars';
  metric: string;
  rate?: string;
  title: MessageKey;
}

export interface FamilyPageSpec {
  family: 'reconsideration' | 'prelitigation';
  heading: MessageKey;
  tableHeading: MessageKey;
  /** KPI strips, one per line of five. */
  kpis: string[][];
  trend: { cases: string; rate: string; title: MessageKey };
  breakdowns: Breakdown[];
  kinds: { cases: string; rate: string; title: MessageKey };
  columns: string[];
}

export const RECONSIDERATION_PAGE: FamilyPageSpec = {
  family: 'reconsideration',
  heading: 'rec.heading',
  tableHeading: 'rec.units',
  kpis: [
    ['rec_received', 'rec_concluded', 'rec_corrected', 'rec_upheld', 'rec_settled'],
    [
      'rec_litigated_after',
      'rec_correction_rate',
      'rec_upheld_rate',
      'rec_settlement_rate',
      'rec_litigated_after_rate',
    ],
  ],
  trend: { cases: 'rec_received', rate: 'rec_correction_rate', title: 'rec.trend' },
  breakdowns: [
    { by: 'decision', chart: 'donut', metric: 'rec_concluded', title: 'rec.decisions' },
    {
      by: 'matter',
      chart: 'bars',
      metric: 'rec_received',
      rate: 'rec_correction_rate',
      title: 'rec.matters',
    },
  ],
  kinds: { cases: 'rec_received', rate: 'rec_correction_rate', title: 'rec.kinds' },
  columns: [
    'rec_received',
    'rec_concluded',
    'rec_corrected',
    'rec_correction_rate',
    'rec_upheld_rate',
    'rec_settlement_rate',
    'rec_litigated_after_rate',
  ],
};

export const PRELITIGATION_PAGE: FamilyPageSpec = {
  family: 'prelitigation',
  heading: 'pre.heading',
  tableHeading: 'pre.units',
  kpis: [
    ['pre_registered', 'pre_concluded', 'pre_resolved', 'pre_resolution_rate', 'substantive_resolution_rate'],
  ],
  trend: { cases: 'pre_registered', rate: 'pre_resolution_rate', title: 'pre.trend' },
  breakdowns: [
    { by: 'result', chart: 'donut', metric: 'pre_registered', title: 'pre.results' },
    {
      by: 'source',
      chart: 'bars',
      metric: 'pre_registered',
      rate: 'pre_resolution_rate',
      title: 'pre.sources',
    },
    {
      by: 'domain',
      chart: 'bars',
      metric: 'pre_registered',
      rate: 'pre_resolution_rate',
      title: 'pre.domains',
    },
  ],
  kinds: { cases: 'pre_registered', rate: 'pre_resolution_rate', title: 'pre.kinds' },
  columns: [
    'pre_registered',
    'pre_concluded',
    'pre_resolved',
    'pre_resolution_rate',
    'substantive_resolution_rate',
  ],
};
