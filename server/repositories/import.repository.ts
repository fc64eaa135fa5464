/**
 * The import's SQL: the ledger, the staging table filled by COPY, and the set-based statements that file each
 * staged row as an insert, an update, an unchanged record, a rejected row or a row waiting for a unit mapping.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type {
  FileFormat,
  ImportKind,
  ImportEntry as LedgerRow,
  ImportStatus,
  RecordKind,
  RejectedRow,
  TextEncoding,
} from '../contracts/import.ts';
import type { Knex } from '../db/knex.ts';
import { DatabaseLock, takeLock } from '../db/locks.ts';
import { stageColumns } from '../domain/stage-columns.ts';
import { reconcileStagedCorrections, type ReconcileCounts } from './correction.repository.ts';

export const STAGE_TABLE = 'import_stage';

// ——— ledger ———

export type { ImportEntry as LedgerRow, RejectedRow } from '../contracts/import.ts';
export async function insertLedger(
  db: Knex,
  row: Pick<LedgerRow, 'kind' | 'file_name' | 'file_hash' | 'file_size' | 'source' | 'created_by'> & {
    format: FileFormat | null;
    encoding: TextEncoding | null;
  },
): Promise<number> {
  const [r] = await db('import_ledger')
    .insert({ ...row, status: 'running' })
    .returning<{ id: number }[]>('id');
  return r!.id;
}

/** Holds the ledger row for the life of the transaction: a running import is one whose row is locked. */
export async function lockLedgerRow(trx: Knex, id: number): Promise<void> {
  await trx.raw('SELECT id FROM import_ledger WHERE id = ? FOR UPDATE', [id]);
}

export async function takeImportLock(trx: Knex): Promise<void> {
  await takeLock(trx, DatabaseLock.Import);
}

/**
 * Settings for the rest of the import's transaction (SET LOCAL: gone at commit or rollback). A million-row file's
 * sorts and hashes (the key index of the staging table, the change anti-join, the rollup refresh) spilled to disk
 * at the default 4 MB; JIT compiled every big statement for ~100 ms and saved nothing on these plans.
 */
export async function tuneImportSession(trx: Knex): Promise<void> {
  await trx.raw(`SET LOCAL work_mem = '64MB'`);
  await trx.raw(`SET LOCAL maintenance_work_mem = '256MB'`);
  await trx.raw('SET LOCAL jit = off');
}

/** Statistics for the filled staging table: without them the planner guessed 500 rows for a million. */
export async function analyzeStage(trx: Knex): Promise<void> {
  await trx.raw(`ANALYZE ${STAGE_TABLE}`);
}

/**
 * Marks failed every 'running' import whose process is gone: its transaction died with it (rolled back), so its
 * ledger row is no longer locked. Live imports hold their row's lock and are skipped; a row younger than a few
 * seconds is left alone too, as its import may not have taken the lock yet.
 */
export async function markInterruptedImports(db: Knex): Promise<number> {
  const res = await db.raw<{ rowCount: number }>(
    `UPDATE import_ledger SET status = 'failed', finished_at = now(),
       error = '导入中断（进程退出），未写入任何数据 / interrupted (the process died); nothing was written'
     WHERE id IN (SELECT id FROM import_ledger
                  WHERE status = 'running' AND started_at < now() - interval '5 seconds'
                  FOR UPDATE SKIP LOCKED)`,
  );
  return res.rowCount;
}

export async function finishLedger(
  db: Knex,
  id: number,
  fields: {
    status: ImportStatus;
    rows_total?: number;
    inserted?: number;
    updated?: number;
    unchanged?: number;
    rejected?: number;
    unmatched?: number;
    warnings: string[];
    error?: string | null;
    headers?: string[] | null;
    duration_ms: number;
  },
): Promise<void> {
  await db('import_ledger')
    .where({ id })
    .update({ ...fields, warnings: JSON.stringify(fields.warnings), finished_at: db.fn.now() });
}

