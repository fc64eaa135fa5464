import { describe, expect, it } from 'vitest';
import { PEER_SECTIONS, REPORT_SECTIONS, type ReportModel } from '../../server/contracts/report.ts';
import { generateDemoCounty } from '../../server/demo/demo-county.ts';
import { DECK_FONT, renderDeck } from '../../server/exports/pptx.ts';
import { METRICS } from '../../server/metrics/index.ts';
import { WARNINGS, type WarningCode } from '../../server/metrics/settings.ts';
import { WARNING_SEVERITY } from '../../server/metrics/warnings.ts';
import { chargedCases } from '../../server/services/cases/charged-cases.ts';
import { seedDemoCounty } from '../../server/services/demo/demo-seed.service.ts';
import { buildReport } from '../../server/services/report/report.service.ts';
import { createTestDatabase } from '../support/database.ts';
import { readPptx, seriesValues, textProperties, xmlText } from '../support/pptx.ts';
import { DEMO_AS_OF } from '../support/demo.ts';

const { knex } = await createTestDatabase();
await seedDemoCounty(knex, { asOf: DEMO_AS_OF });
const deps = { db: knex, clock: () => new Date('2026-01-05T00:00:00Z') };

// Expected figures worked out from the generated records, not by the metric SQL.
const county = generateDemoCounty(DEMO_AS_OF);
const first = county.litigation.filter((c) => c.instance === '一审');
const filedIn = (y: number) => first.filter((c) => c.filed_on.startsWith(String(y))).length;
const concluded2025 = first.filter((c) => c.closed_on?.startsWith('2025'));

const model = await buildReport(deps, { from: '2025-01-01', to: '2025-12-31' });
const deck = await readPptx(await renderDeck(model.meta, model.slides));
/** A slide's title is its first text run. */
const titleOf = (slide: string) => /<a:t>([^<]*)<\/a:t>/.exec(slide)?.[1] ?? '';
const slideTitled = (title: string) => deck.slides.findIndex((s) => titleOf(s).startsWith(title));

