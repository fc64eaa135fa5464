/**
 * Runs one job once, safely across instances: a PostgreSQL advisory lock (held for the whole run, released by
 * the server if this process dies) keeps two instances from running the same job at once, and the run row's
 * unique (job, tick) keeps a second instance from re-running a tick the first already finished. Every run is
 * recorded in job_run; errors are caught and recorded, never thrown at the scheduler.
 */
import os from 'node:os';
import type { Knex } from '../server/db/knex.ts';
import { tryTakeJobLock } from '../server/db/locks.ts';
import {
  claimRun,
  deleteIdleRuns,
  failStaleRuns,
  finishRun,
  jobsWithRunningRuns,
  type JobRunStatus,
  type JobTrigger,
} from '../server/repositories/job-run.repository.ts';
import type { JobDefinition, JobEffects, JobOutcome } from './job.ts';

export const STALE_RUN_MESSAGE =
  '运行中断 / interrupted: the process running this job ended before the run finished; nothing of it was committed after its last import';

export type RunResult =
  | {
      ran: true;
      runId: number;
      status: Exclude<JobRunStatus, 'running'>;
      error: string | null;
      outcome: JobOutcome;
    }
  | { ran: false; reason: 'locked' | 'tick-taken' | 'error'; error?: string };

/**
 * Tries the job's transaction-level advisory lock on a connection of its own and keeps that transaction open:
 * the lock lasts until commit, or until the connection drops (a killed process), whichever comes first.
 */
export async function tryJobLock(db: Knex, jobName: string): Promise<Knex.Transaction | null> {
  const trx = await db.transaction();
  try {
    if (await tryTakeJobLock(trx, jobName)) return trx;
    await trx.commit();
    return null;
  } catch (err) {
    await trx.rollback().catch(() => undefined);
    throw err;
  }
}

/**
 * Marks runs left "running" by dead processes as failed: for each job with such rows, if its lock is free
 * nobody is running it. Returns the ids marked.
 */
export async function recoverStaleRuns({
  db,
  clock,
  logger,
}: Pick<JobEffects, 'db' | 'clock' | 'logger'>): Promise<number[]> {
  const marked: number[] = [];
  for (const name of await jobsWithRunningRuns(db)) {
    const lock = await tryJobLock(db, name);
    if (!lock) continue;
    try {
      marked.push(
        ...(await failStaleRuns(db, name, { exceptId: null, at: clock.now(), message: STALE_RUN_MESSAGE })),
      );
    } finally {
      await lock.commit();
    }
  }
  if (marked.length) logger.warn({ runIds: marked }, 'marked runs left by a dead process as failed');
  return marked;
}

export class JobRunner {
  readonly instance: string;
  private readonly controller = new AbortController();
  private readonly inFlight = new Set<Promise<unknown>>();
  private closed = false;

  constructor(
    private readonly effects: JobEffects,
    instance?: string,
  ) {
    this.instance = instance ?? `${os.hostname()}:${process.pid}`;
  }

  /** Runs the job now (trigger manual, or the scheduled tick it serves). Never rejects. */
  run(
    job: JobDefinition,
    { trigger, tickAt = null }: { trigger: JobTrigger; tickAt?: Date | null },
  ): Promise<RunResult> {
    if (this.closed) return Promise.resolve({ ran: false, reason: 'error', error: 'shutting down' });
    const p = this.runLocked(job, trigger, tickAt);
    this.inFlight.add(p);
    void p.finally(() => this.inFlight.delete(p));
    return p;
  }

  private async runLocked(job: JobDefinition, trigger: JobTrigger, tickAt: Date | null): Promise<RunResult> {
    const { db, clock, logger } = this.effects;
    const log = logger.child({ job: job.name });
    let lock: Knex.Transaction | null;
    try {
      lock = await tryJobLock(db, job.name);
    } catch (err) {
      log.error({ err }, 'job not started: could not take its lock');
      return { ran: false, reason: 'error', error: (err as Error).message };
    }
    if (!lock) {
      log.debug({ tickAt }, 'job skipped: running elsewhere');
      return { ran: false, reason: 'locked' };
    }
    try {
      const runId = await claimRun(db, {
        jobName: job.name,
        trigger,
        tickAt,
        instance: this.instance,
        startedAt: clock.now(),
      });
      if (runId === null) {
        log.debug({ tickAt }, 'job skipped: tick already run by another instance');
        return { ran: false, reason: 'tick-taken' };
      }
      // We hold the lock, so any other "running" row of this job belongs to a process that died.
      const stale = await failStaleRuns(db, job.name, {
        exceptId: runId,
        at: clock.now(),
        message: STALE_RUN_MESSAGE,
      });
      if (stale.length) log.warn({ runIds: stale }, 'marked runs left by a dead process as failed');

      const t0 = performance.now();
      let outcome: JobOutcome;
      try {
        outcome = await job.run({
          ...this.effects,
          logger: log,
          jobName: job.name,
          runId,
          trigger,
          signal: this.controller.signal,
        });
      } catch (err) {
        log.error({ err }, 'job threw');
        outcome = { status: 'failed', error: `任务异常 / job failed: ${(err as Error).message}` };
      }
      await finishRun(db, runId, {
        status: outcome.status,
        finishedAt: clock.now(),
        durationMs: Math.round(performance.now() - t0),
        pages: outcome.pages ?? 0,
        files: outcome.files ?? 0,
        records: outcome.records ?? 0,
        inserted: outcome.inserted ?? 0,
        updated: outcome.updated ?? 0,
        unchanged: outcome.unchanged ?? 0,
        rejected: outcome.rejected ?? 0,
        unmatched: outcome.unmatched ?? 0,
        importIds: outcome.importIds ?? [],
        error: outcome.error ?? null,
        detail: outcome.idle ? { ...outcome.detail, idle: true } : (outcome.detail ?? {}),
      });
      if (outcome.idle && outcome.status === 'succeeded') {
        await deleteIdleRuns(db, job.name, runId);
        log.debug({ runId }, 'job run finished: nothing to do');
      } else {
        log.info({ runId, status: outcome.status, error: outcome.error }, 'job run finished');
      }
      return { ran: true, runId, status: outcome.status, error: outcome.error ?? null, outcome };
    } catch (err) {
      log.error({ err }, 'job run could not be recorded');
      return { ran: false, reason: 'error', error: (err as Error).message };
    } finally {
      await lock.commit().catch((err: unknown) => log.warn({ err }, 'releasing the job lock failed'));
    }
  }

  /**
   * Lets runs in flight finish for `graceMs`, then aborts them (they end failed, watermarks kept, and the next
   * run catches up) and waits at most `abortMs` more.
   */
  async close({
    graceMs = 5_000,
    abortMs = 5_000,
  }: { graceMs?: number; abortMs?: number } = {}): Promise<void> {
    const settled = () => Promise.allSettled([...this.inFlight]);
    const within = async (ms: number) => {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([settled(), new Promise((r) => (timer = setTimeout(r, ms).unref()))]);
      clearTimeout(timer);
    };
    this.closed = true;
    await within(graceMs);
    if (this.inFlight.size === 0) return;
    this.controller.abort(new Error('shutting down'));
    await within(abortMs);
  }
}
