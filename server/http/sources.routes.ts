import { Router } from 'express';
import { isValidSchedule, jobStatuses } from '../../jobs/index.ts';
import { pullJobName } from '../../jobs/source-pull.job.ts';
import { loadConfig } from '../config.ts';
import {
  sourceBody,
  sourceNameParams,
  type PublicSource,
  type SourceResponse,
  type SourcesResponse,
} from '../contracts/sources.ts';
import type { Knex } from '../db/knex.ts';
import { dataAsOf, listSourceStates } from '../repositories/source-state.repository.ts';
import { describeUrl } from '../services/pulls/pull-http.service.ts';
import {
  loadSources,
  saveSource,
  setSourceEnabled,
  SourceConfigError,
  SourceNotFoundError,
  type SourceConfig,
} from '../services/pulls/source.service.ts';
import { HttpError } from './errors.ts';
import { currentJobs } from './jobs.routes.ts';

/** A source as shown to an admin: the URL without its query, the token's variable name (never a value). */
function publicSource(s: SourceConfig): PublicSource {
  return s.type === 'http'
    ? { ...s, url: describeUrl(s.url), auth: s.auth ? { header: s.auth.header, env: s.auth.env } : null }
    : s;
}

/**
 * An edit made from the public view sends back what it was shown: the URL without its query and the token's
 * header and variable without the prefix. Those keep their stored values, so changing a schedule in the UI never
 * drops a query string or a custom prefix.
 */
function restoreHidden(
  body: Record<string, unknown>,
  stored: SourceConfig | undefined,
): Record<string, unknown> {
  if (stored?.type !== 'http' || body.type !== 'http') return body;
  const out = { ...body };
  if (out.url === describeUrl(stored.url)) out.url = stored.url;
  const auth = out.auth as { header?: unknown; env?: unknown; prefix?: unknown } | null | undefined;
  if (stored.auth && auth && auth.prefix === undefined) {
    if (auth.header === stored.auth.header && auth.env === stored.auth.env) out.auth = stored.auth;
  }
  if (out.auth === null) delete out.auth;
  return out;
}

/** Maps a refused configuration to 400 (404 for an unknown source), with the validator's message. */
function configErrors<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof SourceNotFoundError) throw new HttpError(404, 'source_not_found', err.message);
    if (err instanceof SourceConfigError) throw new HttpError(400, 'invalid_source', err.message);
    throw err;
  }
}

/**
 * The sources panel (admin). GET /api/sources: each configured source with its state (watermark, last success
 * and failure), its pull's last run and stale flag, the sources file in use, and the data-as-of time.
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
  const dir = dataDir ?? loadConfig(env).dataDir;

  router.get('/api/sources', async (_req, res) => {
    let loaded;
    try {
      loaded = loadSources(env, dir);
    } catch (err) {
      if (err instanceof SourceConfigError) throw new HttpError(500, 'sources_invalid', err.message);
      throw err;
    }
    const states = new Map((await listSourceStates(db)).map((s) => [s.source_name, s]));
    const statuses = new Map(
      (await jobStatuses(db, currentJobs(env, dir), new Date())).map((s) => [s.name, s]),
    );
    res.json({
      file: loaded.file,
      dataAsOf: await dataAsOf(db),
      sources: loaded.sources.map((s) => {
        const job = statuses.get(pullJobName(s.name));
        return {
          ...publicSource(s),
          job: pullJobName(s.name),
          state: states.get(s.name) ?? null,
          lastRun: job?.lastRun ?? null,
          nextRunAt: job?.nextRunAt ?? null,
          stale: job?.stale ?? false,
        };
      }),
    } satisfies SourcesResponse);
  });

  // Editing: PUT /api/sources/:name (add or replace), POST /api/sources/:name/enable|disable. The file is
  // validated as a whole before it is replaced; running schedulers reload it (jobs/index.ts watches it).
  const saveOpts = () => ({ env, dataDir: dir, isValidSchedule });

  router.put('/api/sources/:name', (req, res) => {
    const { name } = sourceNameParams.parse(req.params);
    const body = sourceBody.parse(req.body);
    const saved = configErrors(() => {
      const stored = loadSources(env, dir).sources.find((s) => s.name === name);
      return saveSource(name, restoreHidden(body, stored), saveOpts());
    });
    res.json({ source: publicSource(saved) } satisfies SourceResponse);
  });

  for (const action of ['enable', 'disable'] as const) {
    router.post(`/api/sources/:name/${action}`, (req, res) => {
      const { name } = sourceNameParams.parse(req.params);
      const saved = configErrors(() => setSourceEnabled(name, action === 'enable', saveOpts()));
      res.json({ source: publicSource(saved) } satisfies SourceResponse);
    });
  }

  return router;
}
