/**
 * The scorer of the year-end evaluation (DESIGN.md §10): pure arithmetic over figures the metric registry already
 * computed, so a score can never disagree with the dashboard. Per rule:
 * - `each`: points × the count, limited by `cap` (a deduction's cap is negative, a bonus's positive);
 * - `above` / `below` / `at_least` / `at_most`: `points` once when the figure passes the threshold; a rate with no
 *   value, or with a denominator under `min_denominator` (default: the metrics settings' minimum), never triggers;
 * - `kinds`: the rule scores only units of those kinds.
 * Score = base (by kind, `*` otherwise) + Σ points, clamped to [floor, ceiling]. Never rounded here: 2 decimals are
 * for display; float noise (10 − 0.1 × 3) is trimmed at 1e-9.
 */
import type {
  EvaluationItem,
  EvaluationRow,
  EvaluationRule,
  EvaluationRules,
} from '../../contracts/evaluation.ts';

/** A rule's figure for one unit, as the metric table has it. */
export interface RuleFigure {
  /** The figure: a count, or a rate 0–1 (null without a denominator). */
  value: number | null;
  /**
   * The records the points stand on: a count's value; a rate's numerator, or for a deduction on a rate where
   * higher is better its shortfall (denominator − numerator). Always the length of case_nos.
   */
  count: number;
  /** A rate's denominator (thresholds honour min_denominator); null for a count. */
  denominator: number | null;
  /** Whether the figure is a rate (thresholds then honour min_denominator). */
  rate: boolean;
  case_nos: string[];
}

export interface ScoredUnit {
  code: string;
  name: string;
  kind: string;
  /** rule id → figure. */
  figures: Record<string, RuleFigure>;
}

/** The base score of a kind, or undefined when the rules give none (neither the kind nor `*`). */
export function baseOf(rules: EvaluationRules, kind: string): number | undefined {
  return rules.base[kind] ?? rules.base['*'];
}

/** Float noise off (10 − 0.1 × 3), and no −0 (−0.5 × 0). */
const trim = (x: number) => Math.round(x * 1e9) / 1e9 || 0;

/** One rule for one unit. */
export function scoreRule(
  rule: EvaluationRule,
  kind: string,
  f: RuleFigure,
  minDenominator: number,
): EvaluationItem {
  const item = (points: number, skipped?: EvaluationItem['skipped']): EvaluationItem => ({
    rule_id: rule.id,
    label: rule.label,
    value: f.value,
    count: f.count,
    points: trim(points),
    ...(skipped ? { skipped } : {}),
    case_nos: f.case_nos,
  });
  if (rule.kinds && !rule.kinds.includes(kind)) return item(0, 'kind');
  if (rule.each !== undefined) {
    const raw = rule.each * f.count;
    if (rule.cap === undefined) return item(raw);
    return item(rule.cap < 0 ? Math.max(raw, rule.cap) : Math.min(raw, rule.cap));
  }
  if (f.value === null) return item(0, 'no_value');
  if (f.rate && (f.denominator ?? 0) < (rule.min_denominator ?? minDenominator))
    return item(0, 'small_sample');
  const v = f.value;
  const passes =
    rule.above !== undefined
      ? v > rule.above
      : rule.below !== undefined
        ? v < rule.below
        : rule.at_least !== undefined
          ? v >= rule.at_least
          : rule.at_most !== undefined && v <= rule.at_most;
  return item(passes ? (rule.points ?? 0) : 0);
}

/** Every unit's score, grade and rank within its kind (ties share a rank; 1 = best), in the units' order. */
export function scoreUnits(
  rules: EvaluationRules,
  units: readonly ScoredUnit[],
  minDenominator: number,
): EvaluationRow[] {
  const grades = [...(rules.grades ?? [])].sort((a, b) => b.min - a.min);
  const rows = units.map((u): EvaluationRow => {
    const base = baseOf(rules, u.kind);
    if (base === undefined) throw new Error(`no base score for kind ${u.kind}`);
    const items = rules.rules.map((r) => scoreRule(r, u.kind, u.figures[r.id]!, minDenominator));
    let score = trim(items.reduce((sum, i) => sum + i.points, base));
    if (rules.floor !== undefined) score = Math.max(score, rules.floor);
    if (rules.ceiling !== undefined) score = Math.min(score, rules.ceiling);
    return {
      unit_code: u.code,
      unit_name: u.name,
      unit_kind: u.kind,
      score,
      grade: grades.find((g) => score >= g.min)?.grade ?? null,
      rank_in_kind: 0,
      items,
    };
  });
  for (const row of rows) {
    row.rank_in_kind = 1 + rows.filter((o) => o.unit_kind === row.unit_kind && o.score > row.score).length;
  }
  return rows;
}
