/**
 * HTTP pulls against a real server on 127.0.0.1 (pull-source-server.ts): paging, updated_since, updates, and
 * each way a source fails — every failure ends the run failed with a clear message, imports nothing, keeps the
 * watermark, and the next run catches up.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobRunner, type RunResult } from '../../jobs/runner.ts';
import { sourcePullJob } from '../../jobs/source-pull.job.ts';
import { getRun } from '../../server/repositories/job-run.repository.ts';
import { getSourceState } from '../../server/repositories/source-state.repository.ts';
import type { HttpSourceConfig } from '../../server/services/pulls/source.service.ts';
import { createTestDatabase } from '../support/database.ts';
import { closedPort, SourceServer, type Fault } from './pull-source-server.ts';
import { TestClock, count, courtRecords, effects, httpSource, insertTestUnits } from './pull-support.ts';

const { knex } = await createTestDatabase();
const TOKEN = 'tok-7f3a';
const env = { COURT_TOKEN: TOKEN };
let server: SourceServer;

beforeAll(async () => {
  await insertTestUnits(knex);
  server = await new SourceServer().start();
  server.records = courtRecords();
  server.token = TOKEN;
});
afterAll(() => server.stop());

async function pull(clock: TestClock, source: HttpSourceConfig, tokenEnv: Record<string, string> = env) {
  const result: RunResult = await new JobRunner(effects(knex, clock, tokenEnv)).run(sourcePullJob(source), {
    trigger: 'manual',
  });
  if (!result.ran) throw new Error(`did not run: ${result.reason}`);
  const run = await getRun(knex, result.runId);
  return { result, run: run! };
}

describe('an HTTP pull', () => {
  const clock = new TestClock(new Date('2026-11-23T01:00:00Z'));
  const source = httpSource('court', 'http://127.0.0.1:1/cases');

  it('fetches every page, imports them as one file, and sends the token', async () => {
    source.url = server.url;
    server.requests.length = 0;
    const { run } = await pull(clock, source);
    expect(run).toMatchObject({
      status: 'succeeded',
      error: null,
      pages: 3,
      records: 5,
      files: 1,
      inserted: 5,
    });
    expect(server.requests.map((r) => [r.page, r.updatedSince])).toEqual([
      [1, null],
      [2, null],
      [3, null],
    ]);
    expect(server.requests.every((r) => r.authorization === `Bearer ${TOKEN}`)).toBe(true);
    expect(await count(knex, 'litigation_case')).toBe(5);
    expect(await count(knex, 'import_ledger', { source: 'job:pull:court', status: 'committed' })).toBe(1);
    expect(run.import_ids).toHaveLength(1);
    // The watermark is the time this pull started (the pinned clock), never the token.
    expect((await getSourceState(knex, 'court'))?.watermark).toBe('2026-11-23T01:00:00.000Z');
    expect(JSON.stringify(run)).not.toContain(TOKEN);
  });

  it('imports nothing the second time', async () => {
    clock.advance(3_600_000);
    server.requests.length = 0;
    const ledgerBefore = await count(knex, 'import_ledger');
    const { run } = await pull(clock, source);
    expect(server.requests.map((r) => r.updatedSince)).toEqual(['2026-11-23T01:00:00.000Z']);
    expect(run).toMatchObject({
      status: 'succeeded',
      pages: 1,
      records: 0,
      files: 0,
      inserted: 0,
      updated: 0,
    });
    expect(await count(knex, 'import_ledger')).toBe(ledgerBefore);
    expect((await getSourceState(knex, 'court'))?.watermark).toBe('2026-11-23T02:00:00.000Z');
  });

  it('brings a record changed at the source in as an update', async () => {
    const changed = server.records[1]!;
    Object.assign(changed, {
      结案日期: '2026-11-21',
      结案方式: '准予撤诉',
      撤诉原因: '原告自愿',
      updated_at: '2026-11-23T02:30:00Z',
    });
    clock.advance(3_600_000);
    const { run } = await pull(clock, source);
    expect(run).toMatchObject({ status: 'succeeded', records: 1, inserted: 0, updated: 1 });
    const row = await knex('litigation_case').where({ case_no: changed.案号 }).first();
    expect(row).toMatchObject({ closed_on: '2026-11-21', closing: '准予撤诉' });
    expect(await count(knex, 'litigation_case')).toBe(5);
  });
});

describe('a failing source', () => {
  const cases: [string, Fault | 'unreachable' | 'token', number | undefined, number, RegExp, number][] = [
    // name, fault, on page, times, expected message, retries slept
    ['unreachable', 'unreachable', undefined, 0, /source unreachable: .*ECONNREFUSED.*after 3 attempts/, 2],
    ['slow', 'slow', 2, 3, /source timed out after 0\.3 s.*after 3 attempts/, 2],
    ['HTTP 500', 'http500', 1, 3, /source answered HTTP 500.*after 3 attempts/, 2],
    ['truncated body', 'truncated', 2, 3, /truncated response.*after 3 attempts/, 2],
    ['malformed JSON', 'malformed', 2, 1, /malformed JSON on page 2/, 0],
    ['repeating page', 'repeat', 2, 1, /page 2 repeats page 1/, 0],
    ['rejected token', 'token', undefined, 0, /token rejected: HTTP 401/, 0],
  ];

  it.each(cases)(
    '%s: fails clearly, keeps the watermark, and the next run catches up',
    async (label, fault, page, times, message, slept) => {
      const name = `court-${label.replace(/\W+/g, '-').toLowerCase()}`;
      const clock = new TestClock(new Date('2026-11-24T01:00:00Z'));
      const url = fault === 'unreachable' ? `http://127.0.0.1:${await closedPort()}/cases` : server.url;
      const source = httpSource(name, url, { timeoutSeconds: 0.3 });
      server.slowMs = 3_000;
      if (fault !== 'unreachable' && fault !== 'token') server.fail(fault, { page, times });
      const ledgerBefore = await count(knex, 'import_ledger');
      const casesBefore = await knex('litigation_case').select('case_no', 'updated_at').orderBy('case_no');

      const failed = await pull(clock, source, fault === 'token' ? { COURT_TOKEN: 'expired' } : env);
      expect(failed.run.status).toBe('failed');
      expect(failed.run.error).toMatch(message);
      expect(failed.run.error).not.toContain(TOKEN);
      expect(clock.sleeps).toHaveLength(slept);
      expect(await count(knex, 'import_ledger')).toBe(ledgerBefore);
      expect(await knex('litigation_case').select('case_no', 'updated_at').orderBy('case_no')).toEqual(
        casesBefore,
      );
      const state = await getSourceState(knex, name);
      expect(state).toMatchObject({ watermark: null, last_success_at: null, last_run_id: failed.run.id });
      expect(state?.last_error).toMatch(message);

      clock.advance(60_000);
      const healed = await pull(clock, httpSource(name, server.url));
      expect(healed.run).toMatchObject({ status: 'succeeded', pages: 3, records: 5 });
      expect((await getSourceState(knex, name))?.watermark).toBe('2026-11-24T01:01:00.000Z');
    },
  );

  it('retries a transient 500 and then succeeds, backing off with jitter', async () => {
    const clock = new TestClock(new Date('2026-11-25T01:00:00Z'));
    server.fail('http500', { page: 1, times: 2 });
    const { run } = await pull(clock, httpSource('court-flaky', server.url, { backoffSeconds: 1 }));
    expect(run).toMatchObject({ status: 'succeeded', pages: 3, records: 5 });
    // random() = 0.5 → ¾ of the ceiling: 1 s then 2 s.
    expect(clock.sleeps).toEqual([750, 1500]);
  });

  it('names the missing token variable without calling the source', async () => {
    const clock = new TestClock(new Date('2026-11-25T01:00:00Z'));
    server.requests.length = 0;
    const { run } = await pull(clock, httpSource('court-no-token', server.url), {});
    expect(run.status).toBe('failed');
    expect(run.error).toContain('environment variable COURT_TOKEN');
    expect(server.requests).toHaveLength(0);
  });

  it('streams a CSV export to the import in one request, and a truncated one imports nothing', async () => {
    const clock = new TestClock(new Date('2026-11-26T01:00:00Z'));
    const csv = httpSource('court-csv', `${server.url}.csv`, { format: 'csv' });
    server.fail('truncated', { times: 3 });
    const ledgerBefore = await count(knex, 'import_ledger');
    const broken = await pull(clock, csv);
    expect(broken.run.status).toBe('failed');
    expect(broken.run.error).toMatch(/truncated response.*after 3 attempts/);
    expect(await count(knex, 'import_ledger')).toBe(ledgerBefore);

    const { run } = await pull(clock, csv);
    // The five cases are already here (imported as JSON above, one since closed): the CSV changes nothing.
    expect(run).toMatchObject({
      status: 'succeeded',
      pages: 1,
      files: 1,
      inserted: 0,
      updated: 0,
      unchanged: 5,
    });
    expect(await count(knex, 'import_ledger')).toBe(ledgerBefore + 1);
  });
});
