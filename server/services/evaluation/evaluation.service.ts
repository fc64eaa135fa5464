/**
 * The year-end evaluation (年度考核, DESIGN.md §10): a year's rules (validated, versioned), each unit's score under
 * them, and the scores frozen under an id. Every figure comes from the metric registry's own computation
 * (computeMetrics, by unit, over the year) and every rule's case numbers from the same counter conditions the case
 * list's flags use (countedRecordNumbers), so a point can always be traced to its cases.
 *
 * The evaluation capability owns this folder: this file (use-cases) and evaluation-score.ts (the arithmetic). Its
 * shapes are server/contracts/evaluation.ts.
 */
import crypto from 'node:crypto';
import {
  evaluationRulesSchema,
  type EvaluationResult,
  type EvaluationRule,
  type EvaluationRules,
  type EvaluationRulesVersion,
} from '../../contracts/evaluation.ts';
import type { MetricRow } from '../../contracts/metrics.ts';
import type { Knex } from '../../db/knex.ts';
import { cstToday } from '../../metrics/dates.ts';
import { basisOf, getMetric, type Family } from '../../metrics/index.ts';
import { resolvePeriod } from '../../metrics/period.ts';
import type { CountMetric } from '../../metrics/types.ts';
import { countedRecordNumbers } from '../../repositories/case.repository.ts';
import {
  findEvaluationSnapshot,
  findRules,
  insertEvaluationSnapshot,
  insertRulesVersion,
  listRulesVersions,
  type EvaluationSnapshotRow,
} from '../../repositories/evaluation.repository.ts';
import { listMetricUnits } from '../../repositories/metric.repository.ts';
import { record } from '../audit/audit.service.ts';
import { assertCan, type Actor } from '../auth/access.ts';
import { dataAsOfSummary } from '../metrics/data-as-of.service.ts';
import { computeMetrics, getMetricSettings } from '../metrics/metrics.service.ts';
import { baseOf, scoreUnits, type RuleFigure, type ScoredUnit } from './evaluation-score.ts';

/** Rules the caller can fix (bad JSON, unknown metric, a rule both `each` and `above`): HTTP 400, CLI exit 2. */
export class EvaluationRulesError extends Error {
  constructor(
    message: string,
    readonly issues: string[] = [],
  ) {
    super(message);
  }
}

/** No rules stored for the year, or no such snapshot: HTTP 404. */
export class EvaluationNotFoundError extends Error {}

export interface EvaluationOrigin {
  actor: Actor | null;
  ip: string | null;
}

interface Deps {
  db: Knex;
  clock?: () => Date;
}

/**
 * A rules file checked against its schema and the registry: every problem at once, each naming the rule (its
 * index and id) and the key, e.g. `rules[1] (absent).metric: 未知指标 lit_absent / unknown metric`.
 */
export function parseRules(input: unknown): EvaluationRules {
  const parsed = evaluationRulesSchema.safeParse(input);
  const issues: string[] = [];
  const where = (path: readonly PropertyKey[]) => {
    if (path[0] === 'rules' && typeof path[1] === 'number') {
      const id = (input as { rules?: { id?: unknown }[] }).rules?.[path[1]]?.id;
      const rest = path.slice(2).join('.');
      return `rules[${path[1]}]${typeof id === 'string' ? ` (${id})` : ''}${rest ? `.${rest}` : ''}`;
    }
    return path.join('.') || '(file)';
  };
  if (!parsed.success) {
    for (const i of parsed.error.issues) issues.push(`${where(i.path)}: ${i.message}`);
  } else {
    parsed.data.rules.forEach((r, i) => {
      const at = `rules[${i}] (${r.id})`;
      const m = getMetric(r.metric);
      if (!m) return issues.push(`${at}.metric: 未知指标 / unknown metric "${r.metric}"`);
      if (m.kind === 'count') {
        if (r.basis !== undefined)
          issues.push(`${at}.basis: ${r.metric} 是计数，没有口径 / a count has no basis`);
        if (r.min_denominator !== undefined)
          issues.push(`${at}.min_denominator: ${r.metric} 是计数 / a count has no denominator`);
      } else {
        if (r.each !== undefined)
          issues.push(
            `${at}.each: ${r.metric} 是比率，按件计分须用计数指标 / "each" needs a count, not a rate`,
          );
        if (r.basis !== undefined && !m.bases.some((b) => b.id === r.basis))
          issues.push(
            `${at}.basis: ${r.metric} 的口径为 ${m.bases.map((b) => b.id).join('、')} / bases: ${m.bases.map((b) => b.id).join(', ')}`,
          );
      }
    });
  }
  if (issues.length) {
    throw new EvaluationRulesError(`考核细则有误 / invalid rules: ${issues.join('; ')}`, issues);
  }
  return parsed.data!;
}

