/**
 * Reading the import ledger and the rows an import rejected — including the rejected rows as a CSV the user can
 * fix in a spreadsheet and import again (the file's own columns in its own order, plus the reason columns, which
 * the importer ignores on the way back in).
 */
import type { Knex } from '../../db/knex.ts';
import { safeCellText } from '../../exports/safe-cell.ts';
import {
  getImport,
  listImports,
  listRejectedRows,
  type LedgerRow,
  type RejectedRow,
} from '../../repositories/import.repository.ts';
import type { ImportKind } from './types.ts';

export type { LedgerRow, RejectedRow };

export function importLedger(
  db: Knex,
  opts: { limit?: number; offset?: number; kind?: ImportKind } = {},
): Promise<LedgerRow[]> {
  return listImports(db, opts);
}

export function importEntry(db: Knex, id: number): Promise<LedgerRow | undefined> {
  return getImport(db, id);
}

export function rejectedRows(db: Knex, importId: number): Promise<RejectedRow[]> {
  return listRejectedRows(db, importId);
}

export const REASON_HEADERS = ['错误原因', 'error'] as const;

function csvCell(value: string): string {
  // Raw source data: a cell starting like a formula is escaped so the spreadsheet shows it as text.
  const v = safeCellText(value);
  return /[",\r\n]/.test(v) || v !== v.trim() ? `"${v.replace(/"/g, '""')}"` : v;
}

/** UTF-8 with BOM (so Excel opens it as UTF-8), CRLF line ends as spreadsheet programs write them. */
export async function rejectedRowsCsv(db: Knex, importId: number): Promise<string | undefined> {
  const entry = await getImport(db, importId);
  if (!entry) return undefined;
  const rows = await listRejectedRows(db, importId);
  const headers = entry.headers?.filter((h) => h.trim() !== '') ?? [
    ...new Set(rows.flatMap((r) => Object.keys(r.raw))),
  ];
  const columns = [
    ...headers.filter((h) => !(REASON_HEADERS as readonly string[]).includes(h)),
    ...REASON_HEADERS,
  ];
  const lines = [columns.map(csvCell).join(',')];
  for (const r of rows) {
    const cells = columns.map((h) =>
      h === REASON_HEADERS[0]
        ? `第 ${r.row_number} 行：${r.reason}`
        : h === REASON_HEADERS[1]
          ? `row ${r.row_number}: ${r.reason_en}`
          : (r.raw[h] ?? ''),
    );
    lines.push(cells.map(csvCell).join(','));
  }
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}
