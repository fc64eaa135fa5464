/**
 * The joint-meeting report (会议材料): one period and scope → the slides of the meeting, laid out as it runs
 * (cover, summary with 同比 and the double-decline status plus the narrative, trend, closing methods, causes and
 * domains, 县直部门 vs 乡镇街道, the per-unit table, loss reasons, head appearances, reconsideration,
 * pre-litigation, warnings, definitions). Every figure comes from the metric service; this file only chooses and
 * lays them out. The model is plain JSON, so a frozen snapshot regenerates the same deck months later.
 */
import crypto from 'node:crypto';
import type { Knex } from '../../db/knex.ts';
import { pptxToPdf } from '../../exports/pdf.ts';
import { renderDeck, type DeckChart, type DeckMeta, type DeckSlide, type Tone } from '../../exports/pptx.ts';
import { reportXlsx } from '../../exports/report-xlsx.ts';
import { getMetric, METRICS } from '../../metrics/index.ts';
import { HEADLINE_METRICS } from '../../metrics/headline.ts';
import { rankRule } from '../../metrics/rank.ts';
import { DOUBLE_DECLINE, WARNINGS, type WarningCode } from '../../metrics/settings.ts';
import {
  computeMetrics,
  type MetricRow,
  type MetricsDeps,
  type MetricsQuery,
  type MetricsResult,
} from '../metrics/metrics.service.ts';
import { countChange, narrate, pct, rateChange } from '../metrics/narrative.service.ts';
import { findSnapshot, insertSnapshot, listSnapshots } from '../../repositories/report.repository.ts';

export const REPORT_SECTIONS = [
  'summary',
  'trend',
  'closing',
  'causes',
  'kinds',
  'units',
  'loss_reasons',
  'appearance',
  'reconsideration',
  'prelitigation',
  'warnings',
  'definitions',
] as const;
export type ReportSection = (typeof REPORT_SECTIONS)[number];

export const SECTION_TITLES: Record<ReportSection, string> = {
  summary: '总体情况',
  trend: '近五年收案与败诉率',
  closing: '结案方式',
  causes: '案由与管理领域',
  kinds: '县直部门与乡镇街道',
  units: '各单位情况',
  loss_reasons: '败诉原因',
  appearance: '负责人出庭应诉',
  reconsideration: '行政复议',
  prelitigation: '诉前化解',
  warnings: '预警与需关注单位',
  definitions: '指标定义与口径',
};

export interface ReportScope {
  kind?: string | undefined;
  group?: string | undefined;
  unitCode?: string | undefined;
}

export interface ReportRequest {
  from: string;
  to: string;
  scope?: ReportScope | undefined;
  /** Chosen 口径 per rate id (e.g. { lit_loss_rate: 'B' }). */
  basis?: Record<string, string> | undefined;
  /** Sections in the order to show them (default: all, in meeting order). */
  sections?: ReportSection[] | undefined;
  /** The narrative paragraph as edited by the presenter (default: generated). */
  narrative?: string | undefined;
  /** Restrict to these units (the access layer forces a unit user's own unit here). */
  unitIds?: number[] | undefined;
  title?: string | undefined;
  /** false: no ranks (a unit user whom the settings do not let see rankings). */
  ranked?: boolean | undefined;
}

/** A table of the report as data, for the workbook (one sheet each). */
export interface ReportTable {
  name: string;
  columns: string[];
  rows: (string | number | null)[][];
}

export interface ReportModel {
  request: ReportRequest;
  meta: DeckMeta;
  slides: DeckSlide[];
  tables: ReportTable[];
  narrative: string;
  dataAsOf: string | null;
}

const UNITS_PER_SLIDE = 14;
const COUNTY = '示例县';

