/**
 * The report page's choices beside the shared filters: scope, the 口径 of rates other than the loss rate (that one
 * is the filter bar's `basis`), and which sections show in which order. Pure, so the URL spelling, the period
 * arithmetic and the request sent to the server are unit-tested without a DOM.
 */
import { REPORT_SECTIONS, sectionApplies } from '../../../../server/contracts/report.ts';
import type { ReportRequest, ReportScope, ReportSection } from '../api/client.ts';
import type { Filters } from './filters.ts';

/** The sections in meeting order (the cover always leads): the server's list, so the two never differ. */
export { REPORT_SECTIONS };
/** Whether a section has slides in a deck of a scope (a one-unit deck: its case lists, no comparisons). */
export { sectionApplies };

const isSection = (s: string): s is ReportSection => (REPORT_SECTIONS as readonly string[]).includes(s);

export interface ReportChoices {
  /** 'county' | 'kind:<类型>' | 'group:<考核分组>' | 'unit:<编码>' (the CLI's --scope spelling). */
  scope: string;
  /** 口径 per rate id, only rates other than lit_loss_rate and only non-default choices. */
  bases: Record<string, string>;
  /** Every section, in the order chosen. */
  order: ReportSection[];
  hidden: ReportSection[];
}

export function defaultChoices(): ReportChoices {
  return { scope: 'county', bases: {}, order: [...REPORT_SECTIONS], hidden: [] };
}

export function scopeOf(spelled: string): ReportScope | undefined {
  const i = spelled.indexOf(':');
  const kind = spelled.slice(0, i);
  const value = spelled.slice(i + 1);
  if (i < 0 || !value) return undefined;
  if (kind === 'kind') return { kind: value };
  if (kind === 'group') return { group: value };
  if (kind === 'unit') return { unitCode: value };
  return undefined;
}

/**
 * Reads the choices from the page's query string: `scope=kind:乡镇街道`, `bases=lit_head_appearance_rate:concluded`,
 * `sections=summary,units,trend` (the shown sections in order; the others are hidden and keep their meeting order
 * after them). Anything malformed falls back to the default.
 */
export function parseChoices(search: string | URLSearchParams): ReportChoices {
  const q = typeof search === 'string' ? new URLSearchParams(search) : search;
  const d = defaultChoices();
  const scope = q.get('scope') ?? '';
  const bases: Record<string, string> = {};
  for (const pair of (q.get('bases') ?? '').split(',')) {
    const [id, basis] = pair.split(':');
    if (id && basis && id !== 'lit_loss_rate') bases[id] = basis;
  }
  const listed = q.get('sections');
  let order = d.order;
  let hidden: ReportSection[] = [];
  if (listed !== null) {
    const shown = [...new Set(listed.split(',').filter(isSection))];
    hidden = REPORT_SECTIONS.filter((s) => !shown.includes(s));
    order = [...shown, ...hidden];
  }
  return { scope: scopeOf(scope) ? scope : d.scope, bases, order, hidden };
}

/** The shown sections, in order. */
export function shownSections(c: Pick<ReportChoices, 'order' | 'hidden'>): ReportSection[] {
  return c.order.filter((s) => !c.hidden.includes(s));
}

const sameList = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x, i) => x === b[i]);

/** The choices' query parameters: only what differs from the defaults, in a stable order. */
export function choicesToParams(c: ReportChoices): [string, string][] {
  const out: [string, string][] = [];
  if (c.scope !== 'county') out.push(['scope', c.scope]);
  const bases = Object.entries(c.bases)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([id, b]) => `${id}:${b}`);
  if (bases.length) out.push(['bases', bases.join(',')]);
  const shown = shownSections(c);
  if (!sameList(shown, REPORT_SECTIONS)) out.push(['sections', shown.join(',')]);
  return out;
}

/** The filters' query string (filtersToSearch) with the report's own parameters appended. */
export function withChoices(filtersSearch: string, c: ReportChoices): string {
  const q = new URLSearchParams(filtersSearch);
  for (const [k, v] of choicesToParams(c)) q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : '';
}

/**
 * Moves a section one place up (−1) or down (+1) past the next section that `counts` (default: every one; the
 * page passes the sections of its scope, so a move never spends itself on a row the deck leaves out); at either
 * end the order is returned unchanged.
 */
export function moveSection(
  order: ReportSection[],
  id: ReportSection,
  delta: -1 | 1,
  counts: (s: ReportSection) => boolean = () => true,
): ReportSection[] {
  const i = order.indexOf(id);
  let j = i + delta;
  while (j >= 0 && j < order.length && !counts(order[j]!)) j += delta;
  if (i < 0 || j < 0 || j >= order.length) return order;
  const next = [...order];
  next.splice(i, 1);
  next.splice(j, 0, id);
  return next;
}

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/**
 * The inclusive CST dates of the filters' period, as the metric API resolves its presets: a calendar year, a
 * quarter, a month, the current year up to today, or the custom dates (swapped if given backwards).
 */
export function periodRange(f: Filters, today: string): { from: string; to: string } {
  switch (f.preset) {
    case 'year':
      return { from: `${f.year}-01-01`, to: `${f.year}-12-31` };
    case 'quarter': {
      const m = (f.quarter - 1) * 3 + 1;
      return { from: `${f.year}-${pad(m)}-01`, to: `${f.year}-${pad(m + 2)}-${lastDay(f.year, m + 2)}` };
    }
    case 'month':
      return {
        from: `${f.year}-${pad(f.month)}-01`,
        to: `${f.year}-${pad(f.month)}-${lastDay(f.year, f.month)}`,
      };
    case 'ytd':
      return { from: `${today.slice(0, 4)}-01-01`, to: today };
    case 'custom':
      return f.from <= f.to ? { from: f.from, to: f.to } : { from: f.to, to: f.from };
  }
}

/** The 口径 sent to the server: the filter bar's loss-rate basis plus the page's other choices. */
export function basisOf(f: Filters, c: ReportChoices): Record<string, string> | undefined {
  const basis: Record<string, string> = { ...c.bases };
  if (f.lossBasis === 'B') basis.lit_loss_rate = 'B';
  return Object.keys(basis).length ? basis : undefined;
}

/** What the preview asks for: every section in meeting order (the page orders and hides them itself). */
export function previewRequest(f: Filters, c: ReportChoices, today: string): ReportRequest {
  const req: ReportRequest = { ...periodRange(f, today) };
  const scope = scopeOf(c.scope);
  if (scope) req.scope = scope;
  const basis = basisOf(f, c);
  if (basis) req.basis = basis;
  return req;
}

/**
 * What an export asks for: the preview's request with the shown sections in order, the narrative when the
 * presenter changed it, and the title when one was typed.
 */
export function exportRequest(
  f: Filters,
  c: ReportChoices,
  today: string,
  edits: { narrative: string; generated: string; title: string },
): ReportRequest {
  const req = previewRequest(f, c, today);
  // Only sections with slides in a deck of this scope (the server would leave the others out too).
  req.sections = shownSections(c).filter((s) => sectionApplies(s, req.scope));
  if (edits.narrative.trim() && edits.narrative !== edits.generated) req.narrative = edits.narrative;
  if (edits.title.trim()) req.title = edits.title.trim();
  return req;
}
