/**
 * The slides and workbook tables of each report section, in meeting order: one builder per section, each reading
 * the metric tables buildReport fetched once.
 */
import type {
  DeckChart,
  DeckMeta,
  DeckSlide,
  ReportRequest,
  ReportSection,
  ReportTable,
} from '../../contracts/report.ts';
import type { MetricRow, MetricsResult } from '../../contracts/metrics.ts';
import { basisTextOf, getMetric, METRICS } from '../../metrics/index.ts';
import { RANK_DIRECTION } from '../../metrics/rank.ts';
import { HEADLINE_METRICS } from '../../metrics/headline.ts';
import { kindComparison } from '../../metrics/kind-comparison.ts';
import {
  def,
  kpi,
  metricTable,
  name,
  numOr0,
  numOrNull,
  rateText,
  rateWithCounts,
  SECTION_TITLES,
  statusTone,
} from './report-cells.ts';
import type { ChargedCases } from '../cases/charged-cases.ts';
import { CASE_SECTION_BUILDERS } from './report-case-slides.ts';
import { tableSlides } from './report-table-pages.ts';
import { UNIT_SECTION_BUILDERS } from './report-unit-slides.ts';

export interface SectionContext {
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
  /** The period by month (by quarter or year for a long custom period): report.service.ts bucketOf. */
  buckets: MetricsResult;
  narrative: string;
  /** A one-unit deck's cases behind 败诉 and its missed hearings (null in a deck of several units). */
  charged: ChargedCases | null;
}

export type SectionBuilder = (ctx: SectionContext) => { slides: DeckSlide[]; tables?: ReportTable[] };

export const SECTION_BUILDERS: Record<ReportSection, SectionBuilder> = {
  summary: ({ req, total, units, narrative }) => {
    const t = total.total;
    const decline = typeof t.double_decline === 'string' ? t.double_decline : null;
    // A one-unit deck says where the unit stands among its kind, as the unit page does (server/metrics/rank.ts).
    const standing = req.scope?.unitCode ? unitStanding(units) : null;
    const status = [decline && `双降情况：${decline}`, standing].filter(Boolean).join('　　') || null;
    const items = HEADLINE_METRICS.map((id) => kpi(t, id));
    return {
      slides: [
        {
          kind: 'kpis',
          title: SECTION_TITLES.summary,
          items,
          status: status ? { label: status, tone: decline ? statusTone(decline) : 'neutral' } : undefined,
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
    // Years the litigation data cover only in part say so on the axis and in the caption (issue #21 item 3).
    const partial = new Map(
      trend.partial_years.filter((p) => p.family === 'litigation').map((p) => [String(p.year), p]),
    );
    const chart: DeckChart = {
      type: 'combo',
      categories: rows.map((r) => {
        const p = partial.get(String(r.key));
        return p ? `${String(r.key)}年（${p.short.zh}）` : `${String(r.key)}年`;
      }),
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
          caption: [
            partial.size
              ? `注：${[...partial.values()].map((p) => p.note.zh).join('；')}，不宜与整年直接比较。`
              : '',
            `${name('lit_loss_rate')} = ${def('lit_loss_rate')}`,
          ]
            .filter(Boolean)
            .join(' '),
          notes: partial.size
            ? `${notes}。${[...partial.values()].map((p) => p.note.zh).join('；')}。`
            : notes,
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
    // The comparison of server/metrics/kind-comparison.ts, as the overview draws it: counts on the left, the loss
    // rate on the right (a line between two groups would suggest a trend), the other kinds as the caption's note.
    const figures = ['lit_filed', 'lit_losses', 'lit_loss_rate'];
    const { compared, others } = kindComparison(kinds.rows, figures);
    const categories = compared.map((r) => String(r.label));
    const chart: DeckChart = {
      type: 'bar',
      title: '新收一审案件与败诉（件）',
      categories,
      series: [
        { name: name('lit_filed'), values: compared.map((r) => numOr0(r.lit_filed)) },
        { name: name('lit_losses'), values: compared.map((r) => numOr0(r.lit_losses)) },
      ],
    };
    const beside: DeckChart = {
      type: 'bar',
      title: name('lit_loss_rate'),
      categories,
      series: [
        {
          name: name('lit_loss_rate'),
          values: compared.map((r) => numOrNull(r.lit_loss_rate)),
          format: 'percent',
        },
      ],
    };
    const line = (r: MetricRow) =>
      `${String(r.label)}：新收${numOr0(r.lit_filed)}件、败诉${numOr0(r.lit_losses)}件、败诉率${rateWithCounts(r, 'lit_loss_rate')}`;
    const caption = [
      `${name('lit_loss_rate')}：${compared.map((r) => `${String(r.label)}${rateWithCounts(r, 'lit_loss_rate')}`).join('，')}。`,
      others.length ? `其他类型（未列入图中）：${others.map(line).join('；')}。` : '',
    ].join('');
    return {
      slides: [
        {
          kind: 'chart',
          title: SECTION_TITLES.kinds,
          chart,
          beside,
          caption,
          notes: [...compared, ...others].map(line).join('；'),
        },
      ],
      tables: [
        metricTable(
          '按单位类型',
          // In the metric table's order (kind-comparison.ts); a kind without cases is a row of zeros.
          kinds.rows.filter((r) => numOr0(r.lit_filed) + numOr0(r.lit_concluded) > 0),
          ['lit_filed', 'lit_concluded', 'lit_losses', 'lit_loss_rate', 'lit_head_appearance_rate'],
        ),
      ],
    };
  },

  units: UNIT_SECTION_BUILDERS.units,

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

  appearance: UNIT_SECTION_BUILDERS.appearance,

  unit_cases: CASE_SECTION_BUILDERS.unit_cases,

  reconsideration: ({ req, total, units, buckets }) => {
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
          chart: bucketChart(buckets, ['rec_received', 'rec_corrected'], '复议受理与纠错'),
          notes: [
            items.map((i) => `${i.label}：${i.value}`).join('；'),
            bucketNotes(buckets, ['rec_received', 'rec_corrected']),
          ].join('\n'),
        },
        // The units compared: a one-unit deck has no peers to list.
        ...onlyWithPeers(req, {
          kind: 'chart',
          title: '复议受理案件较多的被申请人（前十位）',
          chart: {
            type: 'bar',
            horizontal: true,
            categories: top.map((r) => String(r.unit_name)),
            series: [{ name: name('rec_received'), values: top.map((r) => numOr0(r.rec_received)) }],
          },
          notes: top.map((r) => `${String(r.unit_name)}${numOr0(r.rec_received)}件`).join('，'),
        }),
      ],
      tables: [metricTable('行政复议', [total.total], ids)],
    };
  },

  prelitigation: ({ req, total, units, buckets }) => {
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
          chart: bucketChart(buckets, ['pre_registered', 'pre_resolved'], '诉前登记与化解成功'),
          notes: [
            items.map((i) => `${i.label}：${i.value}`).join('；'),
            bucketNotes(buckets, ['pre_registered', 'pre_resolved']),
          ].join('\n'),
        },
        ...onlyWithPeers(req, {
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
        }),
      ],
      tables: [metricTable('诉前化解', [total.total], ids)],
    };
  },

  warnings: UNIT_SECTION_BUILDERS.warnings,

  definitions: ({ total }) => {
    const shown = METRICS.filter((m) => m.headline);
    const rows = shown.map((m) => [
      m.id,
      m.name.zh,
      m.definition.zh,
      basisTextOf(m, total.basis[m.id]?.id).zh,
    ]);
    return {
      slides: tableSlides({
        title: SECTION_TITLES.definitions,
        columns: [
          { label: '指标', align: 'left' },
          { label: '定义', align: 'left', wrap: true },
          { label: '本期口径', align: 'left', wrap: true },
        ],
        rows: rows.map((r) => ({ cells: [r[1]!, r[2]!, r[3]!] })),
        notes: (page) => page.map((r) => `${r.cells[0]}：${r.cells[1]}`).join('\n'),
      }),
      tables: [{ name: '指标定义', columns: ['指标编号', '指标', '定义', '本期口径'], rows }],
    };
  },
};