/** Builds the report model: every query it needs, then the slides and tables. */
export async function buildReport(deps: MetricsDeps, req: ReportRequest): Promise<ReportModel> {
  const sections = req.sections?.length ? req.sections : [...REPORT_SECTIONS];
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
  const [total, trend, closing, causes, domains, kinds, units, lossReasons] = await Promise.all([
    q('total'),
    q('year', { preset: 'custom', year: undefined, from: `${toYear - 4}-01-01`, to: req.to, compare: [] }),
    q('closing'),
    q('cause'),
    q('domain'),
    q('kind'),
    q('unit', req.ranked === false ? { rank: 'none' } : {}),
    q('loss_reason'),
  ]);

  const subject = subjectOf(req, units);
  const narrative = req.narrative ?? narrate(total).text;
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
    narrative,
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
  return { request: req, meta, slides, tables, narrative, dataAsOf: total.data_as_of };
}

interface SectionContext {
  req: ReportRequest;
  meta: DeckMeta;
  total: MetricsResult;
  trend: MetricsResult;
  closing: MetricsResult;
  causes: MetricsResult;
  domains: MetricsResult;
  kinds: MetricsResult;
  units: MetricsResult;
  lossReasons: MetricsResult;
  narrative: string;
}

type SectionBuilder = (ctx: SectionContext) => { slides: DeckSlide[]; tables?: ReportTable[] };

