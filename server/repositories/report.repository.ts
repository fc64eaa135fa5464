import type { Knex } from '../db/knex.ts';

export interface SnapshotRow<M = unknown> {
  id: string;
  title: string;
  period_from: string;
  period_to: string;
  request: unknown;
  model: M;
  data_as_of: string | null;
  created_by: string | null;
  created_at: Date;
}

export async function insertSnapshot(db: Knex, row: Omit<SnapshotRow, 'created_at'>): Promise<void> {
  await db('report_snapshot').insert({
    ...row,
    request: JSON.stringify(row.request),
    model: JSON.stringify(row.model),
  });
}

export async function findSnapshot<M>(db: Knex, id: string): Promise<SnapshotRow<M> | undefined> {
  return db('report_snapshot').where({ id }).first<SnapshotRow<M> | undefined>();
}

/** Newest first, without the (large) model. */
export async function listSnapshots(db: Knex, limit = 100): Promise<Omit<SnapshotRow, 'model'>[]> {
  return db('report_snapshot')
    .select('id', 'title', 'period_from', 'period_to', 'request', 'data_as_of', 'created_by', 'created_at')
    .orderBy('created_at', 'desc')
    .limit(limit);
}
