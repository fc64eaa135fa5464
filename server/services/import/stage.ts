/**
 * The staging table of an import and the COPY text lines that fill it. Every row of the file lands here — good,
 * rejected (with its raw cells and reason) or unmatched (with its names and validated record) — through one COPY
 * stream; set-based SQL then files each row where it belongs (server/repositories/import.repository.ts). The
 * table's columns are in server/domain/stage-columns.ts, shared with that repository.
 */
import { KIND_STAGE_COLUMNS } from '../../domain/stage-columns.ts';
import type { ImportKind } from './types.ts';

export type StageStatus = 'ok' | 'rejected' | 'unmatched';

export type CopyCell = string | number | boolean | null | readonly string[] | readonly number[];

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
