import type { EChartsOption } from 'echarts';
import type { MetricsResult } from '../../api/client.ts';
import { formatCount, formatRate, labelled, rateWithFraction, type Locale } from '../../format.ts';
import { CLASH_ABOVE, CLASH_BELOW, comboScale } from '../../../../../server/exports/chart-scale.ts';
import { chartTitle, palette } from '../theme.ts';

export interface TrendPoint {
  label: string;
  cases: number;
  rate: number | null;
  numerator: number;
  denominator: number;
  /** A year the data cover only in part: the axis's second line (「9月起」) and the full note for the tooltip. */
  partial?: { short: string; note: string } | undefined;
}

const num = (r: MetricsResult['rows'][number], k: string) => (typeof r[k] === 'number' ? r[k] : null);

/**
 * The points of a by=year result for one count and one rate, partial years marked from the server's
 * `partial_years` of the count's family (server/metrics/coverage.ts).
 */
export function trendPoints(
  result: MetricsResult,
  casesId: string,
  rateId: string,
  family: string,
  l: Locale,
): TrendPoint[] {
  const partial = new Map(
    result.partial_years.filter((p) => p.family === family).map((p) => [String(p.year), p]),
  );
  return result.rows.map((y) => {
    const p = partial.get(String(y.key));
    return {
      label: String(y.key),
      cases: num(y, casesId) ?? 0,
      rate: num(y, rateId),
      numerator: num(y, `${rateId}_numerator`) ?? 0,
      denominator: num(y, `${rateId}_denominator`) ?? 0,
      partial: p ? { short: p.short[l], note: p.note[l] } : undefined,
    };
  });
}

export interface TrendLabels {
  title: string;
  subtitle: string;
  casesName: string;
  rateName: string;
  casesAxis: string;
  rateAxis: string;
  /** The tooltip's punctuation: 败诉率：13.0%（13/100） / Loss rate: 13.0% (13/100). Default zh. */
  locale?: Locale | undefined;
}

/** Tooltip lines of a trend point: the count, and the rate with its n/N. */
export function trendTooltip(p: TrendPoint, labels: TrendLabels): string {
  const l = labels.locale ?? 'zh';
  return [
    `<b>${p.label}</b>`,
    labelled(labels.casesName, formatCount(p.cases, l), l),
    labelled(labels.rateName, rateWithFraction(p.rate, p.numerator, p.denominator, l), l),
    ...(p.partial ? [`<i>${p.partial.note}</i>`] : []),
  ].join('<br/>');
}

/**
 * A line's point label as a badge of the line's colour (as on the deck's combos): readable where a low rate
 * crosses a bar or its label.
 */
export const RATE_BADGE = {
  show: true,
  position: 'top' as const,
  distance: 8,
  color: '#ffffff',
  backgroundColor: palette.accent,
  padding: [2, 5],
  borderRadius: 3,
  fontWeight: 'bold' as const,
};

/** A bar shorter than this share of the plot has no room for its count inside it. */
const BAR_ROOM = 0.12;

/**
 * Where a year's labels go when its rate's point lands on its bar's count (chart-scale.ts's clash band, which the
 * axis maxima could not avoid: a unit's few cases, issue #21): the rate's badge moves beside its point, clear of
 * the bar's label — to the right, or to the left on the last year, where the right axis's labels are; and when the
 * point's marker itself sits on that label (the point just above the bar's top), the count moves into the bar's
 * top in white, or beside a bar too short to hold it, on the side away from the badge.
 * `rate` and `bar` are fractions of the plot's height (value ÷ axis maximum).
 */
export function comboLabels(
  rate: number | null,
  bar: number,
  last: boolean,
): { badge: 'top' | 'left' | 'right'; count: 'top' | 'insideTop' | 'left' | 'right' } {
  const d = rate === null ? Infinity : rate - bar;
  if (d <= -CLASH_BELOW || d >= CLASH_ABOVE) return { badge: 'top', count: 'top' };
  const badge = last ? 'left' : 'right';
  if (d <= 0) return { badge, count: 'top' };
  return { badge, count: bar >= BAR_ROOM ? 'insideTop' : last ? 'right' : 'left' };
}

