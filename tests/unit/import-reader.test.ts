import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ImportRefused } from '../../server/services/import/errors.ts';
import { inspectFile, openTable, type RawRow } from '../../server/services/import/reader.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sj-reader-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
let n = 0;
const file = (content: Buffer | string) => {
  const f = path.join(dir, `f${n++}`);
  fs.writeFileSync(f, content);
  return f;
};
const gbk = (s: string) => {
  // GB18030 bytes of a few characters, worked out from the code tables: 案 B0B8, 号 BAC5, 县 CFD8.
  const table: Record<string, number[]> = { 案: [0xb0, 0xb8], 号: [0xba, 0xc5], 县: [0xcf, 0xd8] };
  return Buffer.from([...s].flatMap((c) => table[c] ?? [c.charCodeAt(0)]));
};
async function rows(f: string): Promise<{ headers: string[]; rows: RawRow[] }> {
  const t = await openTable(f, await inspectFile(f));
  const out: RawRow[] = [];
  for await (const r of t.rows) out.push(r);
  return { headers: t.headers, rows: out };
}

describe('inspectFile', () => {
  it('finds GBK even when the first 100 KB are ASCII', async () => {
    const f = file(Buffer.concat([Buffer.from('a,b\n' + 'x,y\n'.repeat(25_000)), gbk('县,案号\n')]));
    expect(await inspectFile(f)).toMatchObject({ format: 'csv', encoding: 'gb18030' });
  });

  it('tells UTF-8 from UTF-8 with BOM and hashes the bytes', async () => {
    const plain = await inspectFile(file('案号\n1\n'));
    expect(plain).toMatchObject({ encoding: 'utf-8', size: 9 }); // 2 × 3 bytes + 3 ASCII;
    expect(plain.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(await inspectFile(file('\uFEFF案号\n1\n'))).toMatchObject({ encoding: 'utf-8-bom' });
  });

  it('recognises XLSX, JSON and NDJSON by content', async () => {
    expect((await inspectFile(file(Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2])))).format).toBe('xlsx');
    expect((await inspectFile(file(' \n[{"案号":"1"}]'))).format).toBe('json');
    expect((await inspectFile(file('{"案号":"1"}\n'))).format).toBe('ndjson');
  });

  it.each([
    ['an empty file', Buffer.alloc(0), /empty/],
    ['a legacy .xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1]), /\.xls/],
    ['binary bytes', Buffer.from([0x41, 0x00, 0x42, 0x01, 0x02]), /binary/],
  ])('refuses %s', async (_what, content, message) => {
    const err = await inspectFile(file(content)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportRefused);
    expect((err as Error).message).toMatch(message);
  });
});

describe('openTable', () => {
  it('reads GBK CSV cells, skips blank rows and numbers rows as a spreadsheet does', async () => {
    const t = await rows(
      file(Buffer.concat([gbk('案号,县\r\n'), Buffer.from('1,"a\r\nb"\r\n,\r\n\r\n'), gbk('2,县\r\n')])),
    );
    expect(t.headers).toEqual(['案号', '县']);
    expect(t.rows).toEqual([
      { rowNumber: 2, cells: ['1', 'a\r\nb'] },
      { rowNumber: 5, cells: ['2', '县'] },
    ]);
  });

  it('pads short rows and cuts long ones to the header', async () => {
    const t = await rows(file('a,b,c\n1\n1,2,3,4\n'));
    expect(t.rows.map((r) => r.cells)).toEqual([
      ['1', '', ''],
      ['1', '2', '3'],
    ]);
  });

  it('ends a row at every line break when a file mixes CRLF, LF and CR (auto-detection joined two rows)', async () => {
    const t = await rows(file('案号,被告\r\n1,县公安局\n2,县自规局\r3,"城关镇\r\n人民政府"\r\n'));
    expect(t.rows).toEqual([
      { rowNumber: 2, cells: ['1', '县公安局'] },
      { rowNumber: 3, cells: ['2', '县自规局'] },
      { rowNumber: 4, cells: ['3', '城关镇\r\n人民政府'] },
    ]);
  });

  it('reads a JSON array with keys in any record, values as text', async () => {
    const t = await rows(file('[{"案号":"1","是否开庭":true},{"filed_on":45000,"案号":null}]'));
    expect(t.headers).toEqual(['案号', '是否开庭', 'filed_on']);
    expect(t.rows).toEqual([
      { rowNumber: 2, cells: ['1', 'true', ''] },
      { rowNumber: 3, cells: ['', '', '45000'] },
    ]);
  });

  it('refuses a file with no header row', async () => {
    await expect(rows(file('\n\n,,\n'))).rejects.toThrow(/no header row/);
  });
});
