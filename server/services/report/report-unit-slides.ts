/** The sections that list units one by one: the per-unit table, head appearances and the warnings. */
import type { MetricRow, MetricsResult } from '../../contracts/metrics.ts';
import { getMetric } from '../../metrics/index.ts';
import { rankRule } from '../../metrics/rank.ts';
import { WARNINGS, type WarningCode } from '../../metrics/settings.ts';
import { groupWarnings } from '../../metrics/warnings.ts';
import {
  activeUnits,
  byKindThen,
  KIND_ORDER,
  kindIndex,
  numOr0,
  rateText,
  rateWithCounts,
  SECTION_TITLES,
  WARNING_SHORT,
  warningDetail,
  warningsOf,
  yoyText,
} from './report-cells.ts';
import type { SectionBuilder } from './report-slides.ts';
import { tableSlides } from './report-table-pages.ts';

/** The order of the unit tables' groups, stated under their titles. */
const BY_KIND = `按${KIND_ORDER.join('、')}分组`;
const WARNED_PER_GROUP = 10;

export const UNIT_SECTION_BUILDERS: Record<'units' | 'appearance' | 'warnings', SectionBuilder> = {
  units: ({ units }) => {
    const { rows, columns, body, subtitle, caption } = unitTable(units);
    return {
      slides: tableSlides({
        title: SECTION_TITLES.units,
        columns,
        rows: body,
        subtitle,
        caption,
        notes: (page) => page.map((r) => r.cells.slice(0, 9).join('，')).join('\n'),
      }),
      tables: [
        {
          name: '各单位情况',
          columns: ['单位编码', ...columns.map((c) => c.label)],
          rows: rows.map((r, i) => [String(r.unit_code), ...(body[i]?.cells ?? [])]),
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
    return {
      slides: tableSlides({
        title: SECTION_TITLES.appearance,
        columns: columns.map((label, i) => ({
          label,
          align: i === 0 ? ('left' as const) : ('center' as const),
        })),
        rows: body,
        subtitle: `有开庭的单位，${BY_KIND}，各类型内按开庭件数由多到少排序`,
        caption: summary,
        notes: () => summary,
      }),
      tables: [{ name: '负责人出庭', columns, rows: body.map((r) => r.cells) }],
    };
  },

  warnings: ({ units }) => {
    const { paragraphs, notes, rows } = warningTexts(units.rows);
    return {
      slides: [
        {
          kind: 'text',
          title: SECTION_TITLES.warnings,
          paragraphs,
          notes: (notes.length ? notes : paragraphs).join('\n'),
        },
      ],
      tables: [{ name: '预警', columns: ['预警', '单位编码', '单位', '情况'], rows }],
    };
  },
};

/**
 * The units table's order: by kind (县政府, 县直部门, 垂管单位, 乡镇街道), within a kind by rank (1 first, as the
 * rank is among the units of that kind), the unranked after them by 新收, then by code.
 */
function byKindThenRank(a: MetricRow, b: MetricRow): number {
  const rank = (r: MetricRow) => (typeof r.rank_in_kind === 'number' ? r.rank_in_kind : Infinity);
  return kindIndex(a) - kindIndex(b) || rank(a) - rank(b) || byKindThen('lit_filed')(a, b);
}

/** The rank rule of server/metrics/rank.ts, for the metric this table ranked by. */
function rankCaption(units: MetricsResult): string {
  const m = getMetric(units.rank_metric ?? '');
  return m ? rankRule(m.name, units.settings.min_denominator).zh : '本表未排名';
}

/**
 * The per-unit table (各单位情况) of the deck and the county notice: the units with any litigation, by kind then
 * rank; counts, rates as n/N, 同比, the double-decline light and warnings, with the cells that fire flagged.
 */
export function unitTable(units: MetricsResult) {
  const rows = activeUnits(units.rows).sort(byKindThenRank);
  const ranked = rows.some((r) => typeof r.rank_in_kind === 'number');
  const columns = [
    { label: '单位', align: 'left' as const },
    // The rank is among the units of one kind: the kind beside it, so 「1」 twice on a page reads right.
    { label: '类型' },
    { label: '排名' },
    { label: '新收' },
    { label: '同比' },
    { label: '审结' },
    { label: '败诉' },
    { label: '败诉率（n/N）' },
    { label: '出庭率（n/N）' },
    { label: '双降' },
    { label: '预警', wrap: true },
  ];
  const body = rows.map((r) => {
    const w = warningsOf(r);
    return {
      cells: [
        String(r.unit_name),
        String(r.unit_kind ?? '—'),
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
  const order = ranked
    ? '各类型内按排名排序（第1名为最好），未排名的单位按新收件数由多到少列后'
    : '各类型内按新收件数由多到少排序';
  return {
    rows,
    columns,
    body,
    subtitle: `${BY_KIND}，${order}`,
    caption: `红色为触发预警的指标；${rankCaption(units)}。`,
  };
}

/**
 * The warnings as text (预警与需关注单位), grouped and ordered by server/metrics/warnings.ts (the overview lists
 * them the same way): the most serious warning first, each group's units by magnitude. `paragraphs` name a
 * group's first WARNED_PER_GROUP units and count the rest; `notes` and `rows` list them all.
 */
export function warningTexts(units: MetricRow[]) {
  const groups = groupWarnings(units);
  const entry = (r: MetricRow, code: WarningCode) => `${String(r.unit_name)}${warningDetail(r, code)}`;
  const paragraphs = groups.map(({ code, rows }) => {
    const shown = rows.slice(0, WARNED_PER_GROUP).map((r) => entry(r, code));
    const rest = rows.length - shown.length;
    return `${WARNINGS[code].zh}（${rows.length}个）：${shown.join('；')}${rest > 0 ? `；另有${rest}个单位（见附表）` : ''}。`;
  });
  const notes = groups.map(
    ({ code, rows }) =>
      `${WARNINGS[code].zh}（${rows.length}个）：${rows.map((r) => entry(r, code)).join('；')}。`,
  );
  const rows = groups.flatMap(({ code, rows: hit }) =>
    hit.map((r) => [WARNINGS[code].zh, String(r.unit_code), String(r.unit_name), warningDetail(r, code)]),
  );
  if (!paragraphs.length) paragraphs.push('本期无单位触发预警。');
  return { groups, paragraphs, notes, rows };
}
