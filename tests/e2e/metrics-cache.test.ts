/**
 * The metric response cache (server/services/metrics/metrics-cache.ts): a repeated view is served from memory, byte for
 * byte, and any write to records, defendants, units or settings — committed — makes the next view compute afresh.
 */
import { describe, expect, inject, it } from 'vitest';
import { createApp } from '../../server/http/app.ts';
import { createLogger } from '../../server/logger.ts';
import { dataStamp } from '../../server/repositories/metric.repository.ts';
import { seedDemoCounty } from '../../server/services/demo/demo-seed.service.ts';
import { createTestDatabase } from '../support/database.ts';
import { loginAs } from '../support/personas.ts';
import { DEMO_AS_OF } from '../support/demo.ts';

const { knex } = await createTestDatabase();
await seedDemoCounty(knex, { asOf: DEMO_AS_OF });
const app = createApp({
  db: { knex, mode: inject('dbMode'), close: () => Promise.resolve() },
  logger: createLogger('silent'),
  metricsCacheMb: 16,
});
const analyst = await loginAs(app, knex, 'analyst');
const URL = '/api/metrics?preset=year&year=2024';

const hit = (res: { headers: Record<string, string> }) =>
  /cache;desc="hit"/.test(res.headers['server-timing'] ?? '');

/** A first-instance case filed in 2024 against unit `code`, written straight to the tables. */
async function addCase(caseNo: string, code: string): Promise<void> {
  const [c] = await knex('litigation_case')
    .insert({
      case_no: caseNo,
      case_type: '行初',
      instance: '一审',
      filed_on: '2024-06-03',
      defendants_raw: code,
    })
    .returning<{ id: number }[]>('id');
  const unit = await knex('unit').where({ code }).first<{ id: number }>('id');
  await knex('litigation_defendant').insert({
    case_id: c!.id,
    unit_id: unit.id,
    position: 1,
    name_raw: code,
  });
}

describe('the metric response cache', () => {
  it('serves a repeated request from the cache with the same bytes; no-cache computes afresh', async () => {
    const first = await analyst.get(URL).expect(200);
    expect(hit(first)).toBe(false);
    expect(first.headers['server-timing']).toMatch(/sql;dur=/);
    const second = await analyst.get(URL).expect(200);
    expect(hit(second)).toBe(true);
    expect(second.text).toBe(first.text);
    expect(second.headers.etag).toBe(first.headers.etag);
    const fresh = await analyst.get(URL).set('Cache-Control', 'no-cache').expect(200);
    expect(hit(fresh)).toBe(false);
    expect(fresh.body.rows).toEqual(first.body.rows);
    // Arrow and shape=columns are separate entries, not the JSON rows under another name.
    const arrow = await analyst.get(URL).set('Accept', 'application/vnd.apache.arrow.stream').expect(200);
    expect(arrow.headers['content-type']).toMatch(/arrow/);
    expect(hit(arrow)).toBe(false);
  });

  it('a new case shows at once in the next response (and in a unit filter), not the cached figures', async () => {
    const before = (await analyst.get(URL).expect(200)).body;
    const unitBefore = (await analyst.get(`${URL}&units=A01`).expect(200)).body;
    await addCase('(2024)示0101行初9001号', 'A01');
    const after = await analyst.get(URL).expect(200);
    expect(hit(after)).toBe(false);
    expect(after.body.total.lit_filed).toBe(before.total.lit_filed + 1);
    const unitAfter = (await analyst.get(`${URL}&units=A01`).expect(200)).body;
    expect(unitAfter.total.lit_filed).toBe(unitBefore.total.lit_filed + 1);
  });

  it('a unit renamed, or a setting changed, is in the next response', async () => {
    await analyst.get(URL).expect(200);
    await knex('unit').where({ code: 'A02' }).update({ name: '示例县改名测试局' });
    const renamed = (await analyst.get(URL).expect(200)).body;
    expect(renamed.rows.find((r: { unit_code: string }) => r.unit_code === 'A02').unit_name).toBe(
      '示例县改名测试局',
    );
    await knex('metric_setting').insert({ key: 'min_denominator', value: JSON.stringify(7) });
    const set = (await analyst.get(URL).expect(200)).body;
    expect(set.settings.min_denominator).toBe(7);
  });

  it('revalidates by ETag: 304 while the data is unchanged, 200 with the new figures after a write', async () => {
    const first = await analyst.get(URL).expect(200);
    const etag = first.headers.etag!;
    expect(first.headers['cache-control']).toBe('private, no-cache');
    const again = await analyst.get(URL).set('If-None-Match', etag).expect(304);
    expect(again.text).toBe('');
    await addCase('(2024)示0101行初9002号', 'A01');
    const changed = await analyst.get(URL).set('If-None-Match', etag).expect(200);
    expect(changed.headers.etag).not.toBe(etag);
    expect(changed.body.total.lit_filed).toBe(first.body.total.lit_filed + 1);
  });

  it('keeps users apart: a unit user asking the same URL gets their own unit only', async () => {
    const all = (await analyst.get(URL).expect(200)).body;
    expect(all.rows.length).toBeGreaterThan(1);
    const unit = await loginAs(app, knex, 'unit', 'T06');
    const own = (await unit.get(URL).expect(200)).body;
    expect(own.rows.map((r: { unit_code: string }) => r.unit_code)).toEqual(['T06']);
  });

  it('the data stamp moves only when a writing transaction commits', async () => {
    const before = await dataStamp(knex);
    const trx = await knex.transaction();
    try {
      await trx('unit').where({ code: 'A03' }).update({ name: '示例县事务中名称' });
      expect(await dataStamp(knex)).toBe(before);
      await trx.commit();
    } catch (err) {
      await trx.rollback();
      throw err;
    }
    const after = await dataStamp(knex);
    expect(after).not.toBe(before);
    const rolledBack = await knex.transaction();
    await rolledBack('unit').where({ code: 'A03' }).update({ name: '示例县回滚名称' });
    await rolledBack.rollback();
    expect(await dataStamp(knex)).toBe(after);
  });
});
