/**
 * How current the data is. One time is shown everywhere a figure is (the shell's header, every chart footer,
 * tables, exports): when the shown figures' source was last brought up to date — the rollups' last refresh, or
 * the last data change when a family is read from raw rows. The data page also shows the last delivery (an
 * import or a successful pull, which may confirm the data without changing it) and the latest import per kind,
 * labelled as deliveries (issue #21 item 8: header 11:22 against footer 11:17).
 */
import type { DataAsOf } from '../../contracts/data-as-of.ts';
import type { Knex } from '../../db/knex.ts';
import { rollupStatus } from '../../repositories/metric.repository.ts';
import { dataAsOf, dataAsOfByKind } from '../../repositories/source-state.repository.ts';
import { IMPORT_KINDS, type ImportKind } from '../import/types.ts';

/**
 * The time the metric figures are computed from, given the rollup status: with every family rolled up, the
 * latest rollup refresh (done in the importing transaction, so it is the data's commit time); with a family read
 * from raw rows, the last change to anything a figure reads. Stable between requests, so the header and a chart
 * fetched a moment later agree.
 */
export function figuresAsOf(status: {
  stale: ReadonlySet<string>;
  refreshedAt: ReadonlyMap<string, string>;
  dataChangedAt: string | null;
}): string | null {
  const refreshed = [...status.refreshedAt.values()].sort().at(-1) ?? null;
  if (!status.stale.size) return refreshed;
  return (
    [refreshed, status.dataChangedAt]
      .filter((t): t is string => t !== null)
      .sort()
      .at(-1) ?? null
  );
}

export async function dataAsOfSummary(db: Knex): Promise<DataAsOf> {
  const [status, at, byKind] = await Promise.all([rollupStatus(db), dataAsOf(db), dataAsOfByKind(db)]);
  const iso = (d: Date | null | undefined) => (d ? new Date(d).toISOString() : null);
  return {
    at: figuresAsOf(status),
    lastDeliveryAt: iso(at),
    kinds: Object.fromEntries(IMPORT_KINDS.map((k) => [k, iso(byKind.get(k))])) as Record<
      ImportKind,
      string | null
    >,
  };
}
