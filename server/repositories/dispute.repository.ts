/**
 * Disputes, their attachments and the corrections accepted disputes become (DESIGN.md §9): the SQL of
 * server/services/disputes/. Where a correction's value lives in the record tables is correction.repository.ts.
 */
import type {
  AttachmentType,
  CorrectionState,
  Dispute,
  DisputeAttachment,
  DisputeFamily,
  DisputeState,
} from '../contracts/dispute.ts';
import type { Knex } from '../db/knex.ts';
import { RECORD_TABLE } from './correction.repository.ts';

export { recordFieldValues, writeCorrectedValue } from './correction.repository.ts';

/** The units a record is charged to (litigation: its defendants; the others: their one unit). */
export async function chargedUnits(
  db: Knex,
  family: DisputeFamily,
  recordId: number,
): Promise<{ id: number; code: string }[]> {
  const q =
    family === 'litigation'
      ? db('litigation_defendant as d').join('unit as u', 'u.id', 'd.unit_id').where('d.case_id', recordId)
      : db(`${RECORD_TABLE[family].table} as c`)
          .join('unit as u', 'u.id', family === 'reconsideration' ? 'c.respondent_unit_id' : 'c.unit_id')
          .where('c.id', recordId);
  return q.orderBy('u.code').select<{ id: number; code: string }[]>('u.id', 'u.code');
}

/** The columns of a record the §3 cross-field rules read (the service checks a correction keeps them). */
export async function recordRuleFields(
  db: Knex,
  family: DisputeFamily,
  recordId: number,
): Promise<Record<string, unknown>> {
  const cols = {
    litigation: ['closed_on', 'closing', 'judgment', 'hearing_held', 'head_appeared', 'head_spoke'],
    reconsideration: ['closed_on', 'decision'],
    prelitigation: ['result', 'result_on'],
  }[family];
  const row = await db(RECORD_TABLE[family].table).where('id', recordId).first<Record<string, unknown>>(cols);
  return row ?? {};
}

/** Units by code, or by exact name or alias; the key is what was asked for. */
export async function findUnits(
  db: Knex,
  asked: readonly string[],
): Promise<Map<string, { id: number; code: string; name: string }>> {
  const { rows } = await db.raw<{ rows: { asked: string; id: number; code: string; name: string }[] }>(
    `SELECT DISTINCT ON (a.asked) a.asked, u.id, u.code, u.name
     FROM unnest(?::text[]) AS a(asked)
     JOIN unit u ON u.code = a.asked OR u.name = a.asked
       OR u.id IN (SELECT ua.unit_id FROM unit_alias ua WHERE ua.alias = a.asked)
     ORDER BY a.asked, (u.code = a.asked) DESC, (u.name = a.asked) DESC`,
    [[...asked]],
  );
  return new Map(rows.map((r) => [r.asked, { id: r.id, code: r.code, name: r.name }]));
}

export interface NewDispute {
  family: DisputeFamily;
  record_no: string;
  field: string;
  value: string;
  reason: string;
  unit_id: number;
  created_by: string;
}

export async function insertDispute(db: Knex, row: NewDispute): Promise<{ id: number; state: DisputeState }> {
  const [r] = await db('dispute')
    .insert(row)
    .returning<{ id: number; state: DisputeState }[]>(['id', 'state']);
  return r!;
}

/** A pending dispute of the same record, field and unit (one at a time). */
export async function findPendingTwin(
  db: Knex,
  d: Pick<NewDispute, 'family' | 'record_no' | 'field' | 'unit_id'>,
): Promise<number | undefined> {
  const r = await db('dispute')
    .where({ ...d, state: 'pending' })
    .first<{ id: number } | undefined>('id');
  return r?.id;
}

export interface DisputeFilter {
  /** null: every unit */
  unitIds: readonly number[] | null;
  unitCode?: string | undefined;
  /** a dispute state, or 'conflict': accepted, its correction in conflict */
  state?: DisputeState | 'conflict' | undefined;
  family?: DisputeFamily | undefined;
  ids?: readonly number[];
  limit: number;
  offset: number;
}

type DisputeRow = Omit<Dispute, 'correction' | 'attachments'> & {
  correction_state: CorrectionState | null;
  source_value: string | null;
  conflict_value: string | null;
};

