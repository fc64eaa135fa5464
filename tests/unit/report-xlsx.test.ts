import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { reportXlsx } from '../../server/exports/report-xlsx.ts';
import type { ReportModel } from '../../server/contracts/report.ts';

/** The 各单位情况 and 负责人出庭 tables as report.service.ts writes them for slides (counts and rates as text). */
const model = {
  meta: {
    title: '行政诉讼情况',
    periodLabel: '2024年',
    basisLabel: '口径A',
    source: '法院',
    dataAsOf: '2025-01-02',
  },
  narrative: '2024年……',
  slides: [],
  tables: [
    {
      name: '各单位情况',
      columns: ['单位编码', '单位', '新收', '同比', '败诉率（n/N）', '双降'],
      rows: [
        ['A01', '县公安局', '12', '+3', '33.3%（1/3）', '已降'],
        ['A02', '=县自然资源局', '4', '-2', '—', '—'],
      ],
    },
    {
      name: '负责人出庭',
      columns: ['单位', '开庭', '出庭应诉率'],
      rows: [['县公安局', '6', '83.3%（5/6）']],
    },
  ],
} as unknown as ReportModel;

describe('report XLSX', () => {
  it('regression: 各单位情况 and 负责人出庭 stored numbers as text, so SUM and sorting failed', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await reportXlsx(model)) as unknown as ArrayBuffer);
    const units = wb.getWorksheet('各单位情况')!;
    expect(units.getRow(1).values).toEqual([
      undefined,
      '单位编码',
      '单位',
      '新收',
      '同比',
      '败诉率',
      '败诉率分子',
      '败诉率分母',
      '双降',
    ]);
    const a01 = units.getRow(2);
    expect(a01.getCell(1).value).toBe('A01'); // codes stay text
    expect(a01.getCell(3).value).toBe(12);
    expect(a01.getCell(3).numFmt).toBe('0');
    expect(a01.getCell(4).value).toBe(3);
    expect(a01.getCell(5).value).toBeCloseTo(1 / 3, 10); // exact n ÷ N, not the rounded 33.3%
    expect(a01.getCell(5).numFmt).toBe('0.0%');
    expect([a01.getCell(6).value, a01.getCell(7).value]).toEqual([1, 3]);
    const a02 = units.getRow(3);
    expect(a02.getCell(2).value).toBe("'=县自然资源局"); // text still escaped against formulas
    expect(a02.getCell(4).value).toBe(-2);
    expect(a02.getCell(5).value).toBeNull(); // no denominator: empty, not "—"
    const heads = wb.getWorksheet('负责人出庭')!;
    expect(heads.getRow(2).getCell(2).value).toBe(6);
    expect(heads.getRow(2).getCell(3).value).toBeCloseTo(5 / 6, 10);
    expect(heads.getRow(2).getCell(3).numFmt).toBe('0.0%');
    expect(heads.getRow(2).getCell(5).value).toBe(6);
  });
});
