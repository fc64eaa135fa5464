import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EmbeddedPostgresError, isAlive, startEmbeddedPostgres } from '../../server/db/embedded.ts';
import { createKnex } from '../../server/db/knex.ts';
import { createLogger } from '../../server/logger.ts';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sj-embedded-'));
fs.chmodSync(root, 0o755); // the postgres account (when we run as root) must traverse it
const logger = createLogger('silent');
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

async function selectOne(url: string, sql: string): Promise<unknown> {
  const knex = createKnex(url);
  try {
    const { rows } = await knex.raw<{ rows: Record<string, unknown>[] }>(sql);
    return rows[0];
  } finally {
    await knex.destroy();
  }
}

describe('embedded PostgreSQL bootstrap', () => {
  it('initialises a UTF-8, C-locale cluster with password auth, and reuses it on the next start', async () => {
    const dataDir = path.join(root, 'a', 'pg');
    const first = await startEmbeddedPostgres({ dataDir, database: 'app', logger });
    try {
      expect(await selectOne(first.url, 'SHOW server_encoding')).toEqual({ server_encoding: 'UTF8' });
      const collation = 'SELECT datcollate FROM pg_database WHERE datname = current_database()';
      expect(await selectOne(first.url, collation)).toEqual({ datcollate: 'C' });
      const encryption = await selectOne(first.url, 'SHOW password_encryption');
      expect(encryption).toEqual({ password_encryption: 'scram-sha-256' });
      await selectOne(first.url, "CREATE TABLE kept AS SELECT '城关镇'::text AS name");
      const wrongPassword = first.url.replace(/:[^:@]+@/, ':wrong@');
      await expect(selectOne(wrongPassword, 'SELECT 1')).rejects.toThrow(/password authentication failed/);
    } finally {
      await first.stop();
    }

    const second = await startEmbeddedPostgres({ dataDir, database: 'app', logger });
    expect(await selectOne(second.url, 'SELECT name FROM kept')).toEqual({ name: '城关镇' });
    await second.stop();
  });

  it('survives a stale postmaster.pid naming a dead process', async () => {
    const dataDir = path.join(root, 'b', 'pg');
    const pg = await startEmbeddedPostgres({ dataDir, database: 'app', logger });
    await pg.stop();
    const dead = spawnSync('true').pid; // a pid that has certainly exited
    fs.writeFileSync(
      path.join(dataDir, 'postmaster.pid'),
      `${dead}\n${dataDir}\n1700000000\n5432\n\n127.0.0.1\n`,
    );
    const again = await startEmbeddedPostgres({ dataDir, database: 'app', logger });
    expect(await selectOne(again.url, 'SELECT 1 AS ok')).toEqual({ ok: 1 });
    await again.stop();
  });

  it('recovers after the process that started it was killed with SIGKILL', async () => {
    const dataDir = path.join(root, 'c', 'pg');
    // `node --import tsx` (not the tsx wrapper) so the process we kill is the one that started postgres.
    const child = spawn(process.execPath, ['--import', 'tsx', 'tests/support/embedded-child.ts', dataDir], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (b: Buffer) => b.toString().includes('READY') && resolve());
      child.once('exit', (code) => reject(new Error(`child exited early (${code})`)));
    });
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    // Its postmaster is still running and holds the lock file: the next start must take over cleanly.
    const pidLine = fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0];
    expect(isAlive(Number(pidLine))).toBe(true);

    const pg = await startEmbeddedPostgres({ dataDir, database: 'app', logger });
    expect(await selectOne(pg.url, 'SELECT note FROM survivor')).toEqual({ note: '示例' });
    await pg.stop();
    expect(isAlive(Number(pidLine))).toBe(false);
  });

  it('reports why PostgreSQL would not start, with its log', async () => {
    const dataDir = path.join(root, 'd', 'pg');
    const pg = await startEmbeddedPostgres({ dataDir, database: 'app', logger });
    await pg.stop();
    fs.appendFileSync(path.join(dataDir, 'postgresql.conf'), '\nshared_buffers = lots\n');
    const failure = startEmbeddedPostgres({ dataDir, database: 'app', logger });
    await expect(failure).rejects.toBeInstanceOf(EmbeddedPostgresError);
    await expect(failure).rejects.toThrow(/shared_buffers/);
  });
});
