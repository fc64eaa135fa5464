/**
 * Sizing the deck's tables from their text, so a cell such as 「90.0%（9/10）」 never wraps its closing bracket and
 * 「11/12」 is never split across lines (issue #21 item 5).
 *
 * Widths are estimated, not measured by a renderer: an ideograph or full-width mark is 1 em; Latin letters, digits
 * and ASCII punctuation take their advance in DejaVu Sans Bold — the widest face a viewer is likely to draw them in
 * (LibreOffice substitutes DejaVu Sans for a missing Microsoft YaHei; YaHei's own digits are narrower), in bold
 * because flagged cells and the header are bold. A small slack covers kerning and rounding in the renderer.
 */

/** Where the writer puts a table, in inches on the 13.333 × 7.5 in slide (server/exports/pptx.ts draws with these). */
export const TABLE_GEOMETRY = {
  x: 0.5,
  width: 12.333,
  /** Top of the table; with a subtitle line under the slide title. */
  top: 1.3,
  topWithSubtitle: 1.6,
  /** The caption line's top: the table must end above it. */
  captionTop: 6.55,
  /** Cell margins (pptxgenjs's default 0.1 in left and right, 0.05 in top and bottom). */
  marginX: 0.1,
  marginY: 0.05,
  minRowHeight: 0.3,
  maxFontSize: 11,
  minFontSize: 9,
};

/** DejaVu Sans Bold advances, in em, of the printable ASCII characters U+0020 … U+007E. */
const ASCII_EM = [
  0.348, 0.456, 0.521, 0.838, 0.696, 1.002, 0.872, 0.306, 0.457, 0.457, 0.523, 0.838, 0.38, 0.415, 0.38,
  0.365, 0.696, 0.696, 0.696, 0.696, 0.696, 0.696, 0.696, 0.696, 0.696, 0.696, 0.4, 0.4, 0.838, 0.838, 0.838,
  0.58, 1, 0.774, 0.762, 0.734, 0.83, 0.683, 0.683, 0.821, 0.837, 0.372, 0.372, 0.775, 0.637, 0.995, 0.837,
  0.85, 0.733, 0.85, 0.77, 0.72, 0.682, 0.812, 0.774, 1.103, 0.771, 0.724, 0.725, 0.457, 0.365, 0.457, 0.838,
  0.5, 0.5, 0.675, 0.716, 0.593, 0.716, 0.678, 0.435, 0.716, 0.712, 0.343, 0.343, 0.665, 0.343, 1.042, 0.712,
  0.687, 0.716, 0.716, 0.493, 0.595, 0.478, 0.712, 0.652, 0.924, 0.645, 0.652, 0.582, 0.712, 0.365, 0.712,
  0.838,
];
/** Renderers kern, round and hint: estimates are stretched by this much. */
const SLACK = 1.06;
const LINE_HEIGHT = 1.2; // × font size, single-spaced CJK text

/**
 * LibreOffice's default "autospace" puts about a quarter em between Asian and Latin text, e.g. on both sides of
 * the brackets of 「91.7%（11/12）」 (measured in its PDF: 2.6 pt at 11 pt).
 */
const AUTOSPACE_EM = 0.25;

/** The estimated width of `text` in em of the font size. */
export function textWidthEm(text: string): number {
  let em = 0;
  let prevWide: boolean | null = null;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    const wide = code >= 0x2000;
    if (code >= 0x20 && code <= 0x7e) em += ASCII_EM[code - 0x20]!;
    else if (!wide)
      em += 0.7; // Latin-1 and other alphabets: a wide Latin letter
    else em += 1; // ideographs, full-width brackets and marks, ÷ — and the like
    if (ch !== ' ' && prevWide !== null && prevWide !== wide) em += AUTOSPACE_EM;
    prevWide = ch === ' ' ? null : wide;
  }
  return em * SLACK;
}

const BREAK_AFTER = new Set([...'、，；。：！？,; ']);
const OPEN = new Set([...'（(《【“〔']);
const CLOSE = new Set([...'）)》】”〕']);
const HAN = /\p{Script=Han}/u;

