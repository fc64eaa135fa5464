/**
 * Notices (通报, DESIGN.md §8): issue (build the county and unit notices, freeze them under an id and a 文号, deliver
 * one to each unit), list, fetch as a document, read, sign for (签收) and re-send. Every issue, read, signature,
 * re-send and download is audited.
 *
 * The notices capability owns this folder: this file (the use-cases and their access rules) and notice-build.ts
 * (the model from the metric registry). Its shapes are server/contracts/notice.ts; the document is drawn by
 * server/exports/notice-docx.ts.
 */
import crypto from 'node:crypto';
import JSZip from 'jszip';
import {
  noticeRequestSchema,
  type NoticeDelivery,
  type NoticeFormat,
  type NoticeModel,
  type NoticeRequest,
  type NoticeSettings,
  type NoticeSummary,
  type UnitNoticeCopy,
} from '../../contracts/notice.ts';
import type { Knex } from '../../db/knex.ts';
import { DatabaseLock, takeLock } from '../../db/locks.ts';
import { renderNoticeDocx, type NoticePart } from '../../exports/notice-docx.ts';
import { officeToPdf } from '../../exports/pdf.ts';
import { cstToday } from '../../metrics/dates.ts';
import { listMetricUnits } from '../../repositories/metric.repository.ts';
import {
  countUnread,
  findDelivery,
  findNoticeModel,
  findNoticesByPeriod,
  getNoticeSettings,
  insertNotice,
  listDeliveries,
  listNotices,
  listUnitDeliveries,
  markRead,
  markSigned,
  nextDocSeq,
  resend,
  setNoticeSetting,
} from '../../repositories/notice.repository.ts';
import { getAccessSettings } from '../../repositories/user.repository.ts';
import { record } from '../audit/audit.service.ts';
import { AccessDeniedError, assertCan, type Actor } from '../auth/access.ts';
import {
  buildNoticeModel,
  NoticeRequestError,
  periodRequestOf,
  previousPeriod,
  type NoticeUnit,
} from './notice-build.ts';

export { NoticeRequestError, previousPeriod };
export type { NoticePart };

export interface NoticeDeps {
  db: Knex;
  clock?: () => Date;
}

/**
 * Who acts and from where: a signed-in actor (HTTP), or null for the command line and jobs, named by `by`
 * (default `cli`; the monthly job is `job:notice-monthly`) in the notice's issuer and the audit.
 */
export interface NoticeOrigin {
  actor: Actor | null;
  ip: string | null;
  by?: string;
}

const byOf = (origin: NoticeOrigin): string => origin.actor?.username ?? origin.by ?? 'cli';

/** No such notice, or none the actor may see (a unit user asking for another unit's): HTTP 404. */
export class NoticeNotFoundError extends Error {}

export type { NoticeSettings };

export const DEFAULT_NOTICE_SETTINGS: NoticeSettings = {
  docPrefix: '示例府院办',
  issuer: '示例县府院联动联席会议办公室',
  autoIssue: false,
  autoSchedule: '0 8 5 * *',
};

export async function getSettings(db: Knex): Promise<NoticeSettings> {
  const s = await getNoticeSettings(db);
  const d = DEFAULT_NOTICE_SETTINGS;
  return {
    docPrefix: typeof s.doc_prefix === 'string' ? s.doc_prefix : d.docPrefix,
    issuer: typeof s.issuer === 'string' ? s.issuer : d.issuer,
    autoIssue: typeof s.auto_issue === 'boolean' ? s.auto_issue : d.autoIssue,
    autoSchedule: typeof s.auto_schedule === 'string' ? s.auto_schedule : d.autoSchedule,
  };
}

/**
 * Sets the settings given. `isValidSchedule` checks `autoSchedule` (the job system's cron reader, passed in so
 * this service does not import the scheduler that imports it).
 */
export async function updateSettings(
  db: Knex,
  patch: Partial<NoticeSettings>,
  origin: NoticeOrigin,
  { isValidSchedule }: { isValidSchedule?: (schedule: string) => boolean } = {},
): Promise<NoticeSettings> {
  if (origin.actor) assertCan(origin.actor, 'notice:issue');
  const by = byOf(origin);
  const texts = [
    ['doc_prefix', patch.docPrefix],
    ['issuer', patch.issuer],
    ['auto_schedule', patch.autoSchedule],
  ] as const;
  for (const [key, value] of texts) {
    if (value !== undefined && (!value.trim() || value.length > 50))
      throw new NoticeRequestError(`${key}: 1–50 characters`);
  }
  if (patch.autoSchedule !== undefined && isValidSchedule && !isValidSchedule(patch.autoSchedule.trim()))
    throw new NoticeRequestError(`auto_schedule: 不是有效的定时表达式 / not a cron expression`);
  for (const [key, value] of texts) {
    if (value !== undefined) await setNoticeSetting(db, key, value.trim(), by);
  }
  if (patch.autoIssue !== undefined) await setNoticeSetting(db, 'auto_issue', patch.autoIssue, by);
  await record(db, { actor: origin.actor, ip: origin.ip ?? 'cli', action: 'notice.settings', detail: patch });
  return getSettings(db);
}

