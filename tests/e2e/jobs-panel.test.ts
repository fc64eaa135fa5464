import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDateTime } from '../../web/src/lib/format.ts';
import { screenshotPath } from '../support/browser.ts';
import { createTestDatabase } from '../support/database.ts';
import { apiSession, startWebServer, type WebServer } from '../support/web-server.ts';

/**
 * The data page's job table in headless Chromium (issue #21 item 10): a 15-second inbox poll shows its last and
 * next run to the second (they used to read alike, shown to the minute), the next one after the last and after
 * now; schedules read as words (「每15秒」「每天03:30」) with the cron expression in the hover.
 */
const { knex } = await createTestDatabase();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sj-jobs-panel-'));
const sourcesFile = path.join(dir, 'sources.json');
fs.writeFileSync(
  sourcesFile,
  JSON.stringify({
    sources: [
      {
        name: 'inbox-litigation',
        kind: 'litigation',
        type: 'folder',
        path: path.join(dir, 'inbox'),
        schedule: '*/15 * * * * *',
        settleSeconds: 0,
        create: true,
      },
      {
        name: 'court-hourly',
        kind: 'litigation',
        type: 'folder',
        path: path.join(dir, 'court'),
        schedule: '0 15 * * * *',
        create: true,
      },
    ],
  }),
);
// The routes read the sources file from the environment, as in production (this file's own worker).
process.env.SOURCES_FILE = sourcesFile;

let web: WebServer;
let cookie: string;
let csrfToken: string;

interface Job {
  name: string;
  schedule: string;
  nextRunAt: string | null;
  lastRun: { started_at: string } | null;
}

beforeAll(async () => {
  web = await startWebServer(knex);
  ({ cookie, csrfToken } = await apiSession(web.base, knex, 'admin'));
});

afterAll(async () => {
  await web?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function jobs(): Promise<Record<string, Job>> {
  const res = await fetch(`${web.base}/api/jobs`, { headers: { cookie } });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { jobs: Job[] };
  return Object.fromEntries(body.jobs.map((j) => [j.name, j]));
}

const cell = (page: Page, job: string, id: string) =>
  page.locator(`[data-job="${job}"] [data-testid="${id}"]`);

describe('the job table', () => {
  let page: Page;

  it('regression: the 15-second poll shows a next run after its last run and after now, to the second', async () => {
    const ran = await fetch(`${web.base}/api/jobs/pull:inbox-litigation/run`, {
      method: 'POST',
      headers: { cookie, 'X-CSRF-Token': csrfToken },
    });
    expect(ran.status).toBe(200);
    const asked = Date.now();
    const inbox = (await jobs())['pull:inbox-litigation']!;
    const last = Date.parse(inbox.lastRun!.started_at);
    const next = Date.parse(inbox.nextRunAt!);
    expect(next).toBeGreaterThan(last);
    expect(next).toBeGreaterThan(asked);
    expect(next - asked).toBeLessThanOrEqual(15_000);

    page = await web.signIn('/data', 'admin');
    const row = page.locator('[data-job="pull:inbox-litigation"]');
    await row.waitFor();
    const lastText = (await cell(page, 'pull:inbox-litigation', 'job-last').textContent())!;
    const nextText = (await cell(page, 'pull:inbox-litigation', 'job-next').textContent())!.trim();
    // The run's own time, to the second, then its status.
    expect(lastText).toContain(formatDateTime(inbox.lastRun!.started_at, 'zh', { seconds: true }));
    expect(nextText).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}:\d{2}$/);
    expect(nextText).not.toBe(formatDateTime(inbox.lastRun!.started_at, 'zh', { seconds: true }));
    // An hourly job keeps minutes.
    expect((await cell(page, 'pull:court-hourly', 'job-next').textContent())!.trim()).toMatch(
      /^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:15$/,
    );
  });

  it('reads the jobs again after the next run has passed, without counting as use of the session', async () => {
    const next = cell(page, 'pull:inbox-litigation', 'job-next');
    const shown = (await next.textContent())!.trim();
    // The page's session, as if last used two minutes ago: any request that counted as use would move it on.
    const { id } = await knex('user_session')
      .join('app_user', 'app_user.id', 'user_session.user_id')
      .where('app_user.username', 'p-admin')
      .orderBy('user_session.created_at', 'desc')
      .first('user_session.id');
    const [{ last_seen_at: seen }] = await knex('user_session')
      .where({ id })
      .update({ last_seen_at: knex.raw("now() - interval '2 minutes'") })
      .returning('last_seen_at');
    const refreshed = page.waitForRequest(
      (r) => new URL(r.url()).pathname === '/api/jobs' && r.headers()['x-session-passive'] === '1',
      { timeout: 30_000 },
    );
    await refreshed;
    await expect.poll(async () => (await next.textContent())!.trim(), { timeout: 30_000 }).not.toBe(shown);
    // Shown in CST: the new next run is later than the old one and than now.
    const cst = (t: string) =>
      Date.parse(
        t.replace(
          /^(\d+)年(\d+)月(\d+)日 /,
          (_m, y: string, mo: string, d: string) => `${y}-${mo.padStart(2, '0')}-${d.padStart(2, '0')}T`,
        ) + '+08:00',
      );
    const now = Date.now();
    const after = cst((await next.textContent())!.trim());
    expect(after).toBeGreaterThan(cst(shown));
    expect(after).toBeGreaterThan(now - 1000);
    const row = await knex('user_session').where({ id }).first('last_seen_at');
    expect(new Date(row.last_seen_at as Date).getTime()).toBe(new Date(seen as Date).getTime());
  });

  it('says each schedule in words, with the cron expression and time zone on hover', async () => {
    const said = {
      'pull:inbox-litigation': ['每15秒', '*/15 * * * * *'],
      'pull:court-hourly': ['每小时第15分', '0 15 * * * *'],
      'stale-run-recovery': ['每5分钟', '*/5 * * * *'],
      'rollup-check': ['每10分钟', '*/10 * * * *'],
      'job-run-pruning': ['每天03:30', '30 3 * * *'],
      'notice-monthly': ['每月5日 08:00', '0 8 5 * *'],
    };
    const api = await jobs();
    for (const [job, [text, cron]] of Object.entries(said)) {
      expect(api[job]!.schedule).toBe(cron);
      const schedule = cell(page, job, 'job-schedule');
      expect((await schedule.textContent())!.trim(), job).toBe(text);
      expect(await schedule.locator('[title]').getAttribute('title')).toBe(
        `计划表达式（Asia/Shanghai）：${cron}`,
      );
    }
    await page.locator('[data-testid="jobs"]').screenshot({ path: screenshotPath('jobs-panel-zh') });

    await page.getByRole('button', { name: 'English' }).click();
    await cell(page, 'pull:inbox-litigation', 'job-schedule').getByText('every 15 seconds').waitFor();
    expect((await cell(page, 'job-run-pruning', 'job-schedule').textContent())!.trim()).toBe(
      'daily at 03:30',
    );
    expect((await cell(page, 'pull:inbox-litigation', 'job-next').textContent())!.trim()).toMatch(
      /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} CST$/,
    );
    await page.locator('[data-testid="jobs"]').screenshot({ path: screenshotPath('jobs-panel-en') });
    // The sources table says the same words.
    await page.locator('[data-source="inbox-litigation"]').getByText('every 15 seconds').waitFor();
  });
});