const SECTION_BUILDERS: Record<ReportSection, SectionBuilder> = {
  summary: ({ total, narrative }) => {
    const t = total.total;
    const status = typeof t.double_decline === 'string' ? t.double_decline : null;
    const items = HEADLINE_METRICS.map((id) => kpi(t, id));
    return {
      slides: [
        {
          kind: 'kpis',
          title: SECTION_TITLES.summary,
          items,
          status: status ? { label: `双降情况：${status}`, tone: statusTone(status) } : undefined,
          paragraph: narrative,
          notes: [
            narrative,
            ...items.map((i) => `${i.label}：${i.value}${i.change ? `，${i.change}` : ''}`),
          ].join('\n'),
        },
      ],
      tables: [metricTable('总体情况', [t], HEADLINE_METRICS)],
    };
  },

  trend: ({ trend }) => {
    const rows = trend.rows.filter((r) => typeof r.key === 'string');
    const chart: DeckChart = {
      type: 'combo',
      categories: rows.map((r) => `${String(r.key)}年`),
      series: [
        { name: name('lit_filed'), values: rows.map((r) => numOr0(r.lit_filed)) },
        {
          name: name('lit_loss_rate'),
          values: rows.map((r) => numOrNull(r.lit_loss_rate)),
          as: 'line',
          format: 'percent',
        },
      ],
    };
    const notes = rows
      .map((r) => `${String(r.key)}年：新收${numOr0(r.lit_filed)}件，败诉率${rateText(r, 'lit_loss_rate')}`)
      .join('；');
    return {
      slides: [
        {
          kind: 'chart',
          title: SECTION_TITLES.trend,
          chart,
          caption: `${name('lit_loss_rate')} = ${def('lit_loss_rate')}`,
          notes,
        },
      ],
      tables: [
        metricTable('近五年趋势', rows, ['lit_filed', 'lit_concluded', 'lit_losses', 'lit_loss_rate']),
      ],
    };
  },

  closing: ({ closing }) => {
    const rows = closing.rows.filter((r) => numOr0(r.lit_concluded) > 0 && r.key !== '');
    const chart: DeckChart = {
      type: 'doughnut',
      categories: rows.map((r) => String(r.label)),
      series: [{ name: '结案方式', values: rows.map((r) => numOr0(r.lit_concluded)) }],
    };
    const all = numOr0(closing.total.lit_concluded);
    const notes =
      rows.map((r) => `${String(r.label)}${numOr0(r.lit_concluded)}件`).join('，') + `；共审结${all}件。`;
    return {
      slides: [
        {
          kind: 'chart',
          title: SECTION_TITLES.closing,
          chart,
          caption: `审结${all}件；调撤率${rateText(closing.total, 'lit_mediation_withdrawal_rate')}`,
          notes,
        },
      ],
      tables: [
        {
          name: '结案方式',
          columns: ['结案方式', '审结（件）'],
          rows: rows.map((r) => [String(r.label), numOr0(r.lit_concluded)]),
        },
      ],
    };
  },

  causes: ({ causes, domains }) => {
    const top = (res: MetricsResult) =>
      res.rows
        .filter((r) => numOr0(r.lit_filed) > 0)
        .sort((a, b) => numOr0(b.lit_filed) - numOr0(a.lit_filed))
        .slice(0, 8);
    const slide = (title: string, rows: MetricRow[]): DeckSlide => ({
      kind: 'chart',
      title,
      chart: {
        type: 'bar',
        horizontal: true,
        categories: rows.map((r) => String(r.label)),
        series: [{ name: name('lit_filed'), values: rows.map((r) => numOr0(r.lit_filed)) }],
      },
      notes: rows.map((r) => `${String(r.label)}${numOr0(r.lit_filed)}件`).join('，'),
    });
    const c = top(causes);
    const d = top(domains);
    return {
      slides: [slide('案由分布（新收一审，前八位）', c), slide('管理领域分布（新收一审，前八位）', d)],
      tables: [
        {
          name: '案由',
          columns: ['案由', '新收一审（件）'],
          rows: c.map((r) => [String(r.label), numOr0(r.lit_filed)]),
        },
        {
          name: '管理领域',
          columns: ['管理领域', '新收一审（件）'],
          rows: d.map((r) => [String(r.label), numOr0(r.lit_filed)]),
        },
      ],
    };
  },

  kinds: ({ kinds }) => {
    const rows = kinds.rows.filter((r) => numOr0(r.lit_filed) + numOr0(r.lit_concluded) > 0);
    const chart: DeckChart = {
      type: 'combo',
      categories: rows.map((r) => String(r.label)),
      series: [
        { name: name('lit_filed'), values: rows.map((r) => numOr0(r.lit_filed)) },
        { name: name('lit_losses'), values: rows.map((r) => numOr0(r.lit_losses)) },
        {
          name: name('lit_loss_rate'),
          values: rows.map((r) => numOrNull(r.lit_loss_rate)),
          as: 'line',
          format: 'percent',
        },
      ],
    };
    const notes = rows
      .map(
        (r) =>
          `${String(r.label)}：新收${numOr0(r.lit_filed)}件，败诉${numOr0(r.lit_losses)}件，败诉率${rateText(r, 'lit_loss_rate')}`,
      )
      .join('；');
    return {
      slides: [{ kind: 'chart', title: SECTION_TITLES.kinds, chart, notes }],
      tables: [
        metricTable('按单位类型', rows, [
          'lit_filed',
          'lit_concluded',
          'lit_losses',
          'lit_loss_rate',
          'lit_head_appearance_rate',
        ]),
      ],
    };
  },

  units: ({ units }) => {
    const rows = activeUnits(units.rows);
    const columns = [
      { label: '单位', align: 'left' as const, width: 2.6 },
      { label: '排名', width: 0.8 },
      { label: '新收', width: 0.9 },
      { label: '同比', width: 1.1 },
      { label: '审结', width: 0.9 },
      { label: '败诉', width: 0.9 },
      { label: '败诉率（n/N）', width: 1.6 },
      { label: '出庭率（n/N）', width: 1.6 },
      { label: '双降', width: 1.0 },
      { label: '预警', width: 2.0 },
    ];
    const body = rows.map((r) => {
      const w = warningsOf(r);
      return {
        cells: [
          String(r.unit_name),
          typeof r.rank_in_kind === 'number' ? String(r.rank_in_kind) : '—',
          String(numOr0(r.lit_filed)),
          yoyText(r, 'lit_filed'),
          String(numOr0(r.lit_concluded)),
          String(numOr0(r.lit_losses)),
          rateWithCounts(r, 'lit_loss_rate'),
          rateWithCounts(r, 'lit_head_appearance_rate'),
          String(r.double_decline ?? '—'),
          w.map((c) => WARNING_SHORT[c]).join('、') || '—',
        ],
        flagged: [
          false,
          false,
          false,
          w.includes('filed_up'),
          false,
          false,
          w.includes('loss_rate_high'),
          w.includes('head_appearance_low'),
          r.double_decline === '未降',
          w.length > 0,
        ],
      };
    });
    const pages = Math.max(1, Math.ceil(body.length / UNITS_PER_SLIDE));
    const slides: DeckSlide[] = Array.from({ length: pages }, (_, p) => {
      const slice = body.slice(p * UNITS_PER_SLIDE, (p + 1) * UNITS_PER_SLIDE);
      return {
        kind: 'table',
        title: pages > 1 ? `${SECTION_TITLES.units}（${p + 1}/${pages}）` : SECTION_TITLES.units,
        columns,
        rows: slice,
        caption: `红色为触发预警的指标；${rankCaption(units)}。`,
        notes: slice.map((r) => r.cells.slice(0, 8).join('，')).join('\n'),
      };
    });
    return {
      slides,
      tables: [
        {
          name: '各单位情况',
          columns: ['单位编码', ...columns.map((c) => c.label)],
          rows: rows.map((r, i) => [String(r.unit_code), ...(body[i]?.cells ?? [])]),
        },
      ],
    };
  },

  loss_reasons: ({ lossReasons }) => {
    const rows = lossReasons.rows
      .filter((r) => numOr0(r.lit_losses) > 0)
      .sort((a, b) => numOr0(b.lit_losses) - numOr0(a.lit_losses));
    return {
      slides: [
        {
          kind: 'chart',
          title: SECTION_TITLES.loss_reasons,
          chart: {
            type: 'bar',
            horizontal: true,
            categories: rows.map((r) => String(r.label)),
            series: [{ name: name('lit_losses'), values: rows.map((r) => numOr0(r.lit_losses)) }],
          },
          notes: rows.map((r) => `${String(r.label)}${numOr0(r.lit_losses)}件`).join('，'),
        },
      ],
      tables: [
        {
          name: '败诉原因',
          columns: ['败诉原因', '败诉（件）'],
          rows: rows.map((r) => [String(r.label), numOr0(r.lit_losses)]),
        },
      ],
    };
  },

  appearance: ({ total, units }) => {
    const rows = units.rows.filter((r) => numOr0(r.lit_hearings) > 0).sort(byKindThen('lit_hearings'));
    const t = total.total;
    const columns = ['单位', '开庭', '负责人出庭', '出庭应诉率', '出庭出声', '出庭出声率', '正职出庭'];
    const body = rows.map((r) => ({
      cells: [
        String(r.unit_name),
        String(numOr0(r.lit_hearings)),
        String(numOr0(r.lit_head_appearances)),
        rateWithCounts(r, 'lit_head_appearance_rate'),
        String(numOr0(r.lit_head_spoke)),
        rateWithCounts(r, 'lit_head_spoke_rate'),
        String(numOr0(r.lit_principal_appearances)),
      ],
      flagged: [false, false, false, warningsOf(r).includes('head_appearance_low'), false, false, false],
    }));
    const summary =
      `开庭${numOr0(t.lit_hearings)}件，负责人出庭${numOr0(t.lit_head_appearances)}件，` +
      `出庭应诉率${rateText(t, 'lit_head_appearance_rate')}；出庭出声率${rateText(t, 'lit_head_spoke_rate')}；` +
      `正职出庭占比${rateText(t, 'lit_principal_share')}。`;
    const pages = Math.max(1, Math.ceil(body.length / UNITS_PER_SLIDE));
    return {
      slides: Array.from({ length: pages }, (_, p) => ({
        kind: 'table' as const,
        title: pages > 1 ? `${SECTION_TITLES.appearance}（${p + 1}/${pages}）` : SECTION_TITLES.appearance,
        columns: columns.map((label, i) => ({
          label,
          align: i === 0 ? ('left' as const) : ('center' as const),
          width: i === 0 ? 3 : 1.3,
        })),
        rows: body.slice(p * UNITS_PER_SLIDE, (p + 1) * UNITS_PER_SLIDE),
        caption: summary,
        notes: summary,
      })),
      tables: [{ name: '负责人出庭', columns, rows: body.map((r) => r.cells) }],
    };
  },

  reconsideration: ({ total, units }) => {
    const ids = [
      'rec_received',
      'rec_concluded',
      'rec_corrected',
      'rec_correction_rate',
      'rec_upheld_rate',
      'rec_settlement_rate',
      'rec_litigated_after_rate',
    ];
    const items = ids.map((id) => kpi(total.total, id));
    const top = [...units.rows]
      .filter((r) => numOr0(r.rec_received) > 0)
      .sort((a, b) => numOr0(b.rec_received) - numOr0(a.rec_received))
      .slice(0, 10);
    return {
      slides: [
        {
          kind: 'kpis',
          title: SECTION_TITLES.reconsideration,
          items,
          notes: items.map((i) => `${i.label}：${i.value}`).join('；'),
        },
        {
          kind: 'chart',
          title: '复议受理案件较多的被申请人（前十位）',
          chart: {
            type: 'bar',
            horizontal: true,
            categories: top.map((r) => String(r.unit_name)),
            series: [{ name: name('rec_received'), values: top.map((r) => numOr0(r.rec_received)) }],
          },
          notes: top.map((r) => `${String(r.unit_name)}${numOr0(r.rec_received)}件`).join('，'),
        },
      ],
      tables: [metricTable('行政复议', [total.total], ids)],
    };
  },

  prelitigation: ({ total, units }) => {
    const ids = [
      'pre_registered',
      'pre_concluded',
      'pre_resolved',
      'pre_resolution_rate',
      'substantive_resolution_rate',
    ];
    const items = ids.map((id) => kpi(total.total, id));
    const top = [...units.rows]
      .filter((r) => numOr0(r.pre_registered) > 0)
      .sort((a, b) => numOr0(b.pre_registered) - numOr0(a.pre_registered))
      .slice(0, 10);
    return {
      slides: [
        {
          kind: 'kpis',
          title: SECTION_TITLES.prelitigation,
          items,
          notes: items.map((i) => `${i.label}：${i.value}`).join('；'),
        },
        {
          kind: 'chart',
          title: '诉前化解登记较多的单位（前十位）',
          chart: {
            type: 'bar',
            horizontal: true,
            categories: top.map((r) => String(r.unit_name)),
            series: [
              { name: name('pre_registered'), values: top.map((r) => numOr0(r.pre_registered)) },
              { name: name('pre_resolved'), values: top.map((r) => numOr0(r.pre_resolved)) },
            ],
          },
          notes: top
            .map(
              (r) =>
                `${String(r.unit_name)}登记${numOr0(r.pre_registered)}件，化解成功${numOr0(r.pre_resolved)}件`,
            )
            .join('；'),
        },
      ],
      tables: [metricTable('诉前化解', [total.total], ids)],
    };
  },

  warnings: ({ units }) => {
    const paragraphs: string[] = [];
    const rows: (string | number | null)[][] = [];
    for (const code of Object.keys(WARNINGS) as WarningCode[]) {
      const hit = units.rows.filter((r) => warningsOf(r).includes(code));
      if (!hit.length) continue;
      const names = hit.map((r) => `${String(r.unit_name)}${warningDetail(r, code)}`);
      paragraphs.push(`${WARNINGS[code].zh}（${hit.length}个）：${names.join('；')}。`);
      for (const r of hit)
        rows.push([WARNINGS[code].zh, String(r.unit_code), String(r.unit_name), warningDetail(r, code)]);
    }
    if (!paragraphs.length) paragraphs.push('本期无单位触发预警。');
    return {
      slides: [{ kind: 'text', title: SECTION_TITLES.warnings, paragraphs, notes: paragraphs.join('\n') }],
      tables: [{ name: '预警', columns: ['预警', '单位编码', '单位', '情况'], rows }],
    };
  },

  definitions: ({ total }) => {
    const shown = METRICS.filter((m) => m.headline);
    const rows = shown.map((m) => [m.id, m.name.zh, m.definition.zh, total.basis[m.id]?.label.zh ?? '']);
    const half = Math.ceil(rows.length / 2);
    const slide = (part: string[][], page: number): DeckSlide => ({
      kind: 'table',
      title: `${SECTION_TITLES.definitions}（${page}/2）`,
      columns: [
        { label: '指标', align: 'left', width: 1.4 },
        { label: '定义', align: 'left', width: 5 },
        { label: '本期口径', align: 'left', width: 2.2 },
      ],
      rows: part.map((r) => ({ cells: [r[1]!, r[2]!, r[3]!] })),
      notes: part.map((r) => `${r[1]}：${r[2]}`).join('\n'),
    });
    return {
      slides: [slide(rows.slice(0, half), 1), slide(rows.slice(half), 2)],
      tables: [{ name: '指标定义', columns: ['指标编号', '指标', '定义', '本期口径'], rows }],
    };
  },
};

