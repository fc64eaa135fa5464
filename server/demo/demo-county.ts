/**
 * The demo county 示例县 — a fictional county, not a real place — generated deterministically from a seed and a
 * date: 28 departments (26 县直部门 + 2 垂管单位), 15 townships and the county government, with five years of
 * records of all three kinds up to that date. The patterns are those the bureau would recognise from real data
 * (DOMAIN-NOTES.md §4): first-instance filings and the loss rate fall year over year, reconsideration surges in
 * the fourth year (as after the 2024 law), a few batches of similar cases (系列案), two townships with high loss
 * rates, some units whose heads do not always appear in court, co-defendants and the reconsideration organ as
 * co-defendant.
 *
 * The window is the calendar years asOf−4 … asOf's year, the last one up to asOf itself (see demoWindow). Calendar
 * years rather than the 60 months before asOf, because every figure the bureau reads is by calendar year (年度,
 * 年初至今 against the same days last year, the five-year trend): the last year is then year to date, as real data
 * always is, and the trend's bars stay whole years. The first year starts with cases still pending from the autumn
 * before (旧存), so it concludes a full year.
 *
 * How: the county is drawn once in a fixed base calendar (2021–2025, as seen on BASE_END); generateDemoCounty cuts
 * that county at asOf's day of the year (nothing filed later, nothing closed later: such cases are still open)
 * and moves every date and case number by whole years. So the draws never depend on asOf: asOf 2025-12-31 gives
 * the base county itself, a later year the same county moved on, and a day more reveals only that day's records.
 *
 * Pure: no database, no clock (asOf is passed in).
 */
import type {
  Cause,
  Closing,
  HeadTitle,
  Judgment,
  LossReason,
  PreResult,
  PreSource,
  RecDecision,
  RecIntake,
  UnitKind,
  WithdrawalReason,
} from '../domain/code-lists.ts';
import { isDate, shiftYears } from '../metrics/dates.ts';

export const DEMO_SEED = 20211;
export const DEMO_COUNTY = '示例县';
/** The base calendar the county is drawn in; generateDemoCounty moves it to the asOf asked for. */
const BASE_END = '2025-12-31';
const BASE_YEARS = [2021, 2022, 2023, 2024, 2025] as const;
const BASE_LAST_YEAR = 2025;

/** The period the demo covers at asOf: 1 January four years before asOf's year to asOf, both inclusive. */
export interface DemoWindow {
  from: string;
  to: string;
  years: number[];
}

export function demoWindow(asOf: string): DemoWindow {
  if (!isDate(asOf)) throw new Error(`demo asOf must be a date YYYY-MM-DD, got ${asOf}`);
  const last = Number(asOf.slice(0, 4));
  const years = BASE_YEARS.map((y) => y - BASE_LAST_YEAR + last);
  return { from: `${years[0]}-01-01`, to: asOf, years };
}

export interface DemoUnit {
  code: string;
  name: string;
  kind: UnitKind;
  peer_group: string | null;
  aliases: string[];
}

export interface DemoLitigationCase {
  case_no: string;
  case_type: string;
  instance: '一审' | '二审' | '其他';
  court: string;
  filed_on: string;
  closed_on: string | null;
  defendants: string[]; // unit codes, in order
  defendants_raw: string;
  reconsideration_codefendant: string | null; // unit code
  reconsideration_codefendant_raw: string | null;
  cause_raw: string;
  cause: Cause;
  domain: string;
  closing: Closing | null;
  judgment: Judgment | null;
  withdrawal_reason: WithdrawalReason | null;
  loss_reason: LossReason | null;
  hearing_held: boolean | null;
  head_appeared: boolean | null;
  head_title: HeadTitle | null;
  head_spoke: boolean | null;
  via_reconsideration: boolean;
}

export interface DemoReconsiderationCase {
  case_no: string;
  applied_on: string;
  accepted_on: string | null;
  intake: RecIntake;
  respondent: string; // unit code
  respondent_raw: string;
  matter: string;
  closed_on: string | null;
  decision: RecDecision | null;
  litigated_after: boolean | null;
}

export interface DemoPrelitigationDispute {
  dispute_no: string;
  registered_on: string;
  unit: string; // unit code
  unit_raw: string;
  source: PreSource;
  domain: string;
  result: PreResult;
  result_on: string | null;
}

export interface DemoCounty {
  units: DemoUnit[];
  litigation: DemoLitigationCase[];
  reconsideration: DemoReconsiderationCase[];
  prelitigation: DemoPrelitigationDispute[];
}

// ---------------------------------------------------------------------------------------------------------------
// Units. `weight` is the unit's share of lawsuits; `profile` picks its causes and domain; `appearance` scales
// the chance that its head appears at a hearing; `lossFactor` scales its chance of losing a judged case.

interface UnitSpec {
  code: string;
  short: string; // the name without the county prefix
  kind: UnitKind;
  group: string;
  aliases: string[];
  weight: number;
  profile: keyof typeof PROFILES;
  appearance?: number;
  lossFactor?: number;
}

const P = DEMO_COUNTY;

