/**
 * How current the data is, for the dashboard's header and the data page: the latest delivery of any kind (an
 * import or a successful pull) and the latest committed import per record kind.
 */
import type { DataAsOf } from '../../contracts/data-as-of.ts';
import type { Knex } from '../../db/knex.ts';
import { dataAsOf, dataAsOfByKind } from '../../repositories/source-state.repository.ts';
import { IMPORT_KINDS, type ImportKind } from '../import/types.ts';

export async function dataAsOfSummary(db: Knex): Promise<DataAsOf> {
  const [at, byKind] = await Promise.all([dataAsOf(db), dataAsOfByKind(db)]);
  const iso = (d: Date | null | undefined) => (d ? new Date(d).toISOString() : null);
  return {
    at: iso(at),
    kinds: Object.fromEntries(IMPORT_KINDS.map((k) => [k, iso(byKind.get(k))])) as Record<
      ImportKind,
      string | null
    >,
  };
}
