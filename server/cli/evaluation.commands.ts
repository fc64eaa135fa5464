import fs from 'node:fs';
import type { Command } from 'commander';
import type { EvaluationResult, EvaluationRules } from '../contracts/evaluation.ts';
import { evaluationXlsx } from '../exports/evaluation-xlsx.ts';
import { getMetric } from '../metrics/index.ts';
import {
  EvaluationNotFoundError,
  EvaluationRulesError,
  evaluateYear,
  freezeEvaluation,
  parseRules,
  rulesVersions,
  saveRules,
  scoreYear,
} from '../services/evaluation/evaluation.service.ts';
import { CliError, print, withDatabase } from './context.ts';

const cli = { actor: null, ip: 'cli' };

interface EvaluationOptions {
  year?: string;
  rules?: string;
  json?: boolean;
  format?: string;
  out?: string;
}

function year(v: string | undefined): number {
  if (v === undefined) throw new CliError('--year is required (e.g. --year 2024)', 2);
  const y = Number(v);
  if (!Number.isInteger(y) || y < 2000 || y > 2100)
    throw new CliError(`--year: a year such as 2024 (got ${v})`, 2);
  return y;
}

/** A rules file: JSON, checked against §10 and the registry (exit 2 with every problem named). */
function readRules(file: string): EvaluationRules {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new CliError(`--rules: ${(err as Error).message}`, 2);
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new CliError(`${file}: 不是有效的 JSON / not valid JSON: ${(err as Error).message}`, 2);
  }
  return cliErrors(() => parseRules(json));
}

function cliErrors<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof EvaluationRulesError) throw new CliError(err.issues.join('\n') || err.message, 2);
    if (err instanceof EvaluationNotFoundError) throw new CliError(err.message, 1);
    throw err;
  }
}

async function cliErrorsAsync<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    return cliErrors(() => {
      throw err;
    });
  }
}

const isRate = (id: string) => getMetric(id)?.kind === 'rate';

function summary(result: EvaluationResult): string {
  const lines = [
    `${result.year}年考核（细则版本 ${result.rules_version || '未保存'}）：${result.rows.length} 个单位`,
  ];
  const sorted = [...result.rows].sort((a, b) => b.score - a.score || a.unit_code.localeCompare(b.unit_code));
  for (const r of sorted) {
    lines.push(
      `${r.unit_code}\t${r.unit_name}\t${r.unit_kind}\t${r.score.toFixed(2)}\t${r.grade ?? ''}\t类内第${r.rank_in_kind}名`,
    );
  }
  return lines.join('\n');
}

/**
 * `evaluation --year Y [--rules FILE] [--json] [--format xlsx --out FILE]` — every unit's score (DESIGN.md §10);
 * without --rules, the year's stored rules (newest version). JSON: `{ year, rules_version, rows }` (rules_version
 * 0 for a file not stored).
 * `evaluation rules --year Y [--save FILE] [--versions] [--json]` — print the stored rules, store a file as the next
 * version, or list the versions. `evaluation freeze --year Y` — freeze the scores under an id.
 * Exit codes: 0 done, 1 failure (no rules stored), 2 bad arguments or rules.
 */
export function registerEvaluationCommands(program: Command): void {
  const evaluation = program
    .command('evaluation')
    .description('year-end evaluation (年度考核): every unit’s score under the year’s rules')
    // Not requiredOption: commander would demand it of `evaluation rules …` too (checked in the action).
    .option('--year <year>', 'the evaluation year (required)')
    .option('--rules <file>', 'score with this rules file (JSON, DESIGN.md §10) instead of the stored rules')
    .option('--json', 'machine-readable output: { year, rules_version, rows }')
    .option('--format <format>', 'xlsx: write the workbook to --out')
    .option('--out <file>', 'where --format writes')
    .action(async (opts: EvaluationOptions) => {
      const y = year(opts.year);
      if (opts.format !== undefined && opts.format !== 'xlsx') throw new CliError('--format: xlsx', 2);
      if (opts.format && !opts.out) throw new CliError('--format needs --out FILE', 2);
      const fileRules = opts.rules ? readRules(opts.rules) : undefined;
      if (fileRules && fileRules.year !== y) {
        throw new CliError(`--rules: the file is for ${fileRules.year}, not ${y}`, 2);
      }
      await withDatabase(async ({ db }) => {
        const deps = { db: db.knex };
        const { rules, result } = fileRules
          ? { rules: fileRules, result: await scoreYear(deps, fileRules, 0) }
          : await cliErrorsAsync(() => evaluateYear(deps, null, y));
        if (opts.format === 'xlsx') {
          fs.writeFileSync(opts.out!, await evaluationXlsx(result, rules, isRate, new Date().toISOString()));
        }
        print(opts.json === true, summary(result) + (opts.out ? `\nwritten: ${opts.out}` : ''), result);
      });
    });

  evaluation
    .command('rules')
    .description('the year’s stored rules: print them, store a file as the next version, or list versions')
    .requiredOption('--year <year>', 'the evaluation year')
    .option('--save <file>', 'store this rules file (JSON) as the next version')
    .option('--versions', 'list the stored versions')
    .option('--json', 'machine-readable output')
    .action(async (opts: { year: string; save?: string; versions?: boolean; json?: boolean }) => {
      const y = year(opts.year);
      const toSave = opts.save ? readRules(opts.save) : undefined;
      if (toSave && toSave.year !== y)
        throw new CliError(`--save: the file is for ${toSave.year}, not ${y}`, 2);
      await withDatabase(async ({ db }) => {
        const deps = { db: db.knex };
        if (toSave) {
          const saved = await cliErrorsAsync(() => saveRules(deps, cli, toSave));
          print(opts.json === true, `saved: ${y}年考核细则 版本 ${saved.version}`, saved);
          return;
        }
        const versions = await rulesVersions(deps, null, y);
        if (opts.versions) {
          const lines = versions.map(
            (v) => `${v.version}\t${v.saved_at}\t${v.saved_by}\t${v.rules.rules.length} rules`,
          );
          print(opts.json === true, lines.join('\n') || `${y}年尚无考核细则`, versions);
          return;
        }
        const newest = versions[0];
        if (!newest) throw new CliError(`${y}年尚无考核细则 / no evaluation rules stored for ${y}`, 1);
        // The rules file itself, so `evaluation rules --year Y > rules.json` round-trips.
        process.stdout.write(JSON.stringify(newest.rules, null, 2) + '\n');
      });
    });

  evaluation
    .command('freeze')
    .description('freeze the year’s scores under its stored rules (a snapshot id)')
    .requiredOption('--year <year>', 'the evaluation year')
    .option('--json', 'machine-readable output')
    .action(async (opts: { year: string; json?: boolean }) => {
      const y = year(opts.year);
      await withDatabase(async ({ db }) => {
        const row = await cliErrorsAsync(() => freezeEvaluation({ db: db.knex }, cli, y));
        print(opts.json === true, `frozen: ${row.id} (${y}年, 细则版本 ${row.rules_version})`, {
          id: row.id,
          year: row.year,
          rules_version: row.rules_version,
        });
      });
    });
}
