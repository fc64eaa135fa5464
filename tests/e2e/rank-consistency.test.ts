/**
 * Regression, issue #21: "/units/A02 says 排名（县直部门，败诉率）：1 for a unit the ranking page lists 5th". The
 * unit page asks GET /api/metrics for one unit; its rank must be the unit's rank among all its peers, as the ranking
 * page (every unit) shows it — and the same under a kind or group filter.
 */
import { describe, expect, inject, it } from 'vitest';
import { createApp } from '../../server/http/app.ts';
import { createLogger } from '../../server/logger.ts';
import { seedDemoCounty } from '../../server/services/demo/demo-seed.service.ts';
import { createTestDatabase } from '../support/database.ts';
import { loginAs } from '../support/personas.ts';
import { DEMO_AS_OF } from '../support/demo.ts';

const { knex } = await createTestDatabase();
await seedDemoCounty(knex, { asOf: DEMO_AS_OF });
const app = createApp({
  db: { knex, mode: inject('dbMode'), close: () => Promise.resolve() },
  logger: createLogger('silent'),
});
const analyst = await loginAs(app, knex, 'analyst');
type Row = Record<string, unknown>;
const ranks = (r: Row) => [r.unit_code, r.rank_in_kind, r.rank_in_group, r.small_sample];

describe('unit page rank equals the ranking page position', () => {
  it('every unit asked alone (the unit page) gets the rank of the full table (the ranking page)', async () => {
    const all = (await analyst.get('/api/metrics?preset=year&year=2024&by=unit').expect(200)).body;
    const ranked = (all.rows as Row[]).filter((r) => r.rank_in_kind !== null);
    expect(ranked.some((r) => r.rank_in_kind !== 1)).toBe(true);
    for (const r of all.rows as Row[]) {
      const one = (
        await analyst
          .get(`/api/metrics?preset=year&year=2024&by=unit&units=${String(r.unit_code)}`)
          .expect(200)
      ).body;
      expect(ranks(one.rows[0])).toEqual(ranks(r));
    }
    const depts = (
      await analyst.get(`/api/metrics?preset=year&year=2024&by=unit&kinds=${encodeURIComponent('县直部门')}`)
    ).body;
    for (const r of depts.rows as Row[]) {
      expect(ranks(r)).toEqual(ranks((all.rows as Row[]).find((x) => x.unit_code === r.unit_code)!));
    }
  });
});
