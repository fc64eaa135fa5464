import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COUNTS, FAMILIES, FAMILY_SPECS, METRICS } from '../../server/metrics/index.ts';
import { HEADLINE_METRICS } from '../../server/metrics/headline.ts';
import { decompose } from '../../server/metrics/segments.ts';
import { rawCounters, rollupCounters } from '../../server/metrics/sql.ts';
import { DIMENSIONS } from '../../server/metrics/types.ts';
import { chooseRollup } from '../../server/services/metrics/metrics.service.ts';
import { formatSql } from '../support/format-sql.ts';

const lit = FAMILY_SPECS.litigation;
const rec = FAMILY_SPECS.reconsideration;

/** Snapshots the SQL laid out one clause and list item per line; the layout changes whitespace only. */
function expectSql(sql: string): void {
  const laidOut = formatSql(sql);
  expect(laidOut.replace(/\s+/g, '')).toBe(sql.replace(/\s+/g, ''));
  expect(laidOut).toMatchSnapshot();
}

describe('SQL builders (snapshots: review a diff here as a change of definition)', () => {
  it('raw litigation counters per unit', () => {
    const q = rawCounters(
      {
        family: lit,
        counters: COUNTS.litigation,
        key: 'unit',
        bucket: 'none',
        filter: { kinds: ['乡镇街道'] },
        instances: ['一审'],
      },
      [{ from: '2024-01-01', to: '2024-12-31' }],
    );
    expectSql(q.sql);
    expect(q.bindings).toEqual([
      ['一审'],
      '2024-01-01',
      '2024-12-31',
      ['乡镇街道'],
      ['一审'],
      '2024-01-01',
      '2024-12-31',
      ['乡镇街道'],
    ]);
  });

  it('raw reconsideration counters per kind and month', () => {
    const q = rawCounters(
      {
        family: rec,
        counters: COUNTS.reconsideration,
        key: 'kind',
        bucket: 'month',
        filter: {},
        instances: null,
      },
      [{ from: '2024-01-01', to: '2024-03-31' }],
    );
    expectSql(q.sql);
  });

  it('reconsideration counters keyed by a record attribute (决定类型); an attribute a family lacks is refused', () => {
    const q = (family: typeof rec, key: 'decision' | 'cause') =>
      rawCounters(
        { family, counters: COUNTS[family.family], key, bucket: 'none', filter: {}, instances: null },
        [{ from: '2024-01-01', to: '2024-12-31' }],
      );
    expect(q(rec, 'decision').sql).toContain(`SELECT coalesce(c.decision, '') AS key`);
    expect(() => q(rec, 'cause')).toThrow(/reconsideration records have no cause/);
    expect(() => q(lit, 'decision')).toThrow(/litigation records have no decision/);
    // Every attribute is a dimension, and every family's attributes are among them.
    for (const f of FAMILIES) for (const a of FAMILY_SPECS[f].attributes) expect(DIMENSIONS).toContain(a);
  });

  it('rollup counters: whole years, months and raw edge days', () => {
    const segs = decompose({ from: '2023-12-20', to: '2025-01-31' }, { allowYears: true });
    const q = rollupCounters(
      {
        family: lit,
        counters: COUNTS.litigation,
        key: 'unit',
        bucket: 'none',
        filter: {},
        instances: ['一审'],
      },
      segs,
      { table: 'unit' },
    );
    expectSql(q.sql);
    expect(q.bindings.slice(0, 3)).toEqual(['2024-01-01', '2024-01-01', ['一审']]);
  });

  it('user input only ever travels as bindings', () => {
    const evil = "x'); DROP TABLE unit; --";
    const q = rawCounters(
      {
        family: lit,
        counters: COUNTS.litigation,
        key: 'total',
        bucket: 'none',
        filter: { kinds: [evil], groups: [evil], unitIds: [1] },
        instances: [evil],
      },
      [{ from: evil, to: evil }],
    );
    expect(q.sql).not.toContain('DROP');
    expect(q.bindings).toContain(evil);
  });
});

describe('rollup choice', () => {
  it('a unit row can always come from the unit rollup; totals need exactly one scope', () => {
    expect(chooseRollup('unit', { kinds: ['乡镇街道', '县直部门'] })).toEqual({ table: 'unit' });
    expect(chooseRollup('total', {})).toEqual({ table: 'scope', scope: 'all', values: null });
    expect(chooseRollup('total', { unitIds: [3] })).toEqual({ table: 'unit' });
    expect(chooseRollup('total', { unitIds: [3, 4] })).toBeNull(); // a shared case counts once: raw rows
    expect(chooseRollup('total', { kinds: ['乡镇街道'] })).toEqual({
      table: 'scope',
      scope: 'kind',
      values: ['乡镇街道'],
    });
    expect(chooseRollup('total', { kinds: ['乡镇街道', '县直部门'] })).toBeNull();
    expect(chooseRollup('kind', { groups: ['执法一组'] })).toBeNull();
    expect(chooseRollup('cause', {})).toBeNull();
  });
});

// The metric ids of DESIGN.md §4, copied into the repository so this test runs (never skips) in any clone.
const DESIGN_IDS = new URL('../fixtures/design-metric-ids.json', import.meta.url);

describe('registry', () => {
  it('has every metric id of DESIGN.md §4, each rate built from counts', () => {
    const { ids } = JSON.parse(fs.readFileSync(DESIGN_IDS, 'utf8')) as { ids: string[] };
    const ours = METRICS.filter((m) => m.headline).map((m) => m.id);
    expect(ours.sort()).toEqual([...ids].sort());
    expect(new Set(METRICS.map((m) => m.id)).size).toBe(METRICS.length);
    const counts = new Set(METRICS.filter((m) => m.kind === 'count').map((m) => m.id));
    for (const m of METRICS) {
      if (m.kind !== 'rate') continue;
      for (const b of m.bases)
        for (const id of [...b.numerator, ...b.denominator]) expect(counts).toContain(id);
    }
  });

  it('matches the frozen rollup columns of migration 20261123200000', () => {
    const migration = fs.readFileSync(
      new URL('../../migrations/20261123200000_create_metric_rollup.ts', import.meta.url),
      'utf8',
    );
    for (const f of FAMILIES) {
      const block = migration.slice(migration.indexOf(`family: '${f}'`));
      const list = block.slice(block.indexOf('counters: ['), block.indexOf(']'));
      const frozen = [...list.matchAll(/'([a-z_]+)'/g)].map((m) => m[1]);
      expect(frozen).toEqual(COUNTS[f].map((c) => c.id));
    }
  });

  it('the headline figures (KPI strip, report summary) are registered metrics, each once', () => {
    const ids = new Set(METRICS.map((m) => m.id));
    for (const id of HEADLINE_METRICS) expect(ids, id).toContain(id);
    expect(new Set(HEADLINE_METRICS).size).toBe(HEADLINE_METRICS.length);
  });
});
