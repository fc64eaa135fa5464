import type { EChartsOption } from 'echarts';
import { kindComparison } from '../../../../../server/metrics/kind-comparison.ts';
import type { MetricRow } from '../../api/client.ts';
import { formatCount, formatRate, labelled, rateWithFraction, type Locale } from '../../format.ts';
import { chartTitle, palette } from '../theme.ts';

export interface CompareGroup {
  label: string;
  cases: number;
  /** A second count beside the first on the left panel (败诉 beside 新收); absent: one count. */
  second?: number;
  rate: number | null;
  numerator: number;
  denominator: number;
}

const num = (r: MetricRow, id: string) => (typeof r[id] === 'number' ? r[id] : null);

/**
 * The groups of the 县直部门 vs 乡镇街道 chart from a by-kind metric table (and their rows, for the chart's
 * copy-data table), and the other kinds for the note under it: which kinds and in what order is
 * server/metrics/kind-comparison.ts, the definition the report's slide reads too.
 */
export function kindCompareGroups(
  rows: readonly MetricRow[],
  ids: { cases: string; rate: string; second?: string | undefined },
): { groups: CompareGroup[]; rows: MetricRow[]; others: CompareGroup[] } {
  const group = (r: MetricRow): CompareGroup => ({
    label: String(r.label ?? r.key),
    cases: num(r, ids.cases) ?? 0,
    ...(ids.second ? { second: num(r, ids.second) ?? 0 } : {}),
    rate: num(r, ids.rate),
    numerator: num(r, `${ids.rate}_numerator`) ?? 0,
    denominator: num(r, `${ids.rate}_denominator`) ?? 0,
  });
  const figures = [ids.cases, ...(ids.second ? [ids.second] : []), ids.rate];
  const { compared, others } = kindComparison(rows, figures);
  return { groups: compared.map(group), rows: compared, others: others.map(group) };
}

export interface CompareLabels {
  title: string;
  subtitle: string;
  casesName: string;
  rateName: string;
  /** The name of the groups' second count, when they have one. */
  secondName?: string | undefined;
  /** How a group is shown (English labels of unit kinds); the data keeps the value for clicks. */
  categoryName?: ((value: string) => string) | undefined;
  /** The tooltip's punctuation (败诉率：13.0%（13/100） / Loss rate: 13.0% (13/100)). Default zh. */
  locale?: Locale | undefined;
}

/**
 * Side by side for a few groups (县直部门 / 乡镇街道 …): case counts on the left panel, the rate on the right, so
 * a count and a percentage never share an axis.
 */
export function compareOption(groups: CompareGroup[], labels: CompareLabels): EChartsOption {
  const names = groups.map((g) => g.label);
  const show = labels.categoryName ?? ((v: string) => v);
  const withSecond = groups.some((g) => g.second !== undefined);
  // Each panel holds its groups side by side in under half the chart: English names (Townships and streets)
  // ran into each other at 1024 px (issue #21), so they break onto lines of words.
  const axisName = (v: string) => wrapWords(show(v), AXIS_LINE_CHARS);
  return {
    color: [palette.primary],
    title: chartTitle(labels),
    tooltip: {
      trigger: 'item',
      formatter: (p) => {
        const g = groups[(p as { dataIndex: number }).dataIndex];
        if (!g) return '';
        const l = labels.locale ?? 'zh';
        return [
          `<b>${show(g.label)}</b>`,
          labelled(labels.casesName, formatCount(g.cases, l), l),
          ...(g.second !== undefined ? [labelled(labels.secondName ?? '', formatCount(g.second, l), l)] : []),
          labelled(labels.rateName, rateWithFraction(g.rate, g.numerator, g.denominator, l), l),
        ].join('<br/>');
      },
    },
    // Two counts on one panel need a legend to tell them apart; the rate panel is named by its axis.
    legend: withSecond
      ? { bottom: 22, data: [labels.casesName, labels.secondName ?? ''], textStyle: { fontSize: 12 } }
      : undefined,
    grid: [
      // Room under the bars for two lines of a wrapped name (and the legend when two counts share a panel).
      { left: 48, right: '54%', top: 96, bottom: withSecond ? 96 : 52 },
      { left: '56%', right: 24, top: 96, bottom: withSecond ? 96 : 52 },
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
      ...(withSecond
        ? [
            {
              name: labels.secondName ?? '',
              type: 'bar' as const,
              xAxisIndex: 0,
              yAxisIndex: 0,
              barMaxWidth: 44,
              color: palette.accent,
              label: { show: true, position: 'top' as const },
              data: groups.map((g) => g.second ?? 0),
            },
          ]
        : []),
      {
        name: labels.rateName,
        type: 'bar',
        xAxisIndex: 1,
        yAxisIndex: 1,
        barMaxWidth: 44,
        color: palette.accent,
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
