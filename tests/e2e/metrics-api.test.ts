/**
 * The demo county's figures through every door: GET /api/metrics (JSON and Arrow), the CLI's --json, and the
 * CSV and XLSX downloads give the same numbers; a unit user only ever sees their own unit.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { tableFromIPC } from 'apache-arrow';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { describe, expect, inject, it } from 'vitest';
import { generateDemoCounty } from '../../server/demo/demo-county.ts';
import { parseMetricsCsv } from '../../server/exports/csv-metrics.ts';
import { createApp } from '../../server/http/app.ts';
import { createLogger } from '../../server/logger.ts';
import { seedDemoCounty } from '../../server/services/demo/demo-seed.service.ts';
import { createTestDatabase } from '../support/database.ts';
import { loginAs } from '../support/personas.ts';
import { DEMO_AS_OF } from '../support/demo.ts';

const run = promisify(execFile);
const { knex, url } = await createTestDatabase();
await seedDemoCounty(knex, { asOf: DEMO_AS_OF });
const app = createApp({
  db: { knex, mode: inject('dbMode'), close: () => Promise.resolve() },
  logger: createLogger('silent'),
});
const analyst = await loginAs(app, knex, 'analyst');
const QS = 'preset=year&year=2024&compare=yoy,mom';

/** Everything but the clock-dependent fields. */
const figures = (r: { rows: unknown[]; total: unknown; period: unknown; basis: unknown }) => ({
  rows: r.rows,
  total: r.total,
  period: r.period,
  basis: r.basis,
});

// Expected 2024 county figures counted straight from the generated records (not through any SQL).
const county = generateDemoCounty(DEMO_AS_OF);
const first = county.litigation.filter((c) => c.instance === '一审');
const in2024 = (d: string | null) => d?.startsWith('2024') ?? false;
const LOSS = ['撤销', '部分撤销', '变更', '确认违法', '确认无效', '责令履行', '责令赔偿', '给付'];

