/**
 * The one rank definition (DESIGN.md §4 "Rankings"; issue #21). The metric table, and through it the ranking page,
 * the unit page, the meeting deck and the notices, all rank with these functions:
 *
 * - Peers: a unit is ranked among every unit of its kind (rank_in_kind) and of its peer group (rank_in_group) in
 *   the scope the viewer may see — never among the rows a page happens to show (one unit on the unit page, one
 *   group on a filtered ranking page): the unit page once said 1 for a unit the ranking page listed 5th.
 * - Direction: 1 = best — the lowest value for a metric where lower is good news (败诉率), the highest where higher
 *   is (出庭应诉率). A metric with no good direction ranks lowest first.
 * - Ties share a rank and the next rank skips it (1, 1, 3: standard competition ranking), so "第3名" always means
 *   two units did better.
 * - Small samples: a rate whose denominator is below the minimum (default 3; a unit with 1 loss in 2 cases must
 *   not be named worst) is flagged small_sample and, by default, left unranked; a null rate (nothing to divide) is
 *   never ranked.
 */
import type { Label, MetricDefinition } from './types.ts';

/** How the product states the direction beside every rank it prints. */
export const RANK_DIRECTION: Label = { zh: '第1名为最好', en: 'rank 1 is best' };

export type SmallSampleMode = 'exclude' | 'flag';

/** One unit as the ranking sees it. */
export interface RankEntry {
  kind: string | null;
  group: string | null;
  value: number | null;
  /** The rate's denominator (ignored for counts). */
  denominator: number | null;
}

export interface RankResult {
  small_sample: boolean;
  rank_in_kind: number | null;
  rank_in_group: number | null;
}

/** Whether a unit's figure is too thin to rank (only rates have a sample). */
export function isSmallSample(metric: MetricDefinition, denominator: number | null, minDenominator: number) {
  return metric.kind === 'rate' && (denominator ?? 0) < minDenominator;
}

/**
 * Ranks `entries` within their kind and within their group by `metric`; the result is in the order of `entries`.
 */
export function rankUnits(
  entries: readonly RankEntry[],
  metric: MetricDefinition,
  minDenominator: number,
  small: SmallSampleMode = 'exclude',
): RankResult[] {
  const out: RankResult[] = entries.map((e) => ({
    small_sample: isSmallSample(metric, e.denominator, minDenominator),
    rank_in_kind: null,
    rank_in_group: null,
  }));
  const eligible = (i: number) =>
    entries[i]!.value !== null && !(small === 'exclude' && out[i]!.small_sample);
  const kindRanks = competitionRanks(entries, metric, eligible, (e) => e.kind);
  const groupRanks = competitionRanks(entries, metric, eligible, (e) => e.group);
  for (let i = 0; i < out.length; i++) {
    out[i]!.rank_in_kind = kindRanks[i] ?? null;
    // A unit without a peer group has no group rank (units with no group are not one another's peers).
    out[i]!.rank_in_group = entries[i]!.group === null ? null : (groupRanks[i] ?? null);
  }
  return out;
}

function competitionRanks(
  entries: readonly RankEntry[],
  metric: MetricDefinition,
  eligible: (i: number) => boolean,
  peerKey: (e: RankEntry) => string | null,
): (number | null)[] {
  const dir = metric.better === 'higher' ? -1 : 1;
  const groups = new Map<string | null, number[]>();
  entries.forEach((e, i) => {
    if (!eligible(i)) return;
    const g = groups.get(peerKey(e)) ?? [];
    g.push(i);
    groups.set(peerKey(e), g);
  });
  const ranks = new Array<number | null>(entries.length).fill(null);
  const value = (i: number) => entries[i]!.value!;
  for (const g of groups.values()) {
    g.sort((a, b) => dir * (value(a) - value(b)));
    g.forEach((i, pos) => {
      const prev = g[pos - 1];
      // Equal fractions are equal doubles (2/8 and 1/4 both round to 0.25), so === finds ties.
      ranks[i] = prev !== undefined && value(prev) === value(i) ? ranks[prev]! : pos + 1;
    });
  }
  return ranks;
}

/** The sentence printed beside a ranking (ranking page legend, deck caption, notices). */
export function rankRule(metricName: Label, minDenominator: number): Label {
  return {
    zh: `排名为同类型单位内按${metricName.zh}排序，${RANK_DIRECTION.zh}，并列者名次相同；分母小于${minDenominator}的不参与排名`,
    en: `Ranked within the unit kind by ${metricName.en}, ${RANK_DIRECTION.en}; ties share a rank; denominators under ${minDenominator} are not ranked`,
  };
}
