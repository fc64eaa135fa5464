/**
 * The one import pipeline (issue 4): the CLI, the HTTP upload and the scheduled jobs all call importFile.
 *
 * A file is read as a stream (server/services/import/reader.ts), each row validated and its unit names matched in
 * this process, and every row — good, rejected or unmatched — goes through one COPY into a temporary staging table;
 * set-based SQL then upserts the good rows by their key with a change check, files rejected rows and queues
 * unmatched ones (server/repositories/import.repository.ts). The whole file is one transaction: a crash or a kill
 * half-way leaves the records as they were, and the ledger row it left 'running' is marked failed by the next
 * import. Memory stays bounded whatever the file's size (only a 24-byte hash of each key seen so far is held, to
 * catch a case number repeated within the file).
 *
 * The import capability owns this folder: this file (the pipeline), reader.ts / reader-json.ts / table.ts (files),
 * validate.ts / parse-text.ts (rows), unit-matcher.ts, records.ts and stage.ts (staging lines), import-ledger and
 * import-mapping services (ledger, unmatched names). Its shapes are server/contracts/import.ts and unmatched.ts.
 */
import { performance } from 'node:perf_hooks';
import type { Knex } from '../../db/knex.ts';
import type { Logger } from '../../logger.ts';
import { refreshRollups, staleFamilies } from '../../repositories/rollup.repository.ts';
import {
  applyRecordStage,
  applyUnitStage,
  copyLines,
  createStage,
  finishLedger,
  findEarlierImport,
  insertLedger,
  lockLedgerRow,
  markInterruptedImports,
  STAGE_TABLE,
  takeImportLock,
  tuneImportSession,
  analyzeStage,
  type ApplyCounts,
  type ReconcileCounts,
} from '../../repositories/import.repository.ts';
import { loadUnitDirectory } from '../../repositories/unit-match.repository.ts';
import { mapHeaders } from './columns.ts';
import { ImportRefused } from './errors.ts';
import { inspectFile, openTable, type FileInfo, type RawRow, type Table } from './reader.ts';
import { okLine, rejectedLine, resolveRecord, unitCells, unmatchedLine } from './records.ts';
import type { ImportKind, ImportRequest, ImportStatus, ImportSummary, RecordKind } from './types.ts';
import { KeyIndex } from './key-index.ts';
import { UnitMatcher } from './unit-matcher.ts';
import { cellReader, recordKey, validateRow, type UnitRecord } from './validate.ts';
import { applyWaitingRows } from './waiting.ts';

export type { ImportKind, ImportRequest, ImportStatus, ImportSummary } from './types.ts';
export { IMPORT_KINDS } from './types.ts';
export { ImportRefused } from './errors.ts';

interface RowCounts {
  total: number;
  rejected: number;
  unmatched: number;
}

const CHUNK_CHARS = 256 * 1024;

/**
 * Imports one file in one transaction and records it in the ledger. Never throws for a bad file: a file that
 * cannot be used comes back `refused`, an unexpected error `failed`, both with `error` set and nothing loaded.
 */
