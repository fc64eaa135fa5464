/** Shared helpers of the import integration tests. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Knex } from '../../server/db/knex.ts';
import {
  importFile,
  type ImportKind,
  type ImportSummary,
} from '../../server/services/import/import.service.ts';

export const FIXTURES = path.join(import.meta.dirname, '..', 'fixtures', 'import');

export function fixture(name: string): string {
  return path.join(FIXTURES, name);
}

export function importFixture(db: Knex, kind: ImportKind, name: string): Promise<ImportSummary> {
  return importFile(db, { kind, filePath: fixture(name), fileName: name, source: 'cli', user: 'tester' });
}

/** Writes text (UTF-8) to a temp file and imports it. */
export async function importText(
  db: Knex,
  kind: ImportKind,
  text: string,
  fileName = `${kind}.csv`,
): Promise<ImportSummary> {
  const file = tempFile(fileName, text);
  try {
    return await importFile(db, { kind, filePath: file, fileName, source: 'cli', user: 'tester' });
  } finally {
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }
}

export function tempFile(name: string, content: string | Buffer): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sj-import-test-'));
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

/** Every stored litigation fact, keyed by case number, with its charged units by code: the state to compare. */
export async function litigationState(db: Knex): Promise<Record<string, unknown>> {
  const { rows } = await db.raw<{ rows: Record<string, unknown>[] }>(
    `SELECT c.case_no, c.case_type, c.instance, c.court, c.filed_on, c.closed_on, c.defendants_raw,
            c.reconsideration_codefendant_raw, cu.code AS codefendant, c.cause_raw, c.cause, c.domain, c.closing,
            c.judgment, c.withdrawal_reason, c.loss_reason, c.hearing_held, c.head_appeared, c.head_title,
            c.head_spoke, c.via_reconsideration,
            (SELECT array_agg(u.code ORDER BY d.position) FROM litigation_defendant d JOIN unit u ON u.id = d.unit_id
             WHERE d.case_id = c.id) AS defendants
     FROM litigation_case c LEFT JOIN unit cu ON cu.id = c.reconsideration_codefendant_unit_id
     ORDER BY c.case_no`,
  );
  return Object.fromEntries(rows.map((r) => [r.case_no as string, r]));
}

/** Row snapshot of a table including its timestamps: unchanged rows must not even be rewritten. */
export async function tableSnapshot(db: Knex, table: string, orderBy: string): Promise<unknown[]> {
  return db(table).select('*').orderBy(orderBy);
}
