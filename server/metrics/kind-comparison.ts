/**
 * The one definition of the 县直部门与乡镇街道 comparison (issue #21 item 4). The metric table by kind, the
 * overview's and the family pages' comparison charts and the report's 「县直部门与乡镇街道」 slide all read it, so
 * the meeting and the dashboard compare the same groups in the same order:
 *
 * - Order: 县直部门, 乡镇街道, then the other kinds of the code list (县政府, 垂管单位; DESIGN.md §2 lists them in
 *   this order), then any other kind alphabetically (a region's 市直部门 …).
 * - Compared: the two kinds the title names, and only those, are the chart's bars. The other kinds are one unit
 *   each in a county (the government, a handful of vertical agencies): drawn beside the two groups they read as
 *   peers of groups ten times their size, so they are a note under the chart instead.
 *
 * Pure and dependency-free apart from the code list: the web bundle imports it too.
 */
import type { Cell } from '../contracts/metrics.ts';
import { UNIT_KINDS } from '../domain/code-lists.ts';

/** The kinds the comparison names, in the order it shows them. */
export const COMPARED_KINDS = ['县直部门', '乡镇街道'] as const;

const ORDER: readonly string[] = [...COMPARED_KINDS, ...UNIT_KINDS.filter((k) => !isCompared(k))];

function isCompared(kind: string): boolean {
  return (COMPARED_KINDS as readonly string[]).includes(kind);
}

/** Sort comparator for unit kinds: the comparison's order. */
export function byKindOrder(a: string, b: string): number {
  const rank = (k: string) => (ORDER.includes(k) ? ORDER.indexOf(k) : ORDER.length);
  return rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0);
}

/** A by-kind row as the metric table writes it (`key` is the kind). */
type KindRow = { key?: Cell } & Record<string, Cell>;

export interface KindComparison<R> {
  /** 县直部门 then 乡镇街道, as far as the rows hold them (a scope of one kind holds one). */
  compared: R[];
  /** Every other kind with a non-zero figure among `figures`, in order; the note under the chart. */
  others: R[];
}

/**
 * Splits the rows of a by-kind metric table into the compared kinds and the others. `figures` are the metric ids
 * the chart shows: a kind other than the two with none of them (no cases at all) is left out of the note.
 */
export function kindComparison<R extends KindRow>(
  rows: readonly R[],
  figures: readonly string[],
): KindComparison<R> {
  const kindOf = (r: R) => String(r.key ?? '');
  const sorted = [...rows].sort((a, b) => byKindOrder(kindOf(a), kindOf(b)));
  return {
    compared: sorted.filter((r) => isCompared(kindOf(r))),
    others: sorted.filter(
      (r) => !isCompared(kindOf(r)) && figures.some((id) => typeof r[id] === 'number' && r[id] !== 0),
    ),
  };
}
