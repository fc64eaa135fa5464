/**
 * Turning a validated record into its staging line: unit names resolved to unit ids, or — when any name does not
 * match — the names that block it (the whole row then waits in the unmatched queue, DESIGN.md §2).
 */
import { commonCells, copyLine, copyValue, nullCells, type CopyCell } from './stage.ts';

/** The common columns after source_import that a good row leaves empty: raw … record (stage.ts). */
const OK_NULLS = '\t\\N'.repeat(6);
import type { RecordKind } from './types.ts';
import type { UnitMatcher } from './unit-matcher.ts';
import type {
  LitigationRecord,
  PrelitigationRecord,
  ReconsiderationRecord,
  UnitRecord,
  ValidRecord,
} from './validate.ts';

export type Resolution = { ok: true; cells: CopyCell[] } | { ok: false; unmatched: string[] };

function resolveLitigation(r: LitigationRecord, m: UnitMatcher): Resolution {
  const unmatched: string[] = [];
  const ids: number[] = [];
  const names: string[] = [];
  for (const name of r.defendant_names) {
    const id = m.match(name);
    if (id === null) unmatched.push(name);
    else if (!ids.includes(id)) {
      // Two spellings of one unit in the cell charge it once.
      ids.push(id);
      names.push(name);
    }
  }
  let codefId: number | null = null;
  if (r.reconsideration_codefendant_raw !== null) {
    codefId = m.match(r.reconsideration_codefendant_raw);
    if (codefId === null && !unmatched.includes(r.reconsideration_codefendant_raw)) {
      unmatched.push(r.reconsideration_codefendant_raw);
    }
  }
  if (unmatched.length) return { ok: false, unmatched };
  // The reconsideration organ as co-defendant is not charged with the case (国办公开办函〔2016〕201号), even
  // when the court lists it among the defendants — unless it is the only defendant named.
  const charged = codefId !== null && ids.length > 1 && ids.includes(codefId) ? ids.indexOf(codefId) : -1;
  if (charged >= 0) {
    ids.splice(charged, 1);
    names.splice(charged, 1);
  }
  return {
    ok: true,
    cells: [
      r.case_type,
      r.instance,
      r.court,
      r.filed_on,
      r.closed_on,
      r.defendants_raw,
      ids,
      names,
      r.reconsideration_codefendant_raw,
      codefId,
      r.cause_raw,
      r.cause,
      r.domain,
      r.closing,
      r.judgment,
      r.withdrawal_reason,
      r.loss_reason,
      r.hearing_held,
      r.head_appeared,
      r.head_title,
      r.head_spoke,
      r.via_reconsideration,
    ],
  };
}

function resolveReconsideration(r: ReconsiderationRecord, m: UnitMatcher): Resolution {
  const id = m.match(r.respondent_raw);
  if (id === null) return { ok: false, unmatched: [r.respondent_raw] };
  return {
    ok: true,
    cells: [
      r.applied_on,
      r.accepted_on,
      r.intake,
      r.respondent_raw,
      id,
      r.matter,
      r.closed_on,
      r.decision,
      r.litigated_after,
    ],
  };
}

function resolvePrelitigation(r: PrelitigationRecord, m: UnitMatcher): Resolution {
  const id = m.match(r.unit_raw);
  if (id === null) return { ok: false, unmatched: [r.unit_raw] };
  return {
    ok: true,
    cells: [r.registered_on, r.unit_raw, id, r.source, r.domain, r.result, r.result_on],
  };
}

export function resolveRecord(kind: RecordKind, r: ValidRecord, m: UnitMatcher): Resolution {
  switch (kind) {
    case 'litigation':
      return resolveLitigation(r as LitigationRecord, m);
    case 'reconsideration':
      return resolveReconsideration(r as ReconsiderationRecord, m);
    case 'prelitigation':
      return resolvePrelitigation(r as PrelitigationRecord, m);
  }
}

export function unitCells(r: UnitRecord, m: UnitMatcher): CopyCell[] {
  return [r.name, r.kind, r.peer_group, r.aliases, r.aliases.map((a) => m.normalize(a))];
}

/** The staging line of a good record. */
export function okLine(
  rowNumber: number,
  key: string,
  cells: CopyCell[],
  sourceImport: number | null = null,
): string {
  // copyLine([...commonCells({ rowNumber, status: 'ok', key, sourceImport }), ...cells]) without the
  // intermediate arrays: this runs once per good row of every file (tests/unit/import-stage.test.ts pins them equal).
  let line = `${rowNumber}\tok\t${copyValue(key)}\t${sourceImport === null ? '\\N' : sourceImport}${OK_NULLS}`;
  for (let i = 0; i < cells.length; i++) line += '\t' + copyValue(cells[i]!);
  return line + '\n';
}

export function rejectedLine(
  kind: RecordKind | 'units',
  rowNumber: number,
  raw: Record<string, string>,
  column: string | null,
  reason: string,
  reasonEn: string,
): string {
  return copyLine([
    ...commonCells({ rowNumber, status: 'rejected', key: null, raw, column, reason, reasonEn }),
    ...nullCells(kind),
  ]);
}

export function unmatchedLine(
  kind: RecordKind,
  rowNumber: number,
  key: string,
  raw: Record<string, string>,
  names: string[],
  record: ValidRecord,
): string {
  return copyLine([
    ...commonCells({ rowNumber, status: 'unmatched', key, raw, names, record }),
    ...nullCells(kind),
  ]);
}
