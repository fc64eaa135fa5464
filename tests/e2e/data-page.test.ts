import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../server/services/auth/access.ts';
import { formatDateTime } from '../../web/src/lib/format.ts';
import { screenshotPath } from '../support/browser.ts';
import { createTestDatabase } from '../support/database.ts';
import { apiSession, startWebServer, type WebServer } from '../support/web-server.ts';

/**
 * The data page (数据管理) in headless Chromium: a GBK CSV with a bad row and an unknown unit name uploaded through
 * the page shows the summary the API ledger records; its rejected rows download as the API's CSV; mapping the
 * unknown name imports the waiting rows (the unit's count grows by what waited); a job runs from the page and its
 * run is the API's; sources are edited with the server's refusal shown; English; roles hide what they cannot do.
 */
const { knex } = await createTestDatabase();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sj-data-page-'));
const inbox = path.join(dir, 'inbox');
fs.mkdirSync(inbox);
const sourcesFile = path.join(dir, 'sources.json');
fs.writeFileSync(
  sourcesFile,
  JSON.stringify({
    sources: [
      {
        name: 'inbox-share',
        description: '诉前化解中心共享文件夹',
        kind: 'prelitigation',
        type: 'folder',
        path: inbox,
        schedule: '0 */6 * * *',
        settleSeconds: 0,
      },
      {
        name: 'court-share',
        description: '法院每月导出（共享目录）',
        kind: 'litigation',
        type: 'folder',
        path: path.join(dir, 'missing'),
        schedule: '0 2 * * *',
      },
    ],
  }),
);
// The routes read the sources file from the environment, as in production (this file's own worker).
process.env.SOURCES_FILE = sourcesFile;

const FIXTURE = path.resolve('tests/fixtures/import/litigation-gbk-web.csv');
const UNKNOWN = '县城市更新服务中心';
let web: WebServer;
let base: string;
let cookie: string;

beforeAll(async () => {
  web = await startWebServer(knex);
  ({ base } = web);
  const session = await apiSession(base, knex, 'admin');
  cookie = session.cookie;
  const { csrfToken } = session;
  // A source that has run and never succeeded: the page must flag it stale.
  const failed = await fetch(`${base}/api/jobs/pull:court-share/run`, {
    method: 'POST',
    headers: { cookie, 'X-CSRF-Token': csrfToken },
  });
  expect(failed.status).toBe(200);
});

