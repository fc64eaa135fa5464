import { cstToday } from '../server/metrics/dates.ts';
import { DEFAULT_TIMEZONE } from '../server/services/pulls/source.service.ts';
import {
  getSettings,
  issuedForPeriod,
  issueNotice,
  previousPeriod,
  type NoticeSettings,
} from '../server/services/notices/notice.service.ts';
import { resolvePeriod } from '../server/metrics/period.ts';
import type { JobDefinition } from './job.ts';

/** The job's name (a contract: `job run notice-monthly`, the run table) and who its notices say issued them. */
export const NOTICE_JOB_NAME = 'notice-monthly';
export const NOTICE_JOB_ISSUER = `job:${NOTICE_JOB_NAME}`;

/**
 * 每月自动通报 (DESIGN.md §8, README "Notices"): on its schedule (default 08:00 on the 5th, CST) issues the
 * previous calendar month's notice — the county notice and one per unit, delivered to every unit. Off unless the
 * notice settings switch it on (`autoIssue`); the scheduler reads them, and a tick re-reads them so a job switched
 * off on another instance does nothing. A manual run (`job run notice-monthly`, 立即运行) issues even when off.
 *
 * Idempotent: a month that already has a notice of exactly that period (issued by this job or by hand) is not
 * issued again, so a re-run, a second instance or an analyst's earlier notice never sends units a second copy.
 * The per-job advisory lock (jobs/runner.ts) keeps two runs from checking at once.
 */
export function noticeMonthlyJob(
  settings: Pick<NoticeSettings, 'autoIssue' | 'autoSchedule'>,
): JobDefinition {
  return {
    name: NOTICE_JOB_NAME,
    description: '每月自动发布上月通报 / issue last month’s notice',
    schedule: settings.autoSchedule,
    timezone: DEFAULT_TIMEZONE,
    enabled: settings.autoIssue,
    async run(ctx) {
      const now = ctx.clock.now();
      if (ctx.trigger === 'schedule' && !(await getSettings(ctx.db)).autoIssue) {
        return { status: 'succeeded', idle: true, detail: { skipped: 'off' } };
      }
      const req = { ...previousPeriod('month', cstToday(now)), units: 'all' as const };
      const period = resolvePeriod(req, cstToday(now));
      const [existing] = await issuedForPeriod(ctx.db, period);
      if (existing) {
        return {
          status: 'succeeded',
          detail: { period: { from: period.from, to: period.to }, skipped: 'issued', notice: existing },
        };
      }
      const model = await issueNotice({ db: ctx.db, clock: () => ctx.clock.now() }, req, {
        actor: null,
        ip: 'job',
        by: NOTICE_JOB_ISSUER,
      });
      ctx.logger.info({ notice: model.id, docNumber: model.docNumber }, 'monthly notice issued');
      return {
        status: 'succeeded',
        detail: {
          period: { from: period.from, to: period.to },
          notice: { id: model.id, docNumber: model.docNumber, units: model.units.length },
        },
      };
    },
  };
}
