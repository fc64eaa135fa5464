/**
 * Contract of the jobs API (GET /api/jobs, GET /api/jobs/:name/runs, POST /api/jobs/:name/run). Routes and
 * web/src/lib/api import this file; the web with `import type` only (see ./index.ts).
 */
import { z } from 'zod';
import type { ImportKind } from './import.ts';

export type JobTrigger = 'schedule' | 'manual';
export type JobRunStatus = 'running' | 'succeeded' | 'failed';

/** One run of a job, as the job_run table holds it. */
export interface JobRun {
  id: number;
  job_name: string;
  trigger: JobTrigger;
  tick_at: Date | null;
  status: JobRunStatus;
  instance: string;
  started_at: Date;
  finished_at: Date | null;
  duration_ms: number | null;
  pages: number;
  files: number;
  records: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  unmatched: number;
  import_ids: number[];
  error: string | null;
  detail: Record<string, unknown>;
}

/** A job with its last run, next run and staleness (`job list`, GET /api/jobs, the data page). */
export interface JobStatus {
  name: string;
  description: string;
  kind: 'pull' | 'housekeeping';
  source: { name: string; kind: ImportKind; type: 'http' | 'folder' } | null;
  schedule: string;
  timezone: string;
  enabled: boolean;
  nextRunAt: Date | null;
  lastRun: JobRun | null;
  lastSuccessAt: Date | null;
  /**
   * An enabled pull that has not succeeded within twice its expected interval (plus five minutes of grace for
   * start-up jitter and slow sources), or that has run but never succeeded.
   */
  stale: boolean;
}

export const jobNameParams = z.object({ name: z.string().min(1).max(100) });
/** GET /api/jobs/:name/runs?limit */
export const jobRunsQuery = z.object({ limit: z.coerce.number().int().min(1).max(500).default(50) });

export interface JobsResponse {
  jobs: JobStatus[];
  /** The data-as-of time (see ./data-as-of.ts); null when nothing was ever imported. */
  dataAsOf: Date | null;
}
export interface JobRunsResponse {
  runs: JobRun[];
}
export interface JobRunResponse {
  run: JobRun;
}
