/**
 * The cases a unit is called to account for in a period: those behind its 败诉 (lit_losses) and the hearings its
 * head missed (lit_hearings without lit_head_appearances, 负责人应出庭未出庭). A one-unit meeting deck and the unit
 * notice (通报) list them. Each list is the case list of unit-cases.service.ts narrowed by the registry's own
 * counter conditions and date stream, so a list always holds exactly the cases its figure counts, under the same
 * access rule (a unit user: their own unit only).
 */
import type { CaseListRow, UnitCasesResult } from '../../contracts/cases.ts';
import type { Knex } from '../../db/knex.ts';
import { COUNTS } from '../../metrics/index.ts';
import type { PeriodRequest } from '../../metrics/period.ts';
import type { Actor } from '../auth/access.ts';
import { unitCasesForExport } from './unit-cases.service.ts';

export interface ChargedCases {
  unit: UnitCasesResult['unit'];
  period: UnitCasesResult['period'];
  /** The list columns (CASE_LIST_COLUMNS.litigation), the same for both lists. */
  columns: readonly string[];
  /** 一审 cases closed in the period that count in lit_losses, by closing date. */
  losses: CaseListRow[];
  /** 一审 cases closed in the period that had a hearing no head of the unit appeared at, by closing date. */
  absences: CaseListRow[];
}

/** Each list: the counters a case must meet and must not (COUNTS.litigation ids). */
const LISTS = {
  losses: { only: ['lit_losses'], except: [] },
  absences: { only: ['lit_hearings'], except: ['lit_head_appearances'] },
} as const;

/** Both lists for unit `code`, or null when no unit has that code. */
export async function chargedCases(
  deps: { db: Knex; clock?: () => Date },
  actor: Actor | null,
  code: string,
  period: PeriodRequest,
): Promise<ChargedCases | null> {
  const list = (which: keyof typeof LISTS) => {
    const { only, except } = LISTS[which];
    return unitCasesForExport(deps, actor, code, {
      ...period,
      family: 'litigation',
      // Every counter of a list is counted by the same date (closed_on): that date places the case in the period.
      stream: streamOf(only[0]),
      only,
      except,
      sort: 'closed_on',
      dir: 'asc',
    });
  };
  const [losses, absences] = await Promise.all([list('losses'), list('absences')]);
  if (!losses || !absences) return null;
  return {
    unit: losses.unit,
    period: losses.period,
    columns: losses.columns,
    losses: losses.rows,
    absences: absences.rows,
  };
}

function streamOf(counterId: string): string {
  return COUNTS.litigation.find((m) => m.id === counterId)!.stream;
}
