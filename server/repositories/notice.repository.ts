/**
 * Notices (通报) and their deliveries: the frozen model, the 文号's running number, one delivery row per unit
 * (delivered, re-sent, first read, signed) and the notice settings.
 */
import type { NoticeDelivery, NoticeModel, NoticeSummary } from '../contracts/notice.ts';
import type { Knex } from '../db/knex.ts';

export interface NoticeInsert {
  id: string;
  title: string;
  doc_prefix: string;
  doc_year: number;
  doc_number: string;
  period_from: string;
  period_to: string;
  period_preset: string;
  model: NoticeModel;
  data_as_of: string | null;
  issued_by: string;
  issued_at: Date;
}

/**
 * The next running number of `year`, to be used in `trx` (the caller holds DatabaseLock.NoticeNumber, so two
 * issues at once never take the same number; the unique key would refuse it anyway).
 */
export async function nextDocSeq(trx: Knex, year: number): Promise<number> {
  const row = await trx('notice')
    .where('doc_year', year)
    .max<{ max: number | null }>('doc_seq as max')
    .first();
  return (row?.max ?? 0) + 1;
}

/** Stores an issued notice and one delivery per unit id, delivered at `issued_at`. */
export async function insertNotice(
  trx: Knex,
  row: NoticeInsert & { doc_seq: number },
  unitIds: readonly number[],
): Promise<void> {
  await trx('notice').insert({ ...row, model: JSON.stringify(row.model) });
  if (unitIds.length) {
    await trx('notice_delivery').insert(
      unitIds.map((unit_id) => ({ notice_id: row.id, unit_id, delivered_at: row.issued_at })),
    );
  }
}

export async function findNoticeModel(db: Knex, id: string): Promise<NoticeModel | undefined> {
  const row = await db('notice').where({ id }).first<{ model: NoticeModel } | undefined>('model');
  return row?.model;
}

/** Notices of exactly this period (CST dates), oldest first. */
export async function findNoticesByPeriod(
  db: Knex,
  from: string,
  to: string,
): Promise<{ id: string; docNumber: string; issuedBy: string }[]> {
  return db('notice')
    .where({ period_from: from, period_to: to })
    .orderBy('issued_at')
    .select<{ id: string; docNumber: string; issuedBy: string }[]>(
      'id',
      'doc_number as docNumber',
      'issued_by as issuedBy',
    );
}

/** Notices newest first with their delivery counts, without the models. */
export async function listNotices(db: Knex, limit = 100): Promise<NoticeSummary[]> {
  const rows = await db('notice as n')
    .select<
      {
        id: string;
        doc_number: string;
        title: string;
        period_from: string;
        period_to: string;
        data_as_of: Date | null;
        issued_by: string;
        issued_at: Date;
        units: string;
        signed: string;
      }[]
    >(
      'n.id',
      'n.doc_number',
      'n.title',
      db.raw(`to_char(n.period_from, 'YYYY-MM-DD') AS period_from`),
      db.raw(`to_char(n.period_to, 'YYYY-MM-DD') AS period_to`),
      'n.data_as_of',
      'n.issued_by',
      'n.issued_at',
      db.raw('(SELECT count(*) FROM notice_delivery d WHERE d.notice_id = n.id) AS units'),
      db.raw(
        '(SELECT count(*) FROM notice_delivery d WHERE d.notice_id = n.id AND d.signed_at IS NOT NULL) AS signed',
      ),
    )
    .orderBy([
      { column: 'n.issued_at', order: 'desc' },
      { column: 'n.id', order: 'desc' },
    ])
    .limit(limit);
  return rows.map((r) => ({
    id: r.id,
    docNumber: r.doc_number,
    title: r.title,
    periodFrom: r.period_from,
    periodTo: r.period_to,
    dataAsOf: r.data_as_of ? r.data_as_of.toISOString() : null,
    issuedBy: r.issued_by,
    issuedAt: r.issued_at.toISOString(),
    units: Number(r.units),
    signed: Number(r.signed),
  }));
}

interface DeliveryRow {
  notice_id: string;
  doc_number: string;
  title: string;
  code: string;
  name: string;
  kind: string;
  delivered_at: Date;
  sends: number;
  read_at: Date | null;
  read_by: string | null;
  signed_at: Date | null;
  signed_by: string | null;
}