export async function importFile(
  db: Knex,
  req: ImportRequest,
  deps: { logger?: Logger } = {},
): Promise<ImportSummary> {
  const t0 = performance.now();
  const user = req.user ?? null;
  const log = deps.logger?.child({ import: req.fileName, kind: req.kind });
  await markInterruptedImports(db);

  let info: FileInfo | undefined;
  let refusal: ImportRefused | undefined;
  try {
    info = await inspectFile(req.filePath);
  } catch (err) {
    if (!(err instanceof ImportRefused)) throw err;
    refusal = err;
  }
  const importId = await insertLedger(db, {
    kind: req.kind,
    file_name: req.fileName,
    file_hash: info?.hash ?? refusal?.fileHash ?? '',
    file_size: info?.size ?? refusal?.fileSize ?? null,
    source: req.source,
    created_by: user,
    format: info?.format ?? null,
    encoding: info?.encoding ?? null,
  });
  const empty = { inserted: 0, updated: 0, unchanged: 0, rejected: 0, unmatched: 0 };
  if (!info) {
    const error = refusal!.message;
    await finishLedger(db, importId, { status: 'refused', warnings: [], error, duration_ms: ms(t0) });
    log?.info({ importId, error }, 'import refused');
    return { importId, status: 'refused', ...empty, warnings: [], error };
  }

  const warnings: string[] = [];
  try {
    const summary = await db.transaction(async (trx) => {
      await lockLedgerRow(trx, importId);
      await takeImportLock(trx);
      await tuneImportSession(trx);
      const table = await openTable(req.filePath, info);
      const { index, warnings: headerWarnings } = mapHeaders(req.kind, table.headers);
      warnings.push(...headerWarnings);

      const { units, aliases } = await loadUnitDirectory(trx);
      const matcher = new UnitMatcher(units, aliases);
      await createStage(trx, req.kind);
      const counts: RowCounts = { total: 0, rejected: 0, unmatched: 0 };
      const stager =
        req.kind === 'units'
          ? unitStager(table.headers, index, new Map(units.map((u) => [u.name, u.code])), matcher)
          : recordStager(req.kind, table.headers, index, matcher);
      await copyLines(trx, STAGE_TABLE, chunked(table, stager, counts));
      await analyzeStage(trx);
      const tCopied = performance.now();
      if (counts.total === 0) warnings.push('文件中没有数据行 / the file has no data rows');

      let applied: ApplyCounts;
      const touched = new Set<RecordKind>();
      if (req.kind === 'units') {
        const res = await applyUnitStage(trx, importId, user);
        applied = res;
        for (const c of res.aliasConflicts) {
          warnings.push(
            `别名「${c.alias}」已属于单位 ${c.owner}，未改给 ${c.code} / alias "${c.alias}" already belongs to unit ${c.owner}; not moved to ${c.code}`,
          );
        }
        // New units and aliases may match names that were waiting.
        const waiting = await applyWaitingRows(trx);
        for (const k of waiting.kinds) touched.add(k);
        // A unit moved to another kind or group marked the kind/group rollups of every family: refresh them
        // here, in the import's transaction, so readers never fall back to raw rows for it.
        for (const f of await staleFamilies(trx)) touched.add(f);
        if (waiting.applied) {
          warnings.push(
            `${waiting.applied} 条待匹配记录已按新单位导入 / ${waiting.applied} waiting rows now matched and applied`,
          );
        }
      } else {
        const { corrections, ...counts } = await applyRecordStage(trx, req.kind, importId);
        applied = counts;
        warnings.push(...correctionWarnings(corrections));
        touched.add(req.kind);
      }
      const tApplied = performance.now();
      // Rollups change in the same transaction as the records they summarise.
      if (touched.size) await refreshRollups(trx, { kinds: [...touched] });
      log?.debug(
        { copyMs: ms(t0, tCopied), applyMs: ms(tCopied, tApplied), rollupMs: ms(tApplied) },
        'import timings',
      );

      const earlier = await findEarlierImport(trx, req.kind, info.hash, importId);
      let status: ImportStatus = 'committed';
      if (earlier) {
        if (applied.inserted + applied.updated === 0) status = 'duplicate';
        warnings.push(
          `与第 ${earlier.id} 次导入的文件内容相同 / same content as import #${earlier.id} (${earlier.started_at.toISOString()})`,
        );
      }
      const result: ImportSummary = {
        importId,
        status,
        ...applied,
        rejected: counts.rejected,
        unmatched: counts.unmatched,
        warnings,
      };
      await finishLedger(trx, importId, {
        status,
        rows_total: counts.total,
        inserted: result.inserted,
        updated: result.updated,
        unchanged: result.unchanged,
        rejected: result.rejected,
        unmatched: result.unmatched,
        warnings,
        headers: table.headers,
        duration_ms: ms(t0),
      });
      return result;
    });
    log?.info({ ...summary }, 'import done');
    return summary;
  } catch (err) {
    const refused = err instanceof ImportRefused;
    const error = err instanceof Error ? err.message : String(err);
    const status: ImportStatus = refused ? 'refused' : 'failed';
    await finishLedger(db, importId, { status, warnings, error, duration_ms: ms(t0) });
    if (refused) log?.info({ importId, error }, 'import refused');
    else log?.error({ importId, err }, 'import failed');
    return { importId, status, ...empty, warnings, error };
  }
}

const ms = (from: number, to = performance.now()) => Math.round(to - from);

/** What the import did to corrections in force (DESIGN.md §9), in the summary's warnings. */
function correctionWarnings(c: ReconcileCounts): string[] {
  const out: string[] = [];
  if (c.synced) {
    out.push(
      `${c.synced} 条更正已与来源数据一致（已同步） / ${c.synced} corrections now match the source (synced)`,
    );
  }
  if (c.conflicts) {
    out.push(
      `${c.conflicts} 条更正与来源的新值冲突，更正仍然有效，待司法局处理 / ${c.conflicts} corrections conflict with new source values; still applied, queued for the bureau`,
    );
  }
  if (c.held) {
    out.push(
      `${c.held} 条记录的来源新值与其更正不能并存，记录保持原样 / ${c.held} records kept as stored: their new source values cannot carry their corrections`,
    );
  }
  return out;
}

