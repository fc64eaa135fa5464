import { Router } from 'express';
import {
  mapUnmatchedBody,
  waitingRowsQuery,
  type UnmatchedNamesResponse,
  type WaitingRowsResponse,
} from '../contracts/unmatched.ts';
import type { Knex } from '../db/knex.ts';
import { mapUnitName, unmatchedNames, waitingRows } from '../services/import/import-mapping.service.ts';

/**
 * GET /api/unmatched — names from imported files that match no unit, with the rows waiting on each;
 * GET /api/unmatched/rows?name= — the waiting rows; POST /api/unmatched/map { name, code } — make the name an
 * alias of the unit and apply the waiting rows.
 */
export function unitMatchRoutes(db: Knex): Router {
  const router = Router();
  router.get('/api/unmatched', async (_req, res) => {
    res.json({ names: await unmatchedNames(db) } satisfies UnmatchedNamesResponse);
  });
  router.get('/api/unmatched/rows', async (req, res) => {
    res.json({
      rows: await waitingRows(db, waitingRowsQuery.parse(req.query)),
    } satisfies WaitingRowsResponse);
  });
  router.post('/api/unmatched/map', async (req, res) => {
    const { name, code } = mapUnmatchedBody.parse(req.body);
    res.json(await mapUnitName(db, { name, code, user: res.locals.actor?.username ?? null }));
  });
  return router;
}
