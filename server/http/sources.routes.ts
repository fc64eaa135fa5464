import { Router } from 'express';
import { loadConfig } from '../config.ts';
import {
  sourceBody,
  sourceNameParams,
  type SourceResponse,
  type SourcesResponse,
} from '../contracts/sources.ts';
import type { Knex } from '../db/knex.ts';
import { enableSource, listSources, putSource } from '../services/jobs/jobs.service.ts';

/**
 * The sources panel (admin). GET /api/sources: each configured source with its state (watermark, last success
 * and failure), its pull's last run and stale flag, the sources file in use, and the data-as-of time.
 * Editing: PUT /api/sources/:name (add or replace), POST /api/sources/:name/enable|disable.
 */
export function sourcesRoutes({
  db,
  env = process.env,
  dataDir,
}: {
  db: Knex;
  env?: NodeJS.ProcessEnv;
  dataDir?: string;
}): Router {
  const router = Router();
  const ctx = { db, env, dataDir: dataDir ?? loadConfig(env).dataDir };

  router.get('/api/sources', async (_req, res) => {
    res.json((await listSources(ctx, new Date())) satisfies SourcesResponse);
  });

  router.put('/api/sources/:name', (req, res) => {
    const { name } = sourceNameParams.parse(req.params);
    res.json({ source: putSource(ctx, name, sourceBody.parse(req.body)) } satisfies SourceResponse);
  });

  for (const action of ['enable', 'disable'] as const) {
    router.post(`/api/sources/:name/${action}`, (req, res) => {
      const { name } = sourceNameParams.parse(req.params);
      res.json({ source: enableSource(ctx, name, action === 'enable') } satisfies SourceResponse);
    });
  }

  return router;
}
