import type { CountMetric, FamilySpec, RateMetric } from './types.ts';

/**
 * First-instance administrative litigation (DESIGN.md §4). "Filed" counts use the filing date, everything about
 * outcomes the closing date. A case is charged to each unit listed as defendant (litigation_defendant); the
 * reconsideration organ named as co-defendant is not charged (国办公开办函〔2016〕201号).
 */
export const litigationFamily: FamilySpec = {
  family: 'litigation',
  prefix: 'lit',
  table: 'litigation_case',
  unitColumn: null,
  streams: { filed: 'filed_on', closed: 'closed_on' },
  streamLabels: {
    filed: { zh: '立案日期', en: 'filing date' },
    closed: { zh: '结案日期', en: 'closing date' },
  },
  base: null,
  hasInstance: true,
  attributes: ['cause', 'domain', 'closing', 'loss_reason'],
};

/**
 * A "loss" is a judgment against the agency: the SPC's 2023 list (撤销、变更、责令履行、责令赔偿、确认违法、
 * 确认无效) plus 部分撤销 and 给付. 驳回诉讼请求, rulings, withdrawals and mediation are not losses.
 */
export const LOSS_JUDGMENTS = [
  '撤销',
  '部分撤销',
  '变更',
  '确认违法',
  '确认无效',
  '责令履行',
  '责令赔偿',
  '给付',
] as const;

const list = (xs: readonly string[]) => xs.map((x) => `'${x}'`).join(', ');
const HEARD = 'c.hearing_held IS TRUE';
const APPEARED = `${HEARD} AND c.head_appeared IS TRUE`;

const count = (m: Omit<CountMetric, 'kind' | 'family'>): CountMetric => ({
  kind: 'count',
  family: 'litigation',
  ...m,
});

