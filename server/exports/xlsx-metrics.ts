/**
 * A metric table as XLSX: sheet 指标表 (title, period, data-as-of, 口径, then Chinese headers over the metric-id
 * headers and the rows, the total last in bold under its scope's name; rates formatted as percentages but stored as the same fractions as the JSON)
 * and sheet 指标定义 (every column's definition).
 */
import ExcelJS from 'exceljs';
import { columnsOf, metricOfColumn } from '../metrics/columns.ts';
import { basisTextOf } from '../metrics/index.ts';
import type { MetricsResult } from '../contracts/metrics.ts';
import { safeXlsxValue } from './safe-cell.ts';

const NUM_FMT: Record<string, string> = {
  rate: '0.0%',
  relative: '0.0%',
  points: '+0.0%;-0.0%;0.0%',
  count: '0',
};

export async function metricsXlsx(result: MetricsResult): Promise<Buffer> {
  const rows = [...result.rows, result.total];
  const columns = columnsOf(rows);
  const wb = new ExcelJS.Workbook();
  wb.creator = '双降';
  const ws = wb.addWorksheet('指标表');
  ws.addRow([`双降指标表 · ${result.period.label.zh}（${result.period.from}至${result.period.to}）`]).font = {
    bold: true,
    size: 14,
  };
  ws.addRow([`数据截至：${result.data_as_of ?? '—'}；生成于：${result.generated_at}`]);
  ws.addRow([
    `口径：${Object.values(result.basis)
      .map((b) => b.label.zh)
      .join('；')}`,
  ]);
  ws.addRow([]);
  const zh = ws.addRow(columns.map((c) => c.label.zh));
  zh.font = { bold: true };
  ws.addRow(columns.map((c) => c.key)).font = { color: { argb: 'FF888888' }, size: 9 };
  for (const r of rows) {
    const row = ws.addRow(
      columns.map((c) => {
        const v = r[c.key];
        return safeXlsxValue(Array.isArray(v) ? v.join('、') : (v ?? null));
      }),
    );
    // The total (全县合计, 县直部门合计…, in its 项目 column) stands out as on the page.
    if (r === result.total) row.font = { bold: true };
  }
  columns.forEach((c, i) => {
    const col = ws.getColumn(i + 1);
    const fmt = NUM_FMT[c.format];
    if (fmt) col.numFmt = fmt;
    col.width = Math.min(Math.max(c.label.zh.length * 2 + 2, 8), 30);
  });
  ws.views = [{ state: 'frozen', ySplit: 6, xSplit: 1 }];

  const defs = wb.addWorksheet('指标定义');
  defs.addRow(['列', '名称', 'Name', '定义', 'Definition', '本期口径']).font = { bold: true };
  for (const c of columns) {
    const m = metricOfColumn(c.key);
    const basis = m ? basisTextOf(m, result.basis[m.id]?.id).zh : '';
    defs.addRow(
      [c.key, c.label.zh, c.label.en, m?.definition.zh ?? '', m?.definition.en ?? '', basis].map(
        safeXlsxValue,
      ),
    );
  }
  defs.getColumn(4).width = 60;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
