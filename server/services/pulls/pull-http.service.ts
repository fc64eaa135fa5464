/**
 * Pulls an HTTP source: every page into ONE temp file, imported once, so a run is all-or-nothing; the watermark
 * advances only after that import committed. JSON pages are an array of records or
 * `{ "records": [...], "next": "<url>" }` (relative links resolve against the page's URL); CSV and XLSX are one
 * response. Requests time out, transient failures (network, timeout, truncated body, 408/429/5xx) are retried a
 * bounded number of times with exponential backoff and jitter; everything else fails the run at once.
 */
import crypto from 'node:crypto';
import { createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import {
  getSourceState,
  recordPullFailure,
  recordPullSuccess,
} from '../../repositories/source-state.repository.ts';
import {
  PullError,
  addCounts,
  zeroCounts,
  type Clock,
  type PullDeps,
  type PullOutcome,
} from './pull.service.ts';
import type { HttpSourceConfig } from './source.service.ts';

export interface RetryPolicy {
  attempts: number;
  timeoutMs: number;
  backoffMs: number;
}

/** Delay before retry number `attempt` (1-based): exponential, capped at a minute, "equal jitter" (½–1×). */
export function backoffDelay(attempt: number, baseMs: number, random: () => number): number {
  const ceiling = Math.min(60_000, baseMs * 2 ** (attempt - 1));
  return Math.round(ceiling * (0.5 + 0.5 * random()));
}

/** The origin and path of a URL, for messages: never its query (which may carry whatever the operator put there). */
export function describeUrl(url: string): string {
  const u = new URL(url);
  return `${u.origin}${u.pathname}`;
}

function causeOf(err: unknown): string {
  const cause = (err as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (err as Error).message ?? String(err);
}

/**
 * Reads a response body: into memory (a JSON page), or streamed into a file (a CSV/XLSX export of any size,
 * in bounded memory). Returns the body and its length in bytes.
 */
export type BodyReader<T> = (res: Response) => Promise<{ value: T; bytes: number }>;

export const readBuffer: BodyReader<Buffer> = async (res) => {
  const value = Buffer.from(await res.arrayBuffer());
  return { value, bytes: value.length };
};

export function streamToFile(file: string): BodyReader<null> {
  return async (res) => {
    // A retry starts the file afresh ('w'), so a half-written earlier attempt never reaches the import.
    const out = createWriteStream(file, { flags: 'w' });
    if (res.body) await pipeline(Readable.fromWeb(res.body as NodeReadableStream<Uint8Array>), out);
    else out.end();
    return { value: null, bytes: (await fs.stat(file)).size };
  };
}

async function fetchOnce<T>(
  url: string,
  headers: Record<string, string>,
  timeoutMs: number,
  deps: Pick<PullDeps, 'fetch' | 'signal'>,
  read: BodyReader<T>,
): Promise<T> {
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = deps.signal ? AbortSignal.any([deps.signal, timeout]) : timeout;
  const where = describeUrl(url);
  const seconds = `${timeoutMs / 1000} s`;
  let res: Response;
  try {
    res = await deps.fetch(url, { headers, signal });
  } catch (err) {
    if (deps.signal?.aborted) throw new PullError(`拉取被中止 / pull aborted (shutting down)`);
    if (timeout.aborted)
      throw new PullError(`数据源响应超时 / source timed out after ${seconds}: ${where}`, true);
    throw new PullError(`无法连接数据源 / source unreachable: ${where} (${causeOf(err)})`, true);
  }
  if (!res.ok) {
    await res.body?.cancel().catch(() => undefined);
    if (res.status === 401 || res.status === 403) {
      throw new PullError(`令牌被拒绝 / token rejected: HTTP ${res.status} from ${where}`);
    }
    const retryable = res.status >= 500 || res.status === 408 || res.status === 429;
    throw new PullError(`数据源返回错误 / source answered HTTP ${res.status}: ${where}`, retryable);
  }
  let body: { value: T; bytes: number };
  try {
    body = await read(res);
  } catch (err) {
    if (deps.signal?.aborted) throw new PullError(`拉取被中止 / pull aborted (shutting down)`);
    if (timeout.aborted)
      throw new PullError(`数据源响应超时 / source timed out after ${seconds}: ${where}`, true);
    throw new PullError(`响应不完整 / truncated response from ${where} (${causeOf(err)})`, true);
  }
  const declared = res.headers.get('content-length');
  if (declared !== null && Number(declared) !== body.bytes) {
    throw new PullError(
      `响应不完整 / truncated response from ${where}: ${body.bytes} of ${declared} bytes`,
      true,
    );
  }
  return body.value;
}

/** One GET with a timeout, retried on transient failures; the last error says how many attempts were made. */
export async function fetchWithRetry<T = Buffer>(
  url: string,
  headers: Record<string, string>,
  policy: RetryPolicy,
  deps: Pick<PullDeps, 'fetch' | 'signal' | 'logger'> & { clock: Clock; random: () => number },
  read: BodyReader<T> = readBuffer as BodyReader<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fetchOnce(url, headers, policy.timeoutMs, deps, read);
    } catch (err) {
      const e = err instanceof PullError ? err : new PullError(String(err));
      if (!e.retryable || deps.signal?.aborted) throw e;
      if (attempt >= policy.attempts) {
        throw new PullError(
          policy.attempts > 1 ? `${e.message}; 已尝试 ${attempt} 次 / after ${attempt} attempts` : e.message,
        );
      }
      const delay = backoffDelay(attempt, policy.backoffMs, deps.random);
      deps.logger.warn(
        { url: describeUrl(url), attempt, delayMs: delay, error: e.message },
        'pull request failed, retrying',
      );
      await deps.clock.sleep(delay, deps.signal);
    }
  }
}

