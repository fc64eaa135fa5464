/**
 * npm run bench -- web: the dashboard's first paint against the demo county on localhost, in headless Chromium —
 * milliseconds from navigating to the overview (signed in) until the trend chart's canvas is drawn, median of 5 —
 * and the main bundle's size gzipped (the budget is 300 KB).
 */
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import zlib from 'node:zlib';
import { createApp } from '../server/http/app.ts';
import { createLogger } from '../server/logger.ts';
import { seedDemoCounty } from '../server/services/demo/demo-seed.service.ts';
import { launchBrowser } from '../tests/support/browser.ts';
import { ensurePersona, PERSONA_PASSWORD } from '../tests/support/personas.ts';
import { buildWeb } from '../tests/support/web-build.ts';
import { benchDatabase } from './bench-database.ts';
import { DEMO_AS_OF } from '../tests/support/demo.ts';

export async function run(): Promise<void> {
  const db = await benchDatabase();
  const webDir = buildWeb();
  const assets = path.join(webDir, 'assets');
  // The main bundle is every script index.html loads before the first page: the entry and the chunks it
  // modulepreloads (the bundler splits shared code, e.g. ECharts, out of the entry file).
  const html = fs.readFileSync(path.join(webDir, 'index.html'), 'utf8');
  const scripts = [...new Set(html.match(/\/assets\/[^"]+\.js/g) ?? [])];
  const mainGzipKb =
    scripts.reduce(
      (n, s) => n + zlib.gzipSync(fs.readFileSync(path.join(assets, path.basename(s)))).length,
      0,
    ) / 1024;
  await seedDemoCounty(db.knex, { asOf: DEMO_AS_OF, replace: true });
  const username = await ensurePersona(db.knex, 'analyst');
  const app = createApp({
    db: { knex: db.knex, mode: 'external', close: () => Promise.resolve() },
    logger: createLogger('silent'),
    webDir,
  });
  const server = await new Promise<import('node:http').Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(base);
    await page.locator('input[name="username"]').fill(username);
    await page.locator('input[name="password"]').fill(PERSONA_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.locator('[data-chart="trend"] canvas').waitFor();
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      await page.goto(`${base}/?year=2025`);
      await page.locator('[data-chart="trend"] canvas').waitFor();
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    const figures = {
      first_chart_ms_median: Math.round(times[2]!),
      first_chart_ms_max: Math.round(times[4]!),
      main_bundle_gzip_kb: Math.round(mainGzipKb * 10) / 10,
    };
    console.table(figures);
    console.log(JSON.stringify({ bench: 'web', ...figures }));
  } finally {
    await browser.close();
    await new Promise((r) => server.close(r));
    await db.close();
  }
}
