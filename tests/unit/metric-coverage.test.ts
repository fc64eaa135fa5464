/** Partial years (server/metrics/coverage.ts): issue #21 item 3, a year with data from September only. */
import { describe, expect, it } from 'vitest';
import { partialYears } from '../../server/metrics/coverage.ts';

const years = [2020, 2021, 2022, 2023, 2024];

describe('partialYears', () => {
  it('marks a first year whose data start in September, and only it', () => {
    const out = partialYears('litigation', years, { first: '2020-09-03', last: '2025-12-30' }, '2026-01-05');
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ year: 2020, from: '2020-09-03', to: '2020-12-31' });
    expect(out[0]!.note).toEqual({ zh: '2020年数据自9月起', en: '2020: data from September only' });
    expect(out[0]!.short.zh).toBe('9月起');
  });

  it('counts a year as whole when its data reach into January and December', () => {
    expect(
      partialYears('litigation', years, { first: '2020-01-06', last: '2024-12-27' }, '2025-02-01'),
    ).toEqual([]);
  });

  it('marks the running year up to today even when its last record is in December', () => {
    const out = partialYears('litigation', [2026], { first: '2022-01-01', last: '2026-12-03' }, '2026-12-07');
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ from: '2026-01-01', to: '2026-12-03' });
    expect(out[0]!.note.zh).toBe('2026年数据截至12月3日');
  });

  it('marks data that stop early and years without any data', () => {
    const out = partialYears(
      'reconsideration',
      [2019, 2023],
      { first: '2020-01-02', last: '2023-06-30' },
      '2026-01-01',
    );
    expect(out.map((p) => [p.year, p.note.zh])).toEqual([
      [2019, '2019年无数据'],
      [2023, '2023年数据截至6月30日'],
    ]);
  });

  it('says both ends of a year covered in the middle only', () => {
    const [p] = partialYears(
      'prelitigation',
      [2021],
      { first: '2021-03-15', last: '2021-10-20' },
      '2026-01-01',
    );
    expect(p!.note.zh).toBe('2021年数据为3月至10月20日');
    expect(p!.note.en).toBe('2021: data from March to 20 October only');
  });

  it('leaves future years out and marks an empty family', () => {
    expect(
      partialYears('litigation', [2030], { first: '2020-01-01', last: '2026-01-01' }, '2026-02-01'),
    ).toEqual([]);
    expect(partialYears('litigation', [2024], { first: null, last: null }, '2026-02-01')[0]!.short.zh).toBe(
      '无数据',
    );
  });
});