export const litigationCounts: CountMetric[] = [
  count({
    id: 'lit_filed',
    stream: 'filed',
    when: 'TRUE',
    name: { zh: '新收一审案件', en: 'First-instance cases filed' },
    definition: {
      zh: '立案日期在统计期内的一审行政诉讼案件数（发案量）',
      en: 'First-instance cases with a filing date in the period',
    },
    better: 'lower',
    headline: true,
  }),
  count({
    id: 'lit_concluded',
    stream: 'closed',
    when: 'TRUE',
    name: { zh: '审结', en: 'Concluded' },
    definition: {
      zh: '结案日期在统计期内的一审案件数',
      en: 'First-instance cases with a closing date in the period',
    },
    better: null,
    headline: true,
  }),
  count({
    id: 'lit_losses',
    stream: 'closed',
    when: `c.closing = '判决' AND c.judgment IN (${list(LOSS_JUDGMENTS)})`,
    name: { zh: '败诉', en: 'Losses' },
    definition: {
      zh: '审结案件中以判决结案且裁判结果为撤销、部分撤销、变更、确认违法、确认无效、责令履行、责令赔偿、给付的案件数',
      en: 'Concluded cases closed by a judgment against the agency (revoked, varied, declared unlawful or void, ordered to act, pay or compensate)',
    },
    better: 'lower',
    headline: true,
  }),
  count({
    id: 'lit_judged',
    stream: 'closed',
    when: `c.closing = '判决'`,
    name: { zh: '判决结案', en: 'Closed by judgment' },
    definition: { zh: '审结案件中以判决方式结案的案件数', en: 'Concluded cases closed by a judgment' },
    better: null,
    headline: true,
  }),
  count({
    id: 'lit_withdrawn_mediated',
    stream: 'closed',
    when: `c.closing IN ('准予撤诉', '按撤诉处理', '调解')`,
    name: { zh: '调撤', en: 'Withdrawn or mediated' },
    definition: {
      zh: '审结案件中以准予撤诉、按撤诉处理或调解结案的案件数',
      en: 'Concluded cases closed by withdrawal (granted or deemed) or mediation',
    },
    better: 'higher',
    headline: true,
  }),
  count({
    id: 'lit_conciliation_withdrawals',
    stream: 'closed',
    when: `c.closing IN ('准予撤诉', '按撤诉处理') AND c.withdrawal_reason IN ('被告改变', '和解')`,
    name: { zh: '协调撤诉', en: 'Withdrawals after conciliation' },
    definition: {
      zh: '撤诉结案且撤诉原因为被告改变行政行为或和解（协调）的案件数（法释〔2008〕2号）',
      en: 'Withdrawals after the agency changed its act or the parties settled',
    },
    better: 'higher',
    headline: true,
  }),
  count({
    id: 'lit_dismissed',
    stream: 'closed',
    when: `c.closing IN ('裁定不予立案', '裁定驳回起诉')`,
    name: { zh: '裁定驳回', en: 'Dismissed by ruling' },
    definition: {
      zh: '审结案件中以裁定不予立案或裁定驳回起诉结案的案件数',
      en: 'Concluded cases closed by a ruling not to accept or to dismiss the suit',
    },
    better: null,
    headline: false,
  }),
  count({
    id: 'lit_hearings',
    stream: 'closed',
    when: HEARD,
    name: { zh: '开庭', en: 'Heard in court' },
    definition: { zh: '审结案件中开庭审理的案件数', en: 'Concluded cases that had a hearing' },
    better: null,
    headline: true,
  }),
  count({
    id: 'lit_head_appearances',
    stream: 'closed',
    when: APPEARED,
    name: { zh: '负责人出庭', en: 'Head appeared' },
    definition: {
      zh: '开庭审理的审结案件中，行政机关负责人（正职、副职或分管副职）出庭应诉的案件数（法释〔2020〕3号）',
      en: 'Heard concluded cases where a head of the agency (principal, deputy or deputy in charge) appeared',
    },
    better: 'higher',
    headline: true,
  }),
  count({
    id: 'lit_head_spoke',
    stream: 'closed',
    when: `${APPEARED} AND c.head_spoke IS TRUE`,
    name: { zh: '出庭出声', en: 'Head spoke' },
    definition: {
      zh: '负责人出庭且就实质性化解争议发表意见的案件数',
      en: 'Cases where the appearing head spoke on resolving the dispute',
    },
    better: 'higher',
    headline: false,
  }),
  count({
    id: 'lit_principal_appearances',
    stream: 'closed',
    when: `${APPEARED} AND c.head_title = '正职'`,
    name: { zh: '正职出庭', en: 'Principal appeared' },
    definition: { zh: '出庭负责人为正职的案件数', en: 'Cases where the appearing head was the principal' },
    better: 'higher',
    headline: false,
  }),
  count({
    id: 'lit_head_absences',
    stream: 'closed',
    when: `${HEARD} AND c.head_appeared IS FALSE`,
    name: { zh: '负责人未出庭', en: 'Head absent' },
    definition: {
      zh: '开庭审理而负责人未出庭的案件数（可能引发司法建议）',
      en: 'Heard cases where no head appeared (may draw a judicial recommendation)',
    },
    better: 'lower',
    headline: false,
  }),
];

const A = { zh: '口径A 总体：败诉 ÷ 审结', en: 'Basis A (overall): losses ÷ concluded' };

