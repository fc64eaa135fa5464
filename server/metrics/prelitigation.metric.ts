import type { CountMetric, FamilySpec, RateMetric } from './types.ts';

/** Pre-litigation resolution of administrative disputes (诉前化解, DESIGN.md §4). */
export const prelitigationFamily: FamilySpec = {
  family: 'prelitigation',
  prefix: 'pre',
  table: 'prelitigation_dispute',
  unitColumn: 'unit_id',
  streams: { registered: 'registered_on', result: 'result_on' },
  streamLabels: {
    registered: { zh: '登记日期', en: 'registration date' },
    result: { zh: '办结日期', en: 'conclusion date' },
  },
  base: null,
  hasInstance: false,
  attributes: ['source', 'domain', 'result'],
};

const count = (m: Omit<CountMetric, 'kind' | 'family'>): CountMetric => ({
  kind: 'count',
  family: 'prelitigation',
  ...m,
});

export const prelitigationCounts: CountMetric[] = [
  count({
    id: 'pre_registered',
    stream: 'registered',
    when: 'TRUE',
    name: { zh: '诉前登记', en: 'Disputes registered' },
    definition: { zh: '登记日期在统计期内的诉前化解争议数', en: 'Disputes registered in the period' },
    better: null,
    headline: true,
  }),
  count({
    id: 'pre_concluded',
    stream: 'result',
    when: `c.result <> '进行中'`,
    name: { zh: '诉前办结', en: 'Disputes concluded' },
    definition: {
      zh: '结果不为进行中且结果日期在统计期内的争议数',
      en: 'Disputes with a result (not in progress) dated in the period',
    },
    better: null,
    headline: true,
  }),
  count({
    id: 'pre_resolved',
    stream: 'result',
    when: `c.result = '化解成功'`,
    name: { zh: '诉前化解成功', en: 'Disputes resolved' },
    definition: { zh: '办结争议中化解成功的数量', en: 'Concluded disputes resolved successfully' },
    better: 'higher',
    headline: true,
  }),
];

export const prelitigationRates: RateMetric[] = [
  {
    id: 'pre_resolution_rate',
    kind: 'rate',
    name: { zh: '诉前化解率', en: 'Pre-litigation resolution rate' },
    definition: {
      zh: '诉前化解成功 ÷ 诉前办结（默认）；可选口径：诉前化解成功 ÷ 诉前登记',
      en: 'Disputes resolved ÷ disputes concluded (default); alternative basis: disputes resolved ÷ disputes registered',
    },
    bases: [
      {
        id: 'concluded',
        label: { zh: '诉前化解成功 ÷ 诉前办结', en: 'disputes resolved ÷ disputes concluded' },
        numerator: ['pre_resolved'],
        denominator: ['pre_concluded'],
      },
      {
        id: 'registered',
        label: { zh: '诉前化解成功 ÷ 诉前登记', en: 'disputes resolved ÷ disputes registered' },
        numerator: ['pre_resolved'],
        denominator: ['pre_registered'],
      },
    ],
    better: 'higher',
    headline: true,
  },
  {
    // No official formula exists (DOMAIN-NOTES §1c): the label says it is the local 口径.
    id: 'substantive_resolution_rate',
    kind: 'rate',
    name: { zh: '实质化解率', en: 'Substantive resolution rate' },
    definition: {
      zh: '（调撤 + 诉前化解成功）÷（审结 + 诉前办结）。本地口径，非全国统一公式',
      en: '(withdrawn or mediated + resolved before suit) ÷ (concluded + disputes concluded). Local definition',
    },
    bases: [
      {
        id: 'local',
        label: {
          zh: '本地口径：（调撤 + 诉前化解成功）÷（审结 + 诉前办结）',
          en: 'local: (withdrawn or mediated + disputes resolved) ÷ (concluded + disputes concluded)',
        },
        numerator: ['lit_withdrawn_mediated', 'pre_resolved'],
        denominator: ['lit_concluded', 'pre_concluded'],
      },
    ],
    better: 'higher',
    headline: true,
  },
];
