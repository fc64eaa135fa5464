/**
 * `npm run bench -- notice [--pdf]`: a quarter's notice for the demo county (示例县, 2025 Q4) end to end: issuing
 * (the county notice and every unit notice computed as that unit's users read, frozen, one delivery per unit),
 * then each document written as DOCX — the county notice and one per unit — with its own time; `--pdf` also
 * converts the county notice and the first unit's through LibreOffice.
 */
import { performance } from 'node:perf_hooks';
import { renderNoticeDocx, type NoticePart } from '../server/exports/notice-docx.ts';
import { officeToPdf } from '../server/exports/pdf.ts';
import { seedDemoCounty } from '../server/services/demo/demo-seed.service.ts';
import { issueNotice } from '../server/services/notices/notice.service.ts';
import { DEMO_AS_OF } from '../tests/support/demo.ts';
import { benchDatabase, summarise } from './bench-database.ts';

export async function run(args: string[]): Promise<void> {
  const db = await benchDatabase();
  try {
    await seedDemoCounty(db.knex, { asOf: DEMO_AS_OF, replace: true });
    const request = { preset: 'quarter' as const, year: 2025, quarter: 4 };
    // Warm-up (connections, query plans, the docx module), not counted.
    const warm = await issueNotice(
      { db: db.knex },
      { ...request, units: ['A01'] },
      { actor: null, ip: 'bench' },
    );
    await renderNoticeDocx(warm, 'county');

    let t = performance.now();
    const model = await issueNotice({ db: db.knex }, request, { actor: null, ip: 'bench' });
    const issueMs = performance.now() - t;
    const rows: { document: string; ms: number; kb: number }[] = [];
    const parts: NoticePart[] = ['county', ...model.units.map((u) => ({ unit: u.unit.code }))];
    const allStart = performance.now();
    for (const part of parts) {
      t = performance.now();
      const bytes = await renderNoticeDocx(model, part);
      rows.push({
        document: part === 'county' ? 'county' : part.unit,
        ms: Math.round((performance.now() - t) * 10) / 10,
        kb: Math.round(bytes.length / 102.4) / 10,
      });
    }
    const docxMs = performance.now() - allStart;
    const pdf: Record<string, number | null> = {};
    if (args.includes('--pdf')) {
      for (const part of parts.slice(0, 2)) {
        const bytes = await renderNoticeDocx(model, part);
        t = performance.now();
        pdf[part === 'county' ? 'county' : part.unit] = await officeToPdf(bytes, 'docx').then(
          () => Math.round(performance.now() - t),
          () => null,
        );
      }
    }
    console.table(rows);
    const unitMs = rows.slice(1).map((r) => r.ms);
    const figures = {
      units: model.units.length,
      issue_ms: Math.round(issueMs),
      county_docx_ms: rows[0]!.ms,
      unit_docx_median_ms: summarise(unitMs).median,
      unit_docx_p95_ms: summarise(unitMs).p95,
      all_docx_ms: Math.round(docxMs),
      end_to_end_ms: Math.round(issueMs + docxMs),
      ...(args.includes('--pdf') ? { pdf_ms: pdf } : {}),
    };
    console.table(figures);
    console.log(JSON.stringify({ bench: 'notice', ...figures, documents: rows }));
  } finally {
    await db.close();
  }
}
