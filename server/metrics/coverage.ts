/**
 * Years the data do not cover whole (issue #21 item 3: a trend once drew 2020, with data from September only, as a
 * full year beside full ones). Decided from each family's own first and last record dates and today, so every
 * trend — web and deck — marks the same years the same way.
 */
import type { Family, Label } from './types.ts';

/** How far a family's records reach: the first and last date on any of its streams ('YYYY-MM-DD'). */
export interface FamilyCoverage {
  first: string | null;
  last: string | null;
}

/** A year a family's data cover only in part: `from`–`to` is the covered part (null: no data that year). */
export interface PartialYear {
  year: number;
  family: Family;
  from: string | null;
  to: string | null;
  /** 「2020年数据自9月起」/ "2020: data from September" — for notes and speaker notes. */
  note: Label;
  /** The axis label's second line: 「9月起」/ "from Sep". */
  short: Label;
}

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MONTHS_EN_LONG = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const month = (d: string) => Number(d.slice(5, 7));
const day = (d: string) => Number(d.slice(8, 10));

/**
 * The partial years among `years` for one family. A year is whole when the data reach into its first month and
 * its last month (a source's first case filed on 5 January still covers January) and the year is over by
 * `today`. Data that start after January, stop before December or a year still running make it partial.
 */
export function partialYears(
  family: Family,
  years: readonly number[],
  coverage: FamilyCoverage,
  today: string,
): PartialYear[] {
  const out: PartialYear[] = [];
  for (const year of years) {
    const start = `${year}-01-01`;
    const end = `${year}-12-31`;
    const { first, last } = coverage;
    if (!first || !last || first > end || last < start) {
      if (today < start) continue; // a future year is not "partial", it is not there
      out.push({
        year,
        family,
        from: null,
        to: null,
        note: { zh: `${year}年无数据`, en: `${year}: no data` },
        short: { zh: '无数据', en: 'no data' },
      });
      continue;
    }
    const startsLate = first > `${year}-01-31`;
    const stop = today < last ? today : last;
    const endsEarly = stop < `${year}-12-01` || today < end;
    if (!startsLate && !endsEarly) continue;
    const from = startsLate ? first : start;
    const to = endsEarly ? (stop < end ? stop : end) : end;
    const toZh = `${month(to)}月${day(to)}日`;
    const toEn = `${day(to)} ${MONTHS_EN_LONG[month(to) - 1]}`;
    const fromZh = `${month(from)}月`;
    const fromEn = MONTHS_EN_LONG[month(from) - 1]!;
    const note: Label =
      startsLate && endsEarly
        ? { zh: `${year}年数据为${fromZh}至${toZh}`, en: `${year}: data from ${fromEn} to ${toEn} only` }
        : startsLate
          ? { zh: `${year}年数据自${fromZh}起`, en: `${year}: data from ${fromEn} only` }
          : { zh: `${year}年数据截至${toZh}`, en: `${year}: data to ${toEn} only` };
    const short: Label =
      startsLate && endsEarly
        ? { zh: `${fromZh}—${month(to)}月`, en: `${MONTHS_EN[month(from) - 1]}–${MONTHS_EN[month(to) - 1]}` }
        : startsLate
          ? { zh: `${fromZh}起`, en: `from ${MONTHS_EN[month(from) - 1]}` }
          : { zh: `至${toZh}`, en: `to ${day(to)} ${MONTHS_EN[month(to) - 1]}` };
    out.push({ year, family, from, to, note, short });
  }
  return out;
}
