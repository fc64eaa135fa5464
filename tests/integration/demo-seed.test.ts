import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { generateDemoCounty } from '../../server/demo/demo-county.ts';
import type { Knex } from '../../server/db/knex.ts';
import { dataAsOf } from '../../server/repositories/source-state.repository.ts';
import { seedDemoCounty } from '../../server/services/demo/demo-seed.service.ts';
import { computeMetrics } from '../../server/services/metrics/metrics.service.ts';
import { createTestDatabase } from '../support/database.ts';
import { DEMO_AS_OF } from '../support/demo.ts';

const a = await createTestDatabase();
const b = await createTestDatabase();

/** Everything a metric could read, as text, in a stable order (ids left out: they are storage details). */
async function snapshot(db: Knex): Promise<string> {
  const parts = await Promise.all([
    db('unit').select('code', 'name', 'kind', 'peer_group').orderBy('code'),
    db('unit_alias')
      .join('unit', 'unit.id', 'unit_alias.unit_id')
      .select('alias', 'normalized', 'code')
      .orderBy('alias'),
    db('litigation_case')
      .select('*')
      .orderBy('case_no')
      .then((rows) =>
        rows.map(
          ({ id: _i, created_at: _c, updated_at: _u, reconsideration_codefendant_unit_id: _r, ...r }) => r,
        ),
      ),
    db('litigation_defendant as d')
      .join('litigation_case as c', 'c.id', 'd.case_id')
      .join('unit as u', 'u.id', 'd.unit_id')
      .select('c.case_no', 'u.code', 'd.position', 'd.name_raw')
      .orderBy(['c.case_no', 'd.position']),
    db('reconsideration_case as r')
      .join('unit as u', 'u.id', 'r.respondent_unit_id')
      .select(
        'r.case_no',
        'r.applied_on',
        'r.accepted_on',
        'r.intake',
        'u.code',
        'r.decision',
        'r.closed_on',
        'r.litigated_after',
      )
      .orderBy('r.case_no'),
    db('prelitigation_dispute as p')
      .join('unit as u', 'u.id', 'p.unit_id')
      .select('p.dispute_no', 'p.registered_on', 'u.code', 'p.result', 'p.result_on', 'p.source')
      .orderBy('p.dispute_no'),
  ]);
  return JSON.stringify(parts);
}

describe('db seed-demo', () => {
  it('loads the generated county, the same in two databases', async () => {
    const counts = await seedDemoCounty(a.knex, { asOf: DEMO_AS_OF });
    await seedDemoCounty(b.knex, { asOf: DEMO_AS_OF });
    const county = generateDemoCounty(DEMO_AS_OF);
    expect(counts).toEqual({
      units: county.units.length,
      litigation: county.litigation.length,
      reconsideration: county.reconsideration.length,
      prelitigation: county.prelitigation.length,
    });
    expect(await snapshot(a.knex)).toEqual(await snapshot(b.knex));
  });

  it('records one committed delivery per kind in the import ledger, so the data-as-of time is known', async () => {
    const rows = await a.knex('import_ledger').select('kind', 'status', 'source', 'inserted').orderBy('kind');
    const county = generateDemoCounty(DEMO_AS_OF);
    expect(rows).toEqual(
      [
        { kind: 'litigation', inserted: county.litigation.length },
        { kind: 'prelitigation', inserted: county.prelitigation.length },
        { kind: 'reconsideration', inserted: county.reconsideration.length },
        { kind: 'units', inserted: county.units.length },
      ].map((r) => ({ ...r, status: 'committed', source: 'demo' })),
    );
    expect(await dataAsOf(a.knex)).toBeInstanceOf(Date);
  });

  it('stores Chinese text intact (UTF-8 cluster)', async () => {
    const row = await a.knex('unit').where('code', 'T01').first<{ name: string }>();
    expect(row.name).toBe('示例县城关镇人民政府');
    const { rows } = await a.knex.raw<{ rows: { enc: string }[] }>(
      'SELECT pg_encoding_to_char(encoding) AS enc FROM pg_database WHERE datname = current_database()',
    );
    expect(rows[0]?.enc).toBe('UTF8');
  });

  it('refuses a database that already holds data, and --replace reloads it identically', async () => {
    const before = await snapshot(a.knex);
    await expect(seedDemoCounty(a.knex, { asOf: DEMO_AS_OF })).rejects.toThrow(/already holds 44 units/);
    await seedDemoCounty(a.knex, { asOf: DEMO_AS_OF, replace: true });
    expect(await snapshot(a.knex)).toEqual(before);
  });

  it('seeds the five years up to --as-of, so 年初至今 is not empty (issue #21 item 10c)', async () => {
    const c = await createTestDatabase();
    const cli = (...args: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'server/cli/main.ts', 'db', 'seed-demo', ...args], {
        env: { ...process.env, DATABASE_URL: c.url, LOG_LEVEL: 'silent' },
        encoding: 'utf8',
      });
    const bad = cli('--as-of', '2026-02-30');
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toContain('--as-of must be a date YYYY-MM-DD');

    const asOf = '2026-12-07';
    const seeded = cli('--as-of', asOf, '--json');
    expect(seeded.stderr).toBe('');
    expect(seeded.status).toBe(0);
    const county = generateDemoCounty(asOf);
    expect(JSON.parse(seeded.stdout)).toEqual({
      units: county.units.length,
      litigation: county.litigation.length,
      reconsideration: county.reconsideration.length,
      prelitigation: county.prelitigation.length,
      from: '2022-01-01',
      asOf,
    });
    const latest = await c.knex('litigation_case').max<{ max: string }>('filed_on').first();
    expect(latest!.max.slice(0, 7)).toBe('2026-12');

    // The overview's default on that day: 2026 to date, against the same days of 2025.
    const { total } = await computeMetrics(
      { db: c.knex, clock: () => new Date('2026-12-07T04:00:00Z') },
      { preset: 'ytd', by: 'total' },
    );
    const filed = county.litigation.filter((x) => x.instance === '一审' && x.filed_on >= '2026-01-01');
    expect(filed.length).toBeGreaterThan(50);
    expect(total.lit_filed).toBe(filed.length);
  });
});
