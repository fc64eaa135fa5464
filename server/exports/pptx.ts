/**
 * PowerPoint writer for meeting decks (联席会议材料): 16:9, a plain government-report theme, native editable charts
 * with their data embedded, a footer on every slide (period, 口径, data source, data-as-of) and speaker notes that
 * hold each slide's figures as text.
 *
 * pptxgenjs writes chart text with a Latin font only (`<a:latin>`), so PowerPoint falls back to a Japanese or
 * default font for Chinese characters in chart titles, axes, legends and labels. `finishDeck` rewrites the chart
 * parts so every text property also names the East-Asian font (`<a:ea>`).
 */
import JSZip from 'jszip';
import pptxgen from 'pptxgenjs';
import type { DeckChart, DeckMeta, DeckSlide, Tone } from '../contracts/report.ts';
import { comboScale } from './chart-scale.ts';
import { breakLines, columnEm, TABLE_GEOMETRY } from './table-fit.ts';

// pptxgenjs's types describe a CommonJS module whose `default` is the class; Node loads its ES build, whose
// default export is the class itself.
const PptxGenJS = pptxgen as unknown as typeof pptxgen.default;
type Pptx = pptxgen.default;
type Slide = pptxgen.default.Slide;
type TextProps = pptxgen.default.TextPropsOptions;
type ChartOpts = pptxgen.default.IChartOpts;

export const DECK_FONT = 'Microsoft YaHei';

const NAVY = '1F4E79';
const RED = 'C0392B';
const INK = '1B1F24';
const MUTED = '5B6470';
const GOOD = '2E7D32';
const BAD = 'C62828';
const LINE_COLORS = ['C0392B', 'E69500'];
const SERIES_COLORS = ['1F4E79', 'C0392B', '4F81BD', '9BBB59', '8064A2', '4BACC6', 'F79646', '7F7F7F'];

const IDEOGRAPHIC_SPACE = '\u3000';
const W = 13.333; // inches, 16:9
const H = 7.5;

/** Renders the deck; the result is a .pptx file's bytes. */
export async function renderDeck(meta: DeckMeta, slides: DeckSlide[]): Promise<Buffer> {
  const pptx = new PptxGenJS();
  pptx.layout = 'LAYOUT_WIDE';
  pptx.title = meta.title;
  pptx.subject = meta.periodLabel;
  pptx.company = meta.organisation ?? '';
  pptx.author = meta.organisation ?? 'Shuangjiang';
  pptx.theme = { headFontFace: DECK_FONT, bodyFontFace: DECK_FONT };

  slides.forEach((spec, index) => {
    const slide = pptx.addSlide();
    slide.background = { color: 'FFFFFF' };
    if (spec.kind === 'cover') drawCover(slide, meta, spec);
    else {
      drawTitle(slide, spec.title);
      if (spec.kind === 'kpis') drawKpis(pptx, slide, spec);
      else if (spec.kind === 'chart') drawChart(pptx, slide, spec);
      else if (spec.kind === 'table') drawTable(slide, spec);
      else drawText(slide, spec);
    }
    drawFooter(slide, meta, index + 1, slides.length);
    slide.addNotes([spec.title, spec.notes ?? '', footerText(meta)].filter(Boolean).join('\n'));
  });

  const raw = (await pptx.write({ outputType: 'nodebuffer' })) as Buffer;
  return finishDeck(raw, DECK_FONT);
}

export function footerLines(meta: DeckMeta): [string, string] {
  return [
    [`统计期间：${meta.periodLabel}`, `数据来源：${meta.source}`, `数据截至：${meta.dataAsOf}`].join(
      IDEOGRAPHIC_SPACE,
    ),
    `口径：${meta.basisLabel}`,
  ];
}

export function footerText(meta: DeckMeta): string {
  return footerLines(meta).join(IDEOGRAPHIC_SPACE);
}

