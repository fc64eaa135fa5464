import { describe, expect, it } from 'vitest';
import { cstToday, shiftYears } from '../../server/metrics/dates.ts';
import { bucketLabels, resolvePeriod, shiftBucketLabel } from '../../server/metrics/period.ts';
import { decompose, monthRanges } from '../../server/metrics/segments.ts';

describe('periods', () => {
  it('presets resolve to inclusive CST date ranges with their 同比 and 环比 periods', () => {
    expect(resolvePeriod({ preset: 'year', year: 2024 }, '2025-06-01')).toMatchObject({
      from: '2024-01-01',
      to: '2024-12-31',
      label: { zh: '2024年' },
      previousYear: { from: '2023-01-01', to: '2023-12-31' },
      previousPeriod: { from: '2023-01-01', to: '2023-12-31' },
    });
    expect(resolvePeriod({ preset: 'quarter', year: 2024, quarter: 1 }, '2025-06-01')).toMatchObject({
      from: '2024-01-01',
      to: '2024-03-31',
      label: { zh: '2024年第1季度' },
      previousYear: { from: '2023-01-01', to: '2023-03-31' },
      previousPeriod: { from: '2023-10-01', to: '2023-12-31' },
    });
    expect(resolvePeriod({ preset: 'month', year: 2024, month: 3 }, '2025-06-01')).toMatchObject({
      from: '2024-03-01',
      to: '2024-03-31',
      previousPeriod: { from: '2024-02-01', to: '2024-02-29' },
    });
  });

  it('a whole February compares with a whole February; year to date with the same calendar days', () => {
    expect(resolvePeriod({ preset: 'month', year: 2025, month: 2 }, '2025-06-01').previousYear).toEqual({
      from: '2024-02-01',
      to: '2024-02-29',
    });
    expect(resolvePeriod({ preset: 'month', year: 2024, month: 2 }, '2025-06-01').previousYear).toEqual({
      from: '2023-02-01',
      to: '2023-02-28',
    });
    expect(resolvePeriod({ preset: 'ytd', asOf: '2025-02-28' }, '2025-06-01').previousYear).toEqual({
      from: '2024-01-01',
      to: '2024-02-28',
    });
    expect(resolvePeriod({ preset: 'ytd', asOf: '2024-02-29' }, '2025-06-01').previousYear).toEqual({
      from: '2023-01-01',
      to: '2023-02-28',
    });
    expect(resolvePeriod({ preset: 'ytd', asOf: '2024-02-29' }, '2025-06-01').previousPeriod).toBeNull();
  });

  it('a custom range of odd days compares with the same days a year earlier and the days just before', () => {
    const p = resolvePeriod({ from: '2024-03-10', to: '2024-03-19' }, '2025-06-01');
    expect(p.preset).toBe('custom');
    expect(p.previousYear).toEqual({ from: '2023-03-10', to: '2023-03-19' });
    expect(p.previousPeriod).toEqual({ from: '2024-02-29', to: '2024-03-09' });
    expect(() => resolvePeriod({ from: '2024-03-10', to: '2024-03-01' }, '2025-06-01')).toThrow(/after/);
    expect(() => resolvePeriod({ from: '2024-02-30', to: '2024-03-01' }, '2025-06-01')).toThrow(/dates/);
    expect(() => resolvePeriod({ from: '2024-02-01' }, '2025-06-01')).toThrow(/both/);
  });

  it('today is the calendar date in UTC+8', () => {
    expect(cstToday(new Date('2024-12-31T15:59:59Z'))).toBe('2024-12-31');
    expect(cstToday(new Date('2024-12-31T16:00:00Z'))).toBe('2025-01-01');
    expect(resolvePeriod({}, cstToday(new Date('2025-03-31T16:00:00Z')))).toMatchObject({
      preset: 'ytd',
      from: '2025-01-01',
      to: '2025-04-01',
    });
  });

  it('shifts 29 February to 28 February, and month ends to month ends on request', () => {
    expect(shiftYears('2024-02-29', -1)).toBe('2023-02-28');
    expect(shiftYears('2025-02-28', -1)).toBe('2024-02-28');
    expect(shiftYears('2025-02-28', -1, true)).toBe('2024-02-29');
    expect(shiftYears('2024-03-31', -1, true)).toBe('2023-03-31');
  });

  it('labels time buckets and steps them back', () => {
    expect(bucketLabels({ from: '2024-11-15', to: '2025-02-03' }, 'month')).toEqual([
      '2024-11',
      '2024-12',
      '2025-01',
      '2025-02',
    ]);
    expect(bucketLabels({ from: '2024-01-01', to: '2024-12-31' }, 'quarter')).toEqual([
      '2024-Q1',
      '2024-Q2',
      '2024-Q3',
      '2024-Q4',
    ]);
    expect(shiftBucketLabel('2024-01', 'month', 'bucket')).toBe('2023-12');
    expect(shiftBucketLabel('2024-Q1', 'quarter', 'bucket')).toBe('2023-Q4');
    expect(shiftBucketLabel('2024-Q3', 'quarter', 'year')).toBe('2023-Q3');
    expect(shiftBucketLabel('2024', 'year', 'year')).toBe('2023');
  });
});

describe('rollup segments', () => {
  it('read whole years, whole months and the leftover days of a period', () => {
    expect(decompose({ from: '2022-11-15', to: '2025-02-10' }, { allowYears: true })).toEqual({
      years: [{ from: '2023-01-01', to: '2024-01-01' }],
      months: [
        { from: '2022-12-01', to: '2022-12-01' },
        { from: '2025-01-01', to: '2025-01-01' },
      ],
      days: [
        { from: '2022-11-15', to: '2022-11-30' },
        { from: '2025-02-01', to: '2025-02-10' },
      ],
    });
  });

  it('use months only when years are not allowed (monthly buckets, scope rollups)', () => {
    const s = decompose({ from: '2024-01-01', to: '2024-12-31' }, { allowYears: false });
    expect(s).toEqual({ years: [], months: [{ from: '2024-01-01', to: '2024-12-01' }], days: [] });
  });

  it('a leap February is a whole month only through the 29th', () => {
    expect(decompose({ from: '2024-02-01', to: '2024-02-28' }, { allowYears: true })).toEqual({
      years: [],
      months: [],
      days: [{ from: '2024-02-01', to: '2024-02-28' }],
    });
    expect(decompose({ from: '2024-02-01', to: '2024-02-29' }, { allowYears: true }).months).toEqual([
      { from: '2024-02-01', to: '2024-02-01' },
    ]);
  });

  it('merge dirty months into contiguous ranges', () => {
    expect(monthRanges(['2024-03-01', '2024-01-01', '2024-02-01', '2024-06-01', '2024-02-01'])).toEqual([
      { from: '2024-01-01', to: '2024-03-01' },
      { from: '2024-06-01', to: '2024-06-01' },
    ]);
  });
});
