/**
 * Rollup maintenance (the pure SQL of the monthly counts: server/metrics/rollup-sql.ts). The raw tables' statement triggers (migration 20261123200000) note which months each write
 * touches in metric_rollup_dirty; refreshRollups() recomputes exactly those months (and their years) from the raw
 * rows, inside the caller's transaction, so rollups change atomically with the data they summarise.
 */
import type { Knex } from '../db/knex.ts';
import { DatabaseLock, takeLock } from '../db/locks.ts';
import { COUNTS, FAMILIES, FAMILY_SPECS } from '../metrics/index.ts';
import { monthEnd } from '../metrics/dates.ts';
import { monthlyCounts, type RollupScope as Scope } from '../metrics/rollup-sql.ts';
import { monthRanges } from '../metrics/segments.ts';
import { yearsOf } from '../metrics/sql.ts';
import type { Family, Period } from '../metrics/types.ts';

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
  await takeLock(trx, DatabaseLock.Rollup);
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

const inMonths = (b: Knex.QueryBuilder, col: string, months: Period[] | null) => {
  if (months) void b.where((w) => months.forEach((r) => void w.orWhereBetween(col, [r.from, r.to])));
  return b;
};

/** Recomputes the scope rollups (county, kinds, groups) of `months` (null: all) from the raw rows. */
async function rebuildScopes(
  trx: Knex,
  family: Family,
  months: Period[] | null,
  scopes: Scope[],
): Promise<void> {
  await stageRollupRows(trx, family, months);
  await insertScopes(trx, family, months, scopes);
  await trx.raw('DROP TABLE rollup_case, rollup_charge');
}

/** Replaces the scope rows of `months` with counts from the staged rows (stageRollupRows). */
async function insertScopes(
  trx: Knex,
  family: Family,
  months: Period[] | null,
  scopes: Scope[],
): Promise<void> {
  const spec = FAMILY_SPECS[family];
  const scopeTable = `${spec.prefix}_rollup_scope`;
  const target = [...(spec.hasInstance ? ['instance'] : []), ...COUNTS[family].map((c) => c.id)].join(', ');
  await inMonths(trx(scopeTable).whereIn('scope', scopes), 'bucket', months).delete();
  for (const scope of scopes) {
    await trx.raw(
      `INSERT INTO ${scopeTable} (scope, scope_value, bucket, ${target})
       SELECT '${scope}', key, bucket, ${target} FROM (${monthlyCounts(family, scope)}) s`,
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
  await stageRollupRows(trx, family, months);
  const target = [...inst, ...cols].join(', ');
  await trx.raw(
    `INSERT INTO ${unitTable} (unit_id, grain, bucket, ${target})
     SELECT key, 'M', bucket, ${target} FROM (${monthlyCounts(family, 'unit')}) s`,
  );
  await insertScopes(trx, family, months, ['all', 'kind', 'group']);
  await trx.raw('DROP TABLE rollup_case, rollup_charge');

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

/**
 * Two temporary tables the monthly counts of a refresh are grouped from, each read once from the raw tables:
 * rollup_case — per record whose dates touch the months (null: all): for each date stream its month (null when
 * that date lies outside the months) and each counter's condition as a boolean; rollup_charge — the units each
 * record is charged to, with their kind and group. Grouping the four rollups (unit, county, kind, group) from
 * these replaced eight passes of a case ⋈ defendant ⋈ unit ⋈ case join: most of an import's refresh time.
 */
async function stageRollupRows(trx: Knex, family: Family, months: Period[] | null): Promise<void> {
  const spec = FAMILY_SPECS[family];
  // Bucket ranges are of month starts; the raw rows are read over the whole of each month.
  const dates = months && months.map((r) => ({ from: r.from, to: monthEnd(r.to) }));
  const inDates = (col: string): { sql: string; bindings: string[] } =>
    dates
      ? {
          sql: `(${dates.map(() => `${col} BETWEEN ?::date AND ?::date`).join(' OR ')})`,
          bindings: dates.flatMap((r) => [r.from, r.to]),
        }
      : { sql: `${col} IS NOT NULL`, bindings: [] };
  const streams = Object.values(spec.streams).map((col) => ({ col, ...inDates(`c.${col}`) }));
  const select = [
    'c.id',
    ...(spec.hasInstance ? ['c.instance'] : []),
    ...(spec.unitColumn ? [`c.${spec.unitColumn} AS unit_id`] : []),
    ...streams.map((s, i) => `CASE WHEN ${s.sql} THEN date_trunc('month', c.${s.col})::date END AS b${i}`),
    ...COUNTS[family].map((m, i) => `(${m.when}) IS TRUE AS f${i}`),
  ];
  const where = [spec.base, `(${streams.map((s) => s.sql).join(' OR ')})`].filter(Boolean).join(' AND ');
  await trx.raw('DROP TABLE IF EXISTS rollup_case, rollup_charge');
  await trx.raw(
    `CREATE TEMP TABLE rollup_case ON COMMIT DROP AS SELECT ${select.join(', ')} FROM ${spec.table} c WHERE ${where}`,
    [...streams.flatMap((s) => s.bindings), ...streams.flatMap((s) => s.bindings)],
  );
  // Litigation charges every listed defendant (litigation_defendant); the other families their one unit.
  const charged =
    spec.unitColumn === null
      ? 'rollup_case rc JOIN litigation_defendant d ON d.case_id = rc.id JOIN unit u ON u.id = d.unit_id'
      : 'rollup_case rc JOIN unit u ON u.id = rc.unit_id';
  await trx.raw(
    `CREATE TEMP TABLE rollup_charge ON COMMIT DROP AS
     SELECT rc.id AS case_id, u.id AS unit_id, u.kind, coalesce(u.peer_group, '') AS grp FROM ${charged}`,
  );
  await trx.raw('ANALYZE rollup_case, rollup_charge');
}
