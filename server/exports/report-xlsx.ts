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
    const cols = sheetColumns(table);
    const header = ws.addRow(cols.map((c) => safeXlsxValue(c.label)));
    header.font = { bold: true };
    header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE6F1' } };
    table.rows.forEach((_, r) => ws.addRow(cols.map((c) => safeXlsxValue(c.values[r] ?? null))));
    cols.forEach((c, i) => {
      const col = ws.getColumn(i + 1);
      col.width = Math.min(
        60,
        Math.max(10, c.label.length * 2.2, ...c.values.map((v) => String(v ?? '').length * 1.8)),
      );
      if (c.numFmt) col.numFmt = c.numFmt;
    });
    ws.views = [{ state: 'frozen', ySplit: 1 }];
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

type Cell = string | number | null;
interface SheetColumn {
  label: string;
  values: Cell[];
  numFmt?: string;
}

const RATE_WITH_COUNTS = /^-?\d+(?:\.\d+)?%（(\d+)\/(\d+)）$/;
const NUMBER_TEXT = /^[+-]?\d+(?:\.\d+)?$/;
const NO_VALUE = '—';

/**
 * The workbook's columns of a report table. The tables are written for slides (counts as text, a rate as
 * "12.5%（3/24）"); in the workbook every figure is a numeric cell so SUM and sorting work: a count column becomes
 * numbers, a rate-with-counts column becomes three — the rate as a fraction shown as a percentage (n ÷ N, exact,
 * not the rounded text), its numerator and its denominator. "—" (no figure) is an empty cell. Codes stay text.
 */
export function sheetColumns(table: { columns: string[]; rows: Cell[][] }): SheetColumn[] {
  return table.columns.flatMap((label, i): SheetColumn[] => {
    const cells = table.rows.map((r) => r[i] ?? null);
    const given = cells.filter((v) => v !== null && v !== NO_VALUE && v !== '');
    const all = (re: RegExp) => given.length > 0 && given.every((v) => typeof v === 'string' && re.test(v));
    if (!/编码|代码/.test(label) && all(RATE_WITH_COUNTS)) {
      const parts = cells.map((v) => (typeof v === 'string' ? RATE_WITH_COUNTS.exec(v) : null));
      const n = parts.map((m) => (m ? Number(m[1]) : null));
      const d = parts.map((m) => (m ? Number(m[2]) : null));
      const base = label.replace(/（n\/N）$/, '');
      return [
        {
          label: base,
          values: n.map((x, k) => (x !== null && d[k] ? x / d[k] : null)),
          numFmt: '0.0%',
        },
        { label: `${base}分子`, values: n, numFmt: '0' },
        { label: `${base}分母`, values: d, numFmt: '0' },
      ];
    }
    if (!/编码|代码/.test(label) && all(NUMBER_TEXT)) {
      const values = cells.map((v) => (typeof v === 'string' && NUMBER_TEXT.test(v) ? Number(v) : null));
      return [{ label, values, numFmt: /同比|环比/.test(label) ? '+0;-0;0' : '0' }];
    }
    const numeric = given.length > 0 && given.every((v) => typeof v === 'number');
    // A rate column holds fractions: show them as percentages, keep the number.
    const numFmt = numeric ? (/率|占比/.test(label) && !/分子|分母/.test(label) ? '0.0%' : '0') : undefined;
    return [
      {
        label,
        values: cells.map((v) => (v === NO_VALUE && numeric ? null : v)),
        ...(numFmt ? { numFmt } : {}),
      },
    ];
  });
}

/** Excel sheet names: at most 31 characters, none of []:*?/\, unique. */
function sheetName(name: string, used: Set<string>): string {
  const base = name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 28);
  let candidate = base;
  for (let i = 2; used.has(candidate); i++) candidate = `${base}${i}`;
  used.add(candidate);
  return candidate;
}
