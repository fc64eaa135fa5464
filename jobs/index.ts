/**
 * The job system: the list of jobs (housekeeping, the monthly notice, one pull per configured source), the
 * scheduler, and the schedule arithmetic for `job list`. This is the only module that imports node-cron.
 */
import fs from 'node:fs';
import cron, { type ScheduledTask } from 'node-cron';
import type { JobStatus } from '../server/contracts/jobs.ts';
import type { Knex } from '../server/db/knex.ts';
import type { Logger } from '../server/logger.ts';
import { importFile } from '../server/services/import/import.service.ts';
import { systemClock } from '../server/services/pulls/pull.service.ts';
import { lastRunsByJob } from '../server/repositories/job-run.repository.ts';
import { loadSources, sourcesFilePath, type SourceConfig } from '../server/services/pulls/source.service.ts';
import {
  DEFAULT_NOTICE_SETTINGS,
  getSettings as getNoticeSettings,
  type NoticeSettings,
} from '../server/services/notices/notice.service.ts';
import type { JobDefinition, JobEffects } from './job.ts';
import { jobRunPruningJob } from './job-run-pruning.job.ts';
import { noticeMonthlyJob } from './notice-monthly.job.ts';
import { rollupCheckJob } from './rollup-check.job.ts';
import { JobRunner, recoverStaleRuns } from './runner.ts';
import { sourcePullJob } from './source-pull.job.ts';
import { staleRunRecoveryJob } from './stale-run-recovery.job.ts';

export type { JobDefinition, JobEffects } from './job.ts';
export { JobRunner, recoverStaleRuns, type RunResult } from './runner.ts';

/** What of the notice settings schedules the monthly notice job. */
export type NoticeJobSettings = Pick<NoticeSettings, 'autoIssue' | 'autoSchedule'>;

/**
 * Every job of this deployment: housekeeping first, the monthly notice (scheduled only when its settings switch
 * it on), then a pull per source (disabled ones included).
 */
export function buildJobs(
  sources: SourceConfig[],
  notices: NoticeJobSettings = DEFAULT_NOTICE_SETTINGS,
): JobDefinition[] {
  return [
    staleRunRecoveryJob,
    jobRunPruningJob,
    rollupCheckJob,
    noticeMonthlyJob(notices),
    ...sources.map(sourcePullJob),
  ];
}

/** buildJobs with the notice job's settings read from the database (they live there, not in the sources file). */
export async function loadJobs(db: Knex, sources: SourceConfig[]): Promise<JobDefinition[]> {
  return buildJobs(sources, await getNoticeSettings(db));
}

/** The production effects: the system clock, global fetch, process.env for tokens, the real import pipeline. */
export function defaultEffects(db: Knex, logger: Logger): JobEffects {
  return { db, clock: systemClock, logger, fetch: globalThis.fetch, env: process.env, importFile };
}

/** Whether node-cron accepts the expression (5 or 6 fields). */
export function isValidSchedule(schedule: string): boolean {
  return cron.validate(schedule);
}

/** The next `count` times the schedule fires after now, in its time zone. */
export function nextRuns(schedule: string, timezone: string, count = 1): Date[] {
  const task = cron.createTask(schedule, () => undefined, { timezone });
  try {
    return task.getNextRuns(count);
  } finally {
    void task.destroy();
  }
}

/**
 * The longest gap between consecutive firings over the next few: a schedule's "expected interval" (for a cron
 * like 09:00 on weekdays that is the weekend gap, so a Monday morning does not flag every source stale).
 */
export function expectedInterval(schedule: string, timezone: string): number {
  const runs = nextRuns(schedule, timezone, 8);
  let gap = 0;
  for (let i = 1; i < runs.length; i++) gap = Math.max(gap, runs[i]!.getTime() - runs[i - 1]!.getTime());
  return gap;
}

export type { JobStatus };

/** Every job with its last run, next run and staleness, for `job list`, the API and the data page. */
export async function jobStatuses(db: Knex, jobs: JobDefinition[], now: Date): Promise<JobStatus[]> {
  const last = await lastRunsByJob(db);
  return jobs.map((job) => {
    const runs = last.get(job.name);
    const lastSuccessAt = runs?.lastSuccessAt ?? null;
    // An expression node-cron refuses was logged at scheduling and never runs: shown as never due, and stale.
    const valid = isValidSchedule(job.schedule);
    let stale = false;
    if (job.source && job.enabled) {
      const allowed = valid ? 2 * expectedInterval(job.schedule, job.timezone) + 5 * 60_000 : 0;
      stale =
        !valid || (lastSuccessAt ? now.getTime() - lastSuccessAt.getTime() > allowed : runs !== undefined);
    }
    return {
      name: job.name,
      description: job.description,
      kind: job.source ? 'pull' : 'housekeeping',
      source: job.source ? { name: job.source.name, kind: job.source.kind, type: job.source.type } : null,
      schedule: job.schedule,
      timezone: job.timezone,
      enabled: job.enabled,
      nextRunAt: job.enabled && valid ? (nextRuns(job.schedule, job.timezone)[0] ?? null) : null,
      lastRun: runs?.last ?? null,
      lastSuccessAt,
      stale,
    };
  });
}

export interface Scheduler {
  /** The jobs as last (re)loaded. */
  readonly jobs: JobDefinition[];
  runner: JobRunner;
  /** Reschedules to this list: unchanged jobs keep their task, changed ones are replaced, removed ones stop. */
  reload(jobs: JobDefinition[]): void;
  /** Stops scheduling, lets runs in flight finish (then aborts them; watermarks kept) and waits for them. */
  stop(): Promise<void>;
}

/** What makes a scheduled task different: a job whose key is unchanged keeps its task across reloads. */
const taskKey = (job: JobDefinition): string =>
  JSON.stringify([job.schedule, job.timezone, job.enabled, job.source ?? null]);

