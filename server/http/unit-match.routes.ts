import { Router } from 'express';
import { z } from 'zod';
import type { Knex } from '../db/knex.ts';
import { mapUnitName, unmatchedNames, waitingRows } from '../services/import/import-mapping.service.ts';
import { RECORD_KINDS } from '../services/import/types.ts';

const rowsQuery = z.object({
  name: z.string().min(1).max(500).optional(),
  kind: z.enum(RECORD_KINDS as ['litigation', 'reconsideration', 'prelitigation']).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});
const mapBody = z.object({ name: z.string().min(1).max(500), code: z.string().min(1).max(32) });

/**
 * GET /api/unmatched — names from imported files that match no unit, with the rows waiting on each;
 * GET /api/unmatched/rows?name= — the waiting rows; POST /api/unmatched/map { name, code } — make the name an
 * alias of the unit and apply the waiting rows.
 */
export function unitMatchRoutes(db: Knex): Router {
  const router = Router();
  router.get('/api/unmatched', async (_req, res) => {
    res.json({ names: await unmatchedNames(db) });
  });
  router.get('/api/unmatched/rows', async (req, res) => {
    res.json({ rows: await waitingRows(db, rowsQuery.parse(req.query)) });
  });
  router.post('/api/unmatched/map', async (req, res) => {
    const { name, code } = mapBody.parse(req.body);
    res.json(await mapUnitName(db, { name, code, user: res.locals.actor?.username ?? null }));
  });
  return router;
}
