/// <reference lib="dom" />
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path_ from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableFromIPC } from 'apache-arrow';
import { parseMetricsCsv } from '../../server/exports/csv-metrics.ts';
import { screenshotPath } from '../support/browser.ts';
import { createTestDatabase } from '../support/database.ts';
import { apiSession, startWebServer, type WebServer } from '../support/web-server.ts';
import { ARROW_STREAM, resultFromArrow } from '../../web/src/lib/api/arrow.ts';
import type { MetricRow } from '../../server/contracts/metrics.ts';
import { groupWarnings } from '../../server/metrics/warnings.ts';

/**
 * The dashboard in headless Chromium against the demo county: figures on the page are the API's figures for the
 * filters in the URL; filters, drill-through, chart downloads and the language switch work; every page is
 * screenshotted to tests/output/screenshots/ for a person to look at.
 */
const { knex } = await createTestDatabase();
let web: WebServer;
let base: string;
let cookie: string;

beforeAll(async () => {
  web = await startWebServer(knex);
  ({ base } = web);
  ({ cookie } = await apiSession(base, knex, 'viewer'));
});

afterAll(async () => {
  await web?.close();
});

type Row = Record<string, unknown>;
/** What the API says for a query: the page must show the same figures. */
async function apiMetrics(query: string): Promise<{ total: Row; rows: Row[] }> {
  const res = await fetch(`${base}/api/metrics?${query}`, { headers: { cookie } });
  expect(res.status).toBe(200);
  return (await res.json()) as { total: Row; rows: Row[] };
}

/** A new page signed in through the login form at `path` (every page has its own cookie jar). */
const signedInPage = (path: string, options: Parameters<Browser['newPage']>[0] = {}): Promise<Page> =>
  web.signIn(path, 'analyst', undefined, options);

const kpi = (page: Page, id: string) =>
  page.locator(`[data-testid="kpis"] [data-metric="${id}"] .value`).first();
const pct = (v: unknown) => `${((v as number) * 100).toFixed(1)}%`;

/** Every chart's text as drawn (the SVG EChart.svelte draws for printing, from the same option). */
async function chartTexts(page: Page): Promise<Record<string, string[]>> {
  await expect
    .poll(() =>
      page.evaluate(() =>
        [...document.querySelectorAll('[data-chart]')].every((c) => c.querySelector('canvas, .note, h3')),
      ),
    )
    .toBe(true);
  await page.emulateMedia({ media: 'print' });
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  const texts = await page.evaluate(() =>
    Object.fromEntries(
      [...document.querySelectorAll('[data-chart]')].map((c) => [
        c.getAttribute('data-chart') ?? '',
        [...c.querySelectorAll('.print-svg svg text')].map((t) => t.textContent ?? ''),
      ]),
    ),
  );
  await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
  await page.emulateMedia({ media: 'screen' });
  return texts;
}