/**
 * Schedules every enabled job. A tick runs in the background; whatever happens in it is caught, logged and
 * recorded in job_run, never thrown into the server.
 */
export function startScheduler(jobs: JobDefinition[], effects: JobEffects, instance?: string): Scheduler {
  const runner = new JobRunner(effects, instance);
  const { logger } = effects;
  const cronLogger = {
    info: (m: string) => logger.debug({ scheduler: 'node-cron' }, m),
    warn: (m: string) => logger.warn({ scheduler: 'node-cron' }, m),
    error: (m: string | Error, err?: Error) =>
      logger.error({ scheduler: 'node-cron', err: err ?? m }, String(m)),
    debug: (m: string | Error) => logger.debug({ scheduler: 'node-cron' }, String(m)),
  };
  const tasks = new Map<string, { key: string; task: ScheduledTask }>();
  let current: JobDefinition[] = [];

  function schedule(job: JobDefinition): ScheduledTask | null {
    try {
      return cron.schedule(
        job.schedule,
        async (ctx) => {
          // ctx.date is the cron slot (whole second), the same in every instance: it keys the tick.
          await runner.run(job, { trigger: 'schedule', tickAt: ctx.date });
        },
        { name: job.name, timezone: job.timezone, noOverlap: true, logger: cronLogger },
      );
    } catch (err) {
      logger.error({ err, job: job.name, schedule: job.schedule }, 'job not scheduled: invalid schedule');
      return null;
    }
  }

  function reload(next: JobDefinition[]): void {
    const wanted = new Map(next.filter((j) => j.enabled).map((j) => [j.name, j]));
    for (const [name, t] of tasks) {
      const job = wanted.get(name);
      if (!job || taskKey(job) !== t.key) {
        void t.task.destroy();
        tasks.delete(name);
      }
    }
    for (const job of wanted.values()) {
      if (tasks.has(job.name)) continue;
      const task = schedule(job);
      if (task) tasks.set(job.name, { key: taskKey(job), task });
    }
    current = next;
  }

  reload(jobs);
  logger.info({ jobs: [...tasks.keys()] }, 'scheduler started');
  return {
    get jobs() {
      return current;
    },
    runner,
    reload,
    async stop() {
      for (const t of tasks.values()) await t.task.destroy();
      tasks.clear();
      await runner.close();
    },
  };
}

/** How often the sources file is checked for edits (by the admin API or by hand). */
const SOURCES_POLL_MS = 5_000;
/**
 * How often the notice settings are read for the monthly job's switch and schedule: they live in the database, so
 * every instance polls (a settings change takes effect within a minute; a tick re-checks the switch anyway).
 */
const NOTICE_SETTINGS_POLL_MS = 60_000;

/**
 * What `npm start` calls: load the sources (a broken sources file is logged, and only housekeeping runs),
 * recover runs left by a previous process, schedule everything, and reschedule when the sources file changes
 * (a broken edit is logged and the previous sources keep running).
 */
export async function startJobs({
  db,
  logger,
  dataDir,
  env = process.env,
}: {
  db: Knex;
  logger: Logger;
  dataDir: string;
  env?: NodeJS.ProcessEnv;
}): Promise<Scheduler> {
  let sources: SourceConfig[] = [];
  try {
    const loaded = loadSources(env, dataDir);
    sources = loaded.sources;
    if (loaded.file === null) {
      logger.info({ inbox: `${dataDir}/inbox/<kind>/` }, 'no sources file: watching the demo inbox folders');
    } else {
      logger.info({ file: loaded.file, sources: sources.map((s) => s.name) }, 'sources loaded');
    }
  } catch (err) {
    logger.error({ err }, 'sources not loaded: only housekeeping jobs will run');
  }
  const effects = { ...defaultEffects(db, logger), logger: logger.child({ component: 'jobs' }) };
  await recoverStaleRuns(effects).catch((err: unknown) => logger.error({ err }, 'stale run recovery failed'));
  let notices: NoticeJobSettings = DEFAULT_NOTICE_SETTINGS;
  try {
    notices = await getNoticeSettings(db);
  } catch (err) {
    logger.error({ err }, 'notice settings not read: the monthly notice job stays off');
  }
  const scheduler = startScheduler(buildJobs(sources, notices), effects);

  const file = sourcesFilePath(env);
  const onChange = () => {
    try {
      const loaded = loadSources(env, dataDir);
      sources = loaded.sources;
      scheduler.reload(buildJobs(sources, notices));
      logger.info({ file, sources: loaded.sources.map((s) => s.name) }, 'sources reloaded');
    } catch (err) {
      logger.error({ err, file }, 'sources file changed but is invalid: keeping the previous sources');
    }
  };
  fs.watchFile(file, { interval: SOURCES_POLL_MS, persistent: false }, onChange);
  const pollNotices = setInterval(() => {
    getNoticeSettings(db).then(
      (next) => {
        if (next.autoIssue === notices.autoIssue && next.autoSchedule === notices.autoSchedule) return;
        notices = next;
        scheduler.reload(buildJobs(sources, notices));
        logger.info({ autoIssue: next.autoIssue, schedule: next.autoSchedule }, 'notice job rescheduled');
      },
      (err: unknown) => logger.warn({ err }, 'notice settings not read: the notice job keeps its schedule'),
    );
  }, NOTICE_SETTINGS_POLL_MS);
  pollNotices.unref();
  return {
    get jobs() {
      return scheduler.jobs;
    },
    runner: scheduler.runner,
    reload: (jobs) => scheduler.reload(jobs),
    async stop() {
      fs.unwatchFile(file, onChange);
      clearInterval(pollNotices);
      await scheduler.stop();
    },
  };
}