/**
 * The pieces a cell may be broken into, following the line-breaking a reader expects: after a list or clause mark
 * (、，；。：) or a space, or between two ideographs — never inside brackets and never inside a number, a fraction
 * or a Latin word.
 */
export function unbreakablePieces(text: string): string[] {
  const pieces: string[] = [];
  let current = '';
  let depth = 0;
  let prev = '';
  for (const ch of text) {
    const canBreak =
      current !== '' && depth === 0 && (BREAK_AFTER.has(prev) || (HAN.test(prev) && HAN.test(ch)));
    if (canBreak) {
      pieces.push(current);
      current = '';
    }
    current += ch;
    if (OPEN.has(ch)) depth += 1;
    else if (CLOSE.has(ch)) depth = Math.max(0, depth - 1);
    prev = ch;
  }
  if (current) pieces.push(current);
  return pieces;
}

export interface FitColumn {
  label: string;
  /** Text meant to flow over several lines (a definition, a list of warnings); other columns keep to one line. */
  wrap?: boolean | undefined;
}

export interface TableFit {
  fontSize: number;
  /** Column widths in inches, summing to the table width. */
  widths: number[];
  /** Each body row's estimated height in inches (wrapped cells make a row taller). */
  rowHeights: number[];
  headerHeight: number;
}

/**
 * Column widths and one font size for a table whose header is `columns` and body `rows` (all its pages, so every
 * page of it looks the same). The largest font size from 11 pt down to 9 pt at which every cell stays on one line
 * or, failing that, only the columns marked `wrap` break (at their break chances); a size readable from the back
 * of the room beats keeping a definition on one line. If nothing fits at 9 pt, any column breaks at its break
 * chances (never inside brackets or numbers).
 * Room left over goes first to the columns that would wrap, then to every column in proportion to its width.
 */
export function fitTable(
  columns: readonly FitColumn[],
  rows: readonly (readonly string[])[],
  width: number = TABLE_GEOMETRY.width,
): TableFit {
  const g = TABLE_GEOMETRY;
  const texts = columns.map((c, i) => [c.label, ...rows.map((r) => r[i] ?? '')]);
  const oneLine = texts.map((list) => Math.max(0, ...list.map(textWidthEm)));
  const piece = texts.map((list) =>
    Math.max(0, ...list.flatMap((t) => unbreakablePieces(t).map(textWidthEm))),
  );
  const inches = (em: number, pt: number) => (em * pt) / 72 + 2 * g.marginX;
  const sizes: number[] = [];
  for (let pt = g.maxFontSize; pt >= g.minFontSize - 1e-9; pt -= 0.5) sizes.push(pt);

  const attempt = (pt: number, wraps: (i: number) => boolean): number[] | null => {
    const need = columns.map((_, i) => inches(wraps(i) ? piece[i]! : oneLine[i]!, pt));
    return sum(need) <= width + 1e-9 ? need : null;
  };
  let fontSize = g.minFontSize;
  let need: number[] | null = null;
  for (const pt of sizes) {
    need = attempt(pt, () => false) ?? attempt(pt, (i) => columns[i]!.wrap === true);
    if (need) {
      fontSize = pt;
      break;
    }
  }
  if (!need) {
    // Nothing fits whole even at the floor: every column takes its widest unbreakable piece (scaled down if even
    // those overflow, which only a pathological cell would cause).
    const pieces = columns.map((_, i) => inches(piece[i]!, fontSize));
    const k = Math.min(1, width / sum(pieces));
    need = pieces.map((w) => w * k);
  }

  const full = columns.map((_, i) => inches(oneLine[i]!, fontSize));
  const widths = [...need];
  let spare = width - sum(widths);
  const deficits = widths.map((w, i) => Math.max(0, full[i]! - w));
  const deficit = sum(deficits);
  if (deficit > 0 && spare > 0) {
    const share = Math.min(1, spare / deficit);
    deficits.forEach((d, i) => (widths[i]! += d * share));
    spare = width - sum(widths);
  }
  if (spare > 0) {
    const total = sum(widths);
    widths.forEach((w, i) => (widths[i] = w + (spare * w) / total));
  }

  const lineIn = (fontSize * LINE_HEIGHT) / 72;
  const height = (cells: readonly string[]) => {
    const lines = Math.max(1, ...cells.map((t, i) => breakLines(t, columnEm(widths[i]!, fontSize)).length));
    return Math.max(g.minRowHeight, lines * lineIn + 2 * g.marginY);
  };
  return {
    fontSize,
    widths,
    rowHeights: rows.map(height),
    headerHeight: height(columns.map((c) => c.label)),
  };
}

