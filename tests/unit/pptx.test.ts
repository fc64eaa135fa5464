import { describe, expect, it } from 'vitest';
import type { DeckMeta, DeckSlide } from '../../server/contracts/report.ts';
import { COMBO_INTERVALS, comboScale, niceStep } from '../../server/exports/chart-scale.ts';
import { addEastAsianFont, DECK_FONT, renderDeck } from '../../server/exports/pptx.ts';
import { readPptx, seriesValues, textProperties, xmlText } from '../support/pptx.ts';

const meta: DeckMeta = {
  title: '示例县行政争议化解工作联席会议材料',
  subtitle: '2025年度',
  periodLabel: '2025年1月1日—2025年12月31日',
  basisLabel: '一审；败诉率口径A',
  source: '法院行政案件数据',
  dataAsOf: '2025年12月31日',
  organisation: '示例县府院联动联席会议办公室',
};

const slides: DeckSlide[] = [
  { kind: 'cover', title: meta.title, lines: ['示例县府院联动联席会议办公室'] },
  {
    kind: 'kpis',
    title: '总体情况',
    items: [
      { label: '新收一审案件', value: '88件', change: '同比下降12.9%', tone: 'good' },
      { label: '败诉率', value: '13.0%', detail: '13/100' },
    ],
    status: { label: '全县：双降', tone: 'good' },
    paragraph: '2025年全县新收一审行政诉讼案件88件。',
    notes: '新收一审案件88件，同比下降12.9%。',
  },
  {
    kind: 'chart',
    title: '近五年收案与败诉率',
    chart: {
      type: 'combo',
      categories: ['2021', '2022', '2023'],
      series: [
        { name: '新收一审案件', values: [148, 133, 117] },
        { name: '败诉率', values: [0.153, null, 0.147], as: 'line', format: 'percent' },
      ],
    },
  },
  {
    kind: 'chart',
    title: '结案方式',
    chart: {
      type: 'doughnut',
      categories: ['判决', '调解'],
      series: [{ name: '结案方式', values: [50, 3] }],
    },
  },
  {
    kind: 'table',
    title: '各单位情况',
    columns: [{ label: '单位', align: 'left' }, { label: '败诉率' }],
    rows: [{ cells: ['示例县青山镇人民政府', '60.0%（3/5）'], flagged: [false, true] }],
  },
];

const deck = await readPptx(await renderDeck(meta, slides));

describe('PPTX writer', () => {
  it('writes one slide per spec, 16:9, with the footer on every slide', () => {
    expect(deck.slides).toHaveLength(slides.length);
    for (const slide of deck.slides) {
      const text = xmlText(slide);
      expect(text).toContain('统计期间：2025年1月1日—2025年12月31日');
      expect(text).toContain('口径：一审；败诉率口径A');
      expect(text).toContain('数据来源：法院行政案件数据');
      expect(text).toContain('数据截至：2025年12月31日');
    }
    expect(xmlText(deck.slides[4]!)).toContain('示例县青山镇人民政府');
  });

  it('regression (issue #21 item 7): footer text was 8.5 pt, too small to read when projected', () => {
    for (const slide of deck.slides) {
      const runs = [...slide.matchAll(/<a:r>(.*?)<\/a:r>/gs)].map((m) => m[1]!);
      const footer = runs.filter((r) => r.includes('统计期间') || r.includes('口径：'));
      expect(footer.length).toBeGreaterThan(0);
      for (const run of footer) expect(Number(/sz="(\d+)"/.exec(run)?.[1])).toBeGreaterThanOrEqual(900);
    }
  });

  it('embeds native charts holding the series values', () => {
    expect(deck.slideCharts[2]).toHaveLength(1);
    const combo = deck.charts.get(deck.slideCharts[2]![0]!)!;
    expect(combo).toContain('<c:barChart>');
    expect(combo).toContain('<c:lineChart>');
    const values = seriesValues(combo);
    expect(values.get('新收一审案件')).toEqual([148, 133, 117]);
    expect(values.get('败诉率')).toEqual([0.153, null, 0.147]);
    const doughnut = deck.charts.get(deck.slideCharts[3]![0]!)!;
    expect(doughnut).toContain('<c:doughnutChart>');
    expect(seriesValues(doughnut).get('结案方式')).toEqual([50, 3]);
  });

  it('gives every chart text run an East-Asian font', () => {
    expect(deck.charts.size).toBe(2);
    for (const xml of deck.charts.values()) {
      const props = textProperties(xml);
      expect(props.length).toBeGreaterThan(3);
      for (const p of props) expect(p).toContain(`<a:ea typeface="${DECK_FONT}"/>`);
    }
  });

  it('puts the slide figures into the speaker notes', () => {
    expect(xmlText(deck.notes[1]!)).toContain('新收一审案件88件，同比下降12.9%。');
    for (const notes of deck.notes) expect(xmlText(notes)).toContain('数据截至：2025年12月31日');
  });

  it('renders the same slide and chart XML every time', async () => {
    const again = await readPptx(await renderDeck(meta, slides));
    expect(again.slides).toEqual(deck.slides);
    expect([...again.charts.entries()]).toEqual([...deck.charts.entries()]);
  });
});

