/**
 * Pure SQL builders for the metric counters: text plus bindings, never executed here (tests snapshot them).
 * Every user-supplied value travels as a binding; the only spliced text is the registry's own constants.
 *
 * Shape of every counter query: one branch per date stream of the family (a case filed in March and closed in
 * May counts as filed in March and concluded in May), each aggregated with count(*) FILTER, stacked with
 * UNION ALL and summed by key and bucket.
 */
import type { Knex } from '../db/knex.ts';
import {
  ATTRIBUTE_DIMENSIONS,
  type AttributeDimension,
  type CountMetric,
  type FamilySpec,
  type Period,
} from './types.ts';
import { addMonths } from './dates.ts';
import type { Segments } from './segments.ts';

export interface Sql {
  sql: string;
  bindings: Knex.RawBinding[];
}

/** What rows are keyed by. unit/kind/group/total come from the charged unit; the rest are record attributes. */
export type KeyDim = 'unit' | 'kind' | 'group' | 'total' | AttributeDimension;
export const isAttributeKey = (k: string): k is AttributeDimension =>
  (ATTRIBUTE_DIMENSIONS as readonly string[]).includes(k);

/** Time bucket of each row: none, text labels ('2024-03', '2024-Q1', '2024'), or the month's first day (rollups). */
export type Bucket = 'none' | 'month' | 'quarter' | 'year' | 'month_start';

export interface UnitFilter {
  unitIds?: number[] | undefined;
  kinds?: string[] | undefined;
  groups?: string[] | undefined;
}

export interface CounterQuery {
  family: FamilySpec;
  counters: readonly CountMetric[];
  key: KeyDim;
  bucket: Bucket;
  filter: UnitFilter;
  /** Litigation only; null = every instance. */
  instances: string[] | null;
  /** Rollup refresh keeps the instance as a column. */
  byInstance?: boolean;
}

const GROUP_KEY = `coalesce(u.peer_group, '')`;

function bucketExpr(bucket: Bucket, col: string): string {
  switch (bucket) {
    case 'none':
      return `''`;
    case 'month':
      return `to_char(${col}, 'YYYY-MM')`;
    case 'quarter':
      return `to_char(${col}, 'YYYY-"Q"Q')`;
    case 'year':
      return `to_char(${col}, 'YYYY')`;
    case 'month_start':
      return `date_trunc('month', ${col})::date`;
  }
}

function unitFilterSql(f: UnitFilter, idCol = 'u.id'): Sql {
  const parts: string[] = [];
  const bindings: Knex.RawBinding[] = [];
  if (f.unitIds) {
    parts.push(`${idCol} = ANY(?::int[])`);
    bindings.push(f.unitIds);
  }
  if (f.kinds) {
    parts.push(`u.kind = ANY(?::text[])`);
    bindings.push(f.kinds);
  }
  if (f.groups) {
    parts.push(`${GROUP_KEY} = ANY(?::text[])`);
    bindings.push(f.groups);
  }
  return { sql: parts.join(' AND '), bindings };
}

function rangesSql(col: string, ranges: Period[] | null): Sql {
  if (ranges === null) return { sql: `${col} IS NOT NULL`, bindings: [] };
  if (ranges.length === 0) return { sql: 'FALSE', bindings: [] };
  return {
    sql: `(${ranges.map(() => `${col} BETWEEN ?::date AND ?::date`).join(' OR ')})`,
    bindings: ranges.flatMap((r) => [r.from, r.to]),
  };
}

function unitKeyExpr(key: KeyDim, unitIdCol: string): string {
  switch (key) {
    case 'unit':
      return unitIdCol;
    case 'kind':
      return 'u.kind';
    case 'group':
      return GROUP_KEY;
    default:
      return `''`;
  }
}

/**
 * Counters straight from the raw record tables for dates within `ranges` (null: every date). A unit's rows count
 * each case charged to it; any other key counts each case once (a case with two defendants of one kind is one
 * case of that kind).
 */
export function rawCounters(q: CounterQuery, ranges: Period[] | null): Sql {
  const f = q.family;
  const bindings: Knex.RawBinding[] = [];
  const isAttr = isAttributeKey(q.key);
  if (isAttr && !f.attributes.includes(q.key as AttributeDimension)) {
    throw new Error(`${f.family} records have no ${q.key}`);
  }
  const inst = q.byInstance ? ', c.instance' : '';
  const uf = unitFilterSql(q.filter);

  const instSql: Sql =
    f.hasInstance && q.instances ? { sql: 'c.instance = ANY(?::text[])', bindings: [q.instances] } : noSql;

  const branches = Object.entries(f.streams).map(([stream, col]) => {
    const r = rangesSql(`c.${col}`, ranges);
    const cols = q.counters.map((m) =>
      m.stream === stream ? `count(*) FILTER (WHERE ${m.when}) AS ${m.id}` : `0 AS ${m.id}`,
    );
    const conds = [f.base, instSql.sql, r.sql].filter(Boolean) as string[];
    let from: string;
    let keyExpr: string;
    if (f.unitColumn === null) {
      // Litigation: the charged units come from litigation_defendant. The cases of this stream's dates are
      // picked first (indexed), then paired with their keys; DISTINCT makes "each case once per key" for every
      // key but the unit (one row per case and unit already).
      const chargeKey = isAttr ? '' : `, ${unitKeyExpr(q.key, 'd.unit_id')} AS key`;
      const distinct = q.key === 'unit' ? '' : 'DISTINCT ';
      from =
        `(SELECT ${distinct}c.id AS case_id${chargeKey} FROM ${f.table} c` +
        ` JOIN litigation_defendant d ON d.case_id = c.id JOIN unit u ON u.id = d.unit_id` +
        ` WHERE ${[...conds, uf.sql].filter(Boolean).join(' AND ')}) ch JOIN ${f.table} c ON c.id = ch.case_id`;
      keyExpr = isAttr ? `coalesce(c.${q.key}, '')` : 'ch.key';
      bindings.push(...instSql.bindings, ...r.bindings, ...uf.bindings);
      return (
        `SELECT ${keyExpr} AS key, ${bucketExpr(q.bucket, `c.${col}`)} AS bucket${inst}, ${cols.join(', ')}` +
        ` FROM ${from} GROUP BY 1, 2${q.byInstance ? ', 3' : ''}`
      );
    }
    from = `${f.table} c JOIN unit u ON u.id = c.${f.unitColumn}`;
    keyExpr = isAttr ? `coalesce(c.${q.key}, '')` : unitKeyExpr(q.key, `c.${f.unitColumn}`);
    bindings.push(...instSql.bindings, ...r.bindings, ...uf.bindings);
    return (
      `SELECT ${keyExpr} AS key, ${bucketExpr(q.bucket, `c.${col}`)} AS bucket${inst}, ${cols.join(', ')}` +
      ` FROM ${from} WHERE ${[...conds, uf.sql].filter(Boolean).join(' AND ')} GROUP BY 1, 2${q.byInstance ? ', 3' : ''}`
    );
  });
  return { sql: wrapSum(q, branches), bindings };
}

