/**
 * Calendar arithmetic on 'YYYY-MM-DD' strings. Record dates are calendar dates in China Standard Time; they
 * never pass through a local-time JS Date, so no server time zone can shift them by a day.
 */
import type { Period } from './types.ts';

const DAY = 86_400_000;

export function isDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const [y, m, d] = parts(s);
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

export function parts(s: string): [number, number, number] {
  return [Number(s.slice(0, 4)), Number(s.slice(5, 7)), Number(s.slice(8, 10))];
}

export function fmt(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

export function addDays(s: string, n: number): string {
  const [y, m, d] = parts(s);
  const t = new Date(Date.UTC(y, m - 1, d) + n * DAY);
  return fmt(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/** Days from a to b (b − a). */
export function dayDiff(a: string, b: string): number {
  const [ya, ma, da] = parts(a);
  const [yb, mb, db] = parts(b);
  return Math.round((Date.UTC(yb, mb - 1, db) - Date.UTC(ya, ma - 1, da)) / DAY);
}

export function monthStart(s: string): string {
  return `${s.slice(0, 7)}-01`;
}

export function monthEnd(s: string): string {
  const [y, m] = parts(s);
  return fmt(y, m, daysInMonth(y, m));
}

export function isMonthStart(s: string): boolean {
  return s.endsWith('-01');
}

export function isMonthEnd(s: string): boolean {
  return s === monthEnd(s);
}

/** The first day of the month `n` months after the month of `s`. */
export function addMonths(s: string, n: number): string {
  const [y, m] = parts(s);
  const idx = y * 12 + (m - 1) + n;
  return fmt(Math.floor(idx / 12), (idx % 12) + 1, 1);
}

/**
 * The same calendar date `n` years away; 29 February becomes 28 February in a common year. With `monthEnds`,
 * a last day of month maps to the last day of the target month (2025-02-28 → 2024-02-29), so whole months
 * compare with whole months.
 */
export function shiftYears(s: string, n: number, monthEnds = false): string {
  const [y, m, d] = parts(s);
  const dim = daysInMonth(y + n, m);
  if (monthEnds && d === daysInMonth(y, m)) return fmt(y + n, m, dim);
  return fmt(y + n, m, Math.min(d, dim));
}

/** Whole calendar months from the first of a month to the last of a month. */
export function isWholeMonths(p: Period): boolean {
  return isMonthStart(p.from) && isMonthEnd(p.to);
}

/** Today's calendar date in China Standard Time (UTC+8, no daylight saving) at the instant `now`. */
export function cstToday(now: Date): string {
  const t = new Date(now.getTime() + 8 * 3_600_000);
  return fmt(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/** Months between two month starts, inclusive (both 'YYYY-MM-01'). */
export function monthsBetween(a: string, b: string): number {
  const [ya, ma] = parts(a);
  const [yb, mb] = parts(b);
  return (yb - ya) * 12 + (mb - ma) + 1;
}