/** 示例府院办〔2025〕3号 */
const docNumberOf = (prefix: string, year: number, seq: number) => `${prefix}〔${year}〕${seq}号`;

/** What issuing and previewing share: the request checked, its units resolved, the model built (no id, no 文号). */
async function draft(deps: NoticeDeps, req: NoticeRequest, origin: NoticeOrigin, now: Date) {
  const { db } = deps;
  if (origin.actor) assertCan(origin.actor, 'notice:issue');
  const parsed = noticeRequestSchema.safeParse(req);
  if (!parsed.success) {
    throw new NoticeRequestError(
      parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
    );
  }
  const all = await listMetricUnits(db);
  let units: NoticeUnit[] = all;
  if (Array.isArray(req.units)) {
    const wanted = new Set(req.units);
    const unknown = req.units.filter((c) => !all.some((u) => u.code === c));
    if (unknown.length)
      throw new NoticeRequestError(`没有这些单位 / unknown unit codes: ${unknown.join(', ')}`);
    units = all.filter((u) => wanted.has(u.code));
  }
  const [settings, access] = await Promise.all([getSettings(db), getAccessSettings(db)]);
  const model = await buildNoticeModel(
    { db, clock: deps.clock },
    req,
    { id: '', docNumber: '', issuer: settings.issuer, issuedBy: byOf(origin), issuedAt: now },
    units,
    access.unit_users_see_county === true,
  );
  return { model, units, settings, year: Number(cstToday(now).slice(0, 4)) };
}

/**
 * The notice as issuing it now would freeze it, without storing or delivering anything (the 通报 page's
 * preview). Its 文号 is the next free number of the year, which an issue in between would take; its id is empty.
 */
export async function previewNotice(
  deps: NoticeDeps,
  req: NoticeRequest,
  origin: NoticeOrigin,
): Promise<NoticeModel> {
  const now = (deps.clock ?? (() => new Date()))();
  const { model, settings, year } = await draft(deps, req, origin, now);
  const seq = await nextDocSeq(deps.db, year);
  return { ...model, docNumber: docNumberOf(settings.docPrefix, year, seq) };
}

/**
 * Issues a notice: builds the county notice and one per unit (every unit unless `req.units` names some), freezes
 * the model under a new id and the next 文号 of the year, and delivers each unit its own. Analysts and admins.
 */
export async function issueNotice(
  deps: NoticeDeps,
  req: NoticeRequest,
  origin: NoticeOrigin,
): Promise<NoticeModel> {
  const { db } = deps;
  const now = (deps.clock ?? (() => new Date()))();
  // The id and 文号 are placeholders while the figures are computed (seconds); the number is taken under the lock.
  const { model: draftModel, units, settings, year } = await draft(deps, req, origin, now);
  const issuedBy = draftModel.issuedBy;
  const id = `N${draftModel.period.to.replace(/-/g, '')}-${crypto.randomBytes(4).toString('hex')}`;
  const model = await db.transaction(async (trx) => {
    await takeLock(trx, DatabaseLock.NoticeNumber);
    const seq = await nextDocSeq(trx, year);
    const docNumber = docNumberOf(settings.docPrefix, year, seq);
    const model: NoticeModel = { ...draftModel, id, docNumber };
    await insertNotice(
      trx,
      {
        id,
        title: model.county.title,
        doc_prefix: settings.docPrefix,
        doc_year: year,
        doc_seq: seq,
        doc_number: docNumber,
        period_from: model.period.from,
        period_to: model.period.to,
        period_preset: model.period.preset,
        model,
        data_as_of: model.dataAsOf,
        issued_by: issuedBy,
        issued_at: now,
      },
      units.map((u) => u.id),
    );
    return model;
  });
  await record(db, {
    actor: origin.actor,
    username: origin.by,
    ip: origin.ip ?? 'cli',
    action: 'notice.issue',
    target: id,
    detail: {
      docNumber: model.docNumber,
      period: periodRequestOf(req),
      units: units.map((u) => u.code),
      dataAsOf: model.dataAsOf,
    },
  });
  return model;
}