function text(size: number, extra: TextProps = {}): TextProps {
  return { fontFace: DECK_FONT, fontSize: size, color: INK, margin: 0, ...extra };
}

function drawCover(slide: Slide, meta: DeckMeta, spec: { title: string; lines: string[] }): void {
  slide.addShape('rect', { x: 0, y: 0, w: W, h: 0.35, fill: { color: NAVY }, line: { color: NAVY } });
  slide.addShape('rect', { x: 0, y: 0.35, w: W, h: 0.06, fill: { color: RED }, line: { color: RED } });
  slide.addText(
    spec.title,
    text(36, { x: 0.9, y: 2.2, w: W - 1.8, h: 1.2, bold: true, color: NAVY, align: 'center' }),
  );
  if (meta.subtitle) {
    slide.addText(
      meta.subtitle,
      text(22, { x: 0.9, y: 3.4, w: W - 1.8, h: 0.6, color: INK, align: 'center' }),
    );
  }
  slide.addText(
    spec.lines.map((line) => ({ text: line, options: { breakLine: true } })),
    text(16, { x: 0.9, y: 4.4, w: W - 1.8, h: 1.6, color: MUTED, align: 'center', paraSpaceAfter: 6 }),
  );
}

function drawTitle(slide: Slide, title: string): void {
  slide.addShape('rect', { x: 0.5, y: 0.42, w: 0.09, h: 0.5, fill: { color: NAVY }, line: { color: NAVY } });
  slide.addText(
    title,
    text(24, { x: 0.72, y: 0.35, w: W - 1.3, h: 0.64, bold: true, color: NAVY, valign: 'middle' }),
  );
  slide.addShape('line', { x: 0.5, y: 1.08, w: W - 1.0, h: 0, line: { color: RED, width: 1.5 } });
}

/** Two lines at the foot of every slide: period, source and data-as-of; then the 口径. */
function drawFooter(slide: Slide, meta: DeckMeta, page: number, pages: number): void {
  slide.addShape('line', { x: 0.5, y: H - 0.55, w: W - 1.0, h: 0, line: { color: 'D8DEE4', width: 0.75 } });
  slide.addText(
    [{ text: footerLines(meta)[0], options: { breakLine: true } }, { text: footerLines(meta)[1] }],
    text(9, { x: 0.5, y: H - 0.5, w: W - 2.0, h: 0.4, color: MUTED, valign: 'top' }),
  );
  slide.addText(
    `${page} / ${pages}`,
    text(9, { x: W - 1.5, y: H - 0.5, w: 1.0, h: 0.3, color: MUTED, align: 'right' }),
  );
}

const TONE_COLOR: Record<Tone, string> = { good: GOOD, bad: BAD, neutral: MUTED };

