import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshotPath } from '../support/browser.ts';
import { createTestDatabase } from '../support/database.ts';
import { startWebServer, type WebServer } from '../support/web-server.ts';

/**
 * Titles name the scope chosen in the filter bar (issue #21 item 4a): with 乡镇街道 selected, the page title and
 * the warnings line said 「全县」. In Chromium, over the demo county, in both languages.
 */
const { knex } = await createTestDatabase();
let web: WebServer;

beforeAll(async () => {
  web = await startWebServer(knex);
});
afterAll(async () => {
  await web?.close();
});

describe('the scope in titles', () => {
  it('follows the kind filter on the overview (title, warnings line, kinds note) and the other pages', async () => {
    const page = await web.signIn('/?year=2025', 'analyst');
    const title = page.locator('h2#page-title');
    const warnings = page.locator('[data-testid="warnings"] p b').first();
    await expect.poll(() => title.textContent()).toContain('全县行政诉讼总体情况');
    await expect.poll(() => warnings.textContent()).toBe('全县');
    // The two kinds do not make the county's filings: the chart says why.
    await expect
      .poll(() => page.locator('[data-testid="kinds-gap"]').textContent())
      .toMatch(/^图中两类合计 \d+ 件，新收一审案件合计 \d+ 件：/);

    await page.locator('select[name="kind"]').selectOption('乡镇街道');
    await expect.poll(() => title.textContent()).toContain('乡镇街道行政诉讼总体情况');
    await expect.poll(() => warnings.textContent()).toBe('乡镇街道');
    expect(await title.textContent()).not.toContain('全县');
    // one kind: its bar is the KPI, nothing to explain
    await page.locator('[data-chart="kinds"] canvas').waitFor();
    expect(await page.locator('[data-testid="kinds-gap"]').count()).toBe(0);
    await page.locator('[data-chart="domains"] canvas').waitFor();
    await page.screenshot({ path: screenshotPath('scope-overview-towns-zh'), fullPage: true });

    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => title.textContent()).toContain('Overview: Townships and streets');
    await expect.poll(() => warnings.textContent()).toBe('Townships and streets');
    expect(await page.locator('select[name="kind"] option:checked').textContent()).toBe(
      'Townships and streets',
    );
    await page.screenshot({ path: screenshotPath('scope-overview-towns-en'), fullPage: true });
    await page.getByRole('button', { name: '中文' }).click();

    // The filter travels with the navigation: every page names it.
    for (const [nav, heading] of [
      ['units', '乡镇街道单位排名'],
      ['reconsideration', '乡镇街道行政复议情况'],
      ['prelitigation', '乡镇街道诉前化解情况'],
    ] as const) {
      await page.locator(`nav a[data-nav="${nav}"]`).click();
      await expect.poll(() => title.textContent(), { message: nav }).toContain(heading);
    }
    await page.locator('select[name="kind"]').selectOption('县直部门');
    await expect.poll(() => title.textContent()).toContain('县直部门诉前化解情况');
    await page.locator('select[name="kind"]').selectOption('');
    await expect.poll(() => title.textContent()).toContain('全县诉前化解情况');
    await page.close();
  });

  it('names a unit user’s own unit, whatever the URL asks for', async () => {
    const page = await web.signIn(`/?year=2025&kinds=${encodeURIComponent('乡镇街道')}`, 'unit', 'A01');
    const unitName = (await knex('unit').where({ code: 'A01' }).first<{ name: string }>()).name;
    const title = page.locator('h2#page-title');
    await expect.poll(() => title.textContent()).toContain(`${unitName}行政诉讼总体情况`);
    await page.close();
  });
});
