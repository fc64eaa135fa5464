import { describe, expect, it } from 'vitest';
import { chartFooter, chartSubtitle, scopeName } from '../../web/src/lib/charts/caption.ts';
import { rankedBarsOption, topWithTies } from '../../web/src/lib/charts/options/bars.ts';
import { compareOption } from '../../web/src/lib/charts/options/compare.ts';
import { donutOption } from '../../web/src/lib/charts/options/donut.ts';
import { isEmptyOption, withEmptyNotice } from '../../web/src/lib/charts/options/empty.ts';
import { categoryName } from '../../web/src/lib/i18n/bilingual.ts';
import { niceMax, percentTick, trendOption, trendTooltip } from '../../web/src/lib/charts/options/trend.ts';

type AnyRecord = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const labels = {
  title: '近五年一审收案与败诉率',
  subtitle: '2021–2025 · 一审 · 口径A',
  casesName: '新收一审案件',
  rateName: '败诉率',
  casesAxis: '案件数（件）',
  rateAxis: '败诉率',
};

describe('trend option (bars for cases, line for the rate)', () => {
  const points = [
    { label: '2024', cases: 101, rate: 17 / 122, numerator: 17, denominator: 122 },
    { label: '2025', cases: 88, rate: 0.13, numerator: 13, denominator: 100 },
  ];
  const o = trendOption(points, labels) as AnyRecord;

  it('states title and subtitle, and puts the rate on the second axis', () => {
    expect(o.title.text).toBe(labels.title);
    expect(o.title.subtext).toBe(labels.subtitle);
    expect(o.series[0].data).toEqual([101, 88]);
    expect(o.series[1].yAxisIndex).toBe(1);
    expect(o.series[1].data).toEqual([17 / 122, 0.13]);
  });

  it('regression (issue #21 item 7): the rate axis starts at 0 at the bottom, as the cases axis does', () => {
    // It ran from −max to max to lift the line above the bars, so 「0%」 sat in the middle of the chart.
    expect(o.yAxis[1].min).toBe(0);
    expect(o.yAxis[0].min).toBe(0);
    expect(o.yAxis[1].max).toBeGreaterThanOrEqual(17 / 122);
    expect(o.yAxis[1].axisLabel.formatter(0)).toBe('0%');
    // same number of intervals on both axes: the rate ticks sit on the cases axis's grid lines
    expect(o.yAxis[0].max / o.yAxis[0].interval).toBeCloseTo(o.yAxis[1].max / o.yAxis[1].interval, 9);
    // bars keep to about the lower half; the highest rate sits in the upper half
    expect(101 / o.yAxis[0].max).toBeLessThanOrEqual(0.53);
    expect(17 / 122 / o.yAxis[1].max).toBeGreaterThan(0.5);
  });

  it('labels the bars above them in ink and the rates as badges, readable where they cross', () => {
    expect(o.series[0].label).toMatchObject({ position: 'top', color: '#1b1f24' });
    expect(o.series[1].label).toMatchObject({ color: '#ffffff', backgroundColor: expect.any(String) });
    expect(o.series[1].label.formatter({ value: 0.13 })).toBe('13.0%');
  });

  it("regression (issue #21): a unit's rate badge sat on its bar's count (示例县公安局 2024: 11 cases, 18.2%)", () => {
    // The demo unit's five years: no scale keeps 2024's point off its bar's label.
    const unit = [
      { label: '2021', cases: 5, rate: null, numerator: 0, denominator: 0 },
      { label: '2022', cases: 11, rate: 1 / 12, numerator: 1, denominator: 12 },
      { label: '2023', cases: 7, rate: 1 / 3, numerator: 1, denominator: 3 },
      { label: '2024', cases: 11, rate: 2 / 11, numerator: 2, denominator: 11 },
      { label: '2025', cases: 12, rate: 0.1, numerator: 1, denominator: 10 },
    ];
    const u = trendOption(unit, labels) as AnyRecord;
    expect(u.series[0].data[3]).toEqual({ value: 11, label: { position: 'insideTop', color: '#ffffff' } });
    expect(u.series[1].data[3]).toEqual({ value: 2 / 11, label: { position: 'right', distance: 26 } });
    // the years whose labels do not meet keep them where they were
    expect(u.series[0].data[2]).toBe(7);
    expect(u.series[1].data[2]).toBe(1 / 3);
  });

  it("no rate marker or badge overlaps a bar's count, whatever the figures (labels measured on a 240 px plot)", () => {
    type Box = [x0: number, x1: number, y0: number, y1: number];
    const H = 240; // the plot's height in px (the tightest on the web, chart-scale.ts); y upwards from the axis
    const meet = (a: Box, b: Box) => a[0] < b[1] && b[0] < a[1] && a[2] < b[3] && b[2] < a[3];
    const at = (item: unknown) => (item as { label?: { position?: string } })?.label?.position ?? 'top';
    const value = (item: unknown) => (typeof item === 'object' && item ? (item as AnyRecord).value : item);
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    let moved = 0;
    for (let run = 0; run < 3000; run++) {
      const pts = Array.from({ length: 5 }, (_, i) => {
        const denominator = Math.floor(random() * 15);
        const numerator = Math.floor(random() * (denominator + 1));
        const cases = Math.floor(random() * 30);
        return {
          label: String(2021 + i),
          cases,
          rate: denominator ? numerator / denominator : null,
          numerator,
          denominator,
        };
      });
      const o = trendOption(pts, labels) as AnyRecord;
      const [barMax, lineMax] = [o.yAxis[0].max as number, o.yAxis[1].max as number];
      pts.forEach((p, i) => {
        if (p.rate === null) return;
        const f = (p.rate / lineMax) * H;
        const b = (p.cases / barMax) * H;
        const counts: Record<string, Box> = {
          top: [-10, 10, b + 5, b + 19],
          insideTop: [-10, 10, b - 19, b - 5],
          left: [-45, -25, b / 2 - 7, b / 2 + 7],
          right: [25, 45, b / 2 - 7, b / 2 + 7],
        };
        const badges: Record<string, Box> = {
          top: [-23, 23, f + 10, f + 31],
          right: [30, 76, f - 9, f + 9],
          left: [-76, -30, f - 9, f + 9],
        };
        const count = counts[at(o.series[0].data[i])]!;
        const badge = badges[at(o.series[1].data[i])]!;
        const marker: Box = [-4, 4, f - 4, f + 4];
        if (at(o.series[1].data[i]) !== 'top') moved++;
        const where = `${JSON.stringify(pts.map((q) => [q.cases, q.rate]))} year ${i}`;
        expect(p.cases === 0 || !meet(count, badge), `badge on count: ${where}`).toBe(true);
        expect(p.cases === 0 || !meet(count, marker), `marker on count: ${where}`).toBe(true);
        expect(value(o.series[0].data[i])).toBe(p.cases);
        expect(value(o.series[1].data[i])).toBe(p.rate);
      });
    }
    expect(moved).toBeGreaterThan(100); // the case is common, not a corner
  });

  it('labels a rate axis whose interval is not a whole percent with one decimal', () => {
    expect(percentTick(0.15, 0.05)).toBe('15%');
    expect(percentTick(0.015, 0.015)).toBe('1.5%');
  });

  it('shows n/N with the rate in the tooltip', () => {
    expect(trendTooltip(points[1]!, labels)).toContain('败诉率：13.0%（13/100）');
    expect(o.tooltip.formatter([{ dataIndex: 0 }])).toContain('13.9%（17/122）');
  });

  it('rounds axis maxima to 1, 2, 2.5 or 5 steps', () => {
    expect(niceMax(161.6)).toBe(250); // intervals of 10, 20, 25 reach only 125; 50 × 5 = 250
    expect(niceMax(236.8)).toBe(250);
    expect(niceMax(0.2624)).toBe(0.5);
    expect(niceMax(0.13)).toBe(0.25);
    expect(niceMax(0)).toBe(1);
  });
});

