/** Rankings of unit rows within their kind and their peer group (排名), after every row is derived. */
import type { MetricDefinition } from '../../metrics/index.ts';
import type { MetricSettings } from '../../metrics/settings.ts';
import type { Cell } from '../../contracts/metrics.ts';
import { KEYS, type Layout } from './metrics-derive.ts';

/**
 * Ranks unit rows within their kind and their peer group by `metric` (1 = best, ties share a rank). Rates with a
 * denominator below the minimum are flagged small_sample and, by default, left unranked.
 */
export function rank(
  rows: Cell[][],
  L: Layout,
  metric: MetricDefinition,
  s: MetricSettings,
  small: 'exclude' | 'flag',
): void {
  const at = L.at(metric.id);
  const value = (r: Cell[]) => r[at] as number | null;
  const den = L.at(KEYS.get(metric.id)!.denominator);
  const smallAt = L.at('small_sample');
  for (const r of rows) r[smallAt] = metric.kind === 'rate' ? (r[den] as number) < s.min_denominator : false;
  const dir = metric.better === 'higher' ? -1 : 1;
  for (const [field, groupAt] of [
    [L.at('rank_in_kind'), L.at('unit_kind')],
    [L.at('rank_in_group'), L.at('unit_group')],
  ] as const) {
    const groups = new Map<Cell, Cell[][]>();
    for (const r of rows) {
      r[field] = null;
      if (value(r) === null || (small === 'exclude' && r[smallAt])) continue;
      const g = groups.get(r[groupAt] ?? null) ?? [];
      g.push(r);
      groups.set(r[groupAt] ?? null, g);
    }
    for (const g of groups.values()) {
      g.sort((a, b) => dir * (value(a)! - value(b)!));
      g.forEach((r, i) => {
        const prev = g[i - 1];
        r[field] = prev && value(prev) === value(r) ? (prev[field] as number) : i + 1;
      });
    }
  }
}
