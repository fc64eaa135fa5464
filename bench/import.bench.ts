/**
 * `npm run bench -- import [--rows N] [--keep]`: a generated litigation CSV (default 1,000,000 rows) imported end
 * to end — parse, validate, match units, COPY to staging, upsert, defendants, rollups — next to the raw `COPY` of
 * the same file into a bare table on the same database (the ceiling). Then the same file again (all unchanged).
 * Prints rows/s and peak memory, and the floor the target implies (see floorSteps); the last line is one JSON
 * object. Uses DATABASE_URL when set (a scratch database: the bench adds units and records), else a throw-away
 * embedded cluster.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../server/db/embedded.ts';
import { createKnex, type Knex } from '../server/db/knex.ts';
import { migrateLatest } from '../server/db/migrate.ts';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { createLogger } from '../server/logger.ts';
import { importFile } from '../server/services/import/import.service.ts';
import { inspectFile, openTable } from '../server/services/import/reader.ts';

/** The units the generated files name (tests/fixtures/import/units.csv). */
export const BENCH_UNITS_FILE = path.join(
  import.meta.dirname,
  '..',
  'tests',
  'fixtures',
  'import',
  'units.csv',
);

const DEFENDANTS = [
  '示例县公安局',
  '县公安局',
  '示例县自然资源局',
  '县自规局',
  '示例县人力资源和社会保障局',
  '城关镇人民政府',
  '示例县东关街道',
  '东关街道办事处',
];
const CAUSES = ['罚款', '行政拘留', '政府信息公开', '土地行政登记', '工伤认定', '强制拆除', '其他'];
const CLOSINGS = [
  ['判决', '驳回诉讼请求'],
  ['判决', '撤销'],
  ['判决', '确认违法'],
  ['准予撤诉', ''],
  ['裁定驳回起诉', ''],
  ['调解', ''],
] as const;

export const BENCH_HEADER =
  '案号,立案日期,结案日期,被告,案由,结案方式,裁判结果,是否开庭,负责人是否出庭,法院\n';

/** Deterministic PRNG (mulberry32): the same file for the same seed. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** One generated row (without newline); `variant` changes its content but not its case number. */
export function litigationRow(i: number, seed = 1, variant = 0): string {
  const r = rng(seed * 1_000_003 + i);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const year = 2020 + Math.floor(r() * 6);
  const filed = new Date(Date.UTC(year, Math.floor(r() * 12), 1 + Math.floor(r() * 28)));
  const filedOn = `${filed.getUTCFullYear()}-${pad(filed.getUTCMonth() + 1)}-${pad(filed.getUTCDate())}`;
  const closed = r() < 0.7;
  const closedAt = new Date(filed.getTime() + (10 + Math.floor(r() * 200)) * 86_400_000);
  const closedOn = closed
    ? `${closedAt.getUTCFullYear()}/${closedAt.getUTCMonth() + 1}/${closedAt.getUTCDate()}`
    : '';
  const defendants = r() < 0.1 ? `${pick(DEFENDANTS)}、示例县人民政府` : pick(DEFENDANTS);
  const [closing, judgment] = closed ? pick(CLOSINGS) : ['', ''];
  const hearing = closed && closing === '判决' ? '是' : '';
  const appeared = hearing ? (r() < 0.8 ? '是' : '否') : '';
  const cause = variant ? '行政处罚' : pick(CAUSES);
  return `(${year})豫1321行初${i}号,${filedOn},${closedOn},${defendants},${cause},${closing},${judgment},${hearing},${appeared},示例县人民法院`;
}

/** Writes a litigation CSV of `rows` rows (streamed: no size limit). Rows in `changed` get a variant. */
export async function writeLitigationCsv(
  file: string,
  rows: number,
  { seed = 1, changed = new Set<number>() }: { seed?: number; changed?: Set<number> } = {},
): Promise<number> {
  const out = fs.createWriteStream(file);
  function* lines(): Generator<string> {
    yield BENCH_HEADER;
    let buf = '';
    for (let i = 1; i <= rows; i++) {
      buf += litigationRow(i, seed, changed.has(i) ? 1 : 0) + '\n';
      if (buf.length > 1 << 16) {
        yield buf;
        buf = '';
      }
    }
    if (buf) yield buf;
  }
  await pipeline(Readable.from(lines()), out);
  return fs.statSync(file).size;
}

