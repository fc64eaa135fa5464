import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { Knex } from '../db/knex.ts';
import { evaluationXlsx } from '../exports/evaluation-xlsx.ts';
import { getMetric } from '../metrics/index.ts';
import { assertCan } from '../services/auth/access.ts';
import {
  evaluateYear,
  EvaluationRulesError,
  evaluationSnapshot,
  freezeEvaluation,
  parseRules,
  rulesVersions,
  saveRules,
  scoreYear,
} from '../services/evaluation/evaluation.service.ts';
import { actorOf } from './auth.middleware.ts';
import { setDownloadHeaders } from './security.ts';

const yearParams = z.object({ year: z.coerce.number().int().min(2000).max(2100) });
const versionQuery = z.object({ version: z.coerce.number().int().min(1).optional() });

/**
 * The year-end evaluation (年度考核, DESIGN.md §10):
 *   GET  /api/evaluation/:year[?version=N]        scores under the year's stored rules: { year, rules_version, rows, title }
 *   GET  /api/evaluation/:year/export.xlsx         the same as a workbook
 *   GET  /api/evaluation/:year/rules               every stored version, newest first
 *   PUT  /api/evaluation/:year/rules               a rules file → 201, the next version (every problem named: 400)
 *   POST /api/evaluation/preview                   a rules file → its scores, nothing stored (the page's live preview)
 *   POST /api/evaluation/:year/snapshots           freeze the scores → 201 { id, year, rules_version }
 *   GET  /api/evaluation/snapshots/:id             a frozen evaluation
 * Reading is `evaluation:read` (the bureau and viewers), saving and freezing `evaluation:edit` (analysts, admins).
 */
export function evaluationRoutes(db: Knex): Router {
  const router = Router();
  const deps = { db };
  const origin = (req: Request, res: Response) => ({ actor: actorOf(res), ip: req.ip ?? null });
  const isRate = (id: string) => getMetric(id)?.kind === 'rate';

  router.get('/api/evaluation/snapshots/:id', async (req, res) => {
    const row = await evaluationSnapshot(deps, actorOf(res), String(req.params.id));
    res.json({
      id: row.id,
      year: row.year,
      rules_version: row.rules_version,
      rules: row.rules,
      result: row.result,
      data_as_of: row.data_as_of?.toISOString() ?? null,
      created_by: row.created_by,
      created_at: row.created_at.toISOString(),
    });
  });

  router.post('/api/evaluation/preview', async (req, res) => {
    assertCan(actorOf(res), 'evaluation:edit');
    const rules = parseRules(req.body);
    res.json({ ...(await scoreYear(deps, rules, 0)), title: rules.title });
  });

  router.get('/api/evaluation/:year', async (req, res) => {
    const { year } = yearParams.parse(req.params);
    const { version } = versionQuery.parse(req.query);
    const { rules, result } = await evaluateYear(deps, actorOf(res), year, version);
    res.json({ ...result, title: rules.title });
  });

  router.get('/api/evaluation/:year/export.xlsx', async (req, res) => {
    const { year } = yearParams.parse(req.params);
    const { version } = versionQuery.parse(req.query);
    const { rules, result } = await evaluateYear(deps, actorOf(res), year, version);
    const body = await evaluationXlsx(result, rules, isRate, new Date().toISOString());
    setDownloadHeaders(
      res,
      `${year}年度考核.xlsx`,
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    res.send(body);
  });

  router.get('/api/evaluation/:year/rules', async (req, res) => {
    const { year } = yearParams.parse(req.params);
    res.json({ versions: await rulesVersions(deps, actorOf(res), year) });
  });

  router.put('/api/evaluation/:year/rules', async (req, res) => {
    const { year } = yearParams.parse(req.params);
    assertCan(actorOf(res), 'evaluation:edit');
    const rules = parseRules(req.body);
    if (rules.year !== year) {
      throw new EvaluationRulesError(
        `细则年度为 ${rules.year}，不是 ${year} / the file is for ${rules.year}, not ${year}`,
      );
    }
    res.status(201).json(await saveRules(deps, origin(req, res), rules));
  });

  router.post('/api/evaluation/:year/snapshots', async (req, res) => {
    const { year } = yearParams.parse(req.params);
    const row = await freezeEvaluation(deps, origin(req, res), year);
    res.status(201).json({ id: row.id, year: row.year, rules_version: row.rules_version });
  });

  return router;
}