const WARNING_SHORT: Record<WarningCode, string> = {
  loss_rate_high: '败诉率高',
  head_appearance_low: '出庭未达标',
  filed_up: '收案上升',
  head_absent: '负责人缺席',
};

function warningDetail(r: MetricRow, code: WarningCode): string {
  if (code === 'loss_rate_high') return `（败诉率${rateWithCounts(r, 'lit_loss_rate')}）`;
  if (code === 'head_appearance_low' || code === 'head_absent')
    return `（出庭应诉率${rateWithCounts(r, 'lit_head_appearance_rate')}）`;
  return `（新收${numOr0(r.lit_filed)}件，去年同期${numOr0(r.lit_filed_prev_year)}件）`;
}

function kpi(
  t: MetricRow,
  id: string,
): { label: string; value: string; change?: string; tone?: Tone; detail?: string } {
  const m = getMetric(id)!;
  if (m.kind === 'rate') {
    const v = numOrNull(t[id]);
    const delta = numOrNull(t[`${id}_yoy`]);
    return {
      label: m.name.zh,
      value: v === null ? '—' : pct(v),
      change: rateChange(t, id) ?? undefined,
      tone: toneOf(m.better, delta),
      detail: v === null ? undefined : `${numOr0(t[`${id}_numerator`])}/${numOr0(t[`${id}_denominator`])}`,
    };
  }
  return {
    label: m.name.zh,
    value: `${numOr0(t[id])}件`,
    change: countChange(t, id) ?? undefined,
    tone: toneOf(m.better, numOrNull(t[`${id}_yoy`])),
  };
}

