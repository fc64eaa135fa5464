/**
 * Disputes and corrections (异议与更正, DESIGN.md §9): a unit disputes one field of a record charged to it; the
 * bureau (analysts, admins) accepts or rejects it; the unit may withdraw it while pending. Accepting writes the
 * corrected value into the record and refreshes the rollups in the same transaction (the materialised design,
 * server/repositories/correction.repository.ts), so every figure, case list, report and notice shows it at once;
 * every later import puts it back (import.repository.ts applyRecordStage). Every step is audited.
 *
 * The disputes capability owns this folder: this file (the use-cases and their access rules), dispute-values.ts
 * (proposed values, record rules) and dispute-attachments.ts (file types). Its shapes are
 * server/contracts/dispute.ts; its SQL server/repositories/dispute.repository.ts.
 */
import crypto from 'node:crypto';
import path from 'node:path';
import {
  disputeListQuerySchema,
  type Dispute,
  type DisputeCreated,
  type DisputeListQuery,
  type DisputeRequest,
} from '../../contracts/dispute.ts';
import type { Knex } from '../../db/knex.ts';
import {
  chargedUnits,
  decideDispute,
  findAttachment,
  findCorrectionInForce,
  findPendingTwin,
  findUnits,
  insertAttachment,
  insertCorrection,
  insertDispute,
  listDisputes as listDisputeRows,
  lockDispute,
  recordFieldValues,
  recordRuleFields,
  supersedeCorrection,
  writeCorrectedValue,
} from '../../repositories/dispute.repository.ts';
import { takeImportLock } from '../../repositories/import.repository.ts';
import { refreshRollups } from '../../repositories/rollup.repository.ts';
import { record as audit } from '../audit/audit.service.ts';
import { AccessDeniedError, assertCan, unitScope, type Actor } from '../auth/access.ts';
import { AttachmentRefused, checkAttachment } from './dispute-attachments.ts';
import { canonicalValue, checkRecordRules, DisputeRequestError, unitNamesOf } from './dispute-values.ts';

export { AttachmentRefused, DisputeRequestError };

/** No such dispute or record, or none the actor may see (another unit's): HTTP 404. */
export class DisputeNotFoundError extends Error {}
/** The dispute is not in a state that allows the step (already decided, a twin pending): HTTP 409. */
export class DisputeStateError extends Error {}

/** Who acts and from where: a signed-in actor (HTTP) or null for the command line (audited as `cli`). */
export interface DisputeOrigin {
  actor: Actor | null;
  ip: string | null;
}

const who = (o: DisputeOrigin) => o.actor?.username ?? 'cli';
const auditActor = (o: DisputeOrigin) => o.actor;

/** The bureau acts for everyone; the command line is the bureau (an operator on the server). */
function assertBureau(o: DisputeOrigin): void {
  if (o.actor) assertCan(o.actor, 'dispute:decide');
}

const notFound = (id: number | string) => new DisputeNotFoundError(`没有这条异议 / no dispute ${String(id)}`);

/**
 * Files a dispute. A unit user may dispute only a record charged to their own unit (another unit's record, or
 * none, is a 404 alike: the answer never tells whether it exists). The bureau names the unit when the record is
 * charged to several.
 */
