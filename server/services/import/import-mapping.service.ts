/**
 * Mapping an unmatched unit name to a unit (`unit map "<name>" <code>` and the UI): the name becomes an alias of
 * the unit and every waiting row that now matches is applied — one transaction, with the rollups refreshed in it.
 */
import type { MapResult } from '../../contracts/unmatched.ts';
import type { Knex } from '../../db/knex.ts';
import { refreshRollups } from '../../repositories/rollup.repository.ts';
import { takeImportLock } from '../../repositories/import.repository.ts';
import {
  findAlias,
  findUnitByCode,
  insertAlias,
  listUnmatchedNames,
  listWaitingRows,
  loadUnitDirectory,
  type UnmatchedName,
  type WaitingRow,
} from '../../repositories/unit-match.repository.ts';
import type { RecordKind } from './types.ts';
import { UnitMatcher } from './unit-matcher.ts';
import { applyWaitingRows } from './waiting.ts';

/** A mapping that cannot be made; the message is for the user. */
export class UnitMapError extends Error {
  constructor(
    readonly code: 'unit_not_found' | 'alias_taken' | 'invalid_name',
    message: string,
  ) {
    super(message);
  }
}

export async function mapUnitName(
  db: Knex,
  { name, code, user = null }: { name: string; code: string; user?: string | null },
): Promise<MapResult> {
  const alias = name.trim();
  if (!alias) throw new UnitMapError('invalid_name', '名称为空 / the name is empty');
  return db.transaction(async (trx) => {
    await takeImportLock(trx);
    const unit = await findUnitByCode(trx, code);
    if (!unit)
      throw new UnitMapError('unit_not_found', `没有编码为 ${code} 的单位 / no unit with code ${code}`);
    const existing = await findAlias(trx, alias);
    if (existing && existing.unit_id !== unit.id) {
      throw new UnitMapError(
        'alias_taken',
        `「${alias}」已是单位 ${existing.code} 的别名 / "${alias}" is already an alias of unit ${existing.code}`,
      );
    }
    const owner = await trx('unit')
      .where({ name: alias })
      .whereNot({ id: unit.id })
      .first<{ code: string } | undefined>('code');
    if (owner) {
      throw new UnitMapError(
        'alias_taken',
        `「${alias}」是单位 ${owner.code} 的正式名称 / "${alias}" is the name of unit ${owner.code}`,
      );
    }
    const { units, aliases } = await loadUnitDirectory(trx);
    const matcher = new UnitMatcher(units, aliases);
    if (!existing) {
      await insertAlias(trx, {
        alias,
        normalized: matcher.normalize(alias),
        unit_id: unit.id,
        added_by: user,
      });
    }
    const res = await applyWaitingRows(trx);
    if (res.kinds.length) await refreshRollups(trx, { kinds: res.kinds });
    return {
      name: alias,
      unit: { code: unit.code, name: unit.name },
      aliasAdded: !existing,
      applied: res.applied,
      stillWaiting: res.stillWaiting,
      inserted: res.inserted,
      updated: res.updated,
      unchanged: res.unchanged,
    };
  });
}

/** The names blocking rows, most rows first. */
export function unmatchedNames(db: Knex): Promise<UnmatchedName[]> {
  return listUnmatchedNames(db);
}

export function waitingRows(
  db: Knex,
  opts: { kind?: RecordKind; name?: string; limit?: number } = {},
): Promise<WaitingRow[]> {
  return listWaitingRows(db, opts);
}

export type { UnmatchedName, WaitingRow };
