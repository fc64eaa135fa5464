/**
 * The two value axes of a bars-plus-line chart (cases as bars, a rate as the line), shared by the deck's native
 * charts (server/exports/pptx.ts) and the web's ECharts options (web/src/lib/charts/options/trend.ts, slide.ts),
 * so a chart reads the same on the screen and on the slide. Pure; no chart library.
 *
 * Both axes start at 0 at the bottom (issue #21 item 7: the line axis used to be stretched below zero to lift the
 * line above the bars, which left 「0%」 floating mid-chart). Both have the same number of round intervals, so the
 * right axis's ticks sit on the left axis's grid lines. The bars keep to the lower half of the plot or less, and
 * the maxima are chosen so that no point of the line lands on a bar's label where a choice of round maxima allows;
 * a line's labels are filled badges, readable where the line crosses a bar.
 */

/** Grid intervals of both axes. */
export const COMBO_INTERVALS = 5;

export interface ComboScale {
  barMax: number;
  barStep: number;
  lineMax: number;
  lineStep: number;
}

/**
 * Where labels meet, as fractions of the plot height (measured on the web's 240-pixel plot, the tightest): a bar's
 * count label takes about 0.09 above the bar's top; a point's badge sits 0.04–0.13 above the point. A point from
 * 0.14 below to 0.11 above a bar's top puts its marker or its badge on that bar's label.
 */
export const CLASH_BELOW = 0.14;
export const CLASH_ABOVE = 0.11;

type Values = readonly (readonly (number | null)[])[];

/**
 * Axis ranges for bars (`bars[s][c]`: series s, category c) and lines (`lines[s][c]`, null = no point);
 * `lineIsCount` when the line counts cases (its ticks must be whole numbers too).
 *
 * First choice: the bar axis tops at 1.9 × the tallest bar (rounded up to a round step), so bars keep to about the
 * lower half, and the line axis just above the highest point. When a point would sit on a bar's label, the next
 * round maxima are tried, the least changed first: the bar axis at 2.4 × or 3 × the tallest bar, the line axis a
 * step or two taller — never so tall that the line's highest point falls below the middle, which would flatten
 * the line. If every choice clashes, the one with the fewest clashes is taken (the badges stay readable).
 */
export function comboScale(bars: Values, lines: Values, lineIsCount = false): ComboScale {
  const top = (list: Values) => Math.max(0, ...list.flatMap((s) => s.map((v) => v ?? 0)));
  const barTop = Math.max(top(bars), 1);
  const lineTop = top(lines) || (lineIsCount ? 1 : 0.05); // no points: a plain 0–5% axis
  const barSteps = [...new Set([1.9, 2.4, 3].map((k) => niceStep((barTop * k) / COMBO_INTERVALS, true)))];
  const lineSteps = [niceStep((lineTop * 1.12) / COMBO_INTERVALS, lineIsCount)];
  for (;;) {
    const next = nextStep(lineSteps.at(-1)!, lineIsCount);
    if (lineTop / (next * COMBO_INTERVALS) < 0.55) break;
    lineSteps.push(next);
  }
  const scale = (barStep: number, lineStep: number): ComboScale => ({
    barMax: round(barStep * COMBO_INTERVALS),
    barStep,
    lineMax: round(lineStep * COMBO_INTERVALS),
    lineStep,
  });
  /** Points whose marker or badge lands on a bar's label. */
  const clashes = (k: ComboScale) =>
    lines
      .flatMap((line) =>
        line.map((v, c) => {
          if (v === null) return false;
          const f = v / k.lineMax;
          return bars.some((bar) => {
            const b = (bar[c] ?? 0) / k.barMax;
            return f > b - CLASH_BELOW && f < b + CLASH_ABOVE;
          });
        }),
      )
      .filter(Boolean).length;
  const choices = barSteps.flatMap((barStep, i) =>
    lineSteps.map((lineStep, j) => {
      const k = scale(barStep, lineStep);
      return { k, clashes: clashes(k), change: i + j, i };
    }),
  );
  choices.sort((a, b) => a.clashes - b.clashes || a.change - b.change || a.i - b.i);
  return choices[0]!.k;
}

const NICE = [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8];

/** The smallest of 1, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × 10ⁿ at or above v; a whole number for counts. */
export function niceStep(v: number, whole = false): number {
  const magnitude = 10 ** Math.floor(Math.log10(v));
  const step = round(NICE.map((k) => k * magnitude).find((s) => s >= v - 1e-12) ?? 10 * magnitude);
  return whole ? Math.max(1, Math.ceil(step)) : step;
}

/** The round step after `step` (2 after 1.5, 10 after 8). */
function nextStep(step: number, whole: boolean): number {
  let next = niceStep(step * 1.01, whole);
  if (next <= step) next = niceStep(step + 1, whole);
  return next;
}

/** Rid a product of binary fractions' noise (0.30000000000000004 → 0.3). */
function round(v: number): number {
  return Math.round(v * 1e9) / 1e9;
}
