/**
 * Contract of GET /api/data-as-of. Routes and web/src/lib/api import this file; the web with `import type` only
 * (see ./index.ts).
 */
import type { ImportKind } from './import.ts';

/** The latest delivery overall and the latest committed import per kind. */
export interface DataAsOf {
  /** ISO 8601 (UTC); null when nothing was ever imported. */
  at: string | null;
  kinds: Record<ImportKind, string | null>;
}
