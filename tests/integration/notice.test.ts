import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { NOTICE_ID, type NoticeModel } from '../../server/contracts/notice.ts';
import { renderNoticeDocx } from '../../server/exports/notice-docx.ts';
import { listMetricUnits } from '../../server/repositories/metric.repository.ts';
import { setAccessSetting } from '../../server/repositories/user.repository.ts';
import { audit } from '../../server/services/audit/audit.service.ts';
import type { Actor } from '../../server/services/auth/access.ts';
import { seedDemoCounty } from '../../server/services/demo/demo-seed.service.ts';
import { computeMetrics } from '../../server/services/metrics/metrics.service.ts';
import {
  deliveryStatus,
  downloadAll,
  downloadNotice,
  getNotice,
  inbox,
  issueNotice,
  NoticeNotFoundError,
  NoticeRequestError,
  resendNotice,
  signNotice,
  updateSettings,
} from '../../server/services/notices/notice.service.ts';
import { createTestDatabase } from '../support/database.ts';
import { DEMO_AS_OF } from '../support/demo.ts';

const { knex } = await createTestDatabase();
await seedDemoCounty(knex, { asOf: DEMO_AS_OF });
let now = new Date('2026-01-05T01:00:00Z');
const deps = { db: knex, clock: () => now };
const cli = { actor: null, ip: null };
const period = { preset: 'quarter' as const, year: 2025, quarter: 4 };
const units = await listMetricUnits(knex);
const unitActor = (code: string, username = `u-${code.toLowerCase()}`): Actor => {
  const u = units.find((x) => x.code === code)!;
  return {
    userId: 1,
    username,
    role: 'unit',
    unitId: u.id,
    unitCode: u.code,
    recordKind: null,
    countyVisible: false,
  };
};
const n = (v: unknown) => (typeof v === 'number' ? v : 0);

// A loss of the period, picked as a typical case the way an analyst picks it from the case list.
const picked = await knex('litigation_case')
  .where('instance', '一审')
  .whereBetween('closed_on', ['2025-10-01', '2025-12-31'])
  .where('closing', '判决')
  .orderBy('case_no')
  .first<{ case_no: string }>('case_no');

