/**
 * Finished GET /api/metrics responses, kept until the data they were computed from changes.
 *
 * A monthly dataset is read far more often than it changes: the unit table of a province (10,000 units, every
 * metric with 同比) costs ~0.8–2 s to compute and serialise on 2 cores, and the same view is opened again and again
 * between two imports. Each response is stored under a key made of everything its bytes depend on: the request as
 * scoped for the user (a unit user's forced unit is part of it), the output format, the CST date (presets resolve
 * against it) and the data stamp read before computing (the data_version counter bumped by every write to records,
 * units or settings, plus the rollups' state; migration 20261203100000). A write therefore makes every older entry
 * unreachable; nothing has to be evicted by hand. The key's hash is also the ETag, so a browser revalidating with
 * If-None-Match gets 304 without a body. Bounded by bytes (least recently used go first); METRICS_CACHE_MB=0 turns
 * it off. A request with `Cache-Control: no-cache` is computed afresh (and stored).
 */
import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { Knex } from '../../db/knex.ts';
import { cstToday } from '../../metrics/dates.ts';
import { dataStamp } from '../../repositories/metric.repository.ts';

export interface CachedResponse {
  body: Buffer;
  type: string;
}

export class MetricsCache {
  readonly #lru: LRUCache<string, CachedResponse> | null;

  constructor(maxBytes: number) {
    this.#lru =
      maxBytes > 0
        ? new LRUCache<string, CachedResponse>({
            maxSize: maxBytes,
            sizeCalculation: (v) => v.body.length + 200,
          })
        : null;
  }

  get(key: string): CachedResponse | undefined {
    return this.#lru?.get(key);
  }

  /** Stores a response; one larger than the whole cache is not kept. */
  set(key: string, value: CachedResponse): void {
    this.#lru?.set(key, value);
  }

  get bytes(): number {
    return this.#lru?.calculatedSize ?? 0;
  }
}

/**
 * A short, stable key (and ETag) for everything a response depends on: the request's parts as given, the CST
 * date and the data stamp, read now — call it before computing the response.
 */
export async function metricsCacheKey(db: Knex, request: Record<string, unknown>): Promise<string> {
  const parts = { request, today: cstToday(new Date()), stamp: await dataStamp(db) };
  return createHash('sha256').update(JSON.stringify(parts)).digest('base64url').slice(0, 32);
}
