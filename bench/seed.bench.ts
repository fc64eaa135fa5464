/**
 * Generating and loading the demo county into a fresh embedded cluster: the cost of a first `npm start`.
 */
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { generateDemoCounty } from '../server/demo/demo-county.ts';
import { startEmbeddedPostgres } from '../server/db/embedded.ts';
import { createKnex } from '../server/db/knex.ts';
import { migrateLatest } from '../server/db/migrate.ts';
import { createLogger } from '../server/logger.ts';
import { seedDemoCounty } from '../server/services/demo-seed.service.ts';

export async function run(): Promise<void> {
  const logger = createLogger('warn');
  const t0 = performance.now();
  const pg = await startEmbeddedPostgres({
    dataDir: path.join(os.tmpdir(), `shuangjiang-bench-${process.pid}`, 'pg'),
    database: 'bench',
    logger,
    ephemeral: true,
  });
  const t1 = performance.now();
  const knex = createKnex(pg.url);
  try {
    await migrateLatest(knex);
    const t2 = performance.now();
    const county = generateDemoCounty();
    const t3 = performance.now();
    const counts = await seedDemoCounty(knex);
    const t4 = performance.now();
    const figures = {
      cluster_start_ms: Math.round(t1 - t0),
      migrate_ms: Math.round(t2 - t1),
      generate_ms: Math.round(t3 - t2),
      seed_ms: Math.round(t4 - t3),
      records: counts.litigation + counts.reconsideration + counts.prelitigation,
      units: county.units.length,
    };
    console.table(figures);
    console.log(JSON.stringify({ bench: 'seed', ...figures }));
  } finally {
    await knex.destroy();
    await pg.stop();
  }
}
