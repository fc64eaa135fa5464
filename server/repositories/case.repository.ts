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
  const spec = FAMILY_SPECS[q.family];
  const counter = (id: string) => {
    const m = COUNTS[q.family].find((c) => c.id === id);
    if (!m) throw new Error(`case list: ${q.family} has no counter ${id}`);
    return m;
  };
  const flag = counter(CASE_LIST_FLAG[q.family]);
  const columns = CASE_LIST_COLUMNS[q.family] as readonly string[];
  if (!columns.includes(q.sort)) throw new Error(`case list: cannot sort by ${q.sort}`);
  const noColumn = q.family === 'prelitigation' ? 'dispute_no' : 'case_no';
  const dates = Object.entries(spec.streams)
    .filter(([stream]) => q.stream === null || stream === q.stream)
    .map(([, col]) => col);

  const base = db({ c: spec.table })
    .where((w) => {
      for (const col of dates) w.orWhereBetween(`c.${col}`, [q.period.from, q.period.to]);
    })
    .modify((b) => {
      if (spec.base) b.whereRaw(spec.base);
      if (spec.hasInstance && q.instances) b.whereIn('c.instance', q.instances);
      if (spec.unitColumn) b.where(`c.${spec.unitColumn}`, q.unitId);
      // Litigation: charged through litigation_defendant (one row per case and unit, so no duplicates).
      else b.join({ d: 'litigation_defendant' }, 'd.case_id', 'c.id').where('d.unit_id', q.unitId);
      for (const id of q.only ?? []) b.whereRaw(`(${counter(id).when}) IS TRUE`);
      for (const id of q.except ?? []) b.whereRaw(`(${counter(id).when}) IS NOT TRUE`);
    });

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

/** A unit by its code, or undefined. */
export async function findUnitByCode(
  db: Knex,
  code: string,
): Promise<{ id: number; code: string; name: string; kind: string } | undefined> {
  return db('unit').where('code', code).first('id', 'code', 'name', 'kind');
}