/** The notices already issued for exactly this period (the monthly job issues a period once). */
export function issuedForPeriod(
  db: Knex,
  period: { from: string; to: string },
): Promise<{ id: string; docNumber: string; issuedBy: string }[]> {
  return findNoticesByPeriod(db, period.from, period.to);
}

/**
 * Notices newest first. The bureau (and every all-unit reader) sees every notice; a unit user sees those
 * delivered to their unit, as deliveries (use `inbox`).
 */
export async function listIssued(db: Knex, actor: Actor | null): Promise<NoticeSummary[]> {
  if (actor) assertCan(actor, 'notice:issue');
  return listNotices(db);
}

/** A unit user's inbox (我的通报): their unit's deliveries, newest first, and how many are unread. */
export async function inbox(
  db: Knex,
  actor: Actor,
): Promise<{ deliveries: NoticeDelivery[]; unread: number }> {
  if (actor.role !== 'unit' || actor.unitId === null) return { deliveries: [], unread: 0 };
  const [deliveries, unread] = await Promise.all([
    listUnitDeliveries(db, actor.unitId),
    countUnread(db, actor.unitId),
  ]);
  return { deliveries, unread };
}

/** The frozen model of a notice, for the bureau (every part); NoticeNotFoundError when there is none. */
export async function getNotice(db: Knex, actor: Actor | null, id: string): Promise<NoticeModel> {
  if (actor) assertCan(actor, 'notice:issue');
  const model = await findNoticeModel(db, id);
  if (!model) throw new NoticeNotFoundError(`没有这份通报 / no notice ${id}`);
  return model;
}

/** Per unit: delivered, re-sent, first read, signed (who, when). The bureau's sign-off table. */
export async function deliveryStatus(db: Knex, actor: Actor | null, id: string): Promise<NoticeDelivery[]> {
  await getNotice(db, actor, id);
  return listDeliveries(db, id);
}

/**
 * The part of a notice the actor may read: the bureau any part ('county' or a unit code); a unit user only
 * their own unit's, and only when it was delivered to them — anything else is "not found", so an id never tells
 * a unit user that another unit's notice exists. A unit user's first fetch marks the delivery read.
 */
async function readablePart(
  deps: NoticeDeps,
  origin: NoticeOrigin,
  id: string,
  part: NoticePart,
): Promise<NoticeModel> {
  const { db } = deps;
  const actor = origin.actor;
  if (!actor || actor.role !== 'unit') {
    const model = await getNotice(db, actor, id);
    if (part !== 'county' && !model.units.some((u) => u.unit.code === part.unit)) {
      throw new NoticeNotFoundError(
        `通报 ${id} 没有单位 ${part.unit} / notice ${id} has no unit ${part.unit}`,
      );
    }
    return model;
  }
  const own = actor.unitId;
  if (own === null || part === 'county' || part.unit !== actor.unitCode) {
    throw new NoticeNotFoundError(`没有这份通报 / no notice ${id}`);
  }
  const delivery = await findDelivery(db, id, own);
  const model = delivery ? await findNoticeModel(db, id) : undefined;
  if (!model) throw new NoticeNotFoundError(`没有这份通报 / no notice ${id}`);
  const now = (deps.clock ?? (() => new Date()))();
  if (await markRead(db, id, own, actor.username, now)) {
    await record(db, {
      actor,
      ip: origin.ip,
      action: 'notice.read',
      target: id,
      detail: { unit: part.unit },
    });
  }
  return model;
}

/** One unit's notice as data (the inbox's reading view), with the notice's heading and that unit's delivery. */
export async function readUnitNotice(
  deps: NoticeDeps,
  origin: NoticeOrigin,
  id: string,
  code: string,
): Promise<UnitNoticeCopy> {
  const model = await readablePart(deps, origin, id, { unit: code });
  const unit = model.units.find((u) => u.unit.code === code)!;
  const [row] = await listMetricUnits(deps.db, { codes: [code] });
  const delivery = row ? ((await findDelivery(deps.db, id, row.id)) ?? null) : null;
  const { docNumber, period, periodName, periodText, basisText, dataAsOf, issuer, dateText } = model;
  return {
    notice: { id, docNumber, period, periodName, periodText, basisText, dataAsOf, issuer, dateText },
    unit,
    delivery,
  };
}

export const NOTICE_CONTENT_TYPES: Record<NoticeFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
};

