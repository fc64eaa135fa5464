import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import type { MetricRow } from '../../server/contracts/metrics.ts';
import type { ReportModel } from '../../server/contracts/report.ts';
import { createApp } from '../../server/http/app.ts';
import { createLogger } from '../../server/logger.ts';
import { seedDemoCounty } from '../../server/services/demo/demo-seed.service.ts';
import { importFile } from '../../server/services/import/import.service.ts';
import { buildReport, loadSnapshot, renderReport } from '../../server/services/report/report.service.ts';
import { createTestDatabase } from '../support/database.ts';
import { screenshotPath } from '../support/browser.ts';
import { loginAs } from '../support/personas.ts';
import { badTableLines, pdfWords } from '../support/pdf-table-lines.ts';
import { readPptx, xmlText } from '../support/pptx.ts';
import { DEMO_AS_OF } from '../support/demo.ts';
import { kindCompareGroups } from '../../web/src/lib/charts/options/compare.ts';
import { formatRate } from '../../web/src/lib/format.ts';

const { knex } = await createTestDatabase();
await seedDemoCounty(knex, { asOf: DEMO_AS_OF });
const app = createApp({
  db: { knex, mode: inject('dbMode'), close: () => Promise.resolve() },
  logger: createLogger(process.env.TEST_LOG ?? 'silent'),
});
const year2025 = { from: '2025-01-01', to: '2025-12-31' };
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sj-report-'));

/** Supertest collects a binary body into a Buffer with this parser. */
function binary(response: unknown, done: (err: Error | null, body: Buffer) => void): void {
  const res = response as NodeJS.ReadableStream; // superagent hands the raw response stream to a parser
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}

describe('report API', () => {
  it('generates the county deck for an analyst, freezes it, and audits the download', async () => {
    const analyst = await loginAs(app, knex, 'analyst');
    const res = await analyst
      .post('/api/reports/generate')
      .send({ ...year2025, format: 'pptx', freeze: true })
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(res.headers['content-type']).toContain('presentationml');
    expect(res.headers['content-disposition']).toContain("filename*=UTF-8''");
    const snapshot = res.headers['x-report-snapshot'];
    expect(snapshot).toMatch(/^R20251231-[0-9a-f]{8}$/);
    const deck = await readPptx(res.body as Buffer);
    expect(xmlText(deck.slides[0]!)).toContain('示例县行政争议化解工作联席会议材料');

    const audit = await knex('audit_event')
      .where({ action: 'report.download' })
      .orderBy('id', 'desc')
      .first();
    expect(audit.outcome).toBe('success');

    const list = await analyst.get('/api/reports/snapshots').expect(200);
    expect(list.body.snapshots.map((s: { id: string }) => s.id)).toContain(snapshot);
  });

  it('gives a unit user a report of their own unit only, whatever scope they ask for', async () => {
    const unit = await loginAs(app, knex, 'unit', 'T04');
    const own = await unit.post('/api/reports/preview').send(year2025).expect(200);
    expect(own.body.meta.title).toContain('青山镇');
    const tampered = await unit
      .post('/api/reports/preview')
      .send({ ...year2025, scope: { unitCode: 'A01' } });
    expect(tampered.status).toBe(403);
    const snapshots = await unit.get('/api/reports/snapshots').expect(200);
    expect(snapshots.body.snapshots).toEqual([]);
  });

  it('kinds slide and the overview chart compare the same kinds, in one order, with the same figures (issue #21 item 4)', async () => {
    const analyst = await loginAs(app, knex, 'analyst');
    const preview = await analyst
      .post('/api/reports/preview')
      .send({ ...year2025, sections: ['kinds'] })
      .expect(200);
    const slide = (preview.body as ReportModel).slides.find((s) => s.section === 'kinds')!;
    if (slide.kind !== 'chart') throw new Error(`kinds slide is a ${slide.kind} slide`);
    // The overview's request for its chart (OverviewPage.svelte), mapped by the builder the page uses.
    const api = await analyst
      .get('/api/metrics')
      .query({ preset: 'year', year: 2025, by: 'kind', metrics: 'lit_filed,lit_losses,lit_loss_rate' })
      .query({ compare: 'none' })
      .expect(200);
    expect(api.body.rows.map((r: MetricRow) => r.key)).toEqual([
      '县直部门',
      '乡镇街道',
      '县政府',
      '垂管单位',
    ]);
    const { groups, others } = kindCompareGroups(api.body.rows, {
      cases: 'lit_filed',
      second: 'lit_losses',
      rate: 'lit_loss_rate',
    });
    expect(slide.chart.categories).toEqual(['县直部门', '乡镇街道']);
    expect(groups.map((g) => g.label)).toEqual(slide.chart.categories);
    expect(slide.chart.series.map((s) => s.values)).toEqual([
      groups.map((g) => g.cases),
      groups.map((g) => g.second),
    ]);
    expect(slide.beside?.categories).toEqual(slide.chart.categories);
    expect(slide.beside?.series[0]!.values).toEqual(groups.map((g) => g.rate));
    // The other kinds are a note on both, in the same order and with the same figures.
    expect(others.map((g) => g.label)).toEqual(['县政府', '垂管单位']);
    const notes = others.map(
      (g) =>
        `${g.label}：新收${g.cases}件、败诉${g.second}件、败诉率${formatRate(g.rate)}（${g.numerator}/${g.denominator}）`,
    );
    for (const note of notes) expect(slide.caption).toContain(note);
    expect(slide.caption!.indexOf(notes[0]!)).toBeLessThan(slide.caption!.indexOf(notes[1]!));
  });

  it('refuses a malformed request with a clear message', async () => {
    const analyst = await loginAs(app, knex, 'analyst');
    const res = await analyst
      .post('/api/reports/generate')
      .send({ from: '2025/01/01', to: '2025-12-31', format: 'doc' });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/from|format/);
  });
});