describe('GET /api/metrics on the demo county', () => {
  it('matches the records, and the CLI --json and the CSV download reproduce it exactly', async () => {
    const api = (await analyst.get(`/api/metrics?${QS}`).expect(200)).body;
    const concluded = first.filter((c) => in2024(c.closed_on));
    expect(api.total.lit_filed).toBe(first.filter((c) => in2024(c.filed_on)).length);
    expect(api.total.lit_concluded).toBe(concluded.length);
    const losses = concluded.filter((c) => c.closing === '判决' && LOSS.includes(c.judgment ?? '')).length;
    expect(api.total.lit_loss_rate).toBe(losses / concluded.length);
    expect(api.rows).toHaveLength(county.units.length);

    const { stdout } = await run(
      'npx',
      [
        'tsx',
        'server/cli/main.ts',
        'metrics',
        '--preset',
        'year',
        '--year',
        '2024',
        '--compare',
        'yoy,mom',
        '--json',
      ],
      { env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: 'silent' }, maxBuffer: 64 * 1024 * 1024 },
    );
    const cli = JSON.parse(stdout);
    expect(Object.keys(cli).sort()).toEqual(Object.keys(api).sort());
    expect(figures(cli)).toEqual(figures(api));

    const csv = await analyst.get(`/api/exports/metrics.csv?${QS}`).expect(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.text).toContain('# 数据截至 data as of');
    expect(csv.text).toContain('lit_loss_rate: 败诉率 — 败诉案件占审结案件的比例');
    const parsed = parseMetricsCsv(csv.text);
    const flat = (r: Record<string, unknown>) =>
      Object.fromEntries(Object.entries(r).map(([k, v]) => [k, Array.isArray(v) ? v.join(';') || null : v]));
    expect(parsed).toEqual([...api.rows, api.total].map(flat).map((r) => ({ ...blank(parsed[0]!), ...r })));
  });

  it('Arrow IPC (Accept header) carries the same columns and values', async () => {
    const json = (await analyst.get(`/api/metrics?${QS}`).expect(200)).body;
    const res = await analyst
      .get(`/api/metrics?${QS}`)
      .set('Accept', 'application/vnd.apache.arrow.stream')
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(res.headers['content-type']).toMatch(/application\/vnd\.apache\.arrow\.stream/);
    const table = tableFromIPC(res.body as Buffer);
    expect(table.numRows).toBe(json.rows.length + 1);
    const codes = table.getChild('unit_code')!;
    const rates = table.getChild('lit_loss_rate')!;
    json.rows.forEach((r: Record<string, unknown>, i: number) => {
      expect(codes.get(i)).toBe(r.unit_code);
      expect(rates.get(i)).toBe(r.lit_loss_rate); // null stays null
    });
    expect(table.getChild('lit_filed')!.get(json.rows.length)).toBe(json.total.lit_filed);
  });

  it('shape=columns gives the same rows as arrays under their column keys', async () => {
    const json = (await analyst.get(`/api/metrics?${QS}`).expect(200)).body;
    const cols = (await analyst.get(`/api/metrics?${QS}&shape=columns`).expect(200)).body;
    expect(cols.total).toEqual(json.total);
    const back = cols.rows.map((r: unknown[]) =>
      Object.fromEntries(
        cols.columns.map((k: string, i: number) => [k, r[i]]).filter(([, v]: unknown[]) => v !== null),
      ),
    );
    const strip = (r: Record<string, unknown>) =>
      Object.fromEntries(Object.entries(r).filter(([, v]) => v !== null));
    expect(back).toEqual(json.rows.map(strip));
  });

  it('XLSX download holds the table, the data-as-of line and a definitions sheet', async () => {
    const json = (await analyst.get(`/api/metrics?${QS}`).expect(200)).body;
    const res = await analyst
      .get(`/api/exports/metrics.xlsx?${QS}`)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as Parameters<typeof wb.xlsx.load>[0]);
    const ws = wb.getWorksheet('指标表')!;
    expect(ws.getCell('A2').text).toContain('数据截至');
    const ids = (ws.getRow(6).values as unknown[]).slice(1);
    const col = ids.indexOf('lit_loss_rate') + 1;
    expect(ws.getRow(7).getCell(col).value).toBe(json.rows[0].lit_loss_rate);
    expect(wb.getWorksheet('指标定义')!.rowCount).toBeGreaterThan(10);
  });

  it('definitions list every metric id of DESIGN.md §4 with its 口径', async () => {
    const defs = (await analyst.get('/api/metrics/definitions').expect(200)).body;
    const ids = defs.metrics
      .filter((m: { headline: boolean }) => m.headline)
      .map((m: { id: string }) => m.id);
    expect(ids).toEqual([
      'lit_filed',
      'lit_concluded',
      'lit_losses',
      'lit_judged',
      'lit_withdrawn_mediated',
      'lit_conciliation_withdrawals',
      'lit_hearings',
      'lit_head_appearances',
      'lit_loss_rate',
      'lit_mediation_withdrawal_rate',
      'lit_dismissal_rate',
      'lit_head_appearance_rate',
      'lit_head_spoke_rate',
      'lit_principal_share',
      'rec_received',
      'rec_concluded',
      'rec_corrected',
      'rec_correction_rate',
      'rec_upheld_rate',
      'rec_settlement_rate',
      'rec_litigated_after_rate',
      'pre_registered',
      'pre_concluded',
      'pre_resolved',
      'pre_resolution_rate',
      'substantive_resolution_rate',
    ]);
    const loss = defs.metrics.find((m: { id: string }) => m.id === 'lit_loss_rate');
    expect(loss.bases.map((b: { id: string }) => b.id)).toEqual(['A', 'B']);
  });

  it('a unit user sees only their unit, unranked, and cannot ask for another', async () => {
    const unit = await loginAs(app, knex, 'unit', 'T06');
    const own = (await unit.get(`/api/metrics?${QS}`).expect(200)).body;
    expect(own.rows.map((r: { unit_code: string }) => r.unit_code)).toEqual(['T06']);
    expect(own.rows[0].rank_in_kind).toBeUndefined();
    const full = (await analyst.get(`/api/metrics?${QS}&units=T06`).expect(200)).body;
    expect(own.total.lit_filed).toBe(full.total.lit_filed);
    await unit.get(`/api/metrics?${QS}&units=A01`).expect(403);
  });

  it('rejects bad parameters with 400 and a message', async () => {
    const res = await analyst.get('/api/metrics?from=2024-13-01&to=2024-12-31').expect(400);
    expect(res.body.error.code).toBe('invalid_request');
    await analyst.get('/api/metrics?preset=year&year=2024&basis=lit_loss_rate:Z').expect(400);
    await analyst.get('/api/metrics?preset=year&year=2024&metrics=nope').expect(400);
    await request(app).get(`/api/metrics?${QS}`).expect(401);
  });

  it('narrative sentences state the API figures', async () => {
    const api = (await analyst.get('/api/metrics?preset=year&year=2024&by=total').expect(200)).body;
    const n = (await analyst.get('/api/metrics/narrative?preset=year&year=2024').expect(200)).body;
    expect(n.text).toContain(`2024年全县新收一审行政诉讼案件${api.total.lit_filed}件`);
    expect(n.text).toContain(`审结${api.total.lit_concluded}件，败诉${api.total.lit_losses}件`);
  });
});

