import type { EChartsOption } from 'echarts';
import { chartTitle, palette } from '../theme.ts';

export interface Slice {
  label: string;
  value: number;
}

export interface DonutLabels {
  title: string;
  subtitle: string;
  unit: string;
  /** How a slice is named (English labels of code-list values); the data keeps the value for clicks. */
  categoryName?: ((value: string) => string) | undefined;
}

/** A donut of shares (closing methods): zero slices dropped, legend on the right, "name n件 (x%)" labels. */
export function donutOption(slices: Slice[], labels: DonutLabels): EChartsOption {
  const shown = slices.filter((s) => s.value > 0).sort((a, b) => b.value - a.value);
  const show = labels.categoryName ?? ((v: string) => v);
  const text = (p: unknown, between: string) => {
    const { name, value, percent } = p as { name: string; value: number; percent: number };
    return `${show(name)}${between}${value}${labels.unit}（${percent}%）`;
  };
  return {
    color: palette.series,
    title: chartTitle(labels),
    tooltip: { trigger: 'item', formatter: (p) => text(p, '：') },
    legend: {
      orient: 'vertical',
      right: 8,
      top: 'middle',
      textStyle: { fontSize: 12 },
      formatter: (name: string) => show(name),
    },
    series: [
      {
        type: 'pie',
        // Room on the left for outside labels (they are cut with … when they meet the edge), legend on the right.
        radius: ['34%', '56%'],
        center: ['44%', '56%'],
        percentPrecision: 1,
        avoidLabelOverlap: true,
        // Thin slices keep their legend entry and tooltip but no label: their labels would pile up.
        minShowLabelAngle: 14,
        label: { formatter: (p) => text(p, '\n'), fontSize: 12 },
        labelLine: { length: 10, length2: 8 },
        data: shown.map((s) => ({ name: s.label, value: s.value })),
      },
    ],
  };
}
