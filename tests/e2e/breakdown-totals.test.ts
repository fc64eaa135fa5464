import { describe, expect, it } from 'vitest';
import { HEADLINE_METRICS } from '../../server/metrics/headline.ts';
import {
  breakdownMetrics,
  kindsGap,
  OVERVIEW_BREAKDOWNS,
  PRELITIGATION_PAGE,
  RECONSIDERATION_PAGE,
  UNIT_BREAKDOWNS,
  UNIT_KPIS,
  type Breakdown,
} from '../../web/src/lib/components/family.ts';
import { filtersToApiQuery, parseFilters, type Filters } from '../../web/src/lib/state/filters.ts';
import { startDemoApp } from '../support/demo-app.ts';

/**
 * Every breakdown chart of the dashboard adds up to the KPI it breaks down, asked for exactly as the web asks
 * (the pages' own specs and query builder, over the demo county): a court president comparing a chart with the
 * figure beside it finds the same number. Regression (issue #21 item 4a): 诉前化解成功 read 80 in the KPI and 73
 * in the result donut, which split the disputes registered in the period instead of those concluded in it.
 */
const { analyst } = await startDemoApp();
const TODAY = '2026-06-15';

type Row = Record<string, unknown>;
async function metrics(query: string): Promise<{ total: Row; rows: Row[] }> {
  const res = await analyst.get(`/api/metrics?${query}`).expect(200);
  return res.body as { total: Row; rows: Row[] };
}
const num = (r: Row | undefined, k: string) => (typeof r?.[k] === 'number' ? r[k] : 0);

interface Page {
  name: string;
  kpis: readonly string[];
  breakdowns: Breakdown[];
  units?: string[];
  /** The row the page's KPI strip reads, for these filters (the page's own query). */
  kpiRow(f: Filters): Promise<Row>;
}
const PAGES: Page[] = [
  {
    name: '总览',
    kpis: HEADLINE_METRICS,
    breakdowns: OVERVIEW_BREAKDOWNS,
    kpiRow: async (f) => (await metrics(filtersToApiQuery(f, { by: 'total' }))).total,
  },
  ...[RECONSIDERATION_PAGE, PRELITIGATION_PAGE].map((p) => ({
    name: p.family,
    kpis: p.kpis.flat(),
    breakdowns: p.breakdowns,
    kpiRow: async (f: Filters) =>
      (await metrics(filtersToApiQuery(f, { by: 'unit', rank: p.trend.rate }))).total,
  })),
  ...['A01', 'T01'].map((code) => ({
    name: `单位 ${code}`,
    kpis: UNIT_KPIS.flat(),
    breakdowns: UNIT_BREAKDOWNS,
    units: [code],
    kpiRow: async (f: Filters) =>
      (await metrics(filtersToApiQuery({ ...f, kinds: [] }, { by: 'unit', units: [code] }))).rows[0]!,
  })),
];

/**
 * Slices that are themselves figures of the page (a KPI or the n of a rate shown as n/N): the codes of the
 * registry's definitions (DESIGN.md §4), written out here independently of its SQL.
 */
const SLICES: { by: string; keys: string[]; kpi: string }[] = [
  { by: 'result', keys: ['化解成功'], kpi: 'pre_resolved' },
  { by: 'decision', keys: ['维持'], kpi: 'rec_upheld' },
  { by: 'decision', keys: ['调解', '和解', '终止'], kpi: 'rec_settled' },
  { by: 'decision', keys: ['撤销', '变更', '确认违法', '确认无效', '责令履行'], kpi: 'rec_corrected' },
  { by: 'closing', keys: ['准予撤诉', '按撤诉处理', '调解'], kpi: 'lit_mediation_withdrawal_rate_numerator' },
];

const PERIODS = [
  'year=2024',
  'year=2025',
  'preset=quarter&year=2025&quarter=2',
  'preset=month&year=2024&month=3',
  `year=2025&kinds=${encodeURIComponent('乡镇街道')}`,
  `year=2024&kinds=${encodeURIComponent('县直部门')}&instance=all`,
];

describe('every breakdown chart adds up to its KPI', () => {
  for (const search of PERIODS) {
    it(`over ${decodeURIComponent(search)}`, async () => {
      const f = parseFilters(search, TODAY);
      let checked = 0;
      for (const page of PAGES) {
        const kpi = await page.kpiRow(f);
        for (const b of page.breakdowns) {
          const where = `${page.name} by=${b.by}`;
          // The chart breaks down a figure the page shows.
          expect(page.kpis, where).toContain(b.metric);
          const scoped = page.units ? { ...f, kinds: [] } : f;
          const d = await metrics(
            filtersToApiQuery(scoped, {
              by: b.by,
              units: page.units,
              metrics: breakdownMetrics(b),
              compare: 'none',
            }),
          );
          // Its parts, with the records missing the attribute (the note under the chart), are the KPI.
          const sum = d.rows.reduce((s, r) => s + num(r, b.metric), 0);
          expect(sum, where).toBe(num(kpi, b.metric));
          for (const s of SLICES.filter((x) => x.by === b.by)) {
            const slice = d.rows.filter((r) => s.keys.includes(String(r.key)));
            expect(
              slice.reduce((n, r) => n + num(r, b.metric), 0),
              `${where} ${s.keys.join('+')}`,
            ).toBe(num(kpi, s.kpi));
          }
          checked++;
        }
      }
      expect(checked).toBe(PAGES.reduce((n, p) => n + p.breakdowns.length, 0));
    });
  }

  it('the 县直部门 vs 乡镇街道 chart says why its two bars need not make the county total', async () => {
    const f = parseFilters('year=2025', TODAY);
    const total = (await metrics(filtersToApiQuery(f, { by: 'total' }))).total;
    const kinds = await metrics(
      filtersToApiQuery(f, { by: 'kind', metrics: ['lit_filed', 'lit_loss_rate'], compare: 'none' }),
    );
    const gap = kindsGap(kinds.rows, 'lit_filed', num(total, 'lit_filed'))!;
    expect(gap).not.toBeNull();
    const byKind = (k: string) =>
      num(
        kinds.rows.find((r) => r.key === k),
        'lit_filed',
      );
    expect(gap.shown).toBe(byKind('县直部门') + byKind('乡镇街道'));
    expect(gap.others).toBe(byKind('县政府') + byKind('垂管单位'));
    // shown + left-out kinds − cases counted in two kinds = the county's figure
    expect(gap.shown + gap.others - gap.shared).toBe(num(total, 'lit_filed'));
    expect(gap.shared).toBeGreaterThanOrEqual(0);

    // Filtered to one kind, its bar is the KPI and no note is needed.
    const towns = parseFilters(`year=2025&kinds=${encodeURIComponent('乡镇街道')}`, TODAY);
    const townTotal = (await metrics(filtersToApiQuery(towns, { by: 'total' }))).total;
    const townKinds = await metrics(
      filtersToApiQuery(towns, { by: 'kind', metrics: ['lit_filed'], compare: 'none' }),
    );
    expect(kindsGap(townKinds.rows, 'lit_filed', num(townTotal, 'lit_filed'))).toBeNull();
  });
});
