import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { inject } from 'vitest';
import type { Knex } from '../../server/db/knex.ts';
import { createApp } from '../../server/http/app.ts';
import { createLogger } from '../../server/logger.ts';
import { seedDemoCounty } from '../../server/services/demo/demo-seed.service.ts';
import type { Role } from '../../server/services/auth/access.ts';
import { launchBrowser } from './browser.ts';
import { ensurePersona, PERSONA_PASSWORD } from './personas.ts';
import { buildWeb } from './web-build.ts';
import { DEMO_AS_OF } from './demo.ts';

export interface WebServer {
  /** http://127.0.0.1:<port> */
  base: string;
  browser: Browser;
  app: ReturnType<typeof createApp>;
  /** A new page (its own cookie jar) signed in as the persona through the login form at `path`. */
  signIn(
    path: string,
    role: Role,
    unitCode?: string,
    options?: Parameters<Browser['newPage']>[0],
  ): Promise<Page>;
  close(): Promise<void>;
}

/**
 * The browser tests' common start: the demo county in the file's database, the freshly built web app served by
 * the real Express app on a free loopback port, and a headless Chromium.
 */
export async function startWebServer(knex: Knex): Promise<WebServer> {
  await seedDemoCounty(knex, { asOf: DEMO_AS_OF });
  const app = createApp({
    db: { knex, mode: inject('dbMode'), close: () => Promise.resolve() },
    logger: createLogger('silent'),
    webDir: buildWeb(),
  });
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await launchBrowser();
  return {
    base,
    browser,
    app,
    signIn: async (path, role, unitCode, options = {}) => {
      const username = await ensurePersona(knex, role, unitCode);
      const page = await browser.newPage({
        viewport: { width: 1280, height: 900 },
        acceptDownloads: true,
        ...options,
      });
      await page.goto(base + path);
      await page.locator('input[name="username"]').fill(username);
      await page.locator('input[name="password"]').fill(PERSONA_PASSWORD);
      await page.getByRole('button', { name: '登录' }).click();
      return page;
    },
    close: async () => {
      await browser.close();
      await new Promise((r) => server.close(r));
    },
  };
}

/** Signs a persona in over the API: the session cookie and CSRF token for fetch() calls. */
export async function apiSession(
  base: string,
  knex: Knex,
  role: Role,
  unitCode?: string,
): Promise<{ cookie: string; csrfToken: string }> {
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: await ensurePersona(knex, role, unitCode), password: PERSONA_PASSWORD }),
  });
  if (login.status !== 200) throw new Error(`login as ${role} failed: ${login.status}`);
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  return { cookie: login.headers.get('set-cookie')!.split(';')[0]!, csrfToken };
}
