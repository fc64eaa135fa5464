/**
 * Code lists of the data contract (../shared/DESIGN.md §2, §3, §5). The importer validates against these and the
 * database enforces the same lists with check constraints (migrations keep their own frozen copy; a test
 * checks the two agree).
 */
export const UNIT_KINDS = ['县直部门', '乡镇街道', '县政府', '垂管单位'] as const;

export const INSTANCES = ['一审', '二审', '再审', '其他'] as const;

export const CLOSINGS = [
  '判决',
  '裁定不予立案',
  '裁定驳回起诉',
  '准予撤诉',
  '按撤诉处理',
  '调解',
  '移送',
  '终结',
  '其他',
] as const;

export const JUDGMENTS = [
  '驳回诉讼请求',
  '撤销',
  '部分撤销',
  '变更',
  '确认违法',
  '确认无效',
  '责令履行',
  '责令赔偿',
  '给付',
  '其他',
] as const;

export const WITHDRAWAL_REASONS = ['原告自愿', '被告改变', '和解'] as const;

export const LOSS_REASONS = [
  '事实不清证据不足',
  '违反法定程序',
  '适用法律错误',
  '超越滥用职权',
  '明显不当',
  '不履行法定职责',
] as const;

export const HEAD_TITLES = ['正职', '副职', '分管副职'] as const;

export const REC_INTAKES = ['受理', '不予受理', '告知'] as const;

export const REC_DECISIONS = [
  '维持',
  '驳回',
  '撤销',
  '变更',
  '确认违法',
  '确认无效',
  '责令履行',
  '调解',
  '和解',
  '终止',
  '其他',
] as const;

export const PRE_SOURCES = ['法院移送', '复议前', '信访', '12345', '其他'] as const;

export const PRE_RESULTS = ['化解成功', '未化解', '撤回', '进行中'] as const;

/** Level-2 causes of 法发〔2020〕44号 (DESIGN.md §5). */
export const CAUSES = [
  '行政处罚',
  '行政强制措施',
  '行政强制执行',
  '行政许可',
  '行政征收或者征用',
  '行政登记',
  '行政确认',
  '行政给付',
  '行政允诺',
  '行政征缴',
  '行政奖励',
  '行政收费',
  '政府信息公开',
  '行政批复',
  '行政处理',
  '行政复议',
  '行政裁决',
  '行政协议',
  '行政补偿',
  '行政赔偿',
  '不履行职责',
  '公益诉讼',
  '其他',
] as const;

export type UnitKind = (typeof UNIT_KINDS)[number];
export type Instance = (typeof INSTANCES)[number];
export type Closing = (typeof CLOSINGS)[number];
export type Judgment = (typeof JUDGMENTS)[number];
export type WithdrawalReason = (typeof WITHDRAWAL_REASONS)[number];
export type LossReason = (typeof LOSS_REASONS)[number];
export type HeadTitle = (typeof HEAD_TITLES)[number];
export type RecIntake = (typeof REC_INTAKES)[number];
export type RecDecision = (typeof REC_DECISIONS)[number];
export type PreSource = (typeof PRE_SOURCES)[number];
export type PreResult = (typeof PRE_RESULTS)[number];
export type Cause = (typeof CAUSES)[number];
