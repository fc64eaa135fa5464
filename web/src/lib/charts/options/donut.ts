import type { EChartsOption } from 'echarts';
import { chartTitle, palette } from '../theme.ts';

export interface Slice {
  label: string;
  value: number;
}

/** A donut of shares (closing methods): zero slices dropped, legend on the right, "name n件 (x%)" labels. */
export function donutOption(
  slices: Slice[],
  labels: { title: string; subtitle: string; unit: string },
): EChartsOption {
  const shown = slices.filter((s) => s.value > 0).sort((a, b) => b.value - a.value);
  return {
    color: palette.series,
    title: chartTitle(labels),
    tooltip: { trigger: 'item', formatter: `{b}：{c}${labels.unit}（{d}%）` },
    legend: { orient: 'vertical', right: 8, top: 'middle', textStyle: { fontSize: 12 } },
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
        label: { formatter: `{b}\n{c}${labels.unit}（{d}%）`, fontSize: 12 },
        labelLine: { length: 10, length2: 8 },
        data: shown.map((s) => ({ name: s.label, value: s.value })),
      },
    ],
  };
}
