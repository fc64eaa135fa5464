import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import {
  disputeAcceptSchema,
  disputeListQuerySchema,
  disputeRejectSchema,
  disputeRequestSchema,
  MAX_ATTACHMENT_BYTES,
} from '../contracts/dispute.ts';
import type { Knex } from '../db/knex.ts';
import {
  acceptDispute,
  attachFile,
  DisputeNotFoundError,
  fileDispute,
  getDispute,
  listDisputes,
  readAttachment,
  rejectDispute,
  withdrawDispute,
} from '../services/disputes/dispute.service.ts';
import { actorOf } from './auth.middleware.ts';
import { setDownloadHeaders } from './security.ts';
import { readSmallUpload } from './security.upload.ts';

/**
 * Disputes and corrections (异议与更正, DESIGN.md §9):
 *   POST /api/disputes                          { family, record_no, field, value, reason, unit_code? } → 201 { id, state }
 *   GET  /api/disputes?state=&unit=&family=     { disputes } scoped like every read (a unit user: its own unit's)
 *   GET  /api/disputes/:id                      one dispute (another unit's: 404)
 *   POST /api/disputes/:id/accept               { note? } the bureau: the correction is applied to every figure
 *   POST /api/disputes/:id/reject               { reason } the bureau
 *   POST /api/disputes/:id/withdraw             the unit (or the bureau), while pending
 *   POST /api/disputes/:id/attachments          the file as the body (X-File-Name) or multipart/form-data → 201
 *   GET  /api/disputes/:id/attachments/:aid     the file
 * Every step is audited by the service.
 */
export function disputesRoutes(db: Knex): Router {
  const router = Router();
  const origin = (req: Request, res: Response) => ({ actor: actorOf(res), ip: req.ip ?? null });
  const id = (req: Request, name = 'id') => {
    const n = Number(req.params[name]);
    if (!Number.isSafeInteger(n) || n <= 0) {
      throw new DisputeNotFoundError(`没有这条异议 / no dispute ${String(req.params[name])}`);
    }
    return n;
  };

  router.post('/api/disputes', async (req, res) => {
    res.status(201).json(await fileDispute(db, origin(req, res), disputeRequestSchema.parse(req.body)));
  });

  router.get('/api/disputes', async (req, res) => {
    res.json({ disputes: await listDisputes(db, actorOf(res), disputeListQuerySchema.parse(req.query)) });
  });

  router.get('/api/disputes/:id', async (req, res) => {
    res.json(await getDispute(db, actorOf(res), id(req)));
  });

  router.post('/api/disputes/:id/accept', async (req, res) => {
    const { note } = disputeAcceptSchema.parse(req.body ?? {});
    res.json(await acceptDispute(db, origin(req, res), id(req), note));
  });

  router.post('/api/disputes/:id/reject', async (req, res) => {
    const { reason } = disputeRejectSchema.parse(req.body ?? {});
    res.json(await rejectDispute(db, origin(req, res), id(req), reason));
  });

  router.post('/api/disputes/:id/withdraw', async (req, res) => {
    z.object({})
      .strict()
      .parse(req.body ?? {});
    res.json(await withdrawDispute(db, origin(req, res), id(req)));
  });

  router.post('/api/disputes/:id/attachments', async (req, res) => {
    const disputeId = id(req);
    // The dispute must be visible (404 otherwise) before the body is read.
    await getDispute(db, actorOf(res), disputeId);
    const file = await readSmallUpload(req, MAX_ATTACHMENT_BYTES);
    res.status(201).json(await attachFile(db, origin(req, res), disputeId, file));
  });

  router.get('/api/disputes/:id/attachments/:attachmentId', async (req, res) => {
    const file = await readAttachment(db, origin(req, res), id(req), id(req, 'attachmentId'));
    setDownloadHeaders(res, file.file_name, file.content_type);
    res.send(file.content);
  });

  return router;
}