export async function fileDispute(
  db: Knex,
  origin: DisputeOrigin,
  req: DisputeRequest,
): Promise<DisputeCreated> {
  if (origin.actor) assertCan(origin.actor, 'dispute:file');
  const found = await recordFieldValues(db, req.family, req.record_no);
  const noRecord = () =>
    new DisputeNotFoundError(`本单位没有这条记录 / no record ${req.record_no} charged to your unit`);
  if (!found) throw noRecord();
  const charged = await chargedUnits(db, req.family, found.id);
  const scope = origin.actor ? unitScope(origin.actor) : null;
  let unit: { id: number; code: string } | undefined;
  if (scope) {
    unit = charged.find((u) => scope.includes(u.id));
    if (!unit) throw noRecord();
    if (req.unit_code && req.unit_code !== unit.code) throw new AccessDeniedError();
  } else if (req.unit_code) {
    unit = charged.find((u) => u.code === req.unit_code);
    if (!unit) {
      throw new DisputeRequestError(
        `记录 ${req.record_no} 不由单位 ${req.unit_code} 承担 / ${req.record_no} is not charged to ${req.unit_code}`,
      );
    }
  } else if (charged.length === 1) unit = charged[0];
  else {
    throw new DisputeRequestError(
      `记录由多个单位承担（${charged.map((u) => u.code).join('、')}），请指明 unit_code / the record is charged to several units: give unit_code`,
    );
  }

  const value = canonicalValue(req.field, req.value, await findUnits(db, unitNamesOf(req.field, req.value)));
  if (value === found.values[req.field]) {
    throw new DisputeRequestError('提出的值与现值相同 / the proposed value is the current value');
  }
  checkRecordRules(req.family, req.field, value, await recordRuleFields(db, req.family, found.id));
  const row = {
    family: req.family,
    record_no: req.record_no,
    field: req.field,
    unit_id: unit!.id,
  };
  const twin = await findPendingTwin(db, row);
  if (twin !== undefined) {
    throw new DisputeStateError(
      `该记录此字段已有待处理的异议 #${twin} / dispute #${twin} of this field is still pending`,
    );
  }
  const created = await insertDispute(db, { ...row, value, reason: req.reason, created_by: who(origin) });
  await audit(db, {
    actor: auditActor(origin),
    ip: origin.ip,
    action: 'dispute.file',
    target: `#${created.id} ${req.record_no}`,
    detail: { ...row, unit_code: unit!.code, value, current: found.values[req.field] ?? null },
  });
  return created;
}

/** Disputes the actor may see (a unit user: their own unit's), newest first. */
export async function listDisputes(
  db: Knex,
  actor: Actor | null,
  query: DisputeListQuery = {},
): Promise<Dispute[]> {
  const q = disputeListQuerySchema.parse(query);
  const scope = actor ? unitScope(actor) : null;
  return listDisputeRows(db, {
    unitIds: scope,
    unitCode: q.unit,
    state: q.state,
    family: q.family,
    limit: q.limit,
    offset: q.offset,
  });
}

/** One dispute; another unit's is a 404 for a unit user. */
export async function getDispute(db: Knex, actor: Actor | null, id: number): Promise<Dispute> {
  const [d] = await listDisputeRows(db, {
    unitIds: actor ? unitScope(actor) : null,
    ids: [id],
    limit: 1,
    offset: 0,
  });
  if (!d) throw notFound(id);
  return d;
}

/**
 * Accepts a pending dispute: the correction is written into the record and the rollups refreshed in one
 * transaction, holding the import lock so no import interleaves. The record is checked again (it may have
 * changed since the dispute was filed). A correction already in force for the field is superseded, and the new
 * one keeps the source value that one recorded.
 */
export async function acceptDispute(
  db: Knex,
  origin: DisputeOrigin,
  id: number,
  note?: string,
): Promise<Dispute> {
  assertBureau(origin);
  await db.transaction(async (trx) => {
    await takeImportLock(trx);
    const d = await lockDispute(trx, id);
    if (!d) throw notFound(id);
    if (d.state !== 'pending') {
      throw new DisputeStateError(`异议 #${id} 已是${d.state}，不能受理 / dispute #${id} is ${d.state}`);
    }
    const found = await recordFieldValues(trx, d.family, d.record_no);
    if (!found) throw new DisputeStateError(`记录 ${d.record_no} 已不存在 / record ${d.record_no} is gone`);
    checkRecordRules(d.family, d.field, d.value, await recordRuleFields(trx, d.family, found.id));
    const earlier = await findCorrectionInForce(trx, {
      family: d.family,
      record_no: d.record_no,
      field: d.field,
    });
    if (earlier) await supersedeCorrection(trx, earlier.id);
    const sourceValue = earlier ? earlier.source_value : (found.values[d.field] ?? null);
    await writeCorrectedValue(trx, d.family, found.id, d.field, d.value);
    await insertCorrection(trx, {
      dispute_id: id,
      family: d.family,
      record_no: d.record_no,
      field: d.field,
      value: d.value,
      source_value: sourceValue,
      created_by: who(origin),
    });
    await decideDispute(trx, id, { state: 'accepted', decided_by: who(origin), decision_note: note || null });
    await refreshRollups(trx, { kinds: [d.family] });
    await audit(trx, {
      actor: auditActor(origin),
      ip: origin.ip,
      action: 'dispute.accept',
      target: `#${id} ${d.record_no}`,
      detail: { field: d.field, value: d.value, source_value: sourceValue, note: note ?? null },
    });
  });
  return getDispute(db, null, id);
}

