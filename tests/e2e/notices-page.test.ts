import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshotPath } from '../support/browser.ts';
import { createTestDatabase } from '../support/database.ts';
import { startWebServer, type WebServer } from '../support/web-server.ts';

/**
 * 通报 in headless Chromium against the demo county (issue #14): the analyst previews the county notice and a
 * unit's, picks a typical case from the unit's case list, writes 下步工作 and issues after confirming; the unit's
 * user sees the unread badge, opens the copy in 我的通报 and signs for it; the analyst's 签收情况 shows who signed.
 * Screenshots of each page (Chinese at 1920 and 1024, one English) go to tests/output/screenshots/.
 */
const { knex } = await createTestDatabase();
let web: WebServer;

beforeAll(async () => {
  web = await startWebServer(knex);
});
afterAll(async () => {
  await web?.close();
});

const paper = (page: Page) => page.locator('[data-testid="notice-paper"]');
const shoot = async (page: Page, name: string, width: number, part?: string) => {
  await page.setViewportSize({ width, height: 1000 });
  // The page lays out again at the new width: wait two frames so the shot holds the painted page.
  await page.evaluate(
    () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(null)))),
  );
  if (part) await page.locator(part).screenshot({ path: screenshotPath(name) });
  else await page.screenshot({ path: screenshotPath(name), fullPage: true });
};

