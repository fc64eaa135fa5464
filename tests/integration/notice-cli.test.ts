import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, describe, expect, it } from 'vitest';
import { NOTICE_ID } from '../../server/contracts/notice.ts';
import { cstToday } from '../../server/metrics/dates.ts';
import { listMetricUnits } from '../../server/repositories/metric.repository.ts';
import { seedDemoCounty } from '../../server/services/demo/demo-seed.service.ts';
import { computeMetrics } from '../../server/services/metrics/metrics.service.ts';
import { createTestDatabase } from '../support/database.ts';
import { cliRunner } from '../support/cli.ts';
import { DEMO_AS_OF } from '../support/demo.ts';

const { knex, url } = await createTestDatabase();
await seedDemoCounty(knex, { asOf: DEMO_AS_OF });
const units = await listMetricUnits(knex);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sj-notice-cli-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** `npm run cli -- notice …` in its own process against this file's database. */
const cli = cliRunner(url, 'notice');

const text = async (file: string) => {
  const xml = await (await JSZip.loadAsync(fs.readFileSync(file))).file('word/document.xml')!.async('string');
  return [...xml.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
};

describe('notice CLI (DESIGN.md §8) against the demo county', () => {
  let id = '';

  it('issues a quarter’s notice and writes county.docx and one <code>.docx per unit', async () => {
    const out = path.join(dir, 'q4');
    const res = await cli([
      'issue',
      '--preset',
      'quarter',
      '--year',
      '2025',
      '--quarter',
      '4',
      '--out',
      out,
      '--next-steps',
      '一是压实出庭应诉责任。\\n二是加强败诉案件分析研判。',
      '--json',
    ]);
    expect(res.stderr).toBe('');
    expect(res.status).toBe(0);
    const answer = JSON.parse(res.stdout) as {
      id: string;
      docNumber: string;
      files: string[];
      units: string[];
    };
    id = answer.id;
    expect(id).toMatch(NOTICE_ID);
    expect(answer.docNumber).toMatch(/^示例府院办〔\d{4}〕1号$/);
    expect(answer.units).toEqual(units.map((u) => u.code));
    expect(fs.readdirSync(out).sort()).toEqual(['county.docx', ...units.map((u) => `${u.code}.docx`)].sort());
    const county = await text(path.join(out, 'county.docx'));
    expect(county).toContain(answer.docNumber);
    expect(county).toContain('关于2025年第四季度全县行政争议化解工作情况的通报');
    expect(county).toContain('二是加强败诉案件分析研判。');
    // Each unit's file names that unit, states its 新收 as the metric table does, and no other unit by name.
    const table = await computeMetrics(
      { db: knex },
      { preset: 'quarter', year: 2025, quarter: 4, by: 'unit', rank: 'none' },
    );
    for (const u of units.slice(0, 5)) {
      const doc = await text(path.join(out, `${u.code}.docx`));
      const row = table.rows.find((r) => r.unit_code === u.code)!;
      expect(doc).toContain(`${u.name}：`);
      expect(doc).toContain(`新收一审案件${String(row.lit_filed)}件`);
      const others = units.filter((o) => o.code !== u.code && !u.name.includes(o.name));
      expect(others.filter((o) => doc.includes(o.name)).map((o) => o.code)).toEqual([]);
    }
  });

  it('lists the notice, shows every unit’s sign-off status, and fetches one unit’s part', async () => {
    const list = await cli(['list', '--json']);
    expect(list.status).toBe(0);
    expect((JSON.parse(list.stdout) as { notices: { id: string }[] }).notices.map((n) => n.id)).toContain(id);

    const status = await cli(['status', id, '--json']);
    expect(status.status).toBe(0);
    const rows = (JSON.parse(status.stdout) as { units: { unit_code: string; signed_at: string | null }[] })
      .units;
    expect(rows.map((r) => r.unit_code)).toEqual(units.map((u) => u.code));
    expect(rows.every((r) => r.signed_at === null)).toBe(true);
    const summary = await cli(['status', id]);
    expect(summary.stdout.split('\n')[0]).toBe(`notice ${id}: ${units.length} units, 0 read, 0 signed`);

    const file = path.join(dir, 'a01.docx');
    const got = await cli(['get', id, '--unit', 'A01', '--format', 'docx', '--out', file]);
    expect(got.status).toBe(0);
    expect(got.stdout).toMatch(/^notice written: /);
    expect(await text(file)).toContain(`${units.find((u) => u.code === 'A01')!.name}：`);
  });

  it('issues last month’s notice with --previous, as a monthly cron does, numbered 2号', async () => {
    const res = await cli(['issue', '--preset', 'month', '--previous', '--units', 'A01,T01', '--json']);
    expect(res.status).toBe(0);
    const answer = JSON.parse(res.stdout) as { docNumber: string; period: { from: string }; units: string[] };
    const today = cstToday(new Date());
    const [y, m] = [Number(today.slice(0, 4)), Number(today.slice(5, 7))];
    const first = m === 1 ? `${y - 1}-12-01` : `${y}-${String(m - 1).padStart(2, '0')}-01`;
    expect(answer.period.from).toBe(first);
    expect(answer.units).toEqual(['A01', 'T01']);
    expect(answer.docNumber).toMatch(/〔\d{4}〕2号$/);
  });

  it('switches the monthly notice job on with a schedule, and refuses one cron cannot read', async () => {
    const on = await cli(['settings', '--auto', 'on', '--auto-schedule', '30 8 5 * *', '--json']);
    expect(on.status, on.stderr).toBe(0);
    expect(JSON.parse(on.stdout)).toMatchObject({ autoIssue: true, autoSchedule: '30 8 5 * *' });
    const bad = await cli(['settings', '--auto-schedule', 'monthly']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/cron/);
    const off = await cli(['settings', '--auto', 'off']);
    expect(off.stdout).toMatch(/monthly notice job off/);
  });

  it('exits 2 on bad arguments and 1 on an unknown notice, with a message', async () => {
    const noPeriod = await cli(['issue']);
    expect(noPeriod.status).toBe(2);
    expect(noPeriod.stderr).toMatch(/--preset/);
    const badUnit = await cli(['issue', '--preset', 'year', '--year', '2025', '--units', 'Z99']);
    expect(badUnit.status).toBe(2);
    expect(badUnit.stderr).toMatch(/Z99/);
    const unknown = await cli(['status', 'N20990101-00000000']);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toMatch(/N20990101-00000000/);
  });
});
