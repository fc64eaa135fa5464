import { describe, expect, it } from 'vitest';
import { generateDemoCounty } from '../../server/demo/demo-county.ts';
import type { Knex } from '../../server/db/knex.ts';
import { dataAsOf } from '../../server/repositories/source-state.repository.ts';
import { seedDemoCounty } from '../../server/services/demo/demo-seed.service.ts';
import { createTestDatabase } from '../support/database.ts';

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
    const counts = await seedDemoCounty(a.knex);
    await seedDemoCounty(b.knex);
    const county = generateDemoCounty();
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
    const county = generateDemoCounty();
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
    await expect(seedDemoCounty(a.knex)).rejects.toThrow(/already holds 44 units/);
    await seedDemoCounty(a.knex, { replace: true });
    expect(await snapshot(a.knex)).toEqual(before);
  });
});
