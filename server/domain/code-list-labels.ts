/**
 * English labels for every code-list value (./code-lists.ts) and for the usual values of the free-text fields,
 * for charts, legends and the narrative in English mode. The stored values stay Chinese (they are data); only what a reader sees is translated. Pure data, no
 * imports beyond the code lists, so the web can import it as it imports server/services/auth/access.ts.
 */
import type {
  Cause,
  Closing,
  HeadTitle,
  Instance,
  Judgment,
  LossReason,
  PreResult,
  PreSource,
  RecDecision,
  RecIntake,
  UnitKind,
  WithdrawalReason,
} from './code-lists.ts';

/** One English label per code of each list; `satisfies` makes a missing or misspelt code a type error. */
export const CODE_LABELS_EN = {
  unitKinds: {
    县直部门: 'County departments',
    乡镇街道: 'Townships and streets',
    县政府: 'County government',
    垂管单位: 'Vertically managed units',
  } satisfies Record<UnitKind, string>,
  instances: {
    一审: 'First instance',
    二审: 'Second instance',
    再审: 'Retrial',
    其他: 'Other',
  } satisfies Record<Instance, string>,
  closings: {
    判决: 'Judgment',
    裁定不予立案: 'Ruling not to docket',
    裁定驳回起诉: 'Ruling dismissing the suit',
    准予撤诉: 'Withdrawal permitted',
    按撤诉处理: 'Deemed withdrawn',
    调解: 'Mediation',
    移送: 'Transferred',
    终结: 'Terminated',
    其他: 'Other',
  } satisfies Record<Closing, string>,
  judgments: {
    驳回诉讼请求: 'Claims rejected',
    撤销: 'Revoked',
    部分撤销: 'Partly revoked',
    变更: 'Varied',
    确认违法: 'Declared unlawful',
    确认无效: 'Declared void',
    责令履行: 'Ordered to perform',
    责令赔偿: 'Ordered to compensate',
    给付: 'Ordered to pay',
    其他: 'Other',
  } satisfies Record<Judgment, string>,
  withdrawalReasons: {
    原告自愿: "Plaintiff's own choice",
    被告改变: 'Defendant changed its act',
    和解: 'Settlement',
  } satisfies Record<WithdrawalReason, string>,
  lossReasons: {
    事实不清证据不足: 'Unclear facts, insufficient evidence',
    违反法定程序: 'Breach of statutory procedure',
    适用法律错误: 'Wrong application of law',
    超越滥用职权: 'Excess or abuse of authority',
    明显不当: 'Manifestly improper',
    不履行法定职责: 'Failure to perform statutory duties',
  } satisfies Record<LossReason, string>,
  headTitles: {
    正职: 'Principal head',
    副职: 'Deputy head',
    分管副职: 'Deputy in charge',
  } satisfies Record<HeadTitle, string>,
  recIntakes: {
    受理: 'Accepted',
    不予受理: 'Not accepted',
    告知: 'Referred elsewhere',
  } satisfies Record<RecIntake, string>,
  recDecisions: {
    维持: 'Upheld',
    驳回: 'Rejected',
    撤销: 'Revoked',
    变更: 'Varied',
    确认违法: 'Declared unlawful',
    确认无效: 'Declared void',
    责令履行: 'Ordered to perform',
    调解: 'Mediation',
    和解: 'Settlement',
    终止: 'Terminated',
    其他: 'Other',
  } satisfies Record<RecDecision, string>,
  preSources: {
    法院移送: 'Referred by the court',
    复议前: 'Before reconsideration',
    信访: 'Petition (xinfang)',
    '12345': '12345 hotline',
    其他: 'Other',
  } satisfies Record<PreSource, string>,
  preResults: {
    化解成功: 'Resolved',
    未化解: 'Not resolved',
    撤回: 'Withdrawn',
    进行中: 'In progress',
  } satisfies Record<PreResult, string>,
  causes: {
    行政处罚: 'Administrative penalty',
    行政强制措施: 'Compulsory measure',
    行政强制执行: 'Compulsory enforcement',
    行政许可: 'Licensing',
    行政征收或者征用: 'Expropriation or requisition',
    行政登记: 'Registration',
    行政确认: 'Confirmation',
    行政给付: 'Benefit payment',
    行政允诺: 'Administrative promise',
    行政征缴: 'Levy',
    行政奖励: 'Award',
    行政收费: 'Fees',
    政府信息公开: 'Government information disclosure',
    行政批复: 'Official reply',
    行政处理: 'Administrative handling',
    行政复议: 'Administrative reconsideration',
    行政裁决: 'Administrative adjudication',
    行政协议: 'Administrative agreement',
    行政补偿: 'Compensation (lawful acts)',
    行政赔偿: 'State compensation',
    不履行职责: 'Failure to perform duties',
    公益诉讼: 'Public-interest litigation',
    其他: 'Other',
  } satisfies Record<Cause, string>,
};