/** The records behind a rule's points: those meeting every counter of `only` and none of `except`. */
interface RecordList {
  family: Family;
  only: [string, ...string[]];
  except: string[];
}

/**
 * What a rule's points stand on: a count's own records; for a deduction on a rate where higher is better (出庭应诉率
 * 低于100%扣分) the shortfall, its denominator's records outside its numerator (the hearings the head missed);
 * otherwise a rate's numerator (the losses behind a loss rate, the disputes resolved behind a bonus).
 */
function recordListsOf(rule: EvaluationRule): RecordList[] {
  const m = getMetric(rule.metric)!;
  if (m.kind === 'count') return [{ family: m.family, only: [m.id], except: [] }];
  const b = basisOf(m, rule.basis);
  const counts = (ids: readonly string[]) => ids.map((id) => getMetric(id) as CountMetric);
  const [num, den] = [counts(b.numerator), counts(b.denominator)];
  if (
    m.better === 'higher' &&
    (rule.points ?? 0) < 0 &&
    num.length === 1 &&
    den.length === 1 &&
    num[0]!.family === den[0]!.family
  ) {
    return [{ family: den[0]!.family, only: [den[0]!.id], except: [num[0]!.id] }];
  }
  return num.map((c) => ({ family: c.family, only: [c.id], except: [] }));
}

const listKey = (l: RecordList) => `${l.family}:${l.only.join('+')}-${l.except.join('+')}`;

/**
 * Every unit's score under `rules` (each unit of a kind the rules give a base for; without `*`, units of other
 * kinds are not evaluated). `rulesVersion` 0: rules not stored (a file given on the command line, a preview).
 */
export async function scoreYear(
  deps: Deps,
  rules: EvaluationRules,
  rulesVersion: number,
): Promise<EvaluationResult> {
  const { db } = deps;
  const [units, settings] = await Promise.all([listMetricUnits(db), getMetricSettings(db)]);
  const scored = units.filter((u) => baseOf(rules, u.kind) !== undefined);
  const period = { preset: 'year' as const, year: rules.year };

  // One metric table per distinct 口径 choice (most rule files need one), by unit over the year.
  const groups = new Map<string, { basis: Record<string, string>; rules: EvaluationRule[] }>();
  for (const r of rules.rules) {
    const basis = r.basis ? { [r.metric]: r.basis } : {};
    const key = JSON.stringify(basis);
    const g = groups.get(key) ?? { basis, rules: [] };
    g.rules.push(r);
    groups.set(key, g);
  }
  const rowsByRule = new Map<string, Map<string, MetricRow>>();
  await Promise.all(
    [...groups.values()].map(async (g) => {
      const result = await computeMetrics(
        { db, clock: deps.clock },
        {
          ...period,
          by: 'unit',
          basis: g.basis,
          metrics: [...new Set(g.rules.map((r) => r.metric))],
          rank: 'none',
        },
      );
      const byCode = new Map(result.rows.map((row) => [String(row.unit_code), row]));
      for (const r of g.rules) rowsByRule.set(r.id, byCode);
    }),
  );

  // The record numbers of each list any rule stands on, for every unit: one query a list.
  // The period exactly as computeMetrics resolves it (a year still running ends today).
  const resolved = resolvePeriod(period, cstToday((deps.clock ?? (() => new Date()))()));
  const listsOf = new Map(rules.rules.map((r) => [r.id, recordListsOf(r)]));
  const lists = new Map([...listsOf.values()].flat().map((l) => [listKey(l), l]));
  const numbers = new Map<string, Map<number, string[]>>();
  await Promise.all(
    [...lists].map(async ([key, l]) => {
      const rows = await countedRecordNumbers(db, {
        ...l,
        period: resolved,
        instances: l.family === 'litigation' ? ['一审'] : null,
        unitIds: null,
      });
      const byUnit = new Map<number, string[]>();
      for (const r of rows) byUnit.set(r.unit_id, [...(byUnit.get(r.unit_id) ?? []), r.record_no]);
      numbers.set(key, byUnit);
    }),
  );

  const input: ScoredUnit[] = scored.map((u) => {
    const figures: Record<string, RuleFigure> = {};
    for (const r of rules.rules) {
      const row = rowsByRule.get(r.id)?.get(u.code);
      const m = getMetric(r.metric)!;
      const num = (k: string) => (typeof row?.[k] === 'number' ? row[k] : null);
      const caseNos = [
        ...new Set(listsOf.get(r.id)!.flatMap((l) => numbers.get(listKey(l))?.get(u.id) ?? [])),
      ];
      if (m.kind === 'rate') {
        const n = num(`${r.metric}_numerator`) ?? 0;
        const d = num(`${r.metric}_denominator`) ?? 0;
        const shortfall = listsOf.get(r.id)![0]!.except.length > 0;
        figures[r.id] = {
          rate: true,
          value: num(r.metric),
          count: shortfall ? d - n : n,
          denominator: d,
          case_nos: caseNos,
        };
      } else {
        figures[r.id] = {
          rate: false,
          value: num(r.metric) ?? 0,
          count: num(r.metric) ?? 0,
          denominator: null,
          case_nos: caseNos,
        };
      }
    }
    return { code: u.code, name: u.name, kind: u.kind, figures };
  });
  return {
    year: rules.year,
    rules_version: rulesVersion,
    rows: scoreUnits(rules, input, settings.min_denominator),
  };
}