describe('ranked bars, comparison and donut', () => {
  it('ranks bars largest first (drawn top-down), drops zeros and keeps the top N', () => {
    const o = rankedBarsOption(
      [
        { label: '行政处罚', value: 19 },
        { label: '行政强制执行', value: 17 },
        { label: '其他', value: 0 },
        { label: '不履行职责', value: 12 },
      ],
      { title: '主要案由', subtitle: '2025年 · 一审', valueName: '新收一审案件' },
      { top: 2 },
    ) as AnyRecord;
    // ECharts draws the first category at the bottom, so the largest comes last
    expect(o.yAxis.data).toEqual(['行政强制执行', '行政处罚']);
    expect(o.series[0].data).toEqual([17, 19]);
    expect(o.title.subtext).toBe('2025年 · 一审');
  });

  it('sums the bars past the top N into one grey 其余 bar, so the bars add up to the figure', () => {
    const items = [19, 17, 12, 8, 7, 5, 0].map((value, i) => ({ label: `案由${i}`, value }));
    const o = rankedBarsOption(
      items,
      { title: '主要案由', subtitle: '', valueName: '新收一审案件' },
      { top: 3, rest: (n) => `其余${n}项` },
    ) as AnyRecord;
    // drawn bottom-up: the rest bar first (at the bottom), then the top three smallest first
    expect(o.yAxis.data).toEqual(['其余3项', '案由2', '案由1', '案由0']);
    expect(o.series[0].data[0]).toEqual({ value: 20, itemStyle: { color: '#8a8f98' } });
    expect(o.series[0].data.slice(1)).toEqual([12, 17, 19]);
    const values = o.series[0].data.map((d: number | AnyRecord) => (typeof d === 'number' ? d : d.value));
    expect(values.reduce((a: number, b: number) => a + b, 0)).toBe(68);
    expect(o.tooltip.formatter({ dataIndex: 0 })).toContain('案由3 8<br/>案由4 7<br/>案由5 5');
    // fewer categories than N: no rest bar
    const few = rankedBarsOption(
      items.slice(0, 2),
      { title: '', subtitle: '', valueName: '' },
      {
        top: 3,
        rest: (n) => `其余${n}项`,
      },
    ) as AnyRecord;
    expect(few.yAxis.data).toEqual(['案由1', '案由0']);
  });

  it('regression (issue #21): the units chart cut at 15 inside a tie; the units tied with the last shown stay', () => {
    expect(topWithTies([9, 7, 5, 5, 5, 2], 3)).toBe(5); // the 3rd (5) is shared by the 4th and 5th
    expect(topWithTies([9, 7, 5, 4, 4], 3)).toBe(3); // no tie at the cut
    expect(topWithTies([9, 7], 3)).toBe(2); // fewer than N
    expect(topWithTies([4, 4, 4], 2)).toBe(3); // everything tied
    const items = [8, 6, 3, 3, 3, 1].map((value, i) => ({ label: `单位${i}`, value }));
    const bars = (ties: boolean) =>
      rankedBarsOption(
        items,
        { title: '', subtitle: '', valueName: '新收一审案件' },
        { top: 3, ties },
      ) as AnyRecord;
    expect(bars(true).series[0].data).toEqual([3, 3, 3, 6, 8]);
    expect(bars(true).yAxis.data).toEqual(['单位4', '单位3', '单位2', '单位1', '单位0']);
    // without `ties` (the breakdowns, whose rest bar sums what is cut) the cut stays at N
    expect(bars(false).series[0].data).toEqual([3, 6, 8]);
  });

  it('compares groups on two panels: counts and rates never share an axis', () => {
    const o = compareOption(
      [
        { label: '县直部门', cases: 54, rate: 3 / 58, numerator: 3, denominator: 58 },
        { label: '乡镇街道', cases: 31, rate: 6 / 35, numerator: 6, denominator: 35 },
      ],
      { title: '县直部门与乡镇街道对比', subtitle: '2025年', casesName: '新收一审案件', rateName: '败诉率' },
    ) as AnyRecord;
    expect(o.grid).toHaveLength(2);
    expect(o.series.map((s: AnyRecord) => s.xAxisIndex)).toEqual([0, 1]);
    expect(o.series[1].data).toEqual([3 / 58, 6 / 35]);
    expect(o.tooltip.formatter({ dataIndex: 1 })).toContain('17.1%（6/35）');
  });

  it('draws a second count beside the first on the left panel, with a legend (issue #21 item 4)', () => {
    const o = compareOption(
      [
        { label: '县直部门', cases: 64, second: 10, rate: 10 / 87, numerator: 10, denominator: 87 },
        { label: '乡镇街道', cases: 32, second: 5, rate: 5 / 35, numerator: 5, denominator: 35 },
      ],
      {
        title: '县直部门与乡镇街道对比',
        subtitle: '2024年',
        casesName: '新收一审案件',
        secondName: '败诉',
        rateName: '败诉率',
      },
    ) as AnyRecord;
    expect(o.series.map((s: AnyRecord) => [s.name, s.xAxisIndex])).toEqual([
      ['新收一审案件', 0],
      ['败诉', 0],
      ['败诉率', 1],
    ]);
    expect(o.series[1].data).toEqual([10, 5]);
    expect(o.series[1].label.show).toBe(true);
    expect(o.legend.data).toEqual(['新收一审案件', '败诉']);
    expect(o.tooltip.formatter({ dataIndex: 0 })).toContain('败诉：10');
  });

  it('draws the donut of non-zero shares, largest first', () => {
    const o = donutOption(
      [
        { label: '调解', value: 0 },
        { label: '准予撤诉', value: 16 },
        { label: '判决', value: 59 },
      ],
      { title: '结案方式构成', subtitle: '2025年', unit: '件' },
    ) as AnyRecord;
    expect(o.series[0].data).toEqual([
      { name: '判决', value: 59 },
      { name: '准予撤诉', value: 16 },
    ]);
  });
});

