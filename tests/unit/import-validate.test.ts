import { describe, expect, it } from 'vitest';
import { mapHeaders } from '../../server/services/import/columns.ts';
import { ImportRefused } from '../../server/services/import/errors.ts';
import {
  caseType,
  cellReader,
  mapCause,
  parseBool,
  parseDate,
  splitNames,
  validateRow,
  type LitigationRecord,
} from '../../server/services/import/validate.ts';
import { copyLine } from '../../server/services/import/stage.ts';
import { UnitMatcher } from '../../server/services/import/unit-matcher.ts';

describe('parseDate', () => {
  it.each([
    ['2023-03-05', '2023-03-05'],
    ['2023/3/5', '2023-03-05'],
    ['2023.3.5', '2023-03-05'],
    ['2023年3月5日', '2023-03-05'],
    ['２０２３年３月５日', '2023-03-05'],
    ['2023/3/5 0:00', '2023-03-05'],
    ['2023-03-05 14:30:00', '2023-03-05'],
    ['20230305', '2023-03-05'],
    // Excel serials: 44990 is 2023-03-05 (days since 1899-12-30), 45719 is 2025-03-03.
    ['44990', '2023-03-05'],
    ['45719', '2025-03-03'],
    ['44990.5', '2023-03-05'],
  ])('%s → %s', (input, expected) => {
    expect(parseDate(input)).toBe(expected);
  });

  it.each(['2023-13-01', '2023-02-30', '2023-02-29', '1900-01-01', '明天', '3/5/2023', '12', ''])(
    'rejects %s',
    (input) => {
      expect(parseDate(input)).toBeNull();
    },
  );

  it('accepts a leap day', () => {
    expect(parseDate('2024-02-29')).toBe('2024-02-29');
  });
});

describe('parseBool', () => {
  it.each([
    ['是', true],
    ['否', false],
    ['Y', true],
    ['n', false],
    ['TRUE', true],
    ['false', false],
    ['1', true],
    ['0', false],
    ['可能', null],
  ])('%s → %s', (input, expected) => {
    expect(parseBool(input)).toBe(expected);
  });
});

describe('caseType', () => {
  it.each([
    ['(2023)豫1321行初12号', '行初', '一审'],
    ['（2023）豫1321行赔初3号', '行赔初', '一审'],
    ['(2023)豫13行终45号', '行终', '二审'],
    ['(2023)豫行申7号', '行申', '再审'],
    ['(2023)豫13行再2号', '行再', '再审'],
    ['(2023)豫1321行审9号', '行审', '其他'],
    ['A-2023-001', null, '其他'],
  ])('%s → %s %s', (no, type, instance) => {
    expect(caseType(no)).toEqual({ caseType: type, instance });
  });
});

describe('mapCause', () => {
  it.each([
    ['行政处罚', '行政处罚'],
    ['罚款', '行政处罚'],
    ['治安管理行政拘留', '行政处罚'],
    ['政府信息公开答复', '政府信息公开'],
    ['信息公开', '政府信息公开'],
    ['强制拆除', '行政强制执行'],
    ['工伤认定', '行政确认'],
    ['土地行政登记', '行政登记'],
    ['要求履行法定职责', '不履行职责'],
    ['其他纠纷', '其他'],
  ])('%s → %s', (raw, cause) => {
    expect(mapCause(raw)).toBe(cause);
  });
  it('blank is 其他', () => expect(mapCause(null)).toBe('其他'));
});

describe('splitNames', () => {
  it('splits on 、 ; ； , ， and drops blanks and repeats', () => {
    expect(splitNames('县公安局、县自规局；城关镇, 县公安局，')).toEqual(['县公安局', '县自规局', '城关镇']);
  });
});

describe('mapHeaders', () => {
  it('takes Chinese headers or English aliases in any order and warns about unknown columns', () => {
    const m = mapHeaders('reconsideration', ['respondent', '*复议案号', ' Applied_On ', '备注']);
    expect([...m.index.entries()]).toEqual([
      ['respondent', [0]],
      ['case_no', [1]],
      ['applied_on', [2]],
    ]);
    expect(m.warnings).toEqual(['已忽略未知列「备注」 / ignored unknown column "备注"']);
  });

  it('refuses a file without a required column, naming it', () => {
    expect(() => mapHeaders('litigation', ['案号', '被告'])).toThrow(ImportRefused);
    expect(() => mapHeaders('litigation', ['案号', '被告'])).toThrow(/立案日期/);
  });
});

