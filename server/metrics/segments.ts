import { addDays, addMonths, isMonthStart, monthEnd } from './dates.ts';
import type { Period } from './types.ts';

/**
 * How a period is read from the rollups: whole calendar years from the yearly rows, whole months from the monthly
 * rows, and the leftover days at either end from the raw tables. All lists are of inclusive ranges: `years` and
 * `months` range over bucket dates (1 January, first of month), `days` over record dates.
 */
export interface Segments {
  years: Period[];
  months: Period[];
  days: Period[];
}

export function decompose(p: Period, { allowYears }: { allowYears: boolean }): Segments {
  const out: Segments = { years: [], months: [], days: [] };
  let cur = p.from;
  const push = (list: Period[], from: string, to: string, next: (s: string) => string) => {
    const last = list.at(-1);
    if (last && next(last.to) === from) last.to = to;
    else list.push({ from, to });
  };
  while (cur <= p.to) {
    const yearEnd = `${cur.slice(0, 4)}-12-31`;
    if (allowYears && cur.endsWith('-01-01') && yearEnd <= p.to) {
      push(out.years, cur, cur, (s) => addMonths(s, 12));
      cur = addDays(yearEnd, 1);
    } else if (isMonthStart(cur) && monthEnd(cur) <= p.to) {
      push(out.months, cur, cur, (s) => addMonths(s, 1));
      cur = addDays(monthEnd(cur), 1);
    } else {
      const end = monthEnd(cur) < p.to ? monthEnd(cur) : p.to;
      push(out.days, cur, end, (s) => addDays(s, 1));
      cur = addDays(end, 1);
    }
  }
  return out;
}

/** Merges month starts into contiguous inclusive ranges of month starts. */
export function monthRanges(months: string[]): Period[] {
  const sorted = [...new Set(months)].sort();
  const out: Period[] = [];
  for (const m of sorted) {
    const last = out.at(-1);
    if (last && addMonths(last.to, 1) === m) last.to = m;
    else out.push({ from: m, to: m });
  }
  return out;
}
