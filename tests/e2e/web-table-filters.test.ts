import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatChange } from '../../web/src/lib/format.ts';
import { screenshotPath } from '../support/browser.ts';
import { createTestDatabase } from '../support/database.ts';
import { apiSession, startWebServer, type WebServer } from '../support/web-server.ts';

/**
 * Issue #21 item 10a in Chromium over the demo county: the ranking's column names sort (the definition opens from
 * an ⓘ or on hover), the filter bar offers 环比 beside 同比 and the figures say which they show, and a chart
 * without data says 本期无数据 instead of drawing bare axes.
 */
const { knex } = await createTestDatabase();
let web: WebServer;
let cookie: string;

beforeAll(async () => {
  web = await startWebServer(knex);
  ({ cookie } = await apiSession(web.base, knex, 'viewer'));
});
afterAll(async () => {
  await web?.close();
});

type Row = Record<string, unknown>;
async function apiMetrics(query: string): Promise<{ total: Row; rows: Row[] }> {
  const res = await fetch(`${web.base}/api/metrics?${query}`, { headers: { cookie } });
  expect(res.status).toBe(200);
  return (await res.json()) as { total: Row; rows: Row[] };
}

describe('ranking, comparison and empty charts', () => {
  it('regression: clicking a column name sorts by it; the definition opens from its ⓘ (keyboard too)', async () => {
    const page = await web.signIn('/units?year=2024', 'analyst');
    const api = await apiMetrics('preset=year&year=2024&by=unit');
    const rows = page.locator('[data-testid="unit-table"] tbody tr');
    await expect.poll(() => rows.count()).toBe(api.rows.length);
    const head = page.locator('[data-testid="unit-table"] thead th[data-metric="lit_concluded"]');
    const firstConcluded = () => rows.first().locator('[data-metric="lit_concluded"] .v').textContent();
    const concluded = api.rows.map((r) => r.lit_concluded as number);
    expect(await head.getAttribute('aria-sort')).toBeNull();

    // the name itself (the header's first button, what a user clicks) is the sort button
    const name = head.locator('button').first();
    expect(await name.textContent()).toMatch(/^审结/);
    expect(await name.getAttribute('aria-label')).toBe('审结 · 按此列排序');
    await name.click();
    await expect.poll(() => head.getAttribute('aria-sort')).toBe('descending');
    expect(await firstConcluded()).toBe(String(Math.max(...concluded)));
    // the previously sorted column lets go
    expect(
      await page
        .locator('[data-testid="unit-table"] thead th[data-metric="lit_filed"]')
        .getAttribute('aria-sort'),
    ).toBeNull();
    await name.click();
    await expect.poll(() => head.getAttribute('aria-sort')).toBe('ascending');
    expect(await firstConcluded()).toBe(String(Math.min(...concluded)));

    // hover over the name shows the definition; away, it hides
    const tip = head.locator('[role="tooltip"]');
    await name.hover();
    await expect.poll(() => tip.isVisible()).toBe(true);
    await page.mouse.move(5, 5);
    await expect.poll(() => tip.isVisible()).toBe(false);

    // keyboard: Tab from the name reaches its ⓘ, which opens the definition; Escape closes it
    await name.focus();
    await page.keyboard.press('Tab');
    const info = head.getByRole('button', { name: '审结的定义和口径' });
    await expect.poll(() => info.evaluate((el) => el === document.activeElement)).toBe(true);
    await expect.poll(() => tip.isVisible()).toBe(true);
    expect(await tip.textContent()).toContain('结案日期在统计期内');
    expect(await info.getAttribute('aria-describedby')).toBe(await tip.getAttribute('id'));
    await page.keyboard.press('Escape');
    await expect.poll(() => tip.isVisible()).toBe(false);
    // …and Enter on a name sorts
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter');
    await expect.poll(() => head.getAttribute('aria-sort')).toBe('descending');

    await page.locator('[data-testid="unit-table"] thead').scrollIntoViewIfNeeded();
    await name.hover();
    await page.screenshot({ path: screenshotPath('table-header-sorted-zh') });
    await page.close();
  });

  it('the filter bar offers 环比; the URL keeps it and the KPIs and tables say which comparison they show', async () => {
    const page = await web.signIn('/?preset=quarter&year=2025&quarter=2', 'analyst');
    const yoyLine = page.locator('[data-testid="kpis"] [data-metric="lit_filed"] .yoy');
    await expect.poll(() => yoyLine.textContent()).toContain('同比');
    const status = await page.locator('[data-testid="county-status"] .note').textContent();

    await page.locator('select[name="compare"]').selectOption('mom');
    await expect.poll(() => new URL(page.url()).searchParams.get('compare')).toBe('mom');
    const q2 = await apiMetrics('preset=quarter&year=2025&quarter=2&by=total&compare=yoy,mom');
    // the label turns to 环比 before the figures arrive: wait for the figure itself
    await expect
      .poll(() => yoyLine.textContent())
      .toContain(
        formatChange(q2.total.lit_filed_mom as number, 'count', 'zh', q2.total.lit_filed_mom_rel as number),
      );
    expect(await yoyLine.textContent()).toContain('环比');
    expect(await yoyLine.getAttribute('title')).toBe('环比：对比 2025年1月1日至3月31日');
    // the 双降 light is year-on-year by definition and stays so
    expect(await page.locator('[data-testid="county-status"] .note').textContent()).toBe(status);
    expect(await page.locator('[data-testid="county-status"]').textContent()).toContain(
      String(q2.total.double_decline),
    );
    const lossRate = page.locator('[data-testid="kpis"] [data-metric="lit_loss_rate"] .yoy');
    expect(await lossRate.textContent()).toContain(
      formatChange(q2.total.lit_loss_rate_mom as number, 'rate', 'zh'),
    );
    await page.screenshot({ path: screenshotPath('compare-mom-overview-zh'), fullPage: true });

    // the choice travels to the ranking, whose table says which change it shows
    await page.locator('nav a[data-nav="units"]').click();
    await expect
      .poll(() => page.locator('[data-testid="table-compare"]').textContent())
      .toBe('环比：对比 2025年1月1日至3月31日');
    expect(new URL(page.url()).searchParams.get('compare')).toBe('mom');
    await page.getByRole('button', { name: 'English' }).click();
    await expect
      .poll(() => page.locator('[data-testid="table-compare"]').textContent())
      .toBe('PoP: against 2025-01-01 to 2025-03-31');
    expect(await page.locator('select[name="compare"] option:checked').textContent()).toBe(
      'Previous period (PoP)',
    );
    await page.getByRole('button', { name: '中文' }).click();
    // back to 同比: the URL drops it
    await page.locator('select[name="compare"]').selectOption('yoy');
    await expect.poll(() => new URL(page.url()).searchParams.get('compare')).toBeNull();
    await expect
      .poll(() => page.locator('[data-testid="table-compare"]').textContent())
      .toBe('同比：对比 2024年4月1日至6月30日');
    await page.close();
  });

  it('a period without records shows 本期无数据 in each chart instead of bare axes', async () => {
    const page = await web.signIn('/?year=2019', 'analyst');
    const empty = (id: string) => page.locator(`[data-chart="${id}"] .plot`);
    for (const id of ['trend', 'kinds', 'closing', 'causes', 'domains']) {
      await expect.poll(() => empty(id).getAttribute('data-empty'), { message: id }).toBe('true');
      expect(await empty(id).getAttribute('aria-label'), id).toContain('本期无数据');
    }
    await page.screenshot({ path: screenshotPath('empty-charts-zh'), fullPage: true });
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => empty('causes').getAttribute('aria-label')).toContain('No data for this period');
    await page.screenshot({ path: screenshotPath('empty-charts-en'), fullPage: true });
    await page.getByRole('button', { name: '中文' }).click();
    // with data, no notice
    await page.goto(`${web.base}/?year=2025`);
    await page.locator('[data-chart="causes"] canvas').waitFor();
    await expect.poll(() => empty('causes').getAttribute('aria-label')).toBe('主要案由（新收一审）');
    expect(await empty('causes').getAttribute('data-empty')).toBeNull();
    await page.close();
  });
});