/** A year's scores under its stored rules (the newest version, or `version`), and those rules. */
export async function evaluateYear(
  deps: Deps,
  actor: Actor | null,
  year: number,
  version?: number,
): Promise<{ rules: EvaluationRules; result: EvaluationResult }> {
  if (actor) assertCan(actor, 'evaluation:read');
  const stored = await findRules(deps.db, year, version);
  if (!stored) {
    throw new EvaluationNotFoundError(
      version === undefined
        ? `${year}年尚无考核细则 / no evaluation rules stored for ${year}`
        : `${year}年考核细则没有版本 ${version} / no version ${version} of the ${year} rules`,
    );
  }
  return { rules: stored.rules, result: await scoreYear(deps, stored.rules, stored.version) };
}

/** Saves rules as the next version of their year (audited); the rules are checked first. */
export async function saveRules(
  deps: Deps,
  origin: EvaluationOrigin,
  input: unknown,
): Promise<EvaluationRulesVersion> {
  if (origin.actor) assertCan(origin.actor, 'evaluation:edit');
  const rules = parseRules(input);
  const now = (deps.clock ?? (() => new Date()))();
  const saved = await deps.db.transaction((trx) =>
    insertRulesVersion(trx, rules, origin.actor?.username ?? 'cli', now),
  );
  await record(deps.db, {
    actor: origin.actor,
    ip: origin.ip ?? 'cli',
    action: 'evaluation.rules',
    target: `${saved.year}`,
    detail: { version: saved.version, rules: rules.rules.length },
  });
  return saved;
}

export async function rulesVersions(
  deps: Deps,
  actor: Actor | null,
  year: number,
): Promise<EvaluationRulesVersion[]> {
  if (actor) assertCan(actor, 'evaluation:read');
  return listRulesVersions(deps.db, year);
}

/** Freezes a year's scores under its stored rules: the snapshot id (E20241231-1a2b3c4d). Audited. */
export async function freezeEvaluation(
  deps: Deps,
  origin: EvaluationOrigin,
  year: number,
): Promise<EvaluationSnapshotRow> {
  if (origin.actor) assertCan(origin.actor, 'evaluation:edit');
  const stored = await findRules(deps.db, year);
  if (!stored)
    throw new EvaluationNotFoundError(`${year}年尚无考核细则 / no evaluation rules stored for ${year}`);
  const [result, asOf] = await Promise.all([
    scoreYear(deps, stored.rules, stored.version),
    dataAsOfSummary(deps.db),
  ]);
  const row: EvaluationSnapshotRow = {
    id: `E${year}1231-${crypto.randomBytes(4).toString('hex')}`,
    year,
    rules_version: stored.version,
    rules: stored.rules,
    result,
    data_as_of: asOf.at ? new Date(asOf.at) : null,
    created_by: origin.actor?.username ?? 'cli',
    created_at: (deps.clock ?? (() => new Date()))(),
  };
  await insertEvaluationSnapshot(deps.db, row);
  await record(deps.db, {
    actor: origin.actor,
    ip: origin.ip ?? 'cli',
    action: 'evaluation.freeze',
    target: row.id,
    detail: { year, rules_version: stored.version },
  });
  return row;
}

export async function evaluationSnapshot(
  deps: Deps,
  actor: Actor | null,
  id: string,
): Promise<EvaluationSnapshotRow> {
  if (actor) assertCan(actor, 'evaluation:read');
  const row = await findEvaluationSnapshot(deps.db, id);
  if (!row) throw new EvaluationNotFoundError(`没有考核快照 ${id} / no evaluation snapshot ${id}`);
  return row;
}
