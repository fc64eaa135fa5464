import type { EChartsOption } from 'echarts';
import { labelled, type Locale } from '../../format.ts';
import { chartTitle, palette } from '../theme.ts';

export interface BarItem {
  label: string;
  value: number;
  /** Shown in the tooltip under the value, e.g. the n/N of a rate or "败诉 3 件". */
  note?: string;
}

export interface BarLabels {
  title: string;
  subtitle: string;
  valueName: string;
  /** How a category is shown (English labels of code-list values); the data keeps the value for clicks. */
  categoryName?: ((value: string) => string) | undefined;
  /** The tooltip's punctuation (新收一审案件：19 / First-instance cases: 19). Default zh. */
  locale?: Locale | undefined;
}

/**
 * How many of `values` (largest first) a top `n` shows when the units tied with the n-th are not cut off: n, or
 * more where the n-th value is shared past it (a ranking that stops inside a tie drops one of equals at random).
 */
export function topWithTies(values: readonly number[], n: number): number {
  if (values.length <= n || n <= 0) return Math.min(values.length, Math.max(n, 0));
  let k = n;
  while (k < values.length && values[k] === values[n - 1]) k++;
  return k;
}

/**
 * Horizontal bars, largest first, at most `top` of them (zeros dropped): causes, domains, units. The value sits at
 * the bar's end; long Chinese labels get a wide left margin rather than being cut.
 *
 * With `rest`, the categories past `top` are not dropped but summed into one grey bar at the bottom, labelled
 * `rest(count)` (e.g. 其余5项), so a breakdown's bars add up to the figure it breaks down. Units leave it out: a
 * unit's cases are not parts of a whole (co-defendants count for each).
 */
export function rankedBarsOption(
  items: BarItem[],
  labels: BarLabels,
  opts: {
    top?: number;
    format?: (v: number) => string;
    color?: string;
    rest?: ((count: number) => string) | undefined;
    /** Keep the categories tied with the `top`-th (topWithTies): the units chart, whose title says so. */
    ties?: boolean;
  } = {},
): EChartsOption {
  const fmt = opts.format ?? ((v: number) => String(v));
  const show = labels.categoryName ?? ((v: string) => v);
  const ranked = items
    .filter((i) => i.value > 0)
    .sort((a, b) => b.value - a.value || a.label.localeCompare(b.label, 'zh-CN'));
  const top = opts.ties
    ? topWithTies(
        ranked.map((i) => i.value),
        opts.top ?? 10,
      )
    : (opts.top ?? 10);
  const folded = opts.rest ? ranked.slice(top) : [];
  const rest: BarItem[] = folded.length
    ? [
        {
          label: opts.rest!(folded.length),
          value: folded.reduce((s, i) => s + i.value, 0),
          note: folded.map((i) => `${show(i.label)} ${fmt(i.value)}`).join('<br/>'),
        },
      ]
    : [];
  // ECharts draws the first category at the bottom: the rest first, then the smallest shown.
  const shown = [...rest, ...ranked.slice(0, top).reverse()];
  // English labels are narrower per character than Chinese ones: count them at about half width.
  const width = (s: string) => [...s].reduce((w, c) => w + (c.charCodeAt(0) > 0x2e7f ? 1 : 0.55), 0);
  const longest = Math.max(4, ...shown.map((i) => width(show(i.label))));
  return {
    color: [opts.color ?? palette.primary],
    title: chartTitle(labels),
    tooltip: {
      trigger: 'item',
      formatter: (p) => {
        const item = shown[(p as { dataIndex: number }).dataIndex];
        if (!item) return '';
        const value = labelled(labels.valueName, fmt(item.value), labels.locale ?? 'zh');
        return `<b>${show(item.label)}</b><br/>${value}${item.note ? `<br/>${item.note}` : ''}`;
      },
    },
    grid: { left: Math.min(220, Math.ceil(14 * longest) + 16), right: 56, top: 72, bottom: 40 },
    xAxis: { type: 'value', minInterval: 1, axisLabel: { formatter: (v: number) => fmt(v) } },
    yAxis: {
      type: 'category',
      data: shown.map((i) => i.label),
      axisTick: { show: false },
      axisLabel: { fontSize: 13, color: '#1b1f24', formatter: (v: string) => show(v) },
    },
    series: [
      {
        name: labels.valueName,
        type: 'bar',
        barMaxWidth: 22,
        label: {
          show: true,
          position: 'right',
          formatter: (p) => fmt(Number((p as { value: number }).value)),
        },
        data: shown.map((i, k) =>
          k < rest.length ? { value: i.value, itemStyle: { color: palette.muted } } : i.value,
        ),
      },
    ],
  };
}
