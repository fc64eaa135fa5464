import type { EChartsOption } from 'echarts';
import { palette } from '../theme.ts';

export interface TrendPoint {
  label: string;
  cases: number;
  rate: number | null;
  numerator: number;
  denominator: number;
}

export interface TrendLabels {
  title: string;
  subtitle: string;
  casesName: string;
  rateName: string;
  casesAxis: string;
  rateAxis: string;
}

/** Bars for cases, a line for the loss rate on a second axis: the standard slide of every 联席会议. */
export function trendOption(points: TrendPoint[], labels: TrendLabels): EChartsOption {
  return {
    color: [palette.primary, palette.accent],
    title: { text: labels.title, subtext: labels.subtitle, left: 'center' },
    tooltip: { trigger: 'axis' },
    legend: { bottom: 0 },
    grid: { left: 56, right: 64, top: 72, bottom: 48 },
    xAxis: { type: 'category', data: points.map((p) => p.label) },
    yAxis: [
      { type: 'value', name: labels.casesAxis, minInterval: 1 },
      {
        type: 'value',
        name: labels.rateAxis,
        min: 0,
        axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` },
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
        data: points.map((p) => p.cases),
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
          formatter: (p) => {
            const v = (p as { value: number | null }).value;
            return v === null ? '—' : `${(v * 100).toFixed(1)}%`;
          },
        },
        data: points.map((p) => p.rate),
      },
    ],
  };
}
