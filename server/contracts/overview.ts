/**
 * Contract of GET /api/overview. Routes and web/src/lib/api import this file; the web with `import type` only
 * (see ./index.ts).
 */
import { z } from 'zod';
// The registry's client shape stays with the metrics registry (GET /api/metrics/definitions); type-only.
import type { MetricDefinitionJson } from '../metrics/definitions.ts';

export type { MetricDefinitionJson };

/** A rate with the counts it was computed from; `value` is null when the denominator is 0. */
export interface RateValue {
  value: number | null;
  numerator: number;
  denominator: number;
}

export interface CountyTotals {
  lit_filed: number;
  lit_concluded: number;
  lit_losses: number;
  lit_loss_rate: RateValue;
}

export interface Overview {
  year: number | null;
  /** The chosen year and the four before it, oldest first, for the trend. */
  years: { year: number; totals: CountyTotals }[];
  definitions: readonly MetricDefinitionJson[];
}

/** GET /api/overview?year=YYYY (default: the latest year with data). */
export const overviewQuery = z.object({ year: z.coerce.number().int().min(1990).max(2100).optional() });
