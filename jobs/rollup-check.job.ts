import { refreshRollups, staleFamilies } from '../server/repositories/rollup.repository.ts';
import { DEFAULT_TIMEZONE } from '../server/services/pulls/source.service.ts';
import type { JobDefinition } from './job.ts';

/**
 * Every 10 minutes: rolls up any months the raw tables marked dirty that no import refreshed (a write outside
 * the import pipeline, an import interrupted between its commit and its refresh). Readers fall back to raw rows
 * for a stale family meanwhile, so this keeps dashboards fast rather than correct.
 */
export const rollupCheckJob: JobDefinition = {
  name: 'rollup-check',
  description: '补算未更新的汇总 / roll up months left dirty',
  schedule: '*/10 * * * *',
  timezone: DEFAULT_TIMEZONE,
  enabled: true,
  async run(ctx) {
    const stale = [...(await staleFamilies(ctx.db))];
    if (stale.length === 0) return { status: 'succeeded', idle: true, detail: { refreshed: [] } };
    await refreshRollups(ctx.db, { kinds: stale });
    return { status: 'succeeded', detail: { refreshed: stale } };
  },
};