describe('dashboard in Chromium', () => {
  it('overview: the KPI strip shows the API figures for the URL filters, and follows filter changes', async () => {
    const page = await signedInPage('/?year=2025');
    const year = await apiMetrics('preset=year&year=2025&by=total');
    await expect.poll(() => kpi(page, 'lit_filed').textContent()).toContain(String(year.total.lit_filed));
    expect(await kpi(page, 'lit_loss_rate').textContent()).toContain(pct(year.total.lit_loss_rate));
    // every rate shows n/N
    expect(await page.locator('[data-metric="lit_loss_rate"] .fraction').textContent()).toBe(
      `${year.total.lit_loss_rate_numerator as number}/${year.total.lit_loss_rate_denominator as number}`,
    );
    expect(await page.locator('[data-testid="county-status"]').textContent()).toContain(
      String(year.total.double_decline),
    );
    await page.locator('[data-chart="trend"] canvas').waitFor();
    await page.locator('[data-chart="domains"] canvas').waitFor();
    await page.screenshot({ path: screenshotPath('dashboard-overview-zh'), fullPage: true });

    // 季度 → Q2 2025: the URL carries the filter and the figures are the API's for that quarter
    await page.locator('[data-preset="quarter"]').click();
    await page.locator('select[name="quarter"]').selectOption('2');
    await expect.poll(() => new URL(page.url()).search).toContain('preset=quarter');
    expect(new URL(page.url()).searchParams.get('quarter')).toBe('2');
    const q2 = await apiMetrics('preset=quarter&year=2025&quarter=2&by=total');
    await expect.poll(() => kpi(page, 'lit_filed').textContent()).toContain(String(q2.total.lit_filed));
    await expect
      .poll(() => kpi(page, 'lit_concluded').textContent())
      .toContain(String(q2.total.lit_concluded));

    // unit kind 乡镇街道
    await page.locator('select[name="kind"]').selectOption('乡镇街道');
    const towns = await apiMetrics(
      `preset=quarter&year=2025&quarter=2&by=total&kinds=${encodeURIComponent('乡镇街道')}`,
    );
    expect(towns.total.lit_concluded).not.toBe(q2.total.lit_concluded);
    await expect
      .poll(() => kpi(page, 'lit_concluded').textContent())
      .toContain(String(towns.total.lit_concluded));

    // the bookmarked URL reproduces the view in a fresh page
    const shared = await signedInPage(new URL(page.url()).pathname + new URL(page.url()).search);
    await expect
      .poll(() => kpi(shared, 'lit_concluded').textContent())
      .toContain(String(towns.total.lit_concluded));
    expect(await shared.locator('select[name="kind"]').inputValue()).toBe('乡镇街道');
    await shared.close();

    // 口径B: loss rate = losses ÷ judgments
    await page.locator('select[name="kind"]').selectOption('');
    await page.locator('select[name="basis"]').selectOption('B');
    const b = await apiMetrics('preset=quarter&year=2025&quarter=2&by=total&basis=lit_loss_rate:B');
    await expect.poll(() => kpi(page, 'lit_loss_rate').textContent()).toContain(pct(b.total.lit_loss_rate));
    await page.close();
  });

  it('overview: a metric name explains itself on focus (definition and 口径)', async () => {
    const page = await signedInPage('/?year=2025');
    const name = page.locator('[data-testid="kpis"] [data-metric="lit_loss_rate"] .metric-name button');
    await name.focus();
    const tip = page.locator('[data-testid="kpis"] [data-metric="lit_loss_rate"] [role="tooltip"]');
    await expect.poll(() => tip.isVisible()).toBe(true);
    expect(await tip.textContent()).toContain('口径A');
    await page.close();
  });

  it('overview: warnings by severity with a count per group, the first 10 shown and 「展开其余 N 条」 (issue #21 item 6)', async () => {
    const page = await signedInPage('/?year=2024');
    const api = await apiMetrics(
      'preset=year&year=2024&by=unit&metrics=lit_filed,lit_loss_rate,lit_head_appearance_rate,lit_head_absences',
    );
    const groups = groupWarnings(api.rows as MetricRow[]);
    const order = groups.flatMap((g) => g.rows.map((r) => `${g.code}:${String(r.unit_code)}`));
    expect(order.length).toBeGreaterThan(10);
    // The demo county's 2024 has losses over the line and absent heads: they lead, rising filings come last.
    expect(groups.map((g) => g.code)).toEqual([
      'loss_rate_high',
      'head_absent',
      'head_appearance_low',
      'filed_up',
    ]);

    const section = page.locator('[data-testid="warnings"]');
    const shown = () =>
      section
        .locator('li[data-unit]:visible')
        .evaluateAll((els) =>
          els.map(
            (e) =>
              `${e.closest('[data-warning]')!.getAttribute('data-warning')}:${e.getAttribute('data-unit')}`,
          ),
        );
    await expect.poll(shown).toEqual(order.slice(0, 10));
    const headings = await section.locator('[data-warning] h4').allTextContents();
    expect(headings).toEqual(groups.map((g) => expect.stringContaining(`（${g.rows.length}个）`)));
    const more = section.getByRole('button', { name: `展开其余 ${order.length - 10} 条` });
    await more.click();
    await expect.poll(shown).toEqual(order);
    await page.screenshot({ path: screenshotPath('dashboard-overview-warnings-expanded'), fullPage: true });
    await section.getByRole('button', { name: '收起' }).click();
    await expect.poll(shown).toEqual(order.slice(0, 10));
    await page.close();
  });

  it('units: the table lists every unit with the API figures, sorts, and opens a unit', async () => {
    const page = await signedInPage('/units?year=2024');
    const api = await apiMetrics('preset=year&year=2024&by=unit');
    // The page reads the table as Arrow; decoded, it is the JSON answer row for row.
    const arrowReq = page.waitForRequest(
      (r) =>
        r.url().includes('/api/metrics?') &&
        r.url().includes('by=unit') &&
        r.headers().accept === ARROW_STREAM,
    );
    const arrowRes = await fetch(`${base}/api/metrics?preset=year&year=2024&by=unit`, {
      headers: { cookie, accept: ARROW_STREAM },
    });
    const decoded = resultFromArrow(tableFromIPC(new Uint8Array(await arrowRes.arrayBuffer())));
    // Arrow columns are the union of the rows' keys: a key another row has (the total's label) comes back null.
    const extras = (a: Row, b: Row) =>
      Object.keys(a)
        .filter((k) => !(k in b))
        .map((k) => a[k]);
    expect(decoded.rows).toMatchObject(api.rows);
    expect(decoded.total).toMatchObject(api.total);
    decoded.rows.forEach((r, i) => expect(new Set(extras(r, api.rows[i]!))).toEqual(new Set([null])));
    expect(decoded.settings.min_denominator).toBeGreaterThan(0);
    const rows = page.locator('[data-testid="unit-table"] tbody tr');
    await expect.poll(() => rows.count()).toBe(api.rows.length);
    const a01 = api.rows.find((r) => r.unit_code === 'A01')!;
    const cellA01 = page.locator('tr[data-unit="A01"] [data-metric="lit_loss_rate"]');
    expect(await cellA01.textContent()).toContain(
      `${a01.lit_loss_rate_numerator as number}/${a01.lit_loss_rate_denominator as number}`,
    );
    // sorted by filings, most first, as the API counts them
    const most = Math.max(...api.rows.map((r) => r.lit_filed as number));
    expect(await rows.first().locator('[data-metric="lit_filed"] .v').textContent()).toBe(String(most));
    // The server's total under the units: its label and figures, and the CSV behind the export link ends with it.
    const total = page.locator('[data-testid="unit-table-total"]');
    expect(await total.locator('th').textContent()).toContain('全县合计');
    expect(await total.locator('[data-metric="lit_loss_rate"]').textContent()).toContain(
      `${api.total.lit_loss_rate_numerator as number}/${api.total.lit_loss_rate_denominator as number}`,
    );
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('[data-testid="units-export"] a[data-format="csv"]').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^双降指标表-2024-01-01至2024-12-31-.*\.csv$/);
    const csv = parseMetricsCsv(fs.readFileSync(await download.path(), 'utf8'));
    expect(csv).toHaveLength(api.rows.length + 1);
    expect(csv.at(-1)).toMatchObject({ label: '全县合计', lit_filed: api.total.lit_filed });
    await page.screenshot({ path: screenshotPath('dashboard-units-zh'), fullPage: true });
    await page.reload();
    await arrowReq;

    await page.locator('tr[data-unit="A01"] th a').click();
    await expect.poll(() => page.locator('h2').textContent()).toContain(String(a01.unit_name));
    expect(new URL(page.url()).pathname).toBe('/units/A01');
    expect(new URL(page.url()).searchParams.get('year')).toBe('2024');
    await expect.poll(() => kpi(page, 'lit_filed').textContent()).toContain(String(a01.lit_filed));
    await page.locator('[data-chart="unit-trend"] canvas').waitFor();
    await page.screenshot({ path: screenshotPath('dashboard-unit-zh'), fullPage: true });

    await page.goBack();
    await expect.poll(() => page.locator('h2').textContent()).toContain('单位排名');
    await page.close();
  });

  it('unit page: the case list shows the API’s cases, sorts, pages and switches to reconsiderations', async () => {
    const page = await signedInPage('/units/A01?year=2024');
    const get = async (q: string) => {
      const res = await fetch(`${base}/api/units/A01/cases?${q}`, { headers: { cookie } });
      expect(res.status).toBe(200);
      return (await res.json()) as { total: number; rows: Row[] };
    };
    const api = await get('family=litigation&preset=year&year=2024&page=1&pageSize=15');
    expect(api.total).toBeGreaterThan(0);
    const list = page.locator('[data-testid="unit-cases"]');
    const shown = () =>
      list.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-case')));
    await expect.poll(shown).toEqual(api.rows.map((r) => r.case_no));
    expect(await list.locator('[data-testid="cases-count"]').textContent()).toContain(`共 ${api.total} 件`);
    // the 败诉 flags are the API's
    const flagged = await list
      .locator('tbody tr.flagged')
      .evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-case')));
    expect(flagged).toEqual(api.rows.filter((r) => r.flag === true).map((r) => r.case_no));
    await list.locator('tbody tr').first().scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('dashboard-unit-cases-zh'), fullPage: true });

    // sort by closing date, oldest first
    await list.getByRole('button', { name: '结案日期 · 按此列排序' }).click();
    const byClosed = await get(
      'family=litigation&preset=year&year=2024&sort=closed_on&dir=asc&page=1&pageSize=15',
    );
    await expect.poll(shown).toEqual(byClosed.rows.map((r) => r.case_no));

    // only the cases closed in the period: as many as the unit's 审结 figure
    await list.locator('select[name="stream"]').selectOption('closed');
    const closed = await get(
      'family=litigation&preset=year&year=2024&stream=closed&sort=closed_on&dir=asc&page=1&pageSize=15',
    );
    await expect.poll(shown).toEqual(closed.rows.map((r) => r.case_no));
    const a01 = (await apiMetrics('preset=year&year=2024&by=unit&units=A01')).rows[0]!;
    expect(closed.total).toBe(a01.lit_concluded);
    expect(closed.rows.filter((r) => r.flag === true)).toHaveLength(a01.lit_losses as number);
    // the export link downloads this list as shown (stream, order), every page
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      list.locator('[data-testid="cases-export"] a[data-format="csv"]').click(),
    ]);
    const lines = fs
      .readFileSync(await download.path(), 'utf8')
      .split('\r\n')
      .filter((l) => l.startsWith('('));
    expect(lines).toHaveLength(closed.total);
    expect(lines.slice(0, closed.rows.length).map((l) => l.split(',')[0])).toEqual(
      closed.rows.map((r) => r.case_no),
    );

    // reconsiderations of the unit
    const rec = await get('family=reconsideration&preset=year&year=2024&page=1&pageSize=15');
    await list.locator('[data-family="reconsideration"]').click();
    await expect.poll(shown).toEqual(rec.rows.map((r) => r.case_no));
    await page.close();
  });

  it('行政复议 and 诉前化解: the KPI strips and breakdowns are the API’s figures', async () => {
    const page = await signedInPage('/reconsideration?year=2024');
    const rec = await apiMetrics('preset=year&year=2024&by=total');
    await expect
      .poll(() => kpi(page, 'rec_received').textContent())
      .toContain(String(rec.total.rec_received));
    for (const id of ['rec_concluded', 'rec_corrected', 'rec_upheld', 'rec_settled', 'rec_litigated_after']) {
      expect(await kpi(page, id).textContent(), id).toContain(String(rec.total[id]));
    }
    for (const id of [
      'rec_correction_rate',
      'rec_upheld_rate',
      'rec_settlement_rate',
      'rec_litigated_after_rate',
    ]) {
      expect(await kpi(page, id).textContent(), id).toContain(pct(rec.total[id]));
      expect(await page.locator(`[data-metric="${id}"] .fraction`).first().textContent()).toBe(
        `${rec.total[`${id}_numerator`] as number}/${rec.total[`${id}_denominator`] as number}`,
      );
    }
    // the decision breakdown's data is the API's split of rec_concluded by 决定类型
    const decisions = await apiMetrics(
      'preset=year&year=2024&by=decision&metrics=rec_concluded&compare=none',
    );
    const upheld = decisions.rows.find((r) => r.key === '维持')!;
    expect(upheld.rec_concluded).toBeGreaterThan(0);
    await page.locator('[data-chart="by-decision"] canvas').waitFor();
    await page.locator('[data-chart="by-matter"] canvas').waitFor();
    await page.locator('[data-chart="family-kinds"] canvas').waitFor();
    const rows = page.locator('[data-testid="unit-table"] tbody tr');
    const units = await apiMetrics('preset=year&year=2024&by=unit');
    await expect.poll(() => rows.count()).toBe(units.rows.length);
    const a01 = units.rows.find((r) => r.unit_code === 'A01')!;
    expect(await page.locator('tr[data-unit="A01"] [data-metric="rec_received"] .v').textContent()).toBe(
      String(a01.rec_received),
    );
    await page.screenshot({ path: screenshotPath('dashboard-reconsideration-zh'), fullPage: true });
    await page
      .locator('.breakdowns')
      .screenshot({ path: screenshotPath('dashboard-reconsideration-charts') });

    await page.locator('nav a[data-nav="prelitigation"]').click();
    await expect
      .poll(() => kpi(page, 'pre_registered').textContent())
      .toContain(String(rec.total.pre_registered));
    for (const id of ['pre_concluded', 'pre_resolved']) {
      expect(await kpi(page, id).textContent(), id).toContain(String(rec.total[id]));
    }
    for (const id of ['pre_resolution_rate', 'substantive_resolution_rate']) {
      expect(await kpi(page, id).textContent(), id).toContain(pct(rec.total[id]));
    }
    for (const by of ['result', 'source', 'domain'])
      await page.locator(`[data-chart="by-${by}"] canvas`).waitFor();
    await page.screenshot({ path: screenshotPath('dashboard-prelitigation-zh'), fullPage: true });
    await page.locator('.breakdowns').screenshot({ path: screenshotPath('dashboard-prelitigation-charts') });
    await page.close();
  });

  it('downloads the trend chart as a slide-sized PNG (1920×1080 whatever the window) and a valid SVG file', async () => {
    // regression: the PNG was as wide as the screen (2518×760) and the SVG was malformed XML nothing would open
    const page = await signedInPage('/?year=2025', {
      acceptDownloads: true,
      viewport: { width: 1700, height: 900 },
    });
    const chart = page.locator('[data-chart="trend"]');
    await chart.locator('canvas').waitFor();

    const [png] = await Promise.all([
      page.waitForEvent('download'),
      chart.getByRole('button', { name: 'PNG' }).click(),
    ]);
    expect(png.suggestedFilename()).toMatch(/^近五年一审收案与败诉率-2021-01-01_2025-12-31\.png$/);
    const pngBytes = fs.readFileSync(await png.path());
    expect(pngBytes.subarray(1, 4).toString()).toBe('PNG');
    expect([pngBytes.readUInt32BE(16), pngBytes.readUInt32BE(20)]).toEqual([1920, 1080]);

    const [svg] = await Promise.all([
      page.waitForEvent('download'),
      chart.getByRole('button', { name: 'SVG' }).click(),
    ]);
    expect(svg.suggestedFilename()).toMatch(/\.svg$/);
    const svgPath = path_.join(os.tmpdir(), `trend-${process.pid}.svg`);
    fs.copyFileSync(await svg.path(), svgPath);
    const svgText = fs.readFileSync(svgPath, 'utf8');
    expect(svgText).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n<svg /);
    expect(svgText).toContain('近五年一审收案与败诉率');
    expect(svgText).toContain('口径A');
    expect(svgText).toContain('数据截至');
    // parsed as XML (a malformed file gives a <parsererror> document)
    const parsed = await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
      const root = doc.documentElement;
      return {
        error: doc.getElementsByTagName('parsererror').length,
        name: root.localName,
        ns: root.namespaceURI,
        size: [root.getAttribute('width'), root.getAttribute('height'), root.getAttribute('viewBox')],
        texts: doc.getElementsByTagName('text').length,
      };
    }, svgText);
    expect(parsed).toMatchObject({ error: 0, name: 'svg', ns: 'http://www.w3.org/2000/svg' });
    expect(parsed.size).toEqual(['960', '540', '0 0 960 540']);
    expect(parsed.texts).toBeGreaterThan(5);
    // Chromium opens the file as an image at its size
    const viewer = await web.browser.newPage();
    await viewer.goto(`file://${svgPath}`);
    expect(await viewer.evaluate(() => document.documentElement.localName)).toBe('svg');
    await viewer.screenshot({ path: screenshotPath('export-trend-svg-chromium') });
    await viewer.close();
    // LibreOffice converts it to a PNG (it refuses malformed SVG), and the PNG is not blank
    const out = fs.mkdtempSync(path_.join(os.tmpdir(), 'svg-lo-'));
    execFileSync('soffice', ['--headless', '--convert-to', 'png', '--outdir', out, svgPath], {
      timeout: 120_000,
      env: { ...process.env, HOME: out },
    });
    const rendered = fs.readFileSync(path_.join(out, path_.basename(svgPath, '.svg') + '.png'));
    expect(rendered.subarray(1, 4).toString()).toBe('PNG');
    expect(rendered.length).toBeGreaterThan(10_000);
    fs.copyFileSync(
      path_.join(out, path_.basename(svgPath, '.svg') + '.png'),
      screenshotPath('export-trend-svg-libreoffice'),
    );
    await page.close();
  });

  it('switches to English and back, and keeps the language', async () => {
    const page = await signedInPage('/?year=2025');
    await kpi(page, 'lit_filed').waitFor();
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.locator('h2').textContent()).toContain('Overview: Whole county');
    await expect.poll(() => page.locator('nav a[data-nav="units"]').textContent()).toBe('Units');
    // the summary sentences are the server's English rendering of the same figures
    const res = await fetch(`${base}/api/metrics/narrative?preset=year&year=2025&lang=en`, {
      headers: { cookie },
    });
    const en = (await res.json()) as { sentences: { text: string }[] };
    expect(en.sentences[0]!.text).toMatch(/^In 2025, the county faced \d+ new first-instance administrative/);
    await expect
      .poll(() => page.locator('.narrative p').allTextContents())
      .toEqual(en.sentences.map((s) => s.text));
    await page.locator('[data-chart="trend"] canvas').waitFor();
    await page.screenshot({ path: screenshotPath('dashboard-overview-en'), fullPage: true });
    for (const [path, shot, ready] of [
      ['/units/A01?year=2024', 'dashboard-unit-en', '[data-testid="unit-cases"] tbody tr'],
      ['/reconsideration?year=2024', 'dashboard-reconsideration-en', '[data-chart="by-decision"] canvas'],
    ] as const) {
      await page.goto(base + path);
      await page.locator(ready).first().waitFor();
      await page.screenshot({ path: screenshotPath(shot), fullPage: true });
    }
    await page.goto(`${base}/?year=2025`);
    await expect.poll(() => page.locator('h2').textContent()).toContain('Overview: Whole county');
    await page.getByRole('button', { name: '中文' }).click();
    await expect.poll(() => page.locator('h2').textContent()).toContain('全县行政诉讼总体情况');
    await page.close();
  });

  it('prints the overview, the ranking and a unit on A4 without the filters and buttons', async () => {
    const page = await signedInPage('/?year=2025');
    await page.locator('[data-chart="trend"] canvas').waitFor(); // signed in
    // The units chart keeps the units tied with the 15th, and its title says how many it shows then.
    const filed = (await apiMetrics('preset=year&year=2025&by=unit')).rows
      .map((r) => r.lit_filed as number)
      .sort((a, b) => b - a);
    const shown = filed.filter((v) => v > 0 && v >= filed[14]!).length;
    expect(filed.filter((v) => v > 0).length).toBeGreaterThan(shown);
    for (const [path, name, ready, chartTitle] of [
      ['/?year=2025', 'overview', '[data-chart="domains"] canvas', '近五年一审收案与败诉率'],
      [
        '/units?year=2025',
        'units',
        '[data-chart="units"] canvas',
        shown > 15 ? `各单位新收一审案件（前15位，含并列，共${shown}个）` : '各单位新收一审案件（前15位）',
      ],
      ['/units/A01?year=2024', 'unit', '[data-testid="unit-cases"] tbody tr', '近五年收案与败诉率'],
    ] as const) {
      await page.goto(base + path);
      await page.locator(ready).first().waitFor();
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('form.filters').isVisible()).toBe(false);
      const pdf = await page.pdf({ format: 'A4', printBackground: true });
      await page.emulateMedia({ media: 'screen' });
      const file = path_.join(os.tmpdir(), `dashboard-print-${name}.pdf`);
      fs.writeFileSync(file, pdf);
      // Every page as a PNG beside the screenshots, for a person to look at.
      const out = screenshotPath(`print-${name}`).replace(/\.png$/, '');
      const dir = path_.dirname(out);
      for (const f of fs.readdirSync(dir)) if (f.startsWith(`print-${name}-`)) fs.rmSync(path_.join(dir, f));
      execFileSync('pdftoppm', ['-png', '-r', '60', file, out]);
      const pages = Number(/\/Count (\d+)/.exec(pdf.toString('latin1'))?.[1]);
      expect(pages, name).toBeGreaterThan(0);
      // The charts print as vector SVG (a canvas would print as a screen-wide bitmap, cut at the A4 line): their
      // titles are text in the PDF, and the screen's canvases are back after printing.
      const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
      expect(text, name).toContain(chartTitle);
      expect(await page.locator('.print-svg svg').count()).toBe(0);
    }
    await page.close();
  });

  it('donut labels never meet the legend, title or footer, at 1024 and 1920 px, in print (issue #21 item 9)', async () => {
    type Box = { text: string; x: number; y: number; w: number; h: number };
    const page = await signedInPage('/?year=2025');
    await page.locator('[data-chart="trend"] canvas').waitFor();
    for (const lang of ['zh', 'en'] as const) {
      if (lang === 'en') await page.getByRole('button', { name: 'English' }).click();
      for (const width of [1024, 1920]) {
        await page.setViewportSize({ width, height: 1000 });
        for (const [path, chart] of [
          ['/?year=2025', 'closing'],
          ['/reconsideration?year=2024', 'by-decision'],
        ] as const) {
          await page.goto(base + path);
          await page.locator(`[data-chart="${chart}"] canvas`).waitFor();
          // The print path: the chart drawn again as an SVG at its share of the A4 line (EChart.svelte).
          await page.emulateMedia({ media: 'print' });
          await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
          const texts = await page
            .locator(`[data-chart="${chart}"] .print-svg svg text`)
            .evaluateAll((ts): Box[] =>
              ts.map((t) => {
                const r = t.getBoundingClientRect();
                return { text: t.textContent ?? '', x: r.x, y: r.y, w: r.width, h: r.height };
              }),
            );
          const svg = await page.locator(`[data-chart="${chart}"] .print-svg svg`).boundingBox();
          await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
          await page.emulateMedia({ media: 'screen' });
          // A slice label is its "n件（x%）" line and the name line drawn just before it; the rest is the title,
          // subtitle, legend entries and footer.
          const isLabel = (i: number) =>
            texts[i]!.text.includes('%') || (texts[i + 1]?.text.includes('%') ?? false);
          const labels = texts.filter((_, i) => isLabel(i));
          const others = texts.filter((_, i) => !isLabel(i));
          const where = `${chart} ${lang} ${width}px`;
          expect(labels.length, where).toBeGreaterThanOrEqual(4);
          expect(others.length, `${where}: title, subtitle, legend, footer`).toBeGreaterThan(8);
          const meet = (a: Box, b: Box) =>
            a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
          for (const l of labels) {
            expect(
              others.filter((o) => meet(l, o)).map((o) => o.text),
              `${where}: label ${l.text}`,
            ).toEqual([]);
            expect(
              l.x >= svg!.x - 1 && l.x + l.w <= svg!.x + svg!.width + 1,
              `${where}: ${l.text} inside`,
            ).toBe(true);
          }
        }
      }
    }
    await page.getByRole('button', { name: '中文' }).click();
    await page.close();
  });

  it('in English no chart shows a Chinese code-list value: legends, axes, labels (issue #21: the domains chart mixed languages)', async () => {
    const page = await signedInPage('/?year=2025');
    await page.locator('[data-chart="trend"] canvas').waitFor();
    await page.getByRole('button', { name: 'English' }).click();
    const CJK = /[\u3400-\u9fff]/;
    for (const [path, charts] of [
      ['/?year=2025', ['trend', 'kinds', 'closing', 'causes', 'domains']],
      ['/reconsideration?year=2024', ['family-trend', 'by-decision', 'by-matter']],
      ['/prelitigation?year=2024', ['family-trend', 'by-result', 'by-source', 'by-domain']],
    ] as const) {
      await page.goto(base + path);
      await page.locator(`[data-chart="${charts[1]}"] canvas`).waitFor();
      const texts = await chartTexts(page);
      for (const id of charts) {
        expect(texts[id]?.length, `${path} ${id}`).toBeGreaterThan(3);
        expect(
          texts[id]!.filter((t) => CJK.test(t)),
          `${path} ${id}`,
        ).toEqual([]);
      }
    }
    // A unit's charts carry its (Chinese) name in the title; none of its causes or loss reasons is in Chinese.
    const codes = async (by: string) =>
      (await apiMetrics(`preset=year&year=2024&by=${by}&units=A01&compare=none`)).rows
        .map((r) => String(r.key))
        .filter((k) => CJK.test(k));
    const causes = await codes('cause');
    expect(causes.length).toBeGreaterThan(0);
    await page.goto(`${base}/units/A01?year=2024`);
    await page.locator('[data-chart="unit-causes"] canvas').waitFor();
    const unit = await chartTexts(page);
    const drawn = [...(unit['unit-causes'] ?? []), ...(unit['unit-loss-reasons'] ?? [])];
    for (const code of [...causes, ...(await codes('loss_reason'))])
      expect(
        drawn.filter((t) => t.includes(code)),
        code,
      ).toEqual([]);
    await page.getByRole('button', { name: '中文' }).click();
    await page.close();
  });

  it('in English pre-litigation records are disputes, never cases (issue #21: 「12 cases」 for 诉前 figures)', async () => {
    const page = await signedInPage('/prelitigation?year=2024');
    await page.locator('[data-chart="by-result"] canvas').waitFor();
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.locator('h2').textContent()).toContain('Pre-litigation resolution');
    const CASE = /\bcases?\b/i;
    const texts = await chartTexts(page);
    const drawn = Object.values(texts).flat();
    expect(drawn.filter((t) => CASE.test(t))).toEqual([]);
    // the donut counts disputes, the trend's axis names them
    expect(texts['by-result']!.some((t) => /^\d+ disputes? \(/.test(t))).toBe(true);
    expect(texts['family-trend']).toContain('Disputes');
    expect(await page.locator('main').innerText()).not.toMatch(CASE);
    const total = page.locator('[data-testid="unit-table-total"] .kind');
    expect(await total.textContent()).toBe('each dispute counted once');
    expect(await total.getAttribute('title')).not.toMatch(CASE);
    // a unit's list of its pre-litigation records
    await page.goto(`${base}/units/A01?year=2024`);
    const list = page.locator('[data-testid="unit-cases"]');
    await list.locator('tbody tr').first().waitFor();
    await list.locator('button[data-family="prelitigation"]').click();
    await list.locator('table[data-family="prelitigation"] tbody tr').first().waitFor();
    expect(await list.locator('h3').textContent()).toBe('Cases and disputes');
    expect(await list.locator('.tabs button.active').textContent()).toMatch(
      /^Pre-litigation disputes \(\d+\)$/,
    );
    const listText = await list.evaluate((e: HTMLElement) =>
      e.innerText.replace((e.querySelector('h3') as HTMLElement).innerText, ''),
    );
    expect(listText).not.toMatch(CASE);
    await page.getByRole('button', { name: '中文' }).click();
    await page.close();
  });

  it('lays out on a tablet and screenshots the other pages', async () => {
    const page = await signedInPage('/?year=2025', { viewport: { width: 820, height: 1180 } });
    await page.locator('[data-chart="trend"] canvas').waitFor();
    const overflow = await page.evaluate('document.documentElement.scrollWidth - window.innerWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: screenshotPath('dashboard-overview-tablet'), fullPage: true });
    for (const [nav, shot] of [
      ['reconsideration', 'dashboard-reconsideration-tablet'],
      ['prelitigation', 'dashboard-prelitigation-tablet'],
      ['data', 'dashboard-data-zh'],
      ['report', 'dashboard-report-zh'],
    ] as const) {
      await page.locator(`nav a[data-nav="${nav}"]`).click();
      await expect.poll(() => new URL(page.url()).pathname).toBe(`/${nav}`);
      await page.locator('h2').waitFor();
      await page.waitForTimeout(400);
      await page.screenshot({ path: screenshotPath(shot), fullPage: true });
    }
    await page.close();
  });
});
