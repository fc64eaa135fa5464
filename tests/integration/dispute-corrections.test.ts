/**
 * Disputes and corrections (issue #15, DESIGN.md §9) on a small hand-built county, every answer worked out by hand:
 * an accepted dispute changes exactly the figures it should, in the metric API's raw and rollup paths alike; a
 * re-import of the original file keeps it; the source catching up marks it synced; a third value marks it in
 * conflict and leaves it in force; a rejected dispute changes nothing; a unit cannot dispute another's record.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { MetricRow } from '../../server/contracts/metrics.ts';
import type { Actor } from '../../server/services/auth/access.ts';
import { unitReader } from '../../server/services/auth/access.ts';
import {
  acceptDispute,
  DisputeNotFoundError,
  DisputeRequestError,
  fileDispute,
  getDispute,
  listDisputes,
  rejectDispute,
  withdrawDispute,
} from '../../server/services/disputes/dispute.service.ts';
import { computeMetrics, type MetricsQuery } from '../../server/services/metrics/metrics.service.ts';
import { cliRunner } from '../support/cli.ts';
import { createTestDatabase } from '../support/database.ts';
import { importText, litigationState } from './import-support.ts';

const { knex, url } = await createTestDatabase();
const clock = () => new Date('2025-06-01T00:00:00Z');

const UNITS = `编码,名称,类型
A01,示例县公安局,县直部门
A02,示例县自然资源局,县直部门
T01,示例县城关镇人民政府,乡镇街道
`;
const HEAD =
  '案号,立案日期,结案日期,被告,结案方式,裁判结果,是否开庭,负责人是否出庭,出庭负责人职务,负责人是否发言';
// L1: A01 loses (撤销). L2: A01 and A02 co-defendants, upheld. L3: A02, withdrawn. L4: T01 pending.
const LIT = (l1Judgment = '撤销', l2Defendants = '示例县公安局、示例县自然资源局') => `${HEAD}
(2024)示1321行初1号,2024-01-10,2024-05-10,示例县公安局,判决,${l1Judgment},是,是,正职,否
(2024)示1321行初2号,2024-02-01,2024-06-01,${l2Defendants},判决,驳回诉讼请求,是,否,,否
(2024)示1321行初3号,2024-03-01,2024-07-01,示例县自然资源局,准予撤诉,,否,,,
(2024)示1321行初4号,2024-04-01,,示例县城关镇人民政府,,,,,,
`;
const L1 = '(2024)示1321行初1号';
const L2 = '(2024)示1321行初2号';
const L3 = '(2024)示1321行初3号';

const analyst: Actor = {
  userId: 0,
  username: 'analyst-1',
  role: 'analyst',
  unitId: null,
  unitCode: null,
  recordKind: null,
  countyVisible: true,
};
const units = new Map<string, { id: number; code: string }>();
const unitUser = (code: string): Actor => ({
  ...unitReader(units.get(code)!, false),
  username: `user-${code}`,
});
const as = (actor: Actor) => ({ actor, ip: '127.0.0.1' });

const year2024: MetricsQuery = { preset: 'year', year: 2024 };
const run = (q: MetricsQuery) => computeMetrics({ db: knex, clock }, q);
const row = (rows: MetricRow[], code: string) => rows.find((r) => r.unit_code === code)!;

/** Litigation figures per unit and for the county, read through rollups and raw rows: they must agree. */
async function figures() {
  const auto = await run(year2024);
  const raw = await run({ ...year2024, source: 'raw' });
  expect(auto.source).toBe('rollup');
  expect({ ...auto, source: 'raw' }).toEqual(raw);
  const pick = (r: MetricRow) => [r.lit_concluded, r.lit_losses, r.lit_loss_rate];
  return {
    A01: pick(row(auto.rows, 'A01')),
    A02: pick(row(auto.rows, 'A02')),
    T01: pick(row(auto.rows, 'T01')),
    total: pick(auto.total),
  };
}

beforeAll(async () => {
  await importText(knex, 'units', UNITS);
  for (const u of await knex('unit').select('id', 'code')) units.set(u.code, u);
  expect(await importText(knex, 'litigation', LIT())).toMatchObject({ status: 'committed', inserted: 4 });
});