/** The ceiling: the same CSV COPYed into a bare table of text columns, no validation, no indexes. */
async function rawCopy(db: Knex, file: string): Promise<number> {
  await db.raw('DROP TABLE IF EXISTS bench_raw_copy');
  const cols = BENCH_HEADER.trim()
    .split(',')
    .map((_, i) => `c${i} text`)
    .join(', ');
  await db.raw(`CREATE TABLE bench_raw_copy (${cols})`);
  const conn = await (db.client as { acquireConnection(): Promise<pg.PoolClient> }).acquireConnection();
  try {
    const t = performance.now();
    await pipeline(
      fs.createReadStream(file),
      conn.query(copyFrom('COPY bench_raw_copy FROM STDIN WITH (FORMAT csv, HEADER true)')),
    );
    return performance.now() - t;
  } finally {
    await (db.client as { releaseConnection(c: unknown): Promise<void> }).releaseConnection(conn);
    await db.raw('DROP TABLE bench_raw_copy');
  }
}

/**
 * The floor the target implies, timed alone on the same database after the import: the stored records written
 * into plain tables with litigation_case's and litigation_defendant's own indexes (no validation, no unit
 * matching, no change check, no triggers), and the file read through the parser alone in Node (no validation).
 * With the import's own rollup step (a first import rebuilds them) this is work no import of these rows can skip.
 */
async function floorSteps(
  db: Knex,
  file: string,
): Promise<{ parseMs: number; casesMs: number; defendantsMs: number }> {
  const table = await openTable(file, await inspectFile(file));
  const tp = performance.now();
  let n = 0;
  for await (const _row of table.rows) n++;
  const parseMs = performance.now() - tp;
  if (n === 0) throw new Error('floor: the file has no rows');
  const timed = async (sql: string) => {
    const t = performance.now();
    await db.raw(sql);
    return performance.now() - t;
  };
  try {
    await db.raw('CREATE TABLE bench_floor_case (LIKE litigation_case INCLUDING DEFAULTS INCLUDING INDEXES)');
    await db.raw(
      'CREATE TABLE bench_floor_defendant (LIKE litigation_defendant INCLUDING DEFAULTS INCLUDING INDEXES)',
    );
    const casesMs = await timed('INSERT INTO bench_floor_case SELECT * FROM litigation_case');
    const defendantsMs = await timed('INSERT INTO bench_floor_defendant SELECT * FROM litigation_defendant');
    return { parseMs, casesMs, defendantsMs };
  } finally {
    await db.raw('DROP TABLE IF EXISTS bench_floor_case, bench_floor_defendant');
  }
}

/** Runs fn while sampling RSS every 50 ms; returns its result, the time and the peak RSS in MB. */
async function measured<T>(fn: () => Promise<T>): Promise<{ result: T; ms: number; peakRssMb: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  const t = performance.now();
  try {
    const result = await fn();
    return {
      result,
      ms: performance.now() - t,
      peakRssMb: Math.round(Math.max(peak, process.memoryUsage().rss) / 1048576),
    };
  } finally {
    clearInterval(timer);
  }
}

interface StepTimings {
  copyMs?: number;
  applyMs?: number;
  rollupMs?: number;
}

/** A debug logger whose 'import timings' lines are kept (not printed): the per-step breakdown. */
function timingLogger(): { logger: pino.Logger; last: () => StepTimings } {
  let last: StepTimings = {};
  const sink = new Writable({
    write(chunk: Buffer, _enc, cb) {
      for (const line of chunk.toString().split('\n')) {
        if (line.includes('"import timings"')) last = JSON.parse(line) as StepTimings;
      }
      cb();
    },
  });
  return { logger: pino({ level: 'debug' }, sink), last: () => last };
}