describe('addEastAsianFont', () => {
  it('names the deck font for Latin and East-Asian text, and fills empty properties', () => {
    expect(addEastAsianFont('<a:defRPr sz="1200"><a:latin typeface="Arial"/></a:defRPr>', 'F')).toBe(
      '<a:defRPr sz="1200"><a:latin typeface="F"/><a:ea typeface="F"/></a:defRPr>',
    );
    expect(addEastAsianFont('<a:rPr lang="zh-CN"/>', 'F')).toBe(
      '<a:rPr lang="zh-CN"><a:latin typeface="F"/><a:ea typeface="F"/></a:rPr>',
    );
    const done = '<a:latin typeface="F"/><a:ea typeface="F"/>';
    expect(addEastAsianFont('<a:latin typeface="X" charset="0"/><a:ea typeface="X"/>', 'F')).toBe(done);
  });
});

describe('combo charts (issue #21 item 7)', () => {
  it('regression: the rate axis started below zero, so 「0%」 floated mid-chart; both axes now start at 0', () => {
    const combo = deck.charts.get(deck.slideCharts[2]![0]!)!;
    const axes = [...combo.matchAll(/<c:valAx>([\s\S]*?)<\/c:valAx>/g)].map((m) => m[1]!);
    expect(axes).toHaveLength(2);
    for (const ax of axes) {
      expect(ax).toMatch(/<c:min val="0"\/>/);
      expect(ax).not.toMatch(/<c:min val="-/);
    }
    // the rate axis: 0 … its maximum in round steps, labelled as plain percentages (no blanked negative part)
    const rate = axes.find((ax) => ax.includes('formatCode="0%"'))!;
    expect(Number(/<c:max val="([\d.]+)"\/>/.exec(rate)![1])).toBeGreaterThanOrEqual(0.153);
    expect(rate).not.toContain(';;');
  });

  it('draws the rate labels as white text on badges of the line colour', () => {
    const combo = deck.charts.get(deck.slideCharts[2]![0]!)!;
    const line = /<c:lineChart>[\s\S]*?<\/c:lineChart>/.exec(combo)![0];
    expect(line).toMatch(/<c:dLbls><c:numFmt[^>]*\/><c:spPr><a:solidFill><a:srgbClr val="C0392B"\/>/);
    expect(line).toMatch(/<a:defRPr[^>]*><a:solidFill><a:srgbClr val="FFFFFF"\/>/);
  });
});

describe('comboScale (shared by the deck and the web)', () => {
  const fraction = (v: number, max: number) => v / max;

  it('starts both axes at 0 on the same number of round intervals, the bars in the lower half or less', () => {
    for (const [bars, rates] of [
      [
        [62, 148, 133, 117, 101],
        [0.125, 0.153, 0.262, 0.147, 0.139],
      ],
      [[54], [0.333]],
      [
        [3, 0, 1],
        [1, null, 0],
      ],
      [[0], [null]],
      [
        [148, 133, 117, 101, 88],
        [0.153, 0.262, 0.147, 0.139, 0.13],
      ],
      [
        [5, 11, 7, 11, 12],
        [null, 0.083, 0.333, 0.182, 0.1],
      ],
    ] as const) {
      const s = comboScale([bars], [rates]);
      expect(s.barMax / s.barStep).toBeCloseTo(COMBO_INTERVALS, 9);
      expect(s.lineMax / s.lineStep).toBeCloseTo(COMBO_INTERVALS, 9);
      expect(Number.isInteger(s.barStep)).toBe(true);
      expect(Math.max(...bars) / s.barMax).toBeLessThanOrEqual(0.53);
      for (const r of rates) if (r !== null) expect(r).toBeLessThanOrEqual(s.lineMax);
      // the line keeps its shape: its highest point is in the upper half
      const highest = Math.max(0, ...rates.map((r) => r ?? 0));
      if (highest) expect(highest / s.lineMax).toBeGreaterThanOrEqual(0.55);
    }
  });

  it('keeps every rate off the bar labels where round maxima allow (the county trend, 2020–2024)', () => {
    const bars = [62, 148, 133, 117, 101];
    const rates = [0.125, 0.153, 0.262, 0.147, 0.139];
    const s = comboScale([bars], [rates]);
    // With the first choice (300 and 30%), 2021's 15.3% sat on the label of its 148 bar.
    expect(s).not.toEqual({ barMax: 300, barStep: 60, lineMax: 0.3, lineStep: 0.06 });
    rates.forEach((r, i) => {
      const gap = fraction(r, s.lineMax) - fraction(bars[i]!, s.barMax);
      expect(gap < -0.14 || gap > 0.11, `${2020 + i}`).toBe(true);
    });
  });

  it('rounds steps to 1, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 × 10ⁿ, whole for counts', () => {
    expect(niceStep(0.0587)).toBe(0.06);
    expect(niceStep(56.2, true)).toBe(60);
    expect(niceStep(1.2, true)).toBe(2);
    expect(niceStep(0.3, true)).toBe(1);
  });
});
