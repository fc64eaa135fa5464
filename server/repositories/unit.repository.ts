import type { Knex } from '../db/knex.ts';
import type { UnitKind } from '../domain/code-lists.ts';

export interface UnitRow {
  id: number;
  code: string;
  name: string;
  kind: UnitKind;
  peer_group: string | null;
}

export interface NewUnit {
  code: string;
  name: string;
  kind: UnitKind;
  peer_group: string | null;
}

export async function countUnits(db: Knex): Promise<number> {
  const row = await db('unit').count<{ count: number }[]>('* as count').first();
  return row?.count ?? 0;
}

export async function listUnits(db: Knex): Promise<UnitRow[]> {
  return db('unit').select('id', 'code', 'name', 'kind', 'peer_group').orderBy('code');
}

/** Inserts units and returns their ids by code. */
export async function insertUnits(db: Knex, units: NewUnit[]): Promise<Map<string, number>> {
  const rows = await db('unit').insert(units).returning<{ id: number; code: string }[]>(['id', 'code']);
  return new Map(rows.map((r) => [r.code, r.id]));
}

export async function insertAliases(
  db: Knex,
  aliases: { alias: string; normalized: string; unit_id: number; added_by: string | null }[],
): Promise<void> {
  if (aliases.length) await db('unit_alias').insert(aliases).onConflict('alias').ignore();
}
