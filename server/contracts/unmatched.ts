/**
 * Contract of the unit-name queue (GET /api/unmatched, GET /api/unmatched/rows, POST /api/unmatched/map).
 * Routes and web/src/lib/api import this file; the web with `import type` only (see ./index.ts).
 */
import { z } from 'zod';
import { recordKindSchema, type RecordKind } from './import.ts';

/** A name from imported files that matches no unit, with how many rows wait on it. */
export interface UnmatchedName {
  name: string;
  rows: number;
  kinds: RecordKind[];
  first_seen: Date;
}

/** A row waiting for one of its unit names to be mapped. */
export interface WaitingRow {
  id: number;
  import_id: number;
  kind: RecordKind;
  row_number: number;
  record_key: string;
  raw: Record<string, string>;
  names: string[];
  record: Record<string, unknown> | null;
  created_at: Date;
}

/** POST /api/unmatched/map answers this. */
export interface MapResult {
  name: string;
  unit: { code: string; name: string };
  /** false when the name already was an alias of this unit */
  aliasAdded: boolean;
  applied: number;
  stillWaiting: number;
  inserted: number;
  updated: number;
  unchanged: number;
}

/** GET /api/unmatched/rows?name&kind&limit */
export const waitingRowsQuery = z.object({
  name: z.string().min(1).max(500).optional(),
  kind: recordKindSchema.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});
/** POST /api/unmatched/map { name, code } */
export const mapUnmatchedBody = z.object({
  name: z.string().min(1).max(500),
  code: z.string().min(1).max(32),
});
export type MapUnmatchedRequest = z.infer<typeof mapUnmatchedBody>;

export interface UnmatchedNamesResponse {
  names: UnmatchedName[];
}
export interface WaitingRowsResponse {
  rows: WaitingRow[];
}
