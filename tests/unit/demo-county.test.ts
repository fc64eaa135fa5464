import { describe, expect, it } from 'vitest';
import {
  demoWindow,
  generateDemoCounty,
  type DemoCounty,
  type DemoLitigationCase,
} from '../../server/demo/demo-county.ts';
import { DEMO_AS_OF } from '../support/demo.ts';

const county = generateDemoCounty(DEMO_AS_OF);
const firstInstance = county.litigation.filter((c) => c.instance === '一审');
const LOSSES = new Set(['撤销', '部分撤销', '变更', '确认违法', '确认无效', '责令履行', '责令赔偿', '给付']);

describe('demo county 示例县', () => {
  it('is the same county every time (fixed seed and date)', () => {
    expect(generateDemoCounty(DEMO_AS_OF)).toEqual(county);
    expect(generateDemoCounty(DEMO_AS_OF, 7)).not.toEqual(county);
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

  it.each([DEMO_AS_OF, '2026-12-07', '2028-02-29'])(
    'obeys the cross-field rules of the contract (as of %s)',
    (asOf) => {
      const { litigation, reconsideration, prelitigation } = generateDemoCounty(asOf);
      for (const c of litigation) {
        if (c.closed_on) expect(c.closed_on >= c.filed_on && c.closed_on <= asOf).toBe(true);
        expect(c.closed_on === null).toBe(c.closing === null);
        if (c.closing === '判决') expect(c.judgment).not.toBeNull();
        if (c.head_spoke) expect(c.head_appeared).toBe(true);
        if (c.head_appeared) expect(c.hearing_held).toBe(true);
      }
      for (const r of reconsideration) {
        if (r.closed_on) expect(r.closed_on >= r.applied_on && r.closed_on <= asOf).toBe(true);
        expect(r.closed_on === null).toBe(r.decision === null);
      }
      for (const p of prelitigation) {
        if (p.result_on) expect(p.result_on >= p.registered_on && p.result_on <= asOf).toBe(true);
        expect(p.result_on === null).toBe(p.result === '进行中');
      }
      expect(new Set(litigation.map((c) => c.case_no)).size).toBe(litigation.length);
      expect(reconsideration.length).toBeGreaterThan(500);
      expect(prelitigation.length).toBeGreaterThan(200);
    },
  );
});

/** Every date the records carry. */
function datesOf(c: DemoCounty): string[] {
  return [
    ...c.litigation.flatMap((x) => [x.filed_on, x.closed_on]),
    ...c.reconsideration.flatMap((x) => [x.applied_on, x.accepted_on, x.closed_on]),
    ...c.prelitigation.flatMap((x) => [x.registered_on, x.result_on]),
  ].filter((d): d is string => d !== null);
}

describe('demo county relative to its date (issue #21 item 10c: 年初至今 was empty after 2025)', () => {
  it('covers the five calendar years up to the month of asOf, nothing after asOf', () => {
    const asOf = '2026-12-07';
    expect(demoWindow(asOf)).toEqual({ from: '2022-01-01', to: asOf, years: [2022, 2023, 2024, 2025, 2026] });
    const later = generateDemoCounty(asOf);
    const dates = datesOf(later).sort();
    expect(dates.at(-1)!.slice(0, 7)).toBe('2026-12');
    expect(dates.at(-1)! <= asOf).toBe(true);
    // The first year begins with the cases still pending from the autumn before (旧存), as in 2021 today.
    expect(dates[0]!.slice(0, 4)).toBe('2021');
    const thisYear = later.litigation.filter((c) => c.instance === '一审' && c.filed_on >= '2026-01-01');
    expect(thisYear.length).toBeGreaterThan(50);
    expect(later.reconsideration.filter((r) => r.applied_on >= '2026-01-01').length).toBeGreaterThan(100);
    expect(later.prelitigation.filter((p) => p.registered_on >= '2026-01-01').length).toBeGreaterThan(50);
    // Cases open at asOf stay open rather than closing in the future.
    expect(thisYear.some((c) => c.closed_on === null)).toBe(true);
  });

  it('moves by whole years with the year of asOf: each record a year later, case numbers included', () => {
    const year = (s: string) => s.replace(/\d{4}/, (y) => String(Number(y) + 1));
    // 29 February 2024 has no day in 2025: the 28th stands in.
    const date = (d: string | null) => (d === null ? null : year(d).replace(/-02-29$/, '-02-28'));
    const expected: DemoCounty = {
      units: county.units,
      litigation: county.litigation.map((c) => ({
        ...c,
        case_no: year(c.case_no),
        filed_on: date(c.filed_on)!,
        closed_on: date(c.closed_on),
      })),
      reconsideration: county.reconsideration.map((r) => ({
        ...r,
        case_no: year(r.case_no),
        applied_on: date(r.applied_on)!,
        accepted_on: date(r.accepted_on),
        closed_on: date(r.closed_on),
      })),
      prelitigation: county.prelitigation.map((p) => ({
        ...p,
        dispute_no: year(p.dispute_no),
        registered_on: date(p.registered_on)!,
        result_on: date(p.result_on),
      })),
    };
    expect(generateDemoCounty('2026-12-31')).toEqual(expected);
    expect(county.litigation.some((c) => c.filed_on.endsWith('-02-29'))).toBe(true);
  });

  it('seen earlier in its year, shows the same records up to that day and leaves later closings open', () => {
    const asOf = '2025-06-30';
    const earlier = generateDemoCounty(asOf);
    const filedBy = county.litigation.filter((c) => c.filed_on <= asOf);
    // A case closed after asOf is as the generator writes a pending one: no outcome at all.
    const open = (c: DemoLitigationCase): DemoLitigationCase => ({
      ...c,
      closed_on: null,
      closing: null,
      judgment: null,
      withdrawal_reason: null,
      loss_reason: null,
      hearing_held: null,
      head_appeared: null,
      head_title: null,
      head_spoke: null,
    });
    expect(earlier.litigation).toEqual(
      filedBy.map((c) => (c.closed_on !== null && c.closed_on > asOf ? open(c) : c)),
    );
    expect(filedBy.some((c) => c.closed_on !== null && c.closed_on > asOf)).toBe(true);
  });
});
