/**
 * The shape of a job (Ghost-style declarations): `{ name, schedule, run(ctx) }`. The name is a stable contract
 * (CLI `job run <name>`, the run table, advisory-lock keys); a pull's name is `pull:<source name>`.
 */
import type { Knex } from '../server/db/knex.ts';
import type { Logger } from '../server/logger.ts';
import type { JobTrigger } from '../server/repositories/job-run.repository.ts';
import type { Clock, ImportCounts, ImportFile } from '../server/services/pulls/pull.service.ts';
import type { SourceConfig } from '../server/services/pulls/source.service.ts';

/** Everything effectful a job may use; tests pass a pinned clock and a real local HTTP server's fetch. */
export interface JobEffects {
  db: Knex;
  clock: Clock;
  logger: Logger;
  fetch: typeof fetch;
  env: Record<string, string | undefined>;
  importFile: ImportFile;
  random?: () => number;
}

export interface JobContext extends JobEffects {
  jobName: string;
  runId: number;
  trigger: JobTrigger;
  /** Aborted when the server shuts down: long pulls stop early (and fail, keeping the watermark). */
  signal: AbortSignal;
}

export interface JobOutcome extends Partial<ImportCounts> {
  status: 'succeeded' | 'failed';
  error?: string;
  pages?: number;
  files?: number;
  records?: number;
  importIds?: number[];
  detail?: Record<string, unknown>;
  /**
   * Nothing to do (an empty inbox folder). A frequent poll would bury real runs in the history, so the runner
   * keeps only the latest idle run of a job.
   */
  idle?: boolean;
}

export interface JobDefinition {
  name: string;
  description: string;
  /** node-cron syntax (5 or 6 fields), read in `timezone`. */
  schedule: string;
  timezone: string;
  enabled: boolean;
  /** Set for pulls: the source the job fetches. */
  source?: SourceConfig;
  run(ctx: JobContext): Promise<JobOutcome>;
}
