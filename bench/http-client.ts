/**
 * The benchmarks' HTTP client, on a thread of its own: requests are sent and their bodies read whole there, so
 * the server under test keeps the main thread to itself, as it would with a browser on another machine (with both
 * in one event loop, reading a 48.5 MB body delayed the server and the other way round). Bodies are read through
 * node:http, not fetch: undici's web streams add ~120 ms of their own to a 48.5 MB body on the 2-core machine.
 */
import http from 'node:http';
import { isMainThread, parentPort, Worker } from 'node:worker_threads';

export interface Requests {
  url: string;
  headers: Record<string, string>;
  n: number;
}

export interface Timed {
  /** Wall time of each request, ms, from sending it to the last byte of its body. */
  ms: number[];
  /** Each response's Server-Timing header ('' when absent). */
  timings: string[];
  bytes: number;
}

export class HttpClient {
  // The worker loads this file again, through tsx's loader: a worker does not inherit it (tsx issue #354).
  readonly #worker = new Worker(
    `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(import.meta.url)}); })`,
    { eval: true },
  );

  /** Sends `n` GETs one after another; rejects on the first status other than 200. One run at a time. */
  run(requests: Requests): Promise<Timed> {
    return new Promise((resolve, reject) => {
      // A worker that fails to start (or dies) rejects too, so the benchmark still stops its cluster.
      const died = (err: Error) => reject(err);
      this.#worker.once('error', died);
      this.#worker.once('message', (m: Timed | { error: string }) => {
        this.#worker.off('error', died);
        if ('error' in m) reject(new Error(m.error));
        else resolve(m);
      });
      this.#worker.postMessage(requests);
    });
  }

  async close(): Promise<void> {
    await this.#worker.terminate();
  }
}

function get(
  url: string,
  headers: Record<string, string>,
): Promise<{ status: number; timing: string; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            timing: [res.headers['server-timing'] ?? []].flat().join(', '),
            body: Buffer.concat(chunks),
          }),
        );
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

if (!isMainThread) {
  parentPort!.on('message', (r: Requests) => {
    void (async () => {
      const out: Timed = { ms: [], timings: [], bytes: 0 };
      for (let i = 0; i < r.n; i++) {
        const t = performance.now();
        const res = await get(r.url, r.headers);
        if (res.status !== 200)
          throw new Error(`${r.url}: ${res.status} ${res.body.toString().slice(0, 500)}`);
        out.ms.push(performance.now() - t);
        out.timings.push(res.timing);
        out.bytes = res.body.byteLength;
      }
      return out;
    })().then(
      (out) => parentPort!.postMessage(out),
      (err: unknown) => parentPort!.postMessage({ error: err instanceof Error ? err.message : String(err) }),
    );
  });
}
