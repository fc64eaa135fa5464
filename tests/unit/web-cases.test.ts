import { describe, expect, it } from 'vitest';
import { caseColumns, casesExportQuery, casesQuery, pageCount } from '../../web/src/lib/cases/cases.ts';
import { defaultFilters } from '../../web/src/lib/state/filters.ts';

const TODAY = '2026-11-23';

describe('unit case lists', () => {
  it('ask for the filters’ period, the family, the sort and the page', () => {
    const f = { ...defaultFilters(TODAY), preset: 'quarter' as const, year: 2024, quarter: 3 };
    expect(casesQuery(f, 'litigation', { page: 2, pageSize: 15, sort: 'closed_on', dir: 'asc' })).toBe(
      'family=litigation&preset=quarter&year=2024&quarter=3&sort=closed_on&dir=asc&page=2&pageSize=15',
    );
    const custom = {
      ...f,
      preset: 'custom' as const,
      from: '2024-02-01',
      to: '2024-05-31',
      instance: 'all' as const,
    };
    expect(casesQuery(custom, 'litigation', { page: 1, pageSize: 15 })).toBe(
      'family=litigation&preset=custom&from=2024-02-01&to=2024-05-31&instance=all&page=1&pageSize=15',
    );
    expect(casesQuery(f, 'reconsideration', { page: 1, pageSize: 15, stream: 'closed' })).toBe(
      'family=reconsideration&preset=quarter&year=2024&quarter=3&stream=closed&page=1&pageSize=15',
    );
    // Instances are a litigation notion: the other lists never send one.
    expect(casesQuery(custom, 'prelitigation', { page: 1, pageSize: 15 })).not.toContain('instance');
  });

  it('show the instance column only for all instances, and count pages', () => {
    expect(caseColumns('litigation', false).map((c) => c.key)).not.toContain('instance');
    expect(caseColumns('litigation', true).map((c) => c.key)).toContain('instance');
    expect(caseColumns('reconsideration', false).find((c) => c.kind === 'flag')?.key).toBe('flag');
    expect([pageCount(0, 15), pageCount(15, 15), pageCount(16, 15)]).toEqual([1, 1, 2]);
  });

  it('download the list as shown, every page (no paging in the export’s query)', () => {
    const f = { ...defaultFilters(TODAY), preset: 'quarter' as const, year: 2024, quarter: 3 };
    expect(
      casesExportQuery(f, 'litigation', {
        page: 3,
        pageSize: 15,
        stream: 'closed',
        sort: 'flag',
        dir: 'desc',
      }),
    ).toBe('family=litigation&preset=quarter&year=2024&quarter=3&stream=closed&sort=flag&dir=desc');
  });
});
