import type { ImportKind } from '../../contracts/import.ts';

export {
  IMPORT_KINDS,
  RECORD_KINDS,
  type ImportKind,
  type ImportStatus,
  type ImportSummary,
  type RecordKind,
} from '../../contracts/import.ts';

export interface ImportRequest {
  kind: ImportKind;
  /** Where the bytes are (a temp file for uploads). */
  filePath: string;
  /** The name the user knows the file by, kept in the ledger. */
  fileName: string;
  /** 'cli' | 'upload' | 'job:<name>' */
  source: string;
  user?: string | null;
}