export async function run(args: string[]): Promise<void> {
  const rowsArg = args.indexOf('--rows');
  const rows = rowsArg >= 0 ? Number(args[rowsArg + 1]) : 1_000_000;
  const keep = args.includes('--keep');
  const logger = createLogger('warn');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shuangjiang-bench-import-'));
  let embedded: EmbeddedPostgres | undefined;
  let url = process.env.DATABASE_URL;
  if (!url) {
    embedded = await startEmbeddedPostgres({
      dataDir: path.join(dir, 'pg'),
      database: 'bench',
      logger,
      ephemeral: true,
    });
    url = embedded.url;
  }
  const db = createKnex(url, { max: 2 });
  try {
    await migrateLatest(db);
    const units = await importFile(db, {
      kind: 'units',
      filePath: BENCH_UNITS_FILE,
      fileName: 'units.csv',
      source: 'bench',
    });
    if (units.status === 'failed' || units.status === 'refused') throw new Error(units.error);

    const file = path.join(dir, 'litigation.csv');
    const tg = performance.now();
    const bytes = await writeLitigationCsv(file, rows);
    const generateMs = performance.now() - tg;

    const rawMs = await rawCopy(db, file);
    const req = { kind: 'litigation' as const, filePath: file, fileName: 'litigation.csv', source: 'bench' };
    const timings = timingLogger();
    const first = await measured(() => importFile(db, req, { logger: timings.logger }));
    if (first.result.status !== 'committed')
      throw new Error(`import ${first.result.status}: ${first.result.error}`);
    const steps = timings.last();
    const again = await measured(() => importFile(db, req, { logger: timings.logger }));
    const againSteps = timings.last();
    const floor = await floorSteps(db, file);
    // Database work alone (parsing may overlap it on the other core): records, defendants, rollups.
    const floorDbMs = floor.casesMs + floor.defendantsMs + (steps.rollupMs ?? 0);

    const rate = (ms: number) => Math.round(rows / (ms / 1000));
    const figures = {
      rows,
      file_mb: Math.round(bytes / 1048576),
      generate_ms: Math.round(generateMs),
      raw_copy_ms: Math.round(rawMs),
      raw_copy_rows_per_s: rate(rawMs),
      import_ms: Math.round(first.ms),
      import_rows_per_s: rate(first.ms),
      import_vs_raw_copy: Math.round((rawMs / first.ms) * 100) / 100,
      import_peak_rss_mb: first.peakRssMb,
      // read + validate + match + COPY to staging (streamed together); upsert + defendants; rollups (issue 5)
      import_read_copy_ms: steps.copyMs,
      import_upsert_ms: steps.applyMs,
      import_rollup_ms: steps.rollupMs,
      floor_parse_ms: Math.round(floor.parseMs),
      floor_insert_cases_ms: Math.round(floor.casesMs),
      floor_insert_defendants_ms: Math.round(floor.defendantsMs),
      floor_db_ms: Math.round(floorDbMs),
      // The best ratio any import could reach if everything but that database work were free.
      floor_vs_raw_copy: Math.round((rawMs / floorDbMs) * 100) / 100,
      reimport_ms: Math.round(again.ms),
      reimport_rows_per_s: rate(again.ms),
      reimport_peak_rss_mb: again.peakRssMb,
      reimport_read_copy_ms: againSteps.copyMs,
      reimport_upsert_ms: againSteps.applyMs,
      inserted: first.result.inserted,
      rejected: first.result.rejected,
      unmatched: first.result.unmatched,
      reimport_unchanged: again.result.unchanged,
      reimport_status: again.result.status,
      database: embedded ? 'embedded PostgreSQL 16' : 'DATABASE_URL',
    };
    console.table(Object.entries(figures).map(([figure, value]) => ({ figure, value })));
    console.log(JSON.stringify({ bench: 'import', ...figures }));
  } finally {
    await db.destroy();
    await embedded?.stop();
    if (!keep) fs.rmSync(dir, { recursive: true, force: true });
  }
}