const UNIT_SPECS: UnitSpec[] = [
  {
    code: 'G01',
    short: '人民政府',
    kind: '县政府',
    group: '县政府',
    aliases: [`${P}政府`, '县人民政府', '县政府'],
    weight: 5,
    profile: 'government',
  },
  {
    code: 'A01',
    short: '公安局',
    kind: '县直部门',
    group: '执法一组',
    aliases: ['县公安局', `${P}公安局交通管理大队`],
    weight: 9,
    profile: 'police',
  },
  {
    code: 'A02',
    short: '自然资源局',
    kind: '县直部门',
    group: '执法一组',
    aliases: ['县自然资源局', `${P}自然资源和规划局`, '县自规局'],
    weight: 10,
    profile: 'land',
    lossFactor: 1.3,
  },
  {
    code: 'A03',
    short: '住房和城乡建设局',
    kind: '县直部门',
    group: '执法一组',
    aliases: ['县住建局', `${P}住建局`],
    weight: 6,
    profile: 'housing',
  },
  {
    code: 'A04',
    short: '房屋征收与补偿办公室',
    kind: '县直部门',
    group: '执法一组',
    aliases: ['县征收办', `${P}房屋征收办`],
    weight: 6,
    profile: 'expropriation',
    lossFactor: 1.2,
  },
  {
    code: 'A05',
    short: '人力资源和社会保障局',
    kind: '县直部门',
    group: '执法二组',
    aliases: ['县人社局', `${P}人社局`],
    weight: 7,
    profile: 'labour',
  },
  {
    code: 'A06',
    short: '市场监督管理局',
    kind: '县直部门',
    group: '执法一组',
    aliases: ['县市场监管局', `${P}市场监管局`],
    weight: 6,
    profile: 'market',
  },
  {
    code: 'A07',
    short: '城市管理局',
    kind: '县直部门',
    group: '执法一组',
    aliases: ['县城管局', `${P}综合行政执法局`],
    weight: 5,
    profile: 'urban',
    appearance: 0.8,
  },
  {
    code: 'A08',
    short: '农业农村局',
    kind: '县直部门',
    group: '执法二组',
    aliases: ['县农业农村局'],
    weight: 3,
    profile: 'agriculture',
  },
  {
    code: 'A09',
    short: '交通运输局',
    kind: '县直部门',
    group: '执法二组',
    aliases: ['县交通局', `${P}交通运输局`],
    weight: 2.5,
    profile: 'transport',
  },
  {
    code: 'A10',
    short: '卫生健康委员会',
    kind: '县直部门',
    group: '执法二组',
    aliases: ['县卫健委', `${P}卫健委`],
    weight: 2,
    profile: 'health',
  },
  {
    code: 'A11',
    short: '教育局',
    kind: '县直部门',
    group: '综合组',
    aliases: ['县教育局'],
    weight: 1.5,
    profile: 'general',
  },
  {
    code: 'A12',
    short: '民政局',
    kind: '县直部门',
    group: '综合组',
    aliases: ['县民政局'],
    weight: 1.5,
    profile: 'welfare',
  },
  {
    code: 'A13',
    short: '财政局',
    kind: '县直部门',
    group: '综合组',
    aliases: ['县财政局'],
    weight: 1,
    profile: 'general',
  },
  {
    code: 'A14',
    short: '水利局',
    kind: '县直部门',
    group: '执法二组',
    aliases: ['县水利局'],
    weight: 1.5,
    profile: 'agriculture',
  },
  {
    code: 'A15',
    short: '应急管理局',
    kind: '县直部门',
    group: '执法二组',
    aliases: ['县应急局', `${P}应急管理局`],
    weight: 1.5,
    profile: 'market',
  },
  {
    code: 'A16',
    short: '文化广电和旅游局',
    kind: '县直部门',
    group: '综合组',
    aliases: ['县文广旅局', `${P}文化广电旅游局`],
    weight: 1,
    profile: 'market',
  },
  {
    code: 'A17',
    short: '林业局',
    kind: '县直部门',
    group: '执法二组',
    aliases: ['县林业局'],
    weight: 1.5,
    profile: 'land',
  },
  {
    code: 'A18',
    short: '医疗保障局',
    kind: '县直部门',
    group: '综合组',
    aliases: ['县医保局', `${P}医保局`],
    weight: 1,
    profile: 'welfare',
  },
  {
    code: 'A19',
    short: '退役军人事务局',
    kind: '县直部门',
    group: '综合组',
    aliases: ['县退役军人局'],
    weight: 0.6,
    profile: 'welfare',
  },
  {
    code: 'A20',
    short: '司法局',
    kind: '县直部门',
    group: '综合组',
    aliases: ['县司法局'],
    weight: 0.8,
    profile: 'general',
  },
  {
    code: 'A21',
    short: '发展和改革委员会',
    kind: '县直部门',
    group: '综合组',
    aliases: ['县发改委', `${P}发改委`],
    weight: 0.8,
    profile: 'general',
  },
  {
    code: 'A22',
    short: '工业和信息化局',
    kind: '县直部门',
    group: '综合组',
    aliases: ['县工信局'],
    weight: 0.5,
    profile: 'general',
  },
  {
    code: 'A23',
    short: '商务局',
    kind: '县直部门',
    group: '综合组',
    aliases: ['县商务局'],
    weight: 0.5,
    profile: 'market',
  },
  {
    code: 'A24',
    short: '审计局',
    kind: '县直部门',
    group: '综合组',
    aliases: ['县审计局'],
    weight: 0.3,
    profile: 'general',
  },
  {
    code: 'A25',
    short: '统计局',
    kind: '县直部门',
    group: '综合组',
    aliases: ['县统计局'],
    weight: 0.3,
    profile: 'general',
  },
  {
    code: 'A26',
    short: '不动产登记中心',
    kind: '县直部门',
    group: '执法一组',
    aliases: ['县不动产登记中心', `${P}不动产登记局`],
    weight: 2.5,
    profile: 'registry',
  },
  {
    code: 'V01',
    short: '税务局',
    kind: '垂管单位',
    group: '垂管组',
    aliases: ['国家税务总局示例县税务局', '县税务局'],
    weight: 1.5,
    profile: 'tax',
  },
  {
    code: 'V02',
    short: '生态环境分局',
    kind: '垂管单位',
    group: '垂管组',
    aliases: ['示例市生态环境局示例县分局', '县环保局'],
    weight: 2,
    profile: 'environment',
  },
  {
    code: 'T01',
    short: '城关镇',
    kind: '乡镇街道',
    group: '乡镇一组',
    aliases: ['城关镇政府', '城关镇人民政府'],
    weight: 4,
    profile: 'township',
  },
  {
    code: 'T02',
    short: '东关街道',
    kind: '乡镇街道',
    group: '乡镇一组',
    aliases: ['东关街道办', '东关街道办事处'],
    weight: 3,
    profile: 'township',
  },
  {
    code: 'T03',
    short: '西关街道',
    kind: '乡镇街道',
    group: '乡镇一组',
    aliases: ['西关街道办', '西关街道办事处'],
    weight: 2.5,
    profile: 'township',
  },
  {
    code: 'T04',
    short: '青山镇',
    kind: '乡镇街道',
    group: '乡镇一组',
    aliases: ['青山镇政府', '青山镇人民政府'],
    weight: 3,
    profile: 'township',
    lossFactor: 2.4,
  },
  {
    code: 'T05',
    short: '白河镇',
    kind: '乡镇街道',
    group: '乡镇一组',
    aliases: ['白河镇政府'],
    weight: 2,
    profile: 'township',
  },
  {
    code: 'T06',
    short: '柳林镇',
    kind: '乡镇街道',
    group: '乡镇二组',
    aliases: ['柳林镇政府', '柳林镇人民政府'],
    weight: 2.5,
    profile: 'township',
    lossFactor: 2.2,
    appearance: 0.85,
  },
  {
    code: 'T07',
    short: '石桥镇',
    kind: '乡镇街道',
    group: '乡镇二组',
    aliases: ['石桥镇政府'],
    weight: 1.5,
    profile: 'township',
  },
  {
    code: 'T08',
    short: '马庄乡',
    kind: '乡镇街道',
    group: '乡镇二组',
    aliases: ['马庄乡政府', '马庄乡人民政府'],
    weight: 1.5,
    profile: 'township',
    appearance: 0.7,
  },
  {
    code: 'T09',
    short: '高岗乡',
    kind: '乡镇街道',
    group: '乡镇二组',
    aliases: ['高岗乡政府'],
    weight: 1,
    profile: 'township',
    appearance: 0.8,
  },
  {
    code: 'T10',
    short: '李店镇',
    kind: '乡镇街道',
    group: '乡镇二组',
    aliases: ['李店镇政府'],
    weight: 1.2,
    profile: 'township',
  },
  {
    code: 'T11',
    short: '黄庄乡',
    kind: '乡镇街道',
    group: '乡镇三组',
    aliases: ['黄庄乡政府'],
    weight: 0.8,
    profile: 'township',
  },
  {
    code: 'T12',
    short: '双河镇',
    kind: '乡镇街道',
    group: '乡镇三组',
    aliases: ['双河镇政府'],
    weight: 1.2,
    profile: 'township',
  },
  {
    code: 'T13',
    short: '桃园镇',
    kind: '乡镇街道',
    group: '乡镇三组',
    aliases: ['桃园镇政府'],
    weight: 1,
    profile: 'township',
  },
  {
    code: 'T14',
    short: '云阳镇',
    kind: '乡镇街道',
    group: '乡镇三组',
    aliases: ['云阳镇政府'],
    weight: 1,
    profile: 'township',
  },
  {
    code: 'T15',
    short: '杨树乡',
    kind: '乡镇街道',
    group: '乡镇三组',
    aliases: ['杨树乡政府'],
    weight: 0.6,
    profile: 'township',
  },
];