function drawKpis(pptx: Pptx, slide: Slide, spec: Extract<DeckSlide, { kind: 'kpis' }>): void {
  const perRow = 5;
  // Tiles over a chart are a little tighter, so two rows of them leave the chart about half the slide.
  const tight = spec.chart !== undefined;
  const gap = tight ? 0.15 : 0.2;
  const boxW = (W - 1.0 - gap * (perRow - 1)) / perRow;
  const boxH = tight ? 1.15 : 1.3;
  const valueY = tight ? 0.36 : 0.42;
  const subY = tight ? 0.78 : 0.9;
  spec.items.forEach((item, i) => {
    const x = 0.5 + (i % perRow) * (boxW + gap);
    const y = 1.35 + Math.floor(i / perRow) * (boxH + gap);
    slide.addShape('rect', {
      x,
      y,
      w: boxW,
      h: boxH,
      fill: { color: 'F4F6F8' },
      line: { color: 'D8DEE4', width: 0.75 },
    });
    slide.addText(item.label, text(12, { x: x + 0.12, y: y + 0.1, w: boxW - 0.24, h: 0.3, color: MUTED }));
    slide.addText(
      item.value,
      text(24, { x: x + 0.12, y: y + valueY, w: boxW - 0.24, h: 0.45, bold: true, color: NAVY }),
    );
    const sub = [item.change, item.detail].filter(Boolean).join(IDEOGRAPHIC_SPACE);
    if (sub) {
      slide.addText(
        sub,
        text(10.5, {
          x: x + 0.12,
          y: y + subY,
          w: boxW - 0.24,
          h: 0.34,
          color: TONE_COLOR[item.tone ?? 'neutral'],
        }),
      );
    }
  });
  const rows = Math.ceil(spec.items.length / perRow);
  let y = 1.35 + rows * (boxH + gap);
  if (spec.status) {
    slide.addText(
      spec.status.label,
      text(16, { x: 0.5, y, w: W - 1.0, h: 0.45, bold: true, color: TONE_COLOR[spec.status.tone] }),
    );
    y += 0.55;
  }
  if (spec.paragraph) {
    slide.addText(
      spec.paragraph,
      text(12.5, { x: 0.5, y, w: W - 1.0, h: H - 0.75 - y, valign: 'top', lineSpacingMultiple: 1.2 }),
    );
  }
  // The rest of the slide down to the footer rule (H − 0.55), which the tiles alone left empty.
  if (spec.chart) addChart(pptx, slide, spec.chart, { x: 0.6, y: y + 0.05, w: W - 1.2, h: H - 0.7 - y });
}

interface Area {
  x: number;
  y: number;
  w: number;
  h: number;
}

function drawChart(pptx: Pptx, slide: Slide, spec: Extract<DeckSlide, { kind: 'chart' }>): void {
  // A caption of two lines (the kinds slide's note) fits the 0.5 in under a chart.
  const area = { x: 0.6, y: 1.3, w: W - 1.2, h: spec.caption ? 4.9 : 5.5 };
  if (spec.beside) {
    const gap = 0.4;
    const w = (area.w - gap) / 2;
    addChart(pptx, slide, spec.chart, { ...area, w });
    addChart(pptx, slide, spec.beside, { ...area, x: area.x + w + gap, w });
  } else addChart(pptx, slide, spec.chart, area);
  if (spec.caption) {
    slide.addText(spec.caption, text(13, { x: 0.6, y: 6.25, w: W - 1.2, h: 0.5, color: INK, valign: 'top' }));
  }
}

