import { Router } from 'express';
import { z } from 'zod';
import { SESSION_IDLE_MINUTES } from '../contracts/auth.ts';
import type { Knex } from '../db/knex.ts';
import { getSettings, updateSettings } from '../services/auth/user.service.ts';
import { actorOf } from './auth.middleware.ts';

const settingsBody = z
  .object({
    unitUsersSeeCounty: z.boolean().optional(),
    sessionIdleMinutes: z
      .number()
      .int()
      .min(SESSION_IDLE_MINUTES.min)
      .max(SESSION_IDLE_MINUTES.max)
      .optional(),
  })
  .strict();

/**
 * GET / PUT /api/admin/settings: the access switches (whether unit users see county totals, the session idle
 * timeout in minutes). `defaultIdleMs` is the deployment's idle timeout, shown while no admin has set one.
 */
export function adminRoutes(db: Knex, { defaultIdleMs }: { defaultIdleMs: number }): Router {
  const router = Router();
  router.get('/api/admin/settings', async (_req, res) => {
    res.json(await getSettings(db, defaultIdleMs));
  });
  router.put('/api/admin/settings', async (req, res) => {
    const patch = settingsBody.parse(req.body);
    res.json(await updateSettings(db, patch, { by: actorOf(res), ip: req.ip ?? null }, defaultIdleMs));
  });
  return router;
}