/** A rate axis tick: 10%, or 2.5% when the interval is not a whole percent. */
export function percentTick(v: number, step: number): string {
  const whole = Number.isInteger(Math.round(step * 1e6) / 1e4);
  return `${(Math.round(v * 1000) / 10).toFixed(whole ? 0 : 1)}%`;
}

/** A round axis maximum at or above v (1, 2, 2.5 or 5 × 10ⁿ steps of five). */
export function niceMax(v: number): number {
  if (v <= 0) return 1;
  const step = 10 ** Math.floor(Math.log10(v / 5));
  const m = [1, 2, 2.5, 5, 10].map((k) => k * step).find((s) => s * 5 >= v) ?? 10 * step;
  return m * 5;
}

/**
 * Bars for cases, a line for the rate on a second axis: the standard slide of every 联席会议. Both axes start at 0
 * at the bottom on the same round intervals, scaled as the deck's combos are (server/exports/chart-scale.ts): the
 * bars keep to the lower half or less, and no rate lands on a bar's label where round maxima allow.
 */
export function trendOption(points: TrendPoint[], labels: TrendLabels): EChartsOption {
  const scale = comboScale([points.map((p) => p.cases)], [points.map((p) => p.rate)]);
  const place = points.map((p, i) =>
    comboLabels(
      p.rate === null ? null : p.rate / scale.lineMax,
      p.cases / scale.barMax,
      i === points.length - 1,
    ),
  );
  // A moved count: white in the bar's top, or beside a bar too short (or too pale, a partial year's) to hold it.
  const countLabel = (i: number, partial: boolean) => {
    const { count, badge } = place[i]!;
    if (count === 'top') return {};
    if (count === 'insideTop' && !partial) return { label: { position: count, color: '#ffffff' } };
    return { label: { position: count === 'insideTop' ? (badge === 'left' ? 'right' : 'left') : count } };
  };
  return {
    color: [palette.primary, palette.accent],
    title: chartTitle(labels),
    tooltip: {
      trigger: 'axis',
      formatter: (params) => {
        const first = (Array.isArray(params) ? params[0] : params) as { dataIndex: number } | undefined;
        const p = first ? points[first.dataIndex] : undefined;
        return p ? trendTooltip(p, labels) : '';
      },
    },
    legend: { bottom: 22 },
    grid: { left: 56, right: 64, top: 78, bottom: 64 },
    // A partial year says so under its label and its bar is hatched: never read as a full year (issue #21 item 3).
    xAxis: {
      type: 'category',
      data: points.map((p) => (p.partial ? `${p.label}\n${p.partial.short}` : p.label)),
    },
    yAxis: [
      { type: 'value', name: labels.casesAxis, min: 0, max: scale.barMax, interval: scale.barStep },
      {
        type: 'value',
        name: labels.rateAxis,
        min: 0,
        max: scale.lineMax,
        interval: scale.lineStep,
        axisLabel: { formatter: (v: number) => percentTick(v, scale.lineStep) },
        splitLine: { show: false },
      },
    ],
    series: [
      {
        name: labels.casesName,
        type: 'bar',
        barMaxWidth: 40,
        // Above the bar, in ink: a white label inside a short bar (a unit's 2 or 3 cases) cannot be read.
        label: { show: true, position: 'top', color: '#1b1f24' },
        data: points.map((p, i) =>
          p.partial
            ? {
                value: p.cases,
                itemStyle: {
                  opacity: 0.55,
                  decal: { symbol: 'rect', dashArrayX: [1, 0], dashArrayY: [3, 5], rotation: -Math.PI / 4 },
                },
                ...countLabel(i, true),
              }
            : place[i]!.count === 'top'
              ? p.cases
              : { value: p.cases, ...countLabel(i, false) },
        ),
      },
      {
        name: labels.rateName,
        type: 'line',
        yAxisIndex: 1,
        symbolSize: 8,
        label: {
          ...RATE_BADGE,
          formatter: (p) => formatRate((p as { value: number | null }).value),
        },
        // Beside its point, clear of the bar's label (the bar is at most 40 px wide: 26 px clears its half).
        data: points.map((p, i) =>
          place[i]!.badge === 'top'
            ? p.rate
            : { value: p.rate, label: { position: place[i]!.badge, distance: 26 } },
        ),
      },
    ],
  };
}
