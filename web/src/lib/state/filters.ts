/**
 * The dashboard's filters and their two spellings: the page URL (so a view can be bookmarked and shared) and the
 * metric API's query string (README "## Metrics"). Pure, so both directions are unit-tested without a DOM.
 */
export type Preset = 'year' | 'quarter' | 'month' | 'ytd' | 'custom';
export const PRESETS: readonly Preset[] = ['year', 'quarter', 'month', 'ytd', 'custom'];

export interface Filters {
  preset: Preset;
  year: number;
  quarter: number;
  month: number;
  /** Custom period, inclusive CST dates YYYY-MM-DD. */
  from: string;
  to: string;
  kinds: string[];
  groups: string[];
  /** 'first' = 一审 only (the contract's default); 'all' = every instance. */
  instance: 'first' | 'all';
  /** 败诉率口径: A = losses ÷ concluded, B = losses ÷ judgments. */
  lossBasis: 'A' | 'B';
  /** The change shown beside each figure: 同比 (same period last year) or 环比 (the previous period). */
  compare: Comparison;
}

/**
 * 同比 or 环比: the metric API's `compare` (README "## Metrics"): 环比 is the previous month/quarter/equal span (a
 * year's previous period is the previous year; year to date has none).
 */
export type Comparison = 'yoy' | 'mom';

/**
 * Defaults when the URL says nothing: the last complete calendar year (the bureau's annual ranking), every unit,
 * first instance, basis A. `today` is a CST date YYYY-MM-DD.
 */
export function defaultFilters(today: string): Filters {
  const year = Number(today.slice(0, 4)) - 1;
  const month = Number(today.slice(5, 7));
  return {
    preset: 'year',
    year,
    quarter: Math.ceil(month / 3),
    month,
    from: `${year}-01-01`,
    to: `${year}-12-31`,
    kinds: [],
    groups: [],
    instance: 'first',
    lossBasis: 'A',
    compare: 'yoy',
  };
}

const isDate = (s: string | null): s is string => !!s && /^\d{4}-\d{2}-\d{2}$/.test(s);
const intIn = (s: string | null, lo: number, hi: number): number | null => {
  const n = s === null ? NaN : Number(s);
  return Number.isInteger(n) && n >= lo && n <= hi ? n : null;
};
const list = (s: string | null): string[] =>
  (s ?? '')
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

/** Reads filters from the page's query string; anything missing or malformed falls back to the default. */
export function parseFilters(search: string | URLSearchParams, today: string): Filters {
  const q = typeof search === 'string' ? new URLSearchParams(search) : search;
  const d = defaultFilters(today);
  const preset = PRESETS.find((p) => p === q.get('preset')) ?? d.preset;
  const from = q.get('from');
  const to = q.get('to');
  return {
    preset,
    year: intIn(q.get('year'), 1990, 2100) ?? d.year,
    quarter: intIn(q.get('quarter'), 1, 4) ?? d.quarter,
    month: intIn(q.get('month'), 1, 12) ?? d.month,
    from: isDate(from) ? from : d.from,
    to: isDate(to) ? to : d.to,
    kinds: list(q.get('kinds')),
    groups: list(q.get('groups')),
    instance: q.get('instance') === 'all' ? 'all' : 'first',
    lossBasis: q.get('basis') === 'B' ? 'B' : 'A',
    compare: q.get('compare') === 'mom' ? 'mom' : 'yoy',
  };
}

/** The page URL's query string: only what differs from the defaults, in a stable order. */
export function filtersToSearch(f: Filters, today: string): string {
  const d = defaultFilters(today);
  const q = new URLSearchParams();
  if (f.preset !== d.preset) q.set('preset', f.preset);
  if (f.preset !== 'custom' && f.preset !== 'ytd' && f.year !== d.year) q.set('year', String(f.year));
  if (f.preset === 'quarter') q.set('quarter', String(f.quarter));
  if (f.preset === 'month') q.set('month', String(f.month));
  if (f.preset === 'custom') {
    q.set('from', f.from);
    q.set('to', f.to);
  }
  if (f.kinds.length) q.set('kinds', f.kinds.join(','));
  if (f.groups.length) q.set('groups', f.groups.join(','));
  if (f.instance === 'all') q.set('instance', 'all');
  if (f.lossBasis === 'B') q.set('basis', 'B');
  if (f.compare === 'mom') q.set('compare', 'mom');
  const s = q.toString();
  return s ? `?${s}` : '';
}

export interface ApiExtras {
  by?: string;
  metrics?: string[];
  units?: string[];
  compare?: 'yoy' | 'none';
  /** Replace the period, e.g. the five-year trend. */
  period?: { from: string; to: string };
  /** Rank units by this metric instead of the configured one (a family page ranks by its own rate). */
  rank?: string;
}

/** The metric API's query string for these filters (plus the dimension, metric ids and overrides asked for). */
export function filtersToApiQuery(f: Filters, extras: ApiExtras = {}): string {
  const q = new URLSearchParams();
  if (extras.period) {
    q.set('from', extras.period.from);
    q.set('to', extras.period.to);
  } else {
    q.set('preset', f.preset);
    if (f.preset === 'custom') {
      q.set('from', f.from);
      q.set('to', f.to);
    } else if (f.preset !== 'ytd') {
      q.set('year', String(f.year));
      if (f.preset === 'quarter') q.set('quarter', String(f.quarter));
      if (f.preset === 'month') q.set('month', String(f.month));
    }
  }
  if (extras.by) q.set('by', extras.by);
  if (extras.metrics?.length) q.set('metrics', extras.metrics.join(','));
  if (extras.units?.length) q.set('units', extras.units.join(','));
  if (f.kinds.length) q.set('kinds', f.kinds.join(','));
  if (f.groups.length) q.set('groups', f.groups.join(','));
  if (f.instance === 'all') q.set('instance', 'all');
  if (f.lossBasis === 'B') q.set('basis', 'lit_loss_rate:B');
  // 环比 asks for 同比 too: the double-decline light and the 收案上升 warning are year-on-year by definition.
  if (extras.compare) q.set('compare', extras.compare);
  else if (f.compare === 'mom') q.set('compare', 'yoy,mom');
  if (extras.rank) q.set('rank', extras.rank);
  return q.toString();
}

/**
 * The years of a trend ending at the filters' period: five calendar years up to the period's year (custom: the
 * year of `to`; year to date: the current year).
 */
export function trendPeriod(f: Filters, today: string, years = 5): { from: string; to: string } {
  const last =
    f.preset === 'custom'
      ? Number(f.to.slice(0, 4))
      : f.preset === 'ytd'
        ? Number(today.slice(0, 4))
        : f.year;
  return { from: `${last - years + 1}-01-01`, to: `${last}-12-31` };
}

/** Today's date in China Standard Time (UTC+8, no daylight saving), YYYY-MM-DD. */
export function cstToday(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}