describe('the unit table’s total row (issue #21: 全县合计 on /units and in its downloads)', () => {
  const binary = (r: request.Response, cb: (err: Error | null, body: Buffer) => void) => {
    const chunks: Buffer[] = [];
    r.on('data', (c: Buffer) => chunks.push(c));
    r.on('end', () => cb(null, Buffer.concat(chunks)));
  };
  const figuresOf = (r: Record<string, unknown>) =>
    Object.fromEntries(
      Object.entries(r).filter(([k]) => !['key', 'label', 'unit_kind', 'unit_group'].includes(k)),
    );

  it('is the county KPI strip’s row, named 全县合计, with rates as the totals’ ratio', async () => {
    const table = (await analyst.get(`/api/metrics?${QS}&by=unit`).expect(200)).body;
    const kpi = (await analyst.get(`/api/metrics?${QS}&by=total`).expect(200)).body;
    expect(table.total.label).toBe('全县合计');
    expect(table.total).toEqual(kpi.total);
    const t = table.total;
    expect(t.lit_loss_rate).toBe(t.lit_loss_rate_numerator / t.lit_loss_rate_denominator);
    expect(t.lit_loss_rate_numerator).toBe(t.lit_losses);
    // Not the mean of the units' rates (co-defendants make the rows add up to more than the total, too).
    const rates = table.rows
      .map((r: Record<string, number | null>) => r.lit_loss_rate)
      .filter((v: number | null): v is number => v !== null);
    const mean = rates.reduce((a: number, b: number) => a + b, 0) / rates.length;
    expect(t.lit_loss_rate).not.toBeCloseTo(mean, 6);
  });

  it('follows the kind filter: 县直部门合计 equals the 县直部门 row of by=kind', async () => {
    const q = `${QS}&kinds=${encodeURIComponent('县直部门')}`;
    const table = (await analyst.get(`/api/metrics?${q}&by=unit`).expect(200)).body;
    const kinds = (await analyst.get(`/api/metrics?${QS}&by=kind`).expect(200)).body;
    const agencies = kinds.rows.find((r: { key: string }) => r.key === '县直部门');
    expect(table.total.label).toBe('县直部门合计');
    expect(figuresOf(table.total)).toEqual(figuresOf(agencies));
    expect(table.total.lit_filed).toBeLessThan(kinds.total.lit_filed);
    const two = (await analyst.get(`/api/metrics?${QS}&kinds=县直部门,乡镇街道&by=unit`).expect(200)).body;
    expect(two.total.label).toBe('县直部门、乡镇街道合计');
    const unit = await loginAs(app, knex, 'unit', 'T06');
    const own = (await unit.get(`/api/metrics?${QS}`).expect(200)).body;
    expect(own.total.label).toBe(`${String(own.rows[0].unit_name)}合计`);
  });

  it('is the last row of the CSV and of the XLSX, with the same label and figures', async () => {
    const q = `${QS}&kinds=${encodeURIComponent('乡镇街道')}`;
    const json = (await analyst.get(`/api/metrics?${q}`).expect(200)).body;
    const csv = parseMetricsCsv((await analyst.get(`/api/exports/metrics.csv?${q}`).expect(200)).text);
    const last = csv.at(-1)!;
    expect(last.label).toBe('乡镇街道合计');
    expect(figuresOf(last)).toEqual(
      figuresOf({
        ...blank(last),
        ...json.total,
        warnings: (json.total.warnings as string[]).join(';') || null,
      }),
    );
    const res = await analyst.get(`/api/exports/metrics.xlsx?${q}`).buffer(true).parse(binary).expect(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as Parameters<typeof wb.xlsx.load>[0]);
    const ws = wb.getWorksheet('指标表')!;
    const ids = (ws.getRow(6).values as unknown[]).slice(1);
    const totalRow = ws.getRow(ws.rowCount);
    expect(totalRow.getCell(ids.indexOf('label') + 1).value).toBe('乡镇街道合计');
    expect(totalRow.getCell(ids.indexOf('lit_filed') + 1).value).toBe(json.total.lit_filed);
    expect(totalRow.getCell(ids.indexOf('lit_loss_rate') + 1).value).toBe(json.total.lit_loss_rate);
    expect(totalRow.font?.bold).toBe(true);
    expect(ws.rowCount - 6).toBe(json.rows.length + 1);
  });
});