/**
 * English labels for the open vocabularies: fields the contract leaves free text (管理领域 / 争议领域, 申请事项) but
 * whose usual values (DESIGN.md §3, the demo county, the bureaus' reports) a chart shows in English too. A value
 * outside them is shown as it is.
 */
export const VALUE_LABELS_EN = {
  /** 管理领域 (litigation) and 争议领域 (pre-litigation). */
  domains: {
    征收拆迁: 'Expropriation and demolition',
    自然资源: 'Natural resources',
    住房城乡建设: 'Housing and construction',
    人社: 'Human resources and social security',
    公安: 'Public security',
    市场监管: 'Market regulation',
    城市管理: 'Urban management',
    农业农村: 'Agriculture and rural affairs',
    交通运输: 'Transport',
    卫生健康: 'Health',
    民政社保: 'Civil affairs and social insurance',
    税务: 'Taxation',
    生态环境: 'Ecology and environment',
    教育: 'Education',
    应急管理: 'Emergency management',
    乡镇管理: 'Township administration',
    乡镇: 'Townships',
    政府信息公开: 'Government information disclosure',
    其他: 'Other',
  } as Record<string, string>,
  /** 申请事项 of reconsideration applications. */
  matters: {
    行政处罚: 'Administrative penalty',
    行政强制: 'Compulsory measure',
    行政许可: 'Licensing',
    行政确认: 'Confirmation',
    行政登记: 'Registration',
    行政征收: 'Expropriation',
    政府信息公开: 'Government information disclosure',
    工伤认定: 'Work-injury determination',
    举报投诉处理: 'Handling of reports and complaints',
    不履行职责: 'Failure to perform duties',
    其他: 'Other',
  } as Record<string, string>,
};

/** A list of labelled values: a code list of the contract, or an open vocabulary. */
export type LabelList = keyof typeof CODE_LABELS_EN | keyof typeof VALUE_LABELS_EN;

const LABELS: Record<LabelList, Readonly<Record<string, string>>> = { ...CODE_LABELS_EN, ...VALUE_LABELS_EN };

/**
 * What a reader sees for a value of `list`: the value itself in Chinese, its English label in English; a value
 * outside the list (a unit name, an unusual domain, 未填) is shown as it is. Each list is looked up on its own:
 * one map of every list's values put 政府信息公开 (a cause) into English on the domains chart while the other
 * domains stayed Chinese (issue #21).
 */
export function codeLabel(list: LabelList, value: string, locale: 'zh' | 'en'): string {
  return locale === 'en' ? (LABELS[list][value] ?? value) : value;
}

/** The list a metric table's `by=` dimension (a record attribute, the unit kind or the instance) draws on. */
export const DIMENSION_LISTS: Readonly<Record<string, LabelList>> = {
  kind: 'unitKinds',
  instance: 'instances',
  cause: 'causes',
  domain: 'domains',
  closing: 'closings',
  loss_reason: 'lossReasons',
  matter: 'matters',
  decision: 'recDecisions',
  source: 'preSources',
  result: 'preResults',
};
