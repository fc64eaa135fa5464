/**
 * A unit's case list (GET /api/exports/units/:code/cases.csv|.xlsx) as CSV (UTF-8 with BOM, '#' lines first, as
 * the metric CSV) or XLSX (one sheet with a heading block). Headers are the import contract's own (DESIGN.md §3:
 * 案号, 立案日期, 负责人是否出庭 …), so a reader recognises the columns of the files the bureau sends in; the flag
 * column is named after its metric (败诉, 复议纠错, 诉前化解成功). Yes/no as 是/否, blanks empty.
 */
import ExcelJS from 'exceljs';
import type { CaseListRow, UnitCasesResult } from '../contracts/cases.ts';
import { COLUMNS } from '../domain/record-columns.ts';
import { FAMILY_SPECS, getMetric } from '../metrics/index.ts';
import type { Family } from '../metrics/types.ts';
import { csvLine, safeXlsxValue, type CellValue } from './safe-cell.ts';

const FAMILY_ZH: Record<Family, string> = {
  litigation: '行政诉讼案件',
  reconsideration: '行政复议案件',
  prelitigation: '诉前化解纠纷',
};

/** A list column's header: the import contract's Chinese header (case_no is 案号 / 复议案号 / 登记号 by family). */
export function caseColumnHeader(family: Family, column: string): string {
  const key = column === 'case_no' && family === 'prelitigation' ? 'dispute_no' : column;
  return COLUMNS[family].find((c) => c.key === key)?.header ?? column;
}

export function caseListHeaders(list: UnitCasesResult): string[] {
  return list.columns.map((c) =>
    c === 'flag' ? (getMetric(list.flag)?.name.zh ?? list.flag) : caseColumnHeader(list.family, c),
  );
}

/** A list cell as the files read: yes/no as 是/否, a blank as `blank` (empty in CSV/XLSX, 「—」 on a slide). */
export function caseCell<B>(v: CaseListRow[string] | undefined, blank: B): string | B {
  if (typeof v === 'boolean') return v ? '是' : '否';
  return v === null || v === undefined || v === '' ? blank : v;
}

const value = (v: CaseListRow[string] | undefined): CellValue => caseCell(v, null);

/** The heading lines: what, whose, which period and which records (the list's rule and its flag's metric). */
function heading(list: UnitCasesResult, generatedAt: string): string[] {
  const flag = getMetric(list.flag);
  const stream = list.stream
    ? `仅${caseColumnHeader(list.family, streamColumn(list.family, list.stream))}在统计期内的记录`
    : '统计期内任一计数日期的记录';
  return [
    `案件清单 · ${list.unit.name}（${list.unit.code}）· ${FAMILY_ZH[list.family]}`,
    `统计期：${list.period.label.zh}（${list.period.from}至${list.period.to}）；${stream}；审级：${list.instances?.join('、') ?? '全部'}`,
    `“${flag?.name.zh ?? list.flag}”列：${flag?.definition.zh ?? ''}`,
    `共 ${list.total} 条；生成于 generated at: ${generatedAt}`,
  ];
}

const streamColumn = (f: Family, stream: string) => FAMILY_SPECS[f].streams[stream] ?? stream;

export function caseListCsv(list: UnitCasesResult, generatedAt: string): string {
  const out = ['\uFEFF'];
  for (const line of heading(list, generatedAt)) out.push(csvLine([`# ${line}`]));
  out.push(csvLine(caseListHeaders(list)));
  for (const r of list.rows) out.push(csvLine(list.columns.map((c) => value(r[c]))));
  return out.join('');
}

export async function caseListXlsx(list: UnitCasesResult, generatedAt: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '双降';
  const ws = wb.addWorksheet('案件清单');
  const [title, ...notes] = heading(list, generatedAt);
  ws.addRow([title]).font = { bold: true, size: 14 };
  for (const n of notes) ws.addRow([n]);
  ws.addRow([]);
  const headers = caseListHeaders(list);
  ws.addRow(headers).font = { bold: true };
  const headerRow = ws.rowCount;
  for (const r of list.rows) {
    const row = ws.addRow(list.columns.map((c) => safeXlsxValue(value(r[c]))));
    // A flagged record (败诉, 纠错, 化解成功) in red, as on the page.
    if (r.flag === true) row.font = { color: { argb: 'FFC62828' } };
  }
  headers.forEach((h, i) => {
    const key = list.columns[i]!;
    ws.getColumn(i + 1).width =
      key === 'case_no' ? 26 : key === 'court' ? 22 : Math.max(h.length * 2 + 2, 10);
  });
  ws.views = [{ state: 'frozen', ySplit: headerRow, xSplit: 1 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}
