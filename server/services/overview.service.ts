import type { Knex } from '../db/knex.ts';
import {
  countyTotals,
  latestYear,
  METRICS,
  type CountyTotals,
  type MetricDefinition,
} from '../metrics/index.ts';

export interface Overview {
  year: number | null;
  /** The chosen year and the four before it, oldest first, for the trend. */
  years: { year: number; totals: CountyTotals }[];
  definitions: readonly MetricDefinition[];
}

/** The county's first-instance totals for a year (default: the latest year with data) and its trend. */
export async function getOverview(db: Knex, year?: number): Promise<Overview> {
  const chosen = year ?? (await latestYear(db));
  if (chosen === null) return { year: null, years: [], definitions: METRICS };
  const span = [4, 3, 2, 1, 0].map((back) => chosen - back);
  const years = await Promise.all(
    span.map(async (y) => ({
      year: y,
      totals: await countyTotals(db, { from: `${y}-01-01`, to: `${y}-12-31` }),
    })),
  );
  return { year: chosen, years, definitions: METRICS };
}
