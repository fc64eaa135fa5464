import request from 'supertest';
import { describe, expect, inject, it } from 'vitest';
import { generateDemoCounty } from '../../server/demo/demo-county.ts';
import { startDemoApp } from '../support/demo-app.ts';
import { DEMO_AS_OF } from '../support/demo.ts';

const { app, analyst } = await startDemoApp();

// Expected figures worked out from the generated records, independently of the server's SQL.
const county = generateDemoCounty(DEMO_AS_OF);
const LOSS_JUDGMENTS = new Set([
  '撤销',
  '部分撤销',
  '变更',
  '确认违法',
  '确认无效',
  '责令履行',
  '责令赔偿',
  '给付',
]);
function expected(year: number) {
  const inYear = (d: string | null) => d !== null && d.startsWith(String(year));
  const first = county.litigation.filter((c) => c.instance === '一审');
  const concluded = first.filter((c) => inYear(c.closed_on));
  const losses = concluded.filter((c) => c.closing === '判决' && LOSS_JUDGMENTS.has(c.judgment ?? ''));
  return {
    filed: first.filter((c) => inYear(c.filed_on)).length,
    concluded: concluded.length,
    losses: losses.length,
  };
}

describe('HTTP API (foundation)', () => {
  it('GET /api/health reports the database mode and a current schema', async () => {
    const res = await request(app).get('/api/health').expect(200);
    expect(res.body.status).toBe('ok');
    expect(res.body.database.mode).toBe(inject('dbMode'));
    expect(res.body.migrations.pending).toEqual([]);
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('GET /api/overview gives the county totals of the latest year and the four before', async () => {
    const res = await analyst.get('/api/overview').expect(200);
    expect(res.body.year).toBe(2025);
    expect(res.body.years.map((y: { year: number }) => y.year)).toEqual([2021, 2022, 2023, 2024, 2025]);
    for (const { year, totals } of res.body.years) {
      const e = expected(year);
      expect(totals.lit_filed).toBe(e.filed);
      expect(totals.lit_concluded).toBe(e.concluded);
      expect(totals.lit_losses).toBe(e.losses);
      expect(totals.lit_loss_rate).toEqual({
        value: e.losses / e.concluded,
        numerator: e.losses,
        denominator: e.concluded,
      });
    }
    expect(expected(2025).filed).toBe(88);
  });

  it('answers a year without data with zero counts and a null rate', async () => {
    const res = await analyst.get('/api/overview?year=2015').expect(200);
    expect(res.body.years.at(-1).totals.lit_loss_rate).toEqual({ value: null, numerator: 0, denominator: 0 });
  });

  it('refuses a malformed query with a JSON error', async () => {
    const res = await analyst.get('/api/overview?year=二〇二四').expect(400);
    expect(res.body.error.code).toBe('invalid_request');
  });

  it('answers unknown API paths with a JSON 404 and other paths with the web app', async () => {
    const missing = await analyst.get('/api/nothing-here').expect(404);
    expect(missing.body.error.code).toBe('not_found');
    const page = await request(app).get('/units/A01').expect(200);
    expect(page.text).toContain('双降');
  });
});
