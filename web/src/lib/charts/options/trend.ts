import type { EChartsOption } from 'echarts';
import type { MetricsResult } from '../../api/client.ts';
import { formatRate, type Locale } from '../../format.ts';
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
}

/** Tooltip lines of a trend point: the count, and the rate with its n/N. */
export function trendTooltip(p: TrendPoint, labels: TrendLabels): string {
  return [
    `<b>${p.label}</b>`,
    `${labels.casesName}：${p.cases}`,
    `${labels.rateName}：${formatRate(p.rate)}（${p.numerator}/${p.denominator}）`,
    ...(p.partial ? [`<i>${p.partial.note}</i>`] : []),
  ].join('<br/>');
}

/** A round axis maximum at or above v (1, 2, 2.5 or 5 × 10ⁿ steps of five). */
export function niceMax(v: number): number {
  if (v <= 0) return 1;
  const step = 10 ** Math.floor(Math.log10(v / 5));
  const m = [1, 2, 2.5, 5, 10].map((k) => k * step).find((s) => s * 5 >= v) ?? 10 * step;
  return m * 5;
}

/**
 * Bars for cases, a line for the rate on a second axis: the standard slide of every 联席会议. The bars are scaled
 * into the lower part of the plot and the line into the upper part, so bar and point labels never collide.
 */
export function trendOption(points: TrendPoint[], labels: TrendLabels): EChartsOption {
  const maxCases = Math.max(0, ...points.map((p) => p.cases));
  const maxRate = Math.max(0, ...points.map((p) => p.rate ?? 0));
  const rateTop = niceMax(maxRate || 0.05);
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
      { type: 'value', name: labels.casesAxis, minInterval: 1, max: niceMax(maxCases * 1.6) },
      {
        type: 'value',
        name: labels.rateAxis,
        // The negative half is never drawn on: it lifts the line above the bars. Its labels stay blank.
        min: -rateTop,
        max: rateTop,
        interval: rateTop / 5,
        axisLabel: { formatter: (v: number) => (v < 0 ? '' : `${Math.round(v * 1000) / 10}%`) },
        splitLine: { show: false },
      },
    ],
    series: [
      {
        name: labels.casesName,
        type: 'bar',
        barMaxWidth: 40,
        // Counts inside the bar top, rates above the line points: the two never collide.
        label: { show: true, position: 'insideTop', color: '#ffffff' },
        data: points.map((p) =>
          p.partial
            ? {
                value: p.cases,
                itemStyle: {
                  opacity: 0.55,
                  decal: { symbol: 'rect', dashArrayX: [1, 0], dashArrayY: [3, 5], rotation: -Math.PI / 4 },
                },
              }
            : p.cases,
        ),
      },
      {
        name: labels.rateName,
        type: 'line',
        yAxisIndex: 1,
        symbolSize: 8,
        label: {
          show: true,
          position: 'top',
          color: palette.accent,
          fontWeight: 'bold',
          formatter: (p) => formatRate((p as { value: number | null }).value),
        },
        data: points.map((p) => p.rate),
      },
    ],
  };
}
