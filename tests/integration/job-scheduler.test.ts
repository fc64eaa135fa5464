/**
 * The scheduler with real time (a few seconds): ticks run jobs, a reload stops a disabled job, and `startJobs`
 * picks up an edited sources file.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { startJobs, startScheduler } from '../../jobs/index.ts';
import type { JobDefinition } from '../../jobs/job.ts';
import { systemClock } from '../../server/services/pulls/pull.service.ts';
import { createTestDatabase } from '../support/database.ts';
import { count, effects } from './pull-support.ts';

const { knex } = await createTestDatabase();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sj-scheduler-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function everySecond(name: string, enabled = true): JobDefinition {
  return {
    name,
    description: name,
    schedule: '* * * * * *',
    timezone: 'Asia/Shanghai',
    enabled,
    run: () => Promise.resolve({ status: 'succeeded' }),
  };
}

describe('the scheduler', () => {
  it('runs a job on each tick, one row per tick, and stops it when a reload disables it', async () => {
    const scheduler = startScheduler([everySecond('tick')], effects(knex, systemClock));
    try {
      while ((await count(knex, 'job_run', { job_name: 'tick' })) < 2) await sleep(100);
      const ticks = await knex('job_run').where({ job_name: 'tick' }).select('tick_at', 'trigger');
      expect(ticks.every((t: { tick_at: Date }) => t.tick_at.getUTCMilliseconds() === 0)).toBe(true);
      expect(new Set(ticks.map((t: { tick_at: Date }) => t.tick_at.getTime())).size).toBe(ticks.length);

      scheduler.reload([everySecond('tick', false)]);
      await sleep(1_200); // a tick already under way may still finish
      const after = await count(knex, 'job_run', { job_name: 'tick' });
      await sleep(2_000);
      expect(await count(knex, 'job_run', { job_name: 'tick' })).toBe(after);
    } finally {
      await scheduler.stop();
    }
  });

  it('reschedules when the sources file changes', async () => {
    const file = path.join(dir, 'sources.json');
    const folder = (name: string) => ({
      name,
      kind: 'litigation',
      type: 'folder',
      path: dir,
      schedule: '0 0 1 1 *',
    });
    fs.writeFileSync(file, JSON.stringify({ sources: [folder('first')] }));
    const errors: string[] = [];
    const logger = pino({ level: 'error' }, { write: (line: string) => void errors.push(line) });
    const scheduler = await startJobs({
      db: knex,
      logger,
      dataDir: dir,
      env: { SOURCES_FILE: file },
    });
    try {
      expect(scheduler.jobs.map((j) => j.name)).toContain('pull:first');
      // fs.watchFile takes its baseline stat asynchronously: an edit before that baseline is never seen as a
      // change (this flaked on a loaded CI machine). Real edits come minutes apart; wait past the baseline.
      await sleep(1500);
      fs.writeFileSync(file, JSON.stringify({ sources: [folder('first'), folder('second')] }));
      const until = Date.now() + 20_000;
      while (!scheduler.jobs.some((j) => j.name === 'pull:second') && Date.now() < until) await sleep(200);
      expect(scheduler.jobs.map((j) => j.name)).toContain('pull:second');

      // A broken edit keeps what was running.
      fs.writeFileSync(file, '{ "sources": [ { "name": "Bad" } ] }');
      while (!errors.some((l) => l.includes('keeping the previous sources')) && Date.now() < until + 20_000) {
        await sleep(200);
      }
      expect(errors.join('')).toContain('keeping the previous sources');
      expect(scheduler.jobs.map((j) => j.name)).toContain('pull:second');
    } finally {
      await scheduler.stop();
    }
  });
});
