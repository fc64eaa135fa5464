/**
 * Re-applying the rows that wait in the unmatched queue, after a unit mapping or a units file changed what names
 * match. Each waiting row is resolved again; rows whose every name now matches go through the same staging and
 * upsert as a file (set-based), and are marked applied; the rest keep waiting, with their remaining names.
 */
import type { Knex } from '../../db/knex.ts';
import {
  applyRecordStage,
  copyLines,
  createStage,
  dropStage,
  STAGE_TABLE,
  type ApplyCounts,
} from '../../repositories/import.repository.ts';
import {
  listWaitingRows,
  loadUnitDirectory,
  markApplied,
  updateWaitingNames,
  type WaitingRow,
} from '../../repositories/unit-match.repository.ts';
import { okLine, resolveRecord } from './records.ts';
import { RECORD_KINDS, type RecordKind } from './types.ts';
import { UnitMatcher } from './unit-matcher.ts';
import type { ValidRecord } from './validate.ts';

export interface WaitingResult extends ApplyCounts {
  /** waiting rows now applied */
  applied: number;
  /** rows still waiting */
  stillWaiting: number;
  kinds: RecordKind[];
}

const PAGE = 5000;

/** Call inside the transaction (holding the import lock) that changed the unit directory. */
export async function applyWaitingRows(trx: Knex): Promise<WaitingResult> {
  const { units, aliases } = await loadUnitDirectory(trx);
  const matcher = new UnitMatcher(units, aliases);
  const total: WaitingResult = {
    inserted: 0,
    updated: 0,
    unchanged: 0,
    applied: 0,
    stillWaiting: 0,
    kinds: [],
  };
  for (const kind of RECORD_KINDS) {
    let afterId = 0;
    for (;;) {
      const page = await listWaitingRows(trx, { kind, limit: PAGE, afterId });
      if (!page.length) break;
      afterId = page.at(-1)!.id;
      const lines: string[] = [];
      const applied: number[] = [];
      for (const row of page) {
        const res = resolveRecord(kind, recordOf(row), matcher);
        if (res.ok) {
          lines.push(okLine(row.row_number, row.record_key, res.cells, row.import_id));
          applied.push(row.id);
        } else {
          total.stillWaiting++;
          if (res.unmatched.join('\n') !== row.names.join('\n'))
            await updateWaitingNames(trx, row.id, res.unmatched);
        }
      }
      if (!lines.length) continue;
      await createStage(trx, kind);
      await copyLines(trx, STAGE_TABLE, lines);
      const counts = await applyRecordStage(trx, kind, null, { queue: false });
      await dropStage(trx);
      await markApplied(trx, applied);
      total.inserted += counts.inserted;
      total.updated += counts.updated;
      total.unchanged += counts.unchanged;
      total.applied += applied.length;
      if (!total.kinds.includes(kind)) total.kinds.push(kind);
    }
  }
  return total;
}

function recordOf(row: WaitingRow): ValidRecord {
  if (!row.record) throw new Error(`waiting row ${row.id} has no stored record`);
  return row.record as unknown as ValidRecord;
}