describe('joint-meeting report for the demo county, 2025', () => {
  it('lays out every section in meeting order, with a footer and notes on each slide', () => {
    expect(model.slides[0]!.kind).toBe('cover');
    const order = [
      '总体情况',
      '近五年收案与败诉率',
      '结案方式',
      '案由分布',
      '县直部门与乡镇街道',
      '各单位情况',
      '败诉原因',
      '负责人出庭应诉',
      '行政复议',
      '诉前化解',
      '预警与需关注单位',
      '指标定义与口径',
    ];
    const positions = order.map(slideTitled);
    expect(positions).not.toContain(-1);
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    for (const slide of deck.slides) {
      expect(xmlText(slide)).toContain('统计期间：2025年1月1日—2025年12月31日');
      expect(xmlText(slide)).toContain('数据截至');
    }
    for (const notes of deck.notes) expect(xmlText(notes).length).toBeGreaterThan(20);
  });

  it('charts the five-year trend natively with the county figures', () => {
    const i = slideTitled('近五年收案与败诉率');
    const chart = deck.charts.get(deck.slideCharts[i]![0]!)!;
    const values = seriesValues(chart);
    expect(values.get('新收一审案件')).toEqual([2021, 2022, 2023, 2024, 2025].map(filedIn));
    const rates = values.get('败诉率')!;
    expect(rates).toHaveLength(5);
    const losses2025 = concluded2025.filter(
      (c) => c.closing === '判决' && !['驳回诉讼请求', '其他'].includes(c.judgment ?? ''),
    ).length;
    expect(rates[4]).toBeCloseTo(losses2025 / concluded2025.length, 10);
    for (const xml of deck.charts.values())
      for (const p of textProperties(xml)) expect(p).toContain(`<a:ea typeface="${DECK_FONT}"/>`);
  });

  it('breaks down the closing methods of the cases concluded in 2025', () => {
    const i = slideTitled('结案方式');
    const chart = deck.charts.get(deck.slideCharts[i]![0]!)!;
    const values = seriesValues(chart).get('结案方式')!;
    expect(values.reduce<number>((a, b) => a + (b ?? 0), 0)).toBe(concluded2025.length);
    const judged = concluded2025.filter((c) => c.closing === '判决').length;
    expect(values).toContain(judged);
  });

  it('lists each active unit with its rates as n/N and marks warnings', () => {
    const unitSlides = deck.slides.filter((s) => xmlText(s).includes('各单位情况'));
    expect(unitSlides.length).toBeGreaterThanOrEqual(2); // ~40 active units, about 13 a slide
    const text = unitSlides.map(xmlText).join('');
    const t04 = first.filter((c) => c.defendants.includes('T04') && c.filed_on.startsWith('2025')).length;
    expect(text).toContain('示例县青山镇人民政府');
    const row = model.tables.find((t) => t.name === '各单位情况')!.rows.find((r) => r[0] === 'T04')!;
    // columns: code, unit, 类型, 排名 (rank in kind, server/metrics/rank.ts), 新收, …
    expect(row[2]).toBe('乡镇街道');
    expect(row[4]).toBe(String(t04));
    expect(row[3]).toMatch(/^(\d+|—)$/);
    expect(text).toContain('第1名为最好');
    expect(text).toMatch(/\d+\.\d%（\d+\/\d+）/);
  });

  it('prints every headline metric’s definition and 口径 from the registry, none blank or a placeholder', () => {
    const slides = model.slides.filter((s) => s.kind === 'table' && s.title.startsWith('指标定义与口径'));
    const rows = slides.flatMap((s) => (s.kind === 'table' ? s.rows.map((r) => r.cells) : []));
    const headline = METRICS.filter((m) => m.headline);
    expect(rows.map((r) => r[0])).toEqual(headline.map((m) => m.name.zh));
    for (const [name, definition, basis] of rows) {
      expect(definition, name).not.toMatch(/分子|分母|^\s*÷/);
      expect(basis, name).toMatch(/÷|按.+日期计入统计期/);
      expect(basis, name).not.toMatch(/^\s*÷/);
    }
    const correction = rows.find((r) => r[0] === '复议纠错率')!;
    expect(correction[1]).toContain('复议纠错 ÷ 复议审结');
    expect(rows.find((r) => r[0] === '新收一审案件')![2]).toBe('按立案日期计入统计期');
    // The deck prints the same text the model holds.
    const text = deck.slides
      .filter((s) => titleOf(s).startsWith('指标定义与口径'))
      .map(xmlText)
      .join('');
    expect(text).toContain('复议纠错 ÷ 复议审结');
    expect(text).toContain('按结案日期计入统计期');
  });

  it('marks a year the data cover only in part on the trend slide, from the data’s own first date', async () => {
    // The demo's litigation data start in the autumn of 2020 (carry-over cases): a 2024 report's five years
    // begin with that partial year. Worked out from the generated records.
    const dates = county.litigation.flatMap((c) => [c.filed_on, c.closed_on ?? c.filed_on]).sort();
    const month = Number(dates[0]!.slice(5, 7));
    expect(month).toBeGreaterThan(1);
    const m2024 = await buildReport(deps, { from: '2024-01-01', to: '2024-12-31', sections: ['trend'] });
    const slide = m2024.slides.find((s) => s.kind === 'chart' && s.title === '近五年收案与败诉率')!;
    expect(slide.kind === 'chart' && slide.chart.categories).toEqual([
      `2020年（${month}月起）`,
      '2021年',
      '2022年',
      '2023年',
      '2024年',
    ]);
    expect(slide.kind === 'chart' && slide.caption).toContain(`2020年数据自${month}月起`);
    // The 2025 deck's five years are all whole (the clock is past 2025).
    const trend = model.slides.find((s) => s.kind === 'chart' && s.title === '近五年收案与败诉率')!;
    expect(trend.kind === 'chart' && trend.chart.categories.every((c) => /^\d{4}年$/.test(c))).toBe(true);
  });

  it('orders the units table by kind, then rank (unranked after, by 新收), and says so under the title', () => {
    const slides = model.slides.filter((s) => s.kind === 'table' && s.title.startsWith('各单位情况'));
    const rows = slides.flatMap((s) => (s.kind === 'table' ? s.rows.map((r) => r.cells) : []));
    const kinds = ['县政府', '县直部门', '垂管单位', '乡镇街道'];
    const key = (c: string[]) => [
      kinds.indexOf(c[1]!),
      c[2] === '—' ? Infinity : Number(c[2]),
      -Number(c[3]),
    ];
    for (let i = 1; i < rows.length; i++) {
      const [a, b] = [key(rows[i - 1]!), key(rows[i]!)];
      const cmp = a[0]! - b[0]! || a[1]! - b[1]! || (a[1] === Infinity ? a[2]! - b[2]! : 0);
      expect(cmp, `${rows[i - 1]![0]} before ${rows[i]![0]}`).toBeLessThanOrEqual(0);
    }
    for (const s of slides) if (s.kind === 'table') expect(s.subtitle).toMatch(/各类型内按排名排序/);
    // balanced pages: no page holds a leftover row or two
    const sizes = slides.map((s) => (s.kind === 'table' ? s.rows.length : 0));
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
  });

  it('lists the warnings grouped, most serious first, with a count per group and units by magnitude (issue #21 item 6)', () => {
    const slide = model.slides.find((x) => x.section === 'warnings')!;
    if (slide.kind !== 'text') throw new Error(`warnings slide is a ${slide.kind} slide`);
    const units = model.tables.find((t) => t.name === '预警')!;
    // The demo county's 2025 in groups, as the metric table flags them (workbook rows: 预警, 编码, 单位, 情况).
    const codeOf = Object.fromEntries(
      Object.entries(WARNINGS).map(([code, w]) => [w.zh, code as WarningCode]),
    ) as Record<string, WarningCode>;
    const sheetGroups = [...new Set(units.rows.map((r) => codeOf[String(r[0])]))].filter(
      (c): c is WarningCode => c !== undefined,
    );
    expect(sheetGroups).toEqual(WARNING_SEVERITY.filter((c) => sheetGroups.includes(c)));
    expect(sheetGroups.length).toBeGreaterThanOrEqual(3);
    expect(sheetGroups.at(-1)).toBe('filed_up');
    // One paragraph per group, in that order, each opening with its name and count.
    expect(slide.paragraphs).toHaveLength(sheetGroups.length);
    sheetGroups.forEach((code, i) => {
      const n = units.rows.filter((r) => codeOf[String(r[0])] === code).length;
      expect(slide.paragraphs[i]!.startsWith(`${WARNINGS[code].zh}（${n}个）：`)).toBe(true);
    });
    // Within 败诉率超过预警线, the highest rate first.
    const rates = units.rows
      .filter((r) => r[0] === WARNINGS.loss_rate_high.zh)
      .map((r) => Number(/败诉率([\d.]+)%/.exec(String(r[3]))![1]));
    expect(rates.length).toBeGreaterThan(1);
    expect(rates).toEqual([...rates].sort((a, b) => b - a));
    // The deck shows the same text, the group name in bold red.
    const i = slideTitled('预警与需关注单位');
    expect(xmlText(deck.slides[i]!)).toContain(slide.paragraphs[0]);
    expect(deck.slides[i]).toMatch(/<a:rPr[^>]*b="1"[^>]*>(?:(?!<\/a:rPr>).)*C62828/s);
  });

  it('draws the month-by-month counts under the reconsideration and pre-litigation tiles (issue #21 item 6)', () => {
    for (const [title, ids] of [
      ['行政复议', ['复议受理', '复议纠错']],
      ['诉前化解', ['诉前登记', '诉前化解成功']],
    ] as const) {
      const i = deck.slides.findIndex((x) => titleOf(x) === title);
      const slide = model.slides[i]!;
      expect(slide.kind).toBe('kpis');
      expect(deck.slideCharts[i]).toHaveLength(1);
      const chart = deck.charts.get(deck.slideCharts[i]![0]!)!;
      const values = seriesValues(chart);
      expect([...values.keys()]).toEqual(ids);
      for (const id of ids) expect(values.get(id)).toHaveLength(12);
      // The months add up to the year on the tiles (e.g. 复议受理 236件).
      const tiles = slide.kind === 'kpis' ? slide.items : [];
      const tile = (label: string) =>
        Number(/^(\d+)件$/.exec(tiles.find((t) => t.label === label)!.value)![1]);
      for (const id of ids) expect(values.get(id)!.reduce<number>((a, b) => a + (b ?? 0), 0)).toBe(tile(id));
      expect(chart).toContain('1月');
    }
  });

  it('uses the presenter’s edited narrative and the chosen sections and order', async () => {
    const edited = await buildReport(deps, {
      from: '2025-01-01',
      to: '2025-12-31',
      sections: ['units', 'summary'],
      narrative: '经审核的情况说明。',
    });
    expect(edited.slides.map((s) => s.kind)).toEqual(['cover', 'table', 'table', 'table', 'kpis']);
    const summary = edited.slides.at(-1)!;
    expect(summary.kind === 'kpis' && summary.paragraph).toBe('经审核的情况说明。');
    expect(REPORT_SECTIONS).toHaveLength(13);
  });
});