describe('disputes and corrections', () => {
  it('start from the figures worked out by hand', async () => {
    // A01: L1 (lost) and L2 → 1 of 2. A02: L2 and L3 → 0 of 2. County: L1 L2 L3 → 1 of 3.
    expect(await figures()).toEqual({
      A01: [2, 1, 0.5],
      A02: [2, 0, 0],
      T01: [0, 0, null],
      total: [3, 1, 1 / 3],
    });
  });

  it('refuse a unit disputing another unit’s record, a bad value, or no reason', async () => {
    const req = {
      family: 'litigation' as const,
      record_no: L1,
      field: 'judgment',
      value: '驳回诉讼请求',
      reason: '二审改判',
    };
    await expect(fileDispute(knex, as(unitUser('T01')), req)).rejects.toBeInstanceOf(DisputeNotFoundError);
    await expect(fileDispute(knex, as(unitUser('A01')), { ...req, value: '胜诉' })).rejects.toBeInstanceOf(
      DisputeRequestError,
    );
    await expect(fileDispute(knex, as(unitUser('A01')), { ...req, value: '撤销' })).rejects.toThrow(
      /现值相同/,
    );
    // A head cannot have spoken without appearing (L2's head did not appear).
    await expect(
      fileDispute(knex, as(unitUser('A01')), { ...req, record_no: L2, field: 'head_spoke', value: '是' }),
    ).rejects.toThrow(/未出庭/);
    await expect(
      knex('dispute').insert({ ...req, reason: '  ', unit_id: units.get('A01')!.id, created_by: 'x' }),
    ).rejects.toThrow(/dispute_reason_chk/);
  });

  it('a rejected dispute changes nothing; a withdrawn one neither', async () => {
    const before = await figures();
    const d = await fileDispute(knex, as(unitUser('A01')), {
      family: 'litigation',
      record_no: L1,
      field: 'closing',
      value: '准予撤诉',
      reason: '原告已撤诉',
    });
    expect(d.state).toBe('pending');
    await expect(rejectDispute(knex, as(unitUser('A01')), d.id, 'x')).rejects.toThrow(/access denied/);
    const rejected = await rejectDispute(knex, as(analyst), d.id, '法院裁定书载明为判决');
    expect(rejected).toMatchObject({
      state: 'rejected',
      decision_note: '法院裁定书载明为判决',
      correction: null,
    });
    await expect(acceptDispute(knex, as(analyst), d.id)).rejects.toThrow(/rejected/);
    const w = await fileDispute(knex, as(unitUser('A01')), {
      family: 'litigation',
      record_no: L1,
      field: 'closing',
      value: '调解',
      reason: '双方调解',
    });
    await expect(withdrawDispute(knex, as(unitUser('T01')), w.id)).rejects.toBeInstanceOf(
      DisputeNotFoundError,
    );
    expect((await withdrawDispute(knex, as(unitUser('A01')), w.id)).state).toBe('withdrawn');
    expect(await figures()).toEqual(before);
  });

  it('accepting a judgment dispute moves A01’s losses and the county’s, in rollups and raw reads', async () => {
    const d = await fileDispute(knex, as(unitUser('A01')), {
      family: 'litigation',
      record_no: L1,
      field: 'judgment',
      value: '驳回诉讼请求',
      reason: '二审已改判驳回诉讼请求',
    });
    // The unit sees its own dispute; another unit sees none of it.
    expect((await listDisputes(knex, unitUser('A01'), { state: 'pending' })).map((x) => x.id)).toContain(
      d.id,
    );
    expect(await listDisputes(knex, unitUser('T01'))).toEqual([]);
    await expect(getDispute(knex, unitUser('T01'), d.id)).rejects.toBeInstanceOf(DisputeNotFoundError);

    const accepted = await acceptDispute(knex, as(analyst), d.id, '核对二审判决书');
    expect(accepted).toMatchObject({
      state: 'accepted',
      decided_by: 'analyst-1',
      decision_note: '核对二审判决书',
      correction: { state: 'active', source_value: '撤销', conflict_value: null },
    });
    expect(await knex('metric_rollup_dirty').count<{ n: number }[]>('* as n')).toEqual([{ n: 0 }]);
    // A01: 0 of 2; county: 0 of 3.
    expect(await figures()).toEqual({ A01: [2, 0, 0], A02: [2, 0, 0], T01: [0, 0, null], total: [3, 0, 0] });
    const actions = (await knex('audit_event').where('target', 'like', `#${d.id} %`).select('action')).map(
      (r) => r.action,
    );
    expect(actions).toEqual(['dispute.file', 'dispute.accept']);
  });

  it('removing a wrongly charged co-defendant changes that unit’s figures, not the county’s case count', async () => {
    const d = await fileDispute(knex, as(unitUser('A02')), {
      family: 'litigation',
      record_no: L2,
      field: 'defendants',
      value: ['A01'],
      reason: '本局系第三人，非被告',
    });
    await acceptDispute(knex, as(analyst), d.id);
    // A02 keeps only L3 (0 of 1); A01 and the county unchanged.
    expect(await figures()).toEqual({ A01: [2, 0, 0], A02: [1, 0, 0], T01: [0, 0, null], total: [3, 0, 0] });
    // The disputing unit still sees its (accepted) dispute, though no longer charged with the case.
    expect((await listDisputes(knex, unitUser('A02'))).map((x) => x.state)).toEqual(['accepted']);
  });

  it('re-importing the original file keeps every correction in force', async () => {
    const before = await litigationState(knex);
    const summary = await importText(knex, 'litigation', LIT());
    expect(summary).toMatchObject({ status: 'duplicate', inserted: 0, updated: 0, unchanged: 4 });
    expect(await litigationState(knex)).toEqual(before);
    expect((before[L1] as { judgment: string }).judgment).toBe('驳回诉讼请求');
    expect((before[L2] as { defendants: string[] }).defendants).toEqual(['A01']);
    expect(await knex('correction').orderBy('id').pluck('state')).toEqual(['active', 'active']);
    expect(await figures()).toEqual({ A01: [2, 0, 0], A02: [1, 0, 0], T01: [0, 0, null], total: [3, 0, 0] });
  });

  it('a source that now carries the corrected value marks the correction synced', async () => {
    const summary = await importText(knex, 'litigation', LIT('驳回诉讼请求'));
    expect(summary.warnings.join('\n')).toContain('1 条更正已与来源数据一致');
    // The stored record already held the corrected value: nothing to write.
    expect(summary).toMatchObject({ status: 'committed', updated: 0, unchanged: 4 });
    const states = await knex('correction').orderBy('id').select('field', 'state');
    expect(states).toEqual([
      { field: 'judgment', state: 'synced' },
      { field: 'defendants', state: 'active' },
    ]);
    expect(await figures()).toEqual({ A01: [2, 0, 0], A02: [1, 0, 0], T01: [0, 0, null], total: [3, 0, 0] });
  });

  it('a third value from the source is a conflict: queued, the correction still applied', async () => {
    // The court's export now names the township as L2's second defendant instead of A02.
    const summary = await importText(
      knex,
      'litigation',
      LIT('驳回诉讼请求', '示例县公安局、示例县城关镇人民政府'),
    );
    expect(summary.warnings.join('\n')).toContain('1 条更正与来源的新值冲突');
    const k = await knex('correction').where('field', 'defendants').first();
    expect(k).toMatchObject({
      state: 'conflict',
      value: 'A01',
      source_value: 'A01,A02',
      conflict_value: 'A01,T01',
    });
    const state = await litigationState(knex);
    expect((state[L2] as { defendants: string[] }).defendants).toEqual(['A01']);
    expect(await figures()).toEqual({ A01: [2, 0, 0], A02: [1, 0, 0], T01: [0, 0, null], total: [3, 0, 0] });
    const conflicts = await listDisputes(knex, null, { state: 'conflict' });
    expect(conflicts.map((d) => [d.record_no, d.field, d.unit_code])).toEqual([[L2, 'defendants', 'A02']]);
  });

  it('a correction the source row cannot carry holds the stored record and goes to conflict', async () => {
    const d = await fileDispute(knex, as(analyst), {
      family: 'litigation',
      record_no: L3,
      field: 'closing',
      value: '调解',
      reason: '调解书',
    });
    await acceptDispute(knex, as(analyst), d.id);
    // The source reopens L3 (no closing date): a closing correction cannot stand on a pending case.
    const reopened = LIT('驳回诉讼请求', '示例县公安局、示例县城关镇人民政府').replace(
      `${L3},2024-03-01,2024-07-01,示例县自然资源局,准予撤诉`,
      `${L3},2024-03-01,,示例县自然资源局,`,
    );
    const summary = await importText(knex, 'litigation', reopened);
    expect(summary.status).toBe('committed');
    expect(summary.warnings.join('\n')).toContain('1 条记录的来源新值与其更正不能并存');
    const l3 = (await litigationState(knex))[L3] as { closing: string; closed_on: unknown };
    expect(l3.closing).toBe('调解');
    expect(l3.closed_on).not.toBeNull();
    expect(await knex('correction').where('dispute_id', d.id).first()).toMatchObject({ state: 'conflict' });
  });
});

