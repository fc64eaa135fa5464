import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import {
  checkUpload,
  checkXlsxArchive,
  looksLikeZip,
  UploadRefused,
} from '../../server/http/security.upload.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sj-zip-'));

/** A minimal ZIP writer for fixtures: stored sizes are the real ones (CRCs are not checked by the guard). */
function zip(entries: { name: string; data: Buffer }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const packed = zlib.deflateRawSync(e.data);
    const name = Buffer.from(e.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(e.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(e.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, packed);
    centrals.push(central, name);
    offset += 30 + name.length + packed.length;
  }
  const dirBuf = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dirBuf.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dirBuf, end]);
}

function save(name: string, bytes: Buffer): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  return file;
}

async function refusal(file: string, limits = {}): Promise<UploadRefused> {
  const err: unknown = await checkXlsxArchive(file, limits).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(UploadRefused);
  return err as UploadRefused;
}

describe('XLSX zip-bomb limits', () => {
  it('accepts a real workbook written by a spreadsheet library', async () => {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('案件');
    sheet.addRow(['案号', '立案日期', '被告']);
    for (let i = 1; i <= 500; i++)
      sheet.addRow([`(2025)示1321行初${i}号`, new Date(2025, 0, 1 + (i % 300)), '县公安局']);
    const file = path.join(dir, 'real.xlsx');
    await wb.xlsx.writeFile(file);
    expect(looksLikeZip(fs.readFileSync(file).subarray(0, 4))).toBe(true);
    await expect(checkXlsxArchive(file)).resolves.toBeUndefined();
  });

  it('refuses a small file that inflates a thousandfold (a zip bomb)', async () => {
    const bomb = save(
      'bomb.xlsx',
      zip([{ name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(64 * 1024 * 1024) }]),
    );
    expect(fs.statSync(bomb).size).toBeLessThan(200 * 1024);
    const err = await refusal(bomb);
    expect(err.status).toBe(413);
    expect(err.code).toBe('xlsx_zip_bomb');
    expect(err.message).toMatch(/压缩炸弹.*zip bomb/);
  });

  it('refuses an archive expanding beyond the total limit', async () => {
    const big = save(
      'big.xlsx',
      zip([
        { name: 'a.xml', data: Buffer.from('x'.repeat(3 * 1024 * 1024)) },
        { name: 'b.xml', data: Buffer.from('y'.repeat(3 * 1024 * 1024)) },
      ]),
    );
    const err = await refusal(big, { maxUncompressedBytes: 4 * 1024 * 1024, maxRatio: 100_000 });
    expect(err.code).toBe('xlsx_too_large_uncompressed');
    expect(err.message).toContain('6 MB');
  });

  it('refuses an archive with thousands of entries', async () => {
    const many = save(
      'many.xlsx',
      zip(Array.from({ length: 2_500 }, (_, i) => ({ name: `xl/p${i}.xml`, data: Buffer.from('<a/>') }))),
    );
    expect((await refusal(many)).code).toBe('xlsx_too_many_entries');
  });

  it('calls a truncated or fake archive damaged rather than crashing', async () => {
    const real = fs.readFileSync(path.join(dir, 'real.xlsx'));
    expect((await refusal(save('cut.xlsx', real.subarray(0, real.length - 40)))).code).toBe('corrupt_xlsx');
    expect((await refusal(save('fake.xlsx', Buffer.from('PK\u0003\u0004 not really a zip')))).code).toBe(
      'corrupt_xlsx',
    );
  });
});

describe('checkUpload', () => {
  it('checks ZIP-based uploads whatever their name and lets text through', async () => {
    const bomb = save('looks-like.csv', zip([{ name: 'x.xml', data: Buffer.alloc(32 * 1024 * 1024) }]));
    await expect(checkUpload(bomb)).rejects.toMatchObject({ code: 'xlsx_zip_bomb' });
    const csv = save('cases.csv', Buffer.from('案号,立案日期,被告\r\n'));
    await expect(checkUpload(csv)).resolves.toBeUndefined();
  });
});
