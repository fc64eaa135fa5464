import { Router } from 'express';
import { z } from 'zod';
import type { Knex } from '../db/knex.ts';
import { getOverview } from '../services/overview.service.ts';

const query = z.object({ year: z.coerce.number().int().min(1990).max(2100).optional() });

/** GET /api/overview?year=YYYY — county totals for a year and the four before it. */
export function overviewRoutes(db: Knex): Router {
  const router = Router();
  router.get('/api/overview', async (req, res) => {
    const { year } = query.parse(req.query);
    res.json(await getOverview(db, year));
  });
  return router;
}
