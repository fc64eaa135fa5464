/**
 * GET /api/units/:code/cases on a small hand-built county: which records a unit's list holds for a period
 * (worked out by hand below), paging and sorting, the 败诉 / 纠错 / 化解成功 flags, and that the list agrees with
 * the unit's figures in /api/metrics. A unit user reads only their own unit's list.
 */
import ExcelJS from 'exceljs';
import type { Express } from 'express';
import type request from 'supertest';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { createApp } from '../../server/http/app.ts';
import { createLogger } from '../../server/logger.ts';
import { refreshRollups } from '../../server/repositories/rollup.repository.ts';
import { createTestDatabase } from '../support/database.ts';
import { loginAs, type Agent } from '../support/personas.ts';

const { knex } = await createTestDatabase();
let app: Express;
let analyst: Agent;

type Lit = {
  no: string;
  filed: string;
  closed?: string;
  def: string[];
  instance?: string;
  closing?: string;
  judgment?: string;
  hearing?: boolean;
  appeared?: boolean;
  spoke?: boolean;
};
// A01's cases: L1 filed 2023, closed 2024 (a loss); L2 with A02 as co-defendant; L4 pending; L6 dismissed;
// L7 an appeal (二审); L9 wholly in 2023. L12 is T01's.
// prettier-ignore
const LIT: Lit[] = [
  { no: 'L1', filed: '2023-11-20', closed: '2024-02-10', def: ['A01'], closing: '判决', judgment: '撤销', hearing: true, appeared: true, spoke: true },
  { no: 'L2', filed: '2024-01-05', closed: '2024-06-30', def: ['A01', 'A02'], closing: '判决', judgment: '驳回诉讼请求', hearing: true, appeared: true, spoke: false },
  { no: 'L4', filed: '2024-03-01', def: ['A01'] },
  { no: 'L6', filed: '2024-05-05', closed: '2024-07-01', def: ['A01'], closing: '裁定驳回起诉', hearing: false },
  { no: 'L7', filed: '2024-06-01', closed: '2024-09-09', def: ['A01'], instance: '二审', closing: '判决', judgment: '撤销', hearing: true, appeared: true },
  { no: 'L9', filed: '2023-03-01', closed: '2023-08-01', def: ['A01'], closing: '判决', judgment: '撤销', hearing: false },
  { no: 'L12', filed: '2024-08-01', closed: '2025-02-01', def: ['T01'], closing: '调解', hearing: false },
];

beforeAll(async () => {
  const units = await knex('unit')
    .insert([
      { code: 'A01', name: '示例县公安局', kind: '县直部门', peer_group: '执法一组' },
      { code: 'A02', name: '示例县自然资源局', kind: '县直部门', peer_group: '执法一组' },
      { code: 'T01', name: '示例县城关镇人民政府', kind: '乡镇街道', peer_group: '乡镇一组' },
    ])
    .returning<{ id: number; code: string }[]>(['id', 'code']);
  const id = (code: string) => units.find((u) => u.code === code)!.id;
  for (const c of LIT) {
    const [row] = await knex('litigation_case')
      .insert({
        case_no: `(${c.filed.slice(0, 4)})示行初${c.no}号`,
        instance: c.instance ?? '一审',
        court: '示例县人民法院',
        filed_on: c.filed,
        closed_on: c.closed ?? null,
        defendants_raw: c.def.join('、'),
        cause: '行政处罚',
        closing: c.closing ?? null,
        judgment: c.judgment ?? null,
        hearing_held: c.hearing ?? null,
        head_appeared: c.appeared ?? null,
        head_spoke: c.spoke ?? null,
      })
      .returning<{ id: number }[]>('id');
    await knex('litigation_defendant').insert(
      c.def.map((d, i) => ({ case_id: row!.id, unit_id: id(d), position: i + 1, name_raw: d })),
    );
  }
  // R1 accepted and corrected in 2024; R2 not accepted (never counted); R3 is T01's; R4 accepted 2023, upheld 2024.
  await knex('reconsideration_case').insert([
    {
      case_no: 'R1',
      applied_on: '2024-01-10',
      accepted_on: '2024-01-15',
      closed_on: '2024-03-01',
      decision: '撤销',
      respondent_raw: 'A01',
      respondent_unit_id: id('A01'),
      matter: '行政处罚',
    },
    {
      case_no: 'R2',
      applied_on: '2024-02-01',
      intake: '不予受理',
      respondent_raw: 'A01',
      respondent_unit_id: id('A01'),
    },
    {
      case_no: 'R3',
      applied_on: '2024-05-01',
      accepted_on: '2024-05-02',
      respondent_raw: 'T01',
      respondent_unit_id: id('T01'),
    },
    {
      case_no: 'R4',
      applied_on: '2023-11-25',
      accepted_on: '2023-12-01',
      closed_on: '2024-01-20',
      decision: '维持',
      respondent_raw: 'A01',
      respondent_unit_id: id('A01'),
      matter: '政府信息公开',
    },
  ]);
  // P1 resolved in 2024; P2 still open; P3 wholly in 2023.
  await knex('prelitigation_dispute').insert([
    {
      dispute_no: 'P1',
      registered_on: '2024-03-03',
      result: '化解成功',
      result_on: '2024-04-01',
      unit_raw: 'A01',
      unit_id: id('A01'),
      source: '信访',
    },
    { dispute_no: 'P2', registered_on: '2024-10-01', unit_raw: 'A01', unit_id: id('A01'), source: '12345' },
    {
      dispute_no: 'P3',
      registered_on: '2023-05-01',
      result: '未化解',
      result_on: '2023-06-01',
      unit_raw: 'A01',
      unit_id: id('A01'),
    },
  ]);
  await knex.transaction((trx) => refreshRollups(trx));
  app = createApp({
    db: { knex, mode: inject('dbMode'), close: () => Promise.resolve() },
    logger: createLogger('silent'),
  });
  analyst = await loginAs(app, knex, 'analyst');
});

