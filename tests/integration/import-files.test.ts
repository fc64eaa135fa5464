/**
 * The importer against real PostgreSQL with fixtures written like real exports (tests/fixtures/import): each
 * format and encoding, each kind, co-defendants, unknown names, every kind of bad row, and files that cannot be
 * used at all. Tests run in order on one database; expected counts are worked out from the fixtures by hand.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../support/database.ts';
import { rejectedRows, rejectedRowsCsv } from '../../server/services/import/import-ledger.service.ts';
import { mapUnitName, unmatchedNames } from '../../server/services/import/import-mapping.service.ts';
import { importFixture, importText, litigationState } from './import-support.ts';

const { knex: db } = await createTestDatabase();

const ledger = (id: number) => db('import_ledger').where({ id }).first();
const count = async (table: string) => Number((await db(table).count<{ c: number }[]>('* as c'))[0]!.c);

describe('importing units', () => {
  it('loads the units file with their aliases', async () => {
    const s = await importFixture(db, 'units', 'units.csv');
    expect(s).toMatchObject({
      status: 'committed',
      inserted: 6,
      updated: 0,
      unchanged: 0,
      rejected: 0,
      unmatched: 0,
    });
    // G01 2 aliases, A01 1, A02 2, A03 1, T01 1, T02 none.
    expect(await count('unit_alias')).toBe(7);
    expect(await db('unit').where({ code: 'T01' }).first()).toMatchObject({
      name: '示例县城关镇',
      kind: '乡镇街道',
      peer_group: '乡镇一组',
    });
  });
});

describe('a GBK CSV with Chinese headers', () => {
  let importId: number;
  beforeAll(async () => {
    const s = await importFixture(db, 'litigation', 'litigation-gbk.csv');
    importId = s.importId;
    // 7 rows: 5 load; 6 (示例县 市场监管局) and 7 (县住建局 beside 示例县公安局) wait for a mapping.
    expect(s).toMatchObject({
      status: 'committed',
      inserted: 5,
      updated: 0,
      unchanged: 0,
      rejected: 0,
      unmatched: 2,
    });
    expect(s.warnings).toContain('已忽略未知列「原告」 / ignored unknown column "原告"');
  });

  it('detects the encoding and records the file in the ledger', async () => {
    expect(await ledger(importId)).toMatchObject({
      kind: 'litigation',
      file_name: 'litigation-gbk.csv',
      status: 'committed',
      format: 'csv',
      encoding: 'gb18030',
      rows_total: 7,
      inserted: 5,
      unmatched: 2,
      created_by: 'tester',
      source: 'cli',
    });
  });

  it('stores each case with its dates, instance, cause and charged units', async () => {
    const s = await litigationState(db);
    expect(s['(2024)豫1321行初1号']).toMatchObject({
      filed_on: '2024-01-10',
      closed_on: '2024-03-15',
      instance: '一审',
      closing: '判决',
      judgment: '驳回诉讼请求',
      cause: '行政处罚',
      cause_raw: '罚款',
      hearing_held: true,
      head_appeared: true,
      head_title: '正职',
      head_spoke: true,
      via_reconsideration: false,
      defendants: ['A01'],
    });
    // Co-defendants: both charged, matched by alias (县自规局) and by normalised name (城关镇人民政府).
    expect(s['(2024)豫1321行初2号']).toMatchObject({
      filed_on: '2024-02-03',
      closed_on: '2024-05-20',
      judgment: '撤销',
      loss_reason: '违反法定程序',
      cause: '行政登记',
      defendants: ['A02', 'T01'],
    });
    // The reconsideration organ as co-defendant is recorded but not charged.
    expect(s['(2024)豫1321行初3号']).toMatchObject({
      filed_on: '2024-03-01',
      closed_on: '2024-06-01',
      closing: '准予撤诉',
      withdrawal_reason: '被告改变',
      codefendant: 'G01',
      defendants: ['A03'],
    });
    expect(s['(2024)豫1321行初4号']).toMatchObject({ closed_on: null, closing: null, defendants: ['T02'] });
    expect(s['(2024)豫13行终5号']).toMatchObject({ instance: '二审', case_type: '行终', head_title: '副职' });
  });

  it('queues the rows with unknown names, whole, with the names that block them', async () => {
    const waiting = await db('unmatched_row').whereNull('applied_at').orderBy('row_number');
    expect(
      waiting.map((w: { record_key: string; names: string[]; row_number: number }) => [
        w.row_number,
        w.record_key,
        w.names,
      ]),
    ).toEqual([
      [7, '(2024)豫1321行初6号', ['示例县 市场监管局']],
      [8, '(2024)豫1321行初7号', ['县住建局']],
    ]);
    expect(await db('litigation_case').where('case_no', 'like', '%行初6号').first()).toBeUndefined();
    expect(await unmatchedNames(db)).toEqual([
      expect.objectContaining({ name: '县住建局', rows: 1, kinds: ['litigation'] }),
      expect.objectContaining({ name: '示例县 市场监管局', rows: 1, kinds: ['litigation'] }),
    ]);
  });
});

describe('the same file twice', () => {
  it('is recognised, reports everything unchanged and changes nothing', async () => {
    const before = await db('litigation_case').select('*').orderBy('case_no');
    const beforeDefendants = await db('litigation_defendant').select('*').orderBy(['case_id', 'position']);
    const s = await importFixture(db, 'litigation', 'litigation-gbk.csv');
    expect(s).toMatchObject({
      status: 'duplicate',
      inserted: 0,
      updated: 0,
      unchanged: 5,
      rejected: 0,
      unmatched: 2,
    });
    expect(s.warnings.some((w) => /same content as import #\d+/.test(w))).toBe(true);
    expect(await db('litigation_case').select('*').orderBy('case_no')).toEqual(before);
    expect(await db('litigation_defendant').select('*').orderBy(['case_id', 'position'])).toEqual(
      beforeDefendants,
    );
    // The waiting rows are not queued twice.
    expect(await db('unmatched_row').whereNull('applied_at').count<{ c: number }[]>('* as c')).toEqual([
      { c: 2 },
    ]);
  });
});

describe('a UTF-8-BOM file with English aliases', () => {
  it('loads reconsideration cases with their respondents', async () => {
    const s = await importFixture(db, 'reconsideration', 'reconsideration-en-bom.csv');
    expect(s).toMatchObject({ status: 'committed', inserted: 4, rejected: 0, unmatched: 0 });
    expect((await ledger(s.importId)).encoding).toBe('utf-8-bom');
    const rows = await db('reconsideration_case as r')
      .join('unit as u', 'u.id', 'r.respondent_unit_id')
      .orderBy('r.case_no')
      .select('r.case_no', 'u.code', 'r.intake', 'r.accepted_on', 'r.decision', 'r.litigated_after');
    expect(rows).toEqual([
      {
        case_no: '示复〔2024〕1号',
        code: 'A01',
        intake: '受理',
        accepted_on: '2024-01-05',
        decision: '维持',
        litigated_after: false,
      },
      {
        case_no: '示复〔2024〕2号',
        code: 'A03',
        intake: '受理',
        accepted_on: '2024-02-04',
        decision: '撤销',
        litigated_after: true,
      },
      {
        case_no: '示复〔2024〕3号',
        code: 'T01',
        intake: '不予受理',
        accepted_on: null,
        decision: null,
        litigated_after: null,
      },
      // 审查结果 blank: 受理 by default.
      {
        case_no: '示复〔2024〕4号',
        code: 'A02',
        intake: '受理',
        accepted_on: '2024-04-03',
        decision: null,
        litigated_after: null,
      },
    ]);
  });
});

describe('a JSON array keyed by Chinese headers or English aliases', () => {
  it('loads pre-litigation disputes, rejects the bad one and queues the unknown unit', async () => {
    const s = await importFixture(db, 'prelitigation', 'prelitigation.json');
    // 5 records: 1–3 load; 4 names 县教育局 (unknown); 5 is 化解成功 without 结果日期.
    expect(s).toMatchObject({ status: 'committed', inserted: 3, rejected: 1, unmatched: 1 });
    const rejected = await rejectedRows(db, s.importId);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]).toMatchObject({ row_number: 6, column_name: '结果日期' });
    expect(rejected[0]!.reason).toMatch(/「结果」为“化解成功”但「结果日期」为空/);
    expect(
      await db('prelitigation_dispute').where({ dispute_no: '示诉前〔2024〕2号' }).first(),
    ).toMatchObject({
      registered_on: '2024-03-01',
      source: '信访',
      result: '进行中',
      result_on: null,
    });
  });
});

describe('an XLSX written by a spreadsheet program', () => {
  it('reads the first sheet, with Excel serial dates', async () => {
    const s = await importFixture(db, 'litigation', 'litigation.xlsx');
    expect(s).toMatchObject({ status: 'committed', inserted: 3, rejected: 0, unmatched: 0 });
    expect((await ledger(s.importId)).format).toBe('xlsx');
    const st = await litigationState(db);
    expect(st['(2025)豫1321行初1号']).toMatchObject({
      filed_on: '2025-01-06',
      closed_on: '2025-03-18',
      judgment: '确认违法',
      head_spoke: false,
      defendants: ['A01'],
    });
    expect(st['(2025)豫1321行初2号']).toMatchObject({
      filed_on: '2025-02-14',
      closed_on: null,
      defendants: ['A02'],
    });
    // 45719 typed into a General cell is still a date.
    expect(st['(2025)豫1321行初3号']).toMatchObject({
      filed_on: '2025-03-03',
      closing: '裁定驳回起诉',
      defendants: ['T01'],
    });
    expect(st['(2025)豫1321行初999号']).toBeUndefined(); // the second sheet
  });
});

describe('a file with every kind of bad row', () => {
  it('rejects each with a reason naming column and value, and loads the good row', async () => {
    const before = await count('litigation_case');
    const s = await importFixture(db, 'litigation', 'litigation-bad-rows.csv');
    expect(s).toMatchObject({
      status: 'committed',
      inserted: 1,
      updated: 0,
      unchanged: 0,
      rejected: 13,
      unmatched: 0,
    });
    expect(await count('litigation_case')).toBe(before + 1);
    const rows = await rejectedRows(db, s.importId);
    expect(rows.map((r) => [r.row_number, r.column_name])).toEqual([
      [2, '立案日期'],
      [3, '立案日期'],
      [4, '结案日期'],
      [5, '结案方式'],
      [6, '裁判结果'],
      [7, '负责人是否发言'],
      [8, '负责人是否出庭'],
      [9, '是否开庭'],
      [10, '结案日期'],
      [11, '结案方式'],
      [12, '案号'],
      [13, '被告'],
      [15, '案号'],
    ]);
    const byRow = new Map(rows.map((r) => [r.row_number, r]));
    expect(byRow.get(3)!.reason).toContain('“2024-13-01”不是有效日期');
    expect(byRow.get(3)!.reason_en).toContain('"2024-13-01" is not a valid date');
    expect(byRow.get(5)!.reason).toContain('“判决书”不在代码表中');
    expect(byRow.get(15)!.reason).toContain('在本文件中重复，已按第 14 行导入');
    // The raw row is kept as read.
    expect(byRow.get(9)!.raw).toMatchObject({ 案号: '(2024)豫1321行初108号', 是否开庭: '可能' });
    const csv = (await rejectedRowsCsv(db, s.importId))!;
    expect(
      csv.startsWith(
        '\uFEFF案号,立案日期,结案日期,被告,结案方式,裁判结果,是否开庭,负责人是否出庭,负责人是否发言,错误原因,error\r\n',
      ),
    ).toBe(true);
    expect(csv.split('\r\n').filter(Boolean)).toHaveLength(14);
  });
});

describe('files that cannot be used', () => {
  const unchanged = async (fn: () => Promise<unknown>) => {
    const before = [
      await count('litigation_case'),
      await count('rejected_row'),
      await count('unmatched_row'),
    ];
    await fn();
    expect([
      await count('litigation_case'),
      await count('rejected_row'),
      await count('unmatched_row'),
    ]).toEqual(before);
  };

  it('refuses an empty file', async () => {
    await unchanged(async () => {
      const s = await importFixture(db, 'litigation', 'empty.csv');
      expect(s).toMatchObject({ status: 'refused', inserted: 0 });
      expect(s.error).toMatch(/文件为空/);
      expect((await ledger(s.importId)).status).toBe('refused');
    });
  });

  it('refuses a binary file renamed .csv', async () => {
    await unchanged(async () => {
      const s = await importFixture(db, 'litigation', 'binary.csv');
      expect(s.status).toBe('refused');
      expect(s.error).toMatch(/not a CSV, XLSX or JSON/);
    });
  });

  it('refuses a file missing a required column, naming it', async () => {
    await unchanged(async () => {
      const s = await importText(
        db,
        'litigation',
        '案号,被告,结案日期\n(2024)豫1321行初900号,示例县公安局,\n',
      );
      expect(s.status).toBe('refused');
      expect(s.error).toContain('缺少必需的列：「立案日期」');
      expect(s.error).toContain('filed_on');
    });
  });

  it('processes a header-only file as empty', async () => {
    await unchanged(async () => {
      const s = await importFixture(db, 'litigation', 'header-only.csv');
      expect(s).toMatchObject({
        status: 'committed',
        inserted: 0,
        updated: 0,
        unchanged: 0,
        rejected: 0,
        unmatched: 0,
      });
      expect(s.warnings).toContain('文件中没有数据行 / the file has no data rows');
    });
  });
});

describe('mapping an unmatched name', () => {
  it('adds the alias and applies the waiting rows in one step', async () => {
    await importText(db, 'units', '编码,名称,类型\nA04,示例县市场监督管理局,县直部门\n', 'more-units.csv');
    const r = await mapUnitName(db, { name: '示例县 市场监管局', code: 'A04', user: 'tester' });
    expect(r).toMatchObject({ aliasAdded: true, applied: 1, stillWaiting: 2, inserted: 1, updated: 0 });
    expect((await litigationState(db))['(2024)豫1321行初6号']).toMatchObject({ defendants: ['A04'] });
    expect(await db('unit_alias').where({ alias: '示例县 市场监管局' }).first()).toMatchObject({
      added_by: 'tester',
    });
  });

  it('refuses an unknown unit code and an alias owned by another unit', async () => {
    await expect(mapUnitName(db, { name: '县住建局', code: 'Z99' })).rejects.toThrow(/Z99/);
    await expect(mapUnitName(db, { name: '县自规局', code: 'A01' })).rejects.toThrow(/A02/);
  });

  it('applies waiting rows when a units file brings the missing unit', async () => {
    const s = await importText(
      db,
      'units',
      '编码,名称,类型,别名\nA05,示例县住房和城乡建设局,县直部门,县住建局\n',
    );
    expect(s.error).toBeUndefined();
    expect(s).toMatchObject({ status: 'committed', inserted: 1 });
    expect(s.warnings.some((w) => w.includes('1 waiting rows now matched'))).toBe(true);
    expect((await litigationState(db))['(2024)豫1321行初7号']).toMatchObject({ defendants: ['A01', 'A05'] });
    expect(await db('unmatched_row').whereNull('applied_at').where({ kind: 'litigation' })).toEqual([]);
  });
});