/** One native chart in an area of the slide. */
function addChart(pptx: Pptx, slide: Slide, chart: DeckChart, area: Area): void {
  const fontOpts = {
    fontFace: DECK_FONT,
    titleFontFace: DECK_FONT,
    legendFontFace: DECK_FONT,
    legendFontSize: 12,
    catAxisLabelFontFace: DECK_FONT,
    catAxisLabelFontSize: 12,
    valAxisLabelFontFace: DECK_FONT,
    valAxisLabelFontSize: 11,
    valAxisTitleFontFace: DECK_FONT,
    catAxisTitleFontFace: DECK_FONT,
    dataLabelFontFace: DECK_FONT,
    dataLabelFontSize: 11,
  };
  const data = (s: DeckChart['series'][number]) => ({
    name: s.name,
    labels: chart.categories,
    values: s.values as number[], // nulls become empty points, which finishDeck removes (a gap, not a zero)
  });
  const base = {
    ...area,
    ...fontOpts,
    ...(chart.title
      ? { showTitle: true, title: chart.title, titleFontSize: 14, titleColor: INK, titleBold: true }
      : {}),
    showLegend: chart.series.length > 1 || chart.type === 'pie' || chart.type === 'doughnut',
    legendPos: 'b' as const,
    chartColors: SERIES_COLORS,
    showValue: true,
    valGridLine: { color: 'E5E8EC', size: 0.5 },
  };
  const percent = (s: DeckChart['series'][number] | undefined) => s?.format === 'percent';

  if (chart.type === 'combo') {
    const bars = chart.series.filter((s) => s.as !== 'line');
    const lines = chart.series.filter((s) => s.as === 'line');
    const values = (series: DeckChart['series']) => series.map((s) => s.values);
    const scale = comboScale(values(bars), values(lines), !percent(lines[0]));
    slide.addChart(
      [
        {
          type: pptx.ChartType.bar,
          data: bars.map(data),
          options: {
            barDir: 'col',
            chartColors: bars.length === 1 ? [NAVY] : [NAVY, '4F81BD'],
            // Above the bar, in ink: a white label inside a short bar (a unit's 2 or 3 cases) cannot be read.
            dataLabelPosition: 'outEnd',
            dataLabelColor: INK,
          },
        },
        {
          type: pptx.ChartType.line,
          data: lines.map(data),
          options: {
            // pptxgenjs fills a line's markers with chartColors[<index of the series in the whole chart>] and picks
            // a RANDOM colour when that index is past the end: give every index a colour so output is stable.
            chartColors: Array.from(
              { length: bars.length + lines.length },
              (_, k) => LINE_COLORS[(k < bars.length ? k : k - bars.length) % LINE_COLORS.length]!,
            ),
            secondaryValAxis: true,
            secondaryCatAxis: true,
            lineDataSymbol: 'circle',
            lineDataSymbolSize: 8,
            lineSize: 2,
            dataLabelPosition: 't',
            // White on a badge of the line's colour: readable where a low rate crosses a bar.
            dataLabelBkgrdColors: true,
            dataLabelColor: 'FFFFFF',
            dataLabelFormatCode: percent(lines[0]) ? '0.0%' : '#,##0',
          },
        },
      ],
      {
        ...base,
        valAxes: [
          {
            showValAxisTitle: false,
            valAxisLabelFormatCode: '#,##0',
            valAxisMinVal: 0,
            valAxisMaxVal: scale.barMax,
            valAxisMajorUnit: scale.barStep,
          },
          {
            showValAxisTitle: false,
            // From 0 at the bottom like the bars' axis, on the same number of intervals (server/exports/chart-scale.ts).
            valAxisLabelFormatCode: percent(lines[0])
              ? Number.isInteger(Math.round(scale.lineStep * 1e6) / 1e4)
                ? '0%'
                : '0.0%'
              : '#,##0',
            valAxisMinVal: 0,
            valAxisMaxVal: scale.lineMax,
            valAxisMajorUnit: scale.lineStep,
            valGridLine: { style: 'none' },
          },
        ],
        catAxes: [{ catAxisTitle: '' }, { catAxisHidden: true }],
        // A multi-type chart takes its options in the `data` position (pptxgenjs's typings miss this case).
      } as ChartOpts as unknown as unknown[],
    );
  } else if (chart.type === 'pie' || chart.type === 'doughnut') {
    slide.addChart(
      chart.type === 'pie' ? pptx.ChartType.pie : pptx.ChartType.doughnut,
      chart.series.slice(0, 1).map(data),
      {
        ...base,
        legendPos: 'r',
        // One colour per slice, cycled: pptxgenjs picks a random colour for a slice past the end of the list.
        chartColors: chart.categories.map((_, i) => SERIES_COLORS[i % SERIES_COLORS.length]!),
        showPercent: true,
        showValue: false,
        dataLabelFormatCode: '0.0%',
        dataLabelColor: 'FFFFFF',
        holeSize: 50,
      },
    );
  } else {
    const isPercent = percent(chart.series[0]);
    slide.addChart(chart.type === 'line' ? pptx.ChartType.line : pptx.ChartType.bar, chart.series.map(data), {
      ...base,
      // One series, one colour (otherwise viewers colour each bar differently).
      chartColors: chart.series.length === 1 ? [NAVY] : SERIES_COLORS,
      barDir: chart.horizontal ? 'bar' : 'col',
      barGapWidthPct: 60,
      dataLabelPosition: chart.type === 'line' ? 't' : 'outEnd',
      dataLabelFormatCode: isPercent ? '0.0%' : '#,##0',
      valAxisLabelFormatCode: isPercent ? '0%' : '#,##0',
      valAxisMinVal: 0,
      catAxisOrientation: chart.horizontal ? 'maxMin' : 'minMax',
      lineDataSymbol: 'circle',
      lineSize: 2,
    } as ChartOpts);
  }
}

