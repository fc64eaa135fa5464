/**
 * Writes the ranks of a unit table (server/metrics/rank.ts defines them). A table whose rows are fewer than the
 * peers — one unit on the unit page, a group or a kind on the ranking page, the deck of one kind — takes its ranks
 * from the table of every unit the viewer may rank, so a unit's rank is the same on every page.
 */
import type { MetricDefinition } from '../../metrics/index.ts';
import { rankUnits, type SmallSampleMode } from '../../metrics/rank.ts';
import type { Cell, MetricsTable } from '../../contracts/metrics.ts';
import type { MetricsQuery } from './metrics.service.ts';

/** Whether the rows are a subset of the peers (a unit, kind or group filter is set). */
export function narrowsPeers(q: MetricsQuery): boolean {
  return !!(q.unitCodes?.length || q.unitIds || q.kinds?.length || q.groups?.length);
}

/**
 * The unit table of every peer, with the ranking metric alone. A unit user's own-unit scope (unitIds) is dropped
 * too: only viewers allowed to see rankings get ranks at all (the route asks rank=none for the others), and they
 * are ranked among the county (DESIGN.md §8: "its rank within its kind"); no other unit's row is returned.
 */
export function peerQuery(q: MetricsQuery, rankId: string): MetricsQuery {
  return {
    ...q,
    by: 'unit',
    unitIds: undefined,
    unitCodes: undefined,
    kinds: undefined,
    groups: undefined,
    metrics: [rankId],
    compare: [],
    rank: rankId,
  };
}

/** Fills small_sample, rank_in_kind and rank_in_group of `rows` (positional, `at` gives a field's place). */
export function writeRanks(
  rows: Cell[][],
  at: (key: string) => number,
  metric: MetricDefinition,
  minDenominator: number,
  small: SmallSampleMode,
  peers: MetricsTable | null,
): void {
  const [smallAt, kindAt, groupAt] = [at('small_sample'), at('rank_in_kind'), at('rank_in_group')];
  if (peers) {
    const p = (k: string) => peers.keys.indexOf(k);
    const [code, s, rk, rg] = [p('unit_code'), p('small_sample'), p('rank_in_kind'), p('rank_in_group')];
    const byCode = new Map(peers.rows.map((r) => [r[code], r]));
    const codeAt = at('unit_code');
    for (const r of rows) {
      const peer = byCode.get(r[codeAt]);
      r[smallAt] = peer ? peer[s]! : null;
      r[kindAt] = peer ? peer[rk]! : null;
      r[groupAt] = peer ? peer[rg]! : null;
    }
    return;
  }
  const [kind, group, value] = [at('unit_kind'), at('unit_group'), at(metric.id)];
  const den = at(`${metric.id}_denominator`);
  const ranks = rankUnits(
    rows.map((r) => ({
      kind: r[kind] as string | null,
      group: r[group] as string | null,
      value: r[value] as number | null,
      denominator: den < 0 ? null : (r[den] as number | null),
    })),
    metric,
    minDenominator,
    small,
  );
  rows.forEach((r, i) => {
    r[smallAt] = ranks[i]!.small_sample;
    r[kindAt] = ranks[i]!.rank_in_kind;
    r[groupAt] = ranks[i]!.rank_in_group;
  });
}