/** The official name: 示例县公安局, 示例县城关镇人民政府, 示例县东关街道办事处, 示例县人民政府. */
function officialName(spec: UnitSpec): string {
  if (spec.kind === '乡镇街道')
    return `${P}${spec.short}${spec.short.endsWith('街道') ? '办事处' : '人民政府'}`;
  if (spec.kind === '垂管单位' && spec.code === 'V02') return '示例市生态环境局示例县分局';
  if (spec.kind === '垂管单位' && spec.code === 'V01') return '国家税务总局示例县税务局';
  return `${P}${spec.short}`;
}

// Causes (raw text as courts write it → level-2 cause) and the management domain, per kind of unit.
type CauseChoice = [raw: string, cause: Cause, weight: number];
const PROFILES = {
  government: {
    domain: '征收拆迁',
    causes: [
      ['房屋征收决定', '行政征收或者征用', 4],
      ['政府信息公开', '政府信息公开', 3],
      ['行政复议', '行政复议', 2],
      ['不履行法定职责', '不履行职责', 1],
    ],
  },
  police: {
    domain: '公安',
    causes: [
      ['治安管理处罚', '行政处罚', 6],
      ['行政拘留', '行政处罚', 2],
      ['扣押财物', '行政强制措施', 1.5],
      ['户籍登记', '行政登记', 0.5],
      ['政府信息公开', '政府信息公开', 1],
    ],
  },
  land: {
    domain: '自然资源',
    causes: [
      ['土地行政处罚', '行政处罚', 3],
      ['土地登记', '行政登记', 2],
      ['责令限期拆除', '行政强制执行', 2],
      ['不履行查处职责', '不履行职责', 2],
      ['政府信息公开', '政府信息公开', 1.5],
    ],
  },
  housing: {
    domain: '住房城乡建设',
    causes: [
      ['规划行政处罚', '行政处罚', 3],
      ['建设工程规划许可', '行政许可', 2],
      ['不履行监管职责', '不履行职责', 2],
      ['政府信息公开', '政府信息公开', 1],
    ],
  },
  expropriation: {
    domain: '征收拆迁',
    causes: [
      ['房屋征收补偿决定', '行政征收或者征用', 4],
      ['征收补偿协议', '行政协议', 3],
      ['行政补偿', '行政补偿', 2],
      ['政府信息公开', '政府信息公开', 1],
    ],
  },
  labour: {
    domain: '人社',
    causes: [
      ['工伤认定', '行政确认', 6],
      ['劳动保障监察', '不履行职责', 2],
      ['养老保险待遇', '行政给付', 2],
    ],
  },
  market: {
    domain: '市场监管',
    causes: [
      ['行政处罚', '行政处罚', 4],
      ['举报投诉处理', '不履行职责', 3],
      ['企业登记', '行政登记', 1.5],
      ['政府信息公开', '政府信息公开', 1],
    ],
  },
  urban: {
    domain: '城市管理',
    causes: [
      ['强制拆除违法建筑', '行政强制执行', 4],
      ['城管行政处罚', '行政处罚', 3],
      ['暂扣物品', '行政强制措施', 1],
    ],
  },
  agriculture: {
    domain: '农业农村',
    causes: [
      ['行政处罚', '行政处罚', 2],
      ['土地承包经营权', '行政确认', 2],
      ['不履行职责', '不履行职责', 1],
    ],
  },
  transport: {
    domain: '交通运输',
    causes: [
      ['交通运输行政处罚', '行政处罚', 4],
      ['道路运输许可', '行政许可', 1],
    ],
  },
  health: {
    domain: '卫生健康',
    causes: [
      ['医疗行政处罚', '行政处罚', 2],
      ['计划生育行政征收', '行政征缴', 1],
      ['政府信息公开', '政府信息公开', 1],
    ],
  },
  welfare: {
    domain: '民政社保',
    causes: [
      ['最低生活保障', '行政给付', 3],
      ['待遇核定', '行政确认', 1.5],
      ['政府信息公开', '政府信息公开', 1],
    ],
  },
  general: {
    domain: '其他',
    causes: [
      ['政府信息公开', '政府信息公开', 3],
      ['不履行职责', '不履行职责', 2],
      ['行政处理', '行政处理', 1],
    ],
  },
  registry: {
    domain: '自然资源',
    causes: [
      ['不动产登记', '行政登记', 5],
      ['政府信息公开', '政府信息公开', 1],
    ],
  },
  tax: {
    domain: '税务',
    causes: [
      ['税务行政处罚', '行政处罚', 2],
      ['税款征收', '行政征缴', 2],
      ['政府信息公开', '政府信息公开', 1],
    ],
  },
  environment: {
    domain: '生态环境',
    causes: [
      ['环境行政处罚', '行政处罚', 4],
      ['环境影响评价审批', '行政许可', 1],
      ['政府信息公开', '政府信息公开', 1],
    ],
  },
  township: {
    domain: '乡镇管理',
    causes: [
      ['强制拆除', '行政强制执行', 3],
      ['征收补偿', '行政补偿', 2],
      ['土地承包合同', '行政协议', 1.5],
      ['不履行法定职责', '不履行职责', 2],
      ['政府信息公开', '政府信息公开', 1],
    ],
  },
} satisfies Record<string, { domain: string; causes: CauseChoice[] }>;