function deliveries(db: Knex) {
  return db<DeliveryRow>('notice_delivery as d')
    .join('notice as n', 'n.id', 'd.notice_id')
    .join('unit as u', 'u.id', 'd.unit_id')
    .select<DeliveryRow[]>(
      'd.notice_id',
      'n.doc_number',
      'n.title',
      'u.code',
      'u.name',
      'u.kind',
      'd.delivered_at',
      'd.sends',
      'd.read_at',
      'd.read_by',
      'd.signed_at',
      'd.signed_by',
    );
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);
function toDelivery(r: DeliveryRow): NoticeDelivery {
  return {
    noticeId: r.notice_id,
    docNumber: r.doc_number,
    title: r.title,
    unit: { code: r.code, name: r.name, kind: r.kind },
    deliveredAt: r.delivered_at.toISOString(),
    sends: r.sends,
    readAt: iso(r.read_at),
    readBy: r.read_by,
    signedAt: iso(r.signed_at),
    signedBy: r.signed_by,
  };
}

/** Every unit's delivery of a notice, by unit code. */
export async function listDeliveries(db: Knex, noticeId: string): Promise<NoticeDelivery[]> {
  const rows = await deliveries(db).where('d.notice_id', noticeId).orderBy('u.code');
  return rows.map(toDelivery);
}

/** A unit's inbox: the notices delivered to it, newest first. */
export async function listUnitDeliveries(db: Knex, unitId: number): Promise<NoticeDelivery[]> {
  const rows = await deliveries(db)
    .where('d.unit_id', unitId)
    .orderBy([
      { column: 'd.delivered_at', order: 'desc' },
      { column: 'd.notice_id', order: 'desc' },
    ]);
  return rows.map(toDelivery);
}

export async function findDelivery(
  db: Knex,
  noticeId: string,
  unitId: number,
): Promise<NoticeDelivery | undefined> {
  const [row] = await deliveries(db).where({ 'd.notice_id': noticeId, 'd.unit_id': unitId }).limit(1);
  return row ? toDelivery(row) : undefined;
}

/** Marks the first read (later reads leave it); true when this call was the first. */
export async function markRead(
  db: Knex,
  noticeId: string,
  unitId: number,
  by: string,
  at: Date,
): Promise<boolean> {
  const n = await db('notice_delivery')
    .where({ notice_id: noticeId, unit_id: unitId })
    .whereNull('read_at')
    .update({ read_at: at, read_by: by });
  return n > 0;
}

/**
 * Signs for a delivery (签收) once: the first signature stands; true when this call signed. Signing also counts
 * as reading when it was never opened.
 */
export async function markSigned(
  db: Knex,
  noticeId: string,
  unitId: number,
  by: string,
  at: Date,
): Promise<boolean> {
  const n = await db('notice_delivery')
    .where({ notice_id: noticeId, unit_id: unitId })
    .whereNull('signed_at')
    .update({
      signed_at: at,
      signed_by: by,
      read_at: db.raw('COALESCE(read_at, ?)', [at]),
      read_by: db.raw('COALESCE(read_by, ?)', [by]),
    });
  return n > 0;
}

/** Sends a delivery again (a unit that lost it or has not signed): counts the send, keeps read and signed. */
export async function resend(
  db: Knex,
  noticeId: string,
  unitIds: readonly number[],
  at: Date,
): Promise<number> {
  return db('notice_delivery')
    .where('notice_id', noticeId)
    .whereIn('unit_id', unitIds)
    .update({ delivered_at: at, sends: db.raw('sends + 1') });
}

/** How many notices delivered to the unit it has not read. */
export async function countUnread(db: Knex, unitId: number): Promise<number> {
  const row = await db('notice_delivery')
    .where('unit_id', unitId)
    .whereNull('read_at')
    .count<{ n: string }>('* as n')
    .first();
  return Number(row?.n ?? 0);
}

export async function getNoticeSettings(db: Knex): Promise<Record<string, unknown>> {
  const rows = await db('notice_setting').select<{ key: string; value: unknown }[]>('key', 'value');
  return Object.fromEntries(rows.map((r) => [r.key, r.value]));
}

export async function setNoticeSetting(db: Knex, key: string, value: unknown, by: string): Promise<void> {
  await db('notice_setting')
    .insert({ key, value: JSON.stringify(value), updated_by: by })
    .onConflict('key')
    .merge({ value: JSON.stringify(value), updated_by: by, updated_at: db.fn.now() });
}

/** The cases picked for 典型案例, by case number, with the units they are charged to (in 被告 order). */
export async function findTypicalCases(
  db: Knex,
  caseNos: readonly string[],
): Promise<{ case_no: string; units: string[] }[]> {
  if (!caseNos.length) return [];
  return db('litigation_case as c')
    .leftJoin('litigation_defendant as d', 'd.case_id', 'c.id')
    .leftJoin('unit as u', 'u.id', 'd.unit_id')
    .whereIn('c.case_no', caseNos)
    .groupBy('c.case_no')
    .select<{ case_no: string; units: string[] }[]>(
      'c.case_no',
      db.raw(
        `COALESCE(array_agg(u.name ORDER BY d.position) FILTER (WHERE u.name IS NOT NULL), '{}') AS units`,
      ),
    );
}
