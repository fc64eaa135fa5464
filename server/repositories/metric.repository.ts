import type { Knex } from '../db/knex.ts';
import type { Family, FamilySpec } from '../metrics/types.ts';
import type { Sql } from '../metrics/sql.ts';

export interface CounterRow {
  key: string | number;
  bucket: string;
  [counter: string]: string | number;
}

/** Runs a counter query built by server/metrics/sql.ts. */
export async function runCounters(db: Knex, q: Sql): Promise<CounterRow[]> {
  const res = await db.raw<{ rows: CounterRow[] }>(q.sql, q.bindings);
  return res.rows;
}

/**
 * Runs a query and returns its rows as arrays in select-list order (no object per row: a unit table reads tens
 * of thousands of counter rows).
 */
export async function runRowArrays(db: Knex, q: Sql): Promise<unknown[][]> {
  const res = (await db.raw(q.sql, q.bindings).options({ rowMode: 'array' })) as { rows: unknown[][] };
  return res.rows;
}

export interface MetricUnit {
  id: number;
  code: string;
  name: string;
  kind: string;
  peer_group: string | null;
}

/** Units ordered by code; all of them, or those with one of `ids` or `codes`. */
export async function listMetricUnits(
  db: Knex,
  only: { ids?: number[] | undefined; codes?: string[] | undefined } = {},
): Promise<MetricUnit[]> {
  const q = db('unit').select<MetricUnit[]>('id', 'code', 'name', 'kind', 'peer_group').orderBy('code');
  if (only.ids) void q.whereIn('id', only.ids);
  if (only.codes) void q.whereIn('code', only.codes);
  return q;
}

/** The distinct kinds or peer groups ('' for none) of the units passing a filter. */
export async function listUnitValues(
  db: Knex,
  column: 'kind' | 'peer_group',
  filter: { unitIds?: number[] | undefined; kinds?: string[] | undefined; groups?: string[] | undefined },
): Promise<string[]> {
  const rows: { v: string }[] = await db('unit')
    .distinct(db.raw(`coalesce(??, '') AS v`, [column]))
    .modify((b) => {
      if (filter.unitIds) void b.whereIn('id', filter.unitIds);
      if (filter.kinds) void b.whereIn('kind', filter.kinds);
      if (filter.groups) void b.whereRaw(`coalesce(peer_group, '') = ANY(?::text[])`, [filter.groups]);
    });
  return rows.map((r) => r.v);
}

export async function readSettingOverrides(db: Knex): Promise<Record<string, unknown>> {
  const rows = await db('metric_setting').select<{ key: string; value: unknown }[]>('key', 'value');
  return Object.fromEntries(rows.map((r) => [r.key, r.value]));
}

export async function writeSetting(db: Knex, key: string, value: unknown, by: string | null): Promise<void> {
  await db('metric_setting')
    .insert({ key, value: JSON.stringify(value), updated_by: by, updated_at: db.fn.now() })
    .onConflict('key')
    .merge();
}

export async function deleteSetting(db: Knex, key: string): Promise<void> {
  await db('metric_setting').where('key', key).delete();
}

/**
 * Families with writes not yet rolled up, when each family's rollups were last refreshed, and when anything a
 * figure is computed from last changed (data_version; the figures-as-of time of raw reads).
 */
export async function rollupStatus(db: Knex): Promise<{
  stale: Set<Family>;
  refreshedAt: Map<Family, string>;
  dataChangedAt: string | null;
}> {
  const [dirty, state, version] = await Promise.all([
    db('metric_rollup_dirty').distinct<{ family: Family }[]>('family'),
    db('metric_rollup_state').select<{ family: Family; refreshed_at: Date }[]>('family', 'refreshed_at'),
    db('data_version').first<{ changed_at: Date } | undefined>('changed_at'),
  ]);
  return {
    stale: new Set(dirty.map((r) => r.family)),
    refreshedAt: new Map(state.map((r) => [r.family, new Date(r.refreshed_at).toISOString()])),
    dataChangedAt: version ? new Date(version.changed_at).toISOString() : null,
  };
}

/**
 * What the metric figures were computed from, as one string: the data_version counter (bumped by every write to
 * records, units or settings in the writing transaction) and the rollups' state (which families are stale and
 * when each was refreshed: they decide `source` and `data_as_of`). Read it before computing: an entry computed
 * after a concurrent commit is then filed under the older stamp, never under the newer one.
 */
export async function dataStamp(db: Knex): Promise<string> {
  const { rows } = await db.raw<{ rows: { stamp: string }[] }>(
    `SELECT concat_ws('|', (SELECT version FROM data_version),
       (SELECT string_agg(DISTINCT family, ',') FROM metric_rollup_dirty),
       (SELECT string_agg(family || '@' || refreshed_at, ',' ORDER BY family) FROM metric_rollup_state)) AS stamp`,
  );
  return rows[0]!.stamp;
}

/** The latest calendar year holding any first-instance filing, or null for an empty database. */
export async function latestFilingYear(db: Knex): Promise<number | null> {
  const row = await db('litigation_case')
    .where('instance', '一审')
    .max<{ max: string | null }>('filed_on as max')
    .first();
  return row?.max ? Number(row.max.slice(0, 4)) : null;
}

/**
 * The first and last date any record of a family carries on any of its period streams (filing, closing, …): how
 * far its source's data reach. Read over the whole family, never a unit filter — it describes the data source.
 * Each min/max walks one date index.
 */
export async function familyCoverage(
  db: Knex,
  spec: FamilySpec,
): Promise<{ first: string | null; last: string | null }> {
  const cols = Object.values(spec.streams);
  const where = spec.base ? `WHERE ${spec.base}` : '';
  const { rows } = await db.raw<{ rows: { first: string | null; last: string | null }[] }>(
    `SELECT to_char(LEAST(${cols.map((c) => `(SELECT min(c.${c}) FROM ${spec.table} c ${where})`).join(', ')}), 'YYYY-MM-DD') AS first,
            to_char(GREATEST(${cols.map((c) => `(SELECT max(c.${c}) FROM ${spec.table} c ${where})`).join(', ')}), 'YYYY-MM-DD') AS last`,
  );
  return rows[0] ?? { first: null, last: null };
}