describe('an empty chart says 本期无数据 instead of drawing bare axes', () => {
  const bars = (values: number[]) =>
    rankedBarsOption(
      values.map((value, i) => ({ label: `案由${i}`, value })),
      { title: '主要案由', subtitle: '全县 · 2025年', valueName: '新收一审案件' },
    );

  it('finds no value in bars without records, a donut of zeros, a trend of zeros and nulls', () => {
    expect(isEmptyOption(bars([]))).toBe(true);
    expect(isEmptyOption(bars([0, 0]))).toBe(true); // zero bars are dropped: nothing left
    expect(
      isEmptyOption(donutOption([{ label: '判决', value: 0 }], { title: '', subtitle: '', unit: '件' })),
    ).toBe(true);
    const zeros = [2024, 2025].map((y) => ({
      label: String(y),
      cases: 0,
      rate: null,
      numerator: 0,
      denominator: 0,
    }));
    expect(isEmptyOption(trendOption(zeros, labels))).toBe(true);
    expect(isEmptyOption(trendOption([{ ...zeros[0]!, cases: 1 }, zeros[1]!], labels))).toBe(false);
    expect(isEmptyOption(bars([3]))).toBe(false);
    expect(
      isEmptyOption(donutOption([{ label: '判决', value: 2 }], { title: '', subtitle: '', unit: '件' })),
    ).toBe(false);
  });

  it('keeps the title, hides axes and legend, and writes the notice in the middle', () => {
    const o = withEmptyNotice(bars([]), '本期无数据') as AnyRecord;
    expect(o.title.text).toBe('主要案由');
    expect(o.xAxis.show).toBe(false);
    expect(o.yAxis.show).toBe(false);
    expect(o.legend.show).toBe(false);
    expect(o.series).toEqual([]);
    expect(o.graphic).toEqual([
      expect.objectContaining({
        type: 'text',
        left: 'center',
        top: 'middle',
        style: expect.objectContaining({ text: '本期无数据' }),
      }),
    ]);
    const t = withEmptyNotice(trendOption([], labels), 'No data for this period') as AnyRecord;
    expect(t.yAxis.map((a: AnyRecord) => a.show)).toEqual([false, false]);
    // a chart with data passes through untouched
    const full = bars([3]);
    expect(withEmptyNotice(full, '本期无数据')).toBe(full);
  });
});

