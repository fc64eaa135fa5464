/**
 * The unit page's case lists (GET /api/units/:code/cases): which columns each family shows and the query string
 * for the page's filters. Pure, so it is unit-tested without a DOM.
 */
import type { Filters } from '../state/filters.ts';

export type CaseFamily = 'litigation' | 'reconsideration' | 'prelitigation';
export const CASE_FAMILIES: readonly CaseFamily[] = ['litigation', 'reconsideration', 'prelitigation'];

/** How a column is shown: text, a CST date, yes/no, or the row's flag (败诉 / 纠错 / 化解成功). */
export type CaseColumnKind = 'text' | 'date' | 'bool' | 'flag';
export interface CaseColumn {
  key: string;
  kind: CaseColumnKind;
}

const col = (key: string, kind: CaseColumnKind = 'text'): CaseColumn => ({ key, kind });

/** The columns shown, in order (the API returns a few more, e.g. domain and head_title, for exports). */
export function caseColumns(family: CaseFamily, allInstances: boolean): CaseColumn[] {
  switch (family) {
    case 'litigation':
      return [
        col('case_no'),
        ...(allInstances ? [col('instance')] : []),
        col('court'),
        col('filed_on', 'date'),
        col('closed_on', 'date'),
        col('cause'),
        col('closing'),
        col('judgment'),
        col('flag', 'flag'),
        col('hearing_held', 'bool'),
        col('head_appeared', 'bool'),
        col('head_spoke', 'bool'),
      ];
    case 'reconsideration':
      return [
        col('case_no'),
        col('applied_on', 'date'),
        col('accepted_on', 'date'),
        col('matter'),
        col('closed_on', 'date'),
        col('decision'),
        col('flag', 'flag'),
        col('litigated_after', 'bool'),
      ];
    case 'prelitigation':
      return [
        col('case_no'),
        col('registered_on', 'date'),
        col('source'),
        col('domain'),
        col('result'),
        col('result_on', 'date'),
        col('flag', 'flag'),
      ];
  }
}

/**
 * Each family's dates and the metric that counts the records with that date in the period: choosing one lists
 * exactly the records behind that figure (e.g. 审结 10 → the 10 cases closed in the period).
 */
export const CASE_STREAMS: Record<CaseFamily, Record<string, string>> = {
  litigation: { filed: 'lit_filed', closed: 'lit_concluded' },
  reconsideration: { accepted: 'rec_received', closed: 'rec_concluded' },
  prelitigation: { registered: 'pre_registered', result: 'pre_concluded' },
};

export interface CaseListState {
  /** One of the family's CASE_STREAMS keys; unset = any of its dates in the period. */
  stream?: string | undefined;
  sort?: string | undefined;
  dir?: 'asc' | 'desc' | undefined;
  page: number;
  pageSize: number;
}

/** The case list's query string: the filters' period and instance, the family, sorting and paging. */
export function casesQuery(f: Filters, family: CaseFamily, s: CaseListState): string {
  const q = new URLSearchParams({ family, preset: f.preset });
  if (f.preset === 'custom') {
    q.set('from', f.from);
    q.set('to', f.to);
  } else if (f.preset !== 'ytd') {
    q.set('year', String(f.year));
    if (f.preset === 'quarter') q.set('quarter', String(f.quarter));
    if (f.preset === 'month') q.set('month', String(f.month));
  }
  if (f.instance === 'all' && family === 'litigation') q.set('instance', 'all');
  if (s.stream) q.set('stream', s.stream);
  if (s.sort) q.set('sort', s.sort);
  if (s.dir) q.set('dir', s.dir);
  q.set('page', String(s.page));
  q.set('pageSize', String(s.pageSize));
  return q.toString();
}

/** The download's query string: the list's filters, stream and order, without paging (a file holds every page). */
export function casesExportQuery(f: Filters, family: CaseFamily, s: CaseListState): string {
  const q = new URLSearchParams(casesQuery(f, family, s));
  q.delete('page');
  q.delete('pageSize');
  return q.toString();
}

/** Number of pages for `total` rows (at least 1, so an empty list reads "page 1 of 1"). */
export function pageCount(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / pageSize));
}