afterAll(async () => {
  await web?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function apiGet<T>(p: string): Promise<T> {
  const res = await fetch(base + p, { headers: { cookie } });
  expect(res.status, p).toBe(200);
  return (await res.json()) as T;
}

interface Ledger {
  id: number;
  file_name: string;
  kind: string;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  unmatched: number;
  source: string;
}
const COUNTS = ['inserted', 'updated', 'unchanged', 'rejected', 'unmatched'] as const;

async function signedInPage(role: Role, p = '/data'): Promise<Page> {
  const page = await web.signIn(p, role);
  await page.locator('#page-title').waitFor();
  return page;
}

async function litFiled(code: string): Promise<number> {
  const r = await apiGet<{ rows: Record<string, unknown>[] }>(
    `/api/metrics?preset=year&year=2026&by=unit&units=${code}&metrics=lit_filed&compare=none&rank=none`,
  );
  return r.rows[0]!.lit_filed as number;
}

describe('data page in Chromium', () => {
  let page: Page;
  let entry: Ledger;

  it('uploads a GBK CSV and shows the summary the API ledger records, with rejected rows to download', async () => {
    page = await signedInPage('admin');
    await page.locator('[data-testid="upload"] select[name="kind"]').selectOption('litigation');
    await page.locator('[data-testid="upload"] input[type="file"]').setInputFiles(FIXTURE);
    await page.locator('[data-testid="upload"] button[type="submit"]').click();
    const summary = page.locator('[data-testid="upload-summary"]');
    await summary.locator('[data-count="inserted"]').waitFor();

    [entry] = (await apiGet<{ imports: Ledger[] }>('/api/imports?limit=1')).imports as [Ledger];
    expect(entry).toMatchObject({ kind: 'litigation', source: 'upload' });
    // the fixture has a bad date and two rows naming an unknown unit
    expect(entry.rejected).toBeGreaterThan(0);
    expect(entry.unmatched).toBeGreaterThan(0);
    for (const c of COUNTS) {
      expect(await summary.locator(`[data-count="${c}"] .n`).textContent(), c).toBe(String(entry[c]));
      // the ledger table says the same
      await expect
        .poll(() => page.locator(`[data-import="${entry.id}"] [data-count="${c}"]`).textContent())
        .toBe(String(entry[c]));
    }
    expect(await summary.textContent()).toContain('litigation-gbk-web.csv');

    // rejected rows: row number, reason (Chinese first), raw content — as the API lists them
    await summary.getByRole('button', { name: '查看被拒行' }).click();
    const details = page.locator('[data-testid="import-details"]');
    const api = await apiGet<{ rows: { row_number: number; reason: string; raw: Record<string, string> }[] }>(
      `/api/imports/${entry.id}/rejected`,
    );
    await expect.poll(() => details.locator('tbody tr').count()).toBe(api.rows.length);
    const first = details.locator(`tr[data-row="${api.rows[0]!.row_number}"]`);
    expect(await first.locator('.reason').textContent()).toBe(api.rows[0]!.reason);
    expect(await first.locator('.raw').textContent()).toContain(api.rows[0]!.raw['案号']!);

    // the download is the API's CSV, with the bad row and the reason columns, ready to fix and re-import
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      details.locator('[data-testid="rejected-csv"]').click(),
    ]);
    const bytes = fs.readFileSync(await download.path());
    const fromApi = Buffer.from(
      await (
        await fetch(`${base}/api/imports/${entry.id}/rejected.csv`, { headers: { cookie } })
      ).arrayBuffer(),
    );
    expect(bytes.equals(fromApi)).toBe(true);
    const downloaded = bytes.toString('utf8');
    expect(downloaded.startsWith('\uFEFF')).toBe(true); // so Excel opens it as UTF-8
    expect(downloaded).toContain('(2026)豫1321行初903号');
    expect(downloaded.split('\r\n')[0]).toContain('错误原因');
    expect(download.suggestedFilename()).toBe(`rejected-import-${entry.id}.csv`);

    // data-as-of: the header and the per-kind strip show the API's times
    const asOf = await apiGet<{ at: string; kinds: Record<string, string | null> }>('/api/data-as-of');
    expect(asOf.kinds.litigation).not.toBeNull();
    await expect
      .poll(() => page.locator('[data-testid="header-as-of"]').textContent())
      .toContain(formatDateTime(asOf.at, 'zh'));
    expect(await page.locator('[data-testid="as-of"] [data-kind="litigation"] dd').textContent()).toContain(
      formatDateTime(asOf.kinds.litigation, 'zh'),
    );
    await page.screenshot({ path: screenshotPath('data-page-upload-zh'), fullPage: true });
  });

  it('data-as-of header and chart footer disagree (issue #21): after an import they show one time; the data page labels the last delivery', async () => {
    const asOf = await apiGet<{ at: string; lastDeliveryAt: string }>('/api/data-as-of');
    const metrics = await apiGet<{ data_as_of: string }>(
      '/api/metrics?preset=year&year=2026&metrics=lit_filed',
    );
    expect(asOf.at).toBe(metrics.data_as_of);
    const shown = `数据截至 ${formatDateTime(asOf.at, 'zh')}`;

    const overview = await web.signIn('/?year=2026', 'admin', undefined, { acceptDownloads: true });
    const chart = overview.locator('[data-chart="trend"]');
    await chart.locator('canvas').waitFor();
    await expect.poll(() => overview.locator('[data-testid="header-as-of"]').textContent()).toContain(shown);
    const [svg] = await Promise.all([
      overview.waitForEvent('download'),
      chart.getByRole('button', { name: 'SVG' }).click(),
    ]);
    expect(fs.readFileSync(await svg.path(), 'utf8')).toContain(shown);
    await overview.close();

    // the data page: the same figures time in its heading; the last delivery only in the strip, labelled
    await expect
      .poll(() => page.locator('.page-head .asof').textContent())
      .toContain(formatDateTime(asOf.at, 'zh'));
    const delivery = page.locator('[data-testid="as-of"] [data-kind="all"]');
    expect(await delivery.locator('dt').textContent()).toBe('最近一次数据送达');
    expect(await delivery.locator('dd').textContent()).toContain(formatDateTime(asOf.lastDeliveryAt, 'zh'));
  });

  it('shows a refused file with the clear message the ledger records, and nothing imported', async () => {
    await page.locator('[data-testid="upload"] input[type="file"]').setInputFiles({
      name: '缺列的导出.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('案号,被告,案由\r\n(2026)豫1321行初999号,县公安局,罚款\r\n'),
    });
    await page.locator('[data-testid="upload"] button[type="submit"]').click();
    const summary = page.locator('[data-testid="upload-summary"]');
    await expect.poll(() => summary.textContent()).toContain('缺列的导出.csv');
    const refused = (
      await apiGet<{ imports: (Ledger & { status: string; error: string })[] }>('/api/imports?limit=1')
    ).imports[0]!;
    expect(refused).toMatchObject({ status: 'refused', inserted: 0, file_name: '缺列的导出.csv' });
    // the Chinese side of the server's "中文 / English" message, naming the missing column
    const zh = refused.error.slice(0, refused.error.indexOf(' / '));
    expect(zh).toContain('立案日期');
    expect(await summary.locator('[role="alert"]').textContent()).toBe(zh);
    expect(await summary.textContent()).toContain('文件未导入');
    await expect
      .poll(() => page.locator(`[data-import="${refused.id}"] [data-status]`).textContent())
      .toBe('已拒收');
    await summary.screenshot({ path: screenshotPath('data-page-refused-zh') });
  });

  it('maps the unknown name to a unit: the waiting rows are applied and the unit counts them', async () => {
    const row = page.locator(`[data-testid="unmatched"] tr[data-name="${UNKNOWN}"]`);
    const names = await apiGet<{ names: { name: string; rows: number }[] }>('/api/unmatched');
    const waiting = names.names.find((n) => n.name === UNKNOWN)!.rows;
    expect(await row.locator('.waiting').textContent()).toBe(String(waiting));
    await expect.poll(() => row.locator('.examples').textContent()).toContain('(2026)豫1321行初904号');

    const code = 'A03';
    const before = await litFiled(code);
    await row.locator('[data-testid="unit-picker"]').fill(code);
    await row.getByRole('button', { name: '确认对应' }).click();
    const done = page.locator('[data-testid="mapped"]');
    await done.waitFor();
    expect(await done.textContent()).toContain(`入库 ${waiting} 行`);
    await expect.poll(() => row.count()).toBe(0);

    const after = await apiGet<{ names: { name: string }[] }>('/api/unmatched');
    expect(after.names.map((n) => n.name)).not.toContain(UNKNOWN);
    expect(await litFiled(code)).toBe(before + waiting);
    await page.screenshot({ path: screenshotPath('data-page-mapped-zh'), fullPage: true });
  });

  it('runs a job from the page and shows its run as the API records it; flags the stale source', async () => {
    fs.copyFileSync(path.resolve('tests/fixtures/import/prelitigation.json'), path.join(inbox, '诉前.json'));
    const job = page.locator('[data-job="pull:inbox-share"]');
    await job.locator('[data-action="run"]').click();
    const message = page.locator('[data-testid="job-message"]');
    await message.waitFor();
    const { runs } = await apiGet<{ runs: (Ledger & { status: string; records: number })[] }>(
      '/api/jobs/pull:inbox-share/runs',
    );
    expect(runs[0]!.status).toBe('succeeded');
    expect(await message.textContent()).toContain(
      `读取 ${runs[0]!.records} 条，新增 ${runs[0]!.inserted}，更新 ${runs[0]!.updated}`,
    );
    await expect.poll(() => job.locator('[data-testid="job-status"]').textContent()).toContain('正常');
    // the pulled file is in the ledger, newest first
    const latest = (await apiGet<{ imports: Ledger[] }>('/api/imports?limit=1')).imports[0]!;
    expect(latest.kind).toBe('prelitigation');
    await expect.poll(() => page.locator(`[data-import="${latest.id}"]`).count()).toBe(1);

    // the folder that never worked: the API calls it stale, the page says so
    const { jobs } = await apiGet<{ jobs: { name: string; stale: boolean }[] }>('/api/jobs');
    expect(jobs.find((j) => j.name === 'pull:court-share')!.stale).toBe(true);
    expect(
      await page.locator('[data-job="pull:court-share"] [data-testid="job-status"]').textContent(),
    ).toContain('数据源超时未更新');
    await page.locator('[data-testid="stale-banner"]').waitFor();

    // its history
    await job.locator('[data-action="history"]').click();
    await expect.poll(() => page.locator('[data-testid="job-runs"] tbody tr').count()).toBe(runs.length);
  });

  it('edits a source: the server refuses a bad schedule with its message, saves a good one; disables', async () => {
    const row = page.locator('[data-source="inbox-share"]');
    await row.getByRole('button', { name: '编辑' }).click();
    const form = page.locator('[data-testid="source-form"]');
    await form.locator('input[name="schedule"]').fill('every hour');
    await form.getByRole('button', { name: '保存' }).click();
    const error = form.locator('[data-testid="source-error"]');
    await error.waitFor();
    expect(await error.textContent()).toContain('every hour');
    expect(fs.readFileSync(sourcesFile, 'utf8')).not.toContain('every hour');
    await page.screenshot({ path: screenshotPath('data-page-sources-zh'), fullPage: true });

    await form.locator('input[name="schedule"]').fill('*/30 * * * *');
    // The form says what the expression means before it is saved.
    await expect.poll(() => form.locator('[data-testid="schedule-said"]').textContent()).toBe('每30分钟');
    await form.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => form.count()).toBe(0);
    const saved = await apiGet<{ sources: { name: string; schedule: string; enabled: boolean }[] }>(
      '/api/sources',
    );
    expect(saved.sources.find((s) => s.name === 'inbox-share')!.schedule).toBe('*/30 * * * *');
    // The table says it in words, the expression itself in the hover.
    const schedule = row.locator('[data-schedule]');
    await expect.poll(() => schedule.getAttribute('data-schedule')).toBe('*/30 * * * *');
    expect(await schedule.textContent()).toBe('每30分钟');
    expect(await schedule.getAttribute('title')).toContain('*/30 * * * *');

    await row.getByRole('button', { name: '停用' }).click();
    await expect.poll(() => row.locator('[data-testid="source-status"]').textContent()).toContain('已停用');
    const off = await apiGet<{ sources: { name: string; enabled: boolean }[] }>('/api/sources');
    expect(off.sources.find((s) => s.name === 'inbox-share')!.enabled).toBe(false);
  });

  it('switches to English: headings, statuses and rejected reasons in English', async () => {
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.locator('#page-title').textContent()).toBe('Data management');
    const api = await apiGet<{ rows: { row_number: number; reason_en: string }[] }>(
      `/api/imports/${entry.id}/rejected`,
    );
    const ledgerRow = page.locator(`[data-import="${entry.id}"]`);
    if ((await page.locator('[data-testid="import-details"]').count()) === 0) {
      await ledgerRow.getByRole('button', { name: 'Details' }).click();
    }
    const reason = page.locator(
      `[data-testid="import-details"] tr[data-row="${api.rows[0]!.row_number}"] .reason`,
    );
    await expect.poll(() => reason.textContent()).toBe(api.rows[0]!.reason_en);
    expect(
      await page.locator('[data-job="pull:court-share"] [data-testid="job-status"]').textContent(),
    ).toContain('Source overdue');
    await page.screenshot({ path: screenshotPath('data-page-en'), fullPage: true });
    await page.getByRole('button', { name: '中文' }).click();
    await page.setViewportSize({ width: 820, height: 1180 });
    await page.screenshot({ path: screenshotPath('data-page-tablet-zh'), fullPage: true });
    await page.close();
  });

  it('keeps every table’s last columns (status, run log, edit) in its panel at 1024 and 1920 px and in print (issue #21 item 9)', async () => {
    const p = await signedInPage('admin');
    const fits = async (where: string) => {
      await p.locator('[data-job] [data-action="history"]').first().waitFor({ state: 'attached' });
      await p.locator('[data-source]').first().waitFor();
      const tables = await p.locator('.wrap > table.grid').evaluateAll((ts) =>
        ts.map((t) => {
          const wrap = t.parentElement!;
          return {
            panel:
              t.closest('.panel')?.getAttribute('data-testid') ??
              t.closest('.panel')?.querySelector('h3')?.textContent,
            scroll: wrap.scrollWidth,
            client: wrap.clientWidth,
          };
        }),
      );
      expect(tables.length, where).toBeGreaterThanOrEqual(3);
      for (const t of tables)
        expect(t.scroll, `${where}: ${String(t.panel)}`).toBeLessThanOrEqual(t.client + 1);
    };
    for (const lang of ['zh', 'en'] as const) {
      if (lang === 'en') await p.getByRole('button', { name: 'English' }).click();
      for (const width of [1024, 1920]) {
        await p.setViewportSize({ width, height: 1000 });
        await p.locator('[data-source]').first().waitFor();
        await p.screenshot({ path: screenshotPath(`data-page-${width}-${lang}`), fullPage: true });
        await fits(`${lang} ${width}px`);
        const history = p.locator('[data-job="pull:court-share"] [data-action="history"]');
        const panel = p.locator('.panel', { has: history });
        const [b, q] = [await history.boundingBox(), await panel.boundingBox()];
        expect(b!.x + b!.width, `${lang} ${width}px: run log button`).toBeLessThanOrEqual(q!.x + q!.width);
      }
      // On paper: the A4 line (about 680 CSS px) and no buttons.
      await p.setViewportSize({ width: 720, height: 1000 });
      await p.emulateMedia({ media: 'print' });
      await fits(`${lang} print`);
      await p.emulateMedia({ media: 'screen' });
      await p.setViewportSize({ width: 1024, height: 1000 });
    }
    await p.getByRole('button', { name: '中文' }).click();
    await p.close();
  });

  it('hides what a role cannot do: a clerk imports only their kind, a viewer only sees data-as-of', async () => {
    const clerk = await signedInPage('clerk');
    const kinds = await clerk
      .locator('[data-testid="upload"] select[name="kind"] option')
      .evaluateAll((os) => os.map((o) => (o as unknown as { value: string }).value));
    expect(kinds).toEqual(['litigation']);
    await clerk.locator('[data-testid="ledger"]').waitFor();
    expect(await clerk.locator('[data-testid="jobs"]').count()).toBe(0);
    expect(await clerk.locator('[data-testid="sources"]').count()).toBe(0);
    await clerk.screenshot({ path: screenshotPath('data-page-clerk-zh'), fullPage: true });
    await clerk.close();

    const viewer = await signedInPage('viewer');
    await viewer.locator('[data-testid="as-of"]').waitFor();
    expect(await viewer.locator('[data-testid="upload"]').count()).toBe(0);
    expect(await viewer.locator('[data-testid="ledger"]').count()).toBe(0);
    await viewer.screenshot({ path: screenshotPath('data-page-viewer-zh'), fullPage: true });
    await viewer.close();
  });
});