// Year-level trends (base calendar years): first-instance filings and the main rates fall or rise as the county's campaign works.
/** Cases filed in the second half of 2020 and still pending on 2021-01-01 (旧存), so 2021 concludes a full year. */
const CARRY_OVER_2020 = 62;
const LIT_FILED = { 2021: 148, 2022: 133, 2023: 117, 2024: 101, 2025: 88 } as const;
const LOSS_GIVEN_JUDGMENT = { 2021: 0.34, 2022: 0.3, 2023: 0.26, 2024: 0.21, 2025: 0.18 } as const;
const HEAD_APPEARANCE = { 2021: 0.84, 2022: 0.89, 2023: 0.93, 2024: 0.96, 2025: 0.98 } as const;
const HEAD_SPOKE = { 2021: 0.55, 2022: 0.66, 2023: 0.76, 2024: 0.85, 2025: 0.9 } as const;
const PRINCIPAL = { 2021: 0.22, 2022: 0.25, 2023: 0.29, 2024: 0.32, 2025: 0.36 } as const;
const WITHDRAWN = { 2021: 0.15, 2022: 0.17, 2023: 0.19, 2024: 0.21, 2025: 0.23 } as const;
const REC_RECEIVED = { 2021: 118, 2022: 126, 2023: 141, 2024: 262, 2025: 289 } as const; // 2024: the new 复议法
const REC_CORRECTION = { 2021: 0.17, 2022: 0.16, 2023: 0.15, 2024: 0.13, 2025: 0.12 } as const;
const PRE_REGISTERED = { 2021: 36, 2022: 52, 2023: 71, 2024: 94, 2025: 112 } as const;
const PRE_SUCCESS = { 2021: 0.52, 2022: 0.57, 2023: 0.61, 2024: 0.65, 2025: 0.68 } as const;

