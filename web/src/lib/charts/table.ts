import type { MetricRow } from '../api/client.ts';
import { formatRate } from '../format.ts';

/** A chart's data as a plain table: what "copy data" puts on the clipboard. */
export interface ChartTable {
  head: string[];
  rows: (string | number | null)[][];
}

/** A figure column of a copy-data table: a count, or (`rate`) a rate with the n and N it is made of. */
export interface FigureColumn {
  id: string;
  name: string;
  rate?: boolean;
}

const cellOf = (r: MetricRow, key: string) => (typeof r[key] === 'number' ? r[key] : null);

/**
 * The copy-data table of a chart drawn from metric rows: each row's label, then its figures — a count as it is,
 * a rate as its percentage followed by n and N, so that a pasted rate can be checked against its counts.
 */
export function figuresTable(
  rows: readonly MetricRow[],
  label: (r: MetricRow) => string,
  columns: readonly FigureColumn[],
): ChartTable {
  return {
    head: ['', ...columns.flatMap((c) => (c.rate ? [c.name, 'n', 'N'] : [c.name]))],
    rows: rows.map((r) => [
      label(r),
      ...columns.flatMap((c) =>
        c.rate
          ? [formatRate(cellOf(r, c.id)), cellOf(r, `${c.id}_numerator`), cellOf(r, `${c.id}_denominator`)]
          : [cellOf(r, c.id)],
      ),
    ]),
  };
}

/** Tab-separated, one line per row: pastes into Excel/WPS as columns. Tabs and newlines in cells become spaces. */
export function tableToTsv(t: ChartTable): string {
  const cell = (v: string | number | null) => (v === null ? '' : String(v).replace(/[\t\r\n]+/g, ' '));
  return [t.head, ...t.rows].map((r) => r.map(cell).join('\t')).join('\n');
}