type TableSpec = Extract<DeckSlide, { kind: 'table' }>;

/**
 * How a table slide is laid out: column widths in inches, the font size and each cell's lines. A fitted table
 * (server/exports/table-fit.ts) breaks its own lines, where a reader expects them — never inside brackets or
 * numbers; a table built before fitting (a frozen snapshot) has no font size and is drawn as it was then, at
 * 11 pt, its lines left to the viewer.
 */
export function tableLayout(spec: TableSpec): {
  colW: number[];
  fontSize: number;
  lines: (cell: string, column: number) => string[];
} {
  const g = TABLE_GEOMETRY;
  const fontSize = spec.fontSize ?? g.maxFontSize;
  const totalWidth = spec.columns.reduce((s, c) => s + (c.width ?? 1), 0);
  const colW = spec.columns.map((c) => ((c.width ?? 1) / totalWidth) * g.width);
  return {
    colW,
    fontSize,
    lines: (cell, i) => (spec.fontSize ? breakLines(cell, columnEm(colW[i]!, fontSize)) : [cell]),
  };
}

function drawTable(slide: Slide, spec: TableSpec): void {
  const g = TABLE_GEOMETRY;
  const { colW, fontSize, lines } = tableLayout(spec);
  if (spec.subtitle) {
    slide.addText(
      spec.subtitle,
      text(12, { x: g.x, y: 1.16, w: g.width, h: 0.34, color: MUTED, valign: 'middle' }),
    );
  }
  const header = spec.columns.map((c) => ({
    text: c.label,
    options: {
      bold: true,
      color: 'FFFFFF',
      fill: { color: NAVY },
      align: c.align ?? 'center',
      fontFace: DECK_FONT,
    },
  }));
  const body = spec.rows.map((row, r) =>
    row.cells.map((cell, i) => ({
      text: lines(cell, i).join('\n'),
      options: {
        fontFace: DECK_FONT,
        align: spec.columns[i]?.align ?? 'center',
        color: row.flagged?.[i] ? BAD : INK,
        bold: row.flagged?.[i] ?? false,
        fill: { color: r % 2 ? 'F4F6F8' : 'FFFFFF' },
      },
    })),
  );
  slide.addTable([header, ...body], {
    x: g.x,
    y: spec.subtitle ? g.topWithSubtitle : g.top,
    w: g.width,
    colW,
    fontSize,
    fontFace: DECK_FONT,
    border: { type: 'solid', pt: 0.5, color: 'C8CED6' },
    rowH: g.minRowHeight,
    valign: 'middle',
    autoPage: false,
  });
  if (spec.caption)
    slide.addText(spec.caption, text(11, { x: g.x, y: g.captionTop, w: g.width, h: 0.35, color: MUTED }));
}

/** 'label（n个）：…' → [label part, rest]: a text slide's paragraph leads with its heading (a warning and its count). */
export function splitLead(p: string): [string, string] {
  const i = p.indexOf('：');
  return i > 0 && i < 40 ? [p.slice(0, i + 1), p.slice(i + 1)] : ['', p];
}

function drawText(slide: Slide, spec: Extract<DeckSlide, { kind: 'text' }>): void {
  slide.addText(
    spec.paragraphs.flatMap((p) => {
      const [lead, rest] = splitLead(p);
      return [
        ...(lead ? [{ text: lead, options: { bold: true, color: BAD } }] : []),
        { text: rest, options: { breakLine: true } },
      ];
    }),
    text(13, {
      x: 0.6,
      y: 1.35,
      w: W - 1.2,
      h: H - 2.0,
      valign: 'top',
      paraSpaceAfter: 8,
      lineSpacingMultiple: 1.25,
    }),
  );
}

