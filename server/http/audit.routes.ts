import { Router } from 'express';
import { z } from 'zod';
import type { Knex } from '../db/knex.ts';
import { audit } from '../services/audit/audit.service.ts';

const query = z.object({
  /** ISO instants (UTC) or dates; `to` is exclusive. */
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
  actor: z.string().max(64).optional(),
  action: z.string().max(64).optional(),
  outcome: z.enum(['success', 'failure', 'denied']).optional(),
  target: z.string().max(200).optional(),
  beforeId: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});

/** GET /api/audit?from&to&actor&action&outcome&target&beforeId&limit — the audit log, newest first (admins). */
export function auditRoutes(db: Knex): Router {
  const router = Router();
  router.get('/api/audit', async (req, res) => {
    res.json({ events: await audit.list(db, query.parse(req.query)) });
  });
  return router;
}
