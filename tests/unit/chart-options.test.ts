import { describe, expect, it } from 'vitest';
import { chartFooter, chartSubtitle } from '../../web/src/lib/charts/caption.ts';
import { rankedBarsOption } from '../../web/src/lib/charts/options/bars.ts';
import { compareOption } from '../../web/src/lib/charts/options/compare.ts';
import { donutOption } from '../../web/src/lib/charts/options/donut.ts';
import { categoryName } from '../../web/src/lib/i18n/bilingual.ts';
import { niceMax, trendOption, trendTooltip } from '../../web/src/lib/charts/options/trend.ts';

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

  it('keeps bars in the lower part and the line in the upper part, so their labels never meet', () => {
    // cases axis tops at ≥ 1.6 × the largest bar: bars fill at most 5/8 of the height
    expect(o.yAxis[0].max).toBeGreaterThanOrEqual(101 * 1.6);
    // rate axis symmetric around 0: every rate (≥ 0) is drawn in the upper half
    expect(o.yAxis[1].min).toBe(-o.yAxis[1].max);
    expect(o.yAxis[1].max).toBeGreaterThanOrEqual(17 / 122);
    expect(o.yAxis[1].axisLabel.formatter(-0.05)).toBe('');
    expect(o.yAxis[1].axisLabel.formatter(0.15)).toBe('15%');
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
    expect(chartSubtitle(result, 'zh', ['lit_loss_rate'])).toBe('2025年 · 一审 · 口径A 总体：败诉 ÷ 审结');
    expect(chartSubtitle({ ...result, filters: { ...result.filters, instances: null } }, 'en')).toBe(
      '2025 · all instances',
    );
    expect(chartSubtitle(result, 'en', ['lit_loss_rate'])).toBe('2025 · first instance · Basis A');
    expect(chartFooter(result, 'zh', '来源：X')).toBe('数据截至 2026年11月23日 17:28　来源：X');
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
