import { DEFAULT_TIMEZONE } from '../server/services/pulls/source.service.ts';
import type { JobDefinition } from './job.ts';
import { recoverStaleRuns } from './runner.ts';

/**
 * Every 5 minutes: runs left "running" by a process that died (SIGKILL, power cut) are marked failed. A run of
 * the same job also does this for its own job when it starts, so this only matters for jobs that run rarely.
 */
export const staleRunRecoveryJob: JobDefinition = {
  name: 'stale-run-recovery',
  description: '标记中断的运行 / mark runs left by dead processes as failed',
  schedule: '*/5 * * * *',
  timezone: DEFAULT_TIMEZONE,
  enabled: true,
  async run(ctx) {
    const marked = await recoverStaleRuns(ctx);
    return { status: 'succeeded', idle: marked.length === 0, detail: { marked } };
  },
};