type Year = (typeof BASE_YEARS)[number];

/** A batch of similar cases (系列案): same unit, cause and month; most of a bad batch is lost. */
interface SeriesSpec {
  year: Year;
  month: number;
  unit: string;
  count: number;
  causeRaw: string;
  cause: Cause;
  domain: string;
  lossShare: number;
  codefendant?: string;
}
const SERIES: SeriesSpec[] = [
  {
    year: 2021,
    month: 4,
    unit: 'A04',
    count: 12,
    causeRaw: '房屋征收补偿决定',
    cause: '行政征收或者征用',
    domain: '征收拆迁',
    lossShare: 0.25,
    codefendant: 'G01',
  },
  {
    year: 2022,
    month: 5,
    unit: 'T04',
    count: 16,
    causeRaw: '征收补偿',
    cause: '行政补偿',
    domain: '征收拆迁',
    lossShare: 0.7,
  },
  {
    year: 2023,
    month: 9,
    unit: 'A05',
    count: 9,
    causeRaw: '工伤认定',
    cause: '行政确认',
    domain: '人社',
    lossShare: 0.1,
  },
  {
    year: 2025,
    month: 3,
    unit: 'T06',
    count: 7,
    causeRaw: '强制拆除',
    cause: '行政强制执行',
    domain: '征收拆迁',
    lossShare: 0.6,
  },
];

const COURTS = [
  { name: `${P}人民法院`, code: '示0521', weight: 0.7 },
  { name: '示例市铁路运输法院', code: '示7101', weight: 0.3 }, // centralised jurisdiction (集中管辖)
];
const APPEAL_COURT = { name: '示例市中级人民法院', code: '示05' };

// ---------------------------------------------------------------------------------------------------------------

/**
 * The demo county as seen on `asOf` (a CST calendar date, 'YYYY-MM-DD'): the five calendar years of demoWindow,
 * no record dated after asOf. The same seed and asOf always give the same county.
 */
export function generateDemoCounty(asOf: string, seed = DEMO_SEED): DemoCounty {
  const { years } = demoWindow(asOf);
  const shift = years[years.length - 1]! - BASE_LAST_YEAR;
  // asOf's day in the base calendar (29 February → 28 February: 2025 is a common year).
  return moveCounty(cutCounty(generateBaseCounty(seed), shiftYears(asOf, -shift)), shift);
}

