import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshotPath } from '../support/browser.ts';
import { createTestDatabase } from '../support/database.ts';
import { ensurePersona, loginAs, PERSONA_PASSWORD } from '../support/personas.ts';
import { startWebServer, type WebServer } from '../support/web-server.ts';

const { knex } = await createTestDatabase();
let web: WebServer;
let browser: Browser;
let base: string;
let app: WebServer['app'];

beforeAll(async () => {
  web = await startWebServer(knex);
  ({ base, browser, app } = web);
});

afterAll(async () => {
  await web?.close();
});

/** A page that records Content-Security-Policy violations reported on its console. */
async function page(): Promise<{ page: Page; cspErrors: string[] }> {
  const p = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const cspErrors: string[] = [];
  p.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) cspErrors.push(m.text());
  });
  await p.goto(base);
  return { page: p, cspErrors };
}

async function submit(p: Page, username: string, password: string): Promise<void> {
  await p.locator('input[name="username"]').fill(username);
  await p.locator('input[name="password"]').fill(password);
  await p.getByRole('button', { name: '登录' }).click();
}

describe('login page', () => {
  it('shows the login form to a signed-out visitor and a generic message for a wrong password', async () => {
    const { page: p, cspErrors } = await page();
    await submit(p, await ensurePersona(knex, 'viewer'), 'not-my-password');
    await expect.poll(() => p.getByRole('alert').textContent()).toContain('用户名或密码错误');
    await p.screenshot({ path: screenshotPath('login-failed') });
    expect(cspErrors).toEqual([]);
    await p.close();
  });

  it('signs in, shows the overview without CSP violations, and signs out', async () => {
    const { page: p, cspErrors } = await page();
    await submit(p, await ensurePersona(knex, 'viewer'), PERSONA_PASSWORD);
    await p.locator('[data-metric="lit_filed"] .value').waitFor();
    await p.locator('canvas').first().waitFor();
    expect(await p.locator('.who').textContent()).toBe('p-viewer');
    await p.getByRole('button', { name: '退出' }).click();
    await p.locator('input[name="username"]').waitFor();
    // The session is gone on the server too: reloading shows the login form again.
    await p.reload();
    await p.locator('input[name="username"]').waitFor();
    expect(cspErrors).toEqual([]);
    await p.close();
  });

  it('makes a user with a one-time password choose a new one first', async () => {
    const admin = await loginAs(app, knex, 'admin');
    const created = await admin
      .post('/api/users')
      .send({ username: 'zhang.wei', role: 'analyst' })
      .expect(201);
    const otp = created.body.oneTimePassword as string;
    const { page: p } = await page();
    await submit(p, 'zhang.wei', otp);
    await p.locator('input[name="new"]').waitFor();
    await p.locator('input[name="current"]').fill(otp);
    await p.locator('input[name="new"]').fill('password123');
    await p.locator('input[name="confirm"]').fill('password123');
    await p.getByRole('button', { name: '保存新密码' }).click();
    await expect.poll(() => p.getByRole('alert').textContent()).toContain('过于常见');
    await p.locator('input[name="new"]').fill('一行白鹭上青天-2026');
    await p.locator('input[name="confirm"]').fill('一行白鹭上青天-2026');
    await p.getByRole('button', { name: '保存新密码' }).click();
    await p.locator('[data-metric="lit_filed"] .value').waitFor();
    await p.screenshot({ path: screenshotPath('login-after-password-change') });
    await p.close();
  });
});
