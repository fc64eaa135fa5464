import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildJobs, isValidSchedule, nextRuns } from '../../jobs/index.ts';
import { demoInboxSources } from '../../server/services/pulls/source.service.ts';
import { describeSchedule, firesWithinAMinute } from '../../web/src/lib/cron-text.ts';
import { formatDateTime } from '../../web/src/lib/format.ts';

/** Every schedule this project ships: the jobs of `npm start` (housekeeping + demo inbox) and the example sources. */
const example = JSON.parse(fs.readFileSync('config/sources.example.json', 'utf8')) as {
  sources: { schedule: string }[];
};
const shipped = [
  ...new Set([
    ...buildJobs(demoInboxSources('/d')).map((j) => j.schedule),
    ...example.sources.map((s) => s.schedule),
  ]),
];

describe('a cron expression in words (the data page, issue #21 item 10)', () => {
  it('says every schedule the project ships, in Chinese and English', () => {
    const said: Record<string, [string, string]> = {
      '*/15 * * * * *': ['每15秒', 'every 15 seconds'],
      '*/5 * * * *': ['每5分钟', 'every 5 minutes'],
      '*/10 * * * *': ['每10分钟', 'every 10 minutes'],
      '30 3 * * *': ['每天03:30', 'daily at 03:30'],
      '0 15 * * * *': ['每小时第15分', 'hourly at :15'],
      '0 30 6 * * *': ['每天06:30', 'daily at 06:30'],
      '0 8 5 * *': ['每月5日 08:00', 'monthly on day 5 at 08:00'],
    };
    // A schedule added to the project without an expected wording here fails this test.
    expect(shipped.toSorted()).toEqual(Object.keys(said).toSorted());
    for (const [schedule, [zh, en]] of Object.entries(said)) {
      expect(describeSchedule(schedule, 'zh'), schedule).toBe(zh);
      expect(describeSchedule(schedule, 'en'), schedule).toBe(en);
    }
  });

  it.each([
    ['* * * * * *', '每秒', 'every second'],
    ['*/1 * * * *', '每分钟', 'every minute'],
    ['* * * * *', '每分钟', 'every minute'],
    ['0 */30 * * * *', '每30分钟', 'every 30 minutes'],
    ['0 * * * *', '每小时整点', 'every hour, on the hour'],
    ['@hourly', '每小时整点', 'every hour, on the hour'],
    ['5 * * * *', '每小时第5分', 'hourly at :05'],
    ['0 */6 * * *', '每6小时', 'every 6 hours'],
    ['20 */2 * * *', '每2小时的第20分', 'every 2 hours at :20'],
    ['0 3 * * *', '每天03:00', 'daily at 03:00'],
    ['@daily', '每天00:00', 'daily at 00:00'],
    ['0  2   *  * *', '每天02:00', 'daily at 02:00'],
    ['45 30 6 * * *', '每天06:30:45', 'daily at 06:30:45'],
    ['0 9 * * 1', '每周一 09:00', 'weekly on Monday at 09:00'],
    ['0 9 * * MON', '每周一 09:00', 'weekly on Monday at 09:00'],
    ['0 18 * * 0', '每周日 18:00', 'weekly on Sunday at 18:00'],
    ['0 18 * * 7', '每周日 18:00', 'weekly on Sunday at 18:00'],
    ['30 8 * * 1-5', '每周一至周五 08:30', 'Monday to Friday at 08:30'],
    ['0 3 1 * *', '每月1日 03:00', 'monthly on day 1 at 03:00'],
    ['0 0 15 * *', '每月15日 00:00', 'monthly on day 15 at 00:00'],
  ])('%s → %s / %s', (schedule, zh, en) => {
    expect(isValidSchedule(schedule)).toBe(true);
    expect(describeSchedule(schedule, 'zh')).toBe(zh);
    expect(describeSchedule(schedule, 'en')).toBe(en);
  });

  it.each([
    // Not said exactly in a few words: shown as written.
    '*/7 * * * * *', // 0, 7, …, 56, then 0 again: not "every 7 seconds"
    '*/5 * * * 1-5', // weekdays only
    '0 */5 * * *', // hours 0, 5, …, 20, then 0: not "every 5 hours"
    '15 */30 * * * *', // second 15 of every half hour
    '* */5 * * * *', // every second of every fifth minute
    '0 * */2 * * *', // every minute of every second hour
    '0 9 * * 1,3,5', // lists
    '5/15 * * * *', // offsets
    '0 9-17 * * *', // hour ranges
    '0 0 1 1 *', // a restricted month
    '@yearly',
    '0 3 1 * 1', // day of month and day of week together (cron ORs them)
    '0 3 L * *',
    'every five minutes',
    '0 99 * * *',
    '',
  ])('%j falls back to the raw string', (schedule) => {
    expect(describeSchedule(schedule, 'zh')).toBe(schedule);
    expect(describeSchedule(schedule, 'en')).toBe(schedule);
  });
});

describe('the last and next run of a poll that fires several times a minute', () => {
  it('regression: 下次运行 read the same as 上次运行 for the 15-second inbox poll (times shown to the minute)', () => {
    const inbox = buildJobs(demoInboxSources('/d')).find((j) => j.name === 'pull:inbox-litigation')!;
    expect(firesWithinAMinute(inbox.schedule)).toBe(true);
    // Five consecutive firings: each pair is a run that just happened and the next one the table shows.
    const runs = nextRuns(inbox.schedule, inbox.timezone, 5);
    for (let i = 1; i < runs.length; i++) {
      const [last, next] = [runs[i - 1]!, runs[i]!];
      expect(next.getTime()).toBeGreaterThan(last.getTime());
      for (const l of ['zh', 'en'] as const) {
        const shown = (d: Date) =>
          formatDateTime(d.toISOString(), l, { seconds: firesWithinAMinute(inbox.schedule) });
        expect(shown(next)).not.toBe(shown(last));
      }
    }
    expect(formatDateTime('2026-12-07T10:07:15.000Z', 'zh', { seconds: true })).toBe(
      '2026年12月7日 18:07:15',
    );
    expect(formatDateTime('2026-12-07T10:07:15.000Z', 'en', { seconds: true })).toBe(
      '2026-12-07 18:07:15 CST',
    );
  });

  it('keeps minutes for schedules that fire at most once a minute', () => {
    for (const s of ['*/5 * * * *', '30 3 * * *', '0 15 * * * *', '0 30 6 * * *']) {
      expect(firesWithinAMinute(s), s).toBe(false);
    }
    expect(firesWithinAMinute('* * * * * *')).toBe(true);
  });

  it('gives the next run strictly after now, never the second that is running', () => {
    const before = Date.now();
    for (const s of ['*/15 * * * * *', '* * * * * *', '*/5 * * * *']) {
      const [next] = nextRuns(s, 'Asia/Shanghai');
      expect(next!.getTime(), s).toBeGreaterThan(before);
      expect(next!.getTime() % 1000).toBe(0);
    }
  });
});