export const litigationRates: RateMetric[] = [
  {
    id: 'lit_loss_rate',
    kind: 'rate',
    name: { zh: '败诉率', en: 'Loss rate' },
    definition: {
      zh: '败诉案件占审结案件的比例。口径A（总体，默认）：败诉 ÷ 审结；口径B（实体）：败诉 ÷ 判决结案',
      en: 'Share of concluded cases lost. Basis A (overall, default): losses ÷ concluded; basis B (on the merits): losses ÷ judgments',
    },
    bases: [
      { id: 'A', label: A, numerator: ['lit_losses'], denominator: ['lit_concluded'] },
      {
        id: 'B',
        label: { zh: '口径B 实体：败诉 ÷ 判决结案', en: 'Basis B (merits): losses ÷ closed by judgment' },
        numerator: ['lit_losses'],
        denominator: ['lit_judged'],
      },
    ],
    better: 'lower',
    headline: true,
  },
  {
    id: 'lit_mediation_withdrawal_rate',
    kind: 'rate',
    name: { zh: '调撤率', en: 'Withdrawal and mediation rate' },
    definition: { zh: '调撤 ÷ 审结', en: 'Withdrawn or mediated ÷ concluded' },
    bases: [
      {
        id: 'default',
        label: { zh: '调撤 ÷ 审结', en: 'withdrawn or mediated ÷ concluded' },
        numerator: ['lit_withdrawn_mediated'],
        denominator: ['lit_concluded'],
      },
    ],
    better: 'higher',
    headline: true,
  },
  {
    id: 'lit_dismissal_rate',
    kind: 'rate',
    name: { zh: '裁驳率', en: 'Dismissal rate' },
    definition: {
      zh: '裁定驳回 ÷ 审结；裁定驳回含裁定不予立案和裁定驳回起诉',
      en: 'Dismissed by ruling ÷ concluded; rulings not to accept and rulings dismissing the suit',
    },
    bases: [
      {
        id: 'default',
        label: { zh: '裁定驳回 ÷ 审结', en: 'dismissed by ruling ÷ concluded' },
        numerator: ['lit_dismissed'],
        denominator: ['lit_concluded'],
      },
    ],
    better: null,
    headline: true,
  },
  {
    id: 'lit_head_appearance_rate',
    kind: 'rate',
    name: { zh: '负责人出庭应诉率', en: 'Head appearance rate' },
    definition: {
      zh: '负责人出庭 ÷ 开庭审理案件（默认）；可选口径：÷ 审结',
      en: 'Head appeared ÷ heard cases (default); alternative basis: ÷ concluded',
    },
    bases: [
      {
        id: 'hearings',
        label: { zh: '负责人出庭 ÷ 开庭', en: 'head appeared ÷ heard in court' },
        numerator: ['lit_head_appearances'],
        denominator: ['lit_hearings'],
      },
      {
        id: 'concluded',
        label: { zh: '负责人出庭 ÷ 审结', en: 'head appeared ÷ concluded' },
        numerator: ['lit_head_appearances'],
        denominator: ['lit_concluded'],
      },
    ],
    better: 'higher',
    headline: true,
  },
  {
    id: 'lit_head_spoke_rate',
    kind: 'rate',
    name: { zh: '出庭出声率', en: 'Head spoke rate' },
    definition: {
      zh: '出庭出声 ÷ 负责人出庭；出庭出声指负责人出庭并就实质性化解发表意见（本地口径，尚无全国统一公式）',
      en: 'Head spoke ÷ head appeared (local definition; no national formula)',
    },
    bases: [
      {
        id: 'default',
        label: { zh: '出庭出声 ÷ 负责人出庭', en: 'head spoke ÷ head appeared' },
        numerator: ['lit_head_spoke'],
        denominator: ['lit_head_appearances'],
      },
    ],
    better: 'higher',
    headline: true,
  },
  {
    id: 'lit_principal_share',
    kind: 'rate',
    name: { zh: '正职出庭占比', en: 'Principal share of appearances' },
    definition: { zh: '正职出庭 ÷ 负责人出庭', en: 'Principal appeared ÷ head appeared' },
    bases: [
      {
        id: 'default',
        label: { zh: '正职出庭 ÷ 负责人出庭', en: 'principal appeared ÷ head appeared' },
        numerator: ['lit_principal_appearances'],
        denominator: ['lit_head_appearances'],
      },
    ],
    better: 'higher',
    headline: true,
  },
];
