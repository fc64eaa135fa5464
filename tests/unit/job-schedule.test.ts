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
      'notice-monthly',
      'pull:inbox-units',
      'pull:inbox-litigation',
      'pull:inbox-reconsideration',
      'pull:inbox-prelitigation',
    ]);
    for (const job of buildJobs(demoInboxSources('/d'))) expect(isValidSchedule(job.schedule)).toBe(true);
  });

  it('schedules the monthly notice only when its settings switch it on (off by default, 08:00 on the 5th)', () => {
    const off = buildJobs([]).find((j) => j.name === 'notice-monthly')!;
    expect(off).toMatchObject({ enabled: false, schedule: '0 8 5 * *', timezone: 'Asia/Shanghai' });
    const on = buildJobs([], { autoIssue: true, autoSchedule: '30 9 6 * *' }).find(
      (j) => j.name === 'notice-monthly',
    )!;
    expect(on).toMatchObject({ enabled: true, schedule: '30 9 6 * *' });
    expect(nextRuns(on.schedule, on.timezone)[0]!.getUTCDate()).toBe(6);
  });
});
