import { Router } from 'express';
import { overviewQuery } from '../contracts/overview.ts';
import type { Knex } from '../db/knex.ts';
import { dataAsOfSummary } from '../services/metrics/data-as-of.service.ts';
import { getOverview } from '../services/overview/overview.service.ts';

/**
 * GET /api/overview?year=YYYY — county totals for a year and the four before it.
 * GET /api/data-as-of — when data last arrived, overall and per kind (every signed-in user: the shell header).
 */
export function overviewRoutes(db: Knex): Router {
  const router = Router();
  router.get('/api/overview', async (req, res) => {
    const { year } = overviewQuery.parse(req.query);
    res.json(await getOverview(db, year));
  });
  router.get('/api/data-as-of', async (_req, res) => {
    res.json(await dataAsOfSummary(db));
  });
  return router;
}
