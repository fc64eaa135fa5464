import { Router } from 'express';
import { loadConfig } from '../config.ts';
import { jobNameParams, jobRunsQuery, type JobRunsResponse, type JobsResponse } from '../contracts/jobs.ts';
import type { Knex } from '../db/knex.ts';
import type { Logger } from '../logger.ts';
import { listJobRuns, listJobs, runJobNow } from '../services/jobs/jobs.service.ts';

export interface JobsRoutesDeps {
  db: Knex;
  logger: Logger;
  env?: NodeJS.ProcessEnv;
  dataDir?: string;
}

/**
 * The data page's job panel (admin): every job with schedule, last and next run and the stale-source flag;
 * one job's run history; run a job now.
 * GET /api/jobs · GET /api/jobs/:name/runs?limit= · POST /api/jobs/:name/run
 */
export function jobsRoutes({ db, logger, env = process.env, dataDir }: JobsRoutesDeps): Router {
  const router = Router();
  const ctx = { db, env, dataDir: dataDir ?? loadConfig(env).dataDir };

  router.get('/api/jobs', async (_req, res) => {
    res.json((await listJobs(ctx, new Date())) satisfies JobsResponse);
  });

  router.get('/api/jobs/:name/runs', async (req, res) => {
    const { name } = jobNameParams.parse(req.params);
    const { limit } = jobRunsQuery.parse(req.query);
    res.json({ runs: await listJobRuns(db, name, limit) } satisfies JobRunsResponse);
  });

  router.post('/api/jobs/:name/run', async (req, res) => {
    const { name } = jobNameParams.parse(req.params);
    res.json({ run: await runJobNow({ ...ctx, logger }, name) });
  });

  return router;
}
