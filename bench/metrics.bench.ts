/**
 * `npm run bench -- metrics [--scale 0.1] [--runs 20]`: the metric API at province scale (DESIGN.md §7).
 * Loads 10,000 units and 2.5 million records into a fresh embedded cluster (bench/province-generator.ts), builds
 * the rollups, then times through HTTP, from a client on its own thread (bench/http-client.ts): the one-year unit
 * table (10,000 rows, every metric, with 同比) as JSON and as Arrow, the county KPI strip with 同比, and the
 * 10-year trend — each computed afresh (Cache-Control: no-cache), then served from the response cache (the same
 * view opened again before the data changes), next to the same request with source=raw (aggregated straight from
 * the raw tables, the no-rollup baseline). Also the cost of refreshing the rollups after a 10,000-case import.
 * Prints a table, then one JSON line.
 *
 * `--keep DIR` keeps the cluster in DIR and reuses it on the next run when it holds a province of the same scale
 * (generating one takes minutes): migrations still run, and the rollups are rebuilt when changes are pending or
 * with `--rebuild`. Remove DIR to start afresh.
 */
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { startEmbeddedPostgres } from '../server/db/embedded.ts';
import { createKnex } from '../server/db/knex.ts';
import { migrateLatest } from '../server/db/migrate.ts';
import { hashPassword } from '../server/domain/password.ts';
import { createApp } from '../server/http/app.ts';
import { createLogger } from '../server/logger.ts';
import {
  rebuildAllRollups,
  refreshRollups,
  staleFamilies,
} from '../server/repositories/rollup.repository.ts';
import { insertUser } from '../server/repositories/user.repository.ts';
import { HttpClient } from './http-client.ts';
import { generateProvince, PROVINCE, type ProvinceScale } from './province-generator.ts';

function arg(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
}

function stats(ms: number[]): { median: number; p95: number; n: number } {
  const s = [...ms].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)]!;
  return { median: Math.round(q(0.5) * 10) / 10, p95: Math.round(q(0.95) * 10) / 10, n: s.length };
}

