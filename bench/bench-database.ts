import os from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgres } from '../server/db/embedded.ts';
import { createKnex, type Knex } from '../server/db/knex.ts';
import { migrateLatest } from '../server/db/migrate.ts';
import { createLogger } from '../server/logger.ts';

export interface BenchDatabase {
  knex: Knex;
  /** Milliseconds spent starting the throw-away cluster (0 with DATABASE_URL). */
  startMs: number;
  close(): Promise<void>;
}

/**
 * A migrated database for a benchmark: DATABASE_URL when set (a scratch database: benchmarks write to it),
 * else a throw-away embedded cluster under the system temp dir, removed on close.
 */
export async function benchDatabase(): Promise<BenchDatabase> {
  const t0 = performance.now();
  if (process.env.DATABASE_URL) {
    const knex = createKnex(process.env.DATABASE_URL);
    await migrateLatest(knex);
    return { knex, startMs: 0, close: () => knex.destroy() };
  }
  const pg = await startEmbeddedPostgres({
    dataDir: path.join(os.tmpdir(), `shuangjiang-bench-${process.pid}`, 'pg'),
    database: 'bench',
    logger: createLogger('warn'),
    ephemeral: true,
  });
  const startMs = performance.now() - t0;
  const knex = createKnex(pg.url);
  await migrateLatest(knex);
  return {
    knex,
    startMs,
    close: async () => {
      await knex.destroy();
      await pg.stop();
    },
  };
}

/** Median and 95th percentile of a list of durations, in milliseconds rounded to 0.1. */
export function summarise(samples: number[]): { median: number; p95: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN;
  return { median: Math.round(at(0.5) * 10) / 10, p95: Math.round(at(0.95) * 10) / 10 };
}
