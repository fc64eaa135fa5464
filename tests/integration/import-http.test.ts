/**
 * The import API on its own (authentication is wrapped around it by createApp): a raw-body upload with a
 * URI-encoded Chinese file name, the size limit, refusals, the ledger, the rejected-rows CSV and the mapping.
 */
import fs from 'node:fs';
import express from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../server/services/auth/access.ts';
import { errorHandler } from '../../server/http/errors.ts';
import { importRoutes } from '../../server/http/import.routes.ts';
import { unitMatchRoutes } from '../../server/http/unit-match.routes.ts';
import { createLogger } from '../../server/logger.ts';
import { createTestDatabase } from '../support/database.ts';
import { fixture, importFixture } from './import-support.ts';

const { knex: db } = await createTestDatabase();
const logger = createLogger('silent');

const app = express();
app.use(express.json());
app.use((_req, res, next) => {
  // Stands in for the authenticate middleware: an analyst is signed in.
  res.locals.actor = { username: '王分析', role: 'analyst' } as unknown as Actor;
  next();
});
app.use(importRoutes(db, logger, { maxUploadBytes: 64 * 1024 }));
app.use(unitMatchRoutes(db));
app.use(errorHandler(logger));

const upload = (kind: string, file: string, name = encodeURIComponent('诉讼台账（2024）.csv')) =>
  request(app)
    .post(`/api/imports/${kind}`)
    .set('Content-Type', 'application/octet-stream')
    .set('X-File-Name', name)
    .send(fs.readFileSync(fixture(file)));

describe('POST /api/imports/:kind', () => {
  it('imports the uploaded bytes and records the user and file name', async () => {
    await importFixture(db, 'units', 'units.csv');
    const res = await upload('litigation', 'litigation-gbk.csv');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'committed', inserted: 5, unmatched: 2, rejected: 0 });
    expect(await db('import_ledger').where({ id: res.body.importId }).first()).toMatchObject({
      file_name: '诉讼台账（2024）.csv',
      source: 'upload',
      created_by: '王分析',
      encoding: 'gb18030',
    });
  });

  it('answers 422 for a file that cannot be used, and 413 over the size limit', async () => {
    const refused = await upload('litigation', 'binary.csv', 'x.csv');
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('import_refused');
    expect(refused.body.import.status).toBe('refused');

    const big = await request(app)
      .post('/api/imports/litigation')
      .set('Content-Type', 'application/octet-stream')
      .send(Buffer.alloc(65 * 1024, 0x41));
    expect(big.status).toBe(413);
    expect(big.body.error.code).toBe('file_too_large');
  });

  it('refuses an unknown kind and a JSON body', async () => {
    expect((await request(app).post('/api/imports/cases').send(Buffer.from('x'))).status).toBe(400);
    const json = await request(app).post('/api/imports/litigation').send({ a: 1 });
    expect(json.status).toBe(415);
  });
});

describe('the ledger and rejected rows', () => {
  it('lists imports and serves rejected rows as JSON and CSV', async () => {
    const up = await upload('litigation', 'litigation-bad-rows.csv', 'bad.csv');
    expect(up.body).toMatchObject({ inserted: 1, rejected: 13 });
    const list = await request(app).get('/api/imports?limit=10');
    expect(list.status).toBe(200);
    expect(list.body.imports[0]).toMatchObject({ id: up.body.importId, file_name: 'bad.csv', rejected: 13 });
    const rows = await request(app).get(`/api/imports/${up.body.importId}/rejected`);
    expect(rows.body.rows).toHaveLength(13);
    const csv = await request(app).get(`/api/imports/${up.body.importId}/rejected.csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.headers['content-disposition']).toContain(`rejected-import-${up.body.importId}.csv`);
    expect(csv.text.split('\r\n')[0]).toBe(
      '\uFEFF案号,立案日期,结案日期,被告,结案方式,裁判结果,是否开庭,负责人是否出庭,负责人是否发言,错误原因,error',
    );
    expect((await request(app).get('/api/imports/99999')).status).toBe(404);
  });
});

describe('unmatched names', () => {
  it('lists the names and maps one, applying its rows', async () => {
    const names = await request(app).get('/api/unmatched');
    expect(names.body.names.map((n: { name: string }) => n.name).sort()).toEqual([
      '县住建局',
      '示例县 市场监管局',
    ]);
    const rows = await request(app).get(`/api/unmatched/rows?name=${encodeURIComponent('县住建局')}`);
    expect(rows.body.rows).toHaveLength(1);
    expect(rows.body.rows[0].record_key).toBe('(2024)豫1321行初7号');

    const unknown = await request(app).post('/api/unmatched/map').send({ name: '县住建局', code: 'Z9' });
    expect(unknown.status).toBe(404);
    const mapped = await request(app).post('/api/unmatched/map').send({ name: '县住建局', code: 'A01' });
    expect(mapped.status).toBe(200);
    expect(mapped.body).toMatchObject({ applied: 1, inserted: 1, stillWaiting: 1 });
    expect(await db('unit_alias').where({ alias: '县住建局' }).first()).toMatchObject({ added_by: '王分析' });
  });
});
