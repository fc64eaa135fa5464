/**
 * The year-end evaluation's rules, one row per saved version of a year (evaluation_rules), and its frozen scores
 * (evaluation_snapshot).
 */
import {
  evaluationRulesSchema,
  type EvaluationResult,
  type EvaluationRules,
  type EvaluationRulesVersion,
} from '../contracts/evaluation.ts';
import type { Knex } from '../db/knex.ts';
import { DatabaseLock, takeLock } from '../db/locks.ts';

interface RulesRow {
  year: number;
  version: number;
  rules: EvaluationRules;
  saved_by: string;
  saved_at: Date;
}

const version = (r: RulesRow): EvaluationRulesVersion => ({
  year: r.year,
  version: r.version,
  // Back in the file's key order (jsonb keeps keys sorted by length), so a printed file reads as it was written.
  rules: evaluationRulesSchema.parse(r.rules),
  saved_by: r.saved_by,
  saved_at: r.saved_at.toISOString(),
});

/** A year's rules: the given version, or the newest when `v` is omitted; undefined when none is stored. */
export async function findRules(
  db: Knex,
  year: number,
  v?: number,
): Promise<EvaluationRulesVersion | undefined> {
  const row = await db('evaluation_rules')
    .where({ year })
    .modify((q) => {
      if (v !== undefined) q.where({ version: v });
    })
    .orderBy('version', 'desc')
    .first<RulesRow | undefined>();
  return row ? version(row) : undefined;
}

/** Every saved version of a year's rules, newest first. */
export async function listRulesVersions(db: Knex, year: number): Promise<EvaluationRulesVersion[]> {
  const rows = await db('evaluation_rules').where({ year }).orderBy('version', 'desc').select<RulesRow[]>();
  return rows.map(version);
}

/**
 * Stores `rules` as the next version of its year, in `trx` under DatabaseLock.EvaluationRules, so two saves at
 * once take two numbers (the primary key refuses a duplicate anyway).
 */
export async function insertRulesVersion(
  trx: Knex.Transaction,
  rules: EvaluationRules,
  savedBy: string,
  savedAt: Date,
): Promise<EvaluationRulesVersion> {
  await takeLock(trx, DatabaseLock.EvaluationRules);
  const last = await trx('evaluation_rules')
    .where({ year: rules.year })
    .max<{ max: number | null }>('version as max')
    .first();
  const row: RulesRow = {
    year: rules.year,
    version: (last?.max ?? 0) + 1,
    rules,
    saved_by: savedBy,
    saved_at: savedAt,
  };
  await trx('evaluation_rules').insert({ ...row, rules: JSON.stringify(rules) });
  return version(row);
}

export interface EvaluationSnapshotRow {
  id: string;
  year: number;
  rules_version: number;
  rules: EvaluationRules;
  result: EvaluationResult;
  data_as_of: Date | null;
  created_by: string;
  created_at: Date;
}

export async function insertEvaluationSnapshot(db: Knex, row: EvaluationSnapshotRow): Promise<void> {
  await db('evaluation_snapshot').insert({
    ...row,
    rules: JSON.stringify(row.rules),
    result: JSON.stringify(row.result),
  });
}

export async function findEvaluationSnapshot(
  db: Knex,
  id: string,
): Promise<EvaluationSnapshotRow | undefined> {
  return db('evaluation_snapshot').where({ id }).first<EvaluationSnapshotRow | undefined>();
}

/** A year's snapshots (without their results), newest first. */
export async function listEvaluationSnapshots(
  db: Knex,
  year: number,
): Promise<Omit<EvaluationSnapshotRow, 'result' | 'rules'>[]> {
  return db('evaluation_snapshot')
    .where({ year })
    .orderBy('created_at', 'desc')
    .select('id', 'year', 'rules_version', 'data_as_of', 'created_by', 'created_at');
}
