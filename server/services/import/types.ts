/** The four kinds of file the importer accepts (DESIGN.md §2–§3); also the import ledger's `kind`. */
export const IMPORT_KINDS = ['units', 'litigation', 'reconsideration', 'prelitigation'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];
/** The record kinds: those whose rows name units and can wait in the unmatched queue. */
export type RecordKind = Exclude<ImportKind, 'units'>;
export const RECORD_KINDS: readonly RecordKind[] = ['litigation', 'reconsideration', 'prelitigation'];

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

export type ImportStatus = 'committed' | 'duplicate' | 'refused' | 'failed';

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
