/**
 * Notices through the HTTP API (issue #14): each unit's notice states exactly what GET /api/metrics answers a
 * unit user of that unit, for every unit of the demo county; a unit user reaches only their own unit's copy;
 * signing is idempotent and audited; the PDF (LibreOffice) holds the title, 文号, unit name and figures.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { NoticeDelivery, NoticeModel } from '../../server/contracts/notice.ts';
import { createApp } from '../../server/http/app.ts';
import { createLogger } from '../../server/logger.ts';
import { listMetricUnits } from '../../server/repositories/metric.repository.ts';
import { audit } from '../../server/services/audit/audit.service.ts';
import { seedDemoCounty } from '../../server/services/demo/demo-seed.service.ts';
import { createTestDatabase } from '../support/database.ts';
import { DEMO_AS_OF } from '../support/demo.ts';
import { ensurePersona, loginAs, signIn, type Agent } from '../support/personas.ts';

const { knex } = await createTestDatabase();
await seedDemoCounty(knex, { asOf: DEMO_AS_OF });
const app = createApp({
  db: { knex, mode: inject('dbMode'), close: () => Promise.resolve() },
  logger: createLogger('silent'),
});
const units = await listMetricUnits(knex);
const period = { preset: 'quarter', year: '2025', quarter: '4' };

let analyst: Agent;
let a01: Agent;
let model: NoticeModel;
beforeAll(async () => {
  analyst = await loginAs(app, knex, 'analyst');
  a01 = await loginAs(app, knex, 'unit', 'A01');
  const issued = await analyst
    .post('/api/notices')
    .send({ preset: 'quarter', year: 2025, quarter: 4, nextSteps: '一是压实出庭应诉责任。' });
  expect(issued.status, JSON.stringify(issued.body)).toBe(201);
  model = (await analyst.get(`/api/notices/${(issued.body as { id: string }).id}`).expect(200))
    .body as NoticeModel;
});

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sj-notices-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('notices over HTTP', () => {
  it('gives every unit of the demo county the figures GET /api/metrics gives its unit users', async () => {
    expect(model.units.map((u) => u.unit.code)).toEqual(units.map((u) => u.code));
    for (const u of units) {
      const agent = await signIn(app, await ensurePersona(knex, 'unit', u.code));
      const res = await agent.get('/api/metrics').query(period).expect(200);
      const rows = (res.body as { rows: Record<string, unknown>[] }).rows;
      expect(rows.map((r) => r.unit_code)).toEqual([u.code]);
      const part = model.units.find((x) => x.unit.code === u.code)!;
      expect(part.figures, u.code).toEqual(rows[0]);
      // Its own copy reads the same figures; another unit's copy does not exist for it.
      const own = await agent.get(`/api/notices/${model.id}/units/${u.code}`).expect(200);
      expect((own.body as { unit: { figures: unknown } }).unit.figures).toEqual(rows[0]);
      const other = units.find((x) => x.code !== u.code)!.code;
      await agent.get(`/api/notices/${model.id}/units/${other}`).expect(404);
    }
  });

  it('ranks units as GET /api/metrics does for unit users once an admin lets them see rankings', async () => {
    const admin = await loginAs(app, knex, 'admin');
    await admin.put('/api/admin/settings').send({ unitUsersSeeCounty: true }).expect(200);
    const issued = await analyst.post('/api/notices').send({ preset: 'year', year: 2025 }).expect(201);
    const ranked = (await analyst.get(`/api/notices/${(issued.body as { id: string }).id}`).expect(200))
      .body as NoticeModel;
    let seen = 0;
    for (const u of units) {
      const agent = await signIn(app, await ensurePersona(knex, 'unit', u.code));
      const row = (
        (await agent.get('/api/metrics').query({ preset: 'year', year: '2025' })).body as {
          rows: Record<string, unknown>[];
        }
      ).rows[0];
      const part = ranked.units.find((x) => x.unit.code === u.code)!;
      expect(part.figures, u.code).toEqual(row);
      if (typeof row?.rank_in_kind === 'number') {
        seen++;
        expect(part.rank).toContain(`排名第${row.rank_in_kind}位`);
      } else expect(part.rank).toBeNull();
    }
    expect(seen).toBeGreaterThan(0);
    await admin.put('/api/admin/settings').send({ unitUsersSeeCounty: false }).expect(200);
  });

  it('shows a unit user only their own notices; another unit’s copy, the county notice or a bad id: 404', async () => {
    const box = (await a01.get('/api/notices/inbox').expect(200)).body as {
      deliveries: NoticeDelivery[];
      unread: number;
    };
    expect(box.deliveries.map((d) => d.noticeId)).toContain(model.id);
    expect(new Set(box.deliveries.map((d) => d.unit.code))).toEqual(new Set(['A01']));
    expect(box.unread).toBe(box.deliveries.filter((d) => !d.readAt).length);
    await a01.get(`/api/notices/${model.id}/document`).query({ part: 'T01' }).expect(404);
    await a01.get(`/api/notices/${model.id}/document`).query({ part: 'county' }).expect(404);
    await a01.get('/api/notices/N20990101-00000000/document').query({ part: 'A01' }).expect(404);
    await a01.get(`/api/notices/${model.id}`).expect(403);
    await a01.get(`/api/notices/${model.id}/status`).expect(403);
    await a01.get(`/api/notices/${model.id}/all.zip`).expect(403);
    // A unit that was not sent the notice cannot read its own part of it either.
    const partial = await analyst.post('/api/notices').send({ preset: 'year', year: 2025, units: ['T01'] });
    await a01.get(`/api/notices/${(partial.body as { id: string }).id}/units/A01`).expect(404);
  });

  it('signs once, audits once, and shows the bureau who signed when', async () => {
    const first = (await a01.post(`/api/notices/${model.id}/sign`).expect(200)).body as NoticeDelivery;
    const again = (await a01.post(`/api/notices/${model.id}/sign`).expect(200)).body as NoticeDelivery;
    expect(again).toEqual(first);
    expect(first.signedBy).toBe('p-unit-a01');
    expect(await audit.list(knex, { action: 'notice.sign', target: model.id })).toHaveLength(1);
    const status = (await analyst.get(`/api/notices/${model.id}/status`).expect(200)).body as {
      deliveries: NoticeDelivery[];
    };
    expect(status.deliveries).toHaveLength(units.length);
    expect(status.deliveries.find((d) => d.unit.code === 'A01')).toMatchObject({
      signedBy: 'p-unit-a01',
      signedAt: first.signedAt,
    });
    expect(status.deliveries.filter((d) => d.signedAt)).toHaveLength(1);
    await analyst.post(`/api/notices/${model.id}/sign`).expect(403);
  });

  it('renders the county and a unit notice as PDF with the Chinese title, 文号, unit name and figures', async () => {
    const county = await analyst
      .get(`/api/notices/${model.id}/document`)
      .query({ part: 'county', format: 'pdf' });
    expect(county.status).toBe(200);
    expect(county.headers['content-type']).toBe('application/pdf');
    const unit = model.units.find((u) => u.losses.length > 0) ?? model.units[0]!;
    const own = await signIn(app, await ensurePersona(knex, 'unit', unit.unit.code));
    const part = await own
      .get(`/api/notices/${model.id}/document`)
      .query({ part: unit.unit.code, format: 'pdf' })
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(part.status).toBe(200);
    const words = (bytes: Buffer, name: string) => {
      const file = path.join(dir, name);
      fs.writeFileSync(file, bytes);
      // pdftotext keeps lines; the title may wrap, so compare without white space.
      return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    };
    const c = words(county.body as Buffer, 'county.pdf');
    expect(c).toContain(model.county.title);
    expect(c).toContain(model.docNumber);
    expect(c).toContain(`全县新收一审行政诉讼案件${String(model.county.figures.lit_filed)}件`);
    const u = words(part.body as Buffer, 'unit.pdf');
    expect(u).toContain(unit.title);
    expect(u).toContain(model.docNumber);
    expect(u).toContain(`${unit.unit.name}：`);
    expect(u).toContain(`${String(unit.figures.lit_filed)}件`);
    for (const c of unit.losses) expect(u).toContain(String(c.case_no));
    const info = execFileSync('pdfinfo', [path.join(dir, 'unit.pdf')], { encoding: 'utf8' });
    expect(info).toMatch(/Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)/);
    // Reading their own copy marked it read.
    const box = (await own.get('/api/notices/inbox').expect(200)).body as { deliveries: NoticeDelivery[] };
    expect(box.deliveries.find((d) => d.noticeId === model.id)?.readBy).toBe(
      `p-unit-${unit.unit.code.toLowerCase()}`,
    );
  });

  it('previews a notice as issuing would freeze it, storing and delivering nothing', async () => {
    const body = {
      preset: 'quarter',
      year: 2025,
      quarter: 4,
      units: ['A01', 'T01'],
      nextSteps: '一是压实出庭应诉责任。',
    };
    const before = (await analyst.get('/api/notices').expect(200)).body as { notices: unknown[] };
    const inboxBefore = (await a01.get('/api/notices/inbox').expect(200)).body as { unread: number };
    const preview = (await analyst.post('/api/notices/preview').send(body).expect(200)).body as NoticeModel;
    expect(preview.id).toBe('');
    expect(preview.units.map((u) => u.unit.code)).toEqual(['A01', 'T01']);
    expect(preview.county.nextSteps).toEqual(['一是压实出庭应诉责任。']);
    expect((await analyst.get('/api/notices').expect(200)).body).toEqual(before);
    expect(((await a01.get('/api/notices/inbox').expect(200)).body as { unread: number }).unread).toBe(
      inboxBefore.unread,
    );
    // The same request issued now freezes the same figures under the 文号 the preview showed.
    const issued = await analyst.post('/api/notices').send(body).expect(201);
    const frozen = (await analyst.get(`/api/notices/${(issued.body as { id: string }).id}`).expect(200))
      .body as NoticeModel;
    expect(frozen.docNumber).toBe(preview.docNumber);
    expect(frozen.county).toEqual(preview.county);
    expect(frozen.units).toEqual(preview.units);
    await analyst
      .post('/api/notices/preview')
      .send({ preset: 'year', year: 2025, units: ['ZZZ'] })
      .expect(400);
  });

  it('zips every notice for the bureau, and audits the downloads', async () => {
    const res = await analyst
      .get(`/api/notices/${model.id}/all.zip`)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const zip = await JSZip.loadAsync(res.body as Buffer);
    expect(Object.keys(zip.files)).toHaveLength(1 + units.length);
    const downloads = await audit.list(knex, { action: 'notice.download', limit: 500 });
    expect(downloads.some((e) => e.target === `${model.docNumber}-全部通报.zip`)).toBe(true);
    expect(downloads.some((e) => e.target === `${model.docNumber}-全县通报.pdf`)).toBe(true);
  });
});
