/**
 * Shapes of the data page's API (imports, unmatched names, jobs, sources, data-as-of) as the browser receives
 * them: the server's contracts (server/contracts/) after JSON, imported as types only so no server code reaches
 * the bundle.
 */
import type * as Imports from '../../../../server/contracts/import.ts';
import type { DataAsOf } from '../../../../server/contracts/data-as-of.ts';
import type { Json } from '../../../../server/contracts/json.ts';
import type * as Jobs from '../../../../server/contracts/jobs.ts';
import type * as Sources from '../../../../server/contracts/sources.ts';
import type * as Unmatched from '../../../../server/contracts/unmatched.ts';

export type { DataAsOf };
export type ImportKind = Imports.ImportKind;
/** A ledger row's status: an import's outcome, or still running. */
export type ImportStatus = Imports.ImportEntry['status'];
export type ImportSummary = Imports.ImportSummary;
export type ImportEntry = Json<Imports.ImportEntry>;
export type RejectedRow = Imports.RejectedRow;
export type UnmatchedName = Json<Unmatched.UnmatchedName>;
export type WaitingRow = Json<Unmatched.WaitingRow>;
export type MapResult = Unmatched.MapResult;
export type JobRun = Json<Jobs.JobRun>;
export type JobStatus = Json<Jobs.JobStatus>;
export type DataSource = Json<Sources.SourceView>;

/**
 * The kinds in the order the page shows them. A value, so it cannot come from the contract (types only); the
 * check below fails the build if the two lists ever differ.
 */
export const IMPORT_KINDS = ['units', 'litigation', 'reconsideration', 'prelitigation'] as const;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameKinds: Same<(typeof IMPORT_KINDS)[number], ImportKind> = true;
void sameKinds;
