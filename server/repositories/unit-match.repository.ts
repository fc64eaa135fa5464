/**
 * The unit directory as the matcher needs it, and the queue of rows waiting for a unit name to be mapped.
 */
import type { UnmatchedName, WaitingRow } from '../contracts/unmatched.ts';
import type { Knex } from '../db/knex.ts';
import type { RecordKind } from '../contracts/import.ts';

/** The unit directory as the matcher reads it (server/services/import/unit-matcher.ts). */
export interface DirectoryUnit {
  id: number;
  code: string;
  name: string;
  kind: string;
}

export interface DirectoryAlias {
  alias: string;
  unit_id: number;
}

export async function loadUnitDirectory(
  db: Knex,
): Promise<{ units: DirectoryUnit[]; aliases: DirectoryAlias[] }> {
  const units = await db('unit').select<DirectoryUnit[]>('id', 'code', 'name', 'kind').orderBy('id');
  const aliases = await db('unit_alias').select<DirectoryAlias[]>('alias', 'unit_id').orderBy('alias');
  return { units, aliases };
}

export async function findUnitByCode(db: Knex, code: string): Promise<DirectoryUnit | undefined> {
  return db('unit').where({ code }).first<DirectoryUnit | undefined>('id', 'code', 'name', 'kind');
}

export async function findAlias(
  db: Knex,
  alias: string,
): Promise<{ alias: string; unit_id: number; code: string } | undefined> {
  return db('unit_alias as a')
    .join('unit as u', 'u.id', 'a.unit_id')
    .where('a.alias', alias)
    .first('a.alias', 'a.unit_id', 'u.code');
}

export async function insertAlias(
  db: Knex,
  a: { alias: string; normalized: string; unit_id: number; added_by: string | null },
): Promise<void> {
  await db('unit_alias').insert(a).onConflict('alias').ignore();
}

export type { UnmatchedName, WaitingRow } from '../contracts/unmatched.ts';

/** Waiting rows, oldest first; `name` narrows to rows waiting for that name. */
export async function listWaitingRows(
  db: Knex,
  { kind, name, limit, afterId }: { kind?: RecordKind; name?: string; limit?: number; afterId?: number } = {},
): Promise<WaitingRow[]> {
  const q = db('unmatched_row').whereNull('applied_at').orderBy('id').select('*');
  if (kind) void q.where({ kind });
  if (name !== undefined) void q.whereRaw('names @> ARRAY[?]::text[]', [name]);
  if (afterId !== undefined) void q.where('id', '>', afterId);
  if (limit) void q.limit(limit);
  return q;
}

/** Every name that still blocks a row, with how many rows wait on it. */
export async function listUnmatchedNames(db: Knex): Promise<UnmatchedName[]> {
  const { rows } = await db.raw<{ rows: UnmatchedName[] }>(
    `SELECT n.name, count(*)::int AS rows, array_agg(DISTINCT u.kind ORDER BY u.kind) AS kinds,
            min(u.created_at) AS first_seen
     FROM unmatched_row u CROSS JOIN LATERAL unnest(u.names) AS n(name)
     WHERE u.applied_at IS NULL
     GROUP BY n.name ORDER BY count(*) DESC, n.name`,
  );
  return rows;
}

export async function markApplied(db: Knex, ids: number[]): Promise<void> {
  if (ids.length) await db('unmatched_row').whereIn('id', ids).update({ applied_at: db.fn.now() });
}

export async function updateWaitingNames(db: Knex, id: number, names: string[]): Promise<void> {
  await db('unmatched_row')
    .where({ id })
    .update({ names: db.raw('?::text[]', [names]) });
}