const Y2024 = { preset: 'year', year: '2024' };
type Body = { total: number; rows: Record<string, unknown>[]; [k: string]: unknown };
const list = async (agent: Agent, code: string, query: Record<string, string>, status = 200) => {
  const res = await agent.get(`/api/units/${code}/cases`).query(query);
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  return res.body as Body;
};
const nos = (b: Body) => b.rows.map((r) => String(r.case_no).replace(/^\(\d{4}\)示行初|号$/g, ''));

describe('a unit’s case list', () => {
  it('holds the first-instance cases filed or closed in the period, newest filing first', async () => {
    const b = await list(analyst, 'A01', Y2024);
    // L1 (closed 2024), L2, L4, L6; not L7 (二审), L9 (2023) nor L12 (T01).
    expect(b.total).toBe(4);
    expect(nos(b)).toEqual(['L6', 'L4', 'L2', 'L1']);
    expect(b.unit).toEqual({ code: 'A01', name: '示例县公安局', kind: '县直部门' });
    const l1 = b.rows.find((r) => r.case_no === '(2023)示行初L1号')!;
    expect(l1).toMatchObject({
      court: '示例县人民法院',
      filed_on: '2023-11-20',
      closed_on: '2024-02-10',
      closing: '判决',
      judgment: '撤销',
      hearing_held: true,
      head_appeared: true,
      head_spoke: true,
      flag: true,
    });
    expect(b.rows.filter((r) => r.flag).map((r) => r.case_no)).toEqual(['(2023)示行初L1号']);
    expect(b.rows.find((r) => r.case_no === '(2024)示行初L4号')).toMatchObject({
      closed_on: null,
      flag: false,
    });
  });

  it('lists exactly the cases behind lit_filed, lit_concluded and lit_losses', async () => {
    const filed = await list(analyst, 'A01', { ...Y2024, stream: 'filed' });
    const closed = await list(analyst, 'A01', { ...Y2024, stream: 'closed' });
    expect(nos(filed).sort()).toEqual(['L2', 'L4', 'L6']);
    expect(nos(closed).sort()).toEqual(['L1', 'L2', 'L6']);
    const m = (
      await analyst
        .get('/api/metrics')
        .query({ ...Y2024, by: 'unit', units: 'A01', metrics: 'lit_filed,lit_concluded,lit_losses' })
        .expect(200)
    ).body as { rows: Record<string, number>[] };
    expect(m.rows[0]).toMatchObject({ lit_filed: 3, lit_concluded: 3, lit_losses: 1 });
    expect(closed.rows.filter((r) => r.flag)).toHaveLength(1);
  });

  it('includes appeals with instance=all, and pages and sorts', async () => {
    expect(nos(await list(analyst, 'A01', { ...Y2024, instance: 'all' })).sort()).toEqual([
      'L1',
      'L2',
      'L4',
      'L6',
      'L7',
    ]);
    const p2 = await list(analyst, 'A01', { ...Y2024, pageSize: '3', page: '2' });
    expect(p2).toMatchObject({ total: 4, page: 2, pageSize: 3 });
    expect(nos(p2)).toEqual(['L1']);
    // Closing date ascending, pending last; then by case number.
    expect(nos(await list(analyst, 'A01', { ...Y2024, sort: 'closed_on', dir: 'asc' }))).toEqual([
      'L1',
      'L2',
      'L6',
      'L4',
    ]);
    expect(nos(await list(analyst, 'A01', { ...Y2024, sort: 'flag', dir: 'desc' }))[0]).toBe('L1');
  });

  it('lists reconsideration cases (accepted only) and pre-litigation disputes', async () => {
    const rec = await list(analyst, 'A01', { ...Y2024, family: 'reconsideration' });
    expect(rec.rows.map((r) => [r.case_no, r.decision, r.flag])).toEqual([
      ['R1', '撤销', true],
      ['R4', '维持', false],
    ]);
    expect(rec.flag).toBe('rec_corrected');
    const pre = await list(analyst, 'A01', { ...Y2024, family: 'prelitigation' });
    expect(pre.rows.map((r) => [r.case_no, r.source, r.result, r.flag])).toEqual([
      ['P2', '12345', '进行中', false],
      ['P1', '信访', '化解成功', true],
    ]);
  });

  it('refuses unknown units, sort columns and streams', async () => {
    await list(analyst, 'Z99', Y2024, 404);
    await list(analyst, 'A01', { ...Y2024, sort: 'defendants_raw' }, 400);
    await list(analyst, 'A01', { ...Y2024, stream: 'accepted' }, 400);
    await list(analyst, 'A01', { ...Y2024, pageSize: '1000' }, 400);
  });

  it('shows a unit user their own unit only', async () => {
    const a01 = await loginAs(app, knex, 'unit', 'A01');
    expect((await list(a01, 'A01', Y2024)).total).toBe(4);
    await list(a01, 'T01', Y2024, 403);
    await list(a01, 'Z99', Y2024, 403);
    await list(await loginAs(app, knex, 'viewer'), 'T01', Y2024, 200);
  });
});