/** The most recent earlier import of the same bytes as the same kind that went through. */
export async function findEarlierImport(
  db: Knex,
  kind: ImportKind,
  hash: string,
  beforeId: number,
): Promise<{ id: number; started_at: Date } | undefined> {
  return db('import_ledger')
    .where({ kind, file_hash: hash })
    .whereIn('status', ['committed', 'duplicate'])
    .where('id', '<', beforeId)
    .orderBy('id', 'desc')
    .first('id', 'started_at');
}

export async function listImports(
  db: Knex,
  { limit = 50, offset = 0, kind }: { limit?: number; offset?: number; kind?: ImportKind } = {},
): Promise<LedgerRow[]> {
  const q = db('import_ledger').select('*').orderBy('id', 'desc').limit(limit).offset(offset);
  if (kind) void q.where({ kind });
  return q;
}

export async function getImport(db: Knex, id: number): Promise<LedgerRow | undefined> {
  return db('import_ledger').where({ id }).first<LedgerRow | undefined>();
}

export async function listRejectedRows(db: Knex, importId: number): Promise<RejectedRow[]> {
  return db('rejected_row').where({ import_id: importId }).orderBy('row_number').select('*');
}

// ——— staging ———

/** A temporary staging table for this transaction (dropped at commit or rollback), replacing an earlier one. */
export async function createStage(trx: Knex, kind: ImportKind): Promise<void> {
  await dropStage(trx);
  const cols = stageColumns(kind)
    .map(([name, type]) => `"${name}" ${type}`)
    .join(', ');
  await trx.raw(`CREATE TEMP TABLE ${STAGE_TABLE} (${cols}) ON COMMIT DROP`);
}

export async function dropStage(trx: Knex): Promise<void> {
  await trx.raw(`DROP TABLE IF EXISTS ${STAGE_TABLE}`);
}

/** Streams COPY text lines into a table on the transaction's own connection. */
export async function copyLines(
  trx: Knex,
  table: string,
  lines: AsyncIterable<string> | Iterable<string>,
): Promise<void> {
  // Inside a knex transaction, acquireConnection hands back the transaction's own connection.
  const client = trx.client as { acquireConnection(): Promise<pg.PoolClient> };
  const conn = await client.acquireConnection();
  const sink = conn.query(copyFrom(`COPY ${table} FROM STDIN`));
  await pipeline(Readable.from(lines, { objectMode: false }), sink);
}

export interface ApplyCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

export type { ReconcileCounts } from './correction.repository.ts';

/** Files the staged rejected rows under the import. */
async function fileRejected(trx: Knex, importId: number | null): Promise<void> {
  await trx.raw(
    `INSERT INTO rejected_row (import_id, row_number, raw, column_name, reason, reason_en)
     SELECT ?, row_number, raw, column_name, reason, reason_en FROM ${STAGE_TABLE} WHERE status = 'rejected'`,
    [importId],
  );
}

/**
 * Queues the staged unmatched rows, after dropping any older waiting version of the same records: the newest
 * version of a record wins, whether it waits or loads now.
 */
async function fileUnmatched(trx: Knex, kind: RecordKind, importId: number | null): Promise<void> {
  await trx.raw(
    `DELETE FROM unmatched_row u USING ${STAGE_TABLE} s
     WHERE u.applied_at IS NULL AND u.kind = ? AND u.record_key = s.key AND s.status IN ('ok', 'unmatched')`,
    [kind],
  );
  await trx.raw(
    `INSERT INTO unmatched_row (import_id, kind, row_number, record_key, raw, names, record)
     SELECT ?, ?, row_number, key, raw, names, record FROM ${STAGE_TABLE} WHERE status = 'unmatched'`,
    [importId, kind],
  );
}

async function countChanges(trx: Knex): Promise<ApplyCounts> {
  const { rows } = await trx.raw<{ rows: { inserted: number; updated: number; ok: number }[] }>(
    `SELECT (SELECT count(*) FROM import_changed WHERE inserted) AS inserted,
            (SELECT count(*) FROM import_changed WHERE NOT inserted) AS updated,
            (SELECT count(*) FROM ${STAGE_TABLE} WHERE status IN ('ok', 'held')) AS ok`,
  );
  const r = rows[0]!;
  return { inserted: r.inserted, updated: r.updated, unchanged: r.ok - r.inserted - r.updated };
}

