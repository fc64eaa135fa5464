/**
 * Every PostgreSQL advisory lock the application takes, in one registry (as immich's DatabaseLock), so no two
 * features pick the same key by accident and a reader sees at once who serialises against whom. All locks are
 * transaction-scoped (`*_xact_lock`): released at commit or rollback, or by the server when the connection dies.
 */
import type { Knex } from './knex.ts';

/** Fixed integer keys (the `bigint` form of pg_advisory_xact_lock). The values are contracts: never renumber. */
export enum DatabaseLock {
  /**
   * Serialises imports and unit mappings: both rewrite the same records and queue. Frozen as a literal in migration
   * 20261203070000 (the defendant trigger takes it to keep units from vanishing mid-import).
   */
  Import = 0x5a4a_1001,
  /** Serialises rollup refreshes (two imports committing overlapping months). */
  Rollup = 5_202_611_23,
  /** Serialises issuing notices, so each takes the next 文号 of its year (notice.service.ts). */
  NoticeNumber = 0x5a4a_1401,
  /** Serialises saving evaluation rules, so each save takes the next version of its year. */
  EvaluationRules = 0x5a4a_1601,
}

/** Waits for one of the fixed locks, held until the end of `trx`. */
export async function takeLock(trx: Knex, lock: DatabaseLock): Promise<void> {
  await trx.raw('SELECT pg_advisory_xact_lock(?)', [lock]);
}

/**
 * Waits for the per-account login lock (key `hashtext('login:<username>')`, int4): parallel guesses at one
 * account are counted one after another.
 */
export async function takeLoginLock(trx: Knex, username: string): Promise<void> {
  await trx.raw('SELECT pg_advisory_xact_lock(hashtext(?))', [`login:${username}`]);
}

/**
 * Tries the per-job lock (key `hashtextextended('shuangjiang:job:<name>', 0)`, int8) without waiting; true when
 * taken. The job name is the stable contract (jobs/job.ts).
 */
export async function tryTakeJobLock(trx: Knex, jobName: string): Promise<boolean> {
  const res = await trx.raw<{ rows: { ok: boolean }[] }>(
    'SELECT pg_try_advisory_xact_lock(hashtextextended(?, 0)) AS ok',
    [`shuangjiang:job:${jobName}`],
  );
  return res.rows[0]?.ok === true;
}
