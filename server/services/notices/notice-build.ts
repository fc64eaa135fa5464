/**
 * The notice's model (DESIGN.md §8) from the metric registry, built from the meeting report's own pieces (the
 * narrative, the KPI cells, the per-unit table, the warnings, the definitions) so the notice and the deck say the
 * same. Each unit notice is computed as a `unit` user of that unit reads: the metric query and the case lists go
 * through that actor's scope (server/services/auth/access.ts), never by filtering a county result, so a unit's
 * notice cannot hold another unit's rows.
 */
import type { MetricRow, MetricsResult } from '../../contracts/metrics.ts';
import {
  NOTICE_MODEL_VERSION,
  type CountyNotice,
  type NoticeKpi,
  type NoticeModel,
  type NoticeRequest,
  type UnitNotice,
} from '../../contracts/notice.ts';
import { cstToday } from '../../metrics/dates.ts';
import { HEADLINE_METRICS } from '../../metrics/headline.ts';
import { basisTextOf, getMetric, METRICS } from '../../metrics/index.ts';
import { resolvePeriod, type PeriodRequest } from '../../metrics/period.ts';
import { rankRule } from '../../metrics/rank.ts';
import { WARNINGS, type WarningCode } from '../../metrics/settings.ts';
import { bySeverity, warningCodes } from '../../metrics/warnings.ts';
import { findTypicalCases } from '../../repositories/notice.repository.ts';
import { scopeMetricsQuery, unitReader } from '../auth/access.ts';
import { chargedCases } from '../cases/charged-cases.ts';
import { computeMetrics, type MetricsDeps, type MetricsQuery } from '../metrics/metrics.service.ts';
import { narrate } from '../metrics/narrative.service.ts';
import { kpi, numOr0, rateWithCounts, warningDetail } from '../report/report-cells.ts';
import { periodLabel } from '../report/report.service.ts';
import { unitTable, warningTexts } from '../report/report-unit-slides.ts';

/** A request the caller can fix (unknown unit or case number, bad period): HTTP 400, CLI exit 2. */
export class NoticeRequestError extends Error {}

export interface NoticeIdentity {
  id: string;
  docNumber: string;
  issuer: string;
  issuedBy: string;
  issuedAt: Date;
}

/** The units a notice goes to, as the service resolved them. */
export interface NoticeUnit {
  id: number;
  code: string;
  name: string;
  kind: string;
}

/** The period fields of a request, as the metric API reads them. */
export function periodRequestOf(req: NoticeRequest): PeriodRequest {
  const { preset, year, quarter, month, from, to, asOf } = req;
  return { preset, year, quarter, month, from, to, asOf };
}

/**
 * Builds the whole model: the county notice and one notice per unit in `units`. `unitsSeeCounty` is the access
 * setting a unit user's reads follow (ranks in their notice only when it is on).
 */
export async function buildNoticeModel(
  deps: MetricsDeps,
  req: NoticeRequest,
  identity: NoticeIdentity,
  units: readonly NoticeUnit[],
  unitsSeeCounty: boolean,
): Promise<NoticeModel> {
  const period = periodRequestOf(req);
  let resolved;
  try {
    resolved = resolvePeriod(period, cstToday((deps.clock ?? (() => new Date()))()));
  } catch (err) {
    throw new NoticeRequestError((err as Error).message);
  }
  const county = await buildCounty(deps, req, period);
  const unitNotices: UnitNotice[] = [];
  // A few at a time: each is a handful of small queries, and a county has ~45 units (a pool holds 10 connections).
  for (let i = 0; i < units.length; i += 4) {
    const batch = units.slice(i, i + 4);
    unitNotices.push(
      ...(await Promise.all(batch.map((u) => buildUnit(deps, period, u, unitsSeeCounty, county.label)))),
    );
  }
  const basis = county.total.basis;
  return {
    version: NOTICE_MODEL_VERSION,
    id: identity.id,
    docNumber: identity.docNumber,
    period: {
      from: resolved.from,
      to: resolved.to,
      preset: resolved.preset,
      label: resolved.label,
    },
    periodName: periodName(resolved.label.zh),
    periodText: periodLabel(resolved.from, resolved.to),
    basisText: [
      '一审',
      ...['lit_loss_rate', 'lit_head_appearance_rate', 'pre_resolution_rate']
        .filter((id) => basis[id])
        .map((id) => {
          // 口径A 总体：败诉 ÷ 审结 → 败诉率按口径A 总体（败诉 ÷ 审结）
          const [head, formula] = basis[id]!.label.zh.split('：');
          return `${getMetric(id)!.name.zh}按${head}${formula ? `（${formula}）` : ''}`;
        }),
    ].join('；'),
    dataAsOf: county.total.data_as_of,
    issuer: identity.issuer,
    issuedBy: identity.issuedBy,
    issuedAt: identity.issuedAt.toISOString(),
    dateText: cstDateText(identity.issuedAt),
    county: county.notice,
    units: unitNotices,
  };
}

