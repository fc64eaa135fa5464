/**
 * The staging table of an import and the COPY text lines that fill it. Every row of the file lands here — good,
 * rejected (with its raw cells and reason) or unmatched (with its names and validated record) — through one COPY
 * stream; set-based SQL then files each row where it belongs (server/repositories/import.repository.ts).
 */
import type { ImportKind } from './types.ts';

export type StageStatus = 'ok' | 'rejected' | 'unmatched';

export type CopyCell = string | number | boolean | null | readonly string[] | readonly number[];

/** Columns every staging table has, in COPY order. */
export const COMMON_STAGE_COLUMNS = [
  ['row_number', 'integer'],
  ['status', 'text'],
  ['key', 'text'],
  ['source_import', 'bigint'], // the import a re-applied waiting row came from (null: this import)
  ['raw', 'jsonb'],
  ['column_name', 'text'],
  ['reason', 'text'],
  ['reason_en', 'text'],
  ['names', 'text[]'],
  ['record', 'jsonb'],
] as const;

/** Typed columns per kind, in COPY order after the common ones. */
export const KIND_STAGE_COLUMNS = {
  units: [
    ['name', 'text'],
    ['kind', 'text'],
    ['peer_group', 'text'],
    ['aliases', 'text[]'],
    ['alias_normalized', 'text[]'],
  ],
  litigation: [
    ['case_type', 'text'],
    ['instance', 'text'],
    ['court', 'text'],
    ['filed_on', 'date'],
    ['closed_on', 'date'],
    ['defendants_raw', 'text'],
    ['defendant_ids', 'integer[]'],
    ['defendant_names', 'text[]'],
    ['codef_raw', 'text'],
    ['codef_unit_id', 'integer'],
    ['cause_raw', 'text'],
    ['cause', 'text'],
    ['domain', 'text'],
    ['closing', 'text'],
    ['judgment', 'text'],
    ['withdrawal_reason', 'text'],
    ['loss_reason', 'text'],
    ['hearing_held', 'boolean'],
    ['head_appeared', 'boolean'],
    ['head_title', 'text'],
    ['head_spoke', 'boolean'],
    ['via_reconsideration', 'boolean'],
  ],
  reconsideration: [
    ['applied_on', 'date'],
    ['accepted_on', 'date'],
    ['intake', 'text'],
    ['respondent_raw', 'text'],
    ['respondent_unit_id', 'integer'],
    ['matter', 'text'],
    ['closed_on', 'date'],
    ['decision', 'text'],
    ['litigated_after', 'boolean'],
  ],
  prelitigation: [
    ['registered_on', 'date'],
    ['unit_raw', 'text'],
    ['unit_id', 'integer'],
    ['source', 'text'],
    ['domain', 'text'],
    ['result', 'text'],
    ['result_on', 'date'],
  ],
} as const satisfies Record<ImportKind, readonly (readonly [string, string])[]>;

export function stageColumns(kind: ImportKind): readonly (readonly [string, string])[] {
  return [...COMMON_STAGE_COLUMNS, ...KIND_STAGE_COLUMNS[kind]];
}

/** Escapes text for COPY's text format: backslash, tab, newline and carriage return. */
function escapeCopy(s: string): string {
  return /[\\\t\n\r]/.test(s) ? s.replace(/[\\\t\n\r]/g, (c) => COPY_ESCAPES[c]!) : s;
}
const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** A PostgreSQL array literal: numbers bare, strings double-quoted with " and \ escaped. */
function arrayLiteral(values: readonly (string | number)[]): string {
  return `{${values
    .map((v) => (typeof v === 'number' ? String(v) : `"${v.replace(/["\\]/g, (c) => `\\${c}`)}"`))
    .join(',')}}`;
}

export function copyValue(v: CopyCell): string {
  if (v === null) return '\\N';
  if (typeof v === 'string') return escapeCopy(v);
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? 't' : 'f';
  return escapeCopy(arrayLiteral(v));
}

/** One COPY text-format line (with its newline). */
export function copyLine(values: readonly CopyCell[]): string {
  let line = '';
  for (let i = 0; i < values.length; i++) line += (i ? '\t' : '') + copyValue(values[i]!);
  return line + '\n';
}

/** The common part of a line: null for every kind column (rejected and unmatched rows). */
export function commonCells(p: {
  rowNumber: number;
  status: StageStatus;
  key: string | null;
  sourceImport?: number | null;
  raw?: unknown;
  column?: string | null;
  reason?: string | null;
  reasonEn?: string | null;
  names?: readonly string[] | null;
  record?: unknown;
}): CopyCell[] {
  return [
    p.rowNumber,
    p.status,
    p.key,
    p.sourceImport ?? null,
    p.raw === undefined ? null : JSON.stringify(p.raw),
    p.column ?? null,
    p.reason ?? null,
    p.reasonEn ?? null,
    p.names ?? null,
    p.record === undefined ? null : JSON.stringify(p.record),
  ];
}

export function nullCells(kind: ImportKind): CopyCell[] {
  return KIND_STAGE_COLUMNS[kind].map(() => null);
}
