/** Shapes of the data page's API (imports, unmatched names, jobs, sources, data-as-of), as the server sends them. */
export const IMPORT_KINDS = ['units', 'litigation', 'reconsideration', 'prelitigation'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];
export type ImportStatus = 'committed' | 'duplicate' | 'refused' | 'failed' | 'running';

/** POST /api/imports/:kind answers this (also inside a 422/500 error body as `import`). */
export interface ImportSummary {
  importId: number;
  status: ImportStatus;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  unmatched: number;
  warnings: string[];
  error?: string;
}

/** A row of the import ledger (GET /api/imports). Times are ISO strings. */
export interface ImportEntry {
  id: number;
  kind: ImportKind;
  file_name: string;
  file_size: number | null;
  source: string;
  created_by: string | null;
  status: ImportStatus;
  rows_total: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  unmatched: number;
  warnings: string[];
  error: string | null;
  started_at: string;
  finished_at: string | null;
  duration_ms: number | null;
  format: string | null;
  encoding: string | null;
}

export interface RejectedRow {
  id: number;
  import_id: number;
  row_number: number;
  raw: Record<string, string>;
  column_name: string | null;
  reason: string;
  reason_en: string;
}

export interface UnmatchedName {
  name: string;
  rows: number;
  kinds: ImportKind[];
  first_seen: string;
}

export interface WaitingRow {
  id: number;
  import_id: number;
  kind: ImportKind;
  row_number: number;
  record_key: string;
  raw: Record<string, string>;
  names: string[];
}

export interface MapResult {
  name: string;
  unit: { code: string; name: string };
  aliasAdded: boolean;
  applied: number;
  stillWaiting: number;
  inserted: number;
  updated: number;
  unchanged: number;
}

export interface JobRun {
  id: number;
  job_name: string;
  trigger: 'schedule' | 'manual';
  status: 'running' | 'succeeded' | 'failed';
  started_at: string;
  finished_at: string | null;
  duration_ms: number | null;
  pages: number;
  files: number;
  records: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  unmatched: number;
  import_ids: number[];
  error: string | null;
}

export interface JobStatus {
  name: string;
  description: string;
  kind: 'pull' | 'housekeeping';
  source: { name: string; kind: ImportKind; type: 'http' | 'folder' } | null;
  schedule: string;
  timezone: string;
  enabled: boolean;
  nextRunAt: string | null;
  lastRun: JobRun | null;
  lastSuccessAt: string | null;
  stale: boolean;
}

/** A source as GET /api/sources shows it: URL without its query, the token's variable name, never a value. */
export interface DataSource {
  name: string;
  kind: ImportKind;
  type: 'http' | 'folder';
  description?: string;
  schedule: string;
  timezone: string;
  enabled: boolean;
  url?: string;
  path?: string;
  format?: string;
  auth?: { header: string; env: string } | null;
  updatedSinceParam?: string;
  job: string;
  state: { last_success_at: string | null; last_failure_at: string | null; last_error: string | null } | null;
  lastRun: JobRun | null;
  nextRunAt: string | null;
  stale: boolean;
  [key: string]: unknown;
}

/** GET /api/data-as-of: the figures-as-of time (as in every metric result), the last delivery, the latest import per kind. */
export interface DataAsOf {
  at: string | null;
  lastDeliveryAt: string | null;
  kinds: Record<ImportKind, string | null>;
}
