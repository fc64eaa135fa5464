/**
 * The parameters of a metric table, as the API's query string and the CLI's options spell them (README
 * "## Metrics"). One parser for both, so `GET /api/metrics?…` and `npm run cli -- metrics …` mean the same.
 */
import { z } from 'zod';
import { PRESETS } from '../../metrics/period.ts';
import { DIMENSIONS, type Compare, type MetricsQuery } from './metrics.service.ts';

const list = z.string().transform((s) =>
  s
    .split(/[,，、]/)
    .map((x) => x.trim())
    .filter(Boolean),
);
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');

export const metricsParamsSchema = z
  .object({
    preset: z.enum(PRESETS as [string, ...string[]]).optional(),
    year: z.coerce.number().int().min(1990).max(2100).optional(),
    quarter: z.coerce.number().int().min(1).max(4).optional(),
    month: z.coerce.number().int().min(1).max(12).optional(),
    from: date.optional(),
    to: date.optional(),
    asOf: date.optional(),
    by: z.enum(DIMENSIONS).optional(),
    units: list.optional(),
    unitIds: list.pipe(z.array(z.string().regex(/^\d+$/, 'expected unit ids').transform(Number))).optional(),
    kinds: list.optional(),
    groups: list.optional(),
    instance: list.optional(),
    /** `lit_loss_rate:B,pre_resolution_rate:registered` */
    basis: list
      .pipe(z.array(z.string().regex(/^[a-z_]+:[A-Za-z_]+$/, 'expected <rate id>:<basis id>')))
      .optional(),
    /** `yoy`, `mom`, `yoy,mom` or `none`. */
    compare: list.pipe(z.array(z.enum(['yoy', 'mom', 'none']))).optional(),
    metrics: list.optional(),
    rank: z.string().optional(),
    small: z.enum(['exclude', 'flag']).optional(),
    source: z.enum(['auto', 'raw']).optional(),
  })
  .strict();

export type MetricsParams = z.input<typeof metricsParamsSchema>;

/** Parses string parameters (query string or CLI options) into a MetricsQuery; throws ZodError when invalid. */
export function parseMetricsParams(params: Record<string, unknown>): MetricsQuery {
  const p = metricsParamsSchema.parse(params);
  const compare = p.compare?.includes('none') ? [] : (p.compare as Compare[] | undefined);
  return {
    preset: p.preset as MetricsQuery['preset'],
    year: p.year,
    quarter: p.quarter,
    month: p.month,
    from: p.from,
    to: p.to,
    asOf: p.asOf,
    by: p.by,
    unitCodes: p.units,
    unitIds: p.unitIds,
    kinds: p.kinds,
    groups: p.groups,
    instances: p.instance?.includes('all') ? 'all' : p.instance,
    basis: p.basis ? Object.fromEntries(p.basis.map((b) => b.split(':') as [string, string])) : undefined,
    compare,
    metrics: p.metrics,
    rank: p.rank,
    small: p.small,
    source: p.source,
  };
}
