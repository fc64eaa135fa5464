import { describe, expect, it } from 'vitest';
import type { MetricRow } from '../../server/contracts/metrics.ts';
import { groupWarnings, WARNING_SEVERITY } from '../../server/metrics/warnings.ts';

// Unit rows as the metric table writes them (only the fields the rule reads).
const rows: MetricRow[] = [
  {
    unit_code: 'A01',
    unit_name: '示例县水利局',
    warnings: ['filed_up'],
    lit_filed: 1,
    lit_filed_prev_year: 0,
  },
  {
    unit_code: 'A02',
    unit_name: '示例县公安局',
    warnings: ['head_absent', 'head_appearance_low', 'filed_up'],
    lit_filed: 12,
    lit_filed_prev_year: 11,
    lit_head_absences: 1,
    lit_head_appearance_rate: 0.9,
    lit_head_appearance_rate_numerator: 9,
    lit_head_appearance_rate_denominator: 10,
  },
  {
    unit_code: 'A03',
    unit_name: '示例县交通运输局',
    warnings: ['loss_rate_high', 'filed_up'],
    lit_filed: 7,
    lit_filed_prev_year: 1,
    lit_loss_rate: 0.2,
    lit_loss_rate_numerator: 1,
  },
  {
    unit_code: 'T01',
    unit_name: '示例县柳林镇人民政府',
    warnings: ['loss_rate_high', 'head_absent', 'head_appearance_low'],
    lit_loss_rate: 1,
    lit_loss_rate_numerator: 3,
    lit_head_absences: 1,
    lit_head_appearance_rate: 2 / 3,
    lit_head_appearance_rate_numerator: 2,
    lit_head_appearance_rate_denominator: 3,
  },
  {
    unit_code: 'T02',
    unit_name: '示例县白河镇人民政府',
    warnings: ['loss_rate_high'],
    lit_loss_rate: 0.2,
    lit_loss_rate_numerator: 2,
  },
  { unit_code: 'T03', unit_name: '示例县青山镇人民政府', warnings: [], lit_filed: 9 },
];

const flat = (groups: ReturnType<typeof groupWarnings>) =>
  groups.map((g) => `${g.code}: ${g.rows.map((r) => String(r.unit_code)).join(' ')}`);

describe('warnings: one grouping and ordering rule (issue #21 item 6)', () => {
  it('puts the serious warnings first: losses over the line, absent heads, appearance, then rising filings', () => {
    expect(WARNING_SEVERITY).toEqual(['loss_rate_high', 'head_absent', 'head_appearance_low', 'filed_up']);
    expect(groupWarnings(rows).map((g) => g.code)).toEqual(WARNING_SEVERITY);
  });

  it('orders each group by magnitude, the count behind a rate breaking ties', () => {
    expect(flat(groupWarnings(rows))).toEqual([
      // 100% first; 20% of 2 losses before 20% of 1
      'loss_rate_high: T01 T02 A03',
      // one absence each: the lower appearance rate first
      'head_absent: T01 A02',
      'head_appearance_low: T01 A02',
      // +6 (1 → 7), +1 (11 → 12, more cases now), +1 (0 → 1)
      'filed_up: A03 A02 A01',
    ]);
  });

  it('leaves out groups no unit carries and rows without warnings, whatever order the codes come in', () => {
    const shuffled = rows.map((r) => ({ ...r, warnings: [...(r.warnings as string[])].reverse() }));
    expect(flat(groupWarnings(shuffled))).toEqual(flat(groupWarnings(rows)));
    expect(groupWarnings([rows[0]!, rows[5]!]).map((g) => g.code)).toEqual(['filed_up']);
    expect(groupWarnings([])).toEqual([]);
  });
});
