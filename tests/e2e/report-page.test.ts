import fs from 'node:fs';
import path from 'node:path';
import type { Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshotPath } from '../support/browser.ts';
import { createTestDatabase } from '../support/database.ts';
import { readPptx, xmlText } from '../support/pptx.ts';
import { apiSession, startWebServer, type WebServer } from '../support/web-server.ts';

/**
 * The 会议材料 page in headless Chromium against the demo county: the preview shows the server's slides in the
 * page's order; hiding, moving (by keyboard) and editing the narrative reach the downloaded PPTX; a frozen report
 * is listed and downloads again identically; a missing LibreOffice is reported; the page prints and switches
 * language. Screenshots and the downloaded deck go to tests/output/ for a person to look at.
 */
const { knex } = await createTestDatabase();
let web: WebServer;
let base: string;
const outDir = path.resolve('tests/output');

beforeAll(async () => {
  web = await startWebServer(knex);
  ({ base } = web);
  fs.mkdirSync(outDir, { recursive: true });
});

afterAll(async () => {
  await web?.close();
});

const signedInPage = (path: string, role: 'analyst' | 'unit' = 'analyst', unit?: string): Promise<Page> =>
  web.signIn(path, role, unit);

/** The preview model as the API gives it to the analyst (the page must show the same slides). */
async function apiPreview(body: object): Promise<{ slides: { title: string; section: string }[] }> {
  const { cookie, csrfToken } = await apiSession(base, knex, 'analyst');
  const res = await fetch(`${base}/api/reports/preview`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', cookie, 'X-CSRF-Token': csrfToken },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as { slides: { title: string; section: string }[] };
}

/** A slide's title is its first text run (server/exports/pptx.ts draws it first). */
const titleOf = (slide: string) => /<a:t>([^<]*)<\/a:t>/.exec(slide)?.[1] ?? '';
const cards = (page: Page) => page.locator('[data-testid="slides"] article.slide');
const cardTitles = (page: Page) =>
  page.locator('[data-testid="slides"] article.slide .slide-title').allTextContents();

async function download(page: Page, click: () => Promise<void>): Promise<{ file: Download; bytes: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), click()]);
  return { file, bytes: fs.readFileSync(await file.path()) };
}

