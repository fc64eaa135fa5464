import { describe, expect, it } from 'vitest';
import type { DeckMeta, DeckSlide } from '../../server/contracts/report.ts';
import { addEastAsianFont, comboScale, DECK_FONT, renderDeck } from '../../server/exports/pptx.ts';
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

describe('comboScale', () => {
  it('keeps the bars in the lower part of the plot and the line above them', () => {
    const s = comboScale([{ name: 'n', values: [148, 88] }], [{ name: 'r', values: [0.26, null] }]);
    expect(s.barMax).toBeGreaterThanOrEqual(148 * 1.9);
    expect(s.lineMin).toBeLessThanOrEqual(-0.26 * 1.8);
    expect(s.lineMax).toBeGreaterThanOrEqual(0.26 * 1.15);
    // the line's zero is higher in the plot than the tallest bar plus room for its label
    for (const [bars, rates] of [
      [
        [148, 88],
        [0.26, null],
      ],
      [
        [31, 4, 54, 3],
        [0.171, 0.25, 0.052, 0.333],
      ],
    ] as const) {
      const k = comboScale([{ name: 'n', values: [...bars] }], [{ name: 'r', values: [...rates] }]);
      const zero = -k.lineMin / (k.lineMax - k.lineMin);
      expect(zero).toBeGreaterThan(Math.max(...bars) / k.barMax + 0.04);
    }
  });

  it('puts both ends of the line axis on a round step, so its labels are round', () => {
    const s = comboScale([{ name: 'n', values: [148, 88] }], [{ name: 'r', values: [0.262, 0.13] }]);
    expect(s.lineStep).toBe(0.1);
    expect(s.lineMin).toBe(-0.5);
    expect(s.lineMax).toBe(0.4);
    const k = comboScale([{ name: 'n', values: [54] }], [{ name: 'r', values: [0.333, 0.052] }]);
    expect(
      [k.lineMin / k.lineStep, k.lineMax / k.lineStep].every((x) => Math.abs(x - Math.round(x)) < 1e-9),
    ).toBe(true);
  });
});
