/**
 * The notice (通报, DESIGN.md §8): the bureau's monthly or quarterly paper — one county notice (全县通报) and one
 * notice per unit (单位通报, 一单位一单). Plain JSON, frozen on issue in `notice.model`, so a notice reads the same a
 * year later whatever was imported since. server/services/notices/ builds it, server/exports/notice-docx.ts
 * draws it, the routes and the CLI hand it out. Types and zod only (see ./index.ts).
 */
import { z } from 'zod';
import type { CaseListRow } from './cases.ts';
import type { MetricRow } from './metrics.ts';

/** The notice's model version: a renderer reads every version it ever wrote. */
export const NOTICE_MODEL_VERSION = 1;

/** 8 digits of the period's last day and 8 hex digits: `N20250331-1a2b3c4d`. */
export const NOTICE_ID = /^N\d{8}-[0-9a-f]{8}$/;

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

/** A case the analyst picks for 典型案例, with the short text they wrote about it. */
export const typicalCaseSchema = z.object({
  caseNo: z.string().min(1).max(100),
  text: z.string().min(1).max(2000),
});
export type TypicalCaseInput = z.infer<typeof typicalCaseSchema>;

/**
 * What to issue: a period as the metric API's presets spell it (preset + year/quarter/month, or from/to), the
 * units to deliver to (default every unit), and the analyst's texts.
 */
export const noticeRequestSchema = z
  .object({
    preset: z.enum(['year', 'quarter', 'month', 'ytd', 'custom']).optional(),
    year: z.number().int().min(1990).max(2100).optional(),
    quarter: z.number().int().min(1).max(4).optional(),
    month: z.number().int().min(1).max(12).optional(),
    from: date.optional(),
    to: date.optional(),
    asOf: date.optional(),
    /** Unit codes to deliver to; absent or 'all': every unit. */
    units: z.union([z.literal('all'), z.array(z.string().min(1).max(32)).min(1)]).optional(),
    title: z.string().min(1).max(100).optional(),
    typicalCases: z.array(typicalCaseSchema).max(20).optional(),
    /** 下步工作: paragraphs separated by blank lines or line breaks. */
    nextSteps: z.string().max(5000).optional(),
  })
  .strict();
export type NoticeRequest = z.infer<typeof noticeRequestSchema>;

/** A KPI with its 同比, as the notice prints it (「败诉率 12.5%（3/24），同比下降2.1个百分点」). */
export interface NoticeKpi {
  id: string;
  label: string;
  value: string;
  /** n/N of a rate. */
  detail?: string | undefined;
  change?: string | undefined;
  tone?: 'good' | 'bad' | 'neutral' | undefined;
}

/** A table as the document draws it: header row (repeated on every page) and cells; `flagged` cells print red. */
export interface NoticeTable {
  columns: { label: string; align?: 'left' | 'center' | 'right' | undefined; wrap?: boolean | undefined }[];
  /** A row with `heading` is a full-width group row (e.g. 县直部门) and has no cells of its own. */
  rows: { cells: string[]; flagged?: boolean[] | undefined; heading?: string | undefined }[];
  /** One line under the table: what the order is, what red means. */
  caption?: string | undefined;
}

/** A case of a unit notice's lists (败诉, 负责人应出庭未出庭): the litigation case-list row, as charged. */
export type NoticeCaseRow = CaseListRow;

export interface CountyNotice {
  title: string;
  /** 主送: who the notice is addressed to. */
  recipients: string;
  /** The narrative of §4's figures (server/services/metrics/narrative.service.ts). */
  narrative: string;
  kpis: NoticeKpi[];
  /** 双降 status of the county. */
  status: string | null;
  /** 各单位情况: counts, rates with n/N, 同比, light, red where a warning fires. */
  unitTable: NoticeTable;
  /** 预警: one paragraph per warning, most serious first (server/metrics/warnings.ts). */
  warnings: string[];
  /** 需关注单位: the units carrying the most serious warnings, by name. */
  attention: string[];
  /** 典型案例: the analyst's picks, resolved to their unit. */
  typicalCases: { caseNo: string; unitName: string; text: string }[];
  /** 下步工作: paragraphs. */
  nextSteps: string[];
  /** 附件：指标定义与口径. */
  definitions: NoticeTable;
  /** The county's total row as computed (every metric, 同比): the figures the narrative states. */
  figures: MetricRow;
}