const notice = await issueNotice(
  deps,
  {
    ...period,
    typicalCases: [
      { caseNo: picked.case_no, text: '该案因行政处罚程序违法被判决撤销，暴露出执法程序不规范问题。' },
    ],
    nextSteps: '一是压实出庭应诉责任。\n二是加强败诉案件分析研判。',
  },
  cli,
);
const docXml = async (bytes: Buffer) =>
  (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string');

describe('issuing a notice (通报)', () => {
  it('freezes the figures under an id and the first 文号 of the year, with one delivery per unit', async () => {
    expect(notice.id).toMatch(NOTICE_ID);
    expect(notice.id.startsWith('N20251231-')).toBe(true);
    expect(notice.docNumber).toBe('示例府院办〔2026〕1号');
    expect(notice.period).toMatchObject({ from: '2025-10-01', to: '2025-12-31', preset: 'quarter' });
    expect(notice.units.map((u) => u.unit.code)).toEqual(units.map((u) => u.code));
    const status = await deliveryStatus(knex, null, notice.id);
    expect(status).toHaveLength(units.length);
    expect(status.every((d) => d.deliveredAt === now.toISOString() && !d.readAt && !d.signedAt)).toBe(true);
    expect(notice.county.typicalCases[0]).toMatchObject({ caseNo: picked.case_no });
    expect(notice.county.typicalCases[0]!.unitName).not.toBe('—');
    expect(notice.county.nextSteps).toEqual(['一是压实出庭应诉责任。', '二是加强败诉案件分析研判。']);
    const events = await audit.list(knex, { action: 'notice.issue' });
    expect(events.map((e) => e.target)).toContain(notice.id);
  });

  it("states the county's figures as the metric table does", async () => {
    const total = await computeMetrics(deps, { ...period, by: 'total' });
    expect(notice.county.figures.lit_filed).toBe(total.total.lit_filed);
    expect(notice.county.figures.lit_loss_rate).toBe(total.total.lit_loss_rate);
    expect(notice.county.kpis.find((k) => k.id === 'lit_filed')?.value).toBe(`${n(total.total.lit_filed)}件`);
  });

  it('gives each unit its own row and exactly the cases behind its 败诉 and its missed hearings', () => {
    let losses = 0;
    for (const u of notice.units) {
      expect(u.figures.unit_code).toBe(u.unit.code);
      expect(u.losses).toHaveLength(n(u.figures.lit_losses));
      expect(u.absences).toHaveLength(n(u.figures.lit_hearings) - n(u.figures.lit_head_appearances));
      // Ranks are the county's: unit users may not see them by default, so neither does their notice.
      expect(u.rank).toBeNull();
      expect(u.figures.rank_in_kind ?? null).toBeNull();
      expect(u.rectification.at(-1)).toMatch(/15个工作日内/);
      losses += u.losses.length;
    }
    expect(losses).toBeGreaterThan(0);
  });

  it('numbers the next notice of the year 2号 and takes the prefix from the settings', async () => {
    await updateSettings(knex, { docPrefix: '测试府院办' }, cli);
    const second = await issueNotice(deps, { ...period, units: ['A01', 'T01'] }, cli);
    expect(second.docNumber).toBe('测试府院办〔2026〕2号');
    expect(second.units.map((u) => u.unit.code)).toEqual(['A01', 'T01']);
    expect((await deliveryStatus(knex, null, second.id)).map((d) => d.unit.code)).toEqual(['A01', 'T01']);
    await updateSettings(knex, { docPrefix: '示例府院办' }, cli);
  });

  it('ranks a unit in its notice when the settings let unit users see rankings', async () => {
    await setAccessSetting(knex, 'unit_users_see_county', true, 'test');
    const ranked = await issueNotice(deps, period, cli);
    await setAccessSetting(knex, 'unit_users_see_county', false, 'test');
    const withRank = ranked.units.filter((u) => u.rank !== null);
    expect(withRank.length).toBeGreaterThan(0);
    for (const u of withRank) expect(u.rank).toContain(`排名第${n(u.figures.rank_in_kind)}位`);
  });

  it('refuses an unknown unit or case number', async () => {
    await expect(issueNotice(deps, { ...period, units: ['Z99'] }, cli)).rejects.toThrow(NoticeRequestError);
    await expect(
      issueNotice(deps, { ...period, typicalCases: [{ caseNo: '(2099)无此案号', text: '—' }] }, cli),
    ).rejects.toThrow(NoticeRequestError);
  });
});

describe('delivery and sign-off', () => {
  it('shows a unit user only their own notices, and another unit’s as not found', async () => {
    const a01 = unitActor('A01');
    const box = await inbox(knex, a01);
    expect(box.deliveries.length).toBeGreaterThan(0);
    expect(box.deliveries.every((d) => d.unit.code === 'A01')).toBe(true);
    expect(box.unread).toBe(box.deliveries.length);
    const origin = { actor: a01, ip: '127.0.0.1' };
    await expect(downloadNotice(deps, origin, notice.id, { unit: 'T01' }, 'docx')).rejects.toThrow(
      NoticeNotFoundError,
    );
    await expect(downloadNotice(deps, origin, notice.id, 'county', 'docx')).rejects.toThrow(
      NoticeNotFoundError,
    );
    await expect(getNotice(knex, a01, notice.id)).rejects.toThrow();
  });

  it('marks the first read, and signs once however often the unit signs', async () => {
    const a01 = unitActor('A01', 'p-unit-a01');
    const origin = { actor: a01, ip: '127.0.0.1' };
    now = new Date('2026-01-06T02:00:00Z');
    const file = await downloadNotice(deps, origin, notice.id, { unit: 'A01' }, 'docx');
    expect(file.name).toMatch(/^示例府院办〔2026〕1号-.+\.docx$/);
    now = new Date('2026-01-06T03:00:00Z');
    const first = await signNotice(deps, origin, notice.id);
    now = new Date('2026-01-07T03:00:00Z');
    const again = await signNotice(deps, origin, notice.id);
    expect(again).toEqual(first);
    expect(first).toMatchObject({
      readAt: '2026-01-06T02:00:00.000Z',
      readBy: 'p-unit-a01',
      signedAt: '2026-01-06T03:00:00.000Z',
      signedBy: 'p-unit-a01',
    });
    const signs = await audit.list(knex, { action: 'notice.sign', target: notice.id });
    expect(signs).toHaveLength(1);
    expect(await audit.list(knex, { action: 'notice.read', target: notice.id })).toHaveLength(1);
    expect((await inbox(knex, a01)).unread).toBe((await inbox(knex, a01)).deliveries.length - 1);
    await expect(
      signNotice(deps, { actor: unitActor('A01'), ip: null }, 'N20251231-00000000'),
    ).rejects.toThrow(NoticeNotFoundError);
  });

  it('re-sends to the units that have not signed', async () => {
    const after = await resendNotice(deps, cli, notice.id);
    const a01 = after.find((d) => d.unit.code === 'A01')!;
    const t01 = after.find((d) => d.unit.code === 'T01')!;
    expect(a01.sends).toBe(1);
    expect(t01.sends).toBe(2);
    expect(t01.deliveredAt).toBe(now.toISOString());
  });

  it('zips every part of the notice for the bureau', async () => {
    const all = await downloadAll(deps, cli, notice.id);
    const zip = await JSZip.loadAsync(all.bytes);
    const names = Object.keys(zip.files);
    expect(names).toHaveLength(1 + units.length);
    expect(names).toContain('示例府院办〔2026〕1号-全县通报.docx');
  });
});

describe('a frozen notice', () => {
  it('regenerates identical document XML after new imports', async () => {
    const before = await docXml(await renderNoticeDocx(notice, 'county'));
    const unitBefore = await docXml(await renderNoticeDocx(notice, { unit: 'A01' }));
    const [a01] = await knex('unit').where('code', 'A01').select('id');
    const [c] = await knex('litigation_case')
      .insert({
        case_no: '(2025)示1321行初9999号',
        instance: '一审',
        filed_on: '2025-11-02',
        closed_on: '2025-12-20',
        closing: '判决',
        judgment: '撤销',
        defendants_raw: '县公安局',
        hearing_held: true,
        head_appeared: false,
      })
      .returning('id');
    await knex('litigation_defendant').insert({
      case_id: c.id,
      unit_id: a01.id,
      position: 1,
      name_raw: '县公安局',
    });
    const stored: NoticeModel = await getNotice(knex, null, notice.id);
    expect(stored).toEqual(notice);
    expect(await docXml(await renderNoticeDocx(stored, 'county'))).toBe(before);
    expect(await docXml(await renderNoticeDocx(stored, { unit: 'A01' }))).toBe(unitBefore);
    // …while a notice issued now counts the new case.
    const fresh = await issueNotice(deps, { ...period, units: ['A01'] }, cli);
    expect(n(fresh.units[0]!.figures.lit_losses)).toBe(
      n(notice.units.find((u) => u.unit.code === 'A01')!.figures.lit_losses) + 1,
    );
  });

  it('writes the county and one unit notice for a person to look at (tests/output/notices/)', async () => {
    const dir = path.join(import.meta.dirname, '..', 'output', 'notices');
    fs.mkdirSync(dir, { recursive: true });
    const busiest = [...notice.units].sort(
      (a, b) => b.losses.length + b.absences.length - (a.losses.length + a.absences.length),
    )[0]!;
    fs.writeFileSync(path.join(dir, 'county.docx'), await renderNoticeDocx(notice, 'county'));
    fs.writeFileSync(
      path.join(dir, `${busiest.unit.code}.docx`),
      await renderNoticeDocx(notice, { unit: busiest.unit.code }),
    );
    expect(fs.existsSync(path.join(dir, 'county.docx'))).toBe(true);
  });
});