/** The county in the base calendar 2021–2025 as seen on BASE_END. */
function generateBaseCounty(seed: number): DemoCounty {
  const rng = new Random(seed);
  const units = UNIT_SPECS.map<DemoUnit>((s) => ({
    code: s.code,
    name: officialName(s),
    kind: s.kind,
    peer_group: s.group,
    aliases: s.aliases,
  }));
  const byCode = new Map(UNIT_SPECS.map((s) => [s.code, s]));
  const spec = (code: string): UnitSpec => {
    const s = byCode.get(code);
    if (!s) throw new Error(`demo unit ${code} missing`);
    return s;
  };
  const rawName = (code: string): string => {
    const s = spec(code);
    // Sources spell names every which way: official name most often, else one of the aliases.
    return rng.chance(0.55) ? officialName(s) : rng.pick(s.aliases);
  };

  const litigation: DemoLitigationCase[] = [];
  const seq = new Map<string, number>();
  const nextNo = (year: number, court: string, type: string) => {
    const key = `${year}${court}${type}`;
    const n = (seq.get(key) ?? 0) + 1;
    seq.set(key, n);
    return `(${year})${court}${type}${n}号`;
  };

  for (const year of [2020, ...BASE_YEARS] as const) {
    const trendYear: Year = year === 2020 ? 2021 : year; // carry-over cases close under 2021's patterns
    const series = SERIES.filter((s) => s.year === year);
    const seriesCount = series.reduce((n, s) => n + s.count, 0);
    const plan: { unit: string; series?: SeriesSpec }[] = [];
    for (const s of series) for (let i = 0; i < s.count; i++) plan.push({ unit: s.unit, series: s });
    const filings = year === 2020 ? CARRY_OVER_2020 : LIT_FILED[year];
    for (let i = 0; i < filings - seriesCount; i++) {
      plan.push({ unit: rng.weighted(UNIT_SPECS.map((u) => [u.code, u.weight] as const)) });
    }
    for (const item of plan) {
      const u = spec(item.unit);
      const court = rng.weighted(COURTS.map((c) => [c, c.weight] as const));
      const filed = item.series
        ? dateOf(year, item.series.month, 1 + rng.int(0, 27))
        : year === 2020
          ? dateOf(2020, 9, 1 + rng.int(0, 121))
          : dateOf(year, 1, 1 + rng.int(0, 364));
      const [causeRaw, cause] = item.series
        ? [item.series.causeRaw, item.series.cause]
        : rng.weighted(PROFILES[u.profile].causes.map((c) => [[c[0], c[1]] as const, c[2]] as const));
      const domain =
        item.series?.domain ?? (cause === '政府信息公开' ? '政府信息公开' : PROFILES[u.profile].domain);

      const defendants = [u.code];
      if (item.series?.codefendant) defendants.push(item.series.codefendant);
      else if (rng.chance(0.07)) {
        // Co-defendants: a township with the county government, or an agency with a township.
        const other =
          u.kind === '乡镇街道' ? 'G01' : rng.pick(UNIT_SPECS.filter((s) => s.kind === '乡镇街道')).code;
        if (other !== u.code) defendants.push(other);
      }
      const viaRec = rng.chance(0.22);
      const recCodefendant = viaRec && u.code !== 'G01' && rng.chance(0.45) ? 'G01' : null;

      const closedOn = addDays(filed, item.series ? 90 + rng.int(0, 120) : 25 + rng.int(0, 230));
      const pending = closedOn > BASE_END;
      const outcome = pending ? null : litigationOutcome(rng, trendYear, u, item.series);
      const appearanceChance = Math.min(1, HEAD_APPEARANCE[trendYear] * (u.appearance ?? 1));
      // Appearance is only asked of hearings; with no hearing the question does not arise (null).
      const headAppeared = outcome?.hearing ? rng.chance(appearanceChance) : null;

      litigation.push({
        case_no: nextNo(year, court.code, '行初'),
        case_type: '行初',
        instance: '一审',
        court: court.name,
        filed_on: filed,
        closed_on: pending ? null : closedOn,
        defendants,
        defendants_raw: defendants.map(rawName).join('、'),
        reconsideration_codefendant: recCodefendant,
        reconsideration_codefendant_raw: recCodefendant ? rawName(recCodefendant) : null,
        cause_raw: causeRaw,
        cause,
        domain,
        closing: outcome?.closing ?? null,
        judgment: outcome?.judgment ?? null,
        withdrawal_reason: outcome?.withdrawal ?? null,
        loss_reason: outcome?.lossReason ?? null,
        hearing_held: outcome ? outcome.hearing : null,
        head_appeared: headAppeared,
        head_title: headAppeared ? headTitle(rng, trendYear) : null,
        head_spoke: headAppeared ? rng.chance(HEAD_SPOKE[trendYear]) : headAppeared === false ? false : null,
        via_reconsideration: viaRec,
      });
    }
  }

  // Appeals (二审) of some judged or dismissed first-instance cases, and a few 非诉执行审查 (行审) records:
  // both are stored, and both are excluded from the default (first-instance) metrics.
  for (const first of [...litigation]) {
    if (!first.closed_on || !(first.closing === '判决' || first.closing === '裁定驳回起诉')) continue;
    if (!rng.chance(0.33)) continue;
    const filed = addDays(first.closed_on, 15 + rng.int(0, 30));
    const closed = addDays(filed, 60 + rng.int(0, 90));
    const done = closed <= BASE_END && filed <= BASE_END;
    if (filed > BASE_END) continue;
    const reversed = done && rng.chance(0.08);
    litigation.push({
      ...first,
      case_no: nextNo(Number(filed.slice(0, 4)), APPEAL_COURT.code, '行终'),
      case_type: '行终',
      instance: '二审',
      court: APPEAL_COURT.name,
      filed_on: filed,
      closed_on: done ? closed : null,
      closing: done ? '判决' : null,
      judgment: done ? (reversed ? '撤销' : '驳回诉讼请求') : null,
      withdrawal_reason: null,
      loss_reason: reversed ? '适用法律错误' : null,
      hearing_held: done ? rng.chance(0.5) : null,
      head_appeared: null,
      head_title: null,
      head_spoke: null,
    });
  }
  for (const year of BASE_YEARS) {
    for (let i = 0; i < 6 + rng.int(0, 6); i++) {
      const u = rng.pick(UNIT_SPECS.filter((s) => ['A02', 'A07', 'A06', 'V01'].includes(s.code)));
      const filed = dateOf(year, 1, 1 + rng.int(0, 330));
      const closed = addDays(filed, 20 + rng.int(0, 25));
      litigation.push({
        case_no: nextNo(year, COURTS[0]!.code, '行审'),
        case_type: '行审',
        instance: '其他',
        court: COURTS[0]!.name,
        filed_on: filed,
        closed_on: closed,
        defendants: [u.code],
        defendants_raw: rawName(u.code),
        reconsideration_codefendant: null,
        reconsideration_codefendant_raw: null,
        cause_raw: '非诉执行审查',
        cause: '行政强制执行',
        domain: PROFILES[u.profile].domain,
        closing: '其他',
        judgment: null,
        withdrawal_reason: null,
        loss_reason: null,
        hearing_held: false,
        head_appeared: null,
        head_title: null,
        head_spoke: null,
        via_reconsideration: false,
      });
    }
  }

  return {
    units,
    litigation,
    reconsideration: generateReconsideration(rng, rawName),
    prelitigation: generatePrelitigation(rng, rawName),
  };
}