export async function run(args: string[]): Promise<void> {
  const scale = arg(args, 'scale', 1);
  const runs = arg(args, 'runs', 20);
  const size = Object.fromEntries(
    Object.entries(PROVINCE).map(([k, v]) => [k, Math.round(v * scale)]),
  ) as unknown as typeof PROVINCE;
  const keepAt = args.indexOf('--keep');
  const keep = keepAt >= 0 ? path.resolve(args[keepAt + 1] ?? '') : null;
  const logger = createLogger('warn');
  const pg = await startEmbeddedPostgres({
    dataDir: keep ?? path.join(os.tmpdir(), `shuangjiang-bench-metrics-${process.pid}`, 'pg'),
    database: 'bench',
    logger,
    ephemeral: !keep,
  });
  const knex = createKnex(pg.url, { max: 4 });
  const loader = createKnex(pg.url, { max: 1 });
  let server: import('node:http').Server | undefined;
  const client = new HttpClient();
  try {
    await migrateLatest(knex);
    // A kept cluster records the scale it was generated at; any other scale (or none) starts afresh.
    await knex.raw('CREATE TABLE IF NOT EXISTS bench_province (scale jsonb NOT NULL)');
    const loaded = await knex('bench_province').first<{ scale: ProvinceScale } | undefined>('scale');
    // jsonb reorders keys: compare field by field.
    const reused =
      !!loaded && Object.entries(size).every(([k, v]) => loaded.scale[k as keyof ProvinceScale] === v);
    let load: Record<string, number> = {};
    let loadS = 0;
    if (!reused) {
      if (loaded) {
        await knex.raw(
          'TRUNCATE unit, litigation_case, litigation_defendant, reconsideration_case, prelitigation_dispute, app_user CASCADE',
        );
        await knex('bench_province').delete();
      }
      const t0 = performance.now();
      load = await generateProvince(loader, size);
      loadS = Math.round((performance.now() - t0) / 100) / 10;
      await knex('bench_province').insert({ scale: JSON.stringify(size) });
    }
    // A reused province keeps its rollups unless changes are pending or --rebuild asks (minutes at this scale).
    let rebuildS: number | null = null;
    if (!reused || args.includes('--rebuild') || (await staleFamilies(knex)).size) {
      const t1 = performance.now();
      await rebuildAllRollups(knex);
      await knex.raw('ANALYZE');
      rebuildS = Math.round((performance.now() - t1) / 100) / 10;
    }

    // An import of 10,000 first-instance cases filed and closed in one month, refreshed in its transaction.
    const trx = await knex.transaction();
    let importRefreshMs = 0;
    try {
      await trx.raw(`
        INSERT INTO litigation_case (case_no, case_type, instance, filed_on, closed_on, defendants_raw, closing, judgment)
        SELECT '(2025)增量' || i || '号', '行初', '一审', DATE '2025-11-03', DATE '2025-11-20', 'x', '判决', '撤销'
        FROM generate_series(1, 10000) i`);
      await trx.raw(`
        INSERT INTO litigation_defendant (case_id, unit_id, position, name_raw)
        SELECT c.id, (SELECT min(id) FROM unit) + (c.id % ${size.units}), 1, 'x'
        FROM litigation_case c WHERE c.case_no LIKE '(2025)增量%'`);
      const t = performance.now();
      await refreshRollups(trx, { kinds: ['litigation'] });
      importRefreshMs = Math.round(performance.now() - t);
    } finally {
      await trx.rollback();
    }

    if (!(await knex('app_user').where('username', 'bench').first()))
      await insertUser(knex, {
        username: 'bench',
        display_name: null,
        role: 'analyst',
        unit_id: null,
        record_kind: null,
        password_hash: await hashPassword('bench-passphrase-2024'),
        must_change_password: false,
      });
    const app = createApp({
      db: { knex, mode: 'embedded', close: () => Promise.resolve() },
      logger: createLogger('silent'),
      metricsCacheMb: 256,
    });
    server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server!.once('listening', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'bench', password: 'bench-passphrase-2024' }),
    });
    if (!login.ok) throw new Error(`login failed: ${login.status} ${await login.text()}`);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;

    // cache: 'no-cache' asks the server to compute afresh (what the table costs), 'use' reads its response cache
    // (what a repeated view costs until the data changes: server/services/metrics/metrics-cache.ts).
    const time = async (query: string, n: number, accept = 'application/json', cache = 'no-cache') => {
      const headers: Record<string, string> = { cookie, accept };
      if (cache === 'no-cache') headers['cache-control'] = 'no-cache';
      const res = await client.run({ url: `${base}/api/metrics?${query}`, headers, n });
      // The first of a long series warms up; the server's own account of each request (Server-Timing: prepare,
      // sql, derive, serialise) is kept per phase.
      const skip = n > 3 ? 1 : 0;
      const phases: Record<string, number[]> = {};
      for (const timing of res.timings.slice(skip)) {
        for (const m of timing.matchAll(/(\w+);dur=([\d.]+)/g)) (phases[m[1]!] ??= []).push(Number(m[2]));
      }
      const server = Object.fromEntries(Object.entries(phases).map(([k, v]) => [k, stats(v).median]));
      return { ...stats(res.ms.slice(skip)), mb: Math.round(res.bytes / 1e5) / 10, server };
    };
    const arrow = 'application/vnd.apache.arrow.stream';
    // unit_table_columns: the same JSON with shape=columns (each key once).
    const reads = {
      unit_table_json: 'preset=year&year=2025&by=unit',
      unit_table_columns: 'preset=year&year=2025&by=unit&shape=columns',
      unit_table_arrow: 'preset=year&year=2025&by=unit',
      kpi_strip: 'preset=year&year=2025&by=total',
      trend_10y: 'from=2016-01-01&to=2025-12-31&by=year',
    };
    const results: Record<string, unknown> = {};
    const table: Record<string, Record<string, number | string>> = {};
    for (const [name, q] of Object.entries(reads)) {
      const accept = name.endsWith('arrow') ? arrow : 'application/json';
      const heavy = name.startsWith('unit_table');
      const rollup = await time(q, heavy ? runs : runs * 2, accept);
      const cached = await time(q, heavy ? runs : runs * 2, accept, 'use');
      const raw = await time(`${q}&source=raw`, heavy ? 3 : 5, accept);
      results[name] = { rollup, cached, raw };
      table[name] = {
        'p50 ms': rollup.median,
        'p95 ms': rollup.p95,
        'cached p50 ms': cached.median,
        'cached p95 ms': cached.p95,
        'raw p50 ms': raw.median,
        'raw p95 ms': raw.p95,
        MB: rollup.mb,
        'server p50 ms (sql / derive / serialise)': ['sql', 'derive', 'serialise']
          .map((k) => rollup.server[k] ?? '-')
          .join(' / '),
      };
    }
    const counts = await knex.raw<{ rows: Record<string, number>[] }>(
      `SELECT (SELECT count(*) FROM unit) units, (SELECT count(*) FROM litigation_case) litigation,
              (SELECT count(*) FROM reconsideration_case) reconsideration,
              (SELECT count(*) FROM prelitigation_dispute) prelitigation,
              (SELECT count(*) FROM lit_rollup_unit) lit_rollup_rows`,
    );
    console.table(table);
    console.table({
      load_s: reused ? 'reused' : loadS,
      rollup_rebuild_s: rebuildS ?? 'kept',
      import_10k_refresh_ms: importRefreshMs,
    });
    console.log(
      JSON.stringify({
        bench: 'metrics',
        scale,
        cpus: os.cpus().length,
        records: counts.rows[0],
        load_s: reused ? null : loadS,
        load_detail_s: load,
        rollup_rebuild_s: rebuildS,
        import_10k_refresh_ms: importRefreshMs,
        reads: results,
      }),
    );
  } finally {
    server?.close();
    await client.close();
    await loader.destroy();
    await knex.destroy();
    await pg.stop();
  }
}
