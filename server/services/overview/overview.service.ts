/**
 * The Overview page's model (GET /api/overview): the county's headline totals per year with their definitions.
 * The overview capability owns this folder; its shape is server/contracts/overview.ts.
 */
import type { Overview } from '../../contracts/overview.ts';
import type { Knex } from '../../db/knex.ts';
import { definitionsJson } from '../../metrics/definitions.ts';
import { latestFilingYear } from '../../repositories/metric.repository.ts';
import { computeMetrics } from '../metrics/metrics.service.ts';

const IDS = ['lit_filed', 'lit_concluded', 'lit_losses', 'lit_loss_rate'];

/**
 * The county's first-instance totals for a year (default: the latest year with data) and the four before it,
 * read through the metric service (one row per year, each case counted once).
 */
export async function getOverview(db: Knex, year?: number): Promise<Overview> {
  const definitions = definitionsJson().metrics;
  const chosen = year ?? (await latestFilingYear(db));
  if (chosen === null) return { year: null, years: [], definitions };
  const table = await computeMetrics(
    { db },
    {
      from: `${chosen - 4}-01-01`,
      to: `${chosen}-12-31`,
      by: 'year',
      compare: [],
      metrics: IDS,
      rank: 'none',
    },
  );
  const num = (v: unknown) => (typeof v === 'number' ? v : 0);
  return {
    year: chosen,
    years: table.rows.map((r) => ({
      year: Number(r.year),
      totals: {
        lit_filed: num(r.lit_filed),
        lit_concluded: num(r.lit_concluded),
        lit_losses: num(r.lit_losses),
        lit_loss_rate: {
          value: typeof r.lit_loss_rate === 'number' ? r.lit_loss_rate : null,
          numerator: num(r.lit_loss_rate_numerator),
          denominator: num(r.lit_loss_rate_denominator),
        },
      },
    })),
    definitions,
  };
}