/** The file name of a part: 示例府院办〔2025〕3号-全县通报.docx, …-示例县公安局.docx. */
export function noticeFileName(model: NoticeModel, part: NoticePart, format: NoticeFormat): string {
  const who =
    part === 'county'
      ? '全县通报'
      : (model.units.find((u) => u.unit.code === part.unit)?.unit.name ?? part.unit);
  return `${model.docNumber}-${who}.${format}`;
}

/** One part of a notice as DOCX or PDF (LibreOffice), for whoever may read it; the download is audited. */
export async function downloadNotice(
  deps: NoticeDeps,
  origin: NoticeOrigin,
  id: string,
  part: NoticePart,
  format: NoticeFormat,
): Promise<{ name: string; bytes: Buffer }> {
  const model = await readablePart(deps, origin, id, part);
  const docx = await renderNoticeDocx(model, part);
  const bytes = format === 'pdf' ? await officeToPdf(docx, 'docx') : docx;
  const name = noticeFileName(model, part, format);
  await record(deps.db, {
    actor: origin.actor,
    ip: origin.ip ?? 'cli',
    action: 'notice.download',
    target: name,
    detail: { notice: id, part: part === 'county' ? 'county' : part.unit, format },
  });
  return { name, bytes };
}

/** Every part of a notice (county and each unit) as DOCX in one ZIP, for the bureau; audited. */
export async function downloadAll(
  deps: NoticeDeps,
  origin: NoticeOrigin,
  id: string,
): Promise<{ name: string; bytes: Buffer }> {
  const model = await getNotice(deps.db, origin.actor, id);
  const zip = new JSZip();
  // A fixed date in every entry: the same notice zips to the same bytes.
  const date = new Date(model.issuedAt);
  const parts: NoticePart[] = ['county', ...model.units.map((u) => ({ unit: u.unit.code }))];
  for (const part of parts) {
    zip.file(noticeFileName(model, part, 'docx'), await renderNoticeDocx(model, part), { date });
  }
  const bytes = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
  const name = `${model.docNumber}-全部通报.zip`;
  await record(deps.db, {
    actor: origin.actor,
    ip: origin.ip ?? 'cli',
    action: 'notice.download',
    target: name,
    detail: { notice: id, part: 'all', format: 'zip', files: parts.length },
  });
  return { name, bytes };
}

/**
 * A unit user signs for their unit's delivery (签收). Idempotent: the first signature stands and is audited once;
 * signing again answers the same delivery. Another unit's or an undelivered notice: NoticeNotFoundError.
 */
export async function signNotice(
  deps: NoticeDeps,
  origin: NoticeOrigin,
  id: string,
): Promise<NoticeDelivery> {
  const actor = origin.actor;
  if (!actor || actor.role !== 'unit')
    throw new AccessDeniedError('只有单位用户签收通报 / only unit users sign');
  if (actor.unitId === null) throw new NoticeNotFoundError(`没有这份通报 / no notice ${id}`);
  const now = (deps.clock ?? (() => new Date()))();
  if (await markSigned(deps.db, id, actor.unitId, actor.username, now)) {
    await record(deps.db, {
      actor,
      ip: origin.ip,
      action: 'notice.sign',
      target: id,
      detail: { unit: actor.unitCode },
    });
  }
  const delivery = await findDelivery(deps.db, id, actor.unitId);
  if (!delivery) throw new NoticeNotFoundError(`没有这份通报 / no notice ${id}`);
  return delivery;
}

/** Sends a notice again to some of its units (default: those that have not signed); audited. */
export async function resendNotice(
  deps: NoticeDeps,
  origin: NoticeOrigin,
  id: string,
  unitCodes?: readonly string[],
): Promise<NoticeDelivery[]> {
  const current = await deliveryStatus(deps.db, origin.actor, id);
  const unknown = (unitCodes ?? []).filter((c) => !current.some((d) => d.unit.code === c));
  if (unknown.length)
    throw new NoticeRequestError(`通报未发给这些单位 / not delivered to: ${unknown.join(', ')}`);
  const codes = unitCodes?.length
    ? [...unitCodes]
    : current.filter((d) => !d.signedAt).map((d) => d.unit.code);
  const units = codes.length ? await listMetricUnits(deps.db, { codes }) : [];
  const now = (deps.clock ?? (() => new Date()))();
  await resend(
    deps.db,
    id,
    units.map((u) => u.id),
    now,
  );
  await record(deps.db, {
    actor: origin.actor,
    ip: origin.ip ?? 'cli',
    action: 'notice.resend',
    target: id,
    detail: { units: codes },
  });
  return listDeliveries(deps.db, id);
}