describe('frozen reports', () => {
  it('regenerate byte-for-byte identical slide XML after new data is imported', async () => {
    const model = await buildReport({ db: knex }, year2025);
    const { freezeReport } = await import('../../server/services/report/report.service.ts');
    const id = await freezeReport(knex, model, 'test');
    const before = await readPptx(await renderReport(model, 'pptx'));

    // New cases arrive for 2025 …
    const csv = path.join(tmp, 'late-2025.csv');
    fs.writeFileSync(
      csv,
      '案号,立案日期,被告,结案日期,结案方式,裁判结果\n' +
        '(2025)示0521行初901号,2025-06-01,示例县公安局,2025-09-01,判决,撤销\n' +
        '(2025)示0521行初902号,2025-06-02,示例县公安局,,,\n',
    );
    const summary = await importFile(knex, {
      kind: 'litigation',
      filePath: csv,
      fileName: 'late-2025.csv',
      source: 'cli',
    });
    expect(summary.inserted).toBe(2);

    // … the live report changes, the frozen one does not.
    const live = await readPptx(await renderReport(await buildReport({ db: knex }, year2025), 'pptx'));
    expect(live.slides).not.toEqual(before.slides);
    const frozen = await readPptx(await renderReport((await loadSnapshot(knex, id))!, 'pptx'));
    expect(frozen.slides).toEqual(before.slides);
    expect([...frozen.charts.entries()]).toEqual([...before.charts.entries()]);
  });
});

describe('PDF and workbook', () => {
  it('renders the deck to a PDF with one page per slide and the Chinese headings and figures', async () => {
    const model = await buildReport({ db: knex }, year2025);
    const pdf = await renderReport(model, 'pdf');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const file = path.join(tmp, 'report.pdf');
    fs.writeFileSync(file, pdf);
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    expect(Number(/Pages:\s+(\d+)/.exec(info)?.[1])).toBe(model.slides.length);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    for (const heading of [
      '总体情况',
      '近五年收案与败诉率',
      '结案方式',
      '各单位情况',
      '负责人出庭应诉',
      '行政复议',
      '诉前化解',
      '指标定义与口径',
    ]) {
      expect(text).toContain(heading);
    }
    const summary = model.slides.find((s) => s.kind === 'kpis')!;
    const filed = summary.kind === 'kpis' ? summary.items[0]!.value : '';
    expect(text).toContain(filed.replace(/\s+/g, '')); // e.g. 88件
    expect(execFileSync('pdffonts', [file], { encoding: 'utf8' })).toMatch(/WenQuanYi|Noto|CJK|Hei/i);
  });

  it('regression (issue #21 item 5): no table cell of the deck wraps inside a bracket or a number', async () => {
    // 2024 had the cells that wrapped: 「90.0%（9/10」 over 「）」 and 「91.7%（11/1」 over 「2）」; the townships'
    // 2025 deck has the longest warning lists, which leave the other columns no spare room.
    for (const [name, req] of [
      ['county-2024', { from: '2024-01-01', to: '2024-12-31' }],
      ['townships-2025', { ...year2025, scope: { kind: '乡镇街道' } }],
    ] as const) {
      const model = await buildReport({ db: knex }, req);
      const file = path.join(tmp, `report-${name}.pdf`);
      fs.writeFileSync(file, await renderReport(model, 'pdf'));
      const pages = pdfWords(file);
      expect(pages).toHaveLength(model.slides.length);
      // The check reads the rendered cells: rates with their n/N are there, whole, as words of the PDF.
      const first = model.slides.findIndex((s) => s.title.startsWith('各单位情况'));
      expect(pages[first]!.some((w) => /^\d+\/\d+$/.test(w.text))).toBe(true);
      expect(badTableLines(model.slides, pages)).toEqual([]);
      // For a person to look at: the first units slide as rendered.
      const png = screenshotPath(`report-${name}-units`).replace(/\.png$/, '');
      execFileSync('pdftoppm', [
        '-png',
        '-r',
        '80',
        '-f',
        `${first + 1}`,
        '-l',
        `${first + 1}`,
        '-singlefile',
        file,
        png,
      ]);
    }
  });

  it('writes a workbook with one sheet per table and the definitions', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const model = await buildReport({ db: knex }, year2025);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await renderReport(model, 'xlsx')) as unknown as ArrayBuffer);
    const names = wb.worksheets.map((w) => w.name);
    expect(names).toEqual(expect.arrayContaining(['说明', '总体情况', '各单位情况', '指标定义']));
    expect(names).toHaveLength(model.tables.length + 1);
    const units = wb.getWorksheet('各单位情况')!;
    expect(units.getRow(1).getCell(2).value).toBe('单位');
    expect(units.rowCount).toBe(model.tables.find((t) => t.name === '各单位情况')!.rows.length + 1);
  });
});
