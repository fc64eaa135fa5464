/**
 * Period presets (年度 / 季度 / 月 / 年初至今 / custom) and the periods each figure is compared with. Pure: "today"
 * is passed in (a CST calendar date from the injected clock).
 */
import {
  addDays,
  addMonths,
  dayDiff,
  fmt,
  isDate,
  isWholeMonths,
  monthEnd,
  monthsBetween,
  parts,
  shiftYears,
} from './dates.ts';
import type { Period } from './types.ts';

export type Preset = 'year' | 'quarter' | 'month' | 'ytd' | 'custom';
export const PRESETS: readonly Preset[] = ['year', 'quarter', 'month', 'ytd', 'custom'];

export interface PeriodRequest {
  preset?: Preset | undefined;
  year?: number | undefined;
  quarter?: number | undefined;
  month?: number | undefined;
  from?: string | undefined;
  to?: string | undefined;
  /** Year to date: the last day counted (default today). */
  asOf?: string | undefined;
}

export interface ResolvedPeriod extends Period {
  preset: Preset;
  label: { zh: string; en: string };
  /** 同比: the same period a year earlier (whole months map to whole months; 29 Feb → 28 Feb). */
  previousYear: Period;
  /** 环比: the period just before, of the same length; null for year to date. */
  previousPeriod: Period | null;
}

export class PeriodError extends Error {}

/** Resolves a request to an inclusive CST date range and its comparison periods. */
export function resolvePeriod(req: PeriodRequest, today: string): ResolvedPeriod {
  const preset = req.preset ?? (req.from || req.to ? 'custom' : 'ytd');
  const [ty] = parts(today);
  const year = req.year ?? ty;
  switch (preset) {
    case 'year':
      return wholeMonths(preset, `${year}-01-01`, `${year}-12-31`, {
        zh: `${year}年`,
        en: `${year}`,
      });
    case 'quarter': {
      const q = req.quarter ?? Math.ceil(parts(today)[1] / 3);
      if (!Number.isInteger(q) || q < 1 || q > 4) throw new PeriodError('quarter must be 1–4');
      const from = fmt(year, (q - 1) * 3 + 1, 1);
      return wholeMonths(preset, from, monthEnd(addMonths(from, 2)), {
        zh: `${year}年第${q}季度`,
        en: `${year} Q${q}`,
      });
    }
    case 'month': {
      const m = req.month ?? parts(today)[1];
      if (!Number.isInteger(m) || m < 1 || m > 12) throw new PeriodError('month must be 1–12');
      const from = fmt(year, m, 1);
      return wholeMonths(preset, from, monthEnd(from), { zh: `${year}年${m}月`, en: `${year}-${pad(m)}` });
    }
    case 'ytd': {
      const asOf = req.asOf ?? today;
      if (!isDate(asOf)) throw new PeriodError(`asOf is not a date: ${asOf}`);
      const from = `${asOf.slice(0, 4)}-01-01`;
      const [y, m, d] = parts(asOf);
      // Like for like: the same calendar days last year (to 28 Feb when this year stops on 29 Feb).
      return {
        preset,
        from,
        to: asOf,
        label: { zh: `${y}年1月1日至${m}月${d}日`, en: `${y} year to ${asOf}` },
        previousYear: { from: shiftYears(from, -1), to: shiftYears(asOf, -1) },
        previousPeriod: null,
      };
    }
    case 'custom': {
      const { from, to } = req;
      if (!from || !to) throw new PeriodError('a custom period needs both from and to');
      if (!isDate(from) || !isDate(to)) throw new PeriodError('from and to must be dates YYYY-MM-DD');
      if (from > to) throw new PeriodError('from is after to');
      const label = { zh: `${from}至${to}`, en: `${from} to ${to}` };
      if (isWholeMonths({ from, to })) return wholeMonths(preset, from, to, label);
      const days = dayDiff(from, to) + 1;
      return {
        preset,
        from,
        to,
        label,
        previousYear: { from: shiftYears(from, -1), to: shiftYears(to, -1) },
        previousPeriod: { from: addDays(from, -days), to: addDays(from, -1) },
      };
    }
  }
}

function wholeMonths(
  preset: Preset,
  from: string,
  to: string,
  label: ResolvedPeriod['label'],
): ResolvedPeriod {
  const n = monthsBetween(from, `${to.slice(0, 7)}-01`);
  return {
    preset,
    from,
    to,
    label,
    previousYear: { from: shiftYears(from, -1), to: shiftYears(to, -1, true) },
    previousPeriod: { from: addMonths(from, -n), to: addDays(from, -1) },
  };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Time bucket labels one step (or a year) back: '2024-03' → '2024-02' / '2023-03'. */
export function shiftBucketLabel(
  label: string,
  bucket: 'month' | 'quarter' | 'year',
  step: 'year' | 'bucket',
): string {
  if (bucket === 'year') return String(Number(label) - 1);
  if (bucket === 'quarter') {
    const y = Number(label.slice(0, 4));
    const q = Number(label.slice(6));
    if (step === 'year') return `${y - 1}-Q${q}`;
    return q === 1 ? `${y - 1}-Q4` : `${y}-Q${q - 1}`;
  }
  const start = `${label}-01`;
  return (step === 'year' ? shiftYears(start, -1) : addMonths(start, -1)).slice(0, 7);
}

/** Every bucket label of a period, in order. */
export function bucketLabels(p: Period, bucket: 'month' | 'quarter' | 'year'): string[] {
  const out: string[] = [];
  for (let m = `${p.from.slice(0, 7)}-01`; m <= p.to; m = addMonths(m, 1)) {
    const [y, mm] = parts(m);
    const label =
      bucket === 'month' ? m.slice(0, 7) : bucket === 'quarter' ? `${y}-Q${Math.ceil(mm / 3)}` : `${y}`;
    if (out.at(-1) !== label) out.push(label);
  }
  return out;
}

/** The period covering one bucket step before `p` for time-bucketed 环比 (one month, quarter or year earlier). */
export function bucketStepBack(p: Period, bucket: 'month' | 'quarter' | 'year'): Period {
  const months = bucket === 'month' ? 1 : bucket === 'quarter' ? 3 : 12;
  const from = addMonths(`${p.from.slice(0, 7)}-01`, -months);
  return { from, to: p.to };
}
