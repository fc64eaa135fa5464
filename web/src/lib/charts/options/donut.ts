import type { EChartsOption } from 'echarts';
import { chartTitle, palette } from '../theme.ts';

/** Slices labelled beside the ring: the largest, each at least this share of the whole. */
const MAX_LABELS = 5;
const MIN_LABEL_SHARE = 0.05;

export interface Slice {
  label: string;
  value: number;
}

export interface DonutLabels {
  title: string;
  subtitle: string;
  /** The count's unit ('件'), or the count as words ((n) => '59 cases'): English has no bare unit to append. */
  unit: string | ((n: number) => string);
  /** Punctuation of the labels and tooltip: 判决：59件（59%） / Judgment: 59 cases (59%). Default zh. */
  locale?: 'zh' | 'en' | undefined;
  /** How a slice is named (English labels of code-list values); the data keeps the value for clicks. */
  categoryName?: ((value: string) => string) | undefined;
}

/**
 * A donut of shares (closing methods, decisions, results): zero slices dropped, "name n件 (x%)" labels beside the
 * ring and the legend in rows under it. With the legend on the right, the labels of the right-hand slices ran
 * into it at 1024 px and on A4 (issue #21 item 9): under the ring, the legend never shares the labels' room,
 * whatever the panel's width. Labels sit at the chart's side edges, wrapping long (English) names.
 */
export function donutOption(slices: Slice[], labels: DonutLabels): EChartsOption {
  const shown = slices.filter((s) => s.value > 0).sort((a, b) => b.value - a.value);
  const show = labels.categoryName ?? ((v: string) => v);
  const en = labels.locale === 'en';
  const count = (n: number) => (typeof labels.unit === 'function' ? labels.unit(n) : `${n}${labels.unit}`);
  const text = (p: unknown, between: string) => {
    const { name, value, percent } = p as { name: string; value: number; percent: number };
    return `${show(name)}${between}${count(value)}${en ? ` (${percent}%)` : `（${percent}%）`}`;
  };
  // Labels beside the ring for the largest slices only (at most MAX_LABELS, each at least MIN_LABEL_SHARE of
  // the whole): more stack up along one side into the title and the legend. Every slice keeps its count in the
  // legend and its share in the tooltip, so on paper too each figure is there.
  const all = shown.reduce((a, s) => a + s.value, 0);
  const labelled = new Set(
    shown
      .filter((s) => s.value / all >= MIN_LABEL_SHARE)
      .slice(0, MAX_LABELS)
      .map((s) => s.label),
  );
  const counts = new Map(shown.map((s) => [s.label, s.value]));
  // The ring is centred in the room between the title (the top ~21% of a 340–360 px chart) and the legend rows
  // under it (about three entries a row on a half-width panel, 22 px each, above the 24 px footer line).
  const legendRows = Math.max(1, Math.ceil(shown.length / 3));
  const legendTop = 1 - (24 + legendRows * 22) / 350;
  const centreY = Math.round(((0.21 + legendTop) / 2) * 100);
  return {
    color: palette.series,
    title: chartTitle(labels),
    tooltip: { trigger: 'item', formatter: (p) => text(p, en ? ': ' : '：') },
    legend: {
      orient: 'horizontal',
      left: 'center',
      // Above the footer line (data as of, source) that EChart.svelte draws at the bottom.
      bottom: 24,
      itemWidth: 14,
      itemHeight: 10,
      itemGap: 12,
      textStyle: { fontSize: 12 },
      formatter: (name: string) => `${show(name)} ${counts.get(name) ?? ''}`,
    },
    series: [
      {
        type: 'pie',
        radius: ['26%', '44%'],
        center: ['50%', `${centreY}%`],
        percentPrecision: 1,
        avoidLabelOverlap: true,
        label: {
          formatter: (p) => text(p, '\n'),
          fontSize: 12,
          lineHeight: 15,
          alignTo: 'edge',
          edgeDistance: 8,
          overflow: 'break',
        },
        labelLine: { length: 8, length2: 6 },
        labelLayout: { hideOverlap: true },
        data: shown.map((s) =>
          labelled.has(s.label)
            ? { name: s.label, value: s.value }
            : { name: s.label, value: s.value, label: { show: false }, labelLine: { show: false } },
        ),
      },
    ],
  };
}
