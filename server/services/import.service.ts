/**
 * The one import pipeline (issue 4): CLI, HTTP upload and scheduled jobs all call importFile.
 */
import type { Knex } from '../db/knex.ts';
import type { Logger } from '../logger.ts';
import type { ImportRequest, ImportSummary } from './import/types.ts';

export type { ImportKind, ImportRequest, ImportStatus, ImportSummary } from './import/types.ts';
export { IMPORT_KINDS } from './import/types.ts';

/**
 * Imports one file in one transaction and records it in the ledger. Never throws for a bad file: a file that
 * cannot be used comes back `refused`, an unexpected error `failed`, both with `error` set.
 */
export function importFile(
  _db: Knex,
  _req: ImportRequest,
  _deps: { logger?: Logger } = {},
): Promise<ImportSummary> {
  return Promise.reject(new Error('importFile: not implemented yet'));
}
