/**
 * The pure SQL of a rollup refresh: the monthly counters grouped from the two staged tables (rollup_case,
 * rollup_charge) that server/repositories/rollup.repository.ts creates and fills.
 */
import { COUNTS, FAMILY_SPECS } from './index.ts';
import type { Family } from './types.ts';

/** The scope rollups besides the unit one: the county, each unit kind, each peer group. */
export type RollupScope = 'all' | 'kind' | 'group';

/**
 * Monthly counters per key from the staged rows. A unit's rows count each record charged to it; a scope counts
 * each record once per scope value, however many of its units fall in it — as sql.ts rawCounters counts, which
 * the metric path tests compare the rollups with.
 */
export function monthlyCounts(family: Family, key: 'unit' | RollupScope): string {
  const spec = FAMILY_SPECS[family];
  const keys =
    key === 'unit'
      ? 'SELECT case_id, unit_id AS key FROM rollup_charge'
      : `SELECT DISTINCT case_id, ${key === 'all' ? `''` : key === 'kind' ? 'kind' : 'grp'} AS key FROM rollup_charge`;
  const streamIds = Object.keys(spec.streams);
  const unpivot = streamIds.map((_, i) => `(${i}, c.b${i})`).join(', ');
  const counts = COUNTS[family].map(
    (m, i) => `count(*) FILTER (WHERE s.i = ${streamIds.indexOf(m.stream)} AND c.f${i})::int AS ${m.id}`,
  );
  const inst = spec.hasInstance ? ', c.instance' : '';
  return (
    `SELECT k.key, s.bucket${inst}, ${counts.join(', ')}` +
    ` FROM (${keys}) k JOIN rollup_case c ON c.id = k.case_id` +
    ` CROSS JOIN LATERAL (VALUES ${unpivot}) AS s(i, bucket)` +
    ` WHERE s.bucket IS NOT NULL GROUP BY k.key, s.bucket${inst}`
  );
}
