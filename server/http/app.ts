import fs from 'node:fs';
import path from 'node:path';
import express, { type Express } from 'express';
import helmet from 'helmet';
import { projectRoot } from '../config.ts';
import type { Database } from '../db/connect.ts';
import type { Logger } from '../logger.ts';
import { errorHandler, notFound } from './errors.ts';
import { healthRoutes } from './health.routes.ts';
import { overviewRoutes } from './overview.routes.ts';

export interface AppDeps {
  db: Database;
  logger: Logger;
  /** Built web app to serve (default web/dist); absent in API-only tests. */
  webDir?: string;
}

/** The Express app, without listening: tests drive it with supertest, server/main.ts listens. */
export function createApp({ db, logger, webDir = path.join(projectRoot, 'web', 'dist') }: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use(helmet());
  app.use(express.json({ limit: '1mb' }));
  app.use('/api', (_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });
  app.use(healthRoutes(db));
  app.use(overviewRoutes(db.knex));
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