async function createChanged(trx: Knex): Promise<void> {
  await trx.raw(
    'CREATE TEMP TABLE IF NOT EXISTS import_changed (id bigint, key text, inserted boolean) ON COMMIT DROP',
  );
  await trx.raw('TRUNCATE import_changed');
}

// The stored columns of each record kind that the change check compares (everything the file carries).
const LIT_COLS = [
  'case_type',
  'instance',
  'court',
  'filed_on',
  'closed_on',
  'defendants_raw',
  'reconsideration_codefendant_raw',
  'reconsideration_codefendant_unit_id',
  'cause_raw',
  'cause',
  'domain',
  'closing',
  'judgment',
  'withdrawal_reason',
  'loss_reason',
  'hearing_held',
  'head_appeared',
  'head_title',
  'head_spoke',
  'via_reconsideration',
];
const LIT_FROM_STAGE: Record<string, string> = {
  reconsideration_codefendant_raw: 'codef_raw',
  reconsideration_codefendant_unit_id: 'codef_unit_id',
};
const REC_COLS = [
  'applied_on',
  'accepted_on',
  'intake',
  'respondent_raw',
  'respondent_unit_id',
  'matter',
  'closed_on',
  'decision',
  'litigated_after',
];
const PRE_COLS = ['registered_on', 'unit_raw', 'unit_id', 'source', 'domain', 'result', 'result_on'];

/**
 * INSERT … ON CONFLICT (key) DO UPDATE for the rows that are new or differ in some column, recording each written
 * row (and whether it was new) in import_changed; rows equal to what is stored count as unchanged. Equal rows are
 * filtered out by a read-only anti-join first: ON CONFLICT locks (and so rewrites) every conflicting row even when
 * its WHERE is false, which made re-importing an unchanged file cost as much as loading it. The import lock makes
 * the anti-join safe; the WHERE stays as the guarantee.
 */
async function upsert(
  trx: Knex,
  table: string,
  keyCol: string,
  cols: string[],
  fromStage: Record<string, string>,
  importId: number | null,
): Promise<void> {
  const src = (c: string) => `s.${fromStage[c] ?? c}`;
  await trx.raw(
    `WITH up AS (
       INSERT INTO ${table} AS t (${keyCol}, ${cols.join(', ')}, import_id)
       SELECT s.key, ${cols.map(src).join(', ')}, coalesce(s.source_import, ?)
       FROM ${STAGE_TABLE} s
       WHERE s.status = 'ok' AND NOT EXISTS (
         SELECT 1 FROM ${table} x WHERE x.${keyCol} = s.key
           AND (${cols.map((c) => `x.${c}`).join(', ')}) IS NOT DISTINCT FROM (${cols.map(src).join(', ')}))
       ON CONFLICT (${keyCol}) DO UPDATE SET
         ${cols.map((c) => `${c} = EXCLUDED.${c}`).join(', ')}, import_id = EXCLUDED.import_id, updated_at = now()
       WHERE (${cols.map((c) => `t.${c}`).join(', ')}) IS DISTINCT FROM (${cols.map((c) => `EXCLUDED.${c}`).join(', ')})
       RETURNING t.id, t.${keyCol} AS key, (xmax = 0) AS inserted
     )
     INSERT INTO import_changed SELECT id, key, inserted FROM up`,
    [importId],
  );
}

/**
 * Applies a filled staging table of record rows: rejected rows filed, unmatched rows queued, good rows upserted
 * (litigation: with their defendants rewritten for new and changed cases). `queue` is false when the staged rows
 * come from the unmatched queue itself.
 */
