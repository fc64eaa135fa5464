/**
 * Jobs across real processes on one database: two servers scheduling the same pull run it once per tick and
 * import each record once; a `job run` SIGKILLed mid-pull leaves nothing imported, and the next run marks the
 * dead run failed and completes.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STALE_RUN_MESSAGE } from '../../jobs/runner.ts';
import { projectRoot } from '../../server/config.ts';
import { getSourceState } from '../../server/repositories/source-state.repository.ts';
import { createTestDatabase } from '../support/database.ts';
import { SourceServer } from './pull-source-server.ts';
import { count, courtRecords, insertTestUnits } from './pull-support.ts';

const { knex, url } = await createTestDatabase();
const TOKEN = 'tok-processes';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sj-jobs-'));
let server: SourceServer;
const children: ChildProcess[] = [];

beforeAll(async () => {
  await insertTestUnits(knex);
  server = await new SourceServer().start();
  server.token = TOKEN;
  server.records = courtRecords();
});
afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  await server.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

function writeSources(name: string, schedule: string): string {
  const file = path.join(dir, `${name}.json`);
  const source = {
    name,
    kind: 'litigation',
    type: 'http',
    url: server.url,
    auth: { env: 'COURT_TOKEN' },
    updatedSinceParam: 'updated_since',
    schedule,
    timeoutSeconds: 60,
    jitterSeconds: 0,
  };
  fs.writeFileSync(file, JSON.stringify({ sources: [source] }));
  return file;
}

interface Child {
  proc: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/** `node --import tsx <script>`: one process (no wrapper), so a signal reaches the code under test itself. */
function start(script: string, args: string[], sourcesFile: string, logLevel = 'info'): Child {
  const proc = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: projectRoot,
    env: {
      ...process.env,
      DATABASE_URL: url,
      SOURCES_FILE: sourcesFile,
      COURT_TOKEN: TOKEN,
      PORT: '0',
      HOST: '127.0.0.1',
      SEED_DEMO: '0',
      LOG_LEVEL: logLevel,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(proc);
  let out = '';
  proc.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  return { proc, output: () => out, exited };
}

async function waitFor(what: string, check: () => boolean | Promise<boolean>, ms = 60_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('two server processes scheduling the same pull', () => {
  it('run it once per tick and import each record once', async () => {
    const sources = writeSources('court', '* * * * * *');
    const a = start('server/main.ts', [], sources, 'debug');
    // The second starts once the first serves (both would otherwise race to create the first admin).
    await waitFor('server A', () => a.output().includes('scheduler started'));
    const b = start('server/main.ts', [], sources, 'debug');
    await waitFor('server B', () => b.output().includes('scheduler started'));
    const bothUp = new Date();
    // Let both schedule the every-second pull side by side for a few ticks.
    await waitFor('four ticks with both up', async () => {
      const n = await count(knex, 'job_run', { job_name: 'pull:court' });
      const since = await knex('job_run').where({ job_name: 'pull:court' }).andWhere('tick_at', '>', bothUp);
      return n > 0 && since.length >= 4;
    });
    a.proc.kill('SIGTERM');
    b.proc.kill('SIGTERM');
    expect(await a.exited).toBe(0);
    expect(await b.exited).toBe(0);

    const runs = await knex('job_run')
      .where({ job_name: 'pull:court' })
      .select('tick_at', 'instance', 'status', 'error', 'records', 'inserted')
      .orderBy('tick_at');
    const perTick = new Map<number, number>();
    for (const r of runs as { tick_at: Date }[])
      perTick.set(r.tick_at.getTime(), (perTick.get(r.tick_at.getTime()) ?? 0) + 1);
    expect([...perTick.values()].every((n) => n === 1)).toBe(true);
    expect(runs.filter((r: { status: string }) => r.status !== 'succeeded')).toEqual([]);
    // The five records arrived in exactly one run and one import; every later tick found nothing newer.
    expect(runs.map((r: { inserted: number }) => r.inserted).filter((n: number) => n > 0)).toEqual([5]);
    expect(await count(knex, 'litigation_case')).toBe(5);
    expect(await count(knex, 'import_ledger', { source: 'job:pull:court' })).toBe(1);
    expect(server.requests.filter((r) => r.updatedSince === null)).toHaveLength(3);
    // Both really competed: the instance that lost a tick logged that it skipped it (locked, or tick taken).
    // At least one such line, not one per tick: on a loaded machine node-cron may skip a late slot outright.
    const skips = (a.output() + b.output())
      .split('\n')
      .filter((l) => l.includes('"job":"pull:court"') && l.includes('job skipped')).length;
    expect(skips).toBeGreaterThan(0);
    // Two full servers start (tsx transpiles each) beside the rest of the suite: on a busy 2-core machine that alone
    // has taken over a minute, so this test gets more than the tier's default. It waits on conditions throughout.
  }, 180_000);
});

describe('a pull killed with SIGKILL', () => {
  it('imports nothing, is marked failed by the next run, which completes', async () => {
    await knex('litigation_case').delete();
    const sources = writeSources('court-kill', '0 0 1 1 *');
    server.fail('stall', { page: 2 });
    const victim = start('server/cli/main.ts', ['job', 'run', 'pull:court-kill'], sources);
    await server.waitForStall();
    // Page 1 is fetched, page 2 is in flight: the run is mid-pull.
    const [running] = await knex('job_run').where({ job_name: 'pull:court-kill' });
    expect(running).toMatchObject({
      status: 'running',
      instance: expect.stringContaining(`:${victim.proc.pid}`),
    });
    victim.proc.kill('SIGKILL');
    await victim.exited;
    server.release();

    expect(await count(knex, 'litigation_case')).toBe(0);
    expect(await count(knex, 'import_ledger', { source: 'job:pull:court-kill' })).toBe(0);
    expect((await getSourceState(knex, 'court-kill'))?.watermark ?? null).toBeNull();
    // The server ends the dead session and with it the run's advisory lock.
    await waitFor('the killed session to end', async () => {
      const res = await knex.raw<{ rows: { n: number }[] }>(
        "SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database())",
      );
      return res.rows[0]?.n === 0;
    });

    const again = start('server/cli/main.ts', ['job', 'run', 'pull:court-kill', '--json'], sources);
    expect(await again.exited).toBe(0);
    const runs = await knex('job_run').where({ job_name: 'pull:court-kill' }).orderBy('id');
    expect(runs.map((r: { status: string; error: string | null }) => [r.status, r.error])).toEqual([
      ['failed', STALE_RUN_MESSAGE],
      ['succeeded', null],
    ]);
    expect(runs[1]).toMatchObject({ pages: 3, records: 5, inserted: 5 });
    expect(await count(knex, 'litigation_case')).toBe(5);
    expect(await count(knex, 'import_ledger', { source: 'job:pull:court-kill', status: 'committed' })).toBe(
      1,
    );
  });
});
