import { describe, expect, it } from 'vitest';
import { COUNTS, FAMILIES, FAMILY_SPECS } from '../../server/metrics/index.ts';
import { refreshRollups } from '../../server/repositories/rollup.repository.ts';
import { rawCounters, type KeyDim } from '../../server/metrics/sql.ts';
import type { Family } from '../../server/metrics/types.ts';
import { seedDemoCounty } from '../../server/services/demo/demo-seed.service.ts';
import { computeMetrics, type MetricsQuery } from '../../server/services/metrics/metrics.service.ts';
import { createTestDatabase } from '../support/database.ts';
import { importText } from './import-support.ts';
import { DEMO_AS_OF } from '../support/demo.ts';

const { knex } = await createTestDatabase();

/** The monthly rollup rows of a family, as sorted text, for comparison with a fresh raw aggregation. */
async function rollupRows(family: Family, table: 'unit' | 'scope'): Promise<string[]> {
  const spec = FAMILY_SPECS[family];
  const rows = await knex(`${spec.prefix}_rollup_${table}`)
    .modify((b) => void (table === 'unit' ? b.where('grain', 'M') : b))
    .select('*');
  return rows.map((r: Record<string, unknown>) => JSON.stringify(Object.entries(r).sort())).sort();
}

async function rawRows(family: Family, key: KeyDim): Promise<Record<string, unknown>[]> {
  const spec = FAMILY_SPECS[family];
  const q = rawCounters(
    {
      family: spec,
      counters: COUNTS[family],
      key,
      bucket: 'month_start',
      filter: {},
      instances: null,
      byInstance: spec.hasInstance,
    },
    null,
  );
  return (await knex.raw<{ rows: Record<string, unknown>[] }>(q.sql, q.bindings)).rows;
}

describe('rollup refresh', () => {
  it('the demo seed leaves rollups equal to a full raw recomputation, and no pending marks', async () => {
    await seedDemoCounty(knex, { asOf: DEMO_AS_OF });
    expect(await knex('metric_rollup_dirty').count<{ count: number }[]>('* as count')).toEqual([
      { count: 0 },
    ]);
    for (const family of FAMILIES) {
      const raw = await rawRows(family, 'unit');
      expect(raw.length).toBeGreaterThan(0);
      const expected = raw
        .map(({ key, bucket, ...rest }) =>
          JSON.stringify(Object.entries({ unit_id: key, grain: 'M', bucket, ...rest }).sort()),
        )
        .sort();
      expect(await rollupRows(family, 'unit')).toEqual(expected);
    }
  });

  it('an update moving a case to another month refreshes both months, old and new', async () => {
    const c = await knex('litigation_case')
      .where('instance', '一审')
      .whereNotNull('closed_on')
      .where('closed_on', '<', '2025-06-01')
      .orderBy('case_no')
      .first<{ id: number; closed_on: string }>();
    await knex.transaction(async (trx) => {
      await trx('litigation_case').where('id', c.id).update({ closed_on: '2025-12-30' });
      await refreshRollups(trx, { kinds: ['litigation'] });
    });
    const raw = await rawRows('litigation', 'total');
    const scope = await knex('lit_rollup_scope').where('scope', 'all').select('*');
    const pick = (rows: Record<string, unknown>[], bucketKey: string) =>
      rows.map((r) => `${String(r[bucketKey])}|${String(r.instance)}|${String(r.lit_concluded)}`).sort();
    expect(pick(scope, 'bucket')).toEqual(pick(raw, 'bucket'));
  });

  it('a units import moving a unit to another kind and group refreshes the kind/group rollups itself', async () => {
    // The 县直部门 unit charged with the most first-instance cases of 2024.
    const moved = await knex('unit as u')
      .join('litigation_defendant as d', 'd.unit_id', 'u.id')
      .join('litigation_case as c', 'c.id', 'd.case_id')
      .where({ 'u.kind': '县直部门', 'c.instance': '一审' })
      .whereBetween('c.filed_on', ['2024-01-01', '2024-12-31'])
      .groupBy('u.id')
      .orderByRaw('count(*) DESC, u.code')
      .first<{ code: string; name: string }>('u.code', 'u.name');
    const clock = () => new Date('2025-11-23T02:00:00Z');
    const table = (q: MetricsQuery) =>
      computeMetrics({ db: knex, clock }, { preset: 'year', year: 2024, ...q });
    const townsBefore = (await table({ by: 'kind' })).rows.find((r) => r.unit_kind === '乡镇街道')!;

    const summary = await importText(
      knex,
      'units',
      `编码,名称,类型,考核分组\n${moved.code},${moved.name},乡镇街道,新设一组\n`,
      'move.csv',
    );
    expect(summary).toMatchObject({ status: 'committed', updated: 1 });
    expect(await knex('metric_rollup_dirty').count<{ count: number }[]>('* as count')).toEqual([
      { count: 0 },
    ]);

    for (const q of [
      { by: 'kind' },
      { by: 'group' },
      { kinds: ['乡镇街道'], by: 'total' },
    ] as MetricsQuery[]) {
      const auto = await table(q);
      expect(auto.source).toBe('rollup');
      expect({ ...auto, source: 'raw' }).toEqual(await table({ ...q, source: 'raw' }));
    }
    const own = (await table({ unitCodes: [moved.code] })).rows[0]!;
    expect(own.lit_filed).toBeGreaterThan(0);
    const group = (await table({ by: 'group' })).rows.find((r) => r.unit_group === '新设一组')!;
    expect(group.lit_filed).toBe(own.lit_filed); // the new group holds only the moved unit
    const towns = (await table({ by: 'kind' })).rows.find((r) => r.unit_kind === '乡镇街道')!;
    expect(towns.lit_filed as number).toBeGreaterThan(townsBefore.lit_filed as number);
  });
});