describe('donut layout (issue #21 item 9: labels ran into the legend at 1024 px and in print)', () => {
  const decisions = [
    ['维持', 109],
    ['驳回', 43],
    ['终止', 27],
    ['撤销', 22],
    ['确认违法', 13],
    ['调解', 13],
    ['和解', 11],
    ['责令履行', 4],
    ['其他', 3],
    ['变更', 2],
    ['确认无效', 1],
  ].map(([label, value]) => ({ label: label as string, value: value as number }));
  const o = donutOption(decisions, { title: '复议决定类型', subtitle: '2025年', unit: '件' }) as AnyRecord;

  it('puts the legend in rows under the ring, never beside its labels, each entry with its count', () => {
    expect(o.legend.orient).toBe('horizontal');
    expect(o.legend.bottom).toBeGreaterThanOrEqual(20); // above the footer line
    expect(o.legend.right).toBeUndefined();
    expect(o.legend.formatter('确认无效')).toBe('确认无效 1');
    expect(o.series[0].center[0]).toBe('50%');
    expect(o.series[0].label.alignTo).toBe('edge');
  });

  it('labels at most five slices, each at least 5% of the whole; the rest keep legend and tooltip', () => {
    const data = o.series[0].data as AnyRecord[];
    const labelled = data.filter((d) => d.label?.show !== false).map((d) => d.name);
    expect(labelled).toEqual(['维持', '驳回', '终止', '撤销', '确认违法']);
    expect(data.find((d) => d.name === '调解')).toMatchObject({
      label: { show: false },
      labelLine: { show: false },
    });
    expect(data).toHaveLength(11);
  });
});

