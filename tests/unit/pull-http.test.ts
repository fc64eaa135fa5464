import { describe, expect, it } from 'vitest';
import {
  backoffDelay,
  buildHeaders,
  describeUrl,
  laterWatermark,
  readJsonPage,
} from '../../server/services/pulls/pull-http.service.ts';
import { PullError } from '../../server/services/pulls/pull.service.ts';
import { parseSources, type HttpSourceConfig } from '../../server/services/pulls/source.service.ts';

describe('backoffDelay', () => {
  it('doubles per attempt between half and all of the ceiling', () => {
    // base 1000 ms: ceilings 1000, 2000, 4000; random 0 → half, random just under 1 → (almost) all.
    expect([1, 2, 3].map((a) => backoffDelay(a, 1000, () => 0))).toEqual([500, 1000, 2000]);
    expect([1, 2, 3].map((a) => backoffDelay(a, 1000, () => 0.999))).toEqual([1000, 1999, 3998]);
  });

  it('never waits more than a minute', () => {
    expect(backoffDelay(20, 1000, () => 0.999)).toBeLessThanOrEqual(60_000);
  });
});

describe('readJsonPage', () => {
  it('reads a bare array as one last page', () => {
    expect(readJsonPage([{ 案号: 'x' }], 1)).toEqual({ records: [{ 案号: 'x' }], next: null });
  });

  it('reads records and the next link', () => {
    expect(readJsonPage({ records: [], next: '/p?page=2' }, 1)).toEqual({ records: [], next: '/p?page=2' });
  });

  it.each([
    [{ data: [] }, 'expected an array'],
    [[1, 2], 'record 1 is not an object'],
    [{ records: [{}], next: 7 }, '"next" must be a URL'],
  ])('refuses %j', (json, message) => {
    expect(() => readJsonPage(json, 3)).toThrow(PullError);
    expect(() => readJsonPage(json, 3)).toThrow(message);
  });
});

describe('laterWatermark', () => {
  it('compares instants, not strings, when both are dates', () => {
    // As strings '2026-11-23T09:00:00+08:00' > '2026-11-23T02:00:00Z', but it is the earlier instant (01:00Z).
    expect(laterWatermark('2026-11-23T02:00:00Z', '2026-11-23T09:00:00+08:00')).toBe('2026-11-23T02:00:00Z');
    expect(laterWatermark(null, 'v1')).toBe('v1');
    expect(laterWatermark('v2', 'v10')).toBe('v2');
  });
});

describe('buildHeaders', () => {
  const [source] = parseSources(
    JSON.stringify({
      sources: [
        {
          name: 'court',
          kind: 'litigation',
          type: 'http',
          url: 'http://127.0.0.1:9/x',
          schedule: '* * * * *',
          auth: { env: 'COURT_TOKEN' },
        },
      ],
    }),
    'test',
  ) as [HttpSourceConfig];

  it('reads the token from the named variable', () => {
    expect(buildHeaders(source, { COURT_TOKEN: 't0k' }).authorization).toBe('Bearer t0k');
  });

  it('names the missing variable, not a value', () => {
    expect(() => buildHeaders(source, {})).toThrow('environment variable COURT_TOKEN');
  });
});

describe('describeUrl', () => {
  it('drops the query', () => {
    expect(describeUrl('http://127.0.0.1:8080/cases?key=abc&page=2')).toBe('http://127.0.0.1:8080/cases');
  });
});
