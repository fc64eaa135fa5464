import { describe, expect, it } from 'vitest';
import type { EvaluationRule, EvaluationRules } from '../../server/contracts/evaluation.ts';
import {
  scoreRule,
  scoreUnits,
  type RuleFigure,
  type ScoredUnit,
} from '../../server/services/evaluation/evaluation-score.ts';
import { EvaluationRulesError, parseRules } from '../../server/services/evaluation/evaluation.service.ts';

const count = (n: number): RuleFigure => ({
  rate: false,
  value: n,
  count: n,
  denominator: null,
  case_nos: Array.from({ length: n }, (_, i) => `(2024)示0521行初${i + 1}号`),
});
const rate = (num: number, den: number): RuleFigure => ({
  rate: true,
  value: den ? num / den : null,
  count: num,
  denominator: den,
  case_nos: [],
});
const rule = (r: Partial<EvaluationRule>): EvaluationRule => ({
  id: 'r',
  label: '规则',
  metric: 'lit_losses',
  ...r,
});
const points = (r: Partial<EvaluationRule>, f: RuleFigure, kind = '县直部门', min = 3) =>
  scoreRule(rule(r), kind, f, min).points;

describe('evaluation scorer: each rule kind, worked by hand', () => {
  it('each: points × count; cap limits a deduction below zero and a bonus above', () => {
    expect(points({ each: -1 }, count(3))).toBe(-3);
    expect(points({ each: -1, cap: -5 }, count(7))).toBe(-5);
    expect(points({ each: -1, cap: -5 }, count(4))).toBe(-4);
    expect(points({ each: 0.5, cap: 2 }, count(6))).toBe(2);
    expect(points({ each: -0.5 }, count(0))).toBe(0);
    // Float noise trimmed: 3 × −0.1 is −0.3, not −0.30000000000000004.
    expect(points({ each: -0.1 }, count(3))).toBe(-0.3);
  });

  it('above / below / at_least / at_most: points once when the figure passes, strictly for above/below', () => {
    const t = { metric: 'lit_loss_rate', points: -2 };
    expect(points({ ...t, above: 0.15 }, rate(3, 20))).toBe(0); // 15% is not above 15%
    expect(points({ ...t, above: 0.15 }, rate(4, 20))).toBe(-2);
    expect(points({ ...t, below: 1, metric: 'lit_head_appearance_rate', points: -1 }, rate(9, 10))).toBe(-1);
    expect(points({ ...t, below: 1, metric: 'lit_head_appearance_rate', points: -1 }, rate(10, 10))).toBe(0);
    expect(points({ metric: 'pre_resolution_rate', at_least: 0.6, points: 1 }, rate(3, 5))).toBe(1); // exactly 60%
    expect(points({ metric: 'pre_resolution_rate', at_least: 0.6, points: 1 }, rate(5, 9))).toBe(0);
    expect(points({ ...t, at_most: 0.05, points: 1 }, rate(1, 20))).toBe(1);
    expect(points({ ...t, at_most: 0.05, points: 1 }, rate(2, 20))).toBe(0);
    // A threshold on a count.
    expect(points({ above: 2, points: -1 }, count(3))).toBe(-1);
  });

  it('a rate with no value or a small denominator never triggers; min_denominator overrides the settings', () => {
    const r = { metric: 'lit_loss_rate', above: 0.15, points: -2 };
    expect(scoreRule(rule(r), '县直部门', rate(0, 0), 3)).toMatchObject({ points: 0, skipped: 'no_value' });
    expect(scoreRule(rule(r), '县直部门', rate(1, 2), 3)).toMatchObject({
      points: 0,
      skipped: 'small_sample',
    });
    expect(points({ ...r, min_denominator: 2 }, rate(1, 2))).toBe(-2);
    expect(points({ ...r, min_denominator: 5 }, rate(2, 4), '县直部门', 1)).toBe(0);
    expect(points(r, rate(1, 2), '县直部门', 1)).toBe(-2);
  });

  it('kinds: a rule scores only the kinds it names', () => {
    const r = { each: -1, kinds: ['乡镇街道'] };
    expect(scoreRule(rule(r), '县直部门', count(2), 3)).toMatchObject({ points: 0, skipped: 'kind' });
    expect(points(r, count(2), '乡镇街道')).toBe(-2);
  });
});

