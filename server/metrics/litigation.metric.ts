import type { MetricDefinition } from './types.ts';

/**
 * First-instance litigation metrics (DESIGN.md §4). A "loss" is a judgment against the agency; the list
 * follows the SPC's 2023 statistics (撤销、变更、责令履行、责令赔偿、确认违法、确认无效) plus 部分撤销 and 给付.
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
];

export const litigationMetrics: MetricDefinition[] = [
  {
    id: 'lit_filed',
    name: { zh: '新收一审案件', en: 'First-instance cases filed' },
    definition: {
      zh: '立案日期在统计期内的一审行政诉讼案件数',
      en: 'First-instance cases with a filing date in the period',
    },
    format: 'count',
  },
  {
    id: 'lit_concluded',
    name: { zh: '审结', en: 'Concluded' },
    definition: {
      zh: '结案日期在统计期内的一审案件数',
      en: 'First-instance cases with a closing date in the period',
    },
    format: 'count',
  },
  {
    id: 'lit_losses',
    name: { zh: '败诉', en: 'Losses' },
    definition: {
      zh: '审结案件中以判决结案且裁判结果为撤销、部分撤销、变更、确认违法、确认无效、责令履行、责令赔偿、给付的案件数',
      en: 'Concluded cases closed by judgment against the agency (revoked, varied, declared unlawful or void, ordered to act, pay or compensate)',
    },
    format: 'count',
  },
  {
    id: 'lit_loss_rate',
    name: { zh: '败诉率', en: 'Loss rate' },
    definition: { zh: '败诉 ÷ 审结（口径A 总体）', en: 'Losses ÷ concluded (basis A, overall)' },
    format: 'rate',
    numerator: 'lit_losses',
    denominator: 'lit_concluded',
  },
];
