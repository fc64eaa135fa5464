/**
 * Row validation per DESIGN.md §3: required fields, dates, booleans, code lists and the cross-field rules. A bad
 * row is rejected with a reason in Chinese and English naming the column and the value — never silently fixed.
 * Pure: unit names are split here but matched later (unit-matcher.ts).
 */
import {
  CLOSINGS,
  HEAD_TITLES,
  INSTANCES,
  JUDGMENTS,
  LOSS_REASONS,
  PRE_RESULTS,
  PRE_SOURCES,
  REC_DECISIONS,
  REC_INTAKES,
  UNIT_KINDS,
  WITHDRAWAL_REASONS,
} from '../../domain/code-lists.ts';
import { columnSpec } from '../../domain/record-columns.ts';
import {
  caseType,
  codeText,
  mapCause,
  MAX_YEAR,
  MIN_YEAR,
  parseBool,
  parseDate,
  splitNames,
} from './parse-text.ts';
import type {
  ImportKind,
  LitigationRecord,
  PrelitigationRecord,
  ReconsiderationRecord,
  UnitRecord,
  ValidRecord,
} from './types.ts';

export type { LitigationRecord, PrelitigationRecord, ReconsiderationRecord, UnitRecord, ValidRecord };

export interface Rejection {
  /** The column at fault (Chinese header), or null for a row-level problem. */
  column: string | null;
  reason: string;
  reasonEn: string;
}

export type Validated<R> = { ok: true; record: R } | { ok: false; rejection: Rejection };

class RowError extends Error {
  constructor(readonly rejection: Rejection) {
    super(rejection.reasonEn);
  }
}

/** A cell reader for one row: trimmed text, null when blank or the column is absent. */
export type Cells = (key: string) => string | null;

export function cellReader(index: Map<string, number[]>, cells: readonly string[]): Cells {
  return (key) => {
    const columns = index.get(key);
    if (columns === undefined) return null;
    for (const i of columns) {
      const v = cells[i]?.trim() ?? '';
      if (v !== '') return v;
    }
    return null;
  };
}

const q = (v: string) => `“${v}”`;

function fail(kind: ImportKind, key: string, zh: string, en: string): never {
  const spec = columnSpec(kind, key);
  throw new RowError({
    column: spec.header,
    reason: `「${spec.header}」${zh}`,
    reasonEn: `${key} (${spec.header}) ${en}`,
  });
}

function required(kind: ImportKind, c: Cells, key: string): string {
  const v = c(key);
  if (v === null) fail(kind, key, '为必填项，但为空', 'is required but empty');
  return v;
}

function date(kind: ImportKind, c: Cells, key: string, req: true): string;
function date(kind: ImportKind, c: Cells, key: string, req?: false): string | null;
function date(kind: ImportKind, c: Cells, key: string, req = false): string | null {
  const v = req ? required(kind, c, key) : c(key);
  if (v === null) return null;
  const parsed = parseDate(v);
  if (parsed === null) {
    fail(
      kind,
      key,
      `的值${q(v)}不是有效日期（应为 2023-03-05、2023/3/5、2023年3月5日或 Excel 日期，年份 ${MIN_YEAR}–${MAX_YEAR}）`,
      `"${v}" is not a valid date (expected 2023-03-05, 2023/3/5, 2023年3月5日 or an Excel date, years ${MIN_YEAR}–${MAX_YEAR})`,
    );
  }
  return parsed;
}

// ——— booleans and code lists ———

function bool(kind: ImportKind, c: Cells, key: string): boolean | null {
  const v = c(key);
  if (v === null) return null;
  const b = parseBool(v);
  if (b === null) {
    fail(kind, key, `的值${q(v)}不是“是/否”`, `"${v}" is not a boolean (是/否, Y/N, true/false, 1/0)`);
  }
  return b;
}

function code<T extends string>(kind: ImportKind, c: Cells, key: string, list: readonly T[]): T | null {
  const v = c(key);
  if (v === null) return null;
  const s = codeText(v);
  const hit = list.find((x) => x === s);
  if (hit === undefined) {
    fail(
      kind,
      key,
      `的值${q(v)}不在代码表中（可选：${list.join('、')}）`,
      `"${v}" is not one of: ${list.join(', ')}`,
    );
  }
  return hit;
}

const text = (c: Cells, key: string): string | null => c(key);

