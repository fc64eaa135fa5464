import path from 'node:path';
import type { AppConfig } from '../config.ts';
import type { Logger } from '../logger.ts';
import { startEmbeddedPostgres } from './embedded.ts';
import { createKnex, type Knex } from './knex.ts';

export type DatabaseMode = 'embedded' | 'external';

export interface Database {
  knex: Knex;
  mode: DatabaseMode;
  /** Closes the pool and, in embedded mode, stops the cluster. Safe to call twice. */
  close(): Promise<void>;
}

/** DATABASE_URL wins; without it an embedded cluster in <dataDir>/pg serves the database `shuangjiang`. */
export async function connectDatabase(config: AppConfig, logger: Logger): Promise<Database> {
  if (config.databaseUrl) {
    const knex = createKnex(config.databaseUrl);
    await knex.raw('SELECT 1');
    return { knex, mode: 'external', close: () => knex.destroy() };
  }
  const pg = await startEmbeddedPostgres({
    dataDir: path.join(config.dataDir, 'pg'),
    database: 'shuangjiang',
    logger,
  });
  logger.info({ port: pg.port, dataDir: pg.dataDir }, 'embedded PostgreSQL ready');
  const knex = createKnex(pg.url);
  let closing: Promise<void> | undefined;
  return {
    knex,
    mode: 'embedded',
    close() {
      closing ??= knex.destroy().finally(() => pg.stop());
      return closing;
    },
  };
}
