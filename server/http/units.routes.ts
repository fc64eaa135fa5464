import { Router } from 'express';
import { z } from 'zod';
import type { Knex } from '../db/knex.ts';
import { FAMILIES } from '../metrics/index.ts';
import { PRESETS } from '../metrics/period.ts';
import { caseListCsv, caseListXlsx } from '../exports/case-list.ts';
import { record } from '../services/audit/audit.service.ts';
import { unitCases, unitCasesForExport } from '../services/cases/unit-cases.service.ts';
import { HttpError } from './errors.ts';
import { setDownloadHeaders } from './security.ts';

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
const params = z.object({ code: z.string().min(1).max(32) });
const query = z
  .object({
    family: z.enum(FAMILIES as [string, ...string[]]).default('litigation'),
    preset: z.enum(PRESETS as [string, ...string[]]).optional(),
    year: z.coerce.number().int().min(1990).max(2100).optional(),
    quarter: z.coerce.number().int().min(1).max(4).optional(),
    month: z.coerce.number().int().min(1).max(12).optional(),
    from: date.optional(),
    to: date.optional(),
    asOf: date.optional(),
    stream: z.string().max(20).optional(),
    instance: z.string().max(40).optional(),
    sort: z.string().max(40).optional(),
    dir: z.enum(['asc', 'desc']).optional(),
    page: z.coerce.number().int().min(1).max(100_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(20),
  })
  .strict();
/** A download takes the list's filters and order; it always holds every page. */
const exportQuery = query.omit({ page: true, pageSize: true });
const FAMILY_FILE: Record<(typeof FAMILIES)[number], string> = {
  litigation: '行政诉讼',
  reconsideration: '行政复议',
  prelitigation: '诉前化解',
};

/**
 * GET /api/units/:code/cases — one unit's records for a period, paged (README "## The dashboard"):
 * `family` litigation (default) · reconsideration · prelitigation; the period parameters of /api/metrics;
 * `stream` (filed/closed, accepted/closed, registered/result; default any); `instance` (default 一审, or all);
 * `sort` (a column), `dir`, `page`, `pageSize` (≤ 200).
 * GET /api/exports/units/:code/cases.csv|.xlsx — the same list, every page, as a file (audited); the same access
 * rule: a unit user may download only their own unit's records.
 */
export function unitsRoutes(db: Knex): Router {
  const router = Router();
  router.get('/api/units/:code/cases', async (req, res) => {
    const { code } = params.parse(req.params);
    const { instance, family, preset, ...q } = query.parse(req.query);
    const result = await unitCases({ db }, res.locals.actor ?? null, code, {
      ...q,
      family: family as (typeof FAMILIES)[number],
      preset: preset as (typeof PRESETS)[number] | undefined,
      instances: instance === 'all' ? 'all' : instance?.split(/[,，、]/).filter(Boolean),
    });
    if (!result) throw new HttpError(404, 'not_found', `没有这个单位 / no unit with code ${code}`);
    res.json(result);
  });

  for (const format of ['csv', 'xlsx'] as const) {
    router.get(`/api/exports/units/:code/cases.${format}`, async (req, res) => {
      const { code } = params.parse(req.params);
      const { instance, family, preset, ...q } = exportQuery.parse(req.query);
      const list = await unitCasesForExport({ db }, res.locals.actor ?? null, code, {
        ...q,
        family: family as (typeof FAMILIES)[number],
        preset: preset as (typeof PRESETS)[number] | undefined,
        instances: instance === 'all' ? 'all' : instance?.split(/[,，、]/).filter(Boolean),
      });
      if (!list) throw new HttpError(404, 'not_found', `没有这个单位 / no unit with code ${code}`);
      const generatedAt = new Date().toISOString();
      const name = `案件清单-${list.unit.name}-${FAMILY_FILE[list.family]}-${list.period.from}至${list.period.to}.${format}`;
      await record(db, {
        actor: res.locals.actor ?? null,
        ip: req.ip ?? null,
        action: 'export.download',
        target: name,
        detail: { format, unit: list.unit.code, family: list.family, period: list.period, rows: list.total },
      });
      if (format === 'csv') {
        setDownloadHeaders(res, name, 'text/csv; charset=utf-8');
        res.send(caseListCsv(list, generatedAt));
      } else {
        setDownloadHeaders(res, name, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
        res.send(await caseListXlsx(list, generatedAt));
      }
    });
  }
  return router;
}
