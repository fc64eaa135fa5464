/**
 * Every metric on a small hand-built county, with the answers worked out by hand below (not by the SQL under
 * test). The fixture covers co-defendants, the reconsideration organ as co-defendant, a case filed in one year
 * and closed in the next, a pending case, an appeal (二审), 29 February and the last day of the year.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { MetricRow } from '../../server/contracts/metrics.ts';
import { refreshRollups } from '../../server/repositories/rollup.repository.ts';
import { computeMetrics, type MetricsQuery } from '../../server/services/metrics/metrics.service.ts';
import { createTestDatabase } from '../support/database.ts';

const { knex } = await createTestDatabase();
const clock = () => new Date('2025-06-01T00:00:00Z');
const ids = new Map<string, number>();

type Lit = {
  no: string;
  filed: string;
  closed: string | null;
  def: string[];
  codef?: string;
  instance?: string;
  closing?: string;
  judgment?: string;
  withdrawal?: string;
  hearing?: boolean;
  appeared?: boolean;
  title?: string;
  spoke?: boolean;
};

// Litigation. L1 crosses the year; L2 has two defendants; L3 names the county government as reconsideration
// co-defendant and is filed on 29 Feb; L4 is pending; L7 is an appeal; L8 closes on 1 January.
// prettier-ignore
const LIT: Lit[] = [
  { no: 'L1', filed: '2023-11-20', closed: '2024-02-10', def: ['A01'], closing: '判决', judgment: '撤销', hearing: true, appeared: true, title: '正职', spoke: true },
  { no: 'L2', filed: '2024-01-05', closed: '2024-06-30', def: ['A01', 'A02'], closing: '判决', judgment: '驳回诉讼请求', hearing: true, appeared: true, title: '副职', spoke: false },
  { no: 'L3', filed: '2024-02-29', closed: '2024-12-31', def: ['A02'], codef: 'G01', closing: '判决', judgment: '确认违法', hearing: true, appeared: false },
  { no: 'L4', filed: '2024-03-01', closed: null, def: ['T01'] },
  { no: 'L5', filed: '2024-04-10', closed: '2024-05-20', def: ['T01'], closing: '准予撤诉', withdrawal: '被告改变', hearing: false },
  { no: 'L6', filed: '2024-05-05', closed: '2024-07-01', def: ['A01'], closing: '裁定驳回起诉', hearing: false },
  { no: 'L7', filed: '2024-06-01', closed: '2024-09-09', def: ['A02'], instance: '二审', closing: '判决', judgment: '撤销', hearing: true, appeared: true, title: '正职' },
  { no: 'L8', filed: '2024-12-31', closed: '2025-01-01', def: ['T01'], closing: '调解', hearing: false },
  { no: 'L9', filed: '2023-03-01', closed: '2023-08-01', def: ['A01'], closing: '判决', judgment: '撤销', hearing: true, appeared: true, title: '正职' },
  { no: 'L10', filed: '2023-04-01', closed: '2023-09-01', def: ['A02'], closing: '判决', judgment: '驳回诉讼请求', hearing: true, appeared: true, title: '副职' },
  { no: 'L11', filed: '2023-05-01', closed: '2023-10-01', def: ['T01'], closing: '按撤诉处理', withdrawal: '原告自愿', hearing: false },
];

beforeAll(async () => {
  const units = await knex('unit')
    .insert([
      { code: 'A01', name: '示例县公安局', kind: '县直部门', peer_group: '执法一组' },
      { code: 'A02', name: '示例县自然资源局', kind: '县直部门', peer_group: '执法一组' },
      { code: 'T01', name: '示例县城关镇人民政府', kind: '乡镇街道', peer_group: '乡镇一组' },
      { code: 'G01', name: '示例县人民政府', kind: '县政府', peer_group: null },
    ])
    .returning<{ id: number; code: string }[]>(['id', 'code']);
  for (const u of units) ids.set(u.code, u.id);
  const id = (code: string) => ids.get(code)!;
  for (const c of LIT) {
    const [row] = await knex('litigation_case')
      .insert({
        case_no: `(${c.filed.slice(0, 4)})示行初${c.no}号`,
        instance: c.instance ?? '一审',
        filed_on: c.filed,
        closed_on: c.closed,
        defendants_raw: c.def.join('、'),
        reconsideration_codefendant_unit_id: c.codef ? id(c.codef) : null,
        closing: c.closing ?? null,
        judgment: c.judgment ?? null,
        withdrawal_reason: c.withdrawal ?? null,
        hearing_held: c.hearing ?? null,
        head_appeared: c.appeared ?? null,
        head_title: c.title ?? null,
        head_spoke: c.spoke ?? null,
      })
      .returning<{ id: number }[]>('id');
    await knex('litigation_defendant').insert(
      c.def.map((d, i) => ({ case_id: row!.id, unit_id: id(d), position: i + 1, name_raw: d })),
    );
  }
  // Reconsideration. R3 was refused (不予受理): never counted. R4 closes in 2025, R5 was accepted in 2023.
  const rec = (no: string, respondent: string, o: Record<string, unknown>) => ({
    case_no: no,
    respondent_raw: respondent,
    respondent_unit_id: id(respondent),
    ...o,
  });
  // prettier-ignore
  await knex('reconsideration_case').insert([
    rec('R1', 'A01', { applied_on: '2024-01-02', accepted_on: '2024-01-05', closed_on: '2024-03-01', decision: '撤销', litigated_after: true }),
    rec('R2', 'A01', { applied_on: '2024-02-01', accepted_on: '2024-02-03', closed_on: '2024-04-01', decision: '维持' }),
    rec('R3', 'A02', { applied_on: '2024-03-01', intake: '不予受理' }),
    rec('R4', 'A02', { applied_on: '2024-11-01', accepted_on: '2024-11-05', closed_on: '2025-01-10', decision: '和解' }),
    rec('R5', 'T01', { applied_on: '2023-12-20', accepted_on: '2023-12-28', closed_on: '2024-02-02', decision: '终止' }),
    rec('R6', 'T01', { applied_on: '2024-05-30', accepted_on: '2024-06-01' }),
  ]);
  const pre = (no: string, unit: string, registered: string, result: string, resultOn: string | null) => ({
    dispute_no: no,
    unit_raw: unit,
    unit_id: id(unit),
    registered_on: registered,
    result,
    result_on: resultOn,
  });
  await knex('prelitigation_dispute').insert([
    pre('P1', 'A01', '2024-01-10', '化解成功', '2024-02-10'),
    pre('P2', 'A02', '2024-03-10', '未化解', '2024-04-10'),
    pre('P3', 'T01', '2024-12-20', '化解成功', '2025-01-05'),
    pre('P4', 'T01', '2024-05-01', '进行中', null),
    pre('P5', 'A01', '2023-12-01', '撤回', '2024-01-15'),
  ]);
  await refreshRollups(knex);
});

const run = (q: MetricsQuery, now = clock) => computeMetrics({ db: knex, clock: now }, q);
const year2024: MetricsQuery = { preset: 'year', year: 2024 };
const unitRow = (rows: MetricRow[], code: string) => rows.find((r) => r.unit_code === code)!;

describe('metrics on a hand-built county (2024, first instance, default 口径)', () => {
  it('county litigation totals count each case once', async () => {
    const { total: t } = await run(year2024);
    // Filed 2024 (一审): L2 L3 L4 L5 L6 L8. Concluded 2024: L1 L2 L3 L5 L6 (L8 closes 2025-01-01, L4 pending).
    expect(t.lit_filed).toBe(6);
    expect(t.lit_concluded).toBe(5);
    expect(t.lit_losses).toBe(2); // L1 撤销, L3 确认违法
    expect(t.lit_judged).toBe(3); // L1 L2 L3
    expect(t.lit_withdrawn_mediated).toBe(1); // L5
    expect(t.lit_conciliation_withdrawals).toBe(1); // L5, 被告改变
    expect(t.lit_dismissed).toBe(1); // L6
    expect(t.lit_hearings).toBe(3); // L1 L2 L3
    expect(t.lit_head_appearances).toBe(2); // L1 L2
    expect(t.lit_head_spoke).toBe(1); // L1
    expect(t.lit_principal_appearances).toBe(1); // L1 正职
    expect(t.lit_head_absences).toBe(1); // L3
  });

  it('county rates carry numerator and denominator (口径A, hearings, concluded)', async () => {
    const { total: t, basis } = await run(year2024);
    expect([t.lit_loss_rate, t.lit_loss_rate_numerator, t.lit_loss_rate_denominator]).toEqual([2 / 5, 2, 5]);
    expect(basis.lit_loss_rate?.id).toBe('A');
    expect(basis.lit_loss_rate?.label.zh).toContain('口径A');
    expect(t.lit_mediation_withdrawal_rate).toBe(1 / 5);
    expect(t.lit_dismissal_rate).toBe(1 / 5);
    expect([t.lit_head_appearance_rate, t.lit_head_appearance_rate_denominator]).toEqual([2 / 3, 3]);
    expect(t.lit_head_spoke_rate).toBe(1 / 2);
    expect(t.lit_principal_share).toBe(1 / 2);
    // Reconsideration: received R1 R2 R4 R6; concluded R1 R2 R5 (R3 refused, R4 closes 2025).
    expect([t.rec_received, t.rec_concluded, t.rec_corrected]).toEqual([4, 3, 1]);
    expect(t.rec_correction_rate).toBe(1 / 3);
    expect(t.rec_upheld_rate).toBe(1 / 3); // R2
    expect(t.rec_settlement_rate).toBe(1 / 3); // R5 终止
    expect(t.rec_litigated_after_rate).toBe(1 / 3); // R1
    // Pre-litigation: registered P1–P4; concluded P1 P2 P5 (P3 result 2025, P4 in progress); resolved P1.
    expect([t.pre_registered, t.pre_concluded, t.pre_resolved]).toEqual([4, 3, 1]);
    expect(t.pre_resolution_rate).toBe(1 / 3);
    // (调撤 1 + 化解 1) ÷ (审结 5 + 办结 3), labelled as the local 口径.
    expect([t.substantive_resolution_rate, t.substantive_resolution_rate_denominator]).toEqual([2 / 8, 8]);
    expect(basis.substantive_resolution_rate?.label.zh).toContain('本地口径');
  });

  it("a unit's figures count every case charged to it: co-defendants count for each", async () => {
    const { rows, total } = await run(year2024);
    const a01 = unitRow(rows, 'A01'); // L1 L2 L6 charged
    const a02 = unitRow(rows, 'A02'); // L2 L3 (L7 is 二审)
    const t01 = unitRow(rows, 'T01'); // L4 L5 L8
    expect([a01.lit_filed, a01.lit_concluded, a01.lit_losses, a01.lit_loss_rate]).toEqual([2, 3, 1, 1 / 3]);
    expect([a02.lit_filed, a02.lit_concluded, a02.lit_losses, a02.lit_loss_rate]).toEqual([2, 2, 1, 1 / 2]);
    expect([t01.lit_filed, t01.lit_concluded, t01.lit_losses, t01.lit_loss_rate]).toEqual([3, 1, 0, 0]);
    // L2 is in both A01's and A02's rows, once in the total: 2 + 2 + 3 = 7 unit filings, 6 cases.
    expect(rows.reduce((s, r) => s + (r.lit_filed as number), 0)).toBe(7);
    expect(total.lit_filed).toBe(6);
    expect([a01.rec_received, a01.rec_concluded, a01.rec_correction_rate]).toEqual([2, 2, 1 / 2]);
    expect([a01.pre_registered, a01.pre_concluded, a01.pre_resolution_rate]).toEqual([1, 2, 1 / 2]);
  });

  it('the reconsideration organ as co-defendant is not charged', async () => {
    const g01 = unitRow((await run(year2024)).rows, 'G01');
    expect([g01.lit_filed, g01.lit_concluded, g01.lit_losses]).toEqual([0, 0, 0]);
  });

  it('a zero denominator gives null, never 0', async () => {
    const { rows } = await run(year2024);
    const g01 = unitRow(rows, 'G01');
    expect(g01.lit_loss_rate).toBeNull();
    expect(g01.lit_loss_rate_denominator).toBe(0);
    expect(g01.rec_correction_rate).toBeNull();
    // T01 concluded one case (L5) without a hearing: a loss rate of 0, but no appearance rate.
    const t01 = unitRow(rows, 'T01');
    expect(t01.lit_loss_rate).toBe(0);
    expect(t01.lit_head_appearance_rate).toBeNull();
  });

  it('口径B divides losses by judgments; the appearance rate can divide by all concluded cases', async () => {
    const r = await run({
      ...year2024,
      basis: { lit_loss_rate: 'B', lit_head_appearance_rate: 'concluded' },
    });
    expect([r.total.lit_loss_rate, r.total.lit_loss_rate_denominator]).toEqual([2 / 3, 3]);
    expect(r.basis.lit_loss_rate?.id).toBe('B');
    expect(r.total.lit_head_appearance_rate).toBe(2 / 5);
    const pre = await run({ ...year2024, basis: { pre_resolution_rate: 'registered' } });
    expect(pre.total.pre_resolution_rate).toBe(1 / 4);
  });

  it('二审 is excluded by default and counted with instance all', async () => {
    const all = await run({ ...year2024, instances: 'all' });
    expect([all.total.lit_filed, all.total.lit_concluded, all.total.lit_losses]).toEqual([7, 6, 3]);
    const appeals = await run({ ...year2024, instances: ['二审'], by: 'total' });
    expect([appeals.total.lit_filed, appeals.total.lit_losses]).toEqual([1, 1]);
  });

  it('a case filed in 2023 and closed in 2024 is filed in 2023 and concluded in 2024; pending cases only filed', async () => {
    const y23 = await run({ preset: 'year', year: 2023, by: 'total' });
    // 2023 filings: L1 L9 L10 L11; concluded: L9 L10 L11.
    expect([y23.total.lit_filed, y23.total.lit_concluded, y23.total.lit_losses]).toEqual([4, 3, 1]);
    const t01 = unitRow((await run({ ...year2024, unitCodes: ['T01'] })).rows, 'T01');
    expect(t01.lit_filed).toBe(3); // includes pending L4
    expect(t01.lit_concluded).toBe(1); // L5 only
  });

  it('同比 gives absolute and relative changes for counts, fraction differences for rates', async () => {
    const { total: t, previous_year } = await run(year2024);
    expect(previous_year).toEqual({ from: '2023-01-01', to: '2023-12-31' });
    expect([t.lit_filed_prev_year, t.lit_filed_yoy, t.lit_filed_yoy_rel]).toEqual([4, 2, 0.5]);
    expect(t.lit_loss_rate_prev_year).toBe(1 / 3);
    expect(t.lit_loss_rate_yoy).toBeCloseTo(2 / 5 - 1 / 3, 12);
    // 2023 had no reconsideration concluded: the rate and its change are null, not 0.
    expect(t.rec_correction_rate_prev_year).toBeNull();
    expect(t.rec_correction_rate_yoy).toBeNull();
  });

  it('double decline, warnings and rankings with the small-denominator minimum', async () => {
    const { rows, total } = await run(year2024);
    // County: filings 4 → 6 and loss rate 1/3 → 2/5, both rose.
    expect(total.double_decline).toBe('未降');
    expect(total.warnings).toEqual(['loss_rate_high', 'head_absent', 'head_appearance_low', 'filed_up']);
    const a01 = unitRow(rows, 'A01');
    const a02 = unitRow(rows, 'A02');
    expect(a01.double_decline).toBe('样本不足'); // 2023: 1 concluded, below 3
    // A02: 0.5 > 15% but only 2 concluded (< 3): no loss-rate warning; appearance 1/2; L3 absent; 1 → 2 filed.
    expect(a02.warnings).toEqual(['head_absent', 'head_appearance_low', 'filed_up']);
    // Within 县直部门 by loss rate: A02 (2 concluded) is too small to rank; A01 ranks first.
    expect([a01.rank_in_kind, a01.small_sample]).toEqual([1, false]);
    expect([a02.rank_in_kind, a02.small_sample]).toEqual([null, true]);
    const flagged = await run({ ...year2024, small: 'flag' });
    // Flagged, not excluded: 1/3 < 1/2, so A01 first and A02 second (flagged small).
    expect(unitRow(flagged.rows, 'A02').rank_in_kind).toBe(2);
    expect(unitRow(flagged.rows, 'A02').small_sample).toBe(true);
  });

  it('kind rows count a case once within the kind', async () => {
    const { rows } = await run({ ...year2024, by: 'kind' });
    const agencies = rows.find((r) => r.unit_kind === '县直部门')!;
    // L2 (A01 and A02), L3, L6 — L2 once.
    expect(agencies.lit_filed).toBe(3);
    expect(rows.find((r) => r.unit_kind === '乡镇街道')!.lit_filed).toBe(3); // L4 L5 L8
  });

  it('kind rows come 县直部门, 乡镇街道, then the other kinds (issue #21 item 4), not in collation order', async () => {
    const { rows } = await run({ ...year2024, by: 'kind' });
    const kinds = rows.map((r) => r.unit_kind);
    expect(kinds.slice(0, 2)).toEqual(['县直部门', '乡镇街道']);
    expect(kinds.length).toBeGreaterThan(2);
  });

  it('reconsideration rows by 决定类型 and pre-litigation rows by 结果 count only their own family', async () => {
    const byDecision = await run({ ...year2024, by: 'decision' });
    expect(byDecision.metrics.every((id) => id.startsWith('rec_'))).toBe(true);
    const d = (k: string) => byDecision.rows.find((r) => r.key === k)!;
    // Accepted 2024: R1 撤销, R2 维持, R4 和解 (closes 2025), R6 undecided. Concluded 2024: R1, R2, R5 终止.
    expect([d('撤销').rec_received, d('撤销').rec_concluded, d('撤销').rec_corrected]).toEqual([1, 1, 1]);
    expect([d('维持').rec_received, d('维持').rec_concluded, d('维持').rec_upheld]).toEqual([1, 1, 1]);
    expect([d('和解').rec_received, d('和解').rec_concluded]).toEqual([1, 0]);
    expect([d('终止').rec_received, d('终止').rec_concluded, d('终止').rec_settled]).toEqual([0, 1, 1]);
    expect([d('').label, d('').rec_received]).toEqual(['（未填）', 1]); // R6
    expect(byDecision.total.rec_concluded).toBe(3);

    const byResult = await run({ ...year2024, by: 'result' });
    const r = (k: string) => byResult.rows.find((x) => x.result === k)!;
    // Registered 2024: P1 P3 化解成功, P2 未化解, P4 进行中. Concluded 2024: P1, P2, P5 撤回 (registered 2023).
    expect([r('化解成功').pre_registered, r('化解成功').pre_concluded, r('化解成功').pre_resolved]).toEqual([
      2, 1, 1,
    ]);
    expect([r('撤回').pre_registered, r('撤回').pre_concluded]).toEqual([0, 1]);
    expect([r('进行中').pre_registered, r('进行中').pre_concluded]).toEqual([1, 0]);
    expect(byResult.rows.some((x) => 'lit_filed' in x || 'rec_received' in x)).toBe(false);
  });

  it('month rows put a case in its filing month and its closing month', async () => {
    const { rows } = await run({ ...year2024, by: 'month' });
    expect(rows.map((r) => r.month)).toHaveLength(12);
    const feb = rows.find((r) => r.month === '2024-02')!;
    expect([feb.lit_filed, feb.lit_concluded]).toEqual([1, 1]); // L3 filed 02-29; L1 closed 02-10
    const dec = rows.find((r) => r.month === '2024-12')!;
    expect([dec.lit_filed, dec.lit_concluded]).toEqual([1, 1]); // L8 filed 12-31; L3 closed 12-31
  });

  it('29 February: whole months compare with whole months, year to date with the same days', async () => {
    const janFeb = await run({ from: '2025-01-01', to: '2025-02-28', by: 'total' });
    expect(janFeb.previous_year).toEqual({ from: '2024-01-01', to: '2024-02-29' });
    expect(janFeb.total.lit_filed_prev_year).toBe(2); // L2, L3 (filed 2024-02-29)
    const ytd = await run({ preset: 'ytd', asOf: '2025-02-28', by: 'total' });
    expect(ytd.previous_year).toEqual({ from: '2024-01-01', to: '2024-02-28' });
    expect(ytd.total.lit_filed_prev_year).toBe(1); // L2 only
    const leap = await run({ preset: 'ytd', asOf: '2024-02-29', by: 'total' });
    expect(leap.previous_year).toEqual({ from: '2023-01-01', to: '2023-02-28' });
    expect(leap.total.lit_filed).toBe(2);
  });

  it('"today" is the calendar date in China Standard Time (UTC+8)', async () => {
    // 2024-12-31T15:59Z is 23:59 on 31 December in Beijing; 16:30Z is already 1 January 2025.
    const before = await run({ preset: 'ytd', by: 'total' }, () => new Date('2024-12-31T15:59:00Z'));
    expect([before.period.from, before.period.to]).toEqual(['2024-01-01', '2024-12-31']);
    expect(before.total.lit_filed).toBe(6);
    const after = await run({ preset: 'ytd', by: 'total' }, () => new Date('2024-12-31T16:30:00Z'));
    expect([after.period.from, after.period.to]).toEqual(['2025-01-01', '2025-01-01']);
    expect([after.total.lit_filed, after.total.lit_concluded]).toEqual([0, 1]); // L8 closed 2025-01-01
  });

  it('the raw tables give the same figures as the rollups for every query above', async () => {
    for (const q of [
      year2024,
      { ...year2024, by: 'kind' },
      { ...year2024, by: 'month' },
      { from: '2024-02-10', to: '2024-12-30', by: 'group' },
      { ...year2024, unitCodes: ['A01'], by: 'quarter' },
    ] as MetricsQuery[]) {
      const a = await run(q);
      const b = await run({ ...q, source: 'raw' });
      expect({ ...a, source: 'raw' }).toEqual(b);
    }
  });
});
