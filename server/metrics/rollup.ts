/**
 * Rollup maintenance. The raw tables' statement triggers (migration 20261123200000) note which months each write
 * touches in metric_rollup_dirty; refreshRollups() recomputes exactly those months (and their years) from the raw
 * rows, inside the caller's transaction, so rollups change atomically with the data they summarise.
 */
import type { Knex } from '../db/knex.ts';
import { COUNTS, FAMILIES, FAMILY_SPECS } from './index.ts';
import { monthEnd } from './dates.ts';
import { monthRanges } from './segments.ts';
import { rawCounters, yearsOf, type CounterQuery, type KeyDim } from './sql.ts';
import type { Family, Period } from './types.ts';

/** Serialises concurrent refreshes (two imports committing overlapping months). Arbitrary constant. */
const ROLLUP_LOCK = 5_202_611_23;

export interface RefreshScope {
  kinds?: Family[];
}

/**
 * Brings the rollups of `scope.kinds` (default: all three families) up to date with the raw rows visible to
 * `trx`. Call it inside the transaction that wrote the records (an import, the demo seed); called outside a
 * transaction it opens its own. Cost is proportional to the months touched, not to the table.
 */
export async function refreshRollups(
  trx: Knex,
  scope?: { kinds?: ('litigation' | 'reconsideration' | 'prelitigation')[] },
): Promise<void> {
  if (!trx.isTransaction) {
    await trx.transaction((t) => refreshRollups(t, scope));
    return;
  }
  await trx.raw('SELECT pg_advisory_xact_lock(?)', [ROLLUP_LOCK]);
  for (const family of scope?.kinds ?? FAMILIES) {
    const marks = await trx('metric_rollup_dirty')
      .where('family', family)
      .delete()
      .returning<{ month: string }[]>('month');
    if (!marks.length) continue;
    // '-infinity': everything; 'infinity': the kind and group scopes of every month (a unit changed kind or
    // group; see migration 20261203000000); other marks: those months.
    const months = marks.map((m) => m.month);
    if (months.includes('-infinity')) await rebuild(trx, family, null);
    else {
      const dated = months.filter((m) => m !== 'infinity');
      if (dated.length) await rebuild(trx, family, monthRanges(dated));
      if (months.includes('infinity')) await rebuildScopes(trx, family, null, ['kind', 'group']);
    }
    await trx('metric_rollup_state')
      .insert({ family, refreshed_at: trx.fn.now() })
      .onConflict('family')
      .merge();
  }
}

/** Marks every family wholly stale, then refreshes: the `metrics refresh --full` repair. */
export async function rebuildAllRollups(db: Knex): Promise<void> {
  await db.transaction(async (trx) => {
    await trx('metric_rollup_dirty').insert(FAMILIES.map((family) => ({ family, month: '-infinity' })));
    await refreshRollups(trx);
  });
}

/** Families with changes not yet rolled up (readers use raw rows for these). */
export async function staleFamilies(db: Knex): Promise<Set<Family>> {
  const rows = await db('metric_rollup_dirty').distinct<{ family: Family }[]>('family');
  return new Set(rows.map((r) => r.family));
}

/** Rollup refresh keeps the instance as a column and buckets by month. */
function counterQuery(family: Family, key: KeyDim): CounterQuery {
  const spec = FAMILY_SPECS[family];
  return {
    family: spec,
    counters: COUNTS[family],
    key,
    bucket: 'month_start',
    filter: {},
    instances: null,
    byInstance: spec.hasInstance,
  };
}

const inMonths = (b: Knex.QueryBuilder, col: string, months: Period[] | null) => {
  if (months) void b.where((w) => months.forEach((r) => void w.orWhereBetween(col, [r.from, r.to])));
  return b;
};

/** Bucket ranges are of month starts; the raw rows are read over the whole of each month. */
const monthDates = (months: Period[] | null) =>
  months && months.map((r) => ({ from: r.from, to: monthEnd(r.to) }));

/** Recomputes the scope rollups (county, kinds, groups) of `months` (null: all) from the raw rows. */
async function rebuildScopes(
  trx: Knex,
  family: Family,
  months: Period[] | null,
  scopes: ('all' | 'kind' | 'group')[],
): Promise<void> {
  const spec = FAMILY_SPECS[family];
  const scopeTable = `${spec.prefix}_rollup_scope`;
  const target = [...(spec.hasInstance ? ['instance'] : []), ...COUNTS[family].map((c) => c.id)].join(', ');
  await inMonths(trx(scopeTable).whereIn('scope', scopes), 'bucket', months).delete();
  for (const scope of scopes) {
    const s = rawCounters(counterQuery(family, scope === 'all' ? 'total' : scope), monthDates(months));
    await trx.raw(
      `INSERT INTO ${scopeTable} (scope, scope_value, bucket, ${target}) SELECT '${scope}', key, bucket, ${target} FROM (${s.sql}) s`,
      s.bindings,
    );
  }
}

async function rebuild(trx: Knex, family: Family, months: Period[] | null): Promise<void> {
  const spec = FAMILY_SPECS[family];
  const cols = COUNTS[family].map((c) => c.id);
  const inst = spec.hasInstance ? ['instance'] : [];
  const unitTable = `${spec.prefix}_rollup_unit`;

  // Rows whose bucket lies in the touched months (or all rows) go; fresh ones replace them.
  await inMonths(trx(unitTable).where('grain', 'M'), 'bucket', months).delete();
  const target = [...inst, ...cols].join(', ');
  const unitSql = rawCounters(counterQuery(family, 'unit'), monthDates(months));
  await trx.raw(
    `INSERT INTO ${unitTable} (unit_id, grain, bucket, ${target}) SELECT key, 'M', bucket, ${target} FROM (${unitSql.sql}) s`,
    unitSql.bindings,
  );
  await rebuildScopes(trx, family, months, ['all', 'kind', 'group']);

  // Yearly rows are sums of the monthly ones: each case counted once per unit either way. Written in (year,
  // unit) order so a year's unit table reads neighbouring pages, not one page per unit.
  const years = months ? yearsOf(months) : null;
  const inYears = (b: Knex.QueryBuilder) => {
    if (years) void b.where((w) => years.forEach((r) => void w.orWhereBetween('bucket', [r.from, r.to])));
    return b;
  };
  await inYears(trx(unitTable).where('grain', 'Y')).delete();
  const sums = cols.map((c) => `sum(${c})::int`).join(', ');
  const yearFilter = years
    ? ` AND (${years.map(() => 'bucket BETWEEN ?::date AND ?::date').join(' OR ')})`
    : '';
  await trx.raw(
    `INSERT INTO ${unitTable} (unit_id, grain, bucket, ${target})
     SELECT unit_id, 'Y', date_trunc('year', bucket)::date${inst.map((i) => `, ${i}`).join('')}, ${sums}
     FROM ${unitTable} WHERE grain = 'M'${yearFilter}
     GROUP BY unit_id, date_trunc('year', bucket)${inst.map((i) => `, ${i}`).join('')}
     ORDER BY 3, 1`,
    years ? years.flatMap((r) => [r.from, r.to]) : [],
  );
}