describe('chart captions', () => {
  const result = {
    period: { from: '2025-01-01', to: '2025-12-31', preset: 'year', label: { zh: '2025年', en: '2025' } },
    filters: { unit_ids: null, units: null, kinds: null, groups: null, instances: ['一审'] },
    basis: { lit_loss_rate: { id: 'A', label: { zh: '口径A 总体：败诉 ÷ 审结', en: 'Basis A' } } },
    data_as_of: '2026-11-23T09:28:26.328Z',
  };

  it('states period, instance and 口径 in the subtitle, and the data-as-of time in the footer', () => {
    expect(chartSubtitle(result, 'zh', ['lit_loss_rate'])).toBe(
      '全县 · 2025年 · 一审 · 口径A 总体：败诉 ÷ 审结',
    );
    expect(chartSubtitle({ ...result, filters: { ...result.filters, instances: null } }, 'en')).toBe(
      'Whole county · 2025 · all instances',
    );
    expect(chartSubtitle(result, 'en', ['lit_loss_rate'])).toBe(
      'Whole county · 2025 · first instance · Basis A',
    );
    // The unit page's titles name the unit: its subtitles leave the scope out.
    expect(chartSubtitle(result, 'zh', [], undefined, true, false)).toBe('2025年 · 一审');
    expect(chartFooter(result, 'zh', '来源：X')).toBe('数据截至 2026年11月23日 17:28　来源：X');
  });
});