function litigation(row: Record<string, string>) {
  const headers = Object.keys(row);
  const { index } = mapHeaders('litigation', ['案号', '立案日期', '被告', ...headers]);
  const cells = ['(2024)豫1321行初1号', '2024-01-02', '县公安局', ...Object.values(row)];
  return validateRow('litigation', cellReader(index, cells));
}

describe('validateRow (litigation)', () => {
  it('accepts a full closed case and derives instance and cause', () => {
    const v = litigation({
      结案日期: '2024/3/1',
      结案方式: '判决',
      裁判结果: '撤销',
      案由: '罚款',
      是否开庭: '是',
    });
    expect(v.ok).toBe(true);
    const r = (v as { record: LitigationRecord }).record;
    expect(r).toMatchObject({
      instance: '一审',
      case_type: '行初',
      closed_on: '2024-03-01',
      closing: '判决',
      judgment: '撤销',
      cause: '行政处罚',
      cause_raw: '罚款',
      hearing_held: true,
      head_appeared: null,
      defendant_names: ['县公安局'],
    });
  });

  it.each([
    [
      { 结案日期: '2023-12-31', 结案方式: '调解' },
      '结案日期',
      /早于「立案日期」2024-01-02/,
      /before filed_on/,
    ],
    [{ 结案方式: '判决书' }, '结案方式', /“判决书”不在代码表中/, /"判决书" is not one of/],
    [{ 结案日期: '2024-02-01', 结案方式: '判决' }, '裁判结果', /裁判结果/, /judgment .* required/],
    [{ 结案日期: '2024-02-01' }, '结案方式', /结案方式/, /closing .* required/],
    [{ 结案方式: '调解' }, '结案日期', /结案日期/, /closed_on .* empty/],
    [{ 是否开庭: '是', 负责人是否出庭: '否', 负责人是否发言: '是' }, '负责人是否发言', /发言/, /head_spoke/],
    [{ 是否开庭: '否', 负责人是否出庭: '是' }, '负责人是否出庭', /是否开庭/, /hearing_held/],
    [{ 是否开庭: '可能' }, '是否开庭', /“可能”/, /"可能" is not a boolean/],
    [{ 审级: '三审' }, '审级', /“三审”/, /"三审"/],
    [{ 出庭负责人职务: '科长' }, '出庭负责人职务', /“科长”/, /"科长"/],
  ])('rejects %j', (row, column, zh, en) => {
    const v = litigation(row);
    expect(v.ok).toBe(false);
    const { rejection } = v as { rejection: { column: string; reason: string; reasonEn: string } };
    expect(rejection.column).toBe(column);
    expect(rejection.reason).toMatch(zh);
    expect(rejection.reasonEn).toMatch(en);
  });
});

describe('UnitMatcher', () => {
  const m = new UnitMatcher(
    [
      { id: 1, code: 'G01', name: '示例县人民政府', kind: '县政府' },
      { id: 2, code: 'A01', name: '示例县公安局', kind: '县直部门' },
      { id: 3, code: 'T01', name: '示例县城关镇', kind: '乡镇街道' },
      { id: 4, code: 'T02', name: '示例县东关街道', kind: '乡镇街道' },
      // Two units whose names normalise alike: neither matches by the normalised name.
      { id: 5, code: 'X1', name: '示例县林业局', kind: '县直部门' },
      { id: 6, code: 'X2', name: '县林业局', kind: '垂管单位' },
    ],
    [{ alias: '公安', unit_id: 2 }],
  );
  it.each([
    ['示例县公安局', 2], // exact name
    ['公安', 2], // alias
    ['县公安局', 2], // normalised: county prefix
    ['示例县 公安局', 2], // normalised: spaces
    ['城关镇人民政府', 3], // normalised: 人民政府
    ['东关街道办事处', 4], // normalised: 办事处
    ['示例县人民政府', 1],
    ['县人民政府', 1],
    ['县林业局', 6], // exact wins over the ambiguous normalised key
    ['林业局', null], // ambiguous
    ['县教育局', null],
  ])('%s → %s', (name, id) => {
    expect(m.match(name)).toBe(id);
  });
});

describe('copyLine', () => {
  it('escapes COPY text specials, nulls, booleans and arrays', () => {
    expect(copyLine(['a\tb\\c\nd\re', null, true, [1, 2], ['x"y', 'z\\w', '、']])).toBe(
      'a\\tb\\\\c\\nd\\re\t\\N\tt\t{1,2}\t{"x\\\\"y","z\\\\\\\\w","、"}\n',
    );
  });
});
