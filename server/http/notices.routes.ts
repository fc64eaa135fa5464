import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { NOTICE_ID, noticeRequestSchema } from '../contracts/notice.ts';
import type { Knex } from '../db/knex.ts';
import { assertCan } from '../services/auth/access.ts';
import { isValidSchedule } from '../services/jobs/jobs.service.ts';
import {
  deliveryStatus,
  downloadAll,
  downloadNotice,
  getNotice,
  getSettings,
  inbox,
  issueNotice,
  listIssued,
  NOTICE_CONTENT_TYPES,
  NoticeNotFoundError,
  previewNotice,
  readUnitNotice,
  resendNotice,
  signNotice,
  updateSettings,
} from '../services/notices/notice.service.ts';
import { actorOf } from './auth.middleware.ts';
import { setDownloadHeaders } from './security.ts';

const code = z.string().min(1).max(32);

/**
 * Notices (通报, DESIGN.md §8):
 *   POST /api/notices                         { period, units?, title?, typicalCases?, nextSteps? } → 201, issued
 *   POST /api/notices/preview                 the same body → the model issuing would freeze, nothing stored
 *   GET  /api/notices                         the bureau's list, newest first
 *   GET  /api/notices/inbox                   a unit user's 我的通报 and unread count (others: empty)
 *   GET|PUT /api/notices/settings             文号 prefix, issuing office, the monthly job (autoIssue, autoSchedule)
 *   GET  /api/notices/:id                     the frozen model (bureau)
 *   GET  /api/notices/:id/status              per unit: delivered, read, signed (bureau)
 *   GET  /api/notices/:id/units/:code         one unit's notice as JSON (its own unit for a unit user; marks read)
 *   GET  /api/notices/:id/document?part=county|CODE&format=docx|pdf   one part as a file
 *   GET  /api/notices/:id/all.zip             every part as DOCX in one ZIP (bureau)
 *   POST /api/notices/:id/sign                a unit user signs for their unit's copy (idempotent)
 *   POST /api/notices/:id/resend              { units? } send again (default: units not yet signed)
 * The bureau is who may `notice:issue` (analysts, admins). A unit user asking for another unit's notice, or one
 * not delivered to them, gets 404. Issue, read, signature, re-send and every download are audited.
 */
export function noticesRoutes(db: Knex): Router {
  const router = Router();
  const deps = { db };
  const origin = (req: Request, res: Response) => ({ actor: actorOf(res), ip: req.ip ?? null });
  const noticeId = (req: Request) => {
    const id = String(req.params.id);
    if (!NOTICE_ID.test(id)) throw new NoticeNotFoundError(`没有这份通报 / no notice ${id}`);
    return id;
  };

  router.post('/api/notices', async (req, res) => {
    assertCan(actorOf(res), 'notice:issue');
    const model = await issueNotice(deps, noticeRequestSchema.parse(req.body), origin(req, res));
    res.status(201).json({
      id: model.id,
      docNumber: model.docNumber,
      title: model.county.title,
      period: model.period,
      dataAsOf: model.dataAsOf,
      units: model.units.length,
    });
  });

  router.post('/api/notices/preview', async (req, res) => {
    assertCan(actorOf(res), 'notice:issue');
    res.json(await previewNotice(deps, noticeRequestSchema.parse(req.body), origin(req, res)));
  });

  router.get('/api/notices', async (_req, res) => {
    res.json({ notices: await listIssued(db, actorOf(res)) });
  });

  router.get('/api/notices/inbox', async (_req, res) => {
    res.json(await inbox(db, actorOf(res)));
  });

  router.get('/api/notices/settings', async (_req, res) => {
    assertCan(actorOf(res), 'notice:issue');
    res.json(await getSettings(db));
  });

  router.put('/api/notices/settings', async (req, res) => {
    const patch = z
      .object({
        docPrefix: z.string().max(50).optional(),
        issuer: z.string().max(50).optional(),
        autoIssue: z.boolean().optional(),
        autoSchedule: z.string().max(50).optional(),
      })
      .strict()
      .parse(req.body);
    res.json(await updateSettings(db, patch, origin(req, res), { isValidSchedule }));
  });

  router.get('/api/notices/:id', async (req, res) => {
    res.json(await getNotice(db, actorOf(res), noticeId(req)));
  });

  router.get('/api/notices/:id/status', async (req, res) => {
    res.json({ deliveries: await deliveryStatus(db, actorOf(res), noticeId(req)) });
  });

  router.get('/api/notices/:id/units/:code', async (req, res) => {
    res.json(await readUnitNotice(deps, origin(req, res), noticeId(req), code.parse(req.params.code)));
  });

  router.get('/api/notices/:id/document', async (req, res) => {
    const q = z
      .object({ part: code.default('county'), format: z.enum(['docx', 'pdf']).default('docx') })
      .strict()
      .parse(req.query);
    const part = q.part === 'county' ? ('county' as const) : { unit: q.part };
    const file = await downloadNotice(deps, origin(req, res), noticeId(req), part, q.format);
    setDownloadHeaders(res, file.name, NOTICE_CONTENT_TYPES[q.format]);
    res.send(file.bytes);
  });

  router.get('/api/notices/:id/all.zip', async (req, res) => {
    const file = await downloadAll(deps, origin(req, res), noticeId(req));
    setDownloadHeaders(res, file.name, 'application/zip');
    res.send(file.bytes);
  });

  router.post('/api/notices/:id/sign', async (req, res) => {
    res.json(await signNotice(deps, origin(req, res), noticeId(req)));
  });

  router.post('/api/notices/:id/resend', async (req, res) => {
    const body = z
      .object({ units: z.array(code).max(10_000).optional() })
      .strict()
      .parse(req.body ?? {});
    res.json({ deliveries: await resendNotice(deps, origin(req, res), noticeId(req), body.units) });
  });

  return router;
}