describe('the scope a figure is for', () => {
  const none = { unit_ids: null, units: null, kinds: null, groups: null };
  it('names the county, a kind, a peer group or one unit, in both languages', () => {
    expect(scopeName(none, 'zh')).toBe('全县');
    expect(scopeName(none, 'en')).toBe('Whole county');
    expect(scopeName({ ...none, kinds: ['乡镇街道'] }, 'zh')).toBe('乡镇街道');
    expect(scopeName({ ...none, kinds: ['乡镇街道'] }, 'en')).toBe('Townships and streets');
    expect(scopeName({ ...none, kinds: ['县直部门'], groups: ['执法一组'] }, 'zh')).toBe(
      '县直部门 · 执法一组',
    );
    expect(scopeName({ ...none, groups: ['执法一组'] }, 'en')).toBe('执法一组');
    const unit = { ...none, unit_ids: [7], units: [{ id: 7, code: 'A01', name: '示例县公安局' }] };
    expect(scopeName(unit, 'en')).toBe('示例县公安局');
    expect(scopeName({ ...none, unit_ids: [7, 8] }, 'zh')).toBe('所选单位');
    // The filter bar's spelling (no unit fields) works as well.
    expect(scopeName({ kinds: [], groups: [] }, 'zh')).toBe('全县');
  });
});

describe('charts in English mode name code-list values in English', () => {
  const en = categoryName('en', 'causes');

  it('bars: the axis and tooltip show the English label, the data keeps the value', () => {
    const o = rankedBarsOption(
      [
        { label: '行政处罚', value: 19 },
        { label: '示例县城市管理局', value: 3 },
      ],
      { title: 'Main causes', subtitle: '2025', valueName: 'New cases', categoryName: en },
    ) as AnyRecord;
    expect(o.yAxis.data).toEqual(['示例县城市管理局', '行政处罚']);
    expect(o.yAxis.axisLabel.formatter('行政处罚')).toBe('Administrative penalty');
    expect(o.yAxis.axisLabel.formatter('示例县城市管理局')).toBe('示例县城市管理局'); // not a code: as it is
    expect(o.tooltip.formatter({ dataIndex: 1 })).toContain('<b>Administrative penalty</b>');
  });

  it('donut: legend, slice labels and tooltip in English; the slice name stays the code', () => {
    const o = donutOption(
      [
        { label: '判决', value: 59 },
        { label: '准予撤诉', value: 16 },
      ],
      {
        title: 'Closing methods',
        subtitle: '2025',
        unit: (n) => `${n} ${n === 1 ? 'case' : 'cases'}`,
        locale: 'en',
        categoryName: categoryName('en', 'closings'),
      },
    ) as AnyRecord;
    expect(o.series[0].data[1]).toEqual({ name: '准予撤诉', value: 16 });
    expect(o.legend.formatter('准予撤诉')).toBe('Withdrawal permitted 16');
    const p = { name: '判决', value: 59, percent: 78.7 };
    // Regression (issue #21): the unit was empty in English ("59（78.7%）") and the punctuation Chinese.
    expect(o.series[0].label.formatter(p)).toBe('Judgment\n59 cases (78.7%)');
    expect(o.tooltip.formatter(p)).toBe('Judgment: 59 cases (78.7%)');
    expect(o.series[0].label.formatter({ ...p, value: 1 })).toBe('Judgment\n1 case (78.7%)');
  });

  it('comparison: unit kinds on both axes in English, clicks still get the kind', () => {
    const o = compareOption(
      [
        { label: '县直部门', cases: 54, rate: 3 / 58, numerator: 3, denominator: 58 },
        { label: '乡镇街道', cases: 31, rate: 6 / 35, numerator: 6, denominator: 35 },
      ],
      {
        title: 'By kind',
        subtitle: '2025',
        casesName: 'New cases',
        rateName: 'Loss rate',
        categoryName: categoryName('en', 'unitKinds'),
      },
    ) as AnyRecord;
    expect(o.xAxis[0].data).toEqual(['县直部门', '乡镇街道']);
    // Wrapped at word ends: on one line the two names ran into each other at 1024 px (issue #21).
    expect(o.xAxis.map((x: AnyRecord) => x.axisLabel.formatter('乡镇街道'))).toEqual([
      'Townships and\nstreets',
      'Townships and\nstreets',
    ]);
    expect(o.xAxis[0].axisLabel.formatter('县直部门')).toBe('County\ndepartments');
    expect(o.tooltip.formatter({ dataIndex: 0 })).toContain('<b>County departments</b>');
  });

  it('in Chinese the values are shown as they are', () => {
    const o = donutOption([{ label: '判决', value: 1 }], {
      title: '',
      subtitle: '',
      unit: '件',
      categoryName: categoryName('zh', 'closings'),
    }) as AnyRecord;
    expect(o.legend.formatter('判决')).toBe('判决 1');
    expect(o.series[0].label.formatter({ name: '判决', value: 1, percent: 100 })).toBe('判决\n1件（100%）');
  });
});