async function buildCounty(
  deps: MetricsDeps,
  req: NoticeRequest,
  period: PeriodRequest,
): Promise<{ notice: CountyNotice; total: MetricsResult; label: string }> {
  const q = (by: MetricsQuery['by']) => computeMetrics(deps, { ...period, by, compare: ['yoy'] });
  const [total, units] = await Promise.all([q('total'), q('unit')]);
  const t = total.total;
  const label = periodName(total.period.label.zh);
  const table = unitTable(units);
  const warned = warningTexts(units.rows);
  // 需关注单位: those with an outcome the court has judged or a hearing their head missed (the two most serious).
  const attention = warned.groups
    .filter((g) => g.code === 'loss_rate_high' || g.code === 'head_absent')
    .flatMap((g) => g.rows.map((r) => String(r.unit_name)))
    .filter((name, i, all) => all.indexOf(name) === i);
  const picks = req.typicalCases ?? [];
  const found = new Map(
    (
      await findTypicalCases(
        deps.db,
        picks.map((c) => c.caseNo),
      )
    ).map((c) => [c.case_no, c.units]),
  );
  const missing = picks.filter((c) => !found.has(c.caseNo)).map((c) => c.caseNo);
  if (missing.length)
    throw new NoticeRequestError(`典型案例：没有这些案号 / unknown case numbers: ${missing.join(', ')}`);
  const shown = METRICS.filter((m) => m.headline);
  const notice: CountyNotice = {
    title: req.title ?? `关于${label}全县行政争议化解工作情况的通报`,
    recipients: '各乡镇人民政府、街道办事处，县直各单位：',
    narrative: narrate(total, 'zh').text,
    kpis: HEADLINE_METRICS.map((id) => kpiOf(t, id)),
    status: typeof t.double_decline === 'string' ? t.double_decline : null,
    unitTable: groupedByKind(table),
    warnings: warned.paragraphs,
    attention,
    typicalCases: picks.map((c) => ({
      caseNo: c.caseNo,
      unitName: (found.get(c.caseNo) ?? []).join('、') || '—',
      text: c.text,
    })),
    nextSteps: paragraphs(req.nextSteps ?? ''),
    definitions: {
      columns: [
        { label: '指标', align: 'left' },
        { label: '定义', align: 'left', wrap: true },
        { label: '本期口径', align: 'left', wrap: true },
      ],
      rows: shown.map((m) => ({
        cells: [m.name.zh, m.definition.zh, basisTextOf(m, total.basis[m.id]?.id).zh],
      })),
    },
    figures: t,
  };
  return { notice, total, label };
}

async function buildUnit(
  deps: MetricsDeps,
  period: PeriodRequest,
  unit: NoticeUnit,
  unitsSeeCounty: boolean,
  periodText: string,
): Promise<UnitNotice> {
  const actor = unitReader(unit, unitsSeeCounty);
  // Exactly GET /api/metrics with this period for a unit user of this unit (metrics.routes.ts scopes the same way).
  const asked: MetricsQuery = { ...period };
  const query = scopeMetricsQuery(actor, asked);
  const [result, cases] = await Promise.all([
    computeMetrics(deps, query),
    chargedCases({ db: deps.db, clock: deps.clock }, actor, unit.code, period),
  ]);
  const row = result.rows.find((r) => r.unit_code === unit.code);
  if (!row || !cases) throw new Error(`notice: unit ${unit.code} vanished while the notice was built`);
  const codes = [...warningCodes(row)].sort(bySeverity);
  const rank =
    result.rank_metric && typeof row.rank_in_kind === 'number'
      ? `在${unit.kind}中排名第${row.rank_in_kind}位（${rankRule(getMetric(result.rank_metric)!.name, result.settings.min_denominator).zh}）。`
      : null;
  return {
    unit: { code: unit.code, name: unit.name, kind: unit.kind },
    title: `关于${periodText}${unit.name}行政争议化解工作情况的通报`,
    kpis: HEADLINE_METRICS.map((id) => kpiOf(row, id)),
    status: typeof row.double_decline === 'string' ? row.double_decline : null,
    rank,
    warnings: codes.map((c) => `${WARNINGS[c].zh}${warningDetail(row, c)}。`),
    losses: cases.losses,
    absences: cases.absences,
    rectification: rectification(row, codes, cases.losses.length, cases.absences.length),
    figures: row,
  };
}

