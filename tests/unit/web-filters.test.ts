import { describe, expect, it } from 'vitest';
import {
  cstToday,
  defaultFilters,
  filtersToApiQuery,
  filtersToSearch,
  parseFilters,
  trendPeriod,
} from '../../web/src/lib/state/filters.ts';
import { matchRoute, routePath } from '../../web/src/lib/state/routes.ts';

const TODAY = '2026-11-23';

describe('dashboard filters in the URL', () => {
  it('defaults to the last complete year, every unit, first instance, basis A — and an empty query string', () => {
    const d = defaultFilters(TODAY);
    expect(d).toMatchObject({
      preset: 'year',
      year: 2025,
      kinds: [],
      groups: [],
      instance: 'first',
      lossBasis: 'A',
    });
    expect(filtersToSearch(d, TODAY)).toBe('');
    expect(parseFilters('', TODAY)).toEqual(d);
  });

  it('round-trips a quarter of 2024 for township units, all instances, basis B', () => {
    const f = { ...defaultFilters(TODAY), preset: 'quarter' as const, year: 2024, quarter: 3 };
    f.kinds = ['乡镇街道'];
    f.instance = 'all';
    f.lossBasis = 'B';
    const search = filtersToSearch(f, TODAY);
    expect(search).toBe(
      `?preset=quarter&year=2024&quarter=3&kinds=${encodeURIComponent('乡镇街道')}&instance=all&basis=B`,
    );
    expect(parseFilters(search, TODAY)).toEqual(f);
  });

  it('keeps custom dates and ignores malformed values', () => {
    const f = parseFilters('?preset=custom&from=2024-02-01&to=2024-05-31&year=abc&quarter=9', TODAY);
    expect(f).toMatchObject({
      preset: 'custom',
      from: '2024-02-01',
      to: '2024-05-31',
      year: 2025,
      quarter: 4,
    });
    expect(parseFilters('?preset=weekly&from=2024-2-1', TODAY)).toMatchObject({
      preset: 'year',
      from: '2025-01-01',
    });
  });

  it('spells the metric API query: period, dimension, unit filters, instance and 口径', () => {
    const f = {
      ...defaultFilters(TODAY),
      preset: 'month' as const,
      year: 2024,
      month: 3,
      groups: ['执法一组'],
    };
    const q = new URLSearchParams(
      filtersToApiQuery(f, { by: 'unit', metrics: ['lit_filed', 'lit_loss_rate'] }),
    );
    expect(Object.fromEntries(q)).toEqual({
      preset: 'month',
      year: '2024',
      month: '3',
      by: 'unit',
      metrics: 'lit_filed,lit_loss_rate',
      groups: '执法一组',
    });
    const b = new URLSearchParams(
      filtersToApiQuery(
        { ...f, lossBasis: 'B', instance: 'all' },
        { period: { from: '2020-01-01', to: '2024-12-31' } },
      ),
    );
    expect(b.get('from')).toBe('2020-01-01');
    expect(b.get('preset')).toBeNull();
    expect(b.get('basis')).toBe('lit_loss_rate:B');
    expect(b.get('instance')).toBe('all');
    expect(new URLSearchParams(filtersToApiQuery({ ...f, preset: 'ytd' })).get('year')).toBeNull();
  });

  it('carries 环比 in the URL and asks the API for 同比 and 环比 (the 双降 light stays year-on-year)', () => {
    const f = { ...defaultFilters(TODAY), preset: 'quarter' as const, quarter: 2, compare: 'mom' as const };
    const search = filtersToSearch(f, TODAY);
    expect(search).toBe('?preset=quarter&quarter=2&compare=mom');
    expect(parseFilters(search, TODAY)).toEqual(f);
    expect(parseFilters('?compare=weekly', TODAY).compare).toBe('yoy');
    expect(new URLSearchParams(filtersToApiQuery(f, { by: 'total' })).get('compare')).toBe('yoy,mom');
    // a chart that compares nothing still says so
    expect(new URLSearchParams(filtersToApiQuery(f, { compare: 'none' })).get('compare')).toBe('none');
    // 同比, the default, is the API's default too: nothing to spell
    expect(new URLSearchParams(filtersToApiQuery(defaultFilters(TODAY))).get('compare')).toBeNull();
  });

  it('puts the five-year trend on the calendar years ending at the chosen period', () => {
    expect(trendPeriod(defaultFilters(TODAY), TODAY)).toEqual({ from: '2021-01-01', to: '2025-12-31' });
    expect(trendPeriod({ ...defaultFilters(TODAY), preset: 'ytd' }, TODAY)).toEqual({
      from: '2022-01-01',
      to: '2026-12-31',
    });
    expect(
      trendPeriod(
        { ...defaultFilters(TODAY), preset: 'custom', from: '2023-03-01', to: '2024-02-29' },
        TODAY,
        3,
      ),
    ).toEqual({ from: '2022-01-01', to: '2024-12-31' });
  });

  it('takes "today" in China Standard Time: 16:30 UTC on 31 December is already 1 January in the county', () => {
    expect(cstToday(new Date('2025-12-31T16:30:00Z'))).toBe('2026-01-01');
    expect(cstToday(new Date('2025-12-31T15:59:00Z'))).toBe('2025-12-31');
  });
});

describe('dashboard routes', () => {
  it('maps paths to pages and back, unit codes included', () => {
    expect(matchRoute('/')).toEqual({ page: 'overview' });
    expect(matchRoute('/units/')).toEqual({ page: 'units' });
    expect(matchRoute('/units/A01')).toEqual({ page: 'unit', code: 'A01' });
    expect(matchRoute('/report')).toEqual({ page: 'report' });
    expect(matchRoute('/notices')).toEqual({ page: 'notices' });
    expect(matchRoute('/inbox/')).toEqual({ page: 'inbox' });
    expect(matchRoute('/nothing')).toEqual({ page: 'notFound' });
    expect(routePath({ page: 'unit', code: 'B 07' })).toBe('/units/B%2007');
    expect(matchRoute(routePath({ page: 'unit', code: 'B 07' }))).toEqual({ page: 'unit', code: 'B 07' });
  });
});