describe('tooltips in English use English punctuation, Chinese ones are unchanged (issue #21: 「：」「（」 in English mode)', () => {
  /** Chinese punctuation and the 件 unit, none of which belongs in an English tooltip. */
  const CHINESE_MARKS = /[：，（）；、件]/;
  const point = { label: '2025', cases: 1088, rate: 0.13, numerator: 13, denominator: 100 };
  const groups = [{ label: '县直部门', cases: 54, second: 3, rate: 3 / 58, numerator: 3, denominator: 58 }];
  const compareLabels = { title: '', subtitle: '', casesName: '', secondName: '', rateName: '' };

  it('trend', () => {
    const en = { ...labels, casesName: 'New cases', rateName: 'Loss rate', locale: 'en' as const };
    const text = trendTooltip(point, en);
    expect(text).toBe('<b>2025</b><br/>New cases: 1,088<br/>Loss rate: 13.0% (13/100)');
    expect(text).not.toMatch(CHINESE_MARKS);
    expect(trendTooltip(point, labels)).toBe(
      '<b>2025</b><br/>新收一审案件：1,088<br/>败诉率：13.0%（13/100）',
    );
    // the option's own formatter passes the locale on
    expect((trendOption([point], en) as AnyRecord).tooltip.formatter([{ dataIndex: 0 }])).toBe(text);
  });

  it('ranked bars, with a rate note and the folded rest', () => {
    const items = [
      { label: '行政处罚', value: 19, note: 'Loss rate: 10.0% (2/20)' },
      { label: '行政强制', value: 3 },
      { label: '行政许可', value: 2 },
    ];
    const o = rankedBarsOption(
      items,
      { title: '', subtitle: '', valueName: 'New cases', locale: 'en' },
      { top: 1, rest: (n) => `${n} others` },
    ) as AnyRecord;
    const tips = [0, 1].map((i) => o.tooltip.formatter({ dataIndex: i }) as string);
    expect(tips[1]).toBe('<b>行政处罚</b><br/>New cases: 19<br/>Loss rate: 10.0% (2/20)');
    expect(tips[0]).toContain('<b>2 others</b><br/>New cases: 5');
    for (const t of tips) expect(t).not.toMatch(CHINESE_MARKS);
    const zh = rankedBarsOption(items, { title: '', subtitle: '', valueName: '新收一审案件' }) as AnyRecord;
    expect(zh.tooltip.formatter({ dataIndex: 2 })).toContain('新收一审案件：19');
  });

  it('comparison, with a second count', () => {
    const en = compareOption(groups, {
      ...compareLabels,
      casesName: 'New cases',
      secondName: 'Lost',
      rateName: 'Loss rate',
      categoryName: categoryName('en', 'unitKinds'),
      locale: 'en',
    }) as AnyRecord;
    const text = en.tooltip.formatter({ dataIndex: 0 }) as string;
    expect(text).toBe('<b>County departments</b><br/>New cases: 54<br/>Lost: 3<br/>Loss rate: 5.2% (3/58)');
    expect(text).not.toMatch(CHINESE_MARKS);
    const zh = compareOption(groups, {
      ...compareLabels,
      casesName: '新收一审案件',
      secondName: '败诉',
      rateName: '败诉率',
    }) as AnyRecord;
    expect(zh.tooltip.formatter({ dataIndex: 0 })).toBe(
      '<b>县直部门</b><br/>新收一审案件：54<br/>败诉：3<br/>败诉率：5.2%（3/58）',
    );
  });
});
