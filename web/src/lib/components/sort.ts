import type { MetricRow } from '../api/client.ts';

export type SortDir = 'asc' | 'desc';

/**
 * Sorts table rows by a column: numbers numerically with nulls (no denominator) always last, text in Chinese
 * collation order. Stable for equal keys (the server's order, by unit code, is kept).
 */
export function sortRows(rows: MetricRow[], key: string, dir: SortDir): MetricRow[] {
  const sign = dir === 'asc' ? 1 : -1;
  return rows
    .map((r, i) => ({ r, i }))
    .sort((a, b) => {
      const x = a.r[key];
      const y = b.r[key];
      const xn = x === null || x === undefined;
      const yn = y === null || y === undefined;
      if (xn || yn) return xn && yn ? a.i - b.i : xn ? 1 : -1;
      if (typeof x === 'number' && typeof y === 'number') return (x - y) * sign || a.i - b.i;
      return String(x).localeCompare(String(y), 'zh-CN') * sign || a.i - b.i;
    })
    .map((x) => x.r);
}
