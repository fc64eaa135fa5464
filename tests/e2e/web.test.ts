import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createApp } from '../../server/http/app.ts';
import { createLogger } from '../../server/logger.ts';
import { seedDemoCounty } from '../../server/services/demo-seed.service.ts';
import { launchBrowser, screenshotPath } from '../support/browser.ts';
import { createTestDatabase } from '../support/database.ts';
import { ensurePersona, PERSONA_PASSWORD } from '../support/personas.ts';
import { buildWeb } from '../support/web-build.ts';

const { knex } = await createTestDatabase();
let server: Server;
let browser: Browser;
let base: string;

beforeAll(async () => {
  await seedDemoCounty(knex);
  const webDir = buildWeb();
  const app = createApp({
    db: { knex, mode: inject('dbMode'), close: () => Promise.resolve() },
    logger: createLogger('silent'),
    webDir,
  });
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchBrowser();
});

/** A new page signed in through the login form (every page starts signed out: it has its own cookie jar). */
async function signedInPage(options: Parameters<Browser['newPage']>[0]): Promise<Page> {
  const username = await ensurePersona(knex, 'analyst');
  const page = await browser.newPage(options);
  await page.goto(base);
  await page.locator('input[name="username"]').fill(username);
  await page.locator('input[name="password"]').fill(PERSONA_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  return page;
}

afterAll(async () => {
  await browser?.close();
  await new Promise((r) => server?.close(r));
});

describe('web app (foundation shell)', () => {
  it('shows the county totals of the latest year from the API, in Chinese, and switches to English', async () => {
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: await ensurePersona(knex, 'viewer'), password: PERSONA_PASSWORD }),
    });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const api = (await (await fetch(`${base}/api/overview`, { headers: { cookie } })).json()) as {
      years: { totals: { lit_filed: number } }[];
    };
    const page = await signedInPage({ viewport: { width: 1280, height: 900 } });
    const filed = page.locator('[data-metric="lit_filed"] .value');
    await expect.poll(() => filed.textContent()).toContain(String(api.years.at(-1)!.totals.lit_filed));
    await expect.poll(() => page.locator('h2').textContent()).toContain('全县行政诉讼总体情况');
    await page.locator('canvas').first().waitFor();
    await page.screenshot({ path: screenshotPath('overview-zh'), fullPage: true });

    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.locator('h2').textContent()).toContain('County overview');
    await page.screenshot({ path: screenshotPath('overview-en'), fullPage: true });
    await page.close();
  });

  it('downloads the trend chart as a 2× PNG and as an SVG with its Chinese title', async () => {
    const page = await signedInPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    await page.locator('canvas').first().waitFor();

    const [png] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'PNG' }).click(),
    ]);
    const pngBytes = fs.readFileSync(await png.path());
    expect(pngBytes.subarray(1, 4).toString()).toBe('PNG');
    const width = pngBytes.readUInt32BE(16);
    const cssWidth = await page
      .locator('.plot')
      .first()
      .evaluate((el) => el.clientWidth);
    expect(width).toBe(cssWidth * 2);

    const [svg] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'SVG' }).click(),
    ]);
    expect(svg.suggestedFilename()).toMatch(/\.svg$/);
    const svgText = fs.readFileSync(await svg.path(), 'utf8');
    expect(svgText).toMatch(/^<svg/);
    expect(svgText).toContain('近五年一审收案与败诉率');
    expect(svgText).toContain('口径');
    await page.close();
  });
});
