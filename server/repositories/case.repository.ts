/**
 * One unit's record lists (the unit page's 案件清单): the litigation cases charged to it, its reconsideration cases
 * and its pre-litigation disputes, paged and sorted. The flag of each row (败诉 / 纠错 / 化解成功) is the metric
 * registry's own SQL condition, so a list and the figure it explains can never disagree.
 */
import type { CaseListRow } from '../contracts/cases.ts';
import type { Knex } from '../db/knex.ts';
import { COUNTS, FAMILY_SPECS, type Family, type Period } from '../metrics/index.ts';

/** The columns each list shows, in order; the API sorts by any of them. */
export const CASE_LIST_COLUMNS = {
  litigation: [
    'case_no',
    'instance',
    'court',
    'filed_on',
    'closed_on',
    'cause',
    'domain',
    'closing',
    'judgment',
    'loss_reason',
    'hearing_held',
    'head_appeared',
    'head_title',
    'head_spoke',
    'flag',
  ],
  reconsideration: [
    'case_no',
    'applied_on',
    'accepted_on',
    'matter',
    'closed_on',
    'decision',
    'litigated_after',
    'flag',
  ],
  prelitigation: ['case_no', 'registered_on', 'source', 'domain', 'result', 'result_on', 'flag'],
} as const satisfies Record<Family, readonly string[]>;

/** The counter whose condition is each list's flag. */
export const CASE_LIST_FLAG: Record<Family, string> = {
  litigation: 'lit_losses',
  reconsideration: 'rec_corrected',
  prelitigation: 'pre_resolved',
};

export interface CaseListQuery {
  family: Family;
  unitId: number;
  period: Period;
  /** Which of the family's dates must fall in the period (null: any of them). */
  stream: string | null;
  /** Litigation only; null = every instance. */
  instances: string[] | null;
  /** Counters of the family (COUNTS ids) whose condition each record must meet, and those it must not. */
  only?: readonly string[] | undefined;
  except?: readonly string[] | undefined;
  sort: string;
  dir: 'asc' | 'desc';
  limit: number;
  offset: number;
}

export type { CaseListRow } from '../contracts/cases.ts';

/** A page of a unit's records and the number of records in the whole list. */
export async function listUnitCases(
  db: Knex,
  q: CaseListQuery,
): Promise<{ total: number; rows: CaseListRow[] }> {
  const flag = counter(q.family, CASE_LIST_FLAG[q.family]);
  const columns = CASE_LIST_COLUMNS[q.family] as readonly string[];
  if (!columns.includes(q.sort)) throw new Error(`case list: cannot sort by ${q.sort}`);
  const noColumn = q.family === 'prelitigation' ? 'dispute_no' : 'case_no';
  const base = countedRecords(db, { ...q, unitIds: [q.unitId] });

  const select = columns.map((col) =>
    col === 'flag'
      ? db.raw(`(${flag.when}) IS TRUE AS flag`)
      : col === 'case_no'
        ? db.raw(`c.${noColumn} AS case_no`)
        : `c.${col}`,
  );
  const sortExpr = q.sort === 'flag' ? 'flag' : q.sort === 'case_no' ? `c.${noColumn}` : `c.${q.sort}`;
  const [count, rows] = await Promise.all([
    base.clone().count<{ n: number }[]>('* as n').first(),
    base
      .clone()
      .select(select)
      .orderByRaw(`${sortExpr} ${q.dir === 'asc' ? 'ASC' : 'DESC'} NULLS LAST, c.${noColumn} ASC`)
      .limit(q.limit)
      .offset(q.offset) as Promise<CaseListRow[]>,
  ]);
  return { total: count?.n ?? 0, rows };
}

function counter(family: Family, id: string) {
  const m = COUNTS[family].find((c) => c.id === id);
  if (!m) throw new Error(`case list: ${family} has no counter ${id}`);
  return m;
}

type RecordsQuery = Pick<CaseListQuery, 'family' | 'period' | 'stream' | 'instances' | 'only' | 'except'> & {
  /** The charged units (null: every unit). */
  unitIds: readonly number[] | null;
};

/**
 * The records of `family` charged to the units in the period (alias c; litigation joined to its defendants as d),
 * narrowed by counters' own conditions: the one builder behind the case list and the evaluation's case numbers.
 */
function countedRecords(db: Knex, q: RecordsQuery) {
  const spec = FAMILY_SPECS[q.family];
  const dates = Object.entries(spec.streams)
    .filter(([stream]) => q.stream === null || stream === q.stream)
    .map(([, col]) => col);
  return db({ c: spec.table })
    .where((w) => {
      for (const col of dates) w.orWhereBetween(`c.${col}`, [q.period.from, q.period.to]);
    })
    .modify((b) => {
      if (spec.base) b.whereRaw(spec.base);
      if (spec.hasInstance && q.instances) b.whereIn('c.instance', q.instances);
      // Litigation: charged through litigation_defendant (one row per case and unit, so no duplicates).
      if (!spec.unitColumn) b.join({ d: 'litigation_defendant' }, 'd.case_id', 'c.id');
      if (q.unitIds) b.whereIn(spec.unitColumn ? `c.${spec.unitColumn}` : 'd.unit_id', q.unitIds);
      for (const id of q.only ?? []) b.whereRaw(`(${counter(q.family, id).when}) IS TRUE`);
      for (const id of q.except ?? []) b.whereRaw(`(${counter(q.family, id).when}) IS NOT TRUE`);
    });
}

/**
 * Every unit's record numbers that meet the counters `only` and not `except` in the period (the evaluation's
 * 「扣分案件」), in one query, by unit id and then in the list's order (the first counter's date, then number).
 */
export async function countedRecordNumbers(
  db: Knex,
  q: Omit<RecordsQuery, 'stream'> & { only: readonly [string, ...string[]] },
): Promise<{ unit_id: number; record_no: string }[]> {
  const spec = FAMILY_SPECS[q.family];
  const first = counter(q.family, q.only[0]);
  const noColumn = q.family === 'prelitigation' ? 'dispute_no' : 'case_no';
  const date = spec.streams[first.stream]!;
  const unit = spec.unitColumn ? `c.${spec.unitColumn}` : 'd.unit_id';
  return countedRecords(db, { ...q, stream: first.stream })
    .select(db.raw(`${unit} AS unit_id`), db.raw(`c.${noColumn} AS record_no`))
    .orderByRaw(`1, c.${date} ASC NULLS LAST, c.${noColumn} ASC`) as Promise<
    { unit_id: number; record_no: string }[]
  >;
}

/** A unit by its code, or undefined. */
export async function findUnitByCode(
  db: Knex,
  code: string,
): Promise<{ id: number; code: string; name: string; kind: string } | undefined> {
  return db('unit').where('code', code).first('id', 'code', 'name', 'kind');
}
