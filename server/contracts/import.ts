/**
 * Contract of the import API (POST /api/imports/:kind, GET /api/imports[/:id[/rejected]]). Routes and
 * web/src/lib/api import this file; the web with `import type` only (see ./index.ts).
 */
import { z } from 'zod';

/** The four kinds of file the importer accepts (DESIGN.md §2–§3); also the import ledger's `kind`. */
export const IMPORT_KINDS = ['units', 'litigation', 'reconsideration', 'prelitigation'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];
export const importKindSchema = z.enum(IMPORT_KINDS);
/** The record kinds: those whose rows name units and can wait in the unmatched queue. */
export const RECORD_KINDS = ['litigation', 'reconsideration', 'prelitigation'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];
export const recordKindSchema = z.enum(RECORD_KINDS);

export type FileFormat = 'csv' | 'xlsx' | 'json' | 'ndjson';
export type TextEncoding = 'utf-8' | 'utf-8-bom' | 'gb18030';

export type ImportStatus = 'committed' | 'duplicate' | 'refused' | 'failed';

/** POST /api/imports/:kind answers this (also inside a 422/500 error body as `import`). */
export interface ImportSummary {
  importId: number;
  /**
   * committed: the file was processed (rows may still have been rejected or queued as unmatched);
   * duplicate: processed, the same bytes were imported before and nothing changed;
   * refused: the file itself could not be used (unreadable, binary, missing required column) — nothing loaded;
   * failed: an unexpected error rolled the whole file back.
   */
  status: ImportStatus;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  unmatched: number;
  warnings: string[];
  error?: string;
}

/** The body of a refused (422) or failed (500) upload: the error and the summary the import still reports. */
export interface ImportErrorBody {
  error: { code: 'import_refused' | 'import_failed'; message: string };
  import: ImportSummary;
}

/** A row of the import ledger (GET /api/imports, GET /api/imports/:id as `import`). */
export interface ImportEntry {
  id: number;
  kind: ImportKind;
  file_name: string;
  file_hash: string;
  file_size: number | null;
  source: string;
  created_by: string | null;
  status: ImportStatus | 'running';
  rows_total: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  unmatched: number;
  warnings: string[];
  error: string | null;
  started_at: Date;
  finished_at: Date | null;
  duration_ms: number | null;
  headers: string[] | null;
  format: FileFormat | null;
  encoding: TextEncoding | null;
}

/** A row an import rejected (GET /api/imports/:id/rejected). */
export interface RejectedRow {
  id: number;
  import_id: number;
  row_number: number;
  raw: Record<string, string>;
  column_name: string | null;
  reason: string;
  reason_en: string;
}

export const importKindParams = z.object({ kind: importKindSchema });
export const importIdParams = z.object({ id: z.coerce.number().int().positive() });
/** GET /api/imports?limit&offset&kind */
export const importListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
  kind: importKindSchema.optional(),
});

export interface ImportListResponse {
  imports: ImportEntry[];
}
export interface ImportResponse {
  import: ImportEntry;
}
export interface RejectedRowsResponse {
  rows: RejectedRow[];
}
