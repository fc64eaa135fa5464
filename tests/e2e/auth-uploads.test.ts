/**
 * Upload limits through the real import route, behind the real gate: size limits answer a clear 413, and the
 * upload is audited with its outcome.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import express from 'express';
import { describe, expect, inject, it } from 'vitest';
import { authenticate } from '../../server/http/auth.middleware.ts';
import { authRoutes } from '../../server/http/auth.routes.ts';
import { errorHandler } from '../../server/http/errors.ts';
import { checkUpload } from '../../server/http/security.upload.ts';
import { importRoutes } from '../../server/http/import.routes.ts';
import { createLogger } from '../../server/logger.ts';
import { DEFAULT_AUTH_OPTIONS } from '../../server/services/auth/auth.service.ts';
import { seedDemoCounty } from '../../server/services/demo/demo-seed.service.ts';
import { createTestDatabase } from '../support/database.ts';
import { loginAs } from '../support/personas.ts';
import { DEMO_AS_OF } from '../support/demo.ts';

const { knex } = await createTestDatabase();
await seedDemoCounty(knex, { asOf: DEMO_AS_OF });
const logger = createLogger('silent');
void inject('dbMode');

// The product's gate and import route, with a small upload limit so the test need not send 512 MB.
const deps = { db: knex, options: DEFAULT_AUTH_OPTIONS };
const app = express();
app.use(express.json({ limit: '1mb' }));
app.use('/api', authenticate(deps, logger));
app.use(authRoutes(deps));
app.use(importRoutes(knex, logger, { maxUploadBytes: 64 * 1024 }));
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
  // A rejected row's cells are raw source data: a cell such as =HYPERLINK(…) must not reach the user's
  // spreadsheet live (regression: the rejected-rows CSV was written without formula escaping).
  it('escapes formula cells in the CSV of rejected rows (CSV injection)', async () => {
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

/** A ZIP archive of deflated entries (CRCs left 0: the guard reads only the central directory). */
function zip(entries: [name: string, text: string][]): Buffer {
  const parts: Buffer[] = [];
  const dir: Buffer[] = [];
  let offset = 0;
  for (const [entryName, text] of entries) {
    const data = Buffer.from(text);
    const packed = zlib.deflateRawSync(data);
    const name = Buffer.from(entryName);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    parts.push(local, name, packed);
    dir.push(central, name);
    offset += 30 + name.length + packed.length;
  }
  const directory = Buffer.concat(dir);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, directory, end]);
}

describe('zip-bomb upload', () => {
  const ns = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
  const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  const bomb = zip([
    [
      '[Content_Types].xml',
      `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`,
    ],
    [
      '_rels/.rels',
      `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ],
    [
      'xl/workbook.xml',
      `<?xml version="1.0"?><workbook xmlns="${ns}" xmlns:r="${rel}"><sheets><sheet name="案件" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    ],
    [
      'xl/_rels/workbook.xml.rels',
      `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
    ],
    [
      'xl/worksheets/sheet1.xml',
      `<?xml version="1.0"?><worksheet xmlns="${ns}"><sheetData>${'<row/>'.repeat(600_000)}</sheetData></worksheet>`,
    ],
  ]);

  it('is a bomb the guard refuses (3.6 MB of XML from a few kilobytes)', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sj-bomb-')), 'bomb.xlsx');
    fs.writeFileSync(file, bomb);
    await expect(checkUpload(file)).rejects.toMatchObject({ status: 413, code: 'xlsx_zip_bomb' });
  });

  // Regression: the upload route imported the saved file without checkUpload(), so a workbook whose sheet
  // inflates a thousandfold reached the XLSX reader.
  it('refuses a workbook whose sheet inflates a thousandfold, with a clear 413', async () => {
    expect(bomb.length).toBeLessThan(64 * 1024);
    const analyst = await loginAs(app, knex, 'analyst');
    const res = await analyst
      .post('/api/imports/litigation')
      .set('Content-Type', 'application/octet-stream')
      .set('X-File-Name', encodeURIComponent('炸弹.xlsx'))
      .send(bomb);
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('xlsx_zip_bomb');
    expect(res.body.error.message).toMatch(/压缩炸弹/);
  });
});
