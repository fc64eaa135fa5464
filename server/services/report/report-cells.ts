/**
 * The report's figures as slide text and table cells: KPI tiles with their tone, rates with n/N, 同比 deltas,
 * warnings and the unit order of the tables (县政府, 县直部门, 垂管单位, 乡镇街道, then by the figure).
 */
import type { ReportSection, ReportTable, Tone } from '../../contracts/report.ts';
import type { MetricRow } from '../../contracts/metrics.ts';
import { getMetric } from '../../metrics/index.ts';
import { DOUBLE_DECLINE, type WarningCode } from '../../metrics/settings.ts';
import { countChange, pct, rateChange } from '../metrics/narrative.service.ts';

export const SECTION_TITLES: Record<ReportSection, string> = {
  summary: '总体情况',
  trend: '近五年收案与败诉率',
  closing: '结案方式',
  causes: '案由与管理领域',
  kinds: '县直部门与乡镇街道',
  units: '各单位情况',
  loss_reasons: '败诉原因',
  appearance: '负责人出庭应诉',
  unit_cases: '败诉与负责人未出庭案件',
  reconsideration: '行政复议',
  prelitigation: '诉前化解',
  warnings: '预警与需关注单位',
  definitions: '指标定义与口径',
};

export const WARNING_SHORT: Record<WarningCode, string> = {
  loss_rate_high: '败诉率高',
  head_appearance_low: '出庭未达标',
  filed_up: '收案上升',
  head_absent: '负责人缺席',
};

export function warningDetail(r: MetricRow, code: WarningCode): string {
  if (code === 'loss_rate_high') return `（败诉率${rateWithCounts(r, 'lit_loss_rate')}）`;
  if (code === 'head_absent')
    return `（负责人未出庭${numOr0(r.lit_head_absences)}件，出庭应诉率${rateWithCounts(r, 'lit_head_appearance_rate')}）`;
  if (code === 'head_appearance_low') return `（出庭应诉率${rateWithCounts(r, 'lit_head_appearance_rate')}）`;
  return `（新收${numOr0(r.lit_filed)}件，去年同期${numOr0(r.lit_filed_prev_year)}件）`;
}

export function kpi(
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

export function statusTone(status: string): Tone {
  const colour = DOUBLE_DECLINE[status as keyof typeof DOUBLE_DECLINE]?.colour;
  return colour === 'green' ? 'good' : colour === 'red' ? 'bad' : 'neutral';
}

export function metricTable(title: string, rows: MetricRow[], ids: readonly string[]): ReportTable {
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
export function activeUnits(rows: MetricRow[]): MetricRow[] {
  return rows
    .filter((r) => numOr0(r.lit_filed) + numOr0(r.lit_concluded) + numOr0(r.lit_filed_prev_year) > 0)
    .sort(byKindThen('lit_filed'));
}

export const KIND_ORDER = ['县政府', '县直部门', '垂管单位', '乡镇街道'];
/** A unit kind's place in the tables (县政府 first); an unknown kind sorts first, as indexOf gives -1. */
export function kindIndex(r: MetricRow): number {
  return KIND_ORDER.indexOf(String(r.unit_kind));
}
export function byKindThen(id: string) {
  return (a: MetricRow, b: MetricRow) =>
    kindIndex(a) - kindIndex(b) ||
    numOr0(b[id]) - numOr0(a[id]) ||
    String(a.unit_code).localeCompare(String(b.unit_code));
}

export function warningsOf(r: MetricRow): WarningCode[] {
  return Array.isArray(r.warnings) ? (r.warnings as WarningCode[]) : [];
}

export function name(id: string): string {
  return getMetric(id)?.name.zh ?? id;
}

export function def(id: string): string {
  return getMetric(id)?.definition.zh ?? '';
}

export function numOr0(v: unknown): number {
  return typeof v === 'number' ? v : 0;
}

export function numOrNull(v: unknown): number | null {
  return typeof v === 'number' ? v : null;
}

export function rateText(r: MetricRow, id: string): string {
  const v = numOrNull(r[id]);
  return v === null ? '—' : pct(v);
}

export function rateWithCounts(r: MetricRow, id: string): string {
  const v = numOrNull(r[id]);
  return v === null ? '—' : `${pct(v)}（${numOr0(r[`${id}_numerator`])}/${numOr0(r[`${id}_denominator`])}）`;
}

export function yoyText(r: MetricRow, id: string): string {
  const d = numOrNull(r[`${id}_yoy`]);
  return d === null ? '—' : d > 0 ? `+${d}` : String(d);
}
