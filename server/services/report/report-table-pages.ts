/** A table of the report as slides: columns fitted to the text of all its rows, then pages of even length. */
import type { DeckSlide } from '../../contracts/report.ts';
import { balancePages, bodyBudget, fitTable } from '../../exports/table-fit.ts';

type TableSlide = Extract<DeckSlide, { kind: 'table' }>;
type Row = TableSlide['rows'][number];

export interface PagedTable {
  title: string;
  columns: { label: string; align?: 'left' | 'center' | 'right'; wrap?: boolean }[];
  rows: Row[];
  /** Under each page's title: what the rows are and their order. */
  subtitle?: string;
  caption?: string;
  notes: (page: Row[]) => string;
}

/**
 * One slide per page, titled 「…（1/3）」 when there are several. Every page has the same column widths and font
 * size (fitted over all rows, server/exports/table-fit.ts) and the pages are balanced, so no slide holds one
 * leftover row.
 */
export function tableSlides(t: PagedTable): TableSlide[] {
  const fit = fitTable(
    t.columns,
    t.rows.map((r) => r.cells),
  );
  const sizes = balancePages(fit.rowHeights, bodyBudget(fit.headerHeight, t.subtitle !== undefined));
  const columns = t.columns.map((c, i) => ({ ...c, width: round(fit.widths[i]!) }));
  let start = 0;
  return sizes.map((size, p) => {
    const rows = t.rows.slice(start, start + size);
    start += size;
    return {
      kind: 'table',
      title: sizes.length > 1 ? `${t.title}（${p + 1}/${sizes.length}）` : t.title,
      ...(t.subtitle ? { subtitle: t.subtitle } : {}),
      columns,
      rows,
      fontSize: fit.fontSize,
      ...(t.caption ? { caption: t.caption } : {}),
      notes: t.notes(rows),
    };
  });
}

/** Widths to a thousandth of an inch: the model (and a frozen snapshot) stays readable. */
function round(v: number): number {
  return Math.round(v * 1000) / 1000;
}
