/**
 * The data page's job and source panels as use-cases: the configured jobs with their status, a job's runs, running
 * a job now, and the sources with their pull state. The HTTP routes (server/http/jobs.routes.ts,
 * sources.routes.ts) only parse, authorise and call these; refusals are typed errors mapped at the HTTP edge.
 *
 * The jobs capability owns this folder; its shapes are server/contracts/jobs.ts and sources.ts.
 */
import {
  defaultEffects,
  isValidSchedule,
  jobStatuses,
  JobRunner,
  loadJobs,
  type JobDefinition,
  type JobStatus,
} from '../../../jobs/index.ts';
import { pullJobName } from '../../../jobs/source-pull.job.ts';
import type { Knex } from '../../db/knex.ts';
import type { Logger } from '../../logger.ts';
import { getRun, listRuns, type JobRunRow } from '../../repositories/job-run.repository.ts';
import { dataAsOf, listSourceStates } from '../../repositories/source-state.repository.ts';
import { describeUrl } from '../pulls/pull-http.service.ts';
import {
  loadSources,
  saveSource,
  setSourceEnabled,
  SourceConfigError,
  type SourceConfig,
} from '../pulls/source.service.ts';

/** Whether the scheduler accepts a cron expression (for settings that schedule a job, e.g. the notices'). */
export { isValidSchedule };

/** Where the sources file is looked up (env SOURCES_FILE, else the data directory). */
export interface JobsContext {
  db: Knex;
  env: NodeJS.ProcessEnv;
  dataDir: string;
}

/** The sources file in use cannot be read or is invalid: the server's configuration, not the request, is wrong. */
export class SourcesFileInvalidError extends Error {}
export class JobNotFoundError extends Error {}
/** Another instance (or an earlier click) holds the job's lock. */
export class JobBusyError extends Error {}
/** The runner could not start the job (not a failure of the job itself, which is recorded as a failed run). */
export class JobNotRunError extends Error {}

function sourcesFile({ env, dataDir }: JobsContext): ReturnType<typeof loadSources> {
  try {
    return loadSources(env, dataDir);
  } catch (err) {
    if (err instanceof SourceConfigError) throw new SourcesFileInvalidError(err.message);
    throw err;
  }
}

/** The configured jobs, read afresh per call (the sources file or the notice settings may have changed). */
export function currentJobs(ctx: JobsContext): Promise<JobDefinition[]> {
  return loadJobs(ctx.db, sourcesFile(ctx).sources);
}

/** Every job with schedule, last and next run and the stale-source flag, and the data-as-of time. */
export async function listJobs(
  ctx: JobsContext,
  now: Date,
): Promise<{ jobs: JobStatus[]; dataAsOf: Date | null }> {
  const jobs = await jobStatuses(ctx.db, await currentJobs(ctx), now);
  return { jobs, dataAsOf: await dataAsOf(ctx.db) };
}

/** One job's run history, newest first. */
export function listJobRuns(db: Knex, jobName: string, limit: number): Promise<JobRunRow[]> {
  return listRuns(db, { jobName, limit });
}

/** Runs the named job now (manual trigger) and returns its run row. */
export async function runJobNow(
  ctx: JobsContext & { logger: Logger },
  name: string,
): Promise<JobRunRow | undefined> {
  const job = (await currentJobs(ctx)).find((j) => j.name === name);
  if (!job) throw new JobNotFoundError(`没有这个任务 / no job named ${name}`);
  const result = await new JobRunner(defaultEffects(ctx.db, ctx.logger)).run(job, { trigger: 'manual' });
  if (!result.ran) {
    if (result.reason === 'locked') throw new JobBusyError(`${name}: 正在运行 / already running`);
    throw new JobNotRunError(`${name}: 未能运行 / could not run: ${result.error ?? result.reason}`);
  }
  return getRun(ctx.db, result.runId);
}

/** A source as shown to an admin: the URL without its query, the token's variable name (never a value). */
export function publicSource(s: SourceConfig) {
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

/**
 * Each configured source with its state (watermark, last success and failure), its pull's last run and stale
 * flag, the sources file in use, and the data-as-of time.
 */
export async function listSources(ctx: JobsContext, now: Date) {
  const loaded = sourcesFile(ctx);
  const states = new Map((await listSourceStates(ctx.db)).map((s) => [s.source_name, s]));
  const statuses = new Map((await jobStatuses(ctx.db, await currentJobs(ctx), now)).map((s) => [s.name, s]));
  return {
    file: loaded.file,
    dataAsOf: await dataAsOf(ctx.db),
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
  };
}

const saveOpts = ({ env, dataDir }: JobsContext) => ({ env, dataDir, isValidSchedule });

/**
 * Adds or replaces a source from what the edit form sent. The file is validated as a whole before it is
 * replaced (SourceConfigError, SourceNotFoundError); running schedulers reload it (jobs/index.ts watches it).
 */
export function putSource(ctx: JobsContext, name: string, body: Record<string, unknown>) {
  const stored = loadSources(ctx.env, ctx.dataDir).sources.find((s) => s.name === name);
  return publicSource(saveSource(name, restoreHidden(body, stored), saveOpts(ctx)));
}

export function enableSource(ctx: JobsContext, name: string, enabled: boolean) {
  return publicSource(setSourceEnabled(name, enabled, saveOpts(ctx)));
}
