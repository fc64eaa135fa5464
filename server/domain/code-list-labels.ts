/**
 * English labels for every code-list value (./code-lists.ts), for charts, legends and the narrative in English
 * mode. The stored values stay Chinese (they are data); only what a reader sees is translated. Pure data, no
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

/** Every list's values in one map (a value in two lists, e.g. 撤销 or 其他, has one English label; a test checks). */
const ALL_EN: ReadonlyMap<string, string> = new Map(
  Object.values(CODE_LABELS_EN).flatMap((list) => Object.entries(list)),
);

/**
 * What a reader sees for a code-list value: the value itself in Chinese, its English label in English; a value
 * outside the lists (a unit name, a domain, 未填) is shown as it is.
 */
export function codeLabel(value: string, locale: 'zh' | 'en'): string {
  return locale === 'en' ? (ALL_EN.get(value) ?? value) : value;
}