/** The records and next link of one parsed JSON page, or a PullError naming the page. */
export function readJsonPage(
  json: unknown,
  page: number,
): { records: Record<string, unknown>[]; next: string | null } {
  let records: unknown;
  let next: unknown = null;
  if (Array.isArray(json)) {
    records = json;
  } else if (
    json !== null &&
    typeof json === 'object' &&
    Array.isArray((json as { records?: unknown }).records)
  ) {
    records = (json as { records: unknown[] }).records;
    next = (json as { next?: unknown }).next ?? null;
  } else {
    throw new PullError(
      `JSON 结构不符 / page ${page}: expected an array of records or { "records": [...], "next": url }`,
    );
  }
  const list = records as unknown[];
  const bad = list.findIndex((r) => r === null || typeof r !== 'object' || Array.isArray(r));
  if (bad >= 0) throw new PullError(`JSON 结构不符 / page ${page}: record ${bad + 1} is not an object`);
  if (next !== null && (typeof next !== 'string' || next === '')) {
    throw new PullError(`JSON 结构不符 / page ${page}: "next" must be a URL string or null`);
  }
  return { records: list as Record<string, unknown>[], next: next };
}

/** The larger of two watermark values: as instants when both parse as dates, else as strings. */
export function laterWatermark(a: string | null, b: string): string {
  if (a === null) return b;
  const ta = Date.parse(a);
  const tb = Date.parse(b);
  if (!Number.isNaN(ta) && !Number.isNaN(tb)) return tb > ta ? b : a;
  return b > a ? b : a;
}

export function buildHeaders(source: HttpSourceConfig, env: PullDeps['env']): Record<string, string> {
  const headers: Record<string, string> = {
    accept: source.format === 'json' ? 'application/json' : '*/*',
    'user-agent': 'shuangjiang-pull/1',
  };
  if (source.auth) {
    const token = env[source.auth.env];
    if (!token) {
      throw new PullError(
        `缺少令牌 / environment variable ${source.auth.env} (the token of ${source.name}) is not set`,
      );
    }
    headers[source.auth.header.toLowerCase()] = `${source.auth.prefix}${token}`;
  }
  return headers;
}

function firstUrl(source: HttpSourceConfig, watermark: string | null): string {
  const url = new URL(source.url);
  if (source.updatedSinceParam && watermark) url.searchParams.set(source.updatedSinceParam, watermark);
  return url.href;
}

interface Fetched {
  pages: number;
  records: number;
  /** From watermarkField; null when no record carried it. */
  maxField: string | null;
}

/** Fetches every JSON page, appending the records to `file` as one JSON array (bounded memory: a page at a time). */
async function fetchJsonPages(
  source: HttpSourceConfig,
  url: string,
  file: string,
  headers: Record<string, string>,
  deps: PullDeps & { random: () => number },
): Promise<Fetched> {
  const policy = {
    attempts: source.attempts,
    timeoutMs: source.timeoutSeconds * 1000,
    backoffMs: source.backoffSeconds * 1000,
  };
  const origin = new URL(source.url).origin;
  const seenUrls = new Map<string, number>();
  const seenBodies = new Map<string, number>();
  const out = await fs.open(file, 'w');
  const result: Fetched = { pages: 0, records: 0, maxField: null };
  try {
    await out.write('[');
    for (let next: string | null = url; next !== null;) {
      const page = result.pages + 1;
      if (page > source.maxPages)
        throw new PullError(`分页过多 / more than ${source.maxPages} pages (maxPages)`);
      const repeatOf = seenUrls.get(next);
      if (repeatOf !== undefined) {
        throw new PullError(`分页重复 / page ${page} links back to page ${repeatOf}: ${describeUrl(next)}`);
      }
      seenUrls.set(next, page);
      const body = await fetchWithRetry(next, headers, policy, deps);
      result.pages = page;
      const hash = crypto.createHash('sha256').update(body).digest('hex');
      const sameAs = seenBodies.get(hash);
      if (sameAs !== undefined) throw new PullError(`分页重复 / page ${page} repeats page ${sameAs}`);
      seenBodies.set(hash, page);
      let json: unknown;
      try {
        json = JSON.parse(body.toString('utf8'));
      } catch (err) {
        throw new PullError(`JSON 格式错误 / malformed JSON on page ${page}: ${(err as Error).message}`);
      }
      const parsed = readJsonPage(json, page);
      // One write per page (a write per record costs a syscall each: seconds at 20,000 records).
      let chunk = '';
      for (const record of parsed.records) {
        chunk += (result.records === 0 ? '\n' : ',\n') + JSON.stringify(record);
        result.records++;
        const value = source.watermarkField ? record[source.watermarkField] : undefined;
        if (typeof value === 'string' && value !== '')
          result.maxField = laterWatermark(result.maxField, value);
      }
      if (chunk) await out.write(chunk);
      if (parsed.next === null) break;
      next = new URL(parsed.next, next).href;
      // The token goes only where the operator pointed it: a next link to another origin is refused.
      if (new URL(next).origin !== origin) {
        throw new PullError(`分页链接越界 / page ${page} links to another origin: ${new URL(next).origin}`);
      }
    }
    await out.write('\n]\n');
  } finally {
    await out.close();
  }
  return result;
}

