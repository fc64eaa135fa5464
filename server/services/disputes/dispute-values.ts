/**
 * A dispute's proposed value, checked and put in canonical text (the form dispute and correction rows keep, and
 * correction.repository.ts compares with the source): the code lists and booleans of the import contract
 * (DESIGN.md §3, §5, read the way the importer reads a cell), units by code, name or alias. And the §3 cross-field
 * rules a record must still meet with the value in place, so a correction can never make a record the importer
 * would reject.
 */
import type { DisputeFamily } from '../../contracts/dispute.ts';
import { CLOSINGS, JUDGMENTS, PRE_RESULTS, REC_DECISIONS } from '../../domain/code-lists.ts';
import { codeText, parseBool, splitNames } from '../import/parse-text.ts';

/** A proposed value or a request the rules refuse: HTTP 400. */
export class DisputeRequestError extends Error {}

const CODE_LISTS: Record<string, readonly string[]> = {
  closing: CLOSINGS,
  judgment: JUDGMENTS,
  decision: REC_DECISIONS,
  result: PRE_RESULTS,
};
const BOOLEANS = new Set(['hearing_held', 'head_appeared', 'head_spoke']);
const UNIT_FIELDS = new Set(['respondent', 'unit', 'reconsideration_codefendant']);

export type ValueShape =
  { kind: 'code'; list: readonly string[] } | { kind: 'bool' } | { kind: 'unit' } | { kind: 'units' };

export function valueShape(field: string): ValueShape {
  const list = CODE_LISTS[field];
  if (list) return { kind: 'code', list };
  if (BOOLEANS.has(field)) return { kind: 'bool' };
  if (UNIT_FIELDS.has(field)) return { kind: 'unit' };
  if (field === 'defendants') return { kind: 'units' };
  throw new DisputeRequestError(`不能对字段 ${field} 提出异议 / field ${field} cannot be disputed`);
}

/** The names a unit-valued proposal asks for (to look up), or [] for other fields. */
export function unitNamesOf(field: string, input: string | boolean | string[]): string[] {
  const shape = valueShape(field);
  if (shape.kind !== 'unit' && shape.kind !== 'units') return [];
  if (typeof input === 'boolean') throw new DisputeRequestError('须填写单位编码 / give unit codes');
  const names = Array.isArray(input) ? input.map((s) => s.trim()).filter(Boolean) : splitNames(input);
  if (!names.length) throw new DisputeRequestError('须填写单位 / give at least one unit');
  if (shape.kind === 'unit' && names.length > 1) {
    throw new DisputeRequestError('只能填写一个单位 / give exactly one unit');
  }
  return names;
}

/**
 * The canonical text of a proposal: a code-list value, 'true'/'false', a unit code, or the charged units' codes
 * sorted and joined by ','. `units` resolves each name given (unitNamesOf) to its unit.
 */
export function canonicalValue(
  field: string,
  input: string | boolean | string[],
  units: Map<string, { code: string }>,
): string {
  const shape = valueShape(field);
  switch (shape.kind) {
    case 'code': {
      const v = typeof input === 'string' ? codeText(input) : '';
      if (!shape.list.includes(v)) {
        throw new DisputeRequestError(
          `值“${String(input)}”不在代码表中（可选：${shape.list.join('、')}） / "${String(input)}" is not one of: ${shape.list.join(', ')}`,
        );
      }
      return v;
    }
    case 'bool': {
      const b = typeof input === 'boolean' ? input : typeof input === 'string' ? parseBool(input) : null;
      if (b === null) throw new DisputeRequestError(`值须为“是/否” / the value must be 是/否 (true/false)`);
      return String(b);
    }
    default: {
      const names = unitNamesOf(field, input);
      const missing = names.filter((n) => !units.has(n));
      if (missing.length) {
        throw new DisputeRequestError(`没有单位 ${missing.join('、')} / no unit ${missing.join(', ')}`);
      }
      const codes = [...new Set(names.map((n) => units.get(n)!.code))];
      // Code-unit order, as PostgreSQL's COLLATE "C" sorts them (correction.repository.ts compares sorted lists).
      return codes.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).join(',');
    }
  }
}

/**
 * Refuses a value that would leave the record breaking a §3 rule (the database would refuse it too): a closing
 * for a pending case, 判决 without 裁判结果, a head who spoke without appearing, or appeared without a hearing; a
 * decision for an open reconsideration case; a pre-litigation result without its date (or 进行中 with one).
 */
export function checkRecordRules(
  family: DisputeFamily,
  field: string,
  value: string,
  record: Record<string, unknown>,
): void {
  const after: Record<string, unknown> = { ...record };
  if (valueShape(field).kind === 'bool') after[field] = value === 'true';
  else after[field] = value;
  const refuse = (zh: string, en: string) => {
    throw new DisputeRequestError(`${zh} / ${en}`);
  };
  if (family === 'litigation') {
    if (field === 'closing' && after.closed_on == null) {
      refuse('案件尚未结案，不能更正结案方式', 'the case is pending: it has no closing to correct');
    }
    if (after.closing === '判决' && after.judgment == null) {
      refuse(
        '改为判决须有裁判结果：请先对「裁判结果」提出异议',
        'a 判决 closing needs a judgment: dispute the judgment first',
      );
    }
    if (after.head_spoke === true && after.head_appeared !== true) {
      refuse('负责人未出庭，不能记为发言', 'a head who did not appear cannot have spoken');
    }
    if (after.head_appeared === true && after.hearing_held !== true) {
      refuse('未开庭，不能记为负责人出庭', 'a head cannot appear where no hearing was held');
    }
  } else if (family === 'reconsideration') {
    if (field === 'decision' && after.closed_on == null) {
      refuse('复议案件尚未结案，不能更正决定类型', 'the case is open: it has no decision to correct');
    }
  } else if (field === 'result' && (after.result === '进行中') !== (after.result_on == null)) {
    refuse(
      after.result_on == null
        ? '登记尚未办结（无结果日期），不能更正为已办结的结果'
        : '已办结的登记不能改为“进行中”',
      after.result_on == null
        ? 'the dispute has no result date: it cannot be given a final result'
        : 'a concluded dispute cannot be set back to 进行中',
    );
  }
}
