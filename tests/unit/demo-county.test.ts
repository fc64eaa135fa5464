import { describe, expect, it } from 'vitest';
import { DEMO_AS_OF, generateDemoCounty } from '../../server/demo/demo-county.ts';

const county = generateDemoCounty();
const firstInstance = county.litigation.filter((c) => c.instance === '一审');
const LOSSES = new Set(['撤销', '部分撤销', '变更', '确认违法', '确认无效', '责令履行', '责令赔偿', '给付']);

describe('demo county 示例县', () => {
  it('is the same county every time (fixed seed)', () => {
    expect(generateDemoCounty()).toEqual(county);
    expect(generateDemoCounty(7)).not.toEqual(county);
  });

  it('has 28 departments, 15 townships and the county government, with aliases', () => {
    const kinds = county.units.reduce<Record<string, number>>(
      (m, u) => ({ ...m, [u.kind]: (m[u.kind] ?? 0) + 1 }),
      {},
    );
    expect((kinds['县直部门'] ?? 0) + (kinds['垂管单位'] ?? 0)).toBe(28);
    expect(kinds['乡镇街道']).toBe(15);
    expect(kinds['县政府']).toBe(1);
    expect(county.units.every((u) => u.name.includes('示例'))).toBe(true);
    expect(county.units.every((u) => u.aliases.length > 0)).toBe(true);
    expect(new Set(county.units.map((u) => u.code)).size).toBe(county.units.length);
  });

  it('has first-instance filings falling every year 2021–2025', () => {
    const byYear = [2021, 2022, 2023, 2024, 2025].map(
      (y) => firstInstance.filter((c) => c.filed_on.startsWith(String(y))).length,
    );
    for (let i = 1; i < byYear.length; i++) expect(byYear[i]).toBeLessThan(byYear[i - 1]!);
  });

  it('has batches of similar cases, co-defendants and reconsideration co-defendants', () => {
    const batch = firstInstance.filter((c) => c.defendants[0] === 'T04' && c.filed_on.startsWith('2022-05'));
    expect(batch.length).toBeGreaterThanOrEqual(16);
    expect(firstInstance.some((c) => c.defendants.length > 1)).toBe(true);
    expect(firstInstance.some((c) => c.reconsideration_codefendant === 'G01')).toBe(true);
  });

  it('gives two townships loss rates well above the county, and some units appearance short of 100%', () => {
    const closed = firstInstance.filter((c) => c.closed_on);
    const lossRate = (cases: typeof closed) =>
      cases.filter((c) => c.closing === '判决' && LOSSES.has(c.judgment ?? '')).length / cases.length;
    const county = lossRate(closed);
    for (const code of ['T04', 'T06']) {
      expect(lossRate(closed.filter((c) => c.defendants.includes(code)))).toBeGreaterThan(county * 1.5);
    }
    const hearings = closed.filter((c) => c.hearing_held && c.defendants[0] === 'T08');
    expect(hearings.some((c) => c.head_appeared === false)).toBe(true);
  });

  it('obeys the cross-field rules of the contract', () => {
    for (const c of county.litigation) {
      if (c.closed_on) expect(c.closed_on >= c.filed_on && c.closed_on <= DEMO_AS_OF).toBe(true);
      expect(c.closed_on === null).toBe(c.closing === null);
      if (c.closing === '判决') expect(c.judgment).not.toBeNull();
      if (c.head_spoke) expect(c.head_appeared).toBe(true);
      if (c.head_appeared) expect(c.hearing_held).toBe(true);
    }
    expect(new Set(county.litigation.map((c) => c.case_no)).size).toBe(county.litigation.length);
    expect(county.reconsideration.length).toBeGreaterThan(500);
    expect(county.prelitigation.length).toBeGreaterThan(200);
  });
});
