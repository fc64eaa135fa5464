/** A chart's data as a plain table: what "copy data" puts on the clipboard. */
export interface ChartTable {
  head: string[];
  rows: (string | number | null)[][];
}

/** Tab-separated, one line per row: pastes into Excel/WPS as columns. Tabs and newlines in cells become spaces. */
export function tableToTsv(t: ChartTable): string {
  const cell = (v: string | number | null) => (v === null ? '' : String(v).replace(/[\t\r\n]+/g, ' '));
  return [t.head, ...t.rows].map((r) => r.map(cell).join('\t')).join('\n');
}