interface Outcome {
  closing: Closing;
  judgment: Judgment | null;
  withdrawal: WithdrawalReason | null;
  lossReason: LossReason | null;
  hearing: boolean;
}

const LOSS_JUDGMENTS: [Judgment, number][] = [
  ['撤销', 0.36],
  ['部分撤销', 0.05],
  ['确认违法', 0.3],
  ['责令履行', 0.14],
  ['变更', 0.02],
  ['确认无效', 0.03],
  ['责令赔偿', 0.05],
  ['给付', 0.05],
];
const LOSS_REASON_WEIGHTS: [LossReason, number][] = [
  ['违反法定程序', 0.38],
  ['事实不清证据不足', 0.27],
  ['不履行法定职责', 0.15],
  ['适用法律错误', 0.1],
  ['超越滥用职权', 0.05],
  ['明显不当', 0.05],
];

function litigationOutcome(rng: Random, year: Year, u: UnitSpec, series?: SeriesSpec): Outcome {
  const withdrawn = WITHDRAWN[year];
  const closing = rng.weighted<Closing>([
    ['判决', series ? 0.85 : 0.53],
    ['裁定驳回起诉', 0.14],
    ['裁定不予立案', 0.05],
    ['准予撤诉', withdrawn],
    ['按撤诉处理', 0.035],
    ['调解', 0.03],
    ['移送', 0.01],
    ['终结', 0.01],
    ['其他', 0.005],
  ]);
  if (closing === '判决') {
    const lossChance = series
      ? series.lossShare
      : Math.min(0.9, LOSS_GIVEN_JUDGMENT[year] * (u.lossFactor ?? 1));
    const lost = rng.chance(lossChance);
    return {
      closing,
      judgment: lost ? rng.weighted(LOSS_JUDGMENTS) : rng.chance(0.97) ? '驳回诉讼请求' : '其他',
      withdrawal: null,
      lossReason: lost ? rng.weighted(LOSS_REASON_WEIGHTS) : null,
      hearing: rng.chance(0.96),
    };
  }
  const withdrawal: WithdrawalReason | null =
    closing === '准予撤诉'
      ? rng.weighted<WithdrawalReason>([
          ['原告自愿', 0.5],
          ['被告改变', 0.33],
          ['和解', 0.17],
        ])
      : closing === '按撤诉处理'
        ? '原告自愿'
        : null;
  const hearingChance = { 调解: 0.6, 准予撤诉: 0.3, 裁定驳回起诉: 0.2 }[closing as string] ?? 0.05;
  return {
    closing,
    judgment: null,
    withdrawal,
    lossReason: null,
    hearing: closing === '裁定不予立案' ? false : rng.chance(hearingChance),
  };
}

function headTitle(rng: Random, year: Year): HeadTitle {
  const principal = PRINCIPAL[year];
  return rng.weighted<HeadTitle>([
    ['正职', principal],
    ['副职', 0.3],
    ['分管副职', 0.7 - principal],
  ]);
}

const REC_MATTERS: Record<string, [string, number][]> = {
  police: [
    ['行政处罚', 6],
    ['行政强制', 1],
    ['政府信息公开', 1],
  ],
  market: [
    ['举报投诉处理', 3],
    ['行政处罚', 3],
    ['政府信息公开', 1],
  ],
  labour: [
    ['工伤认定', 5],
    ['不履行职责', 1],
  ],
  land: [
    ['行政处罚', 2],
    ['不履行职责', 2],
    ['政府信息公开', 2],
  ],
  township: [
    ['不履行职责', 2],
    ['政府信息公开', 2],
    ['行政强制', 2],
  ],
  default: [
    ['行政处罚', 2],
    ['政府信息公开', 2],
    ['不履行职责', 1],
  ],
};

function generateReconsideration(rng: Random, rawName: (code: string) => string): DemoReconsiderationCase[] {
  const out: DemoReconsiderationCase[] = [];
  // Reconsideration respondents lean further towards the big enforcement agencies than lawsuits do.
  const weights = UNIT_SPECS.filter((u) => u.code !== 'G01').map(
    (u) => [u, u.weight * (u.profile === 'police' ? 2.5 : u.profile === 'market' ? 1.6 : 1)] as const,
  );
  for (const year of BASE_YEARS) {
    for (let i = 1; i <= REC_RECEIVED[year]; i++) {
      const u = rng.weighted(weights);
      const applied = dateOf(year, 1, 1 + rng.int(0, 364));
      const intake = rng.weighted<RecIntake>([
        ['受理', 0.9],
        ['不予受理', 0.06],
        ['告知', 0.04],
      ]);
      const accepted = intake === '受理' ? addDays(applied, rng.int(0, 5)) : null;
      const closedOn = accepted ? addDays(accepted, 20 + rng.int(0, 60)) : null;
      const concluded = closedOn !== null && closedOn <= BASE_END;
      const correction = REC_CORRECTION[year];
      const decision = concluded
        ? rng.weighted<RecDecision>([
            ['维持', 0.44],
            ['驳回', 0.13],
            ['撤销', correction * 0.5],
            ['确认违法', correction * 0.3],
            ['变更', correction * 0.05],
            ['责令履行', correction * 0.12],
            ['确认无效', correction * 0.03],
            ['调解', 0.08],
            ['和解', 0.06],
            ['终止', 0.11],
            ['其他', 0.015],
          ])
        : null;
      out.push({
        case_no: `示县复〔${year}〕${i}号`,
        applied_on: applied,
        accepted_on: accepted && accepted <= BASE_END ? accepted : null,
        intake,
        respondent: u.code,
        respondent_raw: rawName(u.code),
        matter: rng.weighted(REC_MATTERS[u.profile] ?? REC_MATTERS.default!),
        closed_on: concluded ? closedOn : null,
        decision,
        litigated_after: concluded ? rng.chance(0.15 - (year - 2021) * 0.015) : null,
      });
    }
  }
  return out.filter((r) => r.applied_on <= BASE_END);
}

