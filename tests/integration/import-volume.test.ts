/**
 * A 5 MB, 50,000-row litigation file: loaded, re-imported unchanged, then changed in three rows. Expected
 * figures come from reading the generated file itself, not from the importer.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeLitigationCsv } from '../../bench/import.bench.ts';
import { importFile } from '../../server/services/import/import.service.ts';
import { createTestDatabase } from '../support/database.ts';
import { importFixture } from './import-support.ts';

const { knex: db } = await createTestDatabase();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sj-import-volume-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const ROWS = 50_000;
const file = path.join(dir, 'litigation-50k.csv');
const changedFile = path.join(dir, 'litigation-50k-changed.csv');
const CHANGED = new Set([10, 20_000, 49_999]);
const run = (filePath: string) =>
  importFile(db, { kind: 'litigation', filePath, fileName: path.basename(filePath), source: 'cli' });

beforeAll(async () => {
  expect((await importFixture(db, 'units', 'units.csv')).status).toBe('committed');
  await writeLitigationCsv(file, ROWS);
  await writeLitigationCsv(changedFile, ROWS, { changed: CHANGED });
});

describe('a 50,000-row file', () => {
  let firstId: number;

  it('is over 5 MB and loads every row', async () => {
    expect(fs.statSync(file).size).toBeGreaterThan(5_000_000);
    const lines = fs.readFileSync(file, 'utf8').trim().split('\n').slice(1);
    expect(lines).toHaveLength(ROWS);
    // Rows naming two units (…、示例县人民政府) charge both.
    const twoDefendants = lines.filter((l) => l.includes('、')).length;

    const s = await run(file);
    firstId = s.importId;
    expect(s).toMatchObject({
      status: 'committed',
      inserted: ROWS,
      updated: 0,
      unchanged: 0,
      rejected: 0,
      unmatched: 0,
    });
    expect(await db('litigation_case').count<{ n: number }[]>('* as n')).toEqual([{ n: ROWS }]);
    expect(await db('litigation_defendant').count<{ n: number }[]>('* as n')).toEqual([
      { n: ROWS + twoDefendants },
    ]);
  });

  it('imported again reports every row unchanged and rewrites none', async () => {
    const s = await run(file);
    expect(s).toMatchObject({ status: 'duplicate', inserted: 0, updated: 0, unchanged: ROWS, rejected: 0 });
    expect(
      await db('litigation_case').whereNot({ import_id: firstId }).count<{ n: number }[]>('* as n'),
    ).toEqual([{ n: 0 }]);
  });

  it('changed in three rows reports three updates and changes only those', async () => {
    const s = await run(changedFile);
    expect(s).toMatchObject({
      status: 'committed',
      inserted: 0,
      updated: 3,
      unchanged: ROWS - 3,
      rejected: 0,
    });
    const touched = await db('litigation_case')
      .where({ import_id: s.importId })
      .orderBy('case_no')
      .select('case_no', 'cause_raw');
    expect(touched.map((r: { case_no: string }) => /行初(\d+)号/.exec(r.case_no)![1]).sort()).toEqual([
      '10',
      '20000',
      '49999',
    ]);
    expect(touched.every((r: { cause_raw: string }) => r.cause_raw === '行政处罚')).toBe(true);
    expect((await db('import_ledger').where({ id: s.importId }).first()).updated).toBe(3);
  });
});