describe('a unit’s case list as a file (issue #21: export of the unit case list)', () => {
  const binary = (r: request.Response, cb: (err: Error | null, body: Buffer) => void) => {
    const chunks: Buffer[] = [];
    r.on('data', (c: Buffer) => chunks.push(c));
    r.on('end', () => cb(null, Buffer.concat(chunks)));
  };
  const csvLines = (text: string) =>
    text
      .replace(/^\uFEFF/, '')
      .split('\r\n')
      .filter(Boolean);
  const exportOf = (agent: Agent, code: string, format: 'csv' | 'xlsx', query: Record<string, string>) =>
    agent.get(`/api/exports/units/${code}/cases.${format}`).query(query);

  it('CSV: every page of the list, in its order, under the import contract’s headers', async () => {
    const json = await list(analyst, 'A01', { ...Y2024, sort: 'closed_on', dir: 'asc', pageSize: '2' });
    expect(json.total).toBe(4);
    const res = await exportOf(analyst, 'A01', 'csv', { ...Y2024, sort: 'closed_on', dir: 'asc' }).expect(
      200,
    );
    expect(res.headers['content-type']).toMatch(/text\/csv/);
    expect(res.headers['content-disposition']).toContain(
      encodeURIComponent('案件清单-示例县公安局-行政诉讼-2024-01-01至2024-12-31.csv'),
    );
    const lines = csvLines(res.text);
    const notes = lines.filter((l) => l.startsWith('#'));
    expect(notes[0]).toBe('# 案件清单 · 示例县公安局（A01）· 行政诉讼案件');
    expect(notes.join('\n')).toContain('败诉');
    const [header, ...rows] = lines.filter((l) => !l.startsWith('#'));
    expect(header).toBe(
      '案号,审级,法院,立案日期,结案日期,案由,管理领域,结案方式,裁判结果,败诉原因,是否开庭,负责人是否出庭,出庭负责人职务,负责人是否发言,败诉',
    );
    // L1, L2, L6 by closing date, the pending L4 last: the JSON list's order across its pages.
    expect(rows.map((r) => r.split(',')[0])).toEqual([
      '(2023)示行初L1号',
      '(2024)示行初L2号',
      '(2024)示行初L6号',
      '(2024)示行初L4号',
    ]);
    expect(rows[0]).toBe(
      '(2023)示行初L1号,一审,示例县人民法院,2023-11-20,2024-02-10,行政处罚,,判决,撤销,,是,是,,是,是',
    );
    expect(rows[3]).toBe('(2024)示行初L4号,一审,示例县人民法院,2024-03-01,,行政处罚,,,,,,,,,否');
  });

  it('XLSX: the stream and family chosen, flagged records in red', async () => {
    const res = await exportOf(analyst, 'A01', 'xlsx', { ...Y2024, family: 'reconsideration' })
      .buffer(true)
      .parse(binary)
      .expect(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as Parameters<typeof wb.xlsx.load>[0]);
    const ws = wb.getWorksheet('案件清单')!;
    expect(ws.getCell('A1').text).toBe('案件清单 · 示例县公安局（A01）· 行政复议案件');
    const values = (n: number) => (ws.getRow(n).values as unknown[]).slice(1);
    const head = ws.rowCount - 2;
    expect(values(head)).toEqual([
      '复议案号',
      '申请日期',
      '受理日期',
      '申请事项',
      '结案日期',
      '决定类型',
      '是否起诉',
      '复议纠错',
    ]);
    expect(values(head + 1).slice(0, 6)).toEqual([
      'R1',
      '2024-01-10',
      '2024-01-15',
      '行政处罚',
      '2024-03-01',
      '撤销',
    ]);
    expect(values(head + 1).at(-1)).toBe('是');
    expect(ws.getRow(head + 1).font?.color?.argb).toBe('FFC62828');
    expect(values(head + 2)[0]).toBe('R4');

    const closed = await exportOf(analyst, 'A01', 'csv', { ...Y2024, stream: 'closed' }).expect(200);
    expect(
      csvLines(closed.text)
        .filter((l) => l.startsWith('('))
        .map((l) => l.split(',')[0])
        .sort(),
    ).toEqual(['(2023)示行初L1号', '(2024)示行初L2号', '(2024)示行初L6号']);
  });

  it('gives a unit user their own unit’s file only, and audits each download', async () => {
    const a01 = await loginAs(app, knex, 'unit', 'A01');
    const own = await exportOf(a01, 'A01', 'csv', Y2024).expect(200);
    expect(csvLines(own.text).filter((l) => l.startsWith('('))).toHaveLength(4);
    const t01 = await loginAs(app, knex, 'unit', 'T01');
    await exportOf(t01, 'A01', 'csv', Y2024).expect(403);
    await exportOf(t01, 'A01', 'xlsx', Y2024).expect(403);
    await exportOf(a01, 'T01', 'xlsx', Y2024).expect(403);
    const mine = await exportOf(t01, 'T01', 'csv', Y2024).expect(200);
    expect(
      csvLines(mine.text)
        .filter((l) => l.startsWith('('))
        .map((l) => l.split(',')[0]),
    ).toEqual(['(2024)示行初L12号']);
    const events = async () =>
      (await knex('audit_event').where({ action: 'export.download', actor_username: 'p-unit-t01' })).map(
        (e) => e.target as string,
      );
    await expect.poll(events).toContain('案件清单-示例县城关镇人民政府-行政诉讼-2024-01-01至2024-12-31.csv');
    expect((await events()).some((t) => t.includes('示例县公安局'))).toBe(false);
  });

  it('refuses what the list refuses', async () => {
    await exportOf(analyst, 'Z99', 'csv', Y2024).expect(404);
    await exportOf(analyst, 'A01', 'csv', { ...Y2024, sort: 'defendants_raw' }).expect(400);
    await exportOf(analyst, 'A01', 'csv', { ...Y2024, page: '2' }).expect(400);
  });
});
