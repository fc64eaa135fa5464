import type { Knex } from '../db/knex.ts';

/** The record tables, children first: the order to empty them in. */
export const RECORD_TABLES = [
  'litigation_defendant',
  'litigation_case',
  'reconsideration_case',
  'prelitigation_dispute',
  'unmatched_row',
  'rejected_row',
  'import_ledger',
  'unit_alias',
  'unit',
] as const;

/** Empties every record and unit table (the demo seed's --replace). */
export async function truncateAll(db: Knex): Promise<void> {
  await db.raw(`TRUNCATE ${RECORD_TABLES.join(', ')} RESTART IDENTITY CASCADE`);
}

export interface RecordCounts {
  units: number;
  litigation: number;
  reconsideration: number;
  prelitigation: number;
}

export async function countRecords(db: Knex): Promise<RecordCounts> {
  const row = await db
    .select(
      db.raw('(SELECT count(*) FROM unit) AS units'),
      db.raw('(SELECT count(*) FROM litigation_case) AS litigation'),
      db.raw('(SELECT count(*) FROM reconsideration_case) AS reconsideration'),
      db.raw('(SELECT count(*) FROM prelitigation_dispute) AS prelitigation'),
    )
    .first<RecordCounts>();
  return row;
}

const CHUNK = 500;

/** Inserts rows in chunks, returning what `returning` asks for, in input order. */
export async function insertChunked<T extends object, R = unknown>(
  db: Knex,
  table: string,
  rows: T[],
  returning?: string[],
): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < rows.length; i += CHUNK) {
    const q = db(table).insert(rows.slice(i, i + CHUNK));
    if (returning) out.push(...((await q.returning(returning)) as R[]));
    else await q;
  }
  return out;
}
