import type { EChartsOption } from 'echarts';
import { kindComparison } from '../../../../../server/metrics/kind-comparison.ts';
import type { MetricRow } from '../../api/client.ts';
import { formatRate } from '../../format.ts';
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
 * The groups of the 县直部门 vs 乡镇街道 chart from a by-kind metric table, and the other kinds for the note
 * under it: which kinds and in what order is server/metrics/kind-comparison.ts, the definition the report's slide
 * reads too.
 */
export function kindCompareGroups(
  rows: readonly MetricRow[],
  ids: { cases: string; rate: string; second?: string | undefined },
): { groups: CompareGroup[]; others: CompareGroup[] } {
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
  return { groups: compared.map(group), others: others.map(group) };
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
}

/**
 * Side by side for a few groups (县直部门 / 乡镇街道 …): case counts on the left panel, the rate on the right, so
 * a count and a percentage never share an axis.
 */
export function compareOption(groups: CompareGroup[], labels: CompareLabels): EChartsOption {
  const names = groups.map((g) => g.label);
  const show = labels.categoryName ?? ((v: string) => v);
  const withSecond = groups.some((g) => g.second !== undefined);
  return {
    color: [palette.primary],
    title: chartTitle(labels),
    tooltip: {
      trigger: 'item',
      formatter: (p) => {
        const g = groups[(p as { dataIndex: number }).dataIndex];
        if (!g) return '';
        const second = g.second !== undefined ? `<br/>${labels.secondName ?? ''}：${g.second}` : '';
        return `<b>${show(g.label)}</b><br/>${labels.casesName}：${g.cases}${second}<br/>${labels.rateName}：${formatRate(g.rate)}（${g.numerator}/${g.denominator}）`;
      },
    },
    // Two counts on one panel need a legend to tell them apart; the rate panel is named by its axis.
    legend: withSecond
      ? { bottom: 22, data: [labels.casesName, labels.secondName ?? ''], textStyle: { fontSize: 12 } }
      : undefined,
    grid: [
      { left: 48, right: '54%', top: 96, bottom: withSecond ? 84 : 40 },
      { left: '56%', right: 24, top: 96, bottom: withSecond ? 84 : 40 },
    ],
    // Long English kind names ("Townships and streets") wrap instead of running into each other.
    xAxis: [0, 1].map((gridIndex) => ({
      type: 'category' as const,
      data: names,
      gridIndex,
      axisLabel: { interval: 0, formatter: show, width: 110, overflow: 'break' as const },
    })),
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
