/**
 * Disputes over HTTP on the demo county (issue #15): a unit user disputes a lost case of its own, attaches the
 * judgment (a renamed executable is refused), another unit can neither dispute nor see it, the analyst accepts,
 * and the unit's 败诉 in GET /api/metrics drops by one for the unit and for the bureau alike.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { startDemoApp } from '../support/demo-app.ts';
import { loginAs, type Agent } from '../support/personas.ts';

const { knex, app, analyst } = await startDemoApp();
let unitA: Agent;
let unitB: Agent;
let caseNo = '';
let code = '';
let judgment = '';
let otherCode = '';
let disputeId = 0;

const YEAR = { from: '2025-01-01', to: '2025-12-31', by: 'unit' };
/** The disputing unit's 败诉 in 2025 as `agent` reads it from GET /api/metrics. */
async function losses(agent: Agent): Promise<number> {
  const res = await agent.get('/api/metrics').query(YEAR).expect(200);
  return (res.body.rows as { unit_code: string; lit_losses: number }[]).find((r) => r.unit_code === code)!
    .lit_losses;
}

beforeAll(async () => {
  // A first-instance case of 2025 that a unit lost (判决, a losing judgment): the first such, by case number.
  const row = await knex('litigation_case as c')
    .join('litigation_defendant as d', 'd.case_id', 'c.id')
    .join('unit as u', 'u.id', 'd.unit_id')
    .where({ 'c.instance': '一审', 'c.closing': '判决' })
    .whereIn('c.judgment', [
      '撤销',
      '部分撤销',
      '变更',
      '确认违法',
      '确认无效',
      '责令履行',
      '责令赔偿',
      '给付',
    ])
    .whereBetween('c.closed_on', ['2025-01-01', '2025-12-31'])
    .orderBy('c.case_no')
    .first<{ case_no: string; code: string; judgment: string }>('c.case_no', 'u.code', 'c.judgment');
  expect(row).toBeDefined();
  caseNo = row.case_no;
  code = row.code;
  judgment = row.judgment;
  unitA = await loginAs(app, knex, 'unit', code);
  otherCode = code === 'T01' ? 'T02' : 'T01';
  unitB = await loginAs(app, knex, 'unit', otherCode);
});

const body = () => ({
  family: 'litigation',
  record_no: caseNo,
  field: 'judgment',
  value: '驳回诉讼请求',
  reason: '二审法院已改判驳回诉讼请求，附二审判决书',
});

describe('a dispute from a unit to a corrected figure', () => {
  it('another unit cannot dispute the record (404, the record’s existence not told)', async () => {
    const res = await unitB.post('/api/disputes').send(body()).expect(404);
    expect(res.body.error.code).toBe('dispute_not_found');
    await unitA
      .post('/api/disputes')
      .send({ ...body(), reason: ' ' })
      .expect(400);
    await unitA
      .post('/api/disputes')
      .send({ ...body(), field: 'respondent' })
      .expect(400);
  });

  it('the unit files it and gets { id, state }', async () => {
    const res = await unitA.post('/api/disputes').send(body()).expect(201);
    expect(res.body).toEqual({ id: expect.any(Number), state: 'pending' });
    disputeId = res.body.id;
    await unitA.post('/api/disputes').send(body()).expect(409); // one pending dispute per field
  });

  it('attachments: checked by content, ≤ 10 MB, raw or multipart', async () => {
    const exe = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00', 'latin1'), Buffer.alloc(200)]);
    const refused = await unitA
      .post(`/api/disputes/${disputeId}/attachments`)
      .set('Content-Type', 'application/octet-stream')
      .set('X-File-Name', encodeURIComponent('二审判决书.pdf'))
      .send(exe)
      .expect(415);
    expect(refused.body.error.code).toBe('unsupported_attachment');
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    const sent = await unitA
      .post(`/api/disputes/${disputeId}/attachments`)
      .attach('file', pdf, { filename: '二审判决书.pdf', contentType: 'application/pdf' })
      .expect(201);
    expect(sent.body).toMatchObject({ content_type: 'application/pdf', size: pdf.length });
    const big = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(10 * 1024 * 1024)]);
    await unitA
      .post(`/api/disputes/${disputeId}/attachments`)
      .set('Content-Type', 'application/octet-stream')
      .send(big)
      .expect(413);
    const got = await analyst.get(`/api/disputes/${disputeId}/attachments/${sent.body.id}`).expect(200);
    expect(Buffer.compare(got.body as Buffer, pdf)).toBe(0);
    const d = (await unitA.get(`/api/disputes/${disputeId}`).expect(200)).body;
    expect(d.attachments.map((a: { file_name: string }) => a.file_name)).toEqual(['二审判决书.pdf']);
  });

  it('another unit sees none of it; the unit cannot decide its own dispute', async () => {
    await unitB.get(`/api/disputes/${disputeId}`).expect(404);
    const list = (await unitB.get('/api/disputes').expect(200)).body.disputes as { unit_code: string }[];
    expect(list.filter((d) => d.unit_code !== otherCode)).toEqual([]);
    await unitB.post(`/api/disputes/${disputeId}/withdraw`).expect(404);
    await unitA.post(`/api/disputes/${disputeId}/accept`).send({}).expect(403);
  });

  it('accepted by the analyst, the unit’s 败诉 drops by one on the unit’s and the bureau’s screens', async () => {
    const before = await losses(unitA);
    expect(await losses(analyst)).toBe(before);
    const pending = (await analyst.get('/api/disputes').query({ state: 'pending' }).expect(200)).body
      .disputes;
    expect(pending.map((d: { id: number }) => d.id)).toContain(disputeId);
    const res = await analyst
      .post(`/api/disputes/${disputeId}/accept`)
      .send({ note: '核对二审判决书' })
      .expect(200);
    expect(res.body).toMatchObject({
      state: 'accepted',
      correction: { state: 'active', source_value: judgment },
    });
    expect(await losses(unitA)).toBe(before - 1);
    expect(await losses(analyst)).toBe(before - 1);
    const mine = (await unitA.get(`/api/disputes/${disputeId}`).expect(200)).body;
    expect(mine).toMatchObject({
      state: 'accepted',
      decision_note: '核对二审判决书',
      decided_by: 'p-analyst',
    });
    await analyst.post(`/api/disputes/${disputeId}/reject`).send({ reason: '晚了' }).expect(409);
  });
});
