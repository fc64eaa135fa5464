import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import type { Knex } from '../../server/db/knex.ts';
import { createApp } from '../../server/http/app.ts';
import { createLogger } from '../../server/logger.ts';
import { seedDemoCounty } from '../../server/services/demo/demo-seed.service.ts';
import { createTestDatabase } from './database.ts';
import { DEMO_AS_OF } from './demo.ts';
import { loginAs, type Agent } from './personas.ts';

/**
 * The API tests' common start (supertest, no browser): the file's own database with the demo county as of
 * DEMO_AS_OF, the real Express app over it serving a stand-in web folder (one index.html: the page routes answer,
 * no build needed), and an analyst signed in.
 */
export async function startDemoApp(): Promise<{
  knex: Knex;
  app: ReturnType<typeof createApp>;
  analyst: Agent;
}> {
  const { knex } = await createTestDatabase();
  await seedDemoCounty(knex, { asOf: DEMO_AS_OF });
  const webDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sj-web-'));
  fs.writeFileSync(path.join(webDir, 'index.html'), '<!doctype html><title>双降</title>');
  const app = createApp({
    db: { knex, mode: inject('dbMode'), close: () => Promise.resolve() },
    logger: createLogger('silent'),
    webDir,
  });
  return { knex, app, analyst: await loginAs(app, knex, 'analyst') };
}
