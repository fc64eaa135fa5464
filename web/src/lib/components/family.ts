/**
 * What the 行政复议 and 诉前化解 pages show: their KPI strips, trend, breakdowns by the registry's record attributes
 * (`by=` dimensions), the kind comparison and the units' table columns. Data, so both pages share one component.
 */
import type { MessageKey } from '../i18n/messages.ts';
import { COMPARED_KINDS } from '../../../../server/metrics/kind-comparison.ts';

/**
 * A breakdown chart: `metric` split by the dimension `by`, as a donut (shares) or bars (with `rate` or the count
 * `also` on hover). `metric` is a figure of the page's KPI strip, and the chart's parts add up to it: bars past the
 * top eight are summed into one 其余 bar, records without the attribute are counted in a note under the chart
 * (tests/e2e/breakdown-totals.test.ts holds every page to it).
 */
export interface Breakdown {
  by: string;
  chart: 'donut' | 'bars';
  metric: string;
  rate?: string;
  also?: string;
  title: MessageKey;
  color?: string;
}

/** The metric ids a breakdown reads (`metrics=` of its query). */
export function breakdownMetrics(b: Breakdown): string[] {
  return [b.metric, ...(b.rate ? [b.rate] : []), ...(b.also ? [b.also] : [])];
}

/** 总览's breakdowns of the first-instance lawsuits: closing methods (审结), causes and domains (新收). */
export const OVERVIEW_BREAKDOWNS: Breakdown[] = [
  { by: 'closing', chart: 'donut', metric: 'lit_concluded', title: 'overview.closing' },
  { by: 'cause', chart: 'bars', metric: 'lit_filed', also: 'lit_losses', title: 'overview.causes' },
  { by: 'domain', chart: 'bars', metric: 'lit_filed', also: 'lit_losses', title: 'overview.domains' },
];

/** A unit's KPI strips: lawsuits, heads in court, reconsideration, pre-litigation. */
export const UNIT_KPIS: [string[], string[], string[], string[]] = [
  ['lit_filed', 'lit_concluded', 'lit_losses', 'lit_loss_rate', 'lit_mediation_withdrawal_rate'],
  [
    'lit_hearings',
    'lit_head_appearances',
    'lit_head_appearance_rate',
    'lit_head_spoke_rate',
    'lit_principal_share',
  ],
  ['rec_received', 'rec_concluded', 'rec_corrected', 'rec_correction_rate', 'rec_litigated_after_rate'],
  ['pre_registered', 'pre_concluded', 'pre_resolved', 'pre_resolution_rate', 'substantive_resolution_rate'],
];

/** A unit's breakdowns: its causes (新收) and why it lost (败诉). */
export const UNIT_BREAKDOWNS: Breakdown[] = [
  { by: 'cause', chart: 'bars', metric: 'lit_filed', also: 'lit_losses', title: 'unit.causes' },
  { by: 'loss_reason', chart: 'bars', metric: 'lit_losses', title: 'unit.lossReasons', color: '#c0392b' },
];

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
    // The results of the disputes concluded in the period (result date), not of those registered in it: so
    // 化解成功 here is the 诉前化解成功 KPI (regression: the donut read 73 by registration date beside a KPI of 80).
    { by: 'result', chart: 'donut', metric: 'pre_concluded', title: 'pre.results' },
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

/** The two kinds the 县直部门 vs 乡镇街道 charts compare, in that order. */

/**
 * Why the kinds chart's bars need not add up to the KPI (`total`): the kinds it leaves out (县政府, 垂管单位), and
 * cases whose defendants are of different kinds, which each kind's row counts (a kind row counts each case once,
 * the total once overall). Null when the bars do add up. `rows` are a `by=kind` answer's rows.
 */
export function kindsGap(
  rows: readonly Record<string, unknown>[],
  metric: string,
  total: number,
): { shown: number; total: number; others: number; shared: number } | null {
  const value = (r: Record<string, unknown>) => (typeof r[metric] === 'number' ? r[metric] : 0);
  const all = rows.reduce((s, r) => s + value(r), 0);
  const shown = rows
    .filter((r) => (COMPARED_KINDS as readonly unknown[]).includes(r.key))
    .reduce((s, r) => s + value(r), 0);
  if (shown === total) return null;
  return { shown, total, others: all - shown, shared: all - total };
}
