import { describe, expect, it } from 'vitest';
import { UNIT_KINDS } from '../../server/domain/code-lists.ts';
import { byKindOrder, kindComparison } from '../../server/metrics/kind-comparison.ts';
import { kindCompareGroups } from '../../web/src/lib/charts/options/compare.ts';

// By-kind rows as the metric table writes them, in its old collation order (乡 < 县 < 垂).
const rows = [
  { key: '乡镇街道', label: '乡镇街道', lit_filed: 32, lit_losses: 5, lit_loss_rate: 5 / 35 },
  { key: '县政府', label: '县政府', lit_filed: 6, lit_losses: 1, lit_loss_rate: 1 / 3 },
  { key: '县直部门', label: '县直部门', lit_filed: 64, lit_losses: 10, lit_loss_rate: 10 / 87 },
  { key: '垂管单位', label: '垂管单位', lit_filed: 0, lit_losses: 0, lit_loss_rate: null },
  { key: '市直部门', label: '市直部门', lit_filed: 2, lit_losses: 0, lit_loss_rate: 0 },
];
const figures = ['lit_filed', 'lit_losses', 'lit_loss_rate'];

describe('the 县直部门与乡镇街道 comparison (issue #21 item 4)', () => {
  it('orders kinds 县直部门, 乡镇街道, then the code list, then any other kind', () => {
    expect(rows.map((r) => r.key).sort(byKindOrder)).toEqual([
      '县直部门',
      '乡镇街道',
      '县政府',
      '垂管单位',
      '市直部门',
    ]);
    expect([...UNIT_KINDS].sort(byKindOrder).slice(0, 2)).toEqual(['县直部门', '乡镇街道']);
  });

  it('compares the two kinds of the title and notes the others that had cases', () => {
    const { compared, others } = kindComparison(rows, figures);
    expect(compared.map((r) => r.key)).toEqual(['县直部门', '乡镇街道']);
    // 垂管单位 had nothing this period: no note for it.
    expect(others.map((r) => r.key)).toEqual(['县政府', '市直部门']);
  });

  it('compares what a scope holds: one kind only when filtered to it', () => {
    const { compared, others } = kindComparison([rows[0]!], figures);
    expect(compared.map((r) => r.key)).toEqual(['乡镇街道']);
    expect(others).toEqual([]);
  });

  it('gives the web chart the same groups, with the second count and n/N', () => {
    const withCounts = rows.map((r) => ({
      ...r,
      lit_loss_rate_numerator: r.lit_losses,
      lit_loss_rate_denominator: r.key === '县直部门' ? 87 : r.key === '乡镇街道' ? 35 : 3,
    }));
    const { groups, others } = kindCompareGroups(withCounts, {
      cases: 'lit_filed',
      second: 'lit_losses',
      rate: 'lit_loss_rate',
    });
    expect(groups).toEqual([
      { label: '县直部门', cases: 64, second: 10, rate: 10 / 87, numerator: 10, denominator: 87 },
      { label: '乡镇街道', cases: 32, second: 5, rate: 5 / 35, numerator: 5, denominator: 35 },
    ]);
    expect(others.map((g) => g.label)).toEqual(['县政府', '市直部门']);
  });
});
