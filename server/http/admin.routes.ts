import { Router } from 'express';
import { z } from 'zod';
import type { Knex } from '../db/knex.ts';
import { getSettings, updateSettings } from '../services/auth/user.service.ts';
import { actorOf } from './auth.middleware.ts';

const settingsBody = z.object({ unitUsersSeeCounty: z.boolean().optional() }).strict();

/** GET / PUT /api/admin/settings: the access switches (e.g. whether unit users see county totals). */
export function adminRoutes(db: Knex): Router {
  const router = Router();
  router.get('/api/admin/settings', async (_req, res) => {
    res.json(await getSettings(db));
  });
  router.put('/api/admin/settings', async (req, res) => {
    res.json(
      await updateSettings(db, settingsBody.parse(req.body), { by: actorOf(res), ip: req.ip ?? null }),
    );
  });
  return router;
}