function toneOf(better: 'lower' | 'higher' | null, delta: number | null): Tone {
  if (!better || delta === null || delta === 0) return 'neutral';
  return delta < 0 === (better === 'lower') ? 'good' : 'bad';
}

function statusTone(status: string): Tone {
  const colour = DOUBLE_DECLINE[status as keyof typeof DOUBLE_DECLINE]?.colour;
  return colour === 'green' ? 'good' : colour === 'red' ? 'bad' : 'neutral';
}

function metricTable(title: string, rows: MetricRow[], ids: readonly string[]): ReportTable {
  const columns = [
    '项目',
    ...ids.flatMap((id) =>
      getMetric(id)?.kind === 'rate' ? [name(id), `${name(id)}分子`, `${name(id)}分母`] : [name(id)],
    ),
  ];
  return {
    name: title,
    columns,
    rows: rows.map((r) => [
      String(r.label ?? r.unit_name ?? r.key ?? '合计'),
      ...ids.flatMap((id) =>
        getMetric(id)?.kind === 'rate'
          ? [numOrNull(r[id]), numOr0(r[`${id}_numerator`]), numOr0(r[`${id}_denominator`])]
          : [numOr0(r[id])],
      ),
    ]),
  };
}

/** Units with any litigation this period or last year's same period: the rest would be rows of zeros. */
function activeUnits(rows: MetricRow[]): MetricRow[] {
  return rows
    .filter((r) => numOr0(r.lit_filed) + numOr0(r.lit_concluded) + numOr0(r.lit_filed_prev_year) > 0)
    .sort(byKindThen('lit_filed'));
}

