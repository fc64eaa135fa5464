/** Housekeeping jobs on a real database: rollup catch-up and run-history pruning. */
import { describe, expect, it } from 'vitest';
import { jobRunPruningJob } from '../../jobs/job-run-pruning.job.ts';
import { rollupCheckJob } from '../../jobs/rollup-check.job.ts';
import { JobRunner } from '../../jobs/runner.ts';
import { getRun } from '../../server/repositories/job-run.repository.ts';
import { staleFamilies } from '../../server/repositories/rollup.repository.ts';
import { createTestDatabase } from '../support/database.ts';
import { TestClock, count, effects, insertTestUnits } from './pull-support.ts';

const { knex } = await createTestDatabase();
const clock = new TestClock(new Date('2026-11-23T03:00:00Z'));

describe('rollup-check', () => {
  it('rolls up months a write outside the import pipeline left dirty', async () => {
    await insertTestUnits(knex);
    // Start clean: whatever the fresh database had marked is rolled up first.
    await new JobRunner(effects(knex, clock)).run(rollupCheckJob, { trigger: 'manual' });
    expect(await staleFamilies(knex)).toEqual(new Set());
    const unitId = (await knex('unit').where({ code: 'A01' }).first()).id as number;
    // A case written straight to the table (no import, so no refresh): the triggers mark its month dirty.
    const [row] = await knex('litigation_case')
      .insert({
        case_no: '(2026)豫1321行初99号',
        instance: '一审',
        filed_on: '2026-03-02',
        defendants_raw: '示例县自然资源局',
      })
      .returning('id');
    await knex('litigation_defendant').insert({
      case_id: row.id,
      unit_id: unitId,
      position: 1,
      name_raw: '示例县自然资源局',
    });
    expect([...(await staleFamilies(knex))]).toContain('litigation');

    const result = await new JobRunner(effects(knex, clock)).run(rollupCheckJob, { trigger: 'manual' });
    expect(result).toMatchObject({ ran: true, status: 'succeeded' });
    expect(await staleFamilies(knex)).toEqual(new Set());
    const run = await getRun(knex, (result as { runId: number }).runId);
    expect(run?.detail).toEqual({ refreshed: ['litigation'] });
  });

  it('is idle when nothing is dirty', async () => {
    const result = await new JobRunner(effects(knex, clock)).run(rollupCheckJob, { trigger: 'manual' });
    const run = await getRun(knex, (result as { runId: number }).runId);
    expect(run?.detail).toEqual({ refreshed: [], idle: true });
  });
});

describe('job-run-pruning', () => {
  it('deletes finished runs older than 180 days and keeps running ones', async () => {
    const day = 86_400_000;
    const at = (daysAgo: number) => new Date(clock.now().getTime() - daysAgo * day);
    await knex('job_run').insert([
      { job_name: 'old', trigger: 'manual', status: 'succeeded', instance: 't', started_at: at(181) },
      { job_name: 'old', trigger: 'manual', status: 'failed', instance: 't', started_at: at(200) },
      { job_name: 'old', trigger: 'manual', status: 'running', instance: 't', started_at: at(300) },
      { job_name: 'recent', trigger: 'manual', status: 'succeeded', instance: 't', started_at: at(179) },
    ]);
    const result = await new JobRunner(effects(knex, clock)).run(jobRunPruningJob, { trigger: 'manual' });
    expect(result).toMatchObject({ ran: true, status: 'succeeded' });
    expect(await count(knex, 'job_run', { job_name: 'old' })).toBe(1);
    expect(await count(knex, 'job_run', { job_name: 'old', status: 'running' })).toBe(1);
    expect(await count(knex, 'job_run', { job_name: 'recent' })).toBe(1);
  });
});
