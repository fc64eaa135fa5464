import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshotPath } from '../support/browser.ts';
import { createTestDatabase } from '../support/database.ts';
import { ensurePersona, PERSONA_PASSWORD } from '../support/personas.ts';
import { startWebServer, type WebServer } from '../support/web-server.ts';

/**
 * The idle-timeout banner in headless Chromium (issue #21 item 10b): two minutes before the session would end it
 * shows a live countdown and 「继续使用」, which extends the session; its own checks do not count as use; at the end
 * the sign-in page comes back. Time is driven by rewriting the session row's last use in the database and by
 * Playwright's fake clock for the page's timers — never by waiting.
 */
const { knex } = await createTestDatabase();
const MIN = 60_000;
let web: WebServer;
let page: Page;
let sessionId: string;
/** The page's API requests not yet answered (waitForLoadState cannot tell: the app loads data without navigating). */
const inFlight = new Set<unknown>();

beforeAll(async () => {
  web = await startWebServer(knex);
});
afterAll(async () => {
  await web?.close();
});

/**
 * Pretends the session was last used `ms` ago (server clock); returns that instant. The page's own requests
 * (a page load, the language switch) are real use and move the last use on: they are let finish first.
 */
async function lastUsed(ms: number): Promise<number> {
  await expect.poll(() => inFlight.size, { timeout: 30_000 }).toBe(0);
  const [row] = await knex('user_session')
    .where({ id: sessionId })
    .update({ last_seen_at: knex.raw(`now() - ? * interval '1 millisecond'`, [ms]) })
    .returning('last_seen_at');
  return new Date(row.last_seen_at as Date).getTime();
}
const lastSeen = async (): Promise<number> =>
  new Date(
    (await knex('user_session').where({ id: sessionId }).first('last_seen_at')).last_seen_at as Date,
  ).getTime();

const banner = () => page.locator('[data-testid="session-banner"]');
const countdownSeconds = async (): Promise<number> => {
  const [m, s] = (await page.locator('[data-testid="session-countdown"]').textContent())!.split(':');
  return Number(m) * 60 + Number(s);
};

describe('the session expiry banner', () => {
  it('stays hidden while the session has time left', async () => {
    const username = await ensurePersona(knex, 'analyst');
    page = await web.browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on('request', (r) => void (r.url().includes('/api/') && inFlight.add(r)));
    page.on('requestfinished', (r) => void inFlight.delete(r));
    page.on('requestfailed', (r) => void inFlight.delete(r));
    // The page's timers run on a fake clock (time still flows), so a test can jump it ahead.
    await page.clock.install();
    await page.goto(`${web.base}/`);
    // A first visit is no ended session: the sign-in page has nothing to explain.
    await page.locator('input[name="username"]').waitFor();
    expect(await page.locator('[data-testid="session-ended"]').count()).toBe(0);
    await page.locator('input[name="username"]').fill(username);
    await page.locator('input[name="password"]').fill(PERSONA_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.locator('[data-nav="overview"]').waitFor();
    // The overview has loaded (its charts drawn): the requests of sign-in are over.
    await page.locator('[data-chart="trend"] canvas').waitFor();
    const { id } = await knex('user_session')
      .join('app_user', 'app_user.id', 'user_session.user_id')
      .where('app_user.username', username)
      .orderBy('user_session.created_at', 'desc')
      .first('user_session.id');
    sessionId = id as string;
    await page.clock.fastForward(61_000); // the background check
    expect(await banner().count()).toBe(0);
  });

  it('appears two minutes before the end with a live countdown; its own checks do not count as use', async () => {
    const seen = await lastUsed(30 * MIN - 100_000); // 1:40 left on the server
    await page.clock.fastForward(61_000);
    await banner().waitFor();
    const message = page.locator('[data-testid="session-message"]');
    expect((await message.textContent())!.trim()).toMatch(/^会话将在 1:[34]\d 后因闲置结束$/);
    const first = await countdownSeconds();
    expect(first).toBeGreaterThan(90);
    expect(first).toBeLessThanOrEqual(100);
    await page.clock.runFor(5_000); // five ticks of the page's one-second timer
    expect(first - (await countdownSeconds())).toBeGreaterThanOrEqual(4);
    await page.clock.runFor(10_000); // and a check near the end
    expect(await lastSeen()).toBe(seen);
    await page.screenshot({ path: screenshotPath('session-banner-zh') });
  });

  it('「继续使用」 extends the session and the banner goes', async () => {
    const before = Date.now();
    await page.getByRole('button', { name: '继续使用' }).click();
    await banner().waitFor({ state: 'detached' });
    expect(await lastSeen()).toBeGreaterThanOrEqual(before - 1000);
    await page.clock.fastForward(61_000);
    expect(await banner().count()).toBe(0);
  });

  it('speaks English in English mode', async () => {
    await page.getByRole('button', { name: 'English' }).click();
    await lastUsed(30 * MIN - 75_000);
    await page.clock.fastForward(61_000);
    await banner().waitFor();
    expect((await page.locator('[data-testid="session-message"]').textContent())!.trim()).toMatch(
      /^Your session will end in 1:[0-1]\d because it has been idle$/,
    );
    await page.getByRole('button', { name: 'Keep working' }).waitFor();
    await banner().screenshot({ path: screenshotPath('session-banner-en') });
  });

  it('offers no extension at the fixed sign-in limit', async () => {
    await knex('user_session')
      .where({ id: sessionId })
      .update({ last_seen_at: knex.fn.now(), expires_at: knex.raw("now() + interval '90 seconds'") });
    await page.clock.fastForward(11_000);
    await page.locator('[data-testid="session-message"]', { hasText: 'reaches its sign-in limit' }).waitFor();
    expect(await page.getByRole('button', { name: 'Keep working' }).count()).toBe(0);
    await banner().screenshot({ path: screenshotPath('session-banner-limit-en') });
  });

  it('hands over to the sign-in page when the session has ended, which says why (issue #21)', async () => {
    await knex('user_session')
      .where({ id: sessionId })
      .update({ expires_at: knex.raw("now() + interval '12 hours'") });
    // The page's check learns the idle end, 5 s away; then the session goes unused past it.
    await lastUsed(30 * MIN - 5_000);
    await page.clock.fastForward(11_000);
    await page.locator('[data-testid="session-message"]', { hasText: 'because it has been idle' }).waitFor();
    await lastUsed(30 * MIN + 1000);
    await page.clock.fastForward(11_000);
    await page.locator('input[name="username"]').waitFor();
    expect(await banner().count()).toBe(0);
    const ended = page.locator('[data-testid="session-ended"]');
    expect((await ended.textContent())!.trim()).toBe(
      'Your session ended after a period of inactivity. Please sign in again.',
    );
    await page.getByRole('button', { name: '中文' }).click();
    await expect
      .poll(async () => (await ended.textContent())!.trim())
      .toBe('因长时间未操作，会话已结束，请重新登录。');
    await page.screenshot({ path: screenshotPath('session-ended-zh') });
    // Signing in again: the note goes; signing out is no ended session either.
    await page.locator('input[name="username"]').fill(await ensurePersona(knex, 'analyst'));
    await page.locator('input[name="password"]').fill(PERSONA_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.locator('[data-nav="overview"]').waitFor();
    await page.getByRole('button', { name: '退出' }).click();
    await page.locator('input[name="username"]').waitFor();
    expect(await ended.count()).toBe(0);
    await page.close();
  });
});