describe('a one-unit deck (issue #21: its own slides, no county comparison)', () => {
  const year2024 = { from: '2024-01-01', to: '2024-12-31' };
  const period = { preset: 'year' as const, year: 2024 };
  const tableCells = (m: ReportModel, titled: string) =>
    m.slides.flatMap((s) =>
      s.kind === 'table' && s.title.startsWith(titled) ? s.rows.map((r) => r.cells) : [],
    );

  it("leaves out the slides that compare units and lists the unit's lost cases and missed hearings", async () => {
    // The demo unit with most losses in 2024, so the lists are not empty.
    const county = await buildReport(deps, { ...year2024, sections: ['units'] });
    const units = county.tables.find((t) => t.name === '各单位情况')!;
    const losses = (r: (string | number | null)[]) => Number(r[units.columns.indexOf('败诉')]);
    const unit = [...units.rows].sort((a, b) => losses(b) - losses(a))[0]!;
    const code = String(unit[0]);
    const m = await buildReport(deps, { ...year2024, scope: { unitCode: code } });

    const sections = new Set(m.slides.map((s) => s.section));
    for (const peer of PEER_SECTIONS) expect(sections).not.toContain(peer);
    expect(m.slides.some((s) => s.title.includes('前十位'))).toBe(false);
    expect(sections).toContain('unit_cases');

    const lists = (await chargedCases(deps, null, code, period))!;
    expect(lists.losses.length).toBe(losses(unit));
    expect(lists.losses.length).toBeGreaterThan(0);
    expect(tableCells(m, `${lists.unit.name}败诉案件`).map((c) => c[0])).toEqual(
      lists.losses.map((c) => c.case_no),
    );
    const absent = tableCells(m, `${lists.unit.name}负责人应出庭未出庭案件`).map((c) => c[0]);
    expect(absent).toEqual(lists.absences.map((c) => c.case_no));
    expect(m.tables.find((t) => t.name === '败诉案件')!.rows).toHaveLength(lists.losses.length);

    // Its rank is the one the county table gives it (one rank definition, issue #21 item 1).
    const rank = unit[units.columns.indexOf('排名')];
    const summary = m.slides.find((s) => s.section === 'summary');
    expect(summary?.kind === 'kpis' && summary.status?.label).toContain(`第${String(rank)}名`);
  });

  it('says a list is empty instead of drawing an empty table', async () => {
    const county = await buildReport(deps, { ...year2024, sections: ['units'] });
    const units = county.tables.find((t) => t.name === '各单位情况')!;
    const none = units.rows.find((r) => Number(r[units.columns.indexOf('败诉')]) === 0)!;
    const m = await buildReport(deps, {
      ...year2024,
      scope: { unitCode: String(none[0]) },
      sections: ['unit_cases'],
    });
    const texts = m.slides.filter((s) => s.section === 'unit_cases');
    expect(texts[0]?.kind === 'text' && texts[0].paragraphs).toContain('本期无败诉案件。');
  });

  it('has no case lists in a deck of several units, and no rank when the deck is not ranked', async () => {
    const county = await buildReport(deps, { ...year2024, sections: ['unit_cases', 'summary'] });
    expect(county.slides.map((s) => s.section)).toEqual(['cover', 'summary']);
    const unranked = await buildReport(deps, {
      ...year2024,
      scope: { unitCode: 'A01' },
      sections: ['summary'],
      ranked: false,
    });
    const summary = unranked.slides.find((s) => s.section === 'summary');
    expect(summary?.kind === 'kpis' && summary.status?.label).not.toContain('排名');
  });
});
