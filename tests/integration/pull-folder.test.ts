/**
 * Folder pulls against a real folder: files imported and moved to processed/, a bad file to failed/ with its
 * reason beside it, the same content never imported twice, files still being copied left alone.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobRunner } from '../../jobs/runner.ts';
import { sourcePullJob } from '../../jobs/source-pull.job.ts';
import { getRun } from '../../server/repositories/job-run.repository.ts';
import { getSourceState } from '../../server/repositories/source-state.repository.ts';
import type { FolderSourceConfig } from '../../server/services/pulls/source.service.ts';
import { createTestDatabase } from '../support/database.ts';
import { TestClock, count, effects, folderSource, insertTestUnits } from './pull-support.ts';

const { knex } = await createTestDatabase();
const fixtures = path.resolve(import.meta.dirname, '../fixtures/sources');
const inbox = fs.mkdtempSync(path.join(os.tmpdir(), 'sj-inbox-'));
const source = folderSource('court-share', inbox);

beforeAll(() => insertTestUnits(knex));
afterAll(() => fs.rmSync(inbox, { recursive: true, force: true }));

function drop(fixture: string, as = fixture): void {
  fs.copyFileSync(path.join(fixtures, fixture), path.join(inbox, as));
}

const ls = (dir = inbox): string[] =>
  fs.existsSync(dir)
    ? fs
        .readdirSync(dir, { withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => e.name)
        .sort()
    : [];

async function pull(src: FolderSourceConfig = source, clock = new TestClock(new Date(Date.now() + 60_000))) {
  const result = await new JobRunner(effects(knex, clock)).run(sourcePullJob(src), { trigger: 'manual' });
  if (!result.ran) throw new Error(`did not run: ${result.reason}`);
  return (await getRun(knex, result.runId))!;
}

describe('a folder pull', () => {
  it('imports each file, moves it to processed/, and a refused file to failed/ with the reason beside it', async () => {
    drop('litigation-2026-10.csv');
    drop('litigation-no-case-number.csv');
    fs.writeFileSync(path.join(inbox, 'readme.txt'), '不是数据文件');
    fs.writeFileSync(path.join(inbox, '~$litigation-2026-10.xlsx'), 'an Office lock file');
    fs.writeFileSync(path.join(inbox, '.partial.csv'), 'a hidden file');

    const run = await pull();
    expect(run).toMatchObject({ status: 'failed', files: 2, records: 3, inserted: 3 });
    expect(run.error).toMatch(/1 of 2 files not imported: litigation-no-case-number\.csv/);
    expect(ls()).toEqual(['.partial.csv', 'readme.txt', '~$litigation-2026-10.xlsx']);
    expect(ls(path.join(inbox, 'processed'))).toEqual(['litigation-2026-10.csv']);
    expect(ls(path.join(inbox, 'failed'))).toEqual([
      'litigation-no-case-number.csv',
      'litigation-no-case-number.csv.reason.txt',
    ]);
    const reason = fs.readFileSync(
      path.join(inbox, 'failed', 'litigation-no-case-number.csv.reason.txt'),
      'utf8',
    );
    expect(reason).toContain('结果 / status: refused');
    expect(reason).toContain('案号');
    expect(await count(knex, 'litigation_case')).toBe(3);
    expect(await count(knex, 'import_ledger', { source: 'job:pull:court-share', status: 'committed' })).toBe(
      1,
    );
  });

  it('never imports the same content twice', async () => {
    drop('litigation-2026-10.csv', 'litigation-2026-10 copy.csv');
    const run = await pull();
    expect(run).toMatchObject({ status: 'succeeded', files: 1, inserted: 0, updated: 0 });
    expect(ls(path.join(inbox, 'processed'))).toEqual([
      'litigation-2026-10 copy.csv',
      'litigation-2026-10.csv',
    ]);
    expect(await count(knex, 'import_ledger', { source: 'job:pull:court-share', status: 'committed' })).toBe(
      1,
    );
    expect(await count(knex, 'litigation_case')).toBe(3);
  });

  it('brings changed records in as updates and keeps both versions in processed/', async () => {
    drop('litigation-2026-11.csv', 'litigation-2026-10.csv');
    const run = await pull();
    expect(run).toMatchObject({ status: 'succeeded', files: 1, inserted: 0, updated: 1, unchanged: 2 });
    expect(ls(path.join(inbox, 'processed'))).toEqual([
      'litigation-2026-10 (2).csv',
      'litigation-2026-10 copy.csv',
      'litigation-2026-10.csv',
    ]);
    const row = await knex('litigation_case').where({ case_no: '(2026)豫1321行初21号' }).first();
    expect(row).toMatchObject({
      closed_on: '2026-11-16',
      closing: '准予撤诉',
      withdrawal_reason: '被告改变',
    });
    const state = await getSourceState(knex, 'court-share');
    // The earlier failure stays on record; the success after it is what "is this source healthy" reads.
    expect(state!.last_success_at!.getTime()).toBeGreaterThan(state!.last_failure_at!.getTime());
  });

  it('leaves a file that may still be being copied in for the next run', async () => {
    drop('litigation-2026-10.csv', 'arriving.csv');
    const slow = folderSource('court-share', inbox, { settleSeconds: 600 });
    const run = await pull(slow, new TestClock(new Date()));
    expect(run).toMatchObject({ status: 'succeeded', files: 0, detail: { idle: true } });
    expect(ls()).toContain('arriving.csv');
    const later = await pull(slow, new TestClock(new Date(Date.now() + 601_000)));
    expect(later).toMatchObject({ status: 'succeeded', files: 1 });
    expect(ls()).not.toContain('arriving.csv');
  });

  it('fails clearly when the folder is missing', async () => {
    const run = await pull(folderSource('gone', path.join(inbox, 'no-such-folder')));
    expect(run.status).toBe('failed');
    expect(run.error).toMatch(/cannot read folder .*no-such-folder: ENOENT/);
  });
});