/**
 * A family's counts through the period (by month; by quarter or year for a long custom period), as bars under its
 * KPI tiles: the tiles give the year's rates, the bars when the cases came.
 */
function bucketChart(buckets: MetricsResult, ids: string[], what: string): DeckChart {
  const labels = bucketNames(buckets.rows);
  const unit = buckets.by === 'month' ? '各月' : buckets.by === 'quarter' ? '各季度' : '各年';
  return {
    type: 'bar',
    title: `${unit}${what}（件）`,
    categories: labels,
    series: ids.map((id) => ({ name: name(id), values: buckets.rows.map((r) => numOr0(r[id])) })),
  };
}

function bucketNotes(buckets: MetricsResult, ids: string[]): string {
  const labels = bucketNames(buckets.rows);
  return buckets.rows
    .map((r, i) => `${labels[i]}：${ids.map((id) => `${name(id)}${numOr0(r[id])}件`).join('，')}`)
    .join('；');
}

/**
 * '2025-03' → 3月, '2025-Q1' → 一季度, '2025' → 2025年. When the period spans years, the first bucket and each
 * January (first quarter) carry the year, as Chinese charts label a time axis: 2023年7月, 8月, … 2024年1月, 2月.
 */
function bucketNames(rows: MetricRow[]): string[] {
  const keys = rows.map((r) => String(r.key));
  const spansYears = new Set(keys.map((k) => k.slice(0, 4))).size > 1;
  const QUARTERS = ['一', '二', '三', '四'];
  return keys.map((k, i) => {
    const q = /^(\d{4})-Q(\d)$/.exec(k);
    const m = /^(\d{4})-(\d{2})$/.exec(k);
    const withYear = spansYears && (i === 0 || (q ? q[2] === '1' : m?.[2] === '01'));
    const year = withYear ? `${k.slice(0, 4)}年` : '';
    if (q) return `${year}${QUARTERS[Number(q[2]) - 1]}季度`;
    if (m) return `${year}${Number(m[2])}月`;
    return `${k}年`;
  });
}

/** A slide comparing units, left out of a one-unit deck. */
function onlyWithPeers(req: ReportRequest, slide: DeckSlide): DeckSlide[] {
  return req.scope?.unitCode ? [] : [slide];
}

/**
 * Where a one-unit deck's unit stands: its rank within its kind by the ranking metric (1 = best), as the unit page
 * says it, or why it has none. Null when the deck is not ranked (a unit user whom the settings do not let see ranks).
 */
function unitStanding(units: MetricsResult): string | null {
  const row = units.rows[0];
  const metric = getMetric(units.rank_metric ?? '');
  if (!row || !metric) return null;
  // Worded as the unit page words it (web messages unit.rankIn, unit.unranked).
  const kind = typeof row.unit_kind === 'string' ? row.unit_kind : '同类型单位';
  if (typeof row.rank_in_kind === 'number') {
    return `排名（${kind}内，${metric.name.zh}，${RANK_DIRECTION.zh}）：第${row.rank_in_kind}名`;
  }
  const den = row[`${metric.id}_denominator`];
  return row.small_sample === true
    ? `样本不足（分母${typeof den === 'number' ? den : 0}，小于${units.settings.min_denominator}），不参与排名`
    : null;
}
