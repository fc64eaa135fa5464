import type { ImportKind } from '../../contracts/import.ts';
import type { Cause } from '../../domain/code-lists.ts';

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

// ——— validated records (validate.ts writes them, records.ts stages them) ———

export interface UnitRecord {
  code: string;
  name: string;
  kind: string;
  aliases: string[];
  peer_group: string | null;
}

export interface LitigationRecord {
  case_no: string;
  case_type: string | null;
  instance: string;
  court: string | null;
  filed_on: string;
  closed_on: string | null;
  defendants_raw: string;
  defendant_names: string[];
  reconsideration_codefendant_raw: string | null;
  cause_raw: string | null;
  cause: Cause;
  domain: string | null;
  closing: string | null;
  judgment: string | null;
  withdrawal_reason: string | null;
  loss_reason: string | null;
  hearing_held: boolean | null;
  head_appeared: boolean | null;
  head_title: string | null;
  head_spoke: boolean | null;
  via_reconsideration: boolean | null;
}

export interface ReconsiderationRecord {
  case_no: string;
  applied_on: string;
  accepted_on: string | null;
  intake: string;
  respondent_raw: string;
  matter: string | null;
  closed_on: string | null;
  decision: string | null;
  litigated_after: boolean | null;
}

export interface PrelitigationRecord {
  dispute_no: string;
  registered_on: string;
  unit_raw: string;
  source: string | null;
  domain: string | null;
  result: string;
  result_on: string | null;
}

export type ValidRecord = UnitRecord | LitigationRecord | ReconsiderationRecord | PrelitigationRecord;
