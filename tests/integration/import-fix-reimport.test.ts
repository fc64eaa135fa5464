/**
 * Nothing is lost: rejected rows downloaded as CSV, fixed and imported again, and unmatched rows resolved by a
 * mapping or by a corrected file, reach the same records as one clean import of the corrected data.
 */
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { rejectedRowsCsv } from '../../server/services/import/import-ledger.service.ts';
import { mapUnitName } from '../../server/services/import/import-mapping.service.ts';
import { createTestDatabase } from '../support/database.ts';
import { fixture, importFixture, importText, litigationState } from './import-support.ts';
import fs from 'node:fs';

const fixed = await createTestDatabase(); // the user's path: errors, then fixes
const clean = await createTestDatabase(); // one clean import of the corrected data

const MORE_UNITS =
  '编码,名称,类型,别名\nA04,示例县市场监督管理局,县直部门,\nA05,示例县住房和城乡建设局,县直部门,';

type Row = Record<string, string>;

/** What a clerk would change in each rejected row of litigation-bad-rows.csv. */
function fix(r: Row): Row {
  const no = r['案号'] ?? '';
  const patch: Record<string, Row> = {
    '(2024)豫1321行初101号': { 立案日期: '2024-05-01' },
    '(2024)豫1321行初102号': { 立案日期: '2024-03-01' },
    '(2024)豫1321行初103号': { 结案日期: '2024-05-30' },
    '(2024)豫1321行初104号': { 结案方式: '判决' },
    '(2024)豫1321行初105号': { 裁判结果: '驳回诉讼请求' },
    '(2024)豫1321行初106号': { 负责人是否出庭: '是' },
    '(2024)豫1321行初107号': { 是否开庭: '是' },
    '(2024)豫1321行初108号': { 是否开庭: '否' },
    '(2024)豫1321行初109号': { 结案日期: '2024-06-30' },
    '(2024)豫1321行初110号': { 结案方式: '准予撤诉' },
    '': { 案号: '(2024)豫1321行初113号' },
    '(2024)豫1321行初111号': { 被告: '示例县公安局' },
  };
  return { ...r, ...(patch[no] ?? {}) };
}

const toCsv = (rows: Row[]) => {
  const headers = Object.keys(rows[0]!);
  return [headers.join(','), ...rows.map((r) => headers.map((h) => r[h] ?? '').join(','))].join('\n') + '\n';
};
const readCsv = (text: string): Row[] => parse(text, { columns: true, bom: true, skip_empty_lines: true });

describe('fixing rejected and unmatched rows', () => {
  it('reaches the state of a clean import', async () => {
    const a = fixed.knex;
    const b = clean.knex;

    // The user's path.
    await importFixture(a, 'units', 'units.csv');
    const bad = await importFixture(a, 'litigation', 'litigation-bad-rows.csv');
    expect(bad).toMatchObject({ inserted: 1, rejected: 13 });
    const rejected = readCsv((await rejectedRowsCsv(a, bad.importId))!);
    expect(rejected).toHaveLength(13);
    const again = await importText(a, 'litigation', toCsv(rejected.map(fix)), 'fixed.csv');
    // 12 fixed rows are new; the repeated 112 now updates the first one; the reason columns are ignored.
    expect(again).toMatchObject({ status: 'committed', inserted: 12, updated: 1, rejected: 0, unmatched: 0 });
    expect(again.warnings).toContain('已忽略未知列「错误原因」 / ignored unknown column "错误原因"');

    const gbk = await importFixture(a, 'litigation', 'litigation-gbk.csv');
    expect(gbk.unmatched).toBe(2);
    await importText(a, 'units', MORE_UNITS, 'more-units.csv');
    expect(await mapUnitName(a, { name: '县住建局', code: 'A05' })).toMatchObject({
      applied: 1,
      inserted: 1,
    });
    // The other name is corrected in the file, which is imported again.
    const original = new TextDecoder('gb18030').decode(fs.readFileSync(fixture('litigation-gbk.csv')));
    const corrected = original.replace('示例县 市场监管局', '示例县市场监督管理局');
    expect(await importText(a, 'litigation', corrected, 'corrected.csv')).toMatchObject({
      inserted: 1,
      updated: 0,
      unchanged: 6,
      unmatched: 0,
    });
    expect(await a('unmatched_row').whereNull('applied_at').where({ kind: 'litigation' })).toEqual([]);

    // The clean import of the same, corrected data.
    await importFixture(b, 'units', 'units.csv');
    await importText(
      b,
      'units',
      MORE_UNITS.replace('示例县住房和城乡建设局,县直部门,', '示例县住房和城乡建设局,县直部门,县住建局'),
      'more-units.csv',
    );
    const badRows = readCsv(fs.readFileSync(fixture('litigation-bad-rows.csv'), 'utf8'));
    // The corrected data holds the final version of 112 (the file's second row for it) once.
    const cleanRows = badRows.map(fix).filter((r, i) => !(r['案号'] === '(2024)豫1321行初112号' && i === 12));
    expect(await importText(b, 'litigation', toCsv(cleanRows), 'clean.csv')).toMatchObject({
      inserted: 13,
      rejected: 0,
    });
    expect(await importText(b, 'litigation', corrected, 'corrected.csv')).toMatchObject({
      inserted: 7,
      unmatched: 0,
    });

    const stateA = await litigationState(a);
    expect(Object.keys(stateA)).toHaveLength(20);
    expect(stateA).toEqual(await litigationState(b));
  });
});
