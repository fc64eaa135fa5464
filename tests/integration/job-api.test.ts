/**
 * The admin job panel's API over a real database and a real local source: run now, status with the stale
 * flag and data-as-of, run history, sources without secrets, busy and unknown jobs.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { tryJobLock } from '../../jobs/runner.ts';
import { createApp } from '../../server/http/app.ts';
import { createLogger } from '../../server/logger.ts';
import { createTestDatabase } from '../support/database.ts';
import { loginAs, type Agent } from '../support/personas.ts';
import { SourceServer } from './pull-source-server.ts';
import { courtRecords, insertTestUnits } from './pull-support.ts';

const { knex } = await createTestDatabase();
const TOKEN = 'tok-api-5d1e';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sj-job-api-'));
const server = await new SourceServer().start();
server.token = TOKEN;
server.records = courtRecords();
const sourcesFile = path.join(dir, 'sources.json');
fs.writeFileSync(
  sourcesFile,
  JSON.stringify({
    sources: [
      {
        name: 'court',
        kind: 'litigation',
        type: 'http',
        url: `${server.url}?district=1321`,
        auth: { env: 'COURT_TOKEN_API' },
        updatedSinceParam: 'updated_since',
        schedule: '0 * * * *',
      },
      {
        name: 'share',
        kind: 'litigation',
        type: 'folder',
        path: path.join(dir, 'missing'),
        schedule: '0 * * * *',
      },
      { name: 'quiet', kind: 'litigation', type: 'folder', path: dir, schedule: '0 * * * *' },
    ],
  }),
);
// The routes read the sources file and tokens from the environment, as in production (this file's own worker).
process.env.SOURCES_FILE = sourcesFile;
process.env.COURT_TOKEN_API = TOKEN;

const app = createApp({
  db: { knex, mode: inject('dbMode'), close: () => Promise.resolve() },
  logger: createLogger('silent'),
});
let admin: Agent;

beforeAll(async () => {
  await insertTestUnits(knex);
  admin = await loginAs(app, knex, 'admin');
});
afterAll(async () => {
  await server.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the jobs API', () => {
  it('runs a pull now and answers with its run', async () => {
    const res = await admin.post('/api/jobs/pull:court/run').expect(200);
    expect(res.body.run).toMatchObject({ job_name: 'pull:court', trigger: 'manual', status: 'succeeded' });
    expect(res.body.run).toMatchObject({ pages: 3, records: 5, inserted: 5 });
  });

  it('answers a failed run with 200 and the run saying why', async () => {
    const res = await admin.post('/api/jobs/pull:share/run').expect(200);
    expect(res.body.run.status).toBe('failed');
    expect(res.body.run.error).toContain('cannot read folder');
  });

  it('lists every job with last run, next run and the stale flag', async () => {
    // "quiet" last succeeded two days ago on an hourly schedule: stale.
    await knex('job_run').insert({
      job_name: 'pull:quiet',
      trigger: 'schedule',
      tick_at: new Date(Date.now() - 2 * 86_400_000),
      status: 'succeeded',
      instance: 'test',
      started_at: new Date(Date.now() - 2 * 86_400_000),
      finished_at: new Date(Date.now() - 2 * 86_400_000),
    });
    const res = await admin.get('/api/jobs').expect(200);
    const byName = Object.fromEntries(res.body.jobs.map((j: { name: string }) => [j.name, j]));
    expect(Object.keys(byName)).toEqual([
      'stale-run-recovery',
      'job-run-pruning',
      'rollup-check',
      'notice-monthly',
      'pull:court',
      'pull:share',
      'pull:quiet',
    ]);
    expect(byName['pull:court']).toMatchObject({
      kind: 'pull',
      stale: false,
      lastRun: { status: 'succeeded' },
    });
    expect(byName['pull:share']).toMatchObject({
      stale: true,
      lastRun: { status: 'failed' },
      lastSuccessAt: null,
    });
    expect(byName['pull:quiet']).toMatchObject({ stale: true });
    expect(byName['stale-run-recovery']).toMatchObject({ kind: 'housekeeping', stale: false, lastRun: null });
    // The monthly notice is listed off (the notice settings' default), with no next run.
    expect(byName['notice-monthly']).toMatchObject({
      enabled: false,
      schedule: '0 8 5 * *',
      nextRunAt: null,
    });
    expect(Date.parse(byName['pull:court'].nextRunAt)).toBeGreaterThan(Date.now());
    expect(Date.parse(res.body.dataAsOf)).toBeGreaterThan(Date.now() - 60_000);
  });

  it('gives a job its run history, newest first', async () => {
    await admin.post('/api/jobs/pull:court/run').expect(200);
    const res = await admin.get('/api/jobs/pull:court/runs').expect(200);
    expect(res.body.runs.map((r: { records: number }) => r.records)).toEqual([0, 5]);
  });

  it('shows sources without their token or URL query', async () => {
    const res = await admin.get('/api/sources').expect(200);
    expect(res.body.file).toBe(sourcesFile);
    const court = res.body.sources.find((s: { name: string }) => s.name === 'court');
    expect(court).toMatchObject({
      url: server.url,
      auth: { header: 'Authorization', env: 'COURT_TOKEN_API' },
      job: 'pull:court',
      state: { last_error: null },
    });
    expect(court.state.watermark).toEqual(expect.any(String));
    expect(JSON.stringify(res.body)).not.toContain(TOKEN);
    expect(JSON.stringify(res.body)).not.toContain('district');
  });

  it('refuses an unknown job with 404 and a busy one with 409', async () => {
    await admin.post('/api/jobs/pull:nowhere/run').expect(404);
    const lock = await tryJobLock(knex, 'pull:court');
    try {
      const res = await admin.post('/api/jobs/pull:court/run').expect(409);
      expect(res.body.error.code).toBe('job_busy');
    } finally {
      await lock!.commit();
    }
  });

  it('adds a source from the admin UI and refuses one carrying a token or a bad schedule', async () => {
    const before = fs.readFileSync(sourcesFile, 'utf8');
    const bad = await admin
      .put('/api/sources/reconsideration')
      .send({ kind: 'reconsideration', type: 'http', url: server.url, schedule: '0 * * * *', token: 'x' })
      .expect(400);
    expect(bad.body.error).toMatchObject({ code: 'invalid_source' });
    await admin
      .put('/api/sources/reconsideration')
      .send({ kind: 'reconsideration', type: 'http', url: server.url, schedule: 'hourly' })
      .expect(400);
    expect(fs.readFileSync(sourcesFile, 'utf8')).toBe(before);

    const res = await admin
      .put('/api/sources/reconsideration')
      .send({ kind: 'reconsideration', type: 'http', url: server.url, schedule: '30 6 * * *' })
      .expect(200);
    expect(res.body.source).toMatchObject({
      name: 'reconsideration',
      timezone: 'Asia/Shanghai',
      enabled: true,
    });
    const written = JSON.parse(fs.readFileSync(sourcesFile, 'utf8'));
    expect(written.sources.map((s: { name: string }) => s.name)).toEqual([
      'court',
      'share',
      'quiet',
      'reconsideration',
    ]);
    const jobs = (await admin.get('/api/jobs').expect(200)).body.jobs.map((j: { name: string }) => j.name);
    expect(jobs).toContain('pull:reconsideration');
  });

  it('an edit sent back from the public view keeps the hidden URL query and token prefix', async () => {
    const shown = (await admin.get('/api/sources').expect(200)).body.sources.find(
      (x: { name: string }) => x.name === 'court',
    );
    expect(shown.url).toBe(server.url); // the query is not shown
    const { job: _j, state: _s, lastRun: _l, nextRunAt: _n, stale: _st, name: _name, ...edit } = shown;
    await admin
      .put('/api/sources/court')
      .send({ ...edit, schedule: '5 * * * *' })
      .expect(200);
    const written = JSON.parse(fs.readFileSync(sourcesFile, 'utf8')).sources.find(
      (x: { name: string }) => x.name === 'court',
    );
    expect(written).toMatchObject({
      url: `${server.url}?district=1321`,
      schedule: '5 * * * *',
      auth: { header: 'Authorization', env: 'COURT_TOKEN_API', prefix: 'Bearer ' },
    });
    // a URL the admin typed anew is taken as typed
    await admin
      .put('/api/sources/court')
      .send({ ...edit, url: `${server.url}?district=1322`, schedule: '0 * * * *' })
      .expect(200);
    expect(fs.readFileSync(sourcesFile, 'utf8')).toContain('district=1322');
    await admin
      .put('/api/sources/court')
      .send({ ...edit, url: `${server.url}?district=1321`, schedule: '0 * * * *' })
      .expect(200);
  });

  it('disables and enables a source, and 404s an unknown one', async () => {
    const off = await admin.post('/api/sources/quiet/disable').expect(200);
    expect(off.body.source.enabled).toBe(false);
    const status = (await admin.get('/api/jobs').expect(200)).body.jobs.find(
      (j: { name: string }) => j.name === 'pull:quiet',
    );
    // A disabled source is never stale and has no next run.
    expect(status).toMatchObject({ enabled: false, stale: false, nextRunAt: null });
    expect((await admin.post('/api/sources/quiet/enable').expect(200)).body.source.enabled).toBe(true);
    await admin.post('/api/sources/nowhere/enable').expect(404);
  });

  it('shows a source whose schedule node-cron refuses as stale and never due, not as an error', async () => {
    const doc = JSON.parse(fs.readFileSync(sourcesFile, 'utf8'));
    doc.sources.find((x: { name: string }) => x.name === 'quiet').schedule = 'every hour';
    fs.writeFileSync(sourcesFile, JSON.stringify(doc));
    const res = await admin.get('/api/jobs').expect(200);
    const quiet = res.body.jobs.find((j: { name: string }) => j.name === 'pull:quiet');
    expect(quiet).toMatchObject({ stale: true, nextRunAt: null });
  });
});