describe('会议材料 page in Chromium', () => {
  it('previews, hides, moves and edits, and the PPTX follows the page; freezes and downloads again', async () => {
    const page = await signedInPage('/report?year=2025');
    const model = await apiPreview({ from: '2025-01-01', to: '2025-12-31' });
    await expect.poll(() => cards(page).count(), { timeout: 30_000 }).toBe(model.slides.length);
    expect(await cardTitles(page)).toEqual(model.slides.map((s) => s.title));
    await page.locator('article[data-section="trend"] canvas').waitFor();
    await page.locator('article[data-section="closing"] canvas').waitFor();
    // the units table marks warnings in red and shows the double-decline light
    expect(await page.locator('article[data-section="units"] td[data-flagged]').count()).toBeGreaterThan(0);
    expect(await page.locator('article[data-section="units"] .badge').count()).toBeGreaterThan(0);

    // hide 结案方式
    await page.locator('input[name="section-closing"]').uncheck();
    await expect.poll(() => page.locator('article[data-section="closing"]').count()).toBe(0);
    expect(new URL(page.url()).searchParams.get('sections')).not.toContain('closing');

    // move 行政复议 above 负责人出庭应诉, by keyboard; focus stays on the moved section's button
    const up = page.locator('li[data-section="reconsideration"] button.up');
    await up.focus();
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.evaluate("document.activeElement?.closest('li')?.getAttribute('data-section')"))
      .toBe('reconsideration');
    const order = await page
      .locator('[data-testid="sections"] li[data-section]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-section')));
    expect(order.indexOf('reconsideration')).toBe(order.indexOf('appearance') - 1);
    const sectionsOnPage = await cards(page).evaluateAll((els) =>
      els.map((e) => e.getAttribute('data-section')),
    );
    expect(sectionsOnPage.indexOf('reconsideration')).toBeLessThan(sectionsOnPage.indexOf('appearance'));

    // edit the narrative
    const textarea = page.locator('textarea[name="narrative"]');
    const generated = await textarea.inputValue();
    expect(generated.length).toBeGreaterThan(20);
    const edited = `${generated}会上补充：请各乡镇街道对照预警逐项整改。`;
    await textarea.fill(edited);
    await expect
      .poll(() =>
        page.locator('article[data-section="summary"] [data-testid="slide-narrative"]').textContent(),
      )
      .toBe(edited);
    await page.screenshot({ path: screenshotPath('report-page-zh'), fullPage: true });

    // download the PPTX: slides in the page's order, 结案方式 absent, the edited narrative on the summary slide
    const titles = await cardTitles(page);
    const pptx = await download(page, () =>
      page.locator('[data-testid="export"] button[data-format="pptx"]').click(),
    );
    expect(pptx.file.suggestedFilename()).toMatch(
      /^示例县行政争议化解工作联席会议材料-2025-01-01至2025-12-31\.pptx$/,
    );
    fs.writeFileSync(path.join(outDir, 'report-page.pptx'), pptx.bytes);
    const deck = await readPptx(pptx.bytes);
    expect(deck.slides.map(titleOf)).toEqual(titles);
    expect(deck.slides.map(titleOf)).not.toContain('结案方式');
    const summary = deck.slides.find((s) => titleOf(s) === '总体情况')!;
    expect(xmlText(summary)).toContain('会上补充：请各乡镇街道对照预警逐项整改。');
    await expect
      .poll(() => page.locator('[data-testid="export-status"]').textContent(), { timeout: 30_000 })
      .toContain('已下载');

    // restore the generated text
    await page.getByRole('button', { name: '恢复生成的文字' }).click();
    expect(await textarea.inputValue()).toBe(generated);

    // freeze: the snapshot is listed and downloads again with the same slides
    await page.locator('input[name="freeze"]').check();
    const frozen = await download(page, () =>
      page.locator('[data-testid="export"] button[data-format="pptx"]').click(),
    );
    await expect
      .poll(() => page.locator('[data-testid="export-status"]').textContent(), { timeout: 30_000 })
      .toMatch(/已冻结为快照 R20251231-[0-9a-f]{8}/);
    const id = /R20251231-[0-9a-f]{8}/.exec(
      (await page.locator('[data-testid="export-status"]').textContent())!,
    )![0];
    const row = page.locator(`tr[data-snapshot="${id}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain('2025-01-01');
    expect(await page.locator('input[name="freeze"]').isChecked()).toBe(false);
    const again = await download(page, () => row.locator('button[data-format="pptx"]').click());
    expect((await readPptx(again.bytes)).slides).toEqual((await readPptx(frozen.bytes)).slides);
    const xlsx = await download(page, () => row.locator('button[data-format="xlsx"]').click());
    expect(xlsx.file.suggestedFilename()).toMatch(/\.xlsx$/);
    expect(xlsx.bytes.subarray(0, 2).toString()).toBe('PK');

    // the PDF (LibreOffice, seconds): progress is shown, the buttons wait, and the file arrives
    const pdfButton = page.locator('[data-testid="export"] button[data-format="pdf"]');
    const pdf = await download(page, async () => {
      await pdfButton.click();
      expect(await page.locator('[data-testid="export-status"]').textContent()).toContain('正在生成 PDF');
      expect(await page.locator('[data-testid="export"] button[data-format="xlsx"]').isDisabled()).toBe(true);
    });
    expect(pdf.file.suggestedFilename()).toMatch(/\.pdf$/);
    expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-');

    // without LibreOffice the PDF export says so
    const savedPath = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      await page.locator('[data-testid="export"] button[data-format="pdf"]').click();
      await expect
        .poll(() => page.locator('[data-testid="export-status"]').textContent(), { timeout: 30_000 })
        .toContain('PDF 暂不可用');
    } finally {
      process.env.PATH = savedPath;
    }
    await page.screenshot({ path: screenshotPath('report-page-exported-zh'), fullPage: false });

    // the page prints on A4 without the controls
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('[data-testid="sections"]').isVisible()).toBe(false);
    await page.screenshot({ path: screenshotPath('report-page-print'), fullPage: true });
    fs.writeFileSync(path.join(outDir, 'report-page-print.pdf'), await page.pdf({ format: 'A4' }));
    await page.emulateMedia({ media: 'screen' });

    // English: the page's own words switch, the slides stay in the deck's language
    await page.getByRole('button', { name: 'English' }).click();
    await expect
      .poll(() => page.locator('h2').textContent())
      .toContain('Joint-meeting report · 2025-01-01 – 2025-12-31');
    expect(await page.locator('li[data-section="appearance"] label').textContent()).toContain(
      'Heads in court',
    );
    await page.screenshot({ path: screenshotPath('report-page-en'), fullPage: false });
    await page.getByRole('button', { name: '中文' }).click();
    await page.close();
  });

  it('a bookmarked report URL brings back period, scope and sections', async () => {
    const page = await signedInPage(
      `/report?preset=quarter&year=2025&quarter=2&scope=${encodeURIComponent('kind:乡镇街道')}&sections=units,summary`,
    );
    await expect.poll(() => cards(page).count(), { timeout: 30_000 }).toBeGreaterThan(1);
    const sections = await cards(page).evaluateAll((els) => els.map((e) => e.getAttribute('data-section')));
    expect([...new Set(sections)]).toEqual(['cover', 'units', 'summary']);
    expect(await page.locator('article[data-section="cover"] .slide-title').textContent()).toContain(
      '乡镇街道',
    );
    expect(await page.locator('select[name="scope"]').inputValue()).toBe('kind:乡镇街道');
    expect(await page.locator('article[data-section="cover"]').textContent()).toContain(
      '2025年4月1日—2025年6月30日',
    );
    await page.close();
  });

  it('a unit user gets their own unit, fixed, and no snapshots', async () => {
    const page = await signedInPage('/report?year=2025', 'unit', 'T04');
    await expect
      .poll(() => page.locator('article[data-section="cover"] .slide-title').textContent(), {
        timeout: 30_000,
      })
      .toContain('青山镇');
    expect(await page.locator('select[name="scope"]').isDisabled()).toBe(true);
    expect(await page.locator('[data-testid="snapshots"]').count()).toBe(0);
    expect(await page.locator('input[name="freeze"]').count()).toBe(0);
    // A one-unit deck: its own case lists, no slides comparing units (their rows greyed out, issue #21).
    await expect.poll(() => page.locator('article[data-section="unit_cases"]').count()).toBeGreaterThan(0);
    expect(await page.locator('article[data-section="units"]').count()).toBe(0);
    expect(await page.locator('article[data-section="kinds"]').count()).toBe(0);
    expect(await page.locator('input[name="section-units"]').isDisabled()).toBe(true);
    expect(await page.locator('input[name="section-unit_cases"]').isDisabled()).toBe(false);
    await page.screenshot({ path: screenshotPath('report-page-unit'), fullPage: false });
    await page.close();
  });
});
