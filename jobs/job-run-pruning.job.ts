import { pruneRuns } from '../server/repositories/job-run.repository.ts';
import { DEFAULT_TIMEZONE } from '../server/services/pulls/source.service.ts';
import type { JobDefinition } from './job.ts';

/** Finished runs are kept this long (the import ledger, which holds the data's audit, is never pruned here). */
export const JOB_RUN_RETENTION_DAYS = 180;

/** Daily at 03:30 China Standard Time: deletes job_run rows older than the retention period. */
export const jobRunPruningJob: JobDefinition = {
  name: 'job-run-pruning',
  description: `清理 ${JOB_RUN_RETENTION_DAYS} 天前的运行记录 / prune job runs older than ${JOB_RUN_RETENTION_DAYS} days`,
  schedule: '30 3 * * *',
  timezone: DEFAULT_TIMEZONE,
  enabled: true,
  async run(ctx) {
    const before = new Date(ctx.clock.now().getTime() - JOB_RUN_RETENTION_DAYS * 86_400_000);
    const deleted = await pruneRuns(ctx.db, before);
    return { status: 'succeeded', detail: { deleted, before: before.toISOString() } };
  },
};
