import type { EChartsOption } from 'echarts';
import { formatRate } from '../../format.ts';
import { chartTitle, palette } from '../theme.ts';

export interface CompareGroup {
  label: string;
  cases: number;
  rate: number | null;
  numerator: number;
  denominator: number;
}

export interface CompareLabels {
  title: string;
  subtitle: string;
  casesName: string;
  rateName: string;
  /** How a group is shown (English labels of unit kinds); the data keeps the value for clicks. */
  categoryName?: ((value: string) => string) | undefined;
}

/**
 * Side by side for a few groups (县直部门 / 乡镇街道 …): case counts on the left panel, the rate on the right, so
 * a count and a percentage never share an axis.
 */
export function compareOption(groups: CompareGroup[], labels: CompareLabels): EChartsOption {
  const names = groups.map((g) => g.label);
  const show = labels.categoryName ?? ((v: string) => v);
  // Each panel holds its groups side by side in under half the chart: English names (Townships and streets)
  // ran into each other at 1024 px (issue #21), so they break onto lines of words.
  const axisName = (v: string) => wrapWords(show(v), AXIS_LINE_CHARS);
  return {
    color: [palette.primary, palette.accent],
    title: chartTitle(labels),
    tooltip: {
      trigger: 'item',
      formatter: (p) => {
        const g = groups[(p as { dataIndex: number }).dataIndex];
        if (!g) return '';
        return `<b>${show(g.label)}</b><br/>${labels.casesName}：${g.cases}<br/>${labels.rateName}：${formatRate(g.rate)}（${g.numerator}/${g.denominator}）`;
      },
    },
    grid: [
      // Room under the bars for two lines of a wrapped name.
      { left: 48, right: '54%', top: 96, bottom: 52 },
      { left: '56%', right: 24, top: 96, bottom: 52 },
    ],
    xAxis: [
      { type: 'category', data: names, gridIndex: 0, axisLabel: { interval: 0, formatter: axisName } },
      { type: 'category', data: names, gridIndex: 1, axisLabel: { interval: 0, formatter: axisName } },
    ],
    yAxis: [
      { type: 'value', gridIndex: 0, minInterval: 1, name: labels.casesName },
      {
        type: 'value',
        gridIndex: 1,
        min: 0,
        name: labels.rateName,
        axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` },
      },
    ],
    series: [
      {
        name: labels.casesName,
        type: 'bar',
        xAxisIndex: 0,
        yAxisIndex: 0,
        barMaxWidth: 44,
        label: { show: true, position: 'top' },
        data: groups.map((g) => g.cases),
      },
      {
        name: labels.rateName,
        type: 'bar',
        xAxisIndex: 1,
        yAxisIndex: 1,
        barMaxWidth: 44,
        label: {
          show: true,
          position: 'top',
          formatter: (p) => formatRate((p as { value: number | null }).value),
        },
        data: groups.map((g) => g.rate),
      },
    ],
  };
}

/** Characters per line of a group's name under its bar (about 90 px at 12 px). */
const AXIS_LINE_CHARS = 14;

/**
 * Breaks a name with spaces (English) into lines of at most `max` characters at word ends; a name without
 * spaces (Chinese, short enough at four characters) is left as it is.
 */
export function wrapWords(text: string, max: number): string {
  if (text.length <= max || !text.includes(' ')) return text;
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > max) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.join('\n');
}
