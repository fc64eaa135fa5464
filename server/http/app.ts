import fs from 'node:fs';
import path from 'node:path';
import express, { type Express } from 'express';
import { projectRoot } from '../config.ts';
import type { Database } from '../db/connect.ts';
import type { Logger } from '../logger.ts';
import { DEFAULT_AUTH_OPTIONS, type AuthOptions } from '../services/auth/auth.service.ts';
import { MetricsCache } from '../services/metrics/metrics-cache.ts';
import { adminRoutes } from './admin.routes.ts';
import { auditRoutes } from './audit.routes.ts';
import { authenticate } from './auth.middleware.ts';
import { authRoutes } from './auth.routes.ts';
import { disputesRoutes } from './disputes.routes.ts';
import { errorHandler, notFound } from './errors.ts';
import { healthRoutes } from './health.routes.ts';
import { importRoutes } from './import.routes.ts';
import { jobsRoutes } from './jobs.routes.ts';
import { metricsRoutes } from './metrics.routes.ts';
import { evaluationRoutes } from './evaluation.routes.ts';
import { noticesRoutes } from './notices.routes.ts';
import { reportRoutes } from './report.routes.ts';
import { overviewRoutes } from './overview.routes.ts';
import { securityHeaders } from './security.ts';
import { sourcesRoutes } from './sources.routes.ts';
import { unitMatchRoutes } from './unit-match.routes.ts';
import { unitsRoutes } from './units.routes.ts';
import { usersRoutes } from './users.routes.ts';

export interface AppDeps {
  db: Database;
  logger: Logger;
  /** Built web app to serve (default web/dist); absent in API-only tests. */
  webDir?: string;
  /** Session timeouts, rate limits and clock (tests shorten or pin them); defaults in auth.service.ts. */
  auth?: Partial<AuthOptions>;
  /** Megabytes of metric responses to keep until the data changes (METRICS_CACHE_MB); 0: off. */
  metricsCacheMb?: number;
}

/** The Express app, without listening: tests drive it with supertest, server/main.ts listens. */
export function createApp({
  db,
  logger,
  webDir = path.join(projectRoot, 'web', 'dist'),
  auth,
  metricsCacheMb = 64,
}: AppDeps): Express {
  const authDeps = { db: db.knex, options: { ...DEFAULT_AUTH_OPTIONS, ...auth } };
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use(securityHeaders());
  app.use(express.json({ limit: '1mb' }));
  app.use('/api', (_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });
  // Every /api request passes the route policy table (auth.policy.ts) and, unless public, a session check.
  app.use('/api', authenticate(authDeps, logger));
  app.use(healthRoutes(db));
  app.use(authRoutes(authDeps));
  app.use(usersRoutes(db.knex));
  app.use(adminRoutes(db.knex, { defaultIdleMs: authDeps.options.idleMs }));
  app.use(auditRoutes(db.knex));
  app.use(overviewRoutes(db.knex));
  app.use(metricsRoutes(db.knex, new MetricsCache(metricsCacheMb * 1024 * 1024)));
  app.use(unitsRoutes(db.knex));
  app.use(reportRoutes(db.knex));
  app.use(noticesRoutes(db.knex));
  app.use(disputesRoutes(db.knex));
  app.use(evaluationRoutes(db.knex));
  app.use(importRoutes(db.knex, logger));
  app.use(unitMatchRoutes(db.knex));
  app.use(jobsRoutes({ db: db.knex, logger }));
  app.use(sourcesRoutes({ db: db.knex }));
  app.use('/api', notFound);

  if (fs.existsSync(path.join(webDir, 'index.html'))) {
    app.use(express.static(webDir, { index: false, maxAge: '1h' }));
    // SPA fallback: every non-API GET serves the shell; the client router takes it from there.
    app.get('/{*splat}', (_req, res) => res.sendFile(path.join(webDir, 'index.html')));
  }
  app.use(notFound);
  app.use(errorHandler(logger));
  return app;
}