describe('a pre-litigation unit correction', () => {
  it('moves the record to the other unit and survives a re-import', async () => {
    const PRE = `登记号,登记日期,涉及单位,结果,结果日期
示诉前〔2024〕1号,2024-02-01,示例县公安局,化解成功,2024-03-01
`;
    expect(await importText(knex, 'prelitigation', PRE)).toMatchObject({ status: 'committed', inserted: 1 });
    const pre = async (code: string) => row((await run(year2024)).rows, code).pre_resolved;
    expect([await pre('A01'), await pre('A02')]).toEqual([1, 0]);
    const d = await fileDispute(knex, as(unitUser('A01')), {
      family: 'prelitigation',
      record_no: '示诉前〔2024〕1号',
      field: 'unit',
      value: '示例县自然资源局',
      reason: '争议涉及自然资源局的行为',
    });
    await acceptDispute(knex, as(analyst), d.id);
    expect([await pre('A01'), await pre('A02')]).toEqual([0, 1]);
    expect(await importText(knex, 'prelitigation', PRE)).toMatchObject({ status: 'duplicate', unchanged: 1 });
    expect([await pre('A01'), await pre('A02')]).toEqual([0, 1]);
    expect(await knex('correction').where('dispute_id', d.id).first()).toMatchObject({
      state: 'active',
      value: 'A02',
      source_value: 'A01',
    });
    await figures(); // rollups = raw after it all
  });
});

