/**
 * The 通报 page's request: the period of the shared filter bar in the spelling of POST /api/notices, and the
 * analyst's texts. Pure, so the period arithmetic and the request are unit-tested without a DOM.
 */
import type { NoticeModel, NoticeRequest } from '../api/client.ts';
import type { Filters } from './filters.ts';

/** A 典型案例 as the page holds it: the case, the unit it was picked from, the analyst's text. */
export interface PickedCase {
  caseNo: string;
  unitName: string;
  text: string;
}

export interface NoticeDraft {
  /** Empty: the server's title (关于…全县行政争议化解工作情况的通报). */
  title: string;
  /** 'all' or the chosen unit codes. */
  units: 'all' | string[];
  cases: PickedCase[];
  nextSteps: string;
}

export const emptyDraft = (): NoticeDraft => ({ title: '', units: 'all', cases: [], nextSteps: '' });

/** The filters' period as the notice API reads it: a preset with its year/quarter/month, or custom dates. */
export function noticePeriod(
  f: Filters,
): Pick<NoticeRequest, 'preset' | 'year' | 'quarter' | 'month' | 'from' | 'to'> {
  switch (f.preset) {
    case 'year':
      return { preset: 'year', year: f.year };
    case 'quarter':
      return { preset: 'quarter', year: f.year, quarter: f.quarter };
    case 'month':
      return { preset: 'month', year: f.year, month: f.month };
    case 'ytd':
      return { preset: 'ytd' };
    case 'custom':
      return f.from <= f.to
        ? { preset: 'custom', from: f.from, to: f.to }
        : { preset: 'custom', from: f.to, to: f.from };
  }
}

/** What the preview asks for: the figures only (period and units); the texts are applied on the page. */
export function noticePreviewRequest(f: Filters, d: NoticeDraft): NoticeRequest {
  return { ...noticePeriod(f), units: d.units };
}

/** What 发布 sends: the period, the units and the analyst's texts (blank ones left out). */
export function noticeIssueRequest(f: Filters, d: NoticeDraft): NoticeRequest {
  const req: NoticeRequest = noticePreviewRequest(f, d);
  if (d.title.trim()) req.title = d.title.trim();
  const cases = d.cases.filter((c) => c.text.trim());
  if (cases.length) req.typicalCases = cases.map((c) => ({ caseNo: c.caseNo, text: c.text.trim() }));
  if (d.nextSteps.trim()) req.nextSteps = d.nextSteps;
  return req;
}

/** 下步工作 as the server keeps it: one paragraph per line, blank lines dropped. */
export function paragraphs(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** The previewed model with the analyst's texts in it, as issuing will freeze them. */
export function withDraft(model: NoticeModel, d: NoticeDraft): NoticeModel {
  return {
    ...model,
    county: {
      ...model.county,
      title: d.title.trim() || model.county.title,
      typicalCases: d.cases
        .filter((c) => c.text.trim())
        .map((c) => ({ caseNo: c.caseNo, unitName: c.unitName, text: c.text.trim() })),
      nextSteps: paragraphs(d.nextSteps),
    },
  };
}
