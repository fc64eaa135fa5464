import type { CountMetric, FamilySpec, RateMetric } from './types.ts';

/**
 * Administrative reconsideration (DESIGN.md §4). Only accepted applications count (受理, with an acceptance
 * date), as the Ministry of Justice computes its correction rate over accepted-and-concluded cases.
 */
export const reconsiderationFamily: FamilySpec = {
  family: 'reconsideration',
  prefix: 'rec',
  table: 'reconsideration_case',
  unitColumn: 'respondent_unit_id',
  streams: { accepted: 'accepted_on', closed: 'closed_on' },
  streamLabels: {
    accepted: { zh: '受理日期', en: 'acceptance date' },
    closed: { zh: '结案日期', en: 'closing date' },
  },
  base: `c.intake = '受理' AND c.accepted_on IS NOT NULL`,
  hasInstance: false,
  attributes: ['matter', 'decision'],
};

/** Decisions that correct the respondent (复议法 2023 第63–67条). */
export const CORRECTING_DECISIONS = ['撤销', '变更', '确认违法', '确认无效', '责令履行'] as const;

const count = (m: Omit<CountMetric, 'kind' | 'family'>): CountMetric => ({
  kind: 'count',
  family: 'reconsideration',
  ...m,
});

export const reconsiderationCounts: CountMetric[] = [
  count({
    id: 'rec_received',
    stream: 'accepted',
    when: 'TRUE',
    name: { zh: '复议受理', en: 'Reconsiderations accepted' },
    definition: {
      zh: '受理日期在统计期内的已受理复议案件数',
      en: 'Accepted applications with an acceptance date in the period',
    },
    better: null,
    headline: true,
  }),
  count({
    id: 'rec_concluded',
    stream: 'closed',
    when: 'TRUE',
    name: { zh: '复议审结', en: 'Reconsiderations concluded' },
    definition: {
      zh: '已受理且结案日期在统计期内的复议案件数',
      en: 'Accepted applications with a closing date in the period',
    },
    better: null,
    headline: true,
  }),
  count({
    id: 'rec_corrected',
    stream: 'closed',
    when: `c.decision IN (${CORRECTING_DECISIONS.map((d) => `'${d}'`).join(', ')})`,
    name: { zh: '复议纠错', en: 'Corrected on reconsideration' },
    definition: {
      zh: '审结复议案件中决定撤销、变更、确认违法、确认无效或责令履行的案件数',
      en: 'Concluded cases decided by revoking, varying, declaring unlawful or void, or ordering performance',
    },
    better: 'lower',
    headline: true,
  }),
  count({
    id: 'rec_upheld',
    stream: 'closed',
    when: `c.decision = '维持'`,
    name: { zh: '复议维持', en: 'Upheld on reconsideration' },
    definition: { zh: '审结复议案件中决定维持的案件数', en: 'Concluded cases upheld' },
    better: null,
    headline: false,
  }),
  count({
    id: 'rec_settled',
    stream: 'closed',
    when: `c.decision IN ('调解', '和解', '终止')`,
    name: { zh: '复议调撤', en: 'Settled on reconsideration' },
    definition: {
      zh: '审结复议案件中以调解、和解或终止结案的案件数',
      en: 'Concluded cases closed by mediation, settlement or termination',
    },
    better: 'higher',
    headline: false,
  }),
  count({
    id: 'rec_litigated_after',
    stream: 'closed',
    when: 'c.litigated_after IS TRUE',
    name: { zh: '复议后起诉', en: 'Sued after reconsideration' },
    definition: {
      zh: '审结复议案件中申请人其后提起行政诉讼的案件数',
      en: 'Concluded cases whose applicant later sued',
    },
    better: 'lower',
    headline: false,
  }),
];

/**
 * A reconsideration rate: its numerator count over 复议审结. The texts are built from the two counts' own names,
 * so the formula printed on slides and tooltips is always the real one (never 「分子 ÷ …」).
 */
const rate = (id: string, zh: string, en: string, numerator: string, better: 'lower' | 'higher' | null) => {
  const byId = (countId: string) => reconsiderationCounts.find((c) => c.id === countId)!;
  const num = byId(numerator).name;
  const den = byId('rec_concluded').name;
  return {
    id,
    kind: 'rate',
    name: { zh, en },
    definition: {
      zh: `${num.zh}案件占${den.zh}案件的比例：${num.zh} ÷ ${den.zh}`,
      en: `${num.en} as a share of ${den.en.toLowerCase()}: ${num.en.toLowerCase()} ÷ ${den.en.toLowerCase()}`,
    },
    bases: [
      {
        id: 'default',
        label: { zh: `${num.zh} ÷ ${den.zh}`, en: `${num.en.toLowerCase()} ÷ ${den.en.toLowerCase()}` },
        numerator: [numerator],
        denominator: ['rec_concluded'],
      },
    ],
    better,
    headline: true,
  } satisfies RateMetric;
};

export const reconsiderationRates: RateMetric[] = [
  rate('rec_correction_rate', '复议纠错率', 'Correction rate', 'rec_corrected', 'lower'),
  rate('rec_upheld_rate', '复议维持率', 'Upheld rate', 'rec_upheld', null),
  rate('rec_settlement_rate', '复议调撤率', 'Settlement rate', 'rec_settled', 'higher'),
  rate('rec_litigated_after_rate', '复议后起诉率', 'Sued-after rate', 'rec_litigated_after', 'lower'),
];