/**
 * The deck's unit table for a portrait page: the 类型 column becomes a group row over each kind's units (the rank is
 * within the kind, so it reads under its heading), which leaves the unit names room on A4.
 */
function groupedByKind(table: ReturnType<typeof unitTable>): CountyNotice['unitTable'] {
  const kindAt = table.columns.findIndex((c) => c.label === '类型');
  const drop = <T>(xs: readonly T[]) => xs.filter((_, i) => i !== kindAt);
  const rows: CountyNotice['unitTable']['rows'] = [];
  let kind: string | null = null;
  table.rows.forEach((r, i) => {
    const k = String(r.unit_kind ?? '—');
    if (k !== kind) rows.push({ cells: [], heading: (kind = k) });
    const b = table.body[i]!;
    rows.push({ cells: drop(b.cells), flagged: drop(b.flagged) });
  });
  return {
    columns: drop(table.columns),
    rows,
    caption: `${table.subtitle}。${table.caption}`,
  };
}

function kpiOf(row: MetricRow, id: string): NoticeKpi {
  return { id, ...kpi(row, id) };
}

/**
 * 整改要求: one paragraph per warning, most serious first, each naming what the unit must do and the rule behind
 * it, then the deadline for the written report. A unit with no warning is asked to keep it so.
 */
function rectification(row: MetricRow, codes: WarningCode[], losses: number, absences: number): string[] {
  const out: string[] = [];
  for (const code of codes) {
    if (code === 'loss_rate_high') {
      out.push(
        `针对本期败诉率${rateWithCounts(row, 'lit_loss_rate')}超过预警线的问题，对所列${losses}件败诉案件逐案剖析败诉原因，` +
          '查找执法程序、证据、法律适用等方面的薄弱环节，明确整改责任人和整改时限，举一反三规范行政执法行为。',
      );
    } else if (code === 'head_absent') {
      out.push(
        `针对${absences}件开庭案件负责人应出庭未出庭的问题，严格落实《中华人民共和国行政诉讼法》第三条第三款和` +
          '《最高人民法院关于行政机关负责人出庭应诉若干问题的规定》，被诉行政机关负责人应当出庭应诉，' +
          '确因正当理由不能出庭的，应当委托相应工作人员出庭并向法院书面说明理由。',
      );
    } else if (code === 'head_appearance_low' && !codes.includes('head_absent')) {
      out.push(
        `本期负责人出庭应诉率${rateWithCounts(row, 'lit_head_appearance_rate')}未达标，请建立出庭应诉台账，做到应出尽出、出庭出声。`,
      );
    } else if (code === 'filed_up') {
      out.push(
        `本期新收一审行政诉讼案件${numOr0(row.lit_filed)}件，同比上升，请排查引发诉讼的矛盾纠纷源头，` +
          '加强行政复议和诉前化解工作，把行政争议化解在诉前。',
      );
    }
  }
  if (!out.length) out.push('本期未触发预警，请继续保持，巩固依法行政和行政争议化解工作成效。');
  out.push('请于收到本通报之日起15个工作日内，将整改落实情况书面报送县府院联动联席会议办公室。');
  return out;
}

/** The whole month, quarter or year before the one `today` (a CST date) falls in: `notice issue --previous`, the job. */
export function previousPeriod(
  preset: 'month' | 'quarter' | 'year',
  today: string,
): Pick<NoticeRequest, 'preset' | 'year' | 'quarter' | 'month'> {
  const [y, m] = [Number(today.slice(0, 4)), Number(today.slice(5, 7))];
  if (preset === 'month')
    return { preset, ...(m === 1 ? { year: y - 1, month: 12 } : { year: y, month: m - 1 }) };
  if (preset === 'quarter') {
    const q = Math.ceil(m / 3);
    return { preset, ...(q === 1 ? { year: y - 1, quarter: 4 } : { year: y, quarter: q - 1 }) };
  }
  return { preset, year: y - 1 };
}

/** The metric label in the words of a notice: 2025年第4季度 → 2025年第四季度. */
function periodName(label: string): string {
  return label.replace(/第([1-4])季度/, (_, q: string) => `第${'一二三四'[Number(q) - 1]}季度`);
}

/** Free text → paragraphs (one per line, blank lines dropped). */
function paragraphs(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** An instant as the CST calendar date in words: 2026年1月5日. */
export function cstDateText(at: Date): string {
  const [y, m, d] = cstToday(at).split('-').map(Number);
  return `${y}年${m}月${d}日`;
}
