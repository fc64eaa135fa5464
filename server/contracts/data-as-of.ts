/**
 * Contract of GET /api/data-as-of. Routes and web/src/lib/api import this file; the web with `import type` only
 * (see ./index.ts).
 */
import type { ImportKind } from './import.ts';

/** The figures-as-of time shown on every screen, the last delivery (data page only) and the latest import per kind. */
export interface DataAsOf {
  /** The figures-as-of time (ISO 8601, UTC), the same as every metric result's `data_as_of`; null: no data. */
  at: string | null;
  /** The latest delivery of any kind (ISO 8601, UTC); null when nothing was ever imported. */
  lastDeliveryAt: string | null;
  /** The latest committed import per kind. */
  kinds: Record<ImportKind, string | null>;
}
