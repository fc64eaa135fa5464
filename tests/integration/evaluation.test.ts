import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import type { EvaluationResult, EvaluationRules } from '../../server/contracts/evaluation.ts';
import { getMetric } from '../../server/metrics/index.ts';
import { seedDemoCounty } from '../../server/services/demo/demo-seed.service.ts';
import { unitCasesForExport } from '../../server/services/cases/unit-cases.service.ts';
import {
  evaluateYear,
  evaluationSnapshot,
  freezeEvaluation,
  rulesVersions,
  saveRules,
  scoreYear,
} from '../../server/services/evaluation/evaluation.service.ts';
import { computeMetrics } from '../../server/services/metrics/metrics.service.ts';
import { createTestDatabase } from '../support/database.ts';
import { cliRunner } from '../support/cli.ts';
import { DEMO_AS_OF } from '../support/demo.ts';

const { knex, url } = await createTestDatabase();
await seedDemoCounty(knex, { asOf: DEMO_AS_OF });
const deps = { db: knex, clock: () => new Date('2026-01-05T00:00:00Z') };
const rulesFile = 'tests/fixtures/evaluation/rules-2024.json';
const rules = JSON.parse(fs.readFileSync(rulesFile, 'utf8')) as EvaluationRules;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sj-evaluation-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** `npm run cli -- evaluation …` in its own process against this file's database. */
const cli = cliRunner(url, 'evaluation');

const direct = await scoreYear(deps, rules, 0);
const byCode = new Map(direct.rows.map((r) => [r.unit_code, r]));