describe('the CLI’s --lang (issue #21: the narrative in English from the command line)', () => {
  const cli = (args: string[]) =>
    run('npx', ['tsx', 'server/cli/main.ts', ...args], {
      env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: 'silent' },
      maxBuffer: 16 * 1024 * 1024,
    });

  it('metrics narrative --lang en prints the API’s English sentences; zh stays the default', async () => {
    const en = (await analyst.get('/api/metrics/narrative?preset=year&year=2024&lang=en').expect(200)).body;
    const zh = (await analyst.get('/api/metrics/narrative?preset=year&year=2024').expect(200)).body;
    const out = JSON.parse(
      (await cli(['metrics', 'narrative', '--preset', 'year', '--year', '2024', '--lang', 'en', '--json']))
        .stdout,
    );
    expect(out.text).toBe(en.text);
    expect(out.text).toMatch(/^In 2024, the county/);
    const plain = await cli(['metrics', 'narrative', '--preset', 'year', '--year', '2024']);
    expect(plain.stdout.trim()).toBe(zh.text);
  });

  it('report --lang en writes the English paragraph into the report; a wrong --lang is refused', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sj-report-lang-'));
    const out = path.join(dir, 'report.xlsx');
    await cli([
      'report',
      '--from',
      '2024-01-01',
      '--to',
      '2024-12-31',
      '--lang',
      'en',
      '--format',
      'xlsx',
      '--out',
      out,
    ]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const cover = wb.getWorksheet('说明')!;
    const texts: string[] = [];
    cover.eachRow((r) => r.eachCell((c) => texts.push(c.text)));
    const en = (await analyst.get('/api/metrics/narrative?preset=year&year=2024&lang=en').expect(200)).body;
    expect(texts).toContain(en.text);
    const bad = await cli([
      'report',
      '--from',
      '2024-01-01',
      '--to',
      '2024-12-31',
      '--lang',
      'fr',
      '--out',
      out,
    ]).then(
      () => null,
      (e: { code: number; stderr: string }) => e,
    );
    expect(bad?.code).not.toBe(0);
    expect(bad?.stderr).toContain('--lang must be zh or en');
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

/** Every CSV column, blank: the CSV has one header for all rows, JSON rows omit nothing, so align them. */
function blank(row: Record<string, unknown>): Record<string, null> {
  return Object.fromEntries(Object.keys(row).map((k) => [k, null]));
}
