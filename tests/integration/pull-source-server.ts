/**
 * A real HTTP source for pull tests, on 127.0.0.1 only: serves litigation records as JSON pages
 * (`{ records, next }`), honours `updated_since` (records updated strictly after it), checks a bearer token, and
 * can be told to misbehave in each way a real source does.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type SourceRecord = Record<string, string> & { 案号: string; updated_at: string };

export type Fault =
  | 'http500' // answers 500
  | 'slow' // answers after `slowMs` (longer than the client's timeout)
  | 'truncated' // declares the full Content-Length, sends half, drops the connection
  | 'malformed' // a body that is not JSON
  | 'repeat' // ignores ?page= and serves page 1 again (its next link points at page 2 forever)
  | 'stall'; // holds the response until release() (for killing a client mid-pull)

export interface Request {
  url: string;
  page: number;
  updatedSince: string | null;
  authorization: string | undefined;
}

export class SourceServer {
  records: SourceRecord[] = [];
  pageSize = 2;
  /** When set, requests must carry `Authorization: Bearer <token>`. */
  token: string | null = null;
  slowMs = 2_000;
  readonly requests: Request[] = [];
  /** Faults to serve, in order, on the given page (any page when `page` is absent); each is used once. */
  private faults: { fault: Fault; page?: number }[] = [];
  private stalled: (() => void)[] = [];
  private server = http.createServer((req, res) => this.handle(req, res));
  port = 0;

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/cases`;
  }

  fail(fault: Fault, { page, times = 1 }: { page?: number; times?: number } = {}): void {
    for (let i = 0; i < times; i++) this.faults.push({ fault, page });
  }

  /** Resolves once a request has been stalled (the client is now mid-pull). */
  async waitForStall(): Promise<void> {
    while (this.stalled.length === 0) await new Promise((r) => setTimeout(r, 20));
  }

  release(): void {
    for (const go of this.stalled.splice(0)) go();
  }

  async stop(): Promise<void> {
    this.release();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private takeFault(page: number): Fault | null {
    const i = this.faults.findIndex((f) => f.page === undefined || f.page === page);
    if (i < 0) return null;
    const [f] = this.faults.splice(i, 1);
    return f!.fault;
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${this.port}`);
    const updatedSince = url.searchParams.get('updated_since');
    let page = Number(url.searchParams.get('page') ?? '1');
    this.requests.push({
      url: url.pathname + url.search,
      page,
      updatedSince,
      authorization: req.headers.authorization,
    });

    if (this.token !== null && req.headers.authorization !== `Bearer ${this.token}`) {
      res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"invalid token"}');
      return;
    }
    const fault = this.takeFault(page);
    if (fault === 'repeat') page = 1;
    const since = updatedSince === null ? null : Date.parse(updatedSince);
    const matching = this.records
      .filter((r) => since === null || Date.parse(r.updated_at) > since)
      .sort((a, b) => (a.案号 < b.案号 ? -1 : a.案号 > b.案号 ? 1 : 0));
    const slice = matching.slice((page - 1) * this.pageSize, page * this.pageSize);
    const nextUrl = new URL(url);
    nextUrl.searchParams.set('page', String(page + 1));
    const next = page * this.pageSize < matching.length ? nextUrl.pathname + nextUrl.search : null;
    // `/cases.csv`: the whole (filtered) set as one CSV export, no paging.
    const csv = url.pathname.endsWith('.csv');
    const body = csv ? toCsv(matching) : Buffer.from(JSON.stringify({ records: slice, next }));
    const type = csv ? 'text/csv; charset=utf-8' : 'application/json';
    const send = () =>
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length }).end(body);

    switch (fault) {
      case 'http500':
        res.writeHead(500, { 'content-type': 'text/plain' }).end('internal error');
        return;
      case 'slow':
        setTimeout(() => {
          if (!res.destroyed) send();
        }, this.slowMs);
        return;
      case 'truncated':
        res.writeHead(200, { 'content-type': type, 'content-length': body.length });
        res.write(body.subarray(0, Math.floor(body.length / 2)), () => res.destroy());
        return;
      case 'malformed': {
        const bad = Buffer.from('{"records": [{"案号": "(2026)豫1321行初1号",');
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': bad.length }).end(bad);
        return;
      }
      case 'stall':
        this.stalled.push(send);
        return;
      default:
        send();
    }
  }
}

const CSV_COLUMNS = ['案号', '法院', '立案日期', '被告', '案由', '结案日期', '结案方式', '撤诉原因'];

function toCsv(records: SourceRecord[]): Buffer {
  const lines = [CSV_COLUMNS.join(','), ...records.map((r) => CSV_COLUMNS.map((c) => r[c] ?? '').join(','))];
  return Buffer.from(lines.join('\n') + '\n');
}

/** A port on 127.0.0.1 with nothing listening: a server is started, its port noted, and the server closed. */
export async function closedPort(): Promise<number> {
  const s = http.createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}