export { caseType, mapCause, parseBool, parseDate, splitNames };

// ——— per kind ———

function cross(zh: string, en: string, column: string | null): never {
  throw new RowError({ column, reason: zh, reasonEn: en });
}

function validateUnit(c: Cells): UnitRecord {
  const K = 'units';
  const code = required(K, c, 'code');
  if (!/^[A-Za-z0-9_-]{1,32}$/.test(code)) {
    fail(
      K,
      'code',
      `的值${q(code)}无效（只能由字母、数字、- 和 _ 组成，最长 32 位）`,
      `"${code}" is not a valid code (letters, digits, - and _, at most 32)`,
    );
  }
  const name = required(K, c, 'name');
  const kind = code_(K, c, 'kind', UNIT_KINDS);
  if (kind === null) fail(K, 'kind', '为必填项，但为空', 'is required but empty');
  const aliases = splitNames(c('aliases') ?? '').filter((a) => a !== name);
  return { code, name, kind, aliases, peer_group: text(c, 'group') };
}

// `code` is shadowed by a local in validateUnit; this alias keeps the call readable there.
const code_ = code;

function validateLitigation(c: Cells): LitigationRecord {
  const K = 'litigation';
  const case_no = required(K, c, 'case_no');
  const { caseType: case_type, instance: impliedInstance } = caseType(case_no);
  const instance = code(K, c, 'instance', INSTANCES) ?? impliedInstance;
  const filed_on = date(K, c, 'filed_on', true);
  const closed_on = date(K, c, 'closed_on');
  const defendants_raw = required(K, c, 'defendants');
  const defendant_names = splitNames(defendants_raw);
  if (!defendant_names.length)
    fail(K, 'defendants', `的值${q(defendants_raw)}中没有单位名称`, `"${defendants_raw}" names no unit`);
  const codefendant = text(c, 'reconsideration_codefendant');
  const cause_raw = text(c, 'cause');
  const closing = code(K, c, 'closing', CLOSINGS);
  const judgment = code(K, c, 'judgment', JUDGMENTS);
  const withdrawal_reason = code(K, c, 'withdrawal_reason', WITHDRAWAL_REASONS);
  const loss_reason = code(K, c, 'loss_reason', LOSS_REASONS);
  const hearing_held = bool(K, c, 'hearing_held');
  const head_appeared = bool(K, c, 'head_appeared');
  const head_title = code(K, c, 'head_title', HEAD_TITLES);
  const head_spoke = bool(K, c, 'head_spoke');
  const via_reconsideration = bool(K, c, 'via_reconsideration');

  if (closed_on !== null && closed_on < filed_on) {
    cross(
      `「结案日期」${closed_on} 早于「立案日期」${filed_on}`,
      `closed_on (结案日期) ${closed_on} is before filed_on (立案日期) ${filed_on}`,
      '结案日期',
    );
  }
  if (closed_on !== null && closing === null) {
    cross(
      `已结案（「结案日期」${closed_on}）但「结案方式」为空`,
      `closing (结案方式) is required for a closed case (closed_on ${closed_on})`,
      '结案方式',
    );
  }
  if (closed_on === null && closing !== null) {
    cross(
      `「结案方式」为${q(closing)}但「结案日期」为空`,
      `closing (结案方式) "${closing}" is given but closed_on (结案日期) is empty`,
      '结案日期',
    );
  }
  if (closing === '判决' && judgment === null) {
    cross(
      '「结案方式」为“判决”但「裁判结果」为空',
      'judgment (裁判结果) is required when closing is 判决',
      '裁判结果',
    );
  }
  if (head_spoke === true && head_appeared !== true) {
    cross(
      `「负责人是否发言」为“是”但「负责人是否出庭」为${head_appeared === false ? '“否”' : '空'}`,
      `head_spoke (负责人是否发言) is true while head_appeared (负责人是否出庭) is ${head_appeared === false ? 'false' : 'empty'}`,
      '负责人是否发言',
    );
  }
  if (head_appeared === true && hearing_held !== true) {
    cross(
      `「负责人是否出庭」为“是”但「是否开庭」为${hearing_held === false ? '“否”' : '空'}`,
      `head_appeared (负责人是否出庭) is true while hearing_held (是否开庭) is ${hearing_held === false ? 'false' : 'empty'}`,
      '负责人是否出庭',
    );
  }
  return {
    case_no,
    case_type,
    instance,
    court: text(c, 'court'),
    filed_on,
    closed_on,
    defendants_raw,
    defendant_names,
    reconsideration_codefendant_raw: codefendant,
    cause_raw,
    cause: mapCause(cause_raw),
    domain: text(c, 'domain'),
    closing,
    judgment,
    withdrawal_reason,
    loss_reason,
    hearing_held,
    head_appeared,
    head_title,
    head_spoke,
    via_reconsideration,
  };
}

