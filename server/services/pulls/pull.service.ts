/**
 * What every pull shares. A pull fetches one source's records and feeds them to the import pipeline, so
 * validation, unit matching, rejected rows and idempotency are exactly those of a manual import. HTTP sources:
 * pull-http.service.ts; folder sources: pull-folder.service.ts. Both take their effects injected (clock, fetch,
 * env, importFile) so tests pin time and talk to a real local server.
 *
 * The pulls capability owns this folder: this file, pull-http.service.ts, pull-folder.service.ts and
 * source.service.ts (the sources file). Its shapes are server/contracts/sources.ts.
 */
import type { Knex } from '../../db/knex.ts';
import type { Logger } from '../../logger.ts';
import type { ImportRequest, ImportSummary } from '../import/import.service.ts';

export type { ImportRequest, ImportSummary };

/** The import pipeline's entry point (server/services/import/import.service.ts `importFile`), injected for tests. */
export type ImportFile = (db: Knex, req: ImportRequest, deps?: { logger?: Logger }) => Promise<ImportSummary>;

export interface Clock {
  now(): Date;
  /** Resolves after `ms`, or rejects when `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
  now: () => new Date(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason as Error);
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal?.reason as Error);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};

export interface PullDeps {
  db: Knex;
  clock: Clock;
  logger: Logger;
  fetch: typeof fetch;
  /** Where token variables are read from (process.env in production). */
  env: Record<string, string | undefined>;
  importFile: ImportFile;
  /** In [0, 1): backoff and start-up jitter. */
  random?: () => number;
  /** Aborts a pull in flight (server shutdown). */
  signal?: AbortSignal;
}

export interface ImportCounts {
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  unmatched: number;
}

/** What a pull did; the runner copies it into the job_run row. */
export interface PullOutcome extends ImportCounts {
  status: 'succeeded' | 'failed';
  error?: string;
  pages: number;
  files: number;
  records: number;
  importIds: number[];
  detail: Record<string, unknown>;
  /** Nothing was there to pull (an empty inbox): see JobOutcome.idle. */
  idle?: boolean;
}

export const zeroCounts = (): ImportCounts => ({
  inserted: 0,
  updated: 0,
  unchanged: 0,
  rejected: 0,
  unmatched: 0,
});

export function addCounts(into: ImportCounts, s: ImportCounts): void {
  into.inserted += s.inserted;
  into.updated += s.updated;
  into.unchanged += s.unchanged;
  into.rejected += s.rejected;
  into.unmatched += s.unmatched;
}

/** A failure whose message is meant for the run record as is (Chinese / English, no secrets). */
export class PullError extends Error {
  constructor(
    message: string,
    readonly retryable = false,
  ) {
    super(message);
  }
}
