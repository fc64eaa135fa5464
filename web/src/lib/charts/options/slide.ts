import type { EChartsOption } from 'echarts';
import { comboScale } from '../../../../../server/exports/chart-scale.ts';
import type { DeckChart } from '../../api/client.ts';
import { formatRate } from '../../format.ts';
import { palette } from '../theme.ts';
import { donutOption } from './donut.ts';
import { niceMax, percentTick, RATE_BADGE } from './trend.ts';

type Series = DeckChart['series'][number];

const fmt = (s: Series | undefined) => (v: number | null | undefined) =>
  v === null || v === undefined ? '—' : s?.format === 'percent' ? formatRate(v) : String(v);

/**
 * A report slide's chart (the model's chart data, as the PPTX draws it natively) for the page's preview:
 * doughnuts through donutOption; bars (horizontal for top-N lists, several series side by side); combos with bars
 * on the left axis and lines on the right, both from 0, scaled as the PPTX's combos are
 * (server/exports/chart-scale.ts). No title: the slide card has it.
 */
export function slideChartOption(chart: DeckChart, opts: { unit: string }): EChartsOption {
  if (chart.type === 'pie' || chart.type === 'doughnut') {
    const s = chart.series[0];
    const donut = donutOption(
      chart.categories.map((label, i) => ({ label, value: s?.values[i] ?? 0 })),
      { title: '', subtitle: '', unit: opts.unit },
    );
    return { ...donut, title: undefined };
  }
  const legend = chart.series.length > 1 ? { bottom: 0, textStyle: { fontSize: 12 } } : undefined;
  const tooltip: EChartsOption['tooltip'] = {
    trigger: 'axis',
    axisPointer: { type: 'shadow' },
    formatter: (params) => {
      const list = (Array.isArray(params) ? params : [params]) as {
        dataIndex: number;
        seriesIndex: number;
        marker: string;
      }[];
      const first = list[0];
      if (!first) return '';
      const lines = list.map((p) => {
        const s = chart.series[p.seriesIndex];
        return `${p.marker}${s?.name ?? ''}：${fmt(s)(s?.values[p.dataIndex])}`;
      });
      return [`<b>${chart.categories[first.dataIndex] ?? ''}</b>`, ...lines].join('<br/>');
    },
  };

  if (chart.horizontal) {
    const longest = Math.max(4, ...chart.categories.map((c) => c.length));
    return {
      color: chart.series.length === 1 ? [palette.primary] : palette.series,
      tooltip,
      legend,
      grid: { left: Math.min(240, 14 * longest + 16), right: 56, top: 12, bottom: legend ? 40 : 24 },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: {
        type: 'category',
        // The model lists the largest first; ECharts draws the first category at the bottom unless inverted.
        inverse: true,
        data: chart.categories,
        axisTick: { show: false },
        axisLabel: { fontSize: 13, color: '#1b1f24' },
      },
      series: chart.series.map((s) => ({
        name: s.name,
        type: 'bar',
        barMaxWidth: 18,
        label: { show: true, position: 'right', formatter: (p) => fmt(s)((p as { value: number }).value) },
        data: s.values,
      })),
    };
  }

  const bars = chart.series.filter((s) => s.as !== 'line' && chart.type !== 'line');
  const lines = chart.series.filter((s) => s.as === 'line' || chart.type === 'line');
  const combo = bars.length > 0 && lines.length > 0;
  const top = (list: Series[]) => Math.max(0, ...list.flatMap((s) => s.values.map((v) => v ?? 0)));
  const percent = lines[0]?.format === 'percent';
  const lineTop = niceMax(top(lines) || (percent ? 0.05 : 1));
  // A combo's axes as the PPTX draws them: both from 0 at the bottom, on the same intervals.
  const values = (list: Series[]) => list.map((s) => s.values);
  const scale = combo ? comboScale(values(bars), values(lines), !percent) : null;
  const lineTick = (v: number) => (percent ? percentTick(v, scale?.lineStep ?? lineTop / 5) : String(v));
  return {
    color: bars.length === 1 ? [palette.primary, palette.accent] : [...palette.series],
    tooltip,
    legend,
    grid: { left: 56, right: combo ? 64 : 24, top: 24, bottom: legend ? 56 : 32 },
    xAxis: { type: 'category', data: chart.categories, axisLabel: { interval: 0 } },
    yAxis: [
      {
        type: 'value',
        // Bars of a rate (the kinds slide's 败诉率) are fractions: whole-number ticks would leave one, at 0.
        ...(bars[0]?.format === 'percent'
          ? { axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` } }
          : { minInterval: 1 }),
        ...(scale ? { min: 0, max: scale.barMax, interval: scale.barStep } : {}),
        show: bars.length > 0,
      },
      {
        type: 'value',
        show: lines.length > 0,
        min: 0,
        max: scale?.lineMax ?? lineTop,
        interval: scale?.lineStep ?? lineTop / 5,
        splitLine: { show: !combo },
        axisLabel: { formatter: lineTick },
      },
    ],
    series: [
      ...bars.map((s) => ({
        name: s.name,
        type: 'bar' as const,
        barMaxWidth: 40,
        label: {
          show: true,
          // Above the bar: a label inside a short bar (a unit's 2 or 3 cases) cannot be read.
          position: 'top' as const,
          color: '#1b1f24',
          formatter: (p: unknown) => fmt(s)((p as { value: number }).value),
        },
        data: s.values,
      })),
      ...lines.map((s, i) => ({
        name: s.name,
        type: 'line' as const,
        yAxisIndex: 1,
        symbolSize: 8,
        color: i === 0 ? palette.accent : palette.warn,
        label: {
          ...RATE_BADGE,
          backgroundColor: i === 0 ? palette.accent : palette.warn,
          formatter: (p: unknown) => fmt(s)((p as { value: number | null }).value),
        },
        data: s.values,
      })),
    ],
  };
}
