/**
 * How warnings are listed (issue #21 item 6): grouped by warning, the most serious warning first, and within a
 * group the unit with the most to answer for first. The meeting deck's 「预警与需关注单位」 slide, the overview's
 * warnings list and the order of the codes in each metric row's `warnings` all follow this one rule, so a court
 * president reads the real cases (a loss rate over the line on enough cases, a head absent from a hearing) before
 * 「新收同比上升 0→1」.
 *
 * Pure and dependency-free: the web bundle imports it too.
 */
import type { Cell } from '../contracts/metrics.ts';
import type { WarningCode } from './settings.ts';

/**
 * Warning codes, most serious first. A loss rate over the line (on at least the minimum of concluded cases) is an
 * outcome the court has already judged; a head absent from a hearing is what draws a 司法建议; an appearance rate
 * under target is the same absences as a rate; more filings than last year is a signal, often of one case.
 */
export const WARNING_SEVERITY: readonly WarningCode[] = [
  'loss_rate_high',
  'head_absent',
  'head_appearance_low',
  'filed_up',
];

type Row = Record<string, Cell>;

const num = (r: Row, id: string): number => (typeof r[id] === 'number' ? r[id] : 0);

/**
 * A group's magnitude per unit, compared left to right, larger first: the figure the warning is about, then the
 * count behind it (33.3% of 3 before 33.3% of 9 would hide the bigger problem, so the count breaks ties).
 */
const MAGNITUDE: Record<WarningCode, (r: Row) => number[]> = {
  loss_rate_high: (r) => [num(r, 'lit_loss_rate'), num(r, 'lit_loss_rate_numerator')],
  head_absent: (r) => [num(r, 'lit_head_absences'), -num(r, 'lit_head_appearance_rate')],
  head_appearance_low: (r) => [
    -num(r, 'lit_head_appearance_rate'),
    num(r, 'lit_head_appearance_rate_denominator') - num(r, 'lit_head_appearance_rate_numerator'),
  ],
  // The rise in cases (this period − the same period last year), then the cases now.
  filed_up: (r) => [num(r, 'lit_filed') - num(r, 'lit_filed_prev_year'), num(r, 'lit_filed')],
};

/** The codes of a row's `warnings` cell. */
export function warningCodes(r: Row): WarningCode[] {
  const w = r.warnings;
  return Array.isArray(w)
    ? (w.filter((c) => WARNING_SEVERITY.includes(c as WarningCode)) as WarningCode[])
    : [];
}

/** Sort comparator for warning codes: most serious first. */
export function bySeverity(a: WarningCode, b: WarningCode): number {
  return WARNING_SEVERITY.indexOf(a) - WARNING_SEVERITY.indexOf(b);
}

export interface WarningGroup<R> {
  code: WarningCode;
  /** The units carrying the warning, the largest magnitude first. */
  rows: R[];
}

/**
 * The rows that carry warnings, grouped by warning in severity order (a unit with two warnings is in both
 * groups); groups without a unit are left out. Ties keep the unit code order.
 */
export function groupWarnings<R extends Row>(rows: readonly R[]): WarningGroup<R>[] {
  return WARNING_SEVERITY.map((code) => {
    const magnitude = MAGNITUDE[code];
    const hit = rows
      .filter((r) => warningCodes(r).includes(code))
      .map((r) => ({ r, m: magnitude(r) }))
      .sort((a, b) => compareDesc(a.m, b.m) || String(a.r.unit_code).localeCompare(String(b.r.unit_code)));
    return { code, rows: hit.map((x) => x.r) };
  }).filter((g) => g.rows.length > 0);
}

function compareDesc(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (b[i] ?? 0) - (a[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
