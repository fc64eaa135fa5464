import type { EChartsOption } from 'echarts';
import { palette } from '../theme.ts';

type AnyRecord = Record<string, unknown>;
const list = <T>(x: T | T[] | undefined): T[] => (x === undefined ? [] : Array.isArray(x) ? x : [x]);

/** A data item's value: a number, `{ value }`, or the last coordinate of `[x, y]`. */
function valueOf(item: unknown): unknown {
  if (Array.isArray(item)) return item.at(-1);
  if (item !== null && typeof item === 'object') return valueOf((item as AnyRecord).value);
  return item;
}

/**
 * True when no series holds a value other than 0 or null: drawn, the chart would be bare axes (a period without
 * records, a filter that matches nothing). Our builders drop zero bars and slices, so "empty" is often no data at all.
 */
export function isEmptyOption(option: EChartsOption): boolean {
  return list(option.series as AnyRecord | AnyRecord[] | undefined).every((s) =>
    list(s.data as unknown[] | undefined).every((d) => {
      const v = valueOf(d);
      return v === null || v === undefined || v === 0 || v === '-';
    }),
  );
}

/**
 * The option of an empty chart as it is shown: the title kept, series, axes and legend gone, and `text` (本期无数据 /
 * "No data for this period") in the middle of the plot. Other options pass through unchanged.
 */
export function withEmptyNotice(option: EChartsOption, text: string): EChartsOption {
  if (!isEmptyOption(option)) return option;
  const hide = (axes: unknown) =>
    Array.isArray(axes)
      ? axes.map((a: AnyRecord) => ({ ...a, show: false }))
      : axes
        ? { ...(axes as AnyRecord), show: false }
        : undefined;
  return {
    ...option,
    ...(option.xAxis ? { xAxis: hide(option.xAxis) } : {}),
    ...(option.yAxis ? { yAxis: hide(option.yAxis) } : {}),
    // No series at all: a pie of zeros draws a grey ring, zero bars their "0" labels.
    series: [],
    legend: { show: false },
    tooltip: { show: false },
    graphic: [
      ...list(option.graphic as AnyRecord | AnyRecord[] | undefined),
      {
        type: 'text',
        left: 'center',
        top: 'middle',
        silent: true,
        style: { text, fontSize: 16, fill: palette.muted },
      },
    ] as EChartsOption['graphic'],
  };
}
