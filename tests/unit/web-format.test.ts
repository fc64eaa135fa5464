import { describe, expect, it } from 'vitest';
import {
  arrow,
  changeTone,
  formatChange,
  formatChangeShort,
  formatCount,
  formatDateTime,
  formatFraction,
  formatMonth,
  formatRate,
  formatSpan,
} from '../../web/src/lib/format.ts';
import { sortRows } from '../../web/src/lib/components/sort.ts';
import { figuresTable, tableToTsv } from '../../web/src/lib/charts/table.ts';

describe('dashboard number formatting', () => {
  it('formats counts, rates and n/N; a missing rate (denominator 0) is —', () => {
    expect(formatCount(12345, 'zh')).toBe('12,345');
    expect(formatCount(null, 'en')).toBe('—');
    expect(formatRate(13 / 100)).toBe('13.0%');
    expect(formatRate(59 / 65)).toBe('90.8%');
    expect(formatRate(null)).toBe('—');
    expect(formatFraction(59, 65, 'zh')).toBe('59/65');
  });

  it('states 同比 of a count as a relative change and of a rate in percentage points', () => {
    // 101 → 88 cases: −13 / 101 = −12.87% → −12.9%
    expect(formatChange(-13, 'count', 'zh', -13 / 101)).toBe('−12.9%');
    // no earlier figure: the difference in cases
    expect(formatChange(4, 'count', 'zh', null)).toBe('+4');
    // 13.93% → 13.00%: −0.93 points
    expect(formatChange(0.13 - 17 / 122, 'rate', 'zh')).toBe('−0.9个百分点');
    expect(formatChange(0.057, 'rate', 'en')).toBe('+5.7 pts');
    expect(formatChange(null, 'rate', 'en')).toBe('—');
    expect(formatChangeShort(-5, 'count', 'zh')).toBe('−5');
    expect(formatChangeShort(0.139, 'rate', 'zh')).toBe('+13.9');
    expect(formatChangeShort(0, 'rate', 'zh')).toBe('±0.0');
  });

  it('colours a change by whether it is good news for the metric', () => {
    expect(changeTone(-13, 'lower')).toBe('good'); // fewer filings
    expect(changeTone(0.02, 'lower')).toBe('bad'); // loss rate up
    expect(changeTone(-0.028, 'higher')).toBe('bad'); // head appearance down
    expect(changeTone(0.05, 'higher')).toBe('good');
    expect(changeTone(5, null)).toBe('neutral'); // concluded: neither
    expect(changeTone(0, 'lower')).toBe('neutral');
    expect([arrow(3), arrow(-0.1), arrow(0), arrow(null)]).toEqual(['▲', '▼', '–', '–']);
  });

  it('writes times in CST and months as 2024年3月', () => {
    expect(formatDateTime('2026-11-23T09:28:26.328Z', 'zh')).toBe('2026年11月23日 17:28');
    expect(formatDateTime('2026-11-23T16:05:00Z', 'en')).toBe('2026-11-24 00:05 CST');
    expect(formatDateTime(null, 'zh')).toBe('—');
    expect(formatMonth(2024, 3, 'zh')).toBe('2024年3月');
    expect(formatMonth(2024, 3, 'en')).toBe('2024-03');
  });

  it('writes the period a change compares with, the year once when both ends share it', () => {
    expect(formatSpan({ from: '2025-01-01', to: '2025-03-31' }, 'zh')).toBe('2025年1月1日至3月31日');
    expect(formatSpan({ from: '2024-12-01', to: '2025-01-31' }, 'zh')).toBe('2024年12月1日至2025年1月31日');
    expect(formatSpan({ from: '2025-01-01', to: '2025-03-31' }, 'en')).toBe('2025-01-01 to 2025-03-31');
  });
});

describe('unit table sorting and copied chart data', () => {
  const rows = [
    { key: 'A01', unit_name: '示例县公安局', lit_loss_rate: 0.25 },
    { key: 'A02', unit_name: '示例县财政局', lit_loss_rate: null },
    { key: 'B01', unit_name: '示例县城关镇人民政府', lit_loss_rate: 0.1 },
    { key: 'B02', unit_name: '示例县柳林镇人民政府', lit_loss_rate: 0.25 },
  ];

  it('sorts rates with missing values last in both directions, ties in server order', () => {
    expect(sortRows(rows, 'lit_loss_rate', 'desc').map((r) => r.key)).toEqual(['A01', 'B02', 'B01', 'A02']);
    expect(sortRows(rows, 'lit_loss_rate', 'asc').map((r) => r.key)).toEqual(['B01', 'A01', 'B02', 'A02']);
  });

  it("builds a chart's copy-data table from metric rows: counts as they are, a rate as %, n and N", () => {
    const rows = [
      {
        key: 'A',
        label: '行政处罚',
        lit_filed: 19,
        lit_loss_rate: 0.1,
        lit_loss_rate_numerator: 2,
        lit_loss_rate_denominator: 20,
      },
      {
        key: 'B',
        label: '行政许可',
        lit_filed: 3,
        lit_loss_rate: null,
        lit_loss_rate_numerator: 0,
        lit_loss_rate_denominator: 0,
      },
    ];
    const t = figuresTable(rows, (r) => String(r.label), [
      { id: 'lit_filed', name: '新收一审案件' },
      { id: 'lit_loss_rate', name: '败诉率', rate: true },
    ]);
    expect(t.head).toEqual(['', '新收一审案件', '败诉率', 'n', 'N']);
    expect(t.rows).toEqual([
      ['行政处罚', 19, '10.0%', 2, 20],
      ['行政许可', 3, '—', 0, 0],
    ]);
    // a figure the row lacks is an empty cell, not 0
    expect(figuresTable([{ key: 'C' }], (r) => String(r.key), [{ id: 'lit_filed', name: '' }]).rows).toEqual([
      ['C', null],
    ]);
  });

  it('copies a chart table as tab-separated lines', () => {
    expect(
      tableToTsv({
        head: ['', '新收一审案件'],
        rows: [
          ['2024', 101],
          ['备注\t含制表符', null],
        ],
      }),
    ).toBe('\t新收一审案件\n2024\t101\n备注 含制表符\t');
  });
});
