/**
 * `npm run bench -- seed`: generating and loading the demo county into a fresh database, the cost of a first
 * `npm start`.
 */
import { performance } from 'node:perf_hooks';
import { generateDemoCounty } from '../server/demo/demo-county.ts';
import { seedDemoCounty } from '../server/services/demo/demo-seed.service.ts';
import { benchDatabase } from './bench-database.ts';
import { DEMO_AS_OF } from '../tests/support/demo.ts';

export async function run(): Promise<void> {
  const db = await benchDatabase();
  try {
    const t0 = performance.now();
    const county = generateDemoCounty(DEMO_AS_OF);
    const t1 = performance.now();
    const counts = await seedDemoCounty(db.knex, { asOf: DEMO_AS_OF, replace: true });
    const t2 = performance.now();
    const figures = {
      cluster_start_ms: Math.round(db.startMs),
      generate_ms: Math.round(t1 - t0),
      seed_ms: Math.round(t2 - t1),
      records: counts.litigation + counts.reconsideration + counts.prelitigation,
      units: county.units.length,
    };
    console.table(figures);
    console.log(JSON.stringify({ bench: 'seed', ...figures }));
  } finally {
    await db.close();
  }
}
