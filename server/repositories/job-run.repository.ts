import type { JobRun as JobRunRow, JobTrigger } from '../contracts/jobs.ts';
import type { Knex } from '../db/knex.ts';

export type { JobRun as JobRunRow, JobRunStatus, JobTrigger } from '../contracts/jobs.ts';

/** How a run ended: the run row's counts and outcome, with the times the runner measured. */
export type RunFinish = Pick<
  JobRunRow,
  'pages' | 'files' | 'records' | 'inserted' | 'updated' | 'unchanged' | 'rejected' | 'unmatched' | 'error'
> & {
  status: 'succeeded' | 'failed';
  finishedAt: Date;
  durationMs: number;
  importIds: number[];
  detail: Record<string, unknown>;
};

/**
 * Inserts the run row. For a scheduled tick, returns null when another instance already claimed the same
 * (job, tick): the unique key job_run_job_name_tick_at_uq makes "one run per tick" hold across instances.
 */
export async function claimRun(
  db: Knex,
  run: { jobName: string; trigger: JobTrigger; tickAt: Date | null; instance: string; startedAt: Date },
): Promise<number | null> {
  const rows = await db('job_run')
    .insert({
      job_name: run.jobName,
      trigger: run.trigger,
      tick_at: run.tickAt,
      instance: run.instance,
      started_at: run.startedAt,
      status: 'running',
    })
    .onConflict(['job_name', 'tick_at'])
    .ignore()
    .returning<{ id: number }[]>('id');
  return rows[0]?.id ?? null;
}

export async function finishRun(db: Knex, id: number, f: RunFinish): Promise<void> {
  await db('job_run')
    .where({ id })
    .update({
      status: f.status,
      finished_at: f.finishedAt,
      duration_ms: f.durationMs,
      pages: f.pages,
      files: f.files,
      records: f.records,
      inserted: f.inserted,
      updated: f.updated,
      unchanged: f.unchanged,
      rejected: f.rejected,
      unmatched: f.unmatched,
      import_ids: f.importIds,
      error: f.error,
      detail: JSON.stringify(f.detail),
    });
}

/**
 * Marks a job's runs still "running" as failed. Only call while holding the job's advisory lock: then no live
 * process can be running them, so they were left behind by a process that died.
 */
export async function failStaleRuns(
  db: Knex,
  jobName: string,
  { exceptId, at, message }: { exceptId: number | null; at: Date; message: string },
): Promise<number[]> {
  const q = db('job_run').where({ job_name: jobName, status: 'running' });
  if (exceptId !== null) void q.whereNot({ id: exceptId });
  const rows = await q
    .update({ status: 'failed', finished_at: at, error: message })
    .returning<{ id: number }[]>('id');
  return rows.map((r) => r.id);
}

/** Jobs that have a run row in "running" state (live or left behind). */
export async function jobsWithRunningRuns(db: Knex): Promise<string[]> {
  const rows = await db('job_run').distinct('job_name').where({ status: 'running' }).orderBy('job_name');
  return rows.map((r: { job_name: string }) => r.job_name);
}

export async function getRun(db: Knex, id: number): Promise<JobRunRow | undefined> {
  return db<JobRunRow>('job_run').where({ id }).first();
}

/** Newest first. */
export async function listRuns(
  db: Knex,
  { jobName, limit = 50 }: { jobName?: string; limit?: number } = {},
): Promise<JobRunRow[]> {
  const q = db<JobRunRow>('job_run')
    .select('*')
    .orderBy('started_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit);
  if (jobName) void q.where({ job_name: jobName });
  return q;
}

export interface JobLastRuns {
  job_name: string;
  last: JobRunRow | null;
  lastSuccessAt: Date | null;
}

/** Per job: its latest run and the end of its latest successful run. */
export async function lastRunsByJob(db: Knex): Promise<Map<string, JobLastRuns>> {
  const latest = await db<JobRunRow>('job_run')
    .distinctOn('job_name')
    .select('*')
    .orderBy([
      { column: 'job_name' },
      { column: 'started_at', order: 'desc' },
      { column: 'id', order: 'desc' },
    ]);
  const successes = await db('job_run')
    .select('job_name')
    .max({ at: 'finished_at' })
    .where({ status: 'succeeded' })
    .groupBy('job_name');
  const byJob = new Map<string, JobLastRuns>();
  for (const run of latest)
    byJob.set(run.job_name, { job_name: run.job_name, last: run, lastSuccessAt: null });
  for (const s of successes as { job_name: string; at: Date | null }[]) {
    const entry = byJob.get(s.job_name);
    if (entry) entry.lastSuccessAt = s.at;
  }
  return byJob;
}

/** Deletes a job's earlier idle runs (succeeded, detail.idle), keeping `keepId`. */
export async function deleteIdleRuns(db: Knex, jobName: string, keepId: number): Promise<number> {
  return db('job_run')
    .where({ job_name: jobName, status: 'succeeded' })
    .whereNot({ id: keepId })
    .whereRaw("(detail->>'idle')::boolean")
    .delete();
}

/** Deletes finished runs older than `before`; running rows are kept whatever their age. */
export async function pruneRuns(db: Knex, before: Date): Promise<number> {
  return db('job_run').where('started_at', '<', before).whereNot({ status: 'running' }).delete();
}

/** Rows read by these imports (their ledger rows' rows_total): a folder run's "records". */
export async function importedRowCount(db: Knex, importIds: number[]): Promise<number> {
  if (importIds.length === 0) return 0;
  const row = await db('import_ledger')
    .whereIn('id', importIds)
    .sum<{ n: number | null }[]>({ n: 'rows_total' })
    .first();
  return row?.n ?? 0;
}
