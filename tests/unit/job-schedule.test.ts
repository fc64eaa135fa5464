import { describe, expect, it } from 'vitest';
import { buildJobs, isValidSchedule, nextRuns } from '../../jobs/index.ts';
import { demoInboxSources } from '../../server/services/pulls/source.service.ts';

describe('job schedules', () => {
  it('fires a daily 03:30 Asia/Shanghai job at 19:30 UTC', () => {
    const [next] = nextRuns('30 3 * * *', 'Asia/Shanghai');
    expect(next?.getUTCHours()).toBe(19);
    expect(next?.getUTCMinutes()).toBe(30);
  });

  it('gives consecutive runs one interval apart', () => {
    const [a, b] = nextRuns('*/15 * * * * *', 'Asia/Shanghai', 2);
    expect(b!.getTime() - a!.getTime()).toBe(15_000);
  });

  it('validates expressions', () => {
    expect(isValidSchedule('*/5 * * * *')).toBe(true);
    expect(isValidSchedule('every five minutes')).toBe(false);
  });

  it('names every pull after its source and keeps housekeeping names stable', () => {
    const names = buildJobs(demoInboxSources('/d')).map((j) => j.name);
    expect(names).toEqual([
      'stale-run-recovery',
      'job-run-pruning',
      'rollup-check',
      'pull:inbox-units',
      'pull:inbox-litigation',
      'pull:inbox-reconsideration',
      'pull:inbox-prelitigation',
    ]);
    for (const job of buildJobs(demoInboxSources('/d'))) expect(isValidSchedule(job.schedule)).toBe(true);
  });
});