const KIND_ORDER = ['县政府', '县直部门', '垂管单位', '乡镇街道'];
function byKindThen(id: string) {
  return (a: MetricRow, b: MetricRow) =>
    KIND_ORDER.indexOf(String(a.unit_kind)) - KIND_ORDER.indexOf(String(b.unit_kind)) ||
    numOr0(b[id]) - numOr0(a[id]) ||
    String(a.unit_code).localeCompare(String(b.unit_code));
}

/** The rank rule of server/metrics/rank.ts, for the metric this table ranked by. */
function rankCaption(units: MetricsResult): string {
  const m = getMetric(units.rank_metric ?? '');
  return m ? rankRule(m.name, units.settings.min_denominator).zh : '本表未排名';
}

function warningsOf(r: MetricRow): WarningCode[] {
  return Array.isArray(r.warnings) ? (r.warnings as WarningCode[]) : [];
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

function name(id: string): string {
  return getMetric(id)?.name.zh ?? id;
}

function def(id: string): string {
  return getMetric(id)?.definition.zh ?? '';
}

function numOr0(v: unknown): number {
  return typeof v === 'number' ? v : 0;
}

function numOrNull(v: unknown): number | null {
  return typeof v === 'number' ? v : null;
}

function rateText(r: MetricRow, id: string): string {
  const v = numOrNull(r[id]);
  return v === null ? '—' : pct(v);
}

function rateWithCounts(r: MetricRow, id: string): string {
  const v = numOrNull(r[id]);
  return v === null ? '—' : `${pct(v)}（${numOr0(r[`${id}_numerator`])}/${numOr0(r[`${id}_denominator`])}）`;
}

function yoyText(r: MetricRow, id: string): string {
  const d = numOrNull(r[`${id}_yoy`]);
  return d === null ? '—' : d > 0 ? `+${d}` : String(d);
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

export type ReportFormat = 'pptx' | 'pdf' | 'xlsx';

export const REPORT_CONTENT_TYPES: Record<ReportFormat, string> = {
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** The file of a report in one format. */
export async function renderReport(model: ReportModel, format: ReportFormat): Promise<Buffer> {
  const deck = () => renderDeck(model.meta, model.slides);
  if (format === 'pptx') return deck();
  if (format === 'pdf') return pptxToPdf(await deck());
  return reportXlsx(model);
}

/** 示例县行政争议化解工作联席会议材料-2025-01-01至2025-12-31.pptx */
export function reportFileName(model: ReportModel, format: ReportFormat): string {
  return `${model.meta.title}-${model.request.from}至${model.request.to}.${format}`;
}

/** Freezes a built report: its id names it from now on (e.g. in the minutes of the meeting). */
export async function freezeReport(db: Knex, model: ReportModel, createdBy: string | null): Promise<string> {
  const id = `R${model.request.to.replace(/-/g, '')}-${crypto.randomBytes(4).toString('hex')}`;
  await insertSnapshot(db, {
    id,
    title: model.meta.title,
    period_from: model.request.from,
    period_to: model.request.to,
    request: model.request,
    model,
    data_as_of: model.dataAsOf,
    created_by: createdBy,
  });
  return id;
}

export async function loadSnapshot(db: Knex, id: string): Promise<ReportModel | undefined> {
  return (await findSnapshot<ReportModel>(db, id))?.model;
}

export { listSnapshots };
