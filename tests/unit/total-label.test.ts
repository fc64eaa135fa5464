import { describe, expect, it } from 'vitest';
import { totalLabel } from '../../server/metrics/total-label.ts';

describe('the total row’s name (issue #21: 全县合计 on /units)', () => {
  it('names the county, a kind, a peer group or the units it totals', () => {
    expect(totalLabel({}, 'zh')).toBe('全县合计');
    expect(totalLabel({ kinds: null, groups: [], units: null }, 'en')).toBe('County total');
    expect(totalLabel({ kinds: ['县直部门'] }, 'zh')).toBe('县直部门合计');
    expect(totalLabel({ kinds: ['县直部门'] }, 'en')).toBe('Total: County departments');
    expect(totalLabel({ kinds: ['县直部门', '乡镇街道'] }, 'zh')).toBe('县直部门、乡镇街道合计');
    expect(totalLabel({ kinds: ['县直部门', '乡镇街道'] }, 'en')).toBe(
      'Total: County departments, Townships and streets',
    );
    expect(totalLabel({ groups: ['执法一组'] }, 'zh')).toBe('执法一组合计');
    expect(totalLabel({ kinds: ['乡镇街道'], groups: ['乡镇一组'] }, 'zh')).toBe('乡镇街道·乡镇一组合计');
    expect(totalLabel({ units: [{ name: '示例县公安局' }] }, 'zh')).toBe('示例县公安局合计');
    expect(totalLabel({ units: [{ name: 'a' }, { name: 'b' }] }, 'zh')).toBe('所选2个单位合计');
    expect(totalLabel({ units: [{ name: 'a' }, { name: 'b' }] }, 'en')).toBe('Total: 2 selected units');
  });
});
