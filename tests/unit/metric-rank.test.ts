/**
 * The one rank definition (server/metrics/rank.ts): 1 = best in the metric's good direction, ties share a rank
 * and the next one skips, small samples and null rates are not ranked, kinds and groups rank apart.
 */
import { describe, expect, it } from 'vitest';
import { getMetric } from '../../server/metrics/index.ts';
import { RANK_DIRECTION, rankRule, rankUnits, type RankEntry } from '../../server/metrics/rank.ts';

const lossRate = getMetric('lit_loss_rate')!;
const appearance = getMetric('lit_head_appearance_rate')!;
const dept = (value: number | null, denominator: number, group: string | null = '执法一组'): RankEntry => ({
  kind: '县直部门',
  group,
  value,
  denominator,
});

describe('rankUnits', () => {
  it('ranks the lowest loss rate first, ties share a rank and the next rank skips (1, 1, 3)', () => {
    const r = rankUnits([dept(0.25, 8), dept(0, 7), dept(0, 4), dept(0.1, 10)], lossRate, 3);
    expect(r.map((x) => x.rank_in_kind)).toEqual([4, 1, 1, 3]);
  });

  it('equal fractions tie (2/8 and 1/4)', () => {
    const r = rankUnits([dept(2 / 8, 8), dept(1 / 4, 4), dept(1 / 3, 3), dept(2 / 6, 6)], lossRate, 3);
    expect(r.map((x) => x.rank_in_kind)).toEqual([1, 1, 3, 3]);
  });

  it('ranks the highest first where higher is better (出庭应诉率)', () => {
    const r = rankUnits([dept(0.5, 4), dept(1, 4), dept(0.75, 4)], appearance, 3);
    expect(r.map((x) => x.rank_in_kind)).toEqual([3, 1, 2]);
  });

  it('a unit with 1 loss in 2 cases is flagged and not ranked (not named worst); null is never ranked', () => {
    const units = [dept(0.5, 2), dept(0.2, 5), dept(null, 0)];
    const r = rankUnits(units, lossRate, 3);
    expect(r.map((x) => [x.rank_in_kind, x.small_sample])).toEqual([
      [null, true],
      [1, false],
      [null, true],
    ]);
    // flag mode ranks the small sample but keeps the flag
    expect(rankUnits(units, lossRate, 3, 'flag').map((x) => [x.rank_in_kind, x.small_sample])).toEqual([
      [2, true],
      [1, false],
      [null, true],
    ]);
  });

  it('kinds and groups rank apart; a unit without a group has no group rank', () => {
    const town: RankEntry = { kind: '乡镇街道', group: null, value: 0.4, denominator: 5 };
    const r = rankUnits([dept(0.3, 5, '执法一组'), dept(0.2, 5, '执法二组'), town], lossRate, 3);
    expect(r.map((x) => [x.rank_in_kind, x.rank_in_group])).toEqual([
      [2, 1],
      [1, 1],
      [1, null],
    ]);
  });

  it('the printed rule states the direction', () => {
    expect(rankRule(lossRate.name, 3).zh).toContain(RANK_DIRECTION.zh);
    expect(rankRule(lossRate.name, 3).zh).toContain('分母小于3的不参与排名');
  });
});
