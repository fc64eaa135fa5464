/**
 * The runner's guarantees on a real PostgreSQL: one instance at a time per job (advisory lock), one run per
 * cron tick across instances, failures recorded not thrown, runs left by a dead process recovered.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { JobDefinition } from '../../jobs/job.ts';
import { JobRunner, STALE_RUN_MESSAGE, recoverStaleRuns, tryJobLock } from '../../jobs/runner.ts';
import { createKnex } from '../../server/db/knex.ts';
import { claimRun, listRuns } from '../../server/repositories/job-run.repository.ts';
import { createTestDatabase } from '../support/database.ts';
import { TestClock, effects } from './pull-support.ts';

const { knex, url } = await createTestDatabase();
// A second pool on the same database stands for a second server instance (its own sessions, its own locks).
const other = createKnex(url, { max: 3 });
afterAll(() => other.destroy());

const clock = new TestClock(new Date('2026-11-23T02:00:00Z'));

function job(name: string, run: JobDefinition['run']): JobDefinition {
  return { name, description: name, schedule: '* * * * *', timezone: 'Asia/Shanghai', enabled: true, run };
}

describe('JobRunner', () => {
  it('records a succeeded run with its counts', async () => {
    const runner = new JobRunner(effects(knex, clock), 'test:1');
    const result = await runner.run(
      job('counts', () =>
        Promise.resolve({ status: 'succeeded', pages: 2, records: 7, inserted: 3, updated: 4 }),
      ),
      { trigger: 'manual' },
    );
    expect(result).toMatchObject({ ran: true, status: 'succeeded', error: null });
    const [run] = await listRuns(knex, { jobName: 'counts' });
    expect(run).toMatchObject({
      status: 'succeeded',
      trigger: 'manual',
      tick_at: null,
      instance: 'test:1',
      pages: 2,
      records: 7,
      inserted: 3,
      updated: 4,
      unchanged: 0,
    });
    expect(run?.finished_at).toEqual(clock.now());
  });

  it('records a job that throws as failed, and does not throw itself', async () => {
    const runner = new JobRunner(effects(knex, clock));
    const result = await runner.run(
      job('thrower', () => Promise.reject(new Error('disk on fire'))),
      {
        trigger: 'manual',
      },
    );
    expect(result).toMatchObject({ ran: true, status: 'failed' });
    const [run] = await listRuns(knex, { jobName: 'thrower' });
    expect(run).toMatchObject({ status: 'failed', error: '任务异常 / job failed: disk on fire' });
  });

  it('does not run a job another instance is running', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let started!: () => void;
    const running = new Promise<void>((r) => (started = r));
    const slow = job('exclusive', async () => {
      started();
      await gate;
      return { status: 'succeeded' };
    });
    const first = new JobRunner(effects(knex, clock), 'a').run(slow, { trigger: 'manual' });
    await running;
    const second = await new JobRunner(effects(other, clock), 'b').run(slow, { trigger: 'manual' });
    expect(second).toEqual({ ran: false, reason: 'locked' });
    release();
    expect(await first).toMatchObject({ ran: true, status: 'succeeded' });
    expect((await listRuns(knex, { jobName: 'exclusive' })).map((r) => r.instance)).toEqual(['a']);
  });

  it('runs a tick once even when a second instance gets the lock after the first finished', async () => {
    const tickAt = new Date('2026-11-23T02:05:00Z');
    let runs = 0;
    const counted = job('ticked', () => {
      runs++;
      return Promise.resolve({ status: 'succeeded' });
    });
    const a = await new JobRunner(effects(knex, clock), 'a').run(counted, { trigger: 'schedule', tickAt });
    const b = await new JobRunner(effects(other, clock), 'b').run(counted, { trigger: 'schedule', tickAt });
    expect(a).toMatchObject({ ran: true });
    expect(b).toEqual({ ran: false, reason: 'tick-taken' });
    expect(runs).toBe(1);
  });

  it('marks a run left behind by a dead process as failed, and leaves a live one alone', async () => {
    // A row in "running" whose lock nobody holds: what a SIGKILLed process leaves.
    const dead = await claimRun(knex, {
      jobName: 'orphaned',
      trigger: 'manual',
      tickAt: null,
      instance: 'gone:1',
      startedAt: clock.now(),
    });
    // A row in "running" whose lock another session holds: a run in progress elsewhere.
    const live = await claimRun(knex, {
      jobName: 'busy',
      trigger: 'manual',
      tickAt: null,
      instance: 'alive:2',
      startedAt: clock.now(),
    });
    const lock = await tryJobLock(other, 'busy');
    expect(lock).not.toBeNull();
    try {
      expect(await recoverStaleRuns(effects(knex, clock))).toEqual([dead]);
    } finally {
      await lock!.commit();
    }
    const rows = await knex('job_run').whereIn('id', [dead!, live!]).orderBy('id');
    expect(rows.map((r: { status: string; error: string | null }) => [r.status, r.error])).toEqual([
      ['failed', STALE_RUN_MESSAGE],
      ['running', null],
    ]);
  });

  it('recovers a stale run of its own job when it next runs', async () => {
    const stale = await claimRun(knex, {
      jobName: 'rerun',
      trigger: 'schedule',
      tickAt: new Date('2026-11-23T01:00:00Z'),
      instance: 'gone:3',
      startedAt: clock.now(),
    });
    await new JobRunner(effects(knex, clock)).run(
      job('rerun', () => Promise.resolve({ status: 'succeeded' })),
      { trigger: 'manual' },
    );
    const runs = await listRuns(knex, { jobName: 'rerun' });
    expect(runs.map((r) => [r.id === stale, r.status])).toEqual([
      [false, 'succeeded'],
      [true, 'failed'],
    ]);
  });

  it('keeps only the latest idle run of a job, and every run that did something', async () => {
    const runner = new JobRunner(effects(knex, clock));
    const outcomes = [{ idle: true }, { idle: false }, { idle: true }, { idle: true }];
    const ids: number[] = [];
    for (const o of outcomes) {
      const r = await runner.run(
        job('poll', () => Promise.resolve({ status: 'succeeded', ...o })),
        { trigger: 'manual' },
      );
      if (r.ran) ids.push(r.runId);
    }
    const kept = (await listRuns(knex, { jobName: 'poll' })).map((r) => r.id).sort((a, b) => a - b);
    expect(kept).toEqual([ids[1], ids[3]]);
  });
});
