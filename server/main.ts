/**
 * `npm start`: connect (embedded PostgreSQL unless DATABASE_URL is set), migrate, seed the demo county on the
 * first start of an empty embedded database, serve the API and the built web app, and shut down cleanly on
 * SIGINT/SIGTERM (closing connections, then stopping the embedded cluster).
 */
import type { Server } from 'node:http';
import { startJobs, type Scheduler } from '../jobs/index.ts';
import { loadConfig } from './config.ts';
import { connectDatabase } from './db/connect.ts';
import { migrateLatest } from './db/migrate.ts';
import { cstToday } from './metrics/dates.ts';
import { createApp } from './http/app.ts';
import { createLogger } from './logger.ts';
import { countUnits } from './repositories/unit.repository.ts';
import { seedDemoCounty } from './services/demo/demo-seed.service.ts';
import { ensureFirstAdmin } from './services/auth/user.service.ts';

const config = loadConfig();
const logger = createLogger(config.logLevel);

const db = await connectDatabase(config, logger).catch((err: unknown) => {
  logger.fatal({ err }, 'could not open the database');
  process.exit(1);
});

let server: Server | undefined;
let scheduler: Scheduler | undefined;
let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'shutting down');
  const forced = setTimeout(() => process.exit(1), 25_000).unref();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server?.closeAllConnections();
  await scheduler?.stop().catch((err: unknown) => logger.error({ err }, 'error while stopping the jobs'));
  await db.close().catch((err: unknown) => logger.error({ err }, 'error while closing the database'));
  clearTimeout(forced);
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

try {
  const applied = await migrateLatest(db.knex);
  if (applied.length) logger.info({ applied }, 'migrations applied');
  const seed = config.seedDemo ?? db.mode === 'embedded';
  if (seed && (await countUnits(db.knex)) === 0) {
    // The demo covers the five years up to today, so 年初至今 and this year's figures are never empty.
    const asOf = cstToday(new Date());
    const counts = await seedDemoCounty(db.knex, { asOf });
    logger.info({ ...counts, asOf }, 'empty database: loaded the demo county 示例县');
  }
  await ensureFirstAdmin(db.knex, process.env, (message) => process.stdout.write(`\n  ${message}\n\n`));
  const app = createApp({ db, logger, metricsCacheMb: config.metricsCacheMb });
  server = app.listen(config.port, config.host, () => {
    const address = server?.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    logger.info({ url: `http://${config.host}:${port}/`, database: db.mode }, 'Shuangjiang is serving');
    process.stdout.write(`\n  双降 Shuangjiang: http://${config.host}:${port}/  (database: ${db.mode})\n\n`);
  });
  // Scheduled pulls and housekeeping (jobs/): a failing job is recorded in job_run, never fatal to the server.
  scheduler = await startJobs({ db: db.knex, logger, dataDir: config.dataDir });
} catch (err) {
  logger.fatal({ err }, 'start-up failed');
  await db.close();
  process.exit(1);
}
