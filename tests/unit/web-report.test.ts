import { describe, expect, it } from 'vitest';
import type { DeckChart } from '../../web/src/lib/api/client.ts';
import { comboScale } from '../../server/exports/chart-scale.ts';
import { slideChartOption } from '../../web/src/lib/charts/options/slide.ts';
import { defaultFilters, filtersToSearch, parseFilters } from '../../web/src/lib/state/filters.ts';
import {
  choicesToParams,
  defaultChoices,
  exportRequest,
  moveSection,
  parseChoices,
  periodRange,
  previewRequest,
  REPORT_SECTIONS,
  sectionApplies,
  shownSections,
  withChoices,
} from '../../web/src/lib/state/report.ts';

type AnyRecord = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const TODAY = '2026-11-23';

describe('report period from the filters', () => {
  const f = defaultFilters(TODAY);
  it('resolves each preset to inclusive dates', () => {
    expect(periodRange({ ...f, preset: 'year', year: 2025 }, TODAY)).toEqual({
      from: '2025-01-01',
      to: '2025-12-31',
    });
    expect(periodRange({ ...f, preset: 'quarter', year: 2025, quarter: 2 }, TODAY)).toEqual({
      from: '2025-04-01',
      to: '2025-06-30',
    });
    expect(periodRange({ ...f, preset: 'quarter', year: 2025, quarter: 4 }, TODAY).to).toBe('2025-12-31');
    expect(periodRange({ ...f, preset: 'month', year: 2024, month: 2 }, TODAY)).toEqual({
      from: '2024-02-01',
      to: '2024-02-29',
    });
    expect(periodRange({ ...f, preset: 'ytd' }, TODAY)).toEqual({ from: '2026-01-01', to: TODAY });
    expect(periodRange({ ...f, preset: 'custom', from: '2025-03-01', to: '2025-01-15' }, TODAY)).toEqual({
      from: '2025-01-15',
      to: '2025-03-01',
    });
  });
});

describe('report choices in the URL', () => {
  it('reads scope, bases and sections, and writes back only what differs from the defaults', () => {
    const c = parseChoices(
      '?scope=kind%3A%E4%B9%A1%E9%95%87%E8%A1%97%E9%81%93&bases=lit_head_appearance_rate:concluded,lit_loss_rate:B&sections=units,summary,nonsense',
    );
    expect(c.scope).toBe('kind:乡镇街道');
    // the loss rate's 口径 belongs to the filter bar's `basis`
    expect(c.bases).toEqual({ lit_head_appearance_rate: 'concluded' });
    expect(shownSections(c)).toEqual(['units', 'summary']);
    expect(c.order).toHaveLength(REPORT_SECTIONS.length);
    expect(c.hidden).not.toContain('units');
    expect(parseChoices(`?${new URLSearchParams(choicesToParams(c)).toString()}`)).toEqual(c);
    expect(choicesToParams(defaultChoices())).toEqual([]);
  });

  it('falls back to the county for a malformed scope, and keeps the filters beside its own parameters', () => {
    expect(parseChoices('?scope=planet:mars').scope).toBe('county');
    expect(parseChoices('?scope=unit:').scope).toBe('county');
    const filters = filtersToSearch({ ...defaultFilters(TODAY), preset: 'quarter', quarter: 3 }, TODAY);
    const search = withChoices(filters, { ...defaultChoices(), scope: 'unit:A02' });
    const q = new URLSearchParams(search);
    expect(q.get('preset')).toBe('quarter');
    expect(q.get('scope')).toBe('unit:A02');
    expect(parseFilters(search, TODAY).quarter).toBe(3);
  });
});

describe('section order', () => {
  it('moves one place and stops at either end', () => {
    const order = [...REPORT_SECTIONS];
    const up = moveSection(order, 'reconsideration', -1);
    expect(up.indexOf('reconsideration')).toBe(order.indexOf('reconsideration') - 1);
    const before = order[order.indexOf('reconsideration') - 1]!;
    expect(up.indexOf(before)).toBe(order.indexOf(before) + 1);
    expect(moveSection(order, 'summary', -1)).toEqual(order);
    expect(moveSection(order, 'definitions', 1)).toEqual(order);
  });

  it("moves past the sections a deck of the page's scope leaves out", () => {
    const order = [...REPORT_SECTIONS];
    const county = (s: (typeof order)[number]) => sectionApplies(s, undefined);
    const up = moveSection(order, 'reconsideration', -1, county);
    // unit_cases (one-unit decks only) sits between them and is stepped over.
    expect(up.indexOf('reconsideration')).toBe(up.indexOf('appearance') - 1);
    expect(up.filter((s) => s !== 'reconsideration')).toEqual(order.filter((s) => s !== 'reconsideration'));
    const unit = (s: (typeof order)[number]) => sectionApplies(s, { unitCode: 'A02' });
    const down = moveSection(order, 'loss_reasons', 1, unit);
    expect(down.indexOf('loss_reasons')).toBe(down.indexOf('unit_cases') + 1);
  });
});