describe('year-end evaluation of the demo county, 2024 (DESIGN.md §10)', () => {
  it('scores every unit from the registry’s own figures', async () => {
    const figures = await computeMetrics(deps, {
      preset: 'year',
      year: 2024,
      by: 'unit',
      metrics: [
        'lit_losses',
        'lit_head_absences',
        'lit_loss_rate',
        'lit_head_appearance_rate',
        'pre_resolution_rate',
      ],
      rank: 'none',
    });
    expect(direct.rows).toHaveLength(figures.rows.length);
    const n = (v: unknown) => (typeof v === 'number' ? v : 0);
    for (const row of figures.rows) {
      const scored = byCode.get(String(row.unit_code))!;
      const item = (id: string) => scored.items.find((i) => i.rule_id === id)!;
      expect(item('loss').count).toBe(n(row.lit_losses));
      expect(item('loss').points).toBe(Math.max(-n(row.lit_losses), -5) || 0);
      expect(item('absent').points).toBe(-0.5 * n(row.lit_head_absences) || 0);
      expect(item('loss_rate').value).toBe(row.lit_loss_rate);
      // Worked again from the table: base 10, the five rules, clamped to [0, 12].
      const lossRate = row.lit_loss_rate as number | null;
      const appearance = row.lit_head_appearance_rate as number | null;
      const resolution = row.pre_resolution_rate as number | null;
      const expected =
        10 +
        Math.max(-n(row.lit_losses), -5) -
        0.5 * n(row.lit_head_absences) +
        (lossRate !== null && n(row.lit_loss_rate_denominator) >= 3 && lossRate > 0.15 ? -2 : 0) +
        (appearance !== null && n(row.lit_head_appearance_rate_denominator) >= 3 && appearance < 1 ? -1 : 0) +
        (resolution !== null && n(row.pre_resolution_rate_denominator) >= 3 && resolution >= 0.6 ? 1 : 0);
      expect(scored.score).toBeCloseTo(Math.min(12, Math.max(0, expected)), 9);
    }
    // Not every unit the same: the demo county has losses and misses to score.
    expect(new Set(direct.rows.map((r) => r.score)).size).toBeGreaterThan(2);
  });

  it('every point’s case numbers are the unit’s case list filtered by the same counters', async () => {
    let checked = 0;
    for (const row of direct.rows) {
      for (const item of row.items) {
        const rule = rules.rules.find((r) => r.id === item.rule_id)!;
        const m = getMetric(rule.metric)!;
        // The list the rule stands on, through the case list's own service (the unit page's 案件清单).
        const only =
          m.kind === 'count'
            ? [m.id]
            : rule.id === 'appearance'
              ? ['lit_hearings']
              : m.id === 'lit_loss_rate'
                ? ['lit_losses']
                : ['pre_resolved'];
        const except = rule.id === 'appearance' ? ['lit_head_appearances'] : [];
        const family = m.id.startsWith('pre_') ? 'prelitigation' : 'litigation';
        const counter = getMetric(only[0]!) as { stream: string };
        const list = await unitCasesForExport(deps, null, row.unit_code, {
          preset: 'year',
          year: 2024,
          family,
          stream: counter.stream,
          only,
          except,
        });
        expect(new Set(item.case_nos)).toEqual(new Set(list!.rows.map((r) => r.case_no)));
        expect(item.case_nos).toHaveLength(item.count ?? -1);
        checked += item.case_nos.length;
      }
    }
    expect(checked).toBeGreaterThan(50);
  });

  it('the CLI prints exactly the §10 JSON shape, and the same scores as the service', async () => {
    const res = await cli(['--year', '2024', '--rules', rulesFile, '--json']);
    expect(res.stderr).toBe('');
    expect(res.status).toBe(0);
    const out = JSON.parse(res.stdout) as EvaluationResult;
    expect(Object.keys(out)).toEqual(['year', 'rules_version', 'rows']);
    expect(out.rules_version).toBe(0);
    expect(Object.keys(out.rows[0]!)).toEqual([
      'unit_code',
      'unit_name',
      'unit_kind',
      'score',
      'grade',
      'rank_in_kind',
      'items',
    ]);
    expect(Object.keys(out.rows[0]!.items[0]!)).toEqual(
      expect.arrayContaining(['rule_id', 'label', 'value', 'count', 'points', 'case_nos']),
    );
    expect(out).toEqual(direct);
  });

  it('the XLSX holds the same scores, one column per rule, and a sheet per unit with points', async () => {
    const file = path.join(dir, 'kaohe.xlsx');
    const res = await cli(['--year', '2024', '--rules', rulesFile, '--format', 'xlsx', '--out', file]);
    expect(res.status).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.getWorksheet('考核得分')!;
    const header = (ws.getRow(4).values as unknown[]).slice(1);
    expect(header).toEqual([
      '单位编码',
      '单位名称',
      '单位类型',
      '基础分',
      ...rules.rules.map((r) => r.label),
      '得分',
      '等次',
      '类内排名',
    ]);
    const scoreCol = header.indexOf('得分') + 1;
    let rows = 0;
    ws.eachRow((row, i) => {
      if (i <= 4) return;
      const scored = byCode.get(row.getCell(1).text)!;
      expect(row.getCell(scoreCol).value).toBe(Math.round(scored.score * 100) / 100);
      rows++;
    });
    expect(rows).toBe(direct.rows.length);
    const withPoints = direct.rows.filter((r) => r.items.some((i) => i.points !== 0));
    expect(wb.worksheets.length).toBe(2 + withPoints.length);
  });

  it('refuses a bad rules file with exit 2, naming the rule and key', async () => {
    const bad = path.join(dir, 'bad.json');
    fs.writeFileSync(bad, JSON.stringify({ ...rules, rules: [{ ...rules.rules[0], metric: 'lit_lossez' }] }));
    const res = await cli(['--year', '2024', '--rules', bad]);
    expect(res.status).toBe(2);
    expect(res.stderr).toMatch(/rules\[0\] \(loss\)\.metric: .*lit_lossez/);
  });

  it('stores rules as versions; a frozen snapshot keeps the version and scores it was made with', async () => {
    const origin = { actor: null, ip: 'test' };
    // The demo seed stored its rules as version 1 (the §10 example, as the fixture).
    const demo = await rulesVersions(deps, null, 2024);
    expect(demo.map((v) => [v.version, v.saved_by])).toEqual([[1, 'demo']]);
    expect(demo[0]!.rules.rules).toEqual(rules.rules);
    const v1 = await saveRules(deps, origin, rules);
    expect(v1.version).toBe(2);
    const frozen = await freezeEvaluation(deps, origin, 2024);
    expect(frozen.rules_version).toBe(2);

    const harsher = {
      ...rules,
      rules: rules.rules.map((r) => (r.id === 'loss' ? { ...r, each: -2, cap: -6 } : r)),
    };
    const v2 = await saveRules(deps, origin, harsher);
    expect(v2.version).toBe(3);
    const now = await evaluateYear(deps, null, 2024);
    expect(now.result.rules_version).toBe(3);
    const lost = now.result.rows.find((r) => r.items.some((i) => i.rule_id === 'loss' && i.count! > 0))!;
    expect(lost.items.find((i) => i.rule_id === 'loss')!.points).toBe(
      Math.max(-2 * lost.items.find((i) => i.rule_id === 'loss')!.count!, -6),
    );

    const kept = await evaluationSnapshot(deps, null, frozen.id);
    expect(kept.rules_version).toBe(2);
    expect(kept.result).toEqual({ ...direct, rules_version: 2 });
    expect((await evaluateYear(deps, null, 2024, 2)).result).toEqual({ ...direct, rules_version: 2 });

    const printed = await cli(['rules', '--year', '2024']);
    expect(JSON.parse(printed.stdout)).toEqual(harsher);
    const audit = await knex('audit_event')
      .whereIn('action', ['evaluation.rules', 'evaluation.freeze'])
      .count<{ n: number }[]>('* as n');
    expect(audit[0]!.n).toBe(3);
  });
});
