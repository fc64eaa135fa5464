/**
 * Vitest global setup for the integration and e2e tiers: one PostgreSQL per run — TEST_DATABASE_URL when set,
 * else a throw-away embedded cluster — with a template database migrated once. Each test file then clones the
 * template (tests/support/database.ts), so files run in parallel without seeing each other's rows.
 */
import crypto from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../server/db/embedded.ts';
import { createKnex } from '../../server/db/knex.ts';
import { migrateLatest } from '../../server/db/migrate.ts';
import { createLogger } from '../../server/logger.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Connection string of the maintenance database (CREATE/DROP DATABASE) on the test server. */
    adminUrl: string;
    /** Name of the migrated template database of this run. */
    templateDb: string;
    dbMode: 'embedded' | 'external';
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const runId = `${process.pid}_${crypto.randomBytes(3).toString('hex')}`;
  const templateDb = `sj_tpl_${runId}`;
  let embedded: EmbeddedPostgres | undefined;
  let adminUrl: string;
  const external = process.env.TEST_DATABASE_URL;
  if (external) {
    adminUrl = external;
  } else {
    embedded = await startEmbeddedPostgres({
      dataDir: path.join(os.tmpdir(), `shuangjiang-test-${runId}`, 'pg'),
      database: 'postgres',
      logger: createLogger('warn'),
      ephemeral: true,
    });
    adminUrl = embedded.adminUrl;
  }

  const admin = createKnex(adminUrl, { max: 2 });
  await admin.raw('CREATE DATABASE ??', [templateDb]);
  const template = createKnex(withDatabase(adminUrl, templateDb), { max: 1 });
  try {
    await migrateLatest(template);
  } finally {
    await template.destroy();
  }

  project.provide('adminUrl', adminUrl);
  project.provide('templateDb', templateDb);
  project.provide('dbMode', external ? 'external' : 'embedded');

  return async () => {
    // Drop this run's databases (the template and any clone a crashed file left behind).
    const { rows } = await admin.raw<{ rows: { datname: string }[] }>(
      'SELECT datname FROM pg_database WHERE datname LIKE ?',
      [`sj_%${runId}%`],
    );
    for (const { datname } of rows) await admin.raw('DROP DATABASE IF EXISTS ?? WITH (FORCE)', [datname]);
    await admin.destroy();
    await embedded?.stop();
  };
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
