/**
 * Disputes and corrections (异议与更正, DESIGN.md §9): a unit disputes one field of a record charged to it, the
 * bureau accepts or rejects, an accepted dispute becomes a correction that every figure honours and no import
 * silently undoes. Types and zod only (see ./index.ts); the proposed value is checked against the code lists by
 * server/services/disputes/dispute-values.ts.
 */
import { z } from 'zod';

export const DISPUTE_FAMILIES = ['litigation', 'reconsideration', 'prelitigation'] as const;
export type DisputeFamily = (typeof DISPUTE_FAMILIES)[number];

/** The fields a dispute may correct, per record family, exactly as DESIGN.md §9 lists them. */
export const DISPUTE_FIELDS = {
  litigation: [
    'defendants',
    'closing',
    'judgment',
    'hearing_held',
    'head_appeared',
    'head_spoke',
    'reconsideration_codefendant',
  ],
  reconsideration: ['respondent', 'decision'],
  prelitigation: ['unit', 'result'],
} as const satisfies Record<DisputeFamily, readonly string[]>;
export type DisputeField = (typeof DISPUTE_FIELDS)[DisputeFamily][number];

export const DISPUTE_STATES = ['pending', 'accepted', 'rejected', 'withdrawn'] as const;
export type DisputeState = (typeof DISPUTE_STATES)[number];

/**
 * What a correction says about the source since it was made: `active` in force; `synced` the source now carries
 * the corrected value; `conflict` the source changed the field to a third value (the correction stays in force,
 * queued for the bureau); `superseded` replaced by a later accepted dispute of the same field.
 */
export const CORRECTION_STATES = ['active', 'synced', 'conflict', 'superseded'] as const;
export type CorrectionState = (typeof CORRECTION_STATES)[number];

/** PDF, JPEG, PNG, at most 10 MB each, recognised by their content (magic bytes), never by their name. */
export const ATTACHMENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

/**
 * POST /api/disputes. `value`: a code-list value (closing, judgment, decision, result), a boolean or 是/否
 * (hearing_held, head_appeared, head_spoke), a unit code (respondent, unit, reconsideration_codefendant), or the
 * units that should be charged (defendants: codes as an array or one string separated by 、 , ; ；).
 * `unit_code`: the disputing unit, needed from the bureau for a record charged to several units; a unit user's
 * is always their own.
 */
export const disputeRequestSchema = z
  .object({
    family: z.enum(DISPUTE_FAMILIES),
    record_no: z.string().trim().min(1).max(100),
    field: z.string().min(1).max(40),
    value: z.union([z.string().max(500), z.boolean(), z.array(z.string().min(1).max(32)).min(1).max(20)]),
    reason: z.string().trim().min(1, '须写明理由 / a reason is required').max(4000),
    unit_code: z.string().min(1).max(32).optional(),
  })
  .strict()
  .refine((b) => (DISPUTE_FIELDS[b.family] as readonly string[]).includes(b.field), {
    message: 'field: 该类记录不能对此字段提出异议 / this field of this kind of record cannot be disputed',
    path: ['field'],
  });
export type DisputeRequest = z.infer<typeof disputeRequestSchema>;

/** GET /api/disputes and `dispute list`: `state` also takes `conflict` (accepted, its correction in conflict). */
export const disputeListQuerySchema = z
  .object({
    state: z.enum([...DISPUTE_STATES, 'conflict']).optional(),
    unit: z.string().min(1).max(32).optional(),
    family: z.enum(DISPUTE_FAMILIES).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(200),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict();
export type DisputeListQuery = z.input<typeof disputeListQuerySchema>;

export const disputeAcceptSchema = z.object({ note: z.string().trim().max(4000).optional() }).strict();
export const disputeRejectSchema = z
  .object({ reason: z.string().trim().min(1, '驳回须写明理由 / a rejection needs a reason').max(4000) })
  .strict();

export interface DisputeAttachment {
  id: number;
  file_name: string;
  content_type: AttachmentType;
  size: number;
  sha256: string;
  created_by: string;
  created_at: Date;
}

/** One dispute as the API and `dispute list --json` give it (the §9 fields first). */
export interface Dispute {
  id: number;
  state: DisputeState;
  unit_code: string;
  unit_name: string;
  family: DisputeFamily;
  record_no: string;
  field: DisputeField;
  /** Canonical text: a code-list value, 'true'/'false', a unit code, or sorted unit codes joined by ','. */
  value: string;
  reason: string;
  created_by: string;
  created_at: Date;
  decision_note: string | null;
  decided_by: string | null;
  decided_at: Date | null;
  /** The correction an accepted dispute became, and what the source says of it since. */
  correction: {
    state: CorrectionState;
    source_value: string | null;
    conflict_value: string | null;
  } | null;
  attachments: DisputeAttachment[];
}

export interface DisputeCreated {
  id: number;
  state: DisputeState;
}
