import { describe, expect, it } from 'vitest';
import { renderDeck, tableLayout } from '../../server/exports/pptx.ts';
import {
  balancePages,
  breakLines,
  columnEm,
  fitTable,
  TABLE_GEOMETRY,
  textWidthEm,
  unbreakablePieces,
} from '../../server/exports/table-fit.ts';
import { tableSlides } from '../../server/services/report/report-table-pages.ts';
import { readPptx, xmlText } from '../support/pptx.ts';

/** The units table's header as report-unit-slides.ts builds it. */
const UNIT_COLUMNS = [
  { label: '单位' },
  { label: '类型' },
  { label: '排名' },
  { label: '新收' },
  { label: '同比' },
  { label: '审结' },
  { label: '败诉' },
  { label: '败诉率（n/N）' },
  { label: '出庭率（n/N）' },
  { label: '双降' },
  { label: '预警', wrap: true },
];
const unitRow = (name: string, rate: string, warnings = '—') => [
  name,
  '县直部门',
  '3',
  '12',
  '+1',
  '10',
  '1',
  '10.0%（1/10）',
  rate,
  '单降',
  warnings,
];

describe('textWidthEm', () => {
  it('counts an ideograph or full-width bracket as 1 em and a digit as about 0.7 em (bold)', () => {
    expect(textWidthEm('示例县')).toBeCloseTo(3 * 1.06, 5);
    expect(textWidthEm('11')).toBeGreaterThan(1.2);
    expect(textWidthEm('11')).toBeLessThan(1.6);
    // the renderer's space between Asian and Latin text is counted too
    expect(textWidthEm('1（1')).toBeGreaterThan(textWidthEm('1') * 2 + textWidthEm('（'));
  });
});

describe('unbreakablePieces', () => {
  it('breaks after list marks and between ideographs, never inside brackets, numbers or fractions', () => {
    expect(unbreakablePieces('出庭未达标、收案上升')).toEqual([
      '出',
      '庭',
      '未',
      '达',
      '标、',
      '收',
      '案',
      '上',
      '升',
    ]);
    expect(unbreakablePieces('91.7%（11/12）')).toEqual(['91.7%（11/12）']);
    expect(unbreakablePieces('案件数（法释〔2020〕3号）')).toEqual(['案', '件', '数（法释〔2020〕3号）']);
  });
});

describe('breakLines', () => {
  it('fills lines piece by piece and never splits a bracketed group', () => {
    const text = '开庭审理的审结案件中，行政机关负责人出庭应诉的案件数（法释〔2020〕3号）';
    const lines = breakLines(text, 22 * 1.06);
    expect(lines.join('')).toBe(text);
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) {
      expect((line.match(/（/g) ?? []).length).toBe((line.match(/）/g) ?? []).length);
      expect(textWidthEm(line)).toBeLessThanOrEqual(22 * 1.06 + 1e-6);
    }
  });
});

describe('breakLines at list marks', () => {
  it('breaks a warnings list after 、 rather than inside a term, when that keeps half the line', () => {
    const text = '败诉率高、出庭未达标、收案上升、负责人缺席';
    const lines = breakLines(text, textWidthEm('败诉率高、出庭未达标、收案上升、负'));
    expect(lines).toEqual(['败诉率高、出庭未达标、收案上升、', '负责人缺席']);
  });
});

describe('fitTable', () => {
  it('gives every one-line column the room of its widest cell, at 11 pt when that fits', () => {
    const rows = [
      unitRow('示例县人力资源和社会保障局', '91.7%（11/12）', '出庭未达标、负责人缺席'),
      unitRow('示例县公安局', '90.0%（9/10）', '出庭未达标、收案上升、负责人缺席'),
    ];
    const fit = fitTable(UNIT_COLUMNS, rows);
    expect(fit.fontSize).toBe(11);
    expect(fit.widths.reduce((a, b) => a + b, 0)).toBeCloseTo(TABLE_GEOMETRY.width, 6);
    UNIT_COLUMNS.forEach((c, i) => {
      if (c.wrap) return;
      for (const text of [c.label, ...rows.map((r) => r[i]!)])
        expect(breakLines(text, columnEm(fit.widths[i]!, fit.fontSize))).toEqual([text]);
    });
  });

  it('shrinks the font, down to 9 pt, when the one-line columns do not fit at 11 pt', () => {
    const long = '示例县人民政府办公室（县政府外事办公室、县金融工作办公室）';
    const fit = fitTable(UNIT_COLUMNS, [unitRow(long, '100.0%（12/12）')]);
    expect(fit.fontSize).toBeLessThan(11);
    expect(fit.fontSize).toBeGreaterThanOrEqual(9);
    expect(breakLines(long, columnEm(fit.widths[0]!, fit.fontSize))).toEqual([long]);
  });

  it('at the 9 pt floor breaks a too-long name between ideographs, but not inside its brackets', () => {
    const longer = '示例县人民政府办公室（县政府外事办公室、县金融工作办公室、县机关事务服务中心）附属单位';
    const fit = fitTable(UNIT_COLUMNS, [unitRow(longer, '100.0%（12/12）')]);
    expect(fit.fontSize).toBe(9);
    const lines = breakLines(longer, columnEm(fit.widths[0]!, fit.fontSize));
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.some((l) => l.includes('（') && l.includes('）'))).toBe(true);
    expect(breakLines('100.0%（12/12）', columnEm(fit.widths[8]!, fit.fontSize))).toHaveLength(1);
  });
});

