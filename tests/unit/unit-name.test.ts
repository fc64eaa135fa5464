import { describe, expect, it } from 'vitest';
import { countyPrefixes, normalizeUnitName } from '../../server/domain/unit-name.ts';

const p = countyPrefixes('示例县');

describe('normalizeUnitName', () => {
  it.each([
    ['示例县自然资源局', '自然资源局'],
    ['县自然资源局', '自然资源局'],
    ['示例县 自然资源局', '自然资源局'],
    ['示例县城关镇人民政府', '城关镇'],
    ['城关镇人民政府', '城关镇'],
    ['示例县东关街道办事处', '东关街道'],
    ['示例县人民政府', '人民政府'],
    ['（示例县）公安局', '公安局'],
    ['示例县ＡＢ局', 'AB局'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeUnitName(input, p)).toBe(expected);
  });

  it('does not strip a prefix that is the whole name', () => {
    expect(normalizeUnitName('县', p)).toBe('县');
  });
});
