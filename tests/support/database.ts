import crypto from 'node:crypto';
import { afterAll, inject } from 'vitest';
import { createKnex, type Knex } from '../../server/db/knex.ts';
import { withDatabase } from './global-database.ts';

export interface TestDatabase {
  knex: Knex;
  /** Connection string of this file's database (for child processes and servers under test). */
  url: string;
  name: string;
}

/**
 * A fresh database for the calling test file, cloned from the run's migrated template, dropped after the file.
 * Call at module level or in beforeAll.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = inject('adminUrl');
  const template = inject('templateDb');
  const name = `${template.replace('sj_tpl_', 'sj_t_')}_${crypto.randomBytes(4).toString('hex')}`;
  const admin = createKnex(adminUrl, { max: 1 });
  // Concurrent clones of one template can collide ("source database is being accessed"): retry briefly.
  for (let attempt = 0; ; attempt++) {
    try {
      await admin.raw('CREATE DATABASE ?? TEMPLATE ??', [name, template]);
      break;
    } catch (err) {
      if (attempt >= 20 || !String(err).includes('being accessed')) throw err;
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
    }
  }
  const url = withDatabase(adminUrl, name);
  const knex = createKnex(url, { max: 5 });
  afterAll(async () => {
    await knex.destroy();
    await admin.raw('DROP DATABASE IF EXISTS ?? WITH (FORCE)', [name]);
    await admin.destroy();
  });
  return { knex, url, name };
}
