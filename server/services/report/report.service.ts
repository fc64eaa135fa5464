/**
 * The joint-meeting report (会议材料): one period and scope → the slides of the meeting, laid out as it runs
 * (cover, summary with 同比 and the double-decline status plus the narrative, trend, closing methods, causes and
 * domains, 县直部门 vs 乡镇街道, the per-unit table, loss reasons, head appearances, reconsideration,
 * pre-litigation, warnings, definitions). Every figure comes from the metric service; this file only chooses and
 * lays them out. The model is plain JSON, so a frozen snapshot regenerates the same deck months later.
 *
 * The report capability owns this folder: this file (the entry: buildReport, the deck's meta, and what the rest
 * exports), report-slides.ts and report-unit-slides.ts (one builder per section), report-cells.ts (figures as
 * slide text and cells), report-render.ts (pptx/pdf/xlsx files) and report-snapshot.ts (frozen reports). Its
 * shapes are server/contracts/report.ts.
 */
import {
  REPORT_SECTIONS,
  sectionApplies,
  type DeckMeta,
  type DeckSlide,
  type ReportModel,
  type ReportRequest,
  type ReportTable,
} from '../../contracts/report.ts';
import type { MetricsResult } from '../../contracts/metrics.ts';
import { getMetric } from '../../metrics/index.ts';
import { chargedCases } from '../cases/charged-cases.ts';
import { computeMetrics, type MetricsDeps, type MetricsQuery } from '../metrics/metrics.service.ts';
import { narrate } from '../metrics/narrative.service.ts';
import { SECTION_BUILDERS, type SectionContext } from './report-slides.ts';

export { REPORT_CONTENT_TYPES, renderReport, reportFileName } from './report-render.ts';
export { freezeReport, listSnapshots, loadSnapshot } from './report-snapshot.ts';

const COUNTY = '示例县';

/** Builds the report model: every query it needs, then the slides and tables. */
export async function buildReport(deps: MetricsDeps, req: ReportRequest): Promise<ReportModel> {
  // A one-unit deck has its own slides (its cases) and none that compare it with its peers (contracts/report.ts).
  const sections = (req.sections?.length ? req.sections : [...REPORT_SECTIONS]).filter((s) =>
    sectionApplies(s, req.scope),
  );
  const unitCode = req.scope?.unitCode;
  const filters: MetricsQuery = {
    ...periodOf(req.from, req.to),
    basis: req.basis,
    unitIds: req.unitIds,
    unitCodes: req.scope?.unitCode ? [req.scope.unitCode] : undefined,
    kinds: req.scope?.kind ? [req.scope.kind] : undefined,
    groups: req.scope?.group ? [req.scope.group] : undefined,
    compare: ['yoy'],
  };
  const q = (by: MetricsQuery['by'], extra: Partial<MetricsQuery> = {}) =>
    computeMetrics(deps, { ...filters, by, ...extra });
  const toYear = Number(req.to.slice(0, 4));
  const [total, trend, closing, causes, domains, kinds, units, lossReasons, buckets] = await Promise.all([
    q('total'),
    q('year', { preset: 'custom', year: undefined, from: `${toYear - 4}-01-01`, to: req.to, compare: [] }),
    q('closing'),
    q('cause'),
    q('domain'),
    q('kind'),
    q('unit', req.ranked === false ? { rank: 'none' } : {}),
    q('loss_reason'),
    q(bucketOf(req.from, req.to), { compare: [], rank: 'none' }),
  ]);
  // The route has already scoped a unit user to their own unit, so no actor is passed again here.
  const charged = unitCode ? await chargedCases(deps, null, unitCode, periodOf(req.from, req.to)) : null;

  const subject = subjectOf(req, units);
  const narrative = req.narrative ?? narrate(total, req.narrativeLang ?? 'zh').text;
  const basisLabel = [
    '一审',
    ...['lit_loss_rate', 'lit_head_appearance_rate', 'pre_resolution_rate']
      .map((id) => total.basis[id] && `${getMetric(id)!.name.zh}=${formulaOf(total.basis[id].label.zh)}`)
      .filter(Boolean),
  ].join('；');
  const meta: DeckMeta = {
    title: req.title ?? `${subject}行政争议化解工作联席会议材料`,
    subtitle: total.period.label.zh,
    periodLabel: periodLabel(req.from, req.to),
    basisLabel,
    source: '法院行政案件、行政复议案件、诉前化解记录',
    dataAsOf: total.data_as_of ? cstDateTime(total.data_as_of) : '—',
    organisation: `${COUNTY}府院联动联席会议办公室`,
  };

  const ctx: SectionContext = {
    req,
    meta,
    total,
    trend,
    closing,
    causes,
    domains,
    kinds,
    units,
    lossReasons,
    buckets,
    narrative,
    charged,
  };
  const slides: DeckSlide[] = [
    {
      kind: 'cover',
      section: 'cover',
      title: meta.title,
      lines: [`统计期间：${meta.periodLabel}`, meta.organisation ?? '', `数据截至：${meta.dataAsOf}`],
      notes: `${meta.title}。统计期间${meta.periodLabel}。`,
    },
  ];
  const tables: ReportTable[] = [];
  for (const section of sections) {
    const built = SECTION_BUILDERS[section](ctx);
    slides.push(...built.slides.map((slide) => ({ ...slide, section })));
    tables.push(...(built.tables ?? []));
  }
  const narrativeEn = narrate(total, 'en').text;
  return { request: req, meta, slides, tables, narrative, narrativeEn, dataAsOf: total.data_as_of };
}

function subjectOf(req: ReportRequest, units: MetricsResult): string {
  if (req.scope?.unitCode) {
    const row = units.rows.find((r) => r.unit_code === req.scope?.unitCode);
    return typeof row?.unit_name === 'string' ? row.unit_name : req.scope.unitCode;
  }
  if (req.scope?.group) return `${COUNTY}${req.scope.group}`;
  if (req.scope?.kind) return `${COUNTY}${req.scope.kind}`;
  return COUNTY;
}

/** '口径A 总体：败诉 ÷ 审结' → '败诉÷审结' (the footer has room for the formula only). */
function formulaOf(label: string): string {
  return (label.includes('：') ? label.slice(label.indexOf('：') + 1) : label).replace(/\s+/g, '');
}

/**
 * The time buckets of the period's own trend (the reconsideration and pre-litigation slides): months, unless that
 * makes more than 24 bars (a custom period of years), then quarters, then years.
 */
export function bucketOf(from: string, to: string): 'month' | 'quarter' | 'year' {
  const months =
    (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 +
    Number(to.slice(5, 7)) -
    Number(from.slice(5, 7)) +
    1;
  return months <= 24 ? 'month' : months <= 72 ? 'quarter' : 'year';
}

/** A whole calendar year is asked for as the 年度 preset, so labels and narrative read "2025年". */
function periodOf(from: string, to: string): Pick<MetricsQuery, 'preset' | 'year' | 'from' | 'to'> {
  const year = Number(from.slice(0, 4));
  if (from === `${year}-01-01` && to === `${year}-12-31`) return { preset: 'year', year };
  return { preset: 'custom', from, to };
}

/** 2025年1月1日—2025年12月31日 */
export function periodLabel(from: string, to: string): string {
  const f = (d: string) => `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;
  return `${f(from)}—${f(to)}`;
}

/** An ISO instant shown as a China Standard Time date and minute. */
function cstDateTime(iso: string): string {
  const d = new Date(new Date(iso).getTime() + 8 * 3600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
}