function generatePrelitigation(rng: Random, rawName: (code: string) => string): DemoPrelitigationDispute[] {
  const out: DemoPrelitigationDispute[] = [];
  for (const year of BASE_YEARS) {
    for (let i = 1; i <= PRE_REGISTERED[year]; i++) {
      const u = rng.weighted(UNIT_SPECS.map((s) => [s, s.weight] as const));
      const registered = dateOf(year, 1, 1 + rng.int(0, 364));
      const resultOn = addDays(registered, 7 + rng.int(0, 50));
      const done = resultOn <= BASE_END;
      const success = PRE_SUCCESS[year];
      out.push({
        dispute_no: `SQ${year}-${String(i).padStart(4, '0')}`,
        registered_on: registered,
        unit: u.code,
        unit_raw: rawName(u.code),
        source: rng.weighted<PreSource>([
          ['法院移送', 0.45],
          ['复议前', 0.2],
          ['信访', 0.15],
          ['12345', 0.15],
          ['其他', 0.05],
        ]),
        domain: PROFILES[u.profile].domain,
        result: done
          ? rng.weighted<PreResult>([
              ['化解成功', success],
              ['未化解', (1 - success) * 0.7],
              ['撤回', (1 - success) * 0.3],
            ])
          : '进行中',
        result_on: done ? resultOn : null,
      });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Cutting and moving the base county. A case closed after the cut-off is open on the cut-off day: every field
// that only the outcome fills goes back to what the generator writes for a pending case.

function cutCounty(county: DemoCounty, cutoff: string): DemoCounty {
  const after = (d: string | null): boolean => d !== null && d > cutoff;
  return {
    units: county.units,
    litigation: county.litigation
      .filter((c) => !after(c.filed_on))
      .map((c) =>
        after(c.closed_on)
          ? {
              ...c,
              closed_on: null,
              closing: null,
              judgment: null,
              withdrawal_reason: null,
              loss_reason: null,
              hearing_held: null,
              head_appeared: null,
              head_title: null,
              head_spoke: null,
            }
          : c,
      ),
    reconsideration: county.reconsideration
      .filter((r) => !after(r.applied_on))
      .map((r) => ({
        ...r,
        accepted_on: after(r.accepted_on) ? null : r.accepted_on,
        ...(after(r.closed_on) ? { closed_on: null, decision: null, litigated_after: null } : {}),
      })),
    prelitigation: county.prelitigation
      .filter((p) => !after(p.registered_on))
      .map((p) => (after(p.result_on) ? { ...p, result: '进行中' as const, result_on: null } : p)),
  };
}

/** Every date and case-number year `years` later (29 February → 28 February in a common year). */
function moveCounty(county: DemoCounty, years: number): DemoCounty {
  if (years === 0) return county;
  const date = <T extends string | null>(d: T): T => (d === null ? d : (shiftYears(d, years) as T));
  // Every demo case number holds its year as its first four digits: (2021)示0521行初1号, 示县复〔2021〕1号, SQ2021-0001.
  const no = (n: string): string => n.replace(/\d{4}/, (y) => String(Number(y) + years));
  return {
    units: county.units,
    litigation: county.litigation.map((c) => ({
      ...c,
      case_no: no(c.case_no),
      filed_on: date(c.filed_on),
      closed_on: date(c.closed_on),
    })),
    reconsideration: county.reconsideration.map((r) => ({
      ...r,
      case_no: no(r.case_no),
      applied_on: date(r.applied_on),
      accepted_on: date(r.accepted_on),
      closed_on: date(r.closed_on),
    })),
    prelitigation: county.prelitigation.map((p) => ({
      ...p,
      dispute_no: no(p.dispute_no),
      registered_on: date(p.registered_on),
      result_on: date(p.result_on),
    })),
  };
}

// ---------------------------------------------------------------------------------------------------------------

/** mulberry32: small, fast and good enough for demo data; the point is determinism across platforms. */
class Random {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }
  weighted<T>(choices: readonly (readonly [T, number])[]): T {
    const total = choices.reduce((s, [, w]) => s + w, 0);
    let r = this.next() * total;
    for (const [value, w] of choices) {
      r -= w;
      if (r < 0) return value;
    }
    const last = choices.at(-1);
    if (!last) throw new Error('weighted pick from an empty list');
    return last[0];
  }
}

/** Calendar arithmetic on 'YYYY-MM-DD' strings in UTC, so no local time zone can shift a day. */
function dateOf(year: number, month: number, dayOfMonthOrYear: number): string {
  return new Date(Date.UTC(year, month - 1, dayOfMonthOrYear)).toISOString().slice(0, 10);
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