describe('通报 page and 我的通报 in Chromium', () => {
  let noticeRow = '';
  let unit = { code: '', name: '' };

  it('previews, picks a typical case, issues after confirming, and lists the notice unsigned', async () => {
    // A unit with a lawsuit closed in 2025: its case list offers something to pick.
    const picked = await knex('litigation_case as c')
      .join('litigation_defendant as d', 'd.case_id', 'c.id')
      .join('unit as u', 'u.id', 'd.unit_id')
      .where('c.instance', '一审')
      .whereBetween('c.closed_on', ['2025-01-01', '2025-12-31'])
      .orderBy('u.code')
      .first<{ code: string; name: string }>('u.code', 'u.name');
    unit = picked;
    const page = await web.signIn('/notices?year=2025', 'analyst');
    await page.locator('[data-nav="notices"]').waitFor();
    await expect
      .poll(() => paper(page).locator('h3.title').first().textContent())
      .toBe('关于2025年全县行政争议化解工作情况的通报');
    const docNo = (await page.locator('[data-testid="next-docno"]').textContent())!;
    expect(docNo).toMatch(/^示例府院办〔\d{4}〕1号$/);
    await expect.poll(() => page.locator('[data-testid="paper-docno"]').textContent()).toBe(docNo);

    // 典型案例 from the unit's case list, with the analyst's text; 下步工作.
    await page.locator('[data-testid="case-unit"]').selectOption(unit.code);
    const pick = page.locator('[data-testid="case-picker"] button', { hasText: '选用' }).first();
    await pick.click();
    const caseNo = (await page.locator('[data-testid="picked-cases"] strong').first().textContent())!;
    await page
      .locator('[data-testid="picked-cases"] textarea')
      .fill('该案因行政程序违法被判决撤销，暴露出执法程序不规范问题。');
    await page
      .locator('[data-testid="next-steps"]')
      .fill('一是压实负责人出庭应诉责任。\n二是加强败诉案件剖析整改。');
    await expect.poll(() => paper(page).textContent()).toContain(`${caseNo}（${unit.name}）`);
    expect(await paper(page).locator('h4', { hasText: '五、下步工作' }).count()).toBe(1);
    expect(await paper(page).textContent()).toContain('二是加强败诉案件剖析整改。');
    await shoot(page, 'notices-page-zh-1920', 1920);
    await shoot(page, 'notices-page-zh-1024', 1024);

    // The unit's own notice.
    await page.locator('[data-testid="preview-part"]').selectOption(unit.code);
    await expect.poll(() => paper(page).locator('.recipients').textContent()).toBe(`${unit.name}：`);
    expect(await paper(page).locator('h4', { hasText: '整改要求' }).count()).toBe(1);
    await page.setViewportSize({ width: 1920, height: 1000 });
    await paper(page).screenshot({ path: screenshotPath('notices-unit-preview-zh') });

    // 发布: the confirmation names the 文号 and the number of units; nothing is issued before it.
    await page.locator('[data-testid="issue"]').click();
    await expect.poll(() => page.locator('[role="alertdialog"]').textContent()).toContain(docNo);
    expect(Number((await knex('notice').count('* as n').first())?.n)).toBe(0);
    await page.locator('[data-testid="confirm-issue"]').click();
    await expect
      .poll(() => page.locator('[data-testid="issue-outcome"]').textContent(), { timeout: 60_000 })
      .toContain(`已发布 ${docNo}`);
    const [issued] = await knex('notice').select('id', 'model');
    noticeRow = issued.id as string;
    expect(issued.model.county.typicalCases).toEqual([
      { caseNo, unitName: unit.name, text: '该案因行政程序违法被判决撤销，暴露出执法程序不规范问题。' },
    ]);
    const signoff = page.locator(`tr[data-unit="${unit.code}"] [data-testid="signed-cell"]`);
    await expect.poll(() => signoff.textContent()).toBe('未签收');
    await shoot(page, 'notices-issued-zh-1920', 1920, '[data-testid="issued-notices"]');
    await page.close();
  });

  it('shows the unit user the unread badge; opening the copy reads it, 签收 signs once', async () => {
    const page = await web.signIn('/', 'unit', unit.code);
    await expect.poll(() => page.locator('[data-testid="inbox-unread"]').textContent()).toBe('1');
    expect(await page.locator('[data-nav="notices"]').count()).toBe(0);
    await page.locator('[data-testid="inbox-link"]').click();
    await page.locator(`[data-testid="inbox-list"] tr[data-notice="${noticeRow}"] button`).click();
    await expect.poll(() => paper(page).locator('.recipients').textContent()).toBe(`${unit.name}：`);
    await expect.poll(() => page.locator('[data-testid="inbox-unread"]').count()).toBe(0);
    await shoot(page, 'inbox-open-zh-1920', 1920);
    await page.locator('[data-testid="sign"]').click();
    await expect
      .poll(() => page.locator('[data-testid="signed-line"]').textContent())
      .toMatch(/^已签收：p-unit-/);
    await shoot(page, 'inbox-signed-zh-1024', 1024);
    // Signing again (another tab, a double click) changes nothing: one signature, audited once.
    await page.reload();
    await page.locator(`[data-testid="inbox-list"] tr[data-notice="${noticeRow}"] button`).click();
    await page.locator('[data-testid="signed-line"]').waitFor();
    expect(await page.locator('[data-testid="sign"]').count()).toBe(0);
    const signs = await knex('audit_event')
      .where({ action: 'notice.sign', target: noticeRow })
      .count('* as n');
    expect(Number(signs[0]?.n)).toBe(1);
    await page.close();
  });

  it('shows the analyst who signed, in Chinese and in English', async () => {
    const page = await web.signIn('/notices?year=2025', 'analyst');
    await page.locator(`[data-testid="issued-notices"] tr[data-notice="${noticeRow}"] button`).click();
    const signoff = page.locator(`tr[data-unit="${unit.code}"] [data-testid="signed-cell"]`);
    await expect.poll(() => signoff.textContent()).toMatch(/^已签收 .* · p-unit-/);
    await expect
      .poll(() => page.locator('[data-testid="signoff-counts"]').textContent())
      .toMatch(/已签收1个/);
    await shoot(page, 'notices-signed-zh-1920', 1920, '[data-testid="issued-notices"]');
    await shoot(page, 'notices-signed-zh-1024', 1024, '[data-testid="issued-notices"]');

    // 每月自动通报: switched on in 发文设置, said in words, saved to the settings the job reads.
    await page.getByRole('button', { name: '修改发文设置' }).click();
    await page.locator('[data-testid="auto-issue"]').check();
    await expect
      .poll(() => page.locator('[data-testid="auto-when"]').textContent())
      .toContain('每月5日 08:00（北京时间）');
    await page.getByRole('button', { name: '保存设置' }).click();
    await expect.poll(() => page.locator('.facts').textContent()).toContain('已开启（每月5日 08:00）');
    const saved = await knex('notice_setting')
      .where({ key: 'auto_issue' })
      .first<{ value: unknown }>('value');
    expect(saved?.value).toBe(true);
    await shoot(page, 'notices-settings-zh-1024', 1024, '.side');

    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => signoff.textContent()).toMatch(/^Signed .* · p-unit-/);
    await shoot(page, 'notices-page-en-1920', 1920);
    await shoot(page, 'notices-signed-en-1920', 1920, '[data-testid="issued-notices"]');
    await page.close();
  });
});
