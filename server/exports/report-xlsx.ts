/**
 * The report as a workbook: a cover sheet (title, period, 口径, data-as-of, the narrative), one sheet per table
 * of the report, and the definitions sheet. Text cells are escaped against formula injection; numbers stay
 * numbers (rates as fractions formatted as percentages).
 */
import ExcelJS from 'exceljs';
import type { ReportModel } from '../contracts/report.ts';
import { safeXlsxValue } from './safe-cell.ts';

export async function reportXlsx(model: ReportModel): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '双降';
  const cover = wb.addWorksheet('说明');
  cover.addRow([model.meta.title]).font = { bold: true, size: 14 };
  for (const line of [
    `统计期间：${model.meta.periodLabel}`,
    `口径：${model.meta.basisLabel}`,
    `数据来源：${model.meta.source}`,
    `数据截至：${model.meta.dataAsOf}`,
    '',
    model.narrative,
  ]) {
    cover.addRow([safeXlsxValue(line)]);
  }
  cover.getColumn(1).width = 120;
  cover.getColumn(1).alignment = { wrapText: true, vertical: 'top' };

  const used = new Set<string>(['说明']);
  for (const table of model.tables) {
    const ws = wb.addWorksheet(sheetName(table.name, used));
    const header = ws.addRow(table.columns.map((c) => safeXlsxValue(c)));
    header.font = { bold: true };
    header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE6F1' } };
    table.rows.forEach((row) => ws.addRow(row.map((v) => safeXlsxValue(v))));
    table.columns.forEach((c, i) => {
      const col = ws.getColumn(i + 1);
      col.width = Math.min(
        60,
        Math.max(10, c.length * 2.2, ...table.rows.map((r) => String(r[i] ?? '').length * 1.8)),
      );
      // A rate column holds fractions: show them as percentages, keep the number.
      if (/率|占比/.test(c) && !/分子|分母/.test(c)) col.numFmt = '0.0%';
    });
    ws.views = [{ state: 'frozen', ySplit: 1 }];
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Excel sheet names: at most 31 characters, none of []:*?/\, unique. */
function sheetName(name: string, used: Set<string>): string {
  const base = name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 28);
  let candidate = base;
  for (let i = 2; used.has(candidate); i++) candidate = `${base}${i}`;
  used.add(candidate);
  return candidate;
}