export interface UnitNotice {
  unit: { code: string; name: string; kind: string };
  title: string;
  kpis: NoticeKpi[];
  status: string | null;
  /** 「在县直部门中排名第3（按败诉率排名…）」, or null when unit users may not see rankings or it has no rank. */
  rank: string | null;
  /** One sentence per warning, most serious first; empty when none fired. */
  warnings: string[];
  /** The unit's 一审 cases closed in the period that count in lit_losses. */
  losses: NoticeCaseRow[];
  /** Its cases heard in the period where no head appeared (负责人应出庭未出庭). */
  absences: NoticeCaseRow[];
  /** 整改要求: paragraphs. */
  rectification: string[];
  /** The unit's row of GET /api/metrics as a unit user of that unit gets it (same period, 同比). */
  figures: MetricRow;
}

/** Everything one issued notice is: the frozen model. */
export interface NoticeModel {
  version: typeof NOTICE_MODEL_VERSION;
  id: string;
  /** 文号, e.g. 示例府院办〔2025〕3号. */
  docNumber: string;
  period: { from: string; to: string; preset: string; label: { zh: string; en: string } };
  /** The period as the notice's sentences name it: 2025年第四季度, 2025年11月, 2025年. */
  periodName: string;
  /** 2025年1月1日—2025年3月31日 */
  periodText: string;
  /** 一审；败诉率=败诉÷审结；… */
  basisText: string;
  /** When the figures' data last changed (ISO instant), or null for an empty database. */
  dataAsOf: string | null;
  /** 发文单位 */
  issuer: string;
  /** Who issued it (username, or 'cli'). */
  issuedBy: string;
  /** ISO instant of issue. */
  issuedAt: string;
  /** 成文日期 in words: 2025年4月5日 (CST). */
  dateText: string;
  county: CountyNotice;
  units: UnitNotice[];
}

/** A notice as listed, without its model. */
export interface NoticeSummary {
  id: string;
  docNumber: string;
  title: string;
  periodFrom: string;
  periodTo: string;
  dataAsOf: string | null;
  issuedBy: string;
  issuedAt: string;
  units: number;
  signed: number;
}

/** One unit's delivery of a notice (the bureau's status table; a unit user's inbox entry). */
export interface NoticeDelivery {
  noticeId: string;
  docNumber: string;
  title: string;
  unit: { code: string; name: string; kind: string };
  deliveredAt: string;
  /** How many times it was sent (1 + re-sends). */
  sends: number;
  readAt: string | null;
  readBy: string | null;
  signedAt: string | null;
  signedBy: string | null;
}

export type NoticeFormat = 'docx' | 'pdf';

/** GET|PUT /api/notices/settings. */
export interface NoticeSettings {
  /** The 文号's prefix: 示例府院办 gives 示例府院办〔2025〕3号. */
  docPrefix: string;
  /** 发文单位, printed under the body and in the 版头. */
  issuer: string;
  /** The monthly job (jobs/notice-monthly.job.ts) issues last month's notice to every unit: off by default. */
  autoIssue: boolean;
  /** When it runs: node-cron, China Standard Time; default 08:00 on the 5th. */
  autoSchedule: string;
}

/** GET /api/notices/:id/units/:code: one unit's copy, with the notice fields its document reads. */
export interface UnitNoticeCopy {
  notice: Pick<
    NoticeModel,
    | 'id'
    | 'docNumber'
    | 'period'
    | 'periodName'
    | 'periodText'
    | 'basisText'
    | 'dataAsOf'
    | 'issuer'
    | 'dateText'
  >;
  unit: UnitNotice;
  delivery: NoticeDelivery | null;
}