/** `npm run cli -- dispute …` in its own process against this file's database. */
const cli = cliRunner(url, 'dispute');

describe('dispute CLI (DESIGN.md §9)', () => {
  it('lists, rejects and accepts, audited as the command line', async () => {
    const d1 = await fileDispute(knex, as(unitUser('T01')), {
      family: 'litigation',
      record_no: '(2024)示1321行初4号',
      field: 'defendants',
      value: '示例县自然资源局',
      reason: '被告应为自然资源局',
    });
    const d2 = await fileDispute(knex, as(unitUser('A01')), {
      family: 'litigation',
      record_no: L1,
      field: 'head_spoke',
      value: true,
      reason: '庭审笔录载明负责人发言',
    });
    const listed = await cli(['list', '--state', 'pending', '--json']);
    expect(listed.status, listed.stderr).toBe(0);
    expect(JSON.parse(listed.stdout)).toEqual([
      {
        id: d2.id,
        state: 'pending',
        unit_code: 'A01',
        family: 'litigation',
        record_no: L1,
        field: 'head_spoke',
        value: 'true',
        reason: '庭审笔录载明负责人发言',
      },
      {
        id: d1.id,
        state: 'pending',
        unit_code: 'T01',
        family: 'litigation',
        record_no: '(2024)示1321行初4号',
        field: 'defendants',
        value: 'A02',
        reason: '被告应为自然资源局',
      },
    ]);
    const t01 = await cli(['list', '--unit', 'T01']);
    expect(t01.stdout.split('\n')[0]).toBe('1 disputes');

    const noReason = await cli(['reject', String(d1.id)]);
    expect(noReason.status).not.toBe(0);
    const rejected = await cli(['reject', String(d1.id), '--reason', '起诉状所列被告无误']);
    expect(rejected.status, rejected.stderr).toBe(0);
    expect(rejected.stdout).toContain(`dispute #${d1.id} rejected`);
    const again = await cli(['accept', String(d1.id)]);
    expect([again.status, again.stderr]).toEqual([1, expect.stringContaining('rejected')]);

    const accepted = await cli(['accept', String(d2.id), '--note', '已核庭审笔录']);
    expect(accepted.status, accepted.stderr).toBe(0);
    expect((await litigationState(knex))[L1]).toMatchObject({ head_spoke: true });
    const audit = await knex('audit_event')
      .whereIn('action', ['dispute.reject', 'dispute.accept'])
      .where('ip', 'cli')
      .orderBy('id')
      .select('action', 'target');
    expect(audit).toEqual([
      { action: 'dispute.reject', target: `#${d1.id} (2024)示1321行初4号` },
      { action: 'dispute.accept', target: `#${d2.id} ${L1}` },
    ]);
    expect(await knex('dispute').where('id', d2.id).first()).toMatchObject({
      decided_by: 'cli',
      decision_note: '已核庭审笔录',
    });
  });
});