export interface HttpPullOptions {
  jobName: string;
  runId: number | null;
  /** Scheduled runs get the source's start-up jitter; manual ones start at once. */
  scheduled?: boolean;
}

/** Pulls one HTTP source now; every failure ends as a failed outcome (never a throw) and keeps the watermark. */
export async function pullHttpSource(
  source: HttpSourceConfig,
  deps: PullDeps,
  { jobName, runId, scheduled = false }: HttpPullOptions,
): Promise<PullOutcome> {
  const { db, clock, logger } = deps;
  const random = deps.random ?? Math.random;
  const outcome: PullOutcome = {
    status: 'failed',
    pages: 0,
    files: 0,
    records: 0,
    importIds: [],
    ...zeroCounts(),
    detail: { source: source.name, url: describeUrl(source.url) },
  };
  let dir: string | null = null;
  try {
    const state = await getSourceState(db, source.name);
    const watermark = state?.watermark ?? null;
    outcome.detail.watermarkBefore = watermark;
    const headers = buildHeaders(source, deps.env);
    if (scheduled && source.jitterSeconds > 0)
      await clock.sleep(random() * source.jitterSeconds * 1000, deps.signal);

    const startedAt = clock.now();
    const stamp = startedAt
      .toISOString()
      .replace(/[-:]/g, '')
      .replace(/\.\d+Z$/, 'Z');
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sj-pull-'));
    const fileName = `${source.name}_${stamp}.${source.format}`;
    const file = path.join(dir, fileName);
    const url = firstUrl(source, watermark);

    let newWatermark: string | null = startedAt.toISOString();
    if (source.format === 'json') {
      const fetched = await fetchJsonPages(source, url, file, headers, { ...deps, random });
      outcome.pages = fetched.pages;
      outcome.records = fetched.records;
      if (source.watermarkField) newWatermark = fetched.maxField ?? watermark;
    } else {
      const policy = {
        attempts: source.attempts,
        timeoutMs: source.timeoutSeconds * 1000,
        backoffMs: source.backoffSeconds * 1000,
      };
      await fetchWithRetry(url, headers, policy, { ...deps, random }, streamToFile(file));
      outcome.pages = 1;
    }

    if (source.format === 'json' && outcome.records === 0) {
      // Nothing new at the source: no import to run, and the watermark may move up to this pull's start.
      outcome.status = 'succeeded';
    } else {
      const summary = await deps.importFile(
        db,
        { kind: source.kind, filePath: file, fileName, source: `job:${jobName}`, user: null },
        { logger },
      );
      outcome.files = 1;
      outcome.importIds.push(summary.importId);
      addCounts(outcome, summary);
      outcome.detail.import = { id: summary.importId, status: summary.status, warnings: summary.warnings };
      if (summary.status !== 'committed' && summary.status !== 'duplicate') {
        throw new PullError(`导入未提交 / import ${summary.status}: ${summary.error ?? 'no reason given'}`);
      }
      outcome.status = 'succeeded';
    }
    outcome.detail.watermarkAfter = newWatermark;
    await recordPullSuccess(db, source.name, { at: clock.now(), runId, watermark: newWatermark });
  } catch (err) {
    outcome.status = 'failed';
    outcome.error =
      err instanceof PullError ? err.message : `拉取失败 / pull failed: ${(err as Error).message}`;
    logger.warn({ source: source.name, error: outcome.error }, 'pull failed');
    await recordPullFailure(db, source.name, { at: clock.now(), runId, error: outcome.error }).catch(
      (e: unknown) => logger.error({ err: e, source: source.name }, 'could not record the pull failure'),
    );
  } finally {
    if (dir) await fs.rm(dir, { recursive: true, force: true });
  }
  return outcome;
}
