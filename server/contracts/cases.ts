/**
 * Contract of GET /api/units/:code/cases (a unit's records behind its figures). Routes and web/src/lib/api
 * import this file; the web with `import type` only (see ./index.ts).
 */
import type { Family, Label } from '../metrics/types.ts';

/** One record of the list: the family's list columns (CASE_LIST_COLUMNS) and `flag`. */
export type CaseListRow = Record<string, string | boolean | null>;

export interface UnitCasesResult {
  unit: { code: string; name: string; kind: string };
  family: Family;
  period: { from: string; to: string; preset: string; label: Label };
  stream: string | null;
  instances: string[] | null;
  /** The metric whose condition sets each row's `flag`. */
  flag: string;
  columns: readonly string[];
  sort: string;
  dir: 'asc' | 'desc';
  page: number;
  pageSize: number;
  total: number;
  rows: CaseListRow[];
}
