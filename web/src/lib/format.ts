/**
 * Number, rate, change and date formatting for both UI languages. Pure (the locale is a parameter), so the
 * option builders and the pages format a figure the same way and tests need no DOM.
 */
export type Locale = 'zh' | 'en';

const tag = (l: Locale) => (l === 'zh' ? 'zh-CN' : 'en-US');

/** Counts with thousands separators; null as —. */
export function formatCount(n: number | null | undefined, l: Locale): string {
  return n === null || n === undefined ? '—' : n.toLocaleString(tag(l));
}

/** Rates (fractions 0–1) as percentages with one decimal; null (denominator 0) as —. */
export function formatRate(r: number | null | undefined): string {
  return r === null || r === undefined ? '—' : `${(r * 100).toFixed(1)}%`;
}

/** n/N under a rate, e.g. "13/100". */
export function formatFraction(
  n: number | null | undefined,
  d: number | null | undefined,
  l: Locale,
): string {
  return `${formatCount(n ?? 0, l)}/${formatCount(d ?? 0, l)}`;
}

/**
 * A figure after its name, in the UI language's punctuation: 败诉率：13.0% / Loss rate: 13.0% (tooltips, notes).
 */
export function labelled(name: string, value: string | number, l: Locale): string {
  return `${name}${l === 'zh' ? '：' : ': '}${value}`;
}

/** An aside after a figure: 13.0%（13/100） / 13.0% (13/100). */
export function aside(text: string | number, l: Locale): string {
  return l === 'zh' ? `（${text}）` : ` (${text})`;
}

/** A rate with the counts it is made of: 13.0%（13/100） / 13.0% (13/100). */
export function rateWithFraction(
  r: number | null | undefined,
  n: number | null | undefined,
  d: number | null | undefined,
  l: Locale,
): string {
  return `${formatRate(r)}${aside(formatFraction(n, d, l), l)}`;
}

/**
 * 同比 of a count as a relative change ("+12.5%"), of a rate as percentage points ("−2.1个百分点" / "−2.1 pts").
 * null when there is nothing to compare with.
 */
export function formatChange(
  delta: number | null | undefined,
  kind: 'count' | 'rate',
  l: Locale,
  relative?: number | null,
): string {
  if (kind === 'count') {
    if (relative === null || relative === undefined) {
      if (delta === null || delta === undefined) return '—';
      return `${delta > 0 ? '+' : delta < 0 ? '−' : '±'}${formatCount(Math.abs(delta), l)}`;
    }
    const pct = Math.abs(relative * 100).toFixed(1);
    return `${relative > 0 ? '+' : relative < 0 ? '−' : '±'}${pct}%`;
  }
  if (delta === null || delta === undefined) return '—';
  const pts = Math.abs(delta * 100).toFixed(1);
  const sign = delta > 0 ? '+' : delta < 0 ? '−' : '±';
  return l === 'zh' ? `${sign}${pts}个百分点` : `${sign}${pts} pts`;
}

/** A compact 同比 for table cells: counts as "+3" / "−5", rates in percentage points without the unit ("+13.9"). */
export function formatChangeShort(
  delta: number | null | undefined,
  kind: 'count' | 'rate',
  l: Locale,
): string {
  if (delta === null || delta === undefined) return '—';
  const sign = delta > 0 ? '+' : delta < 0 ? '−' : '±';
  return kind === 'count'
    ? `${sign}${formatCount(Math.abs(delta), l)}`
    : `${sign}${Math.abs(delta * 100).toFixed(1)}`;
}

export type Tone = 'good' | 'bad' | 'neutral';

/**
 * Whether a change is good news: a metric where lower is better (filings, losses, loss rate) is good when it falls.
 * Changes under half a unit of display precision count as no change.
 */
export function changeTone(delta: number | null | undefined, better: 'lower' | 'higher' | null): Tone {
  if (delta === null || delta === undefined || better === null || Math.abs(delta) < 1e-9) return 'neutral';
  return delta < 0 === (better === 'lower') ? 'good' : 'bad';
}

/** ▲ / ▼ / – for a change. */
export function arrow(delta: number | null | undefined): string {
  if (delta === null || delta === undefined || Math.abs(delta) < 1e-9) return '–';
  return delta > 0 ? '▲' : '▼';
}

/**
 * An ISO timestamp as CST: "2024年3月5日 14:30" / "2024-03-05 14:30 CST"; with `seconds`, "14:30:15" (the runs of a
 * job that fires several times a minute).
 */
export function formatDateTime(
  iso: string | null | undefined,
  l: Locale,
  { seconds = false }: { seconds?: boolean } = {},
): string {
  if (!iso) return '—';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return '—';
  const s = new Date(t + 8 * 3_600_000).toISOString();
  const [y, m, d, hh, mm] = [
    s.slice(0, 4),
    +s.slice(5, 7),
    +s.slice(8, 10),
    s.slice(11, 13),
    s.slice(14, seconds ? 19 : 16),
  ];
  return l === 'zh' ? `${y}年${m}月${d}日 ${hh}:${mm}` : `${s.slice(0, 10)} ${hh}:${mm} CST`;
}

/** A month as "2024年3月" / "2024-03". */
export function formatMonth(year: number, month: number, l: Locale): string {
  return l === 'zh' ? `${year}年${month}月` : `${year}-${String(month).padStart(2, '0')}`;
}

/** An inclusive period as "2025年1月1日至3月31日" (the year once when both ends share it) / "2025-01-01 to 2025-03-31". */
export function formatSpan(p: { from: string; to: string }, l: Locale): string {
  if (l === 'en') return `${p.from} to ${p.to}`;
  const zh = (d: string, withYear: boolean) =>
    `${withYear ? `${d.slice(0, 4)}年` : ''}${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;
  return `${zh(p.from, true)}至${zh(p.to, p.to.slice(0, 4) !== p.from.slice(0, 4))}`;
}
