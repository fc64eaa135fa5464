import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { Knex } from '../db/knex.ts';
import { ARROW_STREAM, metricsArrow } from '../exports/arrow-metrics.ts';
import { metricsCsv } from '../exports/csv-metrics.ts';
import { metricsXlsx } from '../exports/xlsx-metrics.ts';
import { tableColumns } from '../metrics/columns.ts';
import type { MetricsResult, MetricsTable } from '../contracts/metrics.ts';
import { definitionsJson } from '../metrics/definitions.ts';
import { assertCan, scopeMetricsQuery } from '../services/auth/access.ts';
import { record } from '../services/audit/audit.service.ts';
import { parseMetricsParams } from '../services/metrics/metrics-params.ts';
import {
  computeMetricsTable,
  getMetricSettings,
  rowObjects,
  type MetricsQuery,
} from '../services/metrics/metrics.service.ts';
import { updateMetricSettings } from '../services/metrics/metrics-settings.service.ts';
import { MetricsCache, metricsCacheKey, type CachedResponse } from '../services/metrics/metrics-cache.ts';
import { narrate } from '../services/metrics/narrative.service.ts';

/**
 * The metric API (DESIGN.md §6; parameters in README "## Metrics"):
 *   GET /api/metrics                 the table as JSON (shape=columns: rows as arrays under `columns`), or Arrow IPC
 *                                    with Accept: application/vnd.apache.arrow.stream
 *   GET /api/metrics/definitions     the registry: ids, names, definitions, 口径, dimensions, warnings
 *   GET /api/metrics/narrative       the meeting's standard sentences for a period (lang=en: in English)
 *   GET|PUT /api/metrics/settings    warning thresholds and the small-denominator minimum
 *   GET /api/exports/metrics.csv|.xlsx  downloads with definitions and data-as-of (audited)
 */
export function metricsRoutes(db: Knex, cache = new MetricsCache(0)): Router {
  const router = Router();
  const deps = { db };

  router.get('/api/metrics/definitions', (_req, res) => {
    res.json(definitionsJson());
  });

  router.get('/api/metrics/settings', async (_req, res) => {
    res.json(await getMetricSettings(db));
  });

  router.put('/api/metrics/settings', async (req, res) => {
    assertCan(res.locals.actor, 'settings:manage');
    const settings = await updateMetricSettings(
      db,
      req.body as Record<string, unknown>,
      res.locals.actor ?? null,
    );
    res.json(settings);
  });

  router.get('/api/metrics', async (req, res) => {
    const q = await scoped(req, res);
    const format =
      req.accepts(['json', ARROW_STREAM]) === ARROW_STREAM
        ? 'arrow'
        : req.query.shape === 'columns'
          ? 'columns'
          : 'rows';
    // The key (also the ETag) is taken before computing: see metrics-cache.ts.
    const key = await metricsCacheKey(db, { q, format });
    res.set({ 'Cache-Control': 'private, no-cache', ETag: `"${key}"`, Vary: 'Accept' });
    if (req.fresh) {
      res.status(304).end();
      return;
    }
    const hit = /no-cache/.test(req.get('cache-control') ?? '') ? undefined : cache.get(key);
    if (hit) {
      res.set('Server-Timing', 'cache;desc="hit";dur=0');
      res.type(hit.type).send(hit.body);
      return;
    }
    // Server-Timing (prepare, sql, derive, serialise in ms) shows where a slow table spends its time.
    const timings: Record<string, number> = {};
    const table = await run(q, timings);
    const t0 = performance.now();
    const out = serialise(table, format);
    timings.serialise = performance.now() - t0;
    cache.set(key, out);
    res.set(
      'Server-Timing',
      Object.entries(timings)
        .map(([k, v]) => `${k};dur=${v.toFixed(1)}`)
        .join(', '),
    );
    res.type(out.type).send(out.body);
  });

  // lang=en: the same sentences in English (the web's English mode).
  router.get('/api/metrics/narrative', async (req, res) => {
    const lang = z.enum(['zh', 'en']).default('zh').parse(req.query.lang);
    const q = await scoped(req, res, 'total');
    const result = rowObjects(await run(q));
    res.json(narrate(result, lang));
  });

  for (const format of ['csv', 'xlsx'] as const) {
    router.get(`/api/exports/metrics.${format}`, async (req, res) => {
      const result = await compute(req, res);
      // The generation time (CST) in the name keeps successive downloads apart in the folder and the audit trail.
      const stamp = new Date(Date.parse(result.generated_at) + 8 * 3_600_000)
        .toISOString()
        .slice(0, 19)
        .replace(/[-:]/g, '')
        .replace('T', '-');
      const name = `双降指标表-${result.period.from}至${result.period.to}-${stamp}.${format}`;
      await record(db, {
        actor: res.locals.actor ?? null,
        ip: req.ip ?? null,
        action: 'export.download',
        target: name,
        detail: { format, period: result.period, by: result.by, filters: result.filters },
      });
      res.attachment(name);
      if (format === 'csv') res.type('text/csv; charset=utf-8').send(metricsCsv(result));
      else res.type('xlsx').send(await metricsXlsx(result));
    });
  }

  async function compute(req: Request, res: Response): Promise<MetricsResult> {
    return rowObjects(await run(await scoped(req, res)));
  }

  async function run(q: MetricsQuery, timings?: Record<string, number>): Promise<MetricsTable> {
    return computeMetricsTable({ ...deps, timings }, q);
  }

  /** Parses the query and forces a unit user's scope onto it (they never see other units or rankings). */
  async function scoped(req: Request, res: Response, by?: MetricsQuery['by']): Promise<MetricsQuery> {
    const { format: _f, shape: _s, lang: _l, ...params } = z.record(z.string(), z.unknown()).parse(req.query);
    const q = parseMetricsParams(params);
    if (by && !q.by) q.by = by;
    const actor = res.locals.actor;
    if (actor) scopeMetricsQuery(actor, q);
    return Promise.resolve(q);
  }

  return router;
}

const JSON_UTF8 = 'application/json; charset=utf-8';

/** The table as the client asked for it: Arrow IPC, `shape=columns` JSON or the row objects of DESIGN.md §6. */
function serialise(table: MetricsTable, format: 'arrow' | 'columns' | 'rows'): CachedResponse {
  if (format === 'arrow') return { type: ARROW_STREAM, body: Buffer.from(metricsArrow(table)) };
  if (format === 'rows') return { type: JSON_UTF8, body: Buffer.from(JSON.stringify(rowObjects(table))) };
  // shape=columns: the same figures with each key written once (a 10,000-unit table is a fifth the size).
  const columns = tableColumns(table).map((c) => c.key);
  const at = columns.map((k) => table.keys.indexOf(k));
  const same = at.length === table.keys.length && at.every((j, i) => j === i);
  const { keys: _keys, ...rest } = table;
  const rows = same ? table.rows : table.rows.map((r) => at.map((j) => (j < 0 ? null : (r[j] ?? null))));
  return { type: JSON_UTF8, body: Buffer.from(JSON.stringify({ ...rest, columns, rows })) };
}
