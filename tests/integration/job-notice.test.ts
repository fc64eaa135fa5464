/**
 * The monthly notice job (jobs/notice-monthly.job.ts) on the demo county with a pinned clock: off by default, on
 * through the notice settings, issues last month's notice to every unit once, and never again for that month.
 */
import { describe, expect, it } from 'vitest';
import { isValidSchedule, loadJobs } from '../../jobs/index.ts';
import { NOTICE_JOB_ISSUER, NOTICE_JOB_NAME } from '../../jobs/notice-monthly.job.ts';
import { JobRunner } from '../../jobs/runner.ts';
import { getRun } from '../../server/repositories/job-run.repository.ts';
import { listMetricUnits } from '../../server/repositories/metric.repository.ts';
import { audit } from '../../server/services/audit/audit.service.ts';
import { seedDemoCounty } from '../../server/services/demo/demo-seed.service.ts';
import {
  deliveryStatus,
  getNotice,
  issueNotice,
  listIssued,
  updateSettings,
} from '../../server/services/notices/notice.service.ts';
import { createTestDatabase } from '../support/database.ts';
import { DEMO_AS_OF } from '../support/demo.ts';
import { TestClock, effects } from './pull-support.ts';

const { knex } = await createTestDatabase();
await seedDemoCounty(knex, { asOf: DEMO_AS_OF });
// 08:00 CST on 5 December 2025: the tick that issues November's notice.
const clock = new TestClock(new Date('2025-12-05T00:00:00Z'));
const cli = { actor: null, ip: null };
const job = async () => (await loadJobs(knex, [])).find((j) => j.name === NOTICE_JOB_NAME)!;
const run = async (trigger: 'schedule' | 'manual', tickAt: Date | null = null) => {
  const result = await new JobRunner(effects(knex, clock)).run(await job(), { trigger, tickAt });
  expect(result.ran, JSON.stringify(result)).toBe(true);
  return getRun(knex, (result as { runId: number }).runId);
};

describe('notice-monthly job', () => {
  it('is off by default: a scheduled tick issues nothing', async () => {
    expect((await job()).enabled).toBe(false);
    const r = await run('schedule', new Date('2025-11-05T00:00:00Z'));
    expect(r).toMatchObject({ status: 'succeeded', detail: { skipped: 'off', idle: true } });
    expect(await listIssued(knex, null)).toEqual([]);
  });

  it('switched on in the settings, issues the previous month to every unit once', async () => {
    await updateSettings(knex, { autoIssue: true, autoSchedule: '0 8 5 * *' }, cli);
    expect(await job()).toMatchObject({ enabled: true, schedule: '0 8 5 * *' });

    const first = await run('schedule', new Date('2025-12-05T00:00:00Z'));
    expect(first?.status).toBe('succeeded');
    const issued = first!.detail as { period: unknown; notice: { id: string; units: number } };
    expect(issued.period).toEqual({ from: '2025-11-01', to: '2025-11-30' });
    const model = await getNotice(knex, null, issued.notice.id);
    expect(model).toMatchObject({
      period: { from: '2025-11-01', to: '2025-11-30', preset: 'month' },
      periodName: '2025年11月',
      issuedBy: NOTICE_JOB_ISSUER,
      docNumber: '示例府院办〔2025〕1号',
    });
    const all = await listMetricUnits(knex);
    expect(issued.notice.units).toBe(all.length);
    expect((await deliveryStatus(knex, null, model.id)).map((d) => d.unit.code)).toEqual(
      all.map((u) => u.code).sort(),
    );
    const events = await audit.list(knex, { action: 'notice.issue' });
    expect(events[0]).toMatchObject({ actor_username: NOTICE_JOB_ISSUER, target: model.id });

    // Re-run the same day (a retry, another instance's tick, 立即运行): the month is not issued again.
    clock.advance(60 * 60_000);
    const again = await run('manual');
    expect(again?.detail).toMatchObject({ skipped: 'issued', notice: { id: model.id } });
    expect(await listIssued(knex, null)).toHaveLength(1);
  });

  it('leaves a month already issued by hand alone, and takes the next month on the next 5th', async () => {
    clock.current = new Date('2026-01-02T02:00:00Z');
    const byHand = await issueNotice(
      { db: knex, clock: () => clock.now() },
      { preset: 'month', year: 2025, month: 12, units: ['A01'] },
      { actor: null, ip: null },
    );
    clock.current = new Date('2026-01-05T00:00:00Z');
    const r = await run('schedule', clock.now());
    expect(r?.detail).toMatchObject({ skipped: 'issued', notice: { id: byHand.id, issuedBy: 'cli' } });

    clock.current = new Date('2026-02-05T00:00:00Z');
    const feb = await run('schedule', clock.now());
    const id = (feb!.detail as { notice: { id: string } }).notice.id;
    expect((await getNotice(knex, null, id)).period).toMatchObject({ from: '2026-01-01', to: '2026-01-31' });
    // The year's running number goes on from the notice issued by hand.
    expect((await getNotice(knex, null, id)).docNumber).toBe('示例府院办〔2026〕2号');
  });

  it('switched off again, a scheduled tick does nothing even with a stale schedule in memory', async () => {
    const scheduled = await job(); // as an instance that has not polled the settings yet holds it
    await updateSettings(knex, { autoIssue: false }, cli);
    clock.current = new Date('2026-03-05T00:00:00Z');
    const result = await new JobRunner(effects(knex, clock)).run(scheduled, {
      trigger: 'schedule',
      tickAt: clock.now(),
    });
    const r = await getRun(knex, (result as { runId: number }).runId);
    expect(r?.detail).toMatchObject({ skipped: 'off' });
    expect((await listIssued(knex, null)).filter((n) => n.periodFrom === '2026-02-01')).toEqual([]);
    expect((await job()).enabled).toBe(false);
  });

  it('refuses a schedule the scheduler cannot read', async () => {
    await expect(
      updateSettings(knex, { autoSchedule: 'on the fifth' }, cli, { isValidSchedule }),
    ).rejects.toThrow(/cron/);
  });
});