describe('evaluation scorer: score, clamping, grade, rank', () => {
  const rules: EvaluationRules = {
    year: 2024,
    title: '2024年度考核',
    base: { 县直部门: 10, 乡镇街道: 8 },
    floor: 0,
    ceiling: 12,
    rules: [
      { id: 'loss', label: '败诉每件扣3分', metric: 'lit_losses', each: -3 },
      { id: 'bonus', label: '化解每件加1分', metric: 'pre_resolved', each: 1 },
    ],
    grades: [
      { grade: '合格', min: 6 },
      { grade: '优秀', min: 10 },
      { grade: '不合格', min: 0 },
    ],
  };
  const unit = (code: string, kind: string, losses: number, resolved: number): ScoredUnit => ({
    code,
    name: `单位${code}`,
    kind,
    figures: { loss: count(losses), bonus: count(resolved) },
  });
  const rows = scoreUnits(
    rules,
    [
      unit('A01', '县直部门', 0, 5), // 10 + 5 = 15 → ceiling 12
      unit('A02', '县直部门', 4, 0), // 10 − 12 = −2 → floor 0
      unit('A03', '县直部门', 1, 1), // 10 − 3 + 1 = 8
      unit('A04', '县直部门', 0, 2), // 12 (clamped), ties A01
      unit('T01', '乡镇街道', 0, 0), // 8
    ],
    3,
  );
  const by = Object.fromEntries(rows.map((r) => [r.unit_code, r]));

  it('base by kind plus the points, clamped to [floor, ceiling]', () => {
    expect(rows.map((r) => [r.unit_code, r.score])).toEqual([
      ['A01', 12],
      ['A02', 0],
      ['A03', 8],
      ['A04', 12],
      ['T01', 8],
    ]);
    expect(by.A03!.items.map((i) => [i.rule_id, i.count, i.points])).toEqual([
      ['loss', 1, -3],
      ['bonus', 1, 1],
    ]);
    expect(by.A03!.items[0]!.case_nos).toEqual(['(2024)示0521行初1号']);
  });

  it('grades by the highest band reached, whatever order the file lists them in', () => {
    expect(rows.map((r) => r.grade)).toEqual(['优秀', '不合格', '合格', '优秀', '合格']);
  });

  it('ranks within the kind, ties sharing a rank', () => {
    expect(rows.map((r) => [r.unit_code, r.rank_in_kind])).toEqual([
      ['A01', 1],
      ['A02', 4],
      ['A03', 3],
      ['A04', 1],
      ['T01', 1],
    ]);
  });
});

describe('rules file validation', () => {
  const file = (rules: unknown[], extra: object = {}) => ({
    year: 2024,
    title: '2024年度考核',
    base: { '*': 10 },
    rules,
    ...extra,
  });
  const issues = (input: unknown) => {
    try {
      parseRules(input);
      return [];
    } catch (err) {
      if (err instanceof EvaluationRulesError) return err.issues;
      throw err;
    }
  };

  it('accepts the example of DESIGN.md §10', () => {
    expect(
      issues(
        file([
          { id: 'loss', label: '每败诉1件扣1分，最多扣5分', metric: 'lit_losses', each: -1, cap: -5 },
          { id: 'absent', label: '负责人应出庭未出庭每件扣0.5分', metric: 'lit_head_absences', each: -0.5 },
          {
            id: 'loss_rate',
            label: '败诉率高于15%扣2分',
            metric: 'lit_loss_rate',
            above: 0.15,
            points: -2,
            min_denominator: 3,
          },
          {
            id: 'resolution',
            label: '诉前化解率达到60%加1分',
            metric: 'pre_resolution_rate',
            at_least: 0.6,
            points: 1,
          },
        ]),
      ),
    ).toEqual([]);
  });

  it('names the rule and the key of every problem at once', () => {
    const found = issues(
      file([
        { id: 'a', label: 'x', metric: 'lit_lossez', each: -1 },
        { id: 'b', label: 'x', metric: 'lit_loss_rate', each: -1 },
        { id: 'c', label: 'x', metric: 'lit_loss_rate', above: 0.1, points: -1, basis: 'Z' },
        { id: 'd', label: 'x', metric: 'lit_losses', above: 1, points: -1, min_denominator: 2 },
      ]),
    );
    expect(found).toHaveLength(4);
    expect(found[0]).toMatch(/^rules\[0\] \(a\)\.metric: .*lit_lossez/);
    expect(found[1]).toMatch(/^rules\[1\] \(b\)\.each: /);
    expect(found[2]).toMatch(/^rules\[2\] \(c\)\.basis: .*A、B/);
    expect(found[3]).toMatch(/^rules\[3\] \(d\)\.min_denominator: /);
  });

  it('refuses a rule with no scoring form, two forms, a threshold without points, a cap of the wrong sign', () => {
    const found = issues(
      file([
        { id: 'a', label: 'x', metric: 'lit_losses' },
        { id: 'b', label: 'x', metric: 'lit_losses', each: -1, above: 2, points: -1 },
        { id: 'c', label: 'x', metric: 'lit_losses', above: 2 },
        { id: 'd', label: 'x', metric: 'lit_losses', each: -1, cap: 5 },
        { id: 'd', label: 'x', metric: 'lit_losses', each: -1, unknown_key: 1 },
      ]),
    );
    expect(found.some((i) => i.startsWith('rules[0] (a).each:'))).toBe(true);
    expect(found.some((i) => i.startsWith('rules[1] (b).each:'))).toBe(true);
    expect(found.some((i) => i.startsWith('rules[2] (c).points:'))).toBe(true);
    expect(found.some((i) => i.startsWith('rules[3] (d).cap:'))).toBe(true);
    expect(found.some((i) => i.startsWith('rules[4] (d)') && /unknown_key/.test(i))).toBe(true);
    expect(found.some((i) => i.startsWith('rules[4] (d).id:') && /twice/.test(i))).toBe(true);
  });

  it('refuses a floor above the ceiling and a year out of range', () => {
    expect(issues(file([], { floor: 5, ceiling: 4 }))).toEqual([expect.stringMatching(/^floor: /)]);
    expect(issues(file([], { year: 1999 }))[0]).toMatch(/^year: /);
  });
});