export async function applyRecordStage(
  trx: Knex,
  kind: RecordKind,
  importId: number | null,
  { queue = true }: { queue?: boolean } = {},
): Promise<ApplyCounts & { corrections: ReconcileCounts }> {
  await trx.raw(`CREATE INDEX ON ${STAGE_TABLE} (key)`);
  if (queue) {
    await fileRejected(trx, importId);
    await fileUnmatched(trx, kind, importId);
  }
  // Corrections go back onto the staged source rows first, so the upsert never writes over them (§9).
  const corrections = await reconcileStagedCorrections(trx, kind, STAGE_TABLE);
  await createChanged(trx);
  if (kind === 'litigation') {
    await upsert(trx, 'litigation_case', 'case_no', LIT_COLS, LIT_FROM_STAGE, importId);
    // Only the defendants of cases the upsert just wrote change, and its triggers marked those cases' old and
    // new months dirty: the defendant triggers' own marks would repeat them (migration 20261203070100).
    await trx.raw(`SET LOCAL shuangjiang.defendant_marks = 'off'`);
    await trx.raw(
      'DELETE FROM litigation_defendant d USING import_changed c WHERE d.case_id = c.id AND NOT c.inserted',
    );
    await trx.raw(
      `INSERT INTO litigation_defendant (case_id, unit_id, position, name_raw)
       SELECT c.id, d.unit_id, d.position, s.defendant_names[d.position]
       FROM import_changed c
       JOIN ${STAGE_TABLE} s ON s.key = c.key AND s.status = 'ok'
       CROSS JOIN LATERAL unnest(s.defendant_ids) WITH ORDINALITY AS d(unit_id, position)`,
    );
    await trx.raw(`SET LOCAL shuangjiang.defendant_marks = 'on'`);
  } else if (kind === 'reconsideration') {
    await upsert(trx, 'reconsideration_case', 'case_no', REC_COLS, {}, importId);
  } else {
    await upsert(trx, 'prelitigation_dispute', 'dispute_no', PRE_COLS, {}, importId);
  }
  return { ...(await countChanges(trx)), corrections };
}

export interface UnitApplyResult extends ApplyCounts {
  /** aliases the file gave that already belong to another unit (not moved) */
  aliasConflicts: { alias: string; code: string; owner: string }[];
}

/**
 * Applies a staged units file: units upserted by code, aliases added (an alias already owned by another unit is
 * reported, never moved). A unit counts as updated when its row changed or it gained an alias.
 */
export async function applyUnitStage(
  trx: Knex,
  importId: number,
  user: string | null,
): Promise<UnitApplyResult> {
  await trx.raw(`CREATE INDEX ON ${STAGE_TABLE} (key)`);
  await fileRejected(trx, importId);
  await createChanged(trx);
  await trx.raw(
    `WITH up AS (
       INSERT INTO unit AS t (code, name, kind, peer_group)
       SELECT key, name, kind, peer_group FROM ${STAGE_TABLE} WHERE status = 'ok'
       ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, kind = EXCLUDED.kind,
         peer_group = EXCLUDED.peer_group, updated_at = now()
       WHERE (t.name, t.kind, t.peer_group) IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.kind, EXCLUDED.peer_group)
       RETURNING t.id, t.code AS key, (xmax = 0) AS inserted
     )
     INSERT INTO import_changed SELECT id, key, inserted FROM up`,
  );
  const { rows: conflicts } = await trx.raw<{ rows: { alias: string; code: string; owner: string }[] }>(
    `SELECT a.alias, s.key AS code, o.code AS owner
     FROM ${STAGE_TABLE} s CROSS JOIN LATERAL unnest(s.aliases) AS a(alias)
     JOIN unit_alias ua ON ua.alias = a.alias JOIN unit o ON o.id = ua.unit_id
     WHERE s.status = 'ok' AND o.code <> s.key ORDER BY s.row_number`,
  );
  await trx.raw(
    `WITH added AS (
       INSERT INTO unit_alias (alias, normalized, unit_id, added_by)
       SELECT DISTINCT ON (a.alias) a.alias, a.normalized, u.id, ?
       FROM ${STAGE_TABLE} s
       JOIN unit u ON u.code = s.key
       CROSS JOIN LATERAL unnest(s.aliases, s.alias_normalized) AS a(alias, normalized)
       WHERE s.status = 'ok'
       ORDER BY a.alias, s.row_number
       ON CONFLICT (alias) DO NOTHING
       RETURNING unit_id
     )
     INSERT INTO import_changed
     SELECT DISTINCT u.id, u.code, false FROM added JOIN unit u ON u.id = added.unit_id
     WHERE NOT EXISTS (SELECT 1 FROM import_changed c WHERE c.id = u.id)`,
    [user],
  );
  return { ...(await countChanges(trx)), aliasConflicts: conflicts };
}
