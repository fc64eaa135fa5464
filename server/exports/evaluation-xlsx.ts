/**
 * The year-end evaluation as XLSX (DESIGN.md §10): sheet 「考核得分」 one row per unit (base, one column of points
 * per rule, score to 2 decimals, grade, rank within its kind), sheet 「考核细则」 the rules as written, and a sheet
 * per unit that lost or gained points, listing each rule's figure and the case numbers behind it. Depends on the
 * contract only.
 */
import ExcelJS from 'exceljs';
import type { EvaluationResult, EvaluationRules } from '../contracts/evaluation.ts';
import { safeXlsxValue } from './safe-cell.ts';

const SKIPPED: Record<string, string> = {
  kind: '不适用本类单位',
  small_sample: '样本不足，不计分',
  no_value: '无数据，不计分',
};

/** A figure as printed: a rate as a percentage to 1 decimal, a count as is, none as —. */
function figure(value: number | null, isRate: boolean): string | number {
  if (value === null) return '—';
  return isRate ? `${(value * 100).toFixed(1)}%` : value;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** A sheet name Excel accepts: ≤ 31 characters, none of []:*?/\ and unique in the book. */
function sheetName(wanted: string, taken: Set<string>): string {
  const base = wanted.replace(/[[\]:*?/\\]/g, '').slice(0, 28);
  let name = base;
  for (let i = 2; taken.has(name); i++) name = `${base}${i}`;
  taken.add(name);
  return name;
}

export async function evaluationXlsx(
  result: EvaluationResult,
  rules: EvaluationRules,
  isRate: (metricId: string) => boolean,
  generatedAt: string,
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '双降';
  const taken = new Set<string>();
  const ws = wb.addWorksheet(sheetName('考核得分', taken));
  ws.addRow([rules.title]).font = { bold: true, size: 14 };
  ws.addRow([
    `考核年度：${result.year}年；细则版本：${result.rules_version || '未保存'}；生成于 ${generatedAt}`,
  ]);
  ws.addRow([]);
  const header = [
    '单位编码',
    '单位名称',
    '单位类型',
    '基础分',
    ...rules.rules.map((r) => r.label),
    '得分',
    '等次',
    '类内排名',
  ];
  ws.addRow(header).font = { bold: true };
  const headerRow = ws.rowCount;
  for (const row of result.rows) {
    const base = rules.base[row.unit_kind] ?? rules.base['*'] ?? 0;
    ws.addRow([
      safeXlsxValue(row.unit_code),
      safeXlsxValue(row.unit_name),
      safeXlsxValue(row.unit_kind),
      base,
      ...row.items.map((i) => (i.skipped === 'kind' ? '—' : i.points)),
      round2(row.score),
      safeXlsxValue(row.grade ?? ''),
      row.rank_in_kind,
    ]);
  }
  ws.getColumn(1).width = 10;
  ws.getColumn(2).width = 30;
  ws.getColumn(3).width = 12;
  for (let c = 4; c <= header.length; c++) ws.getColumn(c).width = c < header.length - 2 ? 16 : 10;
  ws.getRow(headerRow).alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
  ws.views = [{ state: 'frozen', ySplit: headerRow, xSplit: 2 }];

  const rs = wb.addWorksheet(sheetName('考核细则', taken));
  rs.addRow(['规则', '说明', '指标', '计分方式', '适用单位类型']).font = { bold: true };
  for (const r of rules.rules) {
    const how =
      r.each !== undefined
        ? `每件 ${r.each} 分${r.cap !== undefined ? `，累计不超过 ${r.cap} 分` : ''}`
        : `${r.above !== undefined ? `高于 ${r.above}` : r.below !== undefined ? `低于 ${r.below}` : r.at_least !== undefined ? `不低于 ${r.at_least}` : `不高于 ${r.at_most}`}：${r.points} 分`;
    rs.addRow([
      r.id,
      r.label,
      `${r.metric}${r.basis ? `（口径${r.basis}）` : ''}`,
      how,
      r.kinds?.join('、') ?? '全部',
    ]);
  }
  rs.columns.forEach((c, i) => (c.width = [12, 40, 28, 30, 20][i] ?? 12));

  for (const row of result.rows) {
    if (!row.items.some((i) => i.points !== 0)) continue;
    const us = wb.addWorksheet(sheetName(row.unit_name, taken));
    us.addRow([`${row.unit_name}（${row.unit_code}）：得分 ${round2(row.score)}`]).font = { bold: true };
    us.addRow([]);
    us.addRow(['规则', '指标值', '件数', '得分', '说明', '案号']).font = { bold: true };
    for (const i of row.items) {
      const r = rules.rules.find((x) => x.id === i.rule_id)!;
      us.addRow([
        safeXlsxValue(i.label),
        figure(i.value, isRate(r.metric)),
        i.count ?? '—',
        i.points,
        i.skipped ? SKIPPED[i.skipped] : '',
        safeXlsxValue(i.case_nos.join('、')),
      ]);
    }
    us.columns.forEach((c, k) => (c.width = [36, 10, 8, 8, 18, 60][k] ?? 12));
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
