import { execFileSync } from 'node:child_process';
import type { DeckSlide } from '../../server/contracts/report.ts';
import { tableLayout } from '../../server/exports/pptx.ts';
import { TABLE_GEOMETRY } from '../../server/exports/table-fit.ts';

interface Word {
  x0: number;
  x1: number;
  y0: number;
  text: string;
}

/** What went wrong on one rendered line of a table column. */
export interface BadLine {
  page: number;
  title: string;
  column: string;
  line: string;
  why: string;
}

/** Every word on each page of a PDF with its box, in points (`pdftotext -bbox`). */
export function pdfWords(file: string): Word[][] {
  const html = execFileSync('pdftotext', ['-bbox', file, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  return html
    .split(/<page\b/)
    .slice(1)
    .map((page) =>
      [
        ...page.matchAll(
          /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<\/word>/g,
        ),
      ].map((m) => ({
        x0: Number(m[1]),
        y0: Number(m[2]),
        x1: Number(m[3]),
        text: unescape(m[4]!),
      })),
    );
}

function unescape(s: string): string {
  return s
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"');
}

const squeeze = (s: string) => s.replace(/\s+/g, '');

/**
 * The rendered lines of each table slide, column by column (words placed in the column their centre falls in,
 * grouped by baseline), checked against what the writer laid out: a line must be one of the lines the writer put
 * in a cell of that column (so the renderer wrapped nothing itself), hold as many closing brackets as opening
 * ones, and not start or end inside a fraction or a decimal (「11/1」 + 「2」). Besides: a column meant for one
 * line is laid out on one line (unless the table is at the smallest size), and every laid-out line is rendered
 * above the caption.
 */
export function badTableLines(slides: DeckSlide[], pages: Word[][]): BadLine[] {
  const bad: BadLine[] = [];
  const pt = 72;
  slides.forEach((slide, index) => {
    if (slide.kind !== 'table') return;
    const layout = tableLayout(slide);
    const words = pages[index] ?? [];
    const top = ((slide.subtitle ? TABLE_GEOMETRY.topWithSubtitle : TABLE_GEOMETRY.top) - 0.05) * pt;
    const bottom = TABLE_GEOMETRY.captionTop * pt;
    const edges = layout.colW.reduce<number[]>(
      (acc, w) => [...acc, acc.at(-1)! + w * pt],
      [TABLE_GEOMETRY.x * pt],
    );
    slide.columns.forEach((column, c) => {
      const expected = new Set([
        squeeze(column.label),
        ...slide.rows.flatMap((r) => layout.lines(r.cells[c] ?? '', c).map(squeeze)),
      ]);
      const inColumn = words.filter((w) => {
        const mid = (w.x0 + w.x1) / 2;
        return w.y0 >= top && w.y0 < bottom && mid >= edges[c]! && mid < edges[c + 1]!;
      });
      const rendered = groupLines(inColumn);
      const laidOut = slide.rows.map((r) => layout.lines(r.cells[c] ?? '', c));
      const report0 = (line: string, why: string) =>
        bad.push({ page: index + 1, title: slide.title, column: column.label, line, why });
      // Only a table that would not fit at the smallest size breaks a column meant for one line.
      if (!column.wrap && layout.fontSize > TABLE_GEOMETRY.minFontSize)
        for (const lines of laidOut) if (lines.length > 1) report0(lines.join('/'), 'one-line column broken');
      const count = 1 + laidOut.flat().filter((l) => squeeze(l) !== '').length;
      if (rendered.length !== count)
        report0(`${rendered.length} of ${count} lines`, 'lines missing: the table runs past the caption');
      for (const line of rendered) {
        const report = (why: string) => report0(line, why);
        const opens = (line.match(/[（(〔]/g) ?? []).length;
        const closes = (line.match(/[）)〕]/g) ?? []).length;
        if (opens !== closes) report('brackets split over lines');
        else if (/^[/.]|[/.]$/.test(line) || /\d\/$|^\/\d/.test(line)) report('number split over lines');
        else if (!expected.has(line)) report('wrapped where the writer did not break');
      }
    });
  });
  return bad;
}

/** Words of one column as lines of text, top to bottom (same baseline within 2 pt). */
function groupLines(words: Word[]): string[] {
  const sorted = [...words].sort((a, b) => a.y0 - b.y0 || a.x0 - b.x0);
  const lines: Word[][] = [];
  for (const w of sorted) {
    const last = lines.at(-1);
    if (last && Math.abs(last[0]!.y0 - w.y0) < 2) last.push(w);
    else lines.push([w]);
  }
  return lines.map((l) =>
    squeeze(
      l
        .sort((a, b) => a.x0 - b.x0)
        .map((w) => w.text)
        .join(''),
    ),
  );
}