type Stager = (row: RawRow, counts: RowCounts) => string;

/** Groups the staging lines of the rows into large string chunks for the COPY stream. */
async function* chunked(table: Table, stage: Stager, counts: RowCounts): AsyncGenerator<string> {
  let buf = '';
  for await (const row of table.rows) {
    counts.total++;
    buf += stage(row, counts);
    if (buf.length >= CHUNK_CHARS) {
      yield buf;
      buf = '';
    }
  }
  if (buf) yield buf;
}

/** The row's cells by header, as read: what the user sees for a rejected or waiting row. */
function rawCells(headers: readonly string[], row: RawRow): Record<string, string> {
  const raw: Record<string, string> = {};
  headers.forEach((h, i) => {
    if (h.trim() !== '' && !(h in raw)) raw[h] = row.cells[i] ?? '';
  });
  return raw;
}

function duplicateReason(keyHeader: string, key: string, first: number) {
  return {
    column: keyHeader,
    reason: `「${keyHeader}」${key} 在本文件中重复，已按第 ${first} 行导入，本行未导入`,
    reasonEn: `${keyHeader} ${key} repeats row ${first} of this file, which was imported; this row was not`,
  };
}

const KEY_HEADER: Record<ImportKind, string> = {
  units: '编码',
  litigation: '案号',
  reconsideration: '复议案号',
  prelitigation: '登记号',
};

function recordStager(
  kind: RecordKind,
  headers: readonly string[],
  index: Map<string, number[]>,
  matcher: UnitMatcher,
): Stager {
  const seen = new KeyIndex();
  return (row, counts) => {
    const v = validateRow(kind, cellReader(index, row.cells));
    if (!v.ok) {
      counts.rejected++;
      const { column, reason, reasonEn } = v.rejection;
      return rejectedLine(kind, row.rowNumber, rawCells(headers, row), column, reason, reasonEn);
    }
    const key = recordKey(kind, v.record);
    const first = seen.get(key);
    if (first !== undefined) {
      counts.rejected++;
      const d = duplicateReason(KEY_HEADER[kind], key, first);
      return rejectedLine(kind, row.rowNumber, rawCells(headers, row), d.column, d.reason, d.reasonEn);
    }
    seen.set(key, row.rowNumber);
    const res = resolveRecord(kind, v.record, matcher);
    if (res.ok) return okLine(row.rowNumber, key, res.cells);
    counts.unmatched++;
    return unmatchedLine(kind, row.rowNumber, key, rawCells(headers, row), res.unmatched, v.record);
  };
}

function unitStager(
  headers: readonly string[],
  index: Map<string, number[]>,
  nameOwners: Map<string, string>,
  matcher: UnitMatcher,
): Stager {
  const seen = new Map<string, number>();
  const namesInFile = new Map<string, number>();
  return (row, counts) => {
    const reject = (column: string | null, reason: string, reasonEn: string) => {
      counts.rejected++;
      return rejectedLine('units', row.rowNumber, rawCells(headers, row), column, reason, reasonEn);
    };
    const v = validateRow('units', cellReader(index, row.cells));
    if (!v.ok) return reject(v.rejection.column, v.rejection.reason, v.rejection.reasonEn);
    const u = v.record as UnitRecord;
    const first = seen.get(u.code);
    if (first !== undefined) {
      const d = duplicateReason('编码', u.code, first);
      return reject(d.column, d.reason, d.reasonEn);
    }
    const owner = nameOwners.get(u.name);
    const sameName = namesInFile.get(u.name);
    if ((owner !== undefined && owner !== u.code) || sameName !== undefined) {
      const where = sameName !== undefined ? `本文件第 ${sameName} 行` : `单位 ${owner!}`;
      const whereEn = sameName !== undefined ? `row ${sameName} of this file` : `unit ${owner!}`;
      return reject(
        '名称',
        `「名称」${u.name} 已被${where}使用`,
        `name ${u.name} is already used by ${whereEn}`,
      );
    }
    seen.set(u.code, row.rowNumber);
    namesInFile.set(u.name, row.rowNumber);
    return okLine(row.rowNumber, u.code, unitCells(u, matcher));
  };
}