describe('balancePages', () => {
  it('regression (issue #21 item 5): 23 rows over two pages are 12 + 11, never 22 + 1', () => {
    expect(balancePages(Array(23).fill(0.3), 22 * 0.3)).toEqual([12, 11]);
    expect(balancePages(Array(39).fill(0.3), 15 * 0.3)).toEqual([13, 13, 13]);
    expect(balancePages(Array(5).fill(0.3), 15 * 0.3)).toEqual([5]);
  });

  it('takes a page more when tall rows would overflow an even split', () => {
    const heights = [...Array(10).fill(0.47), ...Array(10).fill(0.3)];
    const sizes = balancePages(heights, 4.5);
    let start = 0;
    for (const n of sizes) {
      expect(heights.slice(start, start + n).reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(4.5);
      start += n;
    }
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
  });
});

describe('tableSlides', () => {
  const rows = Array.from({ length: 23 }, (_, i) => ({
    cells: unitRow(`示例县第${i + 1}单位`, '90.0%（9/10）', i % 3 ? '—' : '出庭未达标、收案上升、负责人缺席'),
  }));
  const slides = tableSlides({
    title: '各单位情况',
    columns: UNIT_COLUMNS,
    rows,
    subtitle: '按排名排序',
    notes: (page) => page.map((r) => r.cells[0]).join('\n'),
  });

  it('gives every page the same widths and font, balanced pages and the order under the title', () => {
    expect(slides.map((s) => s.rows.length)).toEqual([12, 11]);
    expect(slides.map((s) => s.title)).toEqual(['各单位情况（1/2）', '各单位情况（2/2）']);
    expect(slides[1]!.columns).toEqual(slides[0]!.columns);
    expect(slides.every((s) => s.fontSize === 11 && s.subtitle === '按排名排序')).toBe(true);
  });

  it('regression: a column fitted exactly to its widest cell lost that cell to rounding and wrapped it', () => {
    // A long 预警 list makes that column wrap and leaves the others exactly as wide as their widest cell.
    const tight = tableSlides({
      title: '各单位情况',
      columns: UNIT_COLUMNS,
      rows: ['示例县石桥镇人民政府', '示例县东关街道办事处'].map((name) => ({
        cells: unitRow(name, '77.8%（7/9）', '败诉率高、出庭未达标、收案上升、负责人缺席'),
      })),
      notes: () => '',
    })[0]!;
    const layout = tableLayout(tight);
    expect(layout.lines(tight.rows[0]!.cells[10]!, 10).length).toBeGreaterThan(1);
    for (const row of tight.rows)
      row.cells.forEach((cell, i) => {
        if (!UNIT_COLUMNS[i]!.wrap) expect(layout.lines(cell, i)).toEqual([cell]);
      });
  });

  it('writes the subtitle, the fitted font size and its own line breaks into the slide', async () => {
    const deck = await readPptx(
      await renderDeck(
        {
          title: 't',
          periodLabel: 'p',
          basisLabel: 'b',
          source: 's',
          dataAsOf: 'd',
        },
        slides,
      ),
    );
    const xml = deck.slides[0]!;
    expect(xmlText(xml)).toContain('按排名排序');
    expect(xml).toContain('sz="1100"');
    const layout = tableLayout(slides[0]!);
    expect(layout.lines('90.0%（9/10）', 8)).toEqual(['90.0%（9/10）']);
  });
});
