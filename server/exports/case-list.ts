/**
 * A unit's case list (GET /api/exports/units/:code/cases.csv|.xlsx) as CSV (UTF-8 with BOM, '#' lines first, as
 * the metric CSV) or XLSX (one sheet with a heading block). Headers are the import contract's own (DESIGN.md §3:
 * 案号, 立案日期, 负责人是否出庭 …), so a reader recognises the columns of the files the bureau sends in; the flag
 * column is named after its metric (败诉, 复议纠错, 诉前化解成功). Yes/no as 是/否, blanks empty.
 */
import ExcelJS from 'exceljs';
import type { CaseListRow, UnitCasesResult } from '../contracts/cases.ts';
import { FAMILY_SPECS, getMetric } from '../metrics/index.ts';
import type { Family } from '../metrics/types.ts';
import { csvLine, safeXlsxValue, type CellValue } from './safe-cell.ts';

const FAMILY_ZH: Record<Family, string> = {
  litigation: '行政诉讼案件',
  reconsideration: '行政复议案件',
  prelitigation: '诉前化解纠纷',
};

/** The header of each list column: the import contract's Chinese header (案号 is per family). */
const HEADERS: Record<string, string> = {
  instance: '审级',
  court: '法院',
  filed_on: '立案日期',
  closed_on: '结案日期',
  cause: '案由',
  domain: '管理领域',
  closing: '结案方式',
  judgment: '裁判结果',
  loss_reason: '败诉原因',
  hearing_held: '是否开庭',
  head_appeared: '负责人是否出庭',
  head_title: '出庭负责人职务',
  head_spoke: '负责人是否发言',
  applied_on: '申请日期',
  accepted_on: '受理日期',
  matter: '申请事项',
  decision: '决定类型',
  litigated_after: '是否起诉',
  registered_on: '登记日期',
  source: '来源',
  result: '结果',
  result_on: '结果日期',
};
const CASE_NO: Record<Family, string> = {
  litigation: '案号',
  reconsideration: '复议案号',
  prelitigation: '登记号',
};
/** Pre-litigation's 争议领域 has its own header in the contract. */
const FAMILY_HEADERS: Partial<Record<Family, Record<string, string>>> = {
  prelitigation: { domain: '争议领域' },
};

export function caseListHeaders(list: UnitCasesResult): string[] {
  return list.columns.map((c) =>
    c === 'case_no'
      ? CASE_NO[list.family]
      : c === 'flag'
        ? (getMetric(list.flag)?.name.zh ?? list.flag)
        : (FAMILY_HEADERS[list.family]?.[c] ?? HEADERS[c] ?? c),
  );
}

function value(v: CaseListRow[string] | undefined): CellValue {
  if (typeof v === 'boolean') return v ? '是' : '否';
  return v ?? null;
}

/** The heading lines: what, whose, which period and which records (the list's rule and its flag's metric). */
function heading(list: UnitCasesResult, generatedAt: string): string[] {
  const flag = getMetric(list.flag);
  const stream = list.stream
    ? `仅${HEADERS[streamColumn(list.family, list.stream)] ?? list.stream}在统计期内的记录`
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
