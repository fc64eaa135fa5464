/**
 * Upload limits through the real import route, behind the real gate: size limits answer a clear 413, and the
 * upload is audited with its outcome.
 */
import ExcelJS from 'exceljs';
import express from 'express';
import { describe, expect, inject, it } from 'vitest';
import { authErrors, authenticate } from '../../server/http/auth.middleware.ts';
import { authRoutes } from '../../server/http/auth.routes.ts';
import { errorHandler } from '../../server/http/errors.ts';
import { importRoutes } from '../../server/http/import.routes.ts';
import { createLogger } from '../../server/logger.ts';
import { DEFAULT_AUTH_OPTIONS } from '../../server/services/auth.service.ts';
import { seedDemoCounty } from '../../server/services/demo-seed.service.ts';
import { createTestDatabase } from '../support/database.ts';
import { loginAs } from '../support/personas.ts';

const { knex } = await createTestDatabase();
await seedDemoCounty(knex);
const logger = createLogger('silent');
void inject('dbMode');

// The product's gate and import route, with a small upload limit so the test need not send 512 MB.
const deps = { db: knex, options: DEFAULT_AUTH_OPTIONS };
const app = express();
app.use(express.json({ limit: '1mb' }));
app.use('/api', authenticate(deps, logger));
app.use(authRoutes(deps));
app.use(importRoutes(knex, logger, { maxUploadBytes: 64 * 1024 }));
app.use(authErrors);
app.use(errorHandler(logger));

async function workbook(rows: number): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('行政诉讼案件');
  sheet.addRow(['案号', '立案日期', '被告', '案由']);
  // Random-looking text so the file does not compress below the limit.
  for (let i = 0; i < rows; i++)
    sheet.addRow([`(2025)示1321行初${i}号`, '2025-03-05', '县公安局', `行政处罚 ${Math.random()}`]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('upload size limit', () => {
  it('refuses an oversized XLSX with a clear 413 and imports nothing', async () => {
    const analyst = await loginAs(app, knex, 'analyst');
    const big = await workbook(4_000);
    expect(big.length).toBeGreaterThan(64 * 1024);
    const res = await analyst
      .post('/api/imports/litigation')
      .set('Content-Type', 'application/octet-stream')
      .set('X-File-Name', encodeURIComponent('大文件.xlsx'))
      .send(big);
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('file_too_large');
    expect(res.body.error.message).toMatch(/文件超过.*the file is over/);
    expect(
      await knex('litigation_case').where('case_no', 'like', '(2025)示1321行初%').count('* as n').first(),
    ).toEqual({ n: 0 });
    const events = () => knex('audit_event').where({ action: 'import.upload', actor_username: 'p-analyst' });
    await expect
      .poll(async () => (await events()).map((e) => [e.outcome, e.detail.status]))
      .toEqual([['failure', 413]]);
  });

  it('accepts a small one', async () => {
    const clerk = await loginAs(app, knex, 'clerk', undefined, 'litigation');
    const res = await clerk
      .post('/api/imports/litigation')
      .set('Content-Type', 'application/octet-stream')
      .set('X-File-Name', encodeURIComponent('小文件.xlsx'))
      .send(await workbook(20));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.inserted).toBe(20);
  });
});

describe('rejected-rows download', () => {
  // Known bug, pinned: server/services/import-ledger.service.ts writes rejected rows to CSV without
  // formula-injection escaping (server/exports/safe-cell.ts). A rejected row's cells are raw source data, so a
  // cell such as =HYPERLINK(…) reaches the user's spreadsheet live. `it.fails` flips to failing once fixed:
  // then make it a plain `it`. (The importer must also strip the leading apostrophe when the fixed file is
  // imported again.)
  it.fails('escapes formula cells in the CSV of rejected rows (CSV injection)', async () => {
    const analyst = await loginAs(app, knex, 'analyst');
    const csv =
      '案号,立案日期,被告\r\n(2025)示1321行初7001号,not-a-date,"=HYPERLINK(""http://evil.example"",""点击"")"\r\n';
    const res = await analyst
      .post('/api/imports/litigation')
      .set('Content-Type', 'application/octet-stream')
      .set('X-File-Name', encodeURIComponent('注入.csv'))
      .send(Buffer.from(csv))
      .expect(200);
    expect(res.body.rejected).toBe(1);
    const id = (await knex('import_ledger').max('id as id').first())!.id as number;
    const download = await analyst.get(`/api/imports/${id}/rejected.csv`).expect(200);
    expect(download.text).toContain('=HYPERLINK');
    expect(download.text).not.toMatch(/(^|,)"?=HYPERLINK/m);
  });
});