function validateReconsideration(c: Cells): ReconsiderationRecord {
  const K = 'reconsideration';
  const case_no = required(K, c, 'case_no');
  const applied_on = date(K, c, 'applied_on', true);
  const accepted_on = date(K, c, 'accepted_on');
  const intake = code(K, c, 'intake', REC_INTAKES) ?? '受理';
  const respondent_raw = required(K, c, 'respondent');
  const closed_on = date(K, c, 'closed_on');
  const decision = code(K, c, 'decision', REC_DECISIONS);
  const litigated_after = bool(K, c, 'litigated_after');
  if (accepted_on !== null && accepted_on < applied_on) {
    cross(
      `「受理日期」${accepted_on} 早于「申请日期」${applied_on}`,
      `accepted_on (受理日期) ${accepted_on} is before applied_on (申请日期) ${applied_on}`,
      '受理日期',
    );
  }
  if (closed_on !== null && closed_on < applied_on) {
    cross(
      `「结案日期」${closed_on} 早于「申请日期」${applied_on}`,
      `closed_on (结案日期) ${closed_on} is before applied_on (申请日期) ${applied_on}`,
      '结案日期',
    );
  }
  if (closed_on !== null && decision === null) {
    cross(
      `已结案（「结案日期」${closed_on}）但「决定类型」为空`,
      `decision (决定类型) is required for a closed case (closed_on ${closed_on})`,
      '决定类型',
    );
  }
  return {
    case_no,
    applied_on,
    accepted_on,
    intake,
    respondent_raw,
    matter: text(c, 'matter'),
    closed_on,
    decision,
    litigated_after,
  };
}

function validatePrelitigation(c: Cells): PrelitigationRecord {
  const K = 'prelitigation';
  const dispute_no = required(K, c, 'dispute_no');
  const registered_on = date(K, c, 'registered_on', true);
  const unit_raw = required(K, c, 'unit');
  const source = code(K, c, 'source', PRE_SOURCES);
  const result = code(K, c, 'result', PRE_RESULTS) ?? '进行中';
  const result_on = date(K, c, 'result_on');
  if (result !== '进行中' && result_on === null) {
    cross(
      `「结果」为${q(result)}但「结果日期」为空`,
      `result_on (结果日期) is required when result is ${result}`,
      '结果日期',
    );
  }
  if (result === '进行中' && result_on !== null) {
    cross(
      `「结果」为“进行中”但填写了「结果日期」${result_on}`,
      `result_on (结果日期) ${result_on} is given but result (结果) is 进行中 (pending)`,
      '结果日期',
    );
  }
  if (result_on !== null && result_on < registered_on) {
    cross(
      `「结果日期」${result_on} 早于「登记日期」${registered_on}`,
      `result_on (结果日期) ${result_on} is before registered_on (登记日期) ${registered_on}`,
      '结果日期',
    );
  }
  return { dispute_no, registered_on, unit_raw, source, domain: text(c, 'domain'), result, result_on };
}

const VALIDATORS: Record<ImportKind, (c: Cells) => ValidRecord> = {
  units: validateUnit,
  litigation: validateLitigation,
  reconsideration: validateReconsideration,
  prelitigation: validatePrelitigation,
};

export function validateRow(kind: ImportKind, c: Cells): Validated<ValidRecord> {
  try {
    return { ok: true, record: VALIDATORS[kind](c) };
  } catch (err) {
    if (err instanceof RowError) return { ok: false, rejection: err.rejection };
    throw err;
  }
}

/** The record's key: case number, dispute number or unit code. */
export function recordKey(kind: ImportKind, r: ValidRecord): string {
  switch (kind) {
    case 'units':
      return (r as UnitRecord).code;
    case 'prelitigation':
      return (r as PrelitigationRecord).dispute_no;
    default:
      return (r as LitigationRecord | ReconsiderationRecord).case_no;
  }
}
