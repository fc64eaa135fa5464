/**
 * A unit's case list (GET /api/units/:code/cases): the records behind its figures for a period. A record is in
 * the list when any of its family's dates counted by the metrics (filed or closed; accepted or closed; registered
 * or result) falls in the period — or, with `stream`, that one date — so `stream=filed` lists exactly the cases of
 * lit_filed and `stream=closed` those of lit_concluded, with the 败诉 flag marking those of lit_losses.
 *
 * The cases capability owns this folder; its shape is server/contracts/cases.ts.
 */
import type { UnitCasesResult } from '../../contracts/cases.ts';
import type { Knex } from '../../db/knex.ts';
import { cstToday } from '../../metrics/dates.ts';
import { FAMILY_SPECS, type Family } from '../../metrics/index.ts';
import { PeriodError, resolvePeriod, type PeriodRequest } from '../../metrics/period.ts';
import {
  CASE_LIST_COLUMNS,
  CASE_LIST_FLAG,
  findUnitByCode,
  listUnitCases,
} from '../../repositories/case.repository.ts';
import { scopeUnitCodes, type Actor } from '../auth/access.ts';

export { CASE_LIST_COLUMNS };

export interface UnitCasesQuery extends PeriodRequest {
  family: Family;
  stream?: string | undefined;
  /** Litigation instances (default 一审 only, as the metrics count); 'all' for every instance. */
  instances?: string[] | 'all' | undefined;
  /** Only the records a counter counts, and not those another counts (COUNTS ids; charged-cases.ts). */
  only?: readonly string[] | undefined;
  except?: readonly string[] | undefined;
  sort?: string | undefined;
  dir?: 'asc' | 'desc' | undefined;
  /** 1-based. */
  page?: number | undefined;
  pageSize?: number | undefined;
}

/** A request the caller can fix (unknown stream or sort column, bad period): HTTP 400. */
export class UnitCasesQueryError extends Error {}

/**
 * One page of a unit's records, or null when no unit has that code. A unit user may read only their own unit
 * (AccessDeniedError otherwise), whatever the route policy says.
 */
export async function unitCases(
  deps: { db: Knex; clock?: () => Date },
  actor: Actor | null,
  code: string,
  q: UnitCasesQuery,
): Promise<UnitCasesResult | null> {
  return listFor(deps, actor, code, q, null);
}

/**
 * Most records one download holds. A county unit has tens of cases a year and a province's busiest unit a few
 * thousand; a list longer than this is refused with a message rather than held in memory.
 */
export const CASE_EXPORT_MAX = 50_000;

/**
 * The whole list (every page, same filters and order) for a download, under the same access rule as
 * unitCases: a unit user gets only their own unit's records.
 */
export async function unitCasesForExport(
  deps: { db: Knex; clock?: () => Date },
  actor: Actor | null,
  code: string,
  q: Omit<UnitCasesQuery, 'page' | 'pageSize'>,
): Promise<UnitCasesResult | null> {
  return listFor(deps, actor, code, q, CASE_EXPORT_MAX);
}

async function listFor(
  deps: { db: Knex; clock?: () => Date },
  actor: Actor | null,
  code: string,
  q: UnitCasesQuery,
  exportMax: number | null,
): Promise<UnitCasesResult | null> {
  if (actor) scopeUnitCodes(actor, [code]);
  const spec = FAMILY_SPECS[q.family];
  const stream = q.stream ?? null;
  if (stream !== null && !(stream in spec.streams)) {
    throw new UnitCasesQueryError(
      `stream: ${q.family} has ${Object.keys(spec.streams).join(', ')} (got ${stream})`,
    );
  }
  const columns = CASE_LIST_COLUMNS[q.family] as readonly string[];
  const defaultSort = Object.values(spec.streams)[0]!;
  const sort = q.sort ?? defaultSort;
  if (!columns.includes(sort)) throw new UnitCasesQueryError(`sort: one of ${columns.join(', ')}`);
  let period;
  try {
    period = resolvePeriod(q, cstToday((deps.clock ?? (() => new Date()))()));
  } catch (err) {
    if (err instanceof PeriodError) throw new UnitCasesQueryError(err.message);
    throw err;
  }
  const unit = await findUnitByCode(deps.db, code);
  if (!unit) return null;
  const instances = !spec.hasInstance || q.instances === 'all' ? null : (q.instances ?? ['一审']);
  const page = exportMax === null ? (q.page ?? 1) : 1;
  // An export asks for one more than it may hold, to tell "exactly the maximum" from "too many".
  const pageSize = exportMax === null ? (q.pageSize ?? 20) : exportMax + 1;
  const dir = q.dir ?? (sort === defaultSort ? 'desc' : 'asc');
  const list = await listUnitCases(deps.db, {
    family: q.family,
    unitId: unit.id,
    period,
    stream,
    instances,
    only: q.only,
    except: q.except,
    sort,
    dir,
    limit: pageSize,
    offset: (page - 1) * pageSize,
  });
  if (exportMax !== null && list.total > exportMax) {
    throw new UnitCasesQueryError(
      `该清单有 ${list.total} 条记录，超过单次导出上限 ${exportMax} 条，请缩短统计期 / ${list.total} records: more than one download holds (${exportMax}); choose a shorter period`,
    );
  }
  return {
    unit: { code: unit.code, name: unit.name, kind: unit.kind },
    family: q.family,
    period: { from: period.from, to: period.to, preset: period.preset, label: period.label },
    stream,
    instances,
    flag: CASE_LIST_FLAG[q.family],
    columns,
    sort,
    dir,
    page,
    pageSize: exportMax === null ? pageSize : list.total,
    total: list.total,
    rows: list.rows,
  };
}
