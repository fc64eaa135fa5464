import type { SourceState as SourceStateRow } from '../contracts/sources.ts';
import type { Knex } from '../db/knex.ts';

export type { SourceState as SourceStateRow } from '../contracts/sources.ts';

export async function getSourceState(db: Knex, sourceName: string): Promise<SourceStateRow | undefined> {
  return db<SourceStateRow>('source_state').where({ source_name: sourceName }).first();
}

export async function listSourceStates(db: Knex): Promise<SourceStateRow[]> {
  return db<SourceStateRow>('source_state').select('*').orderBy('source_name');
}

/**
 * Records a committed pull. `watermark` undefined keeps the stored one (a source without incremental pulls, or
 * a pull that fetched nothing newer).
 */
export async function recordPullSuccess(
  db: Knex,
  sourceName: string,
  { at, runId, watermark }: { at: Date; runId: number | null; watermark?: string | null },
): Promise<void> {
  const row: Record<string, unknown> = {
    source_name: sourceName,
    last_success_at: at,
    last_run_id: runId,
    updated_at: at,
  };
  if (watermark !== undefined) row.watermark = watermark;
  await db('source_state')
    .insert(row)
    .onConflict('source_name')
    .merge(Object.keys(row).filter((k) => k !== 'source_name'));
}

/** Records a failed pull; the watermark is left where it was, so the next run catches up. */
export async function recordPullFailure(
  db: Knex,
  sourceName: string,
  { at, runId, error }: { at: Date; runId: number | null; error: string },
): Promise<void> {
  const row = {
    source_name: sourceName,
    last_failure_at: at,
    last_error: error,
    last_run_id: runId,
    updated_at: at,
  };
  await db('source_state')
    .insert(row)
    .onConflict('source_name')
    .merge(['last_failure_at', 'last_error', 'last_run_id', 'updated_at']);
}

/**
 * The data-as-of time: when the data last changed hands — the latest committed import (manual or pulled) or
 * the latest successful pull, whichever is later. Null when nothing was ever imported.
 */
export async function dataAsOf(db: Knex): Promise<Date | null> {
  const res = await db.raw<{ rows: { at: Date | null }[] }>(`
    SELECT greatest(
      (SELECT max(finished_at) FROM import_ledger WHERE status IN ('committed', 'duplicate')),
      (SELECT max(last_success_at) FROM source_state)
    ) AS at`);
  return res.rows[0]?.at ?? null;
}

/**
 * The latest committed import per kind (manual or pulled; 'duplicate' counts: the same file delivered again
 * confirms the data is current). A kind never imported is absent.
 */
export async function dataAsOfByKind(db: Knex): Promise<Map<string, Date>> {
  const rows = await db('import_ledger')
    .whereIn('status', ['committed', 'duplicate'])
    .whereNotNull('finished_at')
    .groupBy('kind')
    .select<{ kind: string; at: Date }[]>('kind', db.raw('max(finished_at) AS at'));
  return new Map(rows.map((r) => [r.kind, r.at]));
}
