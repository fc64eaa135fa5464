/**
 * Atomicity under a real crash: the CLI import runs as a child process and is SIGKILLed while its COPY is
 * streaming; the database must be exactly as before, and the next import marks the orphaned ledger row failed.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { writeLitigationCsv } from '../../bench/import.bench.ts';
import { projectRoot } from '../../server/config.ts';
import { createTestDatabase } from '../support/database.ts';
import { importFixture } from './import-support.ts';

const { knex: db, url } = await createTestDatabase();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sj-import-kill-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Everything an import can write, as one comparable value (row contents, not just counts). */
async function databaseState() {
  const digest = async (table: string, order: string) =>
    (
      await db.raw<{ rows: { n: number; md5: string | null }[] }>(
        `SELECT count(*)::int AS n, md5(string_agg(t::text, '|' ORDER BY ${order})) AS md5 FROM ${table} t`,
      )
    ).rows[0];
  return {
    litigation_case: await digest('litigation_case', 'id'),
    litigation_defendant: await digest('litigation_defendant', 'case_id, unit_id'),
    rejected_row: await digest('rejected_row', 'id'),
    unmatched_row: await digest('unmatched_row', 'id'),
    unit_alias: await digest('unit_alias', 'alias'),
  };
}

async function waitFor(what: string, fn: () => Promise<boolean>, timeoutMs = 90_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await fn())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const copying = async () =>
  Number(
    (
      await db.raw<{ rows: { n: number }[] }>(
        `SELECT count(*)::int AS n FROM pg_stat_activity
         WHERE datname = current_database() AND pid <> pg_backend_pid() AND query LIKE 'COPY import_stage%'`,
      )
    ).rows[0]!.n,
  );

beforeAll(async () => {
  expect((await importFixture(db, 'units', 'units.csv')).status).toBe('committed');
  expect((await importFixture(db, 'litigation', 'litigation-gbk.csv')).inserted).toBe(5);
});

it('a SIGKILLed import leaves the database unchanged', async () => {
  const file = path.join(dir, 'big.csv');
  await writeLitigationCsv(file, 300_000, { seed: 9 });
  const before = await databaseState();

  // One process (node --import tsx), so the signal reaches the importer itself, not a wrapper.
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'server/cli/main.ts', 'import', 'litigation', file],
    {
      cwd: projectRoot,
      env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: 'silent' },
      stdio: 'ignore',
    },
  );
  const exited = new Promise<NodeJS.Signals | null>((resolve) =>
    child.on('exit', (_code, signal) => resolve(signal)),
  );
  await waitFor('the COPY to start', async () => (await copying()) > 0);
  await new Promise((r) => setTimeout(r, 400)); // rows are flowing into the staging table
  child.kill('SIGKILL');
  expect(await exited).toBe('SIGKILL');
  // The server notices the dropped connection and rolls the transaction back.
  await waitFor('the server to drop the killed session', async () => (await copying()) === 0);

  expect(await databaseState()).toEqual(before);
  const orphan = await db('import_ledger').where({ file_name: 'big.csv' }).first();
  expect(orphan).toMatchObject({ status: 'running', inserted: 0 });

  // The next import notices the dead one (once its row is older than the grace period of a starting import).
  await waitFor('the orphan to age', async () => {
    const { rows } = await db.raw<{ rows: { old: boolean }[] }>(
      `SELECT started_at < now() - interval '6 seconds' AS old FROM import_ledger WHERE id = ?`,
      [orphan.id],
    );
    return rows[0]!.old;
  });
  await importFixture(db, 'litigation', 'header-only.csv');
  const after = await db('import_ledger').where({ id: orphan.id }).first();
  expect(after.status).toBe('failed');
  expect(after.error).toMatch(/interrupted/);
  expect(await databaseState()).toEqual(before);
});
