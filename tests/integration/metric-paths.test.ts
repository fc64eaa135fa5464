import { describe, expect, it } from 'vitest';
import { seedDemoCounty } from '../../server/services/demo/demo-seed.service.ts';
import { computeMetrics, type MetricsQuery } from '../../server/services/metrics/metrics.service.ts';
import { createTestDatabase } from '../support/database.ts';
import { DEMO_AS_OF } from '../support/demo.ts';

const { knex } = await createTestDatabase();
await seedDemoCounty(knex, { asOf: DEMO_AS_OF });
const clock = () => new Date('2025-11-23T02:00:00Z');

const cases: [string, MetricsQuery][] = [
  ['a year by unit with 同比 and 环比', { preset: 'year', year: 2024, compare: ['yoy', 'mom'] }],
  ['year to date by unit (leftover days read raw)', { preset: 'ytd', asOf: '2025-11-23' }],
  ['a quarter by kind', { preset: 'quarter', year: 2024, quarter: 2, by: 'kind', compare: ['yoy', 'mom'] }],
  ['a month by group', { preset: 'month', year: 2023, month: 2, by: 'group' }],
  ['five years by month', { from: '2021-01-01', to: '2025-12-31', by: 'month', compare: ['yoy', 'mom'] }],
  ['five years by quarter', { from: '2021-01-01', to: '2025-12-31', by: 'quarter' }],
  ['five years by year', { from: '2021-01-01', to: '2025-12-31', by: 'year' }],
  ['odd days, total only', { from: '2022-02-17', to: '2024-03-09', by: 'total', compare: ['yoy', 'mom'] }],
  ['one kind', { preset: 'year', year: 2023, kinds: ['乡镇街道'] }],
  ['one kind by kind', { preset: 'year', year: 2023, kinds: ['乡镇街道'], by: 'kind' }],
  ['two kinds, total', { preset: 'year', year: 2023, kinds: ['乡镇街道', '县直部门'], by: 'total' }],
  ['one group by month', { preset: 'year', year: 2024, groups: ['执法一组'], by: 'month' }],
  ['one unit by month', { preset: 'year', year: 2024, unitCodes: ['A02'], by: 'month' }],
  ['two units', { preset: 'year', year: 2024, unitCodes: ['A02', 'A04'] }],
  ['every instance', { preset: 'year', year: 2024, instances: 'all' }],
  ['by cause', { preset: 'year', year: 2024, by: 'cause' }],
  [
    'basis B',
    { preset: 'year', year: 2022, basis: { lit_loss_rate: 'B', pre_resolution_rate: 'registered' } },
  ],
];

describe('rollup and raw paths', () => {
  it.each(cases)('agree: %s', async (_name, q) => {
    const auto = await computeMetrics({ db: knex, clock }, q);
    const raw = await computeMetrics({ db: knex, clock }, { ...q, source: 'raw' });
    expect(raw.source).toBe('raw');
    expect({ ...auto, source: 'raw' }).toEqual(raw);
  });

  it('read the rollups where they answer, raw rows where a filter needs them', async () => {
    expect((await computeMetrics({ db: knex, clock }, cases[0]![1])).source).toBe('rollup');
    const byCause = await computeMetrics({ db: knex, clock }, { preset: 'year', year: 2024, by: 'cause' });
    expect(byCause.source).toBe('mixed'); // rows by cause from raw rows, the county total from the rollup
    const twoUnits: MetricsQuery = { preset: 'year', year: 2024, unitCodes: ['A02', 'A04'], by: 'total' };
    expect((await computeMetrics({ db: knex, clock }, twoUnits)).source).toBe('raw');
    expect((await computeMetrics({ db: knex, clock }, { preset: 'ytd', asOf: '2025-11-23' })).source).toBe(
      'rollup',
    );
  });

  it('fall back to raw rows while a write has not been rolled up, so a stale rollup is never served', async () => {
    const q: MetricsQuery = { preset: 'year', year: 2024, by: 'total' };
    const before = await computeMetrics({ db: knex, clock }, q);
    const c = await knex('litigation_case')
      .where({ instance: '一审' })
      .whereBetween('filed_on', ['2024-01-01', '2024-12-31'])
      .orderBy('case_no')
      .first<{ id: number }>();
    await knex('litigation_case').where('id', c.id).update({ filed_on: '2023-12-31' });
    const after = await computeMetrics({ db: knex, clock }, q);
    expect(after.source).toBe('mixed'); // litigation from raw rows; the other families' rollups are current
    expect(after.total.lit_filed).toBe((before.total.lit_filed as number) - 1);
  });
});