describe('report requests', () => {
  const f = { ...defaultFilters(TODAY), year: 2025, lossBasis: 'B' as const };
  const c = {
    ...defaultChoices(),
    scope: 'group:乡镇二组',
    bases: { pre_resolution_rate: 'registered' },
    order: moveSection([...REPORT_SECTIONS], 'units', -1),
    hidden: ['closing' as const],
  };

  it('previews every section for the period, scope and 口径', () => {
    expect(previewRequest(f, c, TODAY)).toEqual({
      from: '2025-01-01',
      to: '2025-12-31',
      scope: { group: '乡镇二组' },
      basis: { pre_resolution_rate: 'registered', lit_loss_rate: 'B' },
    });
  });

  it('exports the shown sections in order, only those of its scope, and the narrative and title only when changed', () => {
    const same = exportRequest(f, c, TODAY, { narrative: 'x', generated: 'x', title: '  ' });
    expect(same.sections).toEqual([
      'summary',
      'trend',
      'causes',
      'units',
      'kinds',
      'loss_reasons',
      'appearance',
      'reconsideration',
      'prelitigation',
      'warnings',
      'definitions',
    ]);
    // A one-unit deck: its case lists, none of the sections that compare units.
    const unit = exportRequest(f, { ...c, scope: 'unit:A02' }, TODAY, {
      narrative: '',
      generated: 'x',
      title: '',
    });
    expect(unit.sections).toContain('unit_cases');
    expect(unit.sections).not.toContain('units');
    expect(unit.sections).not.toContain('kinds');
    expect(unit.sections).not.toContain('appearance');
    expect(same.narrative).toBeUndefined();
    expect(same.title).toBeUndefined();
    const edited = exportRequest(f, c, TODAY, { narrative: 'y', generated: 'x', title: ' 第一季度通报 ' });
    expect(edited.narrative).toBe('y');
    expect(edited.title).toBe('第一季度通报');
  });
});

describe('slide chart option', () => {
  it('draws a combo with bars on the left axis and the rate line on the right, both from 0', () => {
    const chart: DeckChart = {
      type: 'combo',
      categories: ['2024年', '2025年'],
      series: [
        { name: '新收一审案件', values: [101, 88] },
        { name: '败诉率', values: [0.139, null], as: 'line', format: 'percent' },
      ],
    };
    const o = slideChartOption(chart, { unit: '件' }) as AnyRecord;
    expect(o.series.map((s: AnyRecord) => [s.type, s.yAxisIndex ?? 0])).toEqual([
      ['bar', 0],
      ['line', 1],
    ]);
    expect(o.series[1].data).toEqual([0.139, null]);
    // both axes from 0 at the bottom, scaled as the PPTX's combo (server/exports/chart-scale.ts)
    expect([o.yAxis[0].min, o.yAxis[1].min]).toEqual([0, 0]);
    const deck = comboScale([[101, 88]], [[0.139, null]]);
    expect([o.yAxis[0].max, o.yAxis[0].interval]).toEqual([deck.barMax, deck.barStep]);
    expect([o.yAxis[1].max, o.yAxis[1].interval]).toEqual([deck.lineMax, deck.lineStep]);
    expect(o.yAxis[1].axisLabel.formatter(0)).toBe('0%');
    expect(o.series[1].label.formatter({ value: 0.139 })).toBe('13.9%');
    expect(o.title).toBeUndefined();
  });

  it('draws top-N lists as horizontal bars, largest at the top, one colour per series', () => {
    const chart: DeckChart = {
      type: 'bar',
      horizontal: true,
      categories: ['示例县公安局', '示例县自然资源局'],
      series: [
        { name: '诉前登记', values: [9, 8] },
        { name: '诉前化解成功', values: [5, 7] },
      ],
    };
    const o = slideChartOption(chart, { unit: '件' }) as AnyRecord;
    expect(o.yAxis.inverse).toBe(true);
    expect(o.yAxis.data).toEqual(chart.categories);
    expect(o.series).toHaveLength(2);
    expect(o.legend).toBeDefined();
  });

  it('draws a doughnut through the donut builder, without a title', () => {
    const o = slideChartOption(
      { type: 'doughnut', categories: ['判决', '撤诉'], series: [{ name: '结案方式', values: [60, 40] }] },
      { unit: '件' },
    ) as AnyRecord;
    expect(o.series[0].type).toBe('pie');
    expect(o.series[0].data).toEqual([
      { name: '判决', value: 60 },
      { name: '撤诉', value: 40 },
    ]);
    expect(o.title).toBeUndefined();
  });
});