/** Rejects a pending dispute with a reason (required); nothing in the records changes. */
export async function rejectDispute(
  db: Knex,
  origin: DisputeOrigin,
  id: number,
  reason: string,
): Promise<Dispute> {
  assertBureau(origin);
  if (!reason.trim()) throw new DisputeRequestError('驳回须写明理由 / a rejection needs a reason');
  await closePending(db, origin, id, 'rejected', reason.trim());
  return getDispute(db, null, id);
}

/** Withdraws a pending dispute: its unit's users or the bureau. */
export async function withdrawDispute(db: Knex, origin: DisputeOrigin, id: number): Promise<Dispute> {
  if (origin.actor) assertCan(origin.actor, 'dispute:file');
  await getDispute(db, origin.actor, id); // 404 for another unit's
  await closePending(db, origin, id, 'withdrawn', null);
  return getDispute(db, null, id);
}

async function closePending(
  db: Knex,
  origin: DisputeOrigin,
  id: number,
  state: 'rejected' | 'withdrawn',
  note: string | null,
): Promise<void> {
  await db.transaction(async (trx) => {
    const d = await lockDispute(trx, id);
    if (!d) throw notFound(id);
    if (d.state !== 'pending') {
      throw new DisputeStateError(`异议 #${id} 已是${d.state} / dispute #${id} is already ${d.state}`);
    }
    await decideDispute(trx, id, { state, decided_by: who(origin), decision_note: note });
    await audit(trx, {
      actor: auditActor(origin),
      ip: origin.ip,
      action: state === 'rejected' ? 'dispute.reject' : 'dispute.withdraw',
      target: `#${id} ${d.record_no}`,
      detail: note ? { reason: note } : {},
    });
  });
}

/**
 * Attaches a file to a pending dispute (its unit's users or the bureau): PDF, JPEG or PNG by content, ≤ 10 MB.
 * The same content attached twice is kept once.
 */
export async function attachFile(
  db: Knex,
  origin: DisputeOrigin,
  id: number,
  file: { name: string; bytes: Buffer },
): Promise<{ id: number; content_type: string; size: number; sha256: string }> {
  if (origin.actor) assertCan(origin.actor, 'dispute:file');
  const d = await getDispute(db, origin.actor, id);
  if (d.state !== 'pending') {
    throw new DisputeStateError(`异议 #${id} 已处理，不能再添加附件 / dispute #${id} is decided`);
  }
  const contentType = checkAttachment(file.bytes);
  const sha256 = crypto.createHash('sha256').update(file.bytes).digest('hex');
  const name = path.basename(file.name.replace(/\\/g, '/')).slice(0, 255) || 'attachment';
  const saved = await insertAttachment(db, {
    dispute_id: id,
    file_name: name,
    content_type: contentType,
    size: file.bytes.length,
    sha256,
    content: file.bytes,
    created_by: who(origin),
  });
  await audit(db, {
    actor: auditActor(origin),
    ip: origin.ip,
    action: 'dispute.attach',
    target: `#${id} ${name}`,
    detail: { attachment: saved.id, sha256, size: file.bytes.length, content_type: contentType },
  });
  return { id: saved.id, content_type: contentType, size: file.bytes.length, sha256 };
}

/** One attachment's content, for whoever may see the dispute; the download is audited. */
export async function readAttachment(
  db: Knex,
  origin: DisputeOrigin,
  id: number,
  attachmentId: number,
): Promise<{ file_name: string; content_type: string; content: Buffer }> {
  await getDispute(db, origin.actor, id);
  const a = await findAttachment(db, id, attachmentId);
  if (!a) throw new DisputeNotFoundError(`没有这个附件 / no attachment ${attachmentId}`);
  await audit(db, {
    actor: auditActor(origin),
    ip: origin.ip,
    action: 'dispute.attachment_download',
    target: `#${id} ${a.file_name}`,
  });
  return a;
}