/**
 * Post-processing of the written file:
 * - pptxgenjs numbers chart parts with a counter global to the process, so the second deck a server renders has
 *   chart7.xml where the first had chart1.xml; renumbering from 1 makes a deck's slide and chart XML depend only
 *   on its content (a frozen report regenerates identically);
 * - every text property in a chart part gets the East-Asian font too (see addEastAsianFont).
 */
export async function finishDeck(pptx: Buffer, font: string): Promise<Buffer> {
  const zip = await JSZip.loadAsync(pptx);
  const numbered = (re: RegExp) =>
    [...new Set(Object.keys(zip.files).flatMap((n) => [...n.matchAll(re)].map((m) => Number(m[1]))))].sort(
      (a, b) => a - b,
    );
  const chartIds = numbered(/ppt\/charts\/chart(\d+)\.xml$/g);
  const sheetIds = numbered(/Microsoft_Excel_Worksheet(\d+)\.xlsx$/g);
  const chartNo = new Map(chartIds.map((id, i) => [id, i + 1]));
  const sheetNo = new Map(sheetIds.map((id, i) => [id, i + 1]));
  const rename = (text: string) =>
    text
      .replace(/\bchart(\d+)\.xml/g, (_m, d: string) => `chart${chartNo.get(Number(d)) ?? d}.xml`)
      .replace(
        /Microsoft_Excel_Worksheet(\d+)\.xlsx/g,
        (_m, d: string) => `Microsoft_Excel_Worksheet${sheetNo.get(Number(d)) ?? d}.xlsx`,
      );

  // Entries in the order of their final names (natural order: chart2 before chart10), so equal decks are
  // equal zips.
  const entries = Object.keys(zip.files)
    .filter((name) => !zip.files[name]!.dir)
    .map((name) => ({ name, target: rename(name) }))
    .sort((a, b) => a.target.localeCompare(b.target, 'en', { numeric: true }));
  const out = new JSZip();
  for (const { name, target } of entries) {
    const entry = zip.files[name]!;
    if (/\.(xml|rels)$/.test(name)) {
      let xml = rename(await entry.async('string'));
      if (/^ppt\/charts\/chart\d+\.xml$/.test(target)) xml = dropEmptyPoints(addEastAsianFont(xml, font));
      out.file(target, xml, FIXED_DATE);
    } else {
      out.file(target, await entry.async('nodebuffer'), FIXED_DATE);
    }
  }
  return out.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/** Zip entry dates fixed, so the same deck gives the same bytes (apart from the embedded chart workbooks). */
const FIXED_DATE = { date: new Date('2000-01-01T00:00:00Z') };

/**
 * Every text property of a chart part names the deck font for both Latin and East-Asian text (pptxgenjs writes
 * `<a:latin>` only, and Arial in places no option reaches); empty text properties get both fonts.
 */
export function addEastAsianFont(xml: string, font: string): string {
  const fonts = `<a:latin typeface="${font}"/><a:ea typeface="${font}"/>`;
  return xml
    .replace(/<a:ea typeface="[^"]*"[^>]*\/>/g, '')
    .replace(/<a:latin typeface="[^"]*"[^>]*\/>/g, fonts)
    .replace(/<a:(defRPr|rPr|endParaRPr)([^>]*?)\/>/g, `<a:$1$2>${fonts}</a:$1>`);
}

/** A null value is written as an empty point, which some viewers draw as 0: leave the point out instead. */
export function dropEmptyPoints(xml: string): string {
  return xml.replace(/<c:pt idx="\d+">\s*<c:v><\/c:v>\s*<\/c:pt>/g, '');
}