/**
 * `text` broken into the lines it takes in a column `em` wide, filled greedily piece by piece; a line that would
 * overflow goes back to its last list or clause mark (、，；) when that keeps at least half the line, so
 * 「出庭未达标、负责人缺席」 breaks after 、 rather than inside 负责人. The writer puts these breaks into the cell
 * itself: left to itself, LibreOffice breaks a long line between any two ideographs, inside brackets too
 * (「（法释〔2020〕」 / 「3号）」), and even between characters tied by a word joiner.
 */
export function breakLines(text: string, em: number): string[] {
  const lines: string[] = [];
  let line: string[] = [];
  const width = (pieces: string[]) => textWidthEm(pieces.join(''));
  for (const p of unbreakablePieces(text)) {
    if (line.length && width([...line, p]) > em + ROUNDING_EM) {
      const mark = line.findLastIndex((q) => BREAK_AFTER.has(q.at(-1) ?? ''));
      const cut = mark >= 0 && width(line.slice(0, mark + 1)) >= em / 2 ? mark + 1 : line.length;
      lines.push(line.slice(0, cut).join('').trimEnd());
      line = line.slice(cut);
      if (line.length && width([...line, p]) > em + ROUNDING_EM) {
        lines.push(line.join('').trimEnd());
        line = [];
      }
    }
    line.push(p);
  }
  lines.push(line.join(''));
  return lines.map((l) => l.trim());
}

/**
 * The model keeps widths to a thousandth of an inch (report-table-pages.ts), which can take up to 0.005 em from a
 * column fitted exactly to its widest cell; the estimate's slack covers far more than this tolerance.
 */
const ROUNDING_EM = 0.02;

/** The text width, in em, a column `inches` wide holds at `fontSize`. */
export function columnEm(inches: number, fontSize: number): number {
  return ((inches - 2 * TABLE_GEOMETRY.marginX) * 72) / fontSize;
}

/**
 * Rows split into pages that each fit `budget` inches of body and are as even as they can be: 23 rows that need
 * two pages become 12 + 11, never 22 + 1 (a slide holding one leftover row reads as a mistake).
 */
export function balancePages(rowHeights: readonly number[], budget: number): number[] {
  const n = rowHeights.length;
  if (n === 0) return [0];
  const total = sum(rowHeights);
  for (let pages = Math.max(1, Math.ceil(total / budget)); pages <= n; pages += 1) {
    const sizes = evenSplit(rowHeights, pages, budget);
    if (sizes) return sizes;
  }
  return rowHeights.map(() => 1);
}

/** `pages` pages of consecutive rows, by row count as even as possible, each within the budget; or null. */
function evenSplit(rowHeights: readonly number[], pages: number, budget: number): number[] | null {
  const n = rowHeights.length;
  const base = Math.floor(n / pages);
  const sizes = Array.from({ length: pages }, (_, p) => base + (p < n % pages ? 1 : 0));
  let start = 0;
  for (const size of sizes) {
    if (sum(rowHeights.slice(start, start + size)) > budget + 1e-9) return null;
    start += size;
  }
  return sizes;
}

/** The body height a table page may fill: from below its header to above the caption. */
export function bodyBudget(headerHeight: number, withSubtitle: boolean): number {
  const g = TABLE_GEOMETRY;
  return g.captionTop - 0.1 - (withSubtitle ? g.topWithSubtitle : g.top) - headerHeight;
}

function sum(list: readonly number[]): number {
  return list.reduce((s, v) => s + v, 0);
}
