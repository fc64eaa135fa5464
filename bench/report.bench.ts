/**
 * `npm run bench -- report [--runs N]`: the full county deck for a year (demo county 示例县, 2025): building the
 * report model (every metric query) and writing the PPTX, median and p95 over N runs (default 10), plus one
 * workbook and, when LibreOffice is installed, one PDF. Target: the PPTX under 3 s. Beside it, in the same run, a
 * one-unit deck (示例县公安局, A01: its own slides and case lists), which a bureau generates for each of its units.
 */
import { performance } from 'node:perf_hooks';
import { seedDemoCounty } from '../server/services/demo/demo-seed.service.ts';
import { buildReport, renderReport } from '../server/services/report/report.service.ts';
import { benchDatabase, summarise } from './bench-database.ts';
import { DEMO_AS_OF } from '../tests/support/demo.ts';

export async function run(args: string[]): Promise<void> {
  const runs = Number(args[args.indexOf('--runs') + 1] ?? 10) || 10;
  const db = await benchDatabase();
  try {
    await seedDemoCounty(db.knex, { asOf: DEMO_AS_OF, replace: true });
    const request = { from: '2025-01-01', to: '2025-12-31' };
    const build: number[] = [];
    const pptx: number[] = [];
    let slides = 0;
    let bytes = 0;
    for (let i = 0; i < runs + 1; i++) {
      const t0 = performance.now();
      const model = await buildReport({ db: db.knex }, request);
      const t1 = performance.now();
      const file = await renderReport(model, 'pptx');
      const t2 = performance.now();
      if (i === 0) continue; // warm-up
      build.push(t1 - t0);
      pptx.push(t2 - t0);
      slides = model.slides.length;
      bytes = file.length;
    }
    const unitDeck: number[] = [];
    let unitSlides = 0;
    for (let i = 0; i < runs + 1; i++) {
      const t0 = performance.now();
      const unit = await buildReport({ db: db.knex }, { ...request, scope: { unitCode: 'A01' } });
      await renderReport(unit, 'pptx');
      if (i > 0) unitDeck.push(performance.now() - t0);
      unitSlides = unit.slides.length;
    }
    const model = await buildReport({ db: db.knex }, request);
    let t = performance.now();
    await renderReport(model, 'xlsx');
    const xlsxMs = performance.now() - t;
    t = performance.now();
    const pdfMs = await renderReport(model, 'pdf').then(
      () => Math.round(performance.now() - t),
      () => null,
    );
    const figures = {
      runs,
      slides,
      pptx_bytes: bytes,
      model_median_ms: summarise(build).median,
      pptx_total_median_ms: summarise(pptx).median,
      pptx_total_p95_ms: summarise(pptx).p95,
      xlsx_ms: Math.round(xlsxMs),
      pdf_ms: pdfMs,
      unit_deck_slides: unitSlides,
      unit_deck_pptx_median_ms: summarise(unitDeck).median,
    };
    console.table(figures);
    console.log(JSON.stringify({ bench: 'report', target_pptx_ms: 3000, ...figures }));
  } finally {
    await db.close();
  }
}
