/**
 * Pulls a folder source: each settled file in the folder is imported on its own (its own transaction), then
 * moved to `processed/`, or to `failed/` with `<file>.reason.txt` beside it. Content already imported (same
 * bytes) comes back from the import pipeline as a duplicate and is moved to processed/ without importing again;
 * a file whose import could not even be attempted (database down) stays where it is for the next run.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { importedRowCount } from '../../repositories/job-run.repository.ts';
import { recordPullFailure, recordPullSuccess } from '../../repositories/source-state.repository.ts';
import { addCounts, zeroCounts, type PullDeps, type PullOutcome } from './pull.service.ts';
import { SOURCE_FORMATS, type FolderSourceConfig } from './source.service.ts';

export const PROCESSED_DIR = 'processed';
export const FAILED_DIR = 'failed';

export interface FolderFileResult {
  file: string;
  status: 'committed' | 'duplicate' | 'refused' | 'failed' | 'error';
  importId: number | null;
  movedTo: string | null;
  error?: string;
}

/** Files a folder run would pick up now: right extension, not hidden or an Office lock file, settled. */
export async function listPendingFiles(source: FolderSourceConfig, now: Date): Promise<string[]> {
  const formats: readonly string[] = source.format ? [source.format] : SOURCE_FORMATS;
  const entries = await fs.readdir(source.path, { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries) {
    if (!entry.isFile() || entry.name.startsWith('.') || entry.name.startsWith('~$')) continue;
    const ext = path.extname(entry.name).slice(1).toLowerCase();
    if (!formats.includes(ext)) continue;
    const stat = await fs.stat(path.join(source.path, entry.name));
    if (now.getTime() - stat.mtimeMs < source.settleSeconds * 1000) continue;
    files.push(entry.name);
  }
  return files.sort();
}

/** `dir/name`, or `dir/name (2).ext`, … when a file of that name is already there. */
async function freeName(dir: string, name: string): Promise<string> {
  const ext = path.extname(name);
  const base = name.slice(0, name.length - ext.length);
  for (let n = 1; ; n++) {
    const candidate = path.join(dir, n === 1 ? name : `${base} (${n})${ext}`);
    try {
      await fs.access(candidate);
    } catch {
      return candidate;
    }
  }
}

async function moveInto(dir: string, file: string): Promise<string> {
  await fs.mkdir(dir, { recursive: true });
  const target = await freeName(dir, path.basename(file));
  await fs.rename(file, target);
  return target;
}

export interface FolderPullOptions {
  jobName: string;
  runId: number | null;
}

/** Pulls one folder source now; never throws: a failure ends as a failed outcome listing the files concerned. */
export async function pullFolderSource(
  source: FolderSourceConfig,
  deps: PullDeps,
  { jobName, runId }: FolderPullOptions,
): Promise<PullOutcome> {
  const { db, clock, logger } = deps;
  const outcome: PullOutcome = {
    status: 'failed',
    pages: 0,
    files: 0,
    records: 0,
    importIds: [],
    ...zeroCounts(),
    detail: { source: source.name, folder: source.path },
  };
  const results: FolderFileResult[] = [];
  outcome.detail.files = results;
  try {
    let names: string[];
    try {
      if (source.create) await fs.mkdir(source.path, { recursive: true });
      names = await listPendingFiles(source, clock.now());
    } catch (err) {
      throw new Error(
        `无法读取文件夹 / cannot read folder ${source.path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
        { cause: err },
      );
    }
    for (const name of names) {
      if (deps.signal?.aborted) break;
      const file = path.join(source.path, name);
      const result: FolderFileResult = { file: name, status: 'error', importId: null, movedTo: null };
      results.push(result);
      try {
        const summary = await deps.importFile(
          db,
          { kind: source.kind, filePath: file, fileName: name, source: `job:${jobName}`, user: null },
          { logger },
        );
        result.status = summary.status;
        result.importId = summary.importId;
        outcome.importIds.push(summary.importId);
        outcome.files++;
        addCounts(outcome, summary);
        if (summary.status === 'committed' || summary.status === 'duplicate') {
          result.movedTo = path.relative(
            source.path,
            await moveInto(path.join(source.path, PROCESSED_DIR), file),
          );
        } else {
          result.error = summary.error ?? summary.status;
          const target = await moveInto(path.join(source.path, FAILED_DIR), file);
          result.movedTo = path.relative(source.path, target);
          const reason = [
            `文件 / file: ${name}`,
            `时间 / at: ${clock.now().toISOString()}`,
            `导入编号 / import id: ${summary.importId}`,
            `结果 / status: ${summary.status}`,
            `原因 / reason: ${result.error}`,
            ...summary.warnings.map((w) => `提示 / warning: ${w}`),
            '',
          ].join('\n');
          await fs.writeFile(`${target}.reason.txt`, reason, 'utf8');
        }
      } catch (err) {
        // The import could not run at all (or the move failed): leave the file for the next run.
        result.status = 'error';
        result.error = (err as Error).message;
        logger.error({ err, source: source.name, file: name }, 'folder pull: file not handled');
      }
    }
    outcome.records = await importedRowCount(db, outcome.importIds);
    const bad = results.filter((r) => r.status !== 'committed' && r.status !== 'duplicate');
    if (bad.length) {
      const list = bad.map((r) => `${r.file}: ${r.error ?? r.status}`).join('; ');
      throw new Error(
        `${bad.length} 个文件未导入 / ${bad.length} of ${results.length} files not imported: ${list}`,
      );
    }
    outcome.status = 'succeeded';
    outcome.idle = results.length === 0;
    await recordPullSuccess(db, source.name, { at: clock.now(), runId });
  } catch (err) {
    outcome.status = 'failed';
    outcome.error = (err as Error).message;
    logger.warn({ source: source.name, error: outcome.error }, 'folder pull failed');
    await recordPullFailure(db, source.name, { at: clock.now(), runId, error: outcome.error }).catch(
      (e: unknown) => logger.error({ err: e, source: source.name }, 'could not record the pull failure'),
    );
  }
  return outcome;
}
