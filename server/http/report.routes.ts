import { Router, type Response } from 'express';
import { z } from 'zod';
import {
  REPORT_SECTIONS,
  type ReportFormat,
  type ReportModel,
  type ReportRequest,
} from '../contracts/report.ts';
import type { Knex } from '../db/knex.ts';
import { assertCan, can, scopeUnitCodes, scopeUnitIds } from '../services/auth/access.ts';
import { record } from '../services/audit/audit.service.ts';
import {
  buildReport,
  freezeReport,
  listSnapshots,
  loadSnapshot,
  renderReport,
  REPORT_CONTENT_TYPES,
  reportFileName,
} from '../services/report/report.service.ts';
import { HttpError } from './errors.ts';
import { setDownloadHeaders } from './security.ts';

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const format = z.enum(['pptx', 'pdf', 'xlsx']);
const requestSchema = z.object({
  from: date,
  to: date,
  scope: z
    .object({
      kind: z.string().max(20).optional(),
      group: z.string().max(50).optional(),
      unitCode: z.string().max(32).optional(),
    })
    .optional(),
  basis: z.record(z.string(), z.string()).optional(),
  sections: z.array(z.enum(REPORT_SECTIONS)).optional(),
  narrative: z.string().max(5000).optional(),
  narrativeLang: z.enum(['zh', 'en']).optional(),
  title: z.string().max(100).optional(),
});

/**
 * The joint-meeting report:
 *   POST /api/reports/preview           { …request }                → the report model (slides as data) as JSON
 *   POST /api/reports/generate          { …request, format, freeze } → the file (and X-Report-Snapshot when frozen)
 *   GET  /api/reports/snapshots                                     → frozen reports, newest first
 *   GET  /api/reports/snapshots/:id/:format                         → a frozen report regenerated exactly
 * Unit users get their own unit's report only; every download is audited.
 */
export function reportRoutes(db: Knex): Router {
  const router = Router();

  router.post('/api/reports/preview', async (req, res) => {
    res.json(await build(requestSchema.parse(req.body), res));
  });

  router.post('/api/reports/generate', async (req, res) => {
    const body = requestSchema.extend({ format, freeze: z.boolean().optional() }).parse(req.body);
    const { format: fmt, freeze, ...request } = body;
    const model = await build(request, res);
    const id = freeze ? await freezeReport(db, model, res.locals.actor?.username ?? null) : undefined;
    if (id) res.set('X-Report-Snapshot', id);
    await send(res, model, fmt, req.ip ?? null, id);
  });

  router.get('/api/reports/snapshots', async (_req, res) => {
    const actor = res.locals.actor;
    // Snapshots are county material: unit users see none (their reports are generated, not frozen for them).
    if (actor && !can(actor, 'county:read')) return void res.json({ snapshots: [] });
    res.json({ snapshots: await listSnapshots(db) });
  });

  router.get('/api/reports/snapshots/:id/:format', async (req, res) => {
    const fmt = format.parse(req.params.format);
    const actor = res.locals.actor;
    if (actor && !can(actor, 'county:read')) throw new HttpError(403, 'forbidden', '无权访问 / forbidden');
    const model = await loadSnapshot(db, req.params.id);
    if (!model) throw new HttpError(404, 'not_found', `没有这份冻结报告 / no frozen report ${req.params.id}`);
    await send(res, model, fmt, req.ip ?? null, req.params.id);
  });

  async function build(request: ReportRequest, res: Response): Promise<ReportModel> {
    const actor = res.locals.actor;
    if (actor) {
      assertCan(actor, 'data:export');
      request.unitIds = scopeUnitIds(actor, request.unitIds);
      const codes = scopeUnitCodes(actor, request.scope?.unitCode ? [request.scope.unitCode] : undefined);
      if (codes) request.scope = { unitCode: codes[0] };
      if (!can(actor, 'county:read')) request.ranked = false;
    }
    return buildReport({ db }, request);
  }

  async function send(
    res: Response,
    model: ReportModel,
    fmt: ReportFormat,
    ip: string | null,
    snapshot?: string,
  ) {
    const bytes = await renderReport(model, fmt);
    const name = reportFileName(model, fmt);
    await record(db, {
      actor: res.locals.actor ?? null,
      ip,
      action: 'report.download',
      target: name,
      detail: { format: fmt, request: model.request, snapshot: snapshot ?? null },
    });
    setDownloadHeaders(res, name, REPORT_CONTENT_TYPES[fmt]);
    res.send(bytes);
  }

  return router;
}