function wrapSum(q: CounterQuery, branches: string[]): string {
  const inst = q.byInstance ? ', instance' : '';
  const sums = q.counters.map((m) => `sum(${m.id})::int AS ${m.id}`).join(', ');
  return `SELECT key, bucket${inst}, ${sums} FROM (${branches.join(' UNION ALL ')}) e GROUP BY key, bucket${inst}`;
}

/** Which rollup table answers a query, or null when only raw rows can. */
export type RollupSource =
  { table: 'unit' } | { table: 'scope'; scope: 'all' | 'kind' | 'group'; values: string[] | null };

/**
 * Counters from the rollups for the whole years and months of `segs`, plus raw rows for its leftover days. The
 * caller has checked that `source` can answer `q` (see chooseRollup).
 */
export function rollupCounters(q: CounterQuery, segs: Segments, source: RollupSource): Sql {
  const f = q.family;
  const bindings: Knex.RawBinding[] = [];
  const branches: string[] = [];
  const cols = q.counters.map((m) => `r.${m.id}`).join(', ');
  const inst: Sql =
    f.hasInstance && q.instances
      ? { sql: ' AND r.instance = ANY(?::text[])', bindings: [q.instances] }
      : noSql;

  const part = (grain: 'Y' | 'M', ranges: Period[]) => {
    if (!ranges.length) return;
    const r = rangesSql('r.bucket', ranges);
    if (source.table === 'unit') {
      // Keyed or filtered by the unit's kind or group: the unit row must be joined.
      const needUnit = !!(q.filter.kinds || q.filter.groups) || q.key === 'kind' || q.key === 'group';
      const uf = unitFilterSql(q.filter, 'r.unit_id');
      const filters = [`r.grain = '${grain}'`, r.sql];
      const b = [...r.bindings];
      if (uf.sql) {
        filters.push(uf.sql);
        b.push(...uf.bindings);
      }
      branches.push(
        `SELECT ${unitKeyExpr(q.key, 'r.unit_id')} AS key, ${bucketExpr(q.bucket, 'r.bucket')} AS bucket, ${cols}` +
          ` FROM ${f.prefix}_rollup_unit r${needUnit ? ' JOIN unit u ON u.id = r.unit_id' : ''}` +
          ` WHERE ${filters.join(' AND ')}${inst.sql}`,
      );
      bindings.push(...b, ...inst.bindings);
    } else {
      const values = source.values ? ' AND r.scope_value = ANY(?::text[])' : '';
      branches.push(
        `SELECT r.scope_value AS key, ${bucketExpr(q.bucket, 'r.bucket')} AS bucket, ${cols}` +
          ` FROM ${f.prefix}_rollup_scope r WHERE r.scope = '${source.scope}'${values} AND ${r.sql}${inst.sql}`,
      );
      bindings.push(...(source.values ? [source.values] : []), ...r.bindings, ...inst.bindings);
    }
  };
  part('Y', segs.years);
  part('M', segs.months);
  if (segs.days.length) {
    const raw = rawCounters(q, segs.days);
    branches.push(raw.sql);
    bindings.push(...raw.bindings);
  }
  if (!branches.length) return rawCounters(q, []);
  // One calendar year of one instance, per unit (the year's unit table): the yearly rows are already one per
  // unit, so they need no summing (the sum over 10,000 rows was half the query's time).
  const oneRowPerKey =
    source.table === 'unit' &&
    q.key === 'unit' &&
    (q.bucket === 'none' || q.bucket === 'year') &&
    segs.years.length === 1 &&
    segs.years[0]!.from === segs.years[0]!.to &&
    !segs.months.length &&
    !segs.days.length &&
    (!f.hasInstance || q.instances?.length === 1);
  if (oneRowPerKey) return { sql: branches[0]!, bindings };
  return { sql: wrapSum(q, branches), bindings };
}

const noSql: Sql = { sql: '', bindings: [] };

/** Inclusive month-start ranges → year ranges (1 January of each year touched). */
export function yearsOf(months: Period[]): Period[] {
  const years = new Set<number>();
  for (const r of months) {
    for (let m = r.from; m <= r.to; m = addMonths(m, 1)) years.add(Number(m.slice(0, 4)));
  }
  return [...years].sort((a, b) => a - b).map((y) => ({ from: `${y}-01-01`, to: `${y}-12-31` }));
}