/** Disputes newest first, each with its correction and its attachments' descriptions. */
export async function listDisputes(db: Knex, f: DisputeFilter): Promise<Dispute[]> {
  const q = db('dispute as d')
    .join('unit as u', 'u.id', 'd.unit_id')
    .leftJoin('correction as k', 'k.dispute_id', 'd.id')
    .select<DisputeRow[]>(
      'd.id',
      'd.state',
      'u.code as unit_code',
      'u.name as unit_name',
      'd.family',
      'd.record_no',
      'd.field',
      'd.value',
      'd.reason',
      'd.created_by',
      'd.created_at',
      'd.decision_note',
      'd.decided_by',
      'd.decided_at',
      'k.state as correction_state',
      'k.source_value',
      'k.conflict_value',
    )
    .orderBy('d.id', 'desc')
    .limit(f.limit)
    .offset(f.offset);
  if (f.unitIds) void q.whereIn('d.unit_id', f.unitIds);
  if (f.unitCode) void q.where('u.code', f.unitCode);
  if (f.family) void q.where('d.family', f.family);
  if (f.ids) void q.whereIn('d.id', f.ids);
  if (f.state === 'conflict') void q.where('k.state', 'conflict');
  else if (f.state) void q.where('d.state', f.state);
  const rows = await q;
  const files = rows.length
    ? await db('dispute_attachment')
        .whereIn(
          'dispute_id',
          rows.map((r) => r.id),
        )
        .orderBy('id')
        .select<(DisputeAttachment & { dispute_id: number })[]>(
          'id',
          'dispute_id',
          'file_name',
          'content_type',
          'size',
          'sha256',
          'created_by',
          'created_at',
        )
    : [];
  return rows.map(({ correction_state, source_value, conflict_value, ...d }) => ({
    ...d,
    correction: correction_state ? { state: correction_state, source_value, conflict_value } : null,
    attachments: files.filter((a) => a.dispute_id === d.id).map(({ dispute_id: _, ...a }) => a),
  }));
}

type LockedDispute = NewDispute & { id: number; state: DisputeState };

/** The dispute row, locked for the rest of the transaction (a decision is taken once). */
export async function lockDispute(trx: Knex, id: number): Promise<LockedDispute | undefined> {
  return trx('dispute').where('id', id).forUpdate().first<LockedDispute | undefined>();
}

export async function decideDispute(
  trx: Knex,
  id: number,
  d: { state: Exclude<DisputeState, 'pending'>; decided_by: string; decision_note: string | null },
): Promise<void> {
  await trx('dispute')
    .where({ id, state: 'pending' })
    .update({ ...d, decided_at: trx.fn.now() });
}

/** The correction in force for a record's field, if any. */
export async function findCorrectionInForce(
  db: Knex,
  d: { family: DisputeFamily; record_no: string; field: string },
): Promise<{ id: number; source_value: string | null } | undefined> {
  return db('correction')
    .where(d)
    .whereIn('state', ['active', 'conflict'])
    .first<{ id: number; source_value: string | null } | undefined>('id', 'source_value');
}

export async function supersedeCorrection(trx: Knex, id: number): Promise<void> {
  await trx('correction').where('id', id).update({ state: 'superseded', state_changed_at: trx.fn.now() });
}

export async function insertCorrection(
  trx: Knex,
  row: {
    dispute_id: number;
    family: DisputeFamily;
    record_no: string;
    field: string;
    value: string;
    source_value: string | null;
    created_by: string;
  },
): Promise<void> {
  await trx('correction').insert(row);
}

export async function insertAttachment(
  db: Knex,
  row: {
    dispute_id: number;
    file_name: string;
    content_type: AttachmentType;
    size: number;
    sha256: string;
    content: Buffer;
    created_by: string;
  },
): Promise<{ id: number; created: boolean }> {
  const [r] = await db('dispute_attachment')
    .insert(row)
    .onConflict(['dispute_id', 'sha256'])
    .ignore()
    .returning<{ id: number }[]>('id');
  if (r) return { id: r.id, created: true };
  const same = await db('dispute_attachment')
    .where({ dispute_id: row.dispute_id, sha256: row.sha256 })
    .first<{ id: number }>('id');
  return { id: same.id, created: false };
}

export async function findAttachment(
  db: Knex,
  disputeId: number,
  id: number,
): Promise<{ file_name: string; content_type: AttachmentType; content: Buffer } | undefined> {
  return db('dispute_attachment')
    .where({ dispute_id: disputeId, id })
    .first('file_name', 'content_type', 'content');
}
