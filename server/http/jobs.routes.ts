import { Router } from 'express';
import { buildJobs, defaultEffects, jobStatuses, JobRunner } from '../../jobs/index.ts';
import { loadConfig } from '../config.ts';
import { jobNameParams, jobRunsQuery, type JobRunsResponse, type JobsResponse } from '../contracts/jobs.ts';
import type { Knex } from '../db/knex.ts';
import type { Logger } from '../logger.ts';
import { getRun, listRuns } from '../repositories/job-run.repository.ts';
import { dataAsOf } from '../repositories/source-state.repository.ts';
import { loadSources, SourceConfigError } from '../services/pulls/source.service.ts';
import { HttpError } from './errors.ts';

export interface JobsRoutesDeps {
  db: Knex;
  logger: Logger;
  env?: NodeJS.ProcessEnv;
  dataDir?: string;
}

/** The configured jobs, read afresh per request (the sources file may have been edited). */
export function currentJobs(env: NodeJS.ProcessEnv, dataDir: string) {
  try {
    return buildJobs(loadSources(env, dataDir).sources);
  } catch (err) {
    if (err instanceof SourceConfigError) throw new HttpError(500, 'sources_invalid', err.message);
    throw err;
  }
}

/**
 * The data page's job panel (admin): every job with schedule, last and next run and the stale-source flag;
 * one job's run history; run a job now.
 * GET /api/jobs · GET /api/jobs/:name/runs?limit= · POST /api/jobs/:name/run
 */
export function jobsRoutes({ db, logger, env = process.env, dataDir }: JobsRoutesDeps): Router {
  const router = Router();
  const dir = dataDir ?? loadConfig(env).dataDir;

  router.get('/api/jobs', async (_req, res) => {
    const jobs = await jobStatuses(db, currentJobs(env, dir), new Date());
    res.json({ jobs, dataAsOf: await dataAsOf(db) } satisfies JobsResponse);
  });

  router.get('/api/jobs/:name/runs', async (req, res) => {
    const { name } = jobNameParams.parse(req.params);
    const { limit } = jobRunsQuery.parse(req.query);
    res.json({ runs: await listRuns(db, { jobName: name, limit }) } satisfies JobRunsResponse);
  });

  router.post('/api/jobs/:name/run', async (req, res) => {
    const { name } = jobNameParams.parse(req.params);
    const job = currentJobs(env, dir).find((j) => j.name === name);
    if (!job) throw new HttpError(404, 'job_not_found', `没有这个任务 / no job named ${name}`);
    const result = await new JobRunner(defaultEffects(db, logger)).run(job, { trigger: 'manual' });
    if (!result.ran) {
      if (result.reason === 'locked') {
        throw new HttpError(409, 'job_busy', `${name}: 正在运行 / already running`);
      }
      throw new HttpError(
        500,
        'job_not_run',
        `${name}: 未能运行 / could not run: ${result.error ?? result.reason}`,
      );
    }
    res.json({ run: await getRun(db, result.runId) });
  });

  return router;
}
