/**
 * The year-end evaluation (年度考核, DESIGN.md §10): the rules file a bureau writes for a year, and the scores it
 * gives each unit. Rules are data: validated here with zod (every error names the rule and key), stored per year
 * and versioned (server/repositories/evaluation.repository.ts), scored from the metric registry only
 * (server/services/evaluation/).
 */
import { z } from 'zod';

const points = z.number().finite();

/** One rule: a figure of the registry and what it is worth. Exactly one of the scoring forms per rule. */
export const evaluationRuleSchema = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'id: letters, digits, _ or -, at most 40 characters'),
    label: z.string().trim().min(1).max(200),
    /** Any registry id (DESIGN.md §4). */
    metric: z.string().min(1),
    /** A 口径 of the rate (its basis id, e.g. "B"); default: the year's default 口径. */
    basis: z.string().min(1).optional(),
    /** Points per counted record, limited by `cap` (negative for deductions, positive for bonuses). */
    each: points.optional(),
    cap: points.optional(),
    /** Thresholds: `points` once when the figure passes. */
    above: points.optional(),
    below: points.optional(),
    at_least: points.optional(),
    at_most: points.optional(),
    points: points.optional(),
    /** A rate whose denominator is under this never triggers (default: the metrics settings' minimum). */
    min_denominator: z.number().int().min(0).max(100000).optional(),
    /** The unit kinds the rule applies to (default: all). */
    kinds: z.array(z.string().min(1)).min(1).optional(),
  })
  .strict()
  .superRefine((r, ctx) => {
    const thresholds = (['above', 'below', 'at_least', 'at_most'] as const).filter((k) => r[k] !== undefined);
    const issue = (message: string, path: string) => ctx.addIssue({ code: 'custom', message, path: [path] });
    if (r.each !== undefined && thresholds.length) {
      issue(
        `a rule scores either per record (each) or by a threshold (${thresholds.join(', ')}), not both`,
        'each',
      );
    } else if (r.each === undefined && thresholds.length === 0) {
      issue(
        'a rule needs "each" (points per record) or one threshold: above, below, at_least or at_most',
        'each',
      );
    } else if (thresholds.length > 1) {
      issue(`one threshold per rule, found ${thresholds.join(', ')}`, thresholds[1]!);
    }
    if (thresholds.length && r.points === undefined) issue('a threshold rule needs "points"', 'points');
    if (r.each !== undefined && r.points !== undefined)
      issue('"points" goes with a threshold; use "each"', 'points');
    if (r.cap !== undefined && r.each === undefined) issue('"cap" limits an "each" rule', 'cap');
    if (
      r.cap !== undefined &&
      r.each !== undefined &&
      r.each !== 0 &&
      Math.sign(r.cap) !== Math.sign(r.each)
    ) {
      issue('"cap" has the sign of "each" (a deduction caps below zero, a bonus above)', 'cap');
    }
  });

export type EvaluationRule = z.infer<typeof evaluationRuleSchema>;

/** Grade bands: the first band whose `min` the score reaches (bands are sorted high to low when stored). */
const gradeSchema = z.object({ grade: z.string().trim().min(1).max(20), min: points }).strict();

export const evaluationRulesSchema = z
  .object({
    year: z.number().int().min(2000).max(2100),
    title: z.string().trim().min(1).max(200),
    /** Base score by unit kind; "*" for every other kind. */
    base: z.record(z.string().min(1), points),
    floor: points.optional(),
    ceiling: points.optional(),
    rules: z.array(evaluationRuleSchema).max(100),
    grades: z.array(gradeSchema).max(10).optional(),
  })
  .strict()
  .superRefine((f, ctx) => {
    const seen = new Set<string>();
    f.rules.forEach((r, i) => {
      if (seen.has(r.id))
        ctx.addIssue({ code: 'custom', message: `rule id "${r.id}" used twice`, path: ['rules', i, 'id'] });
      seen.add(r.id);
    });
    if (f.floor !== undefined && f.ceiling !== undefined && f.floor > f.ceiling) {
      ctx.addIssue({ code: 'custom', message: 'floor is above ceiling', path: ['floor'] });
    }
  });

export type EvaluationRules = z.infer<typeof evaluationRulesSchema>;

/** One rule's result for a unit. `value`: the figure (a count, or a rate 0–1, null when it has no denominator). */
export interface EvaluationItem {
  rule_id: string;
  label: string;
  value: number | null;
  /** The records the figure counts (a rate: its numerator). */
  count: number | null;
  points: number;
  /** Why no points: the rule does not apply to the unit's kind, or a rate's sample is too small. */
  skipped?: 'kind' | 'small_sample' | 'no_value';
  /** The records behind the figure (a rate: its numerator's), from the case list's own conditions. */
  case_nos: string[];
}

export interface EvaluationRow {
  unit_code: string;
  unit_name: string;
  unit_kind: string;
  score: number;
  grade: string | null;
  /** 1 = best within the unit's kind; ties share a rank. */
  rank_in_kind: number;
  items: EvaluationItem[];
}

/** The CLI's and the API's answer (DESIGN.md §10): exactly this shape. */
export interface EvaluationResult {
  year: number;
  rules_version: number;
  rows: EvaluationRow[];
}

/** A stored version of a year's rules. */
export interface EvaluationRulesVersion {
  year: number;
  version: number;
  rules: EvaluationRules;
  saved_by: string;
  saved_at: string;
}
