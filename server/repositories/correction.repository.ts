/**
 * Corrections (DESIGN.md §9) are materialised: the record tables hold the effective value, and the correction row
 * keeps what the source said. Chosen over an overlay joined into every read because every figure, rollup, case
 * list, report, notice and export already reads the record tables: a correction written there is honoured by all
 * of them at once, with no query to forget, and the rollups are refreshed by the same dirty-month triggers as an
 * import. The price is that imports must put corrections back: reconcileStagedCorrections does so on the
 * staging table (`stageTable`, the import's), before the upsert, so a re-import of the original file finds the stored (corrected) row equal to
 * the staged one and leaves it alone.
 *
 * Values travel as canonical text (server/services/disputes/dispute-values.ts): code-list values as they are,
 * booleans 'true'/'false', units by code, a defendant list as its unit codes sorted (C collation) and joined by ','.
 */
import type { CorrectionState, DisputeFamily } from '../contracts/dispute.ts';
import type { Knex } from '../db/knex.ts';

type ValueKind = 'code' | 'bool' | 'unit' | 'units';

interface FieldColumns {
  kind: ValueKind;
  /** The record table's column (litigation defendants: none, they are litigation_defendant rows). */
  column: string;
  /** The staging table's column an import fills from the source. */
  stage: string;
}

/** Where each correctable field lives, in the record table and in an import's staging table. */
export const FIELD_COLUMNS: Record<DisputeFamily, Record<string, FieldColumns>> = {
  litigation: {
    defendants: { kind: 'units', column: '', stage: 'defendant_ids' },
    closing: { kind: 'code', column: 'closing', stage: 'closing' },
    judgment: { kind: 'code', column: 'judgment', stage: 'judgment' },
    hearing_held: { kind: 'bool', column: 'hearing_held', stage: 'hearing_held' },
    head_appeared: { kind: 'bool', column: 'head_appeared', stage: 'head_appeared' },
    head_spoke: { kind: 'bool', column: 'head_spoke', stage: 'head_spoke' },
    reconsideration_codefendant: {
      kind: 'unit',
      column: 'reconsideration_codefendant_unit_id',
      stage: 'codef_unit_id',
    },
  },
  reconsideration: {
    respondent: { kind: 'unit', column: 'respondent_unit_id', stage: 'respondent_unit_id' },
    decision: { kind: 'code', column: 'decision', stage: 'decision' },
  },
  prelitigation: {
    unit: { kind: 'unit', column: 'unit_id', stage: 'unit_id' },
    result: { kind: 'code', column: 'result', stage: 'result' },
  },
};

export const RECORD_TABLE: Record<DisputeFamily, { table: string; key: string }> = {
  litigation: { table: 'litigation_case', key: 'case_no' },
  reconsideration: { table: 'reconsideration_case', key: 'case_no' },
  prelitigation: { table: 'prelitigation_dispute', key: 'dispute_no' },
};

/** The canonical text of `expr` (a column, or for 'units' an array of unit ids). */
function canon(kind: ValueKind, expr: string): string {
  switch (kind) {
    case 'code':
      return expr;
    case 'bool':
      return `${expr}::text`;
    case 'unit':
      return `(SELECT u.code FROM unit u WHERE u.id = ${expr})`;
    case 'units':
      return `(SELECT string_agg(u.code, ',' ORDER BY u.code COLLATE "C") FROM unit u WHERE u.id = ANY(${expr}))`;
  }
}

/** The stored form of canonical text `v` (an SQL expression), for kinds other than 'units'. */
function stored(kind: Exclude<ValueKind, 'units'>, v: string): string {
  if (kind === 'bool') return `${v}::boolean`;
  if (kind === 'unit') return `(SELECT u.id FROM unit u WHERE u.code = ${v})`;
  return v;
}

const unitsOf = (v: string, col: 'id' | 'name') =>
  `ARRAY(SELECT u.${col} FROM unit u WHERE u.code = ANY(string_to_array(${v}, ',')) ORDER BY u.code COLLATE "C")`;

/** Canonical text of every correctable field of one record, plus its id; undefined when no such record. */
export async function recordFieldValues(
  db: Knex,
  family: DisputeFamily,
  recordNo: string,
): Promise<{ id: number; values: Record<string, string | null> } | undefined> {
  const { table, key } = RECORD_TABLE[family];
  const cols = Object.entries(FIELD_COLUMNS[family]).map(([field, f]) =>
    f.kind === 'units'
      ? `${canon('units', 'ARRAY(SELECT d.unit_id FROM litigation_defendant d WHERE d.case_id = c.id)')} AS "${field}"`
      : `${canon(f.kind, `c.${f.column}`)} AS "${field}"`,
  );
  const { rows } = await db.raw<{ rows: ({ id: number } & Record<string, string | null>)[] }>(
    `SELECT c.id, ${cols.join(', ')} FROM ${table} c WHERE c.${key} = ?`,
    [recordNo],
  );
  const row = rows[0];
  if (!row) return undefined;
  const { id, ...values } = row;
  return { id, values };
}

/**
 * Writes a corrected value into the record (inside the caller's transaction, which holds the import lock). The
 * record tables' triggers mark the months it touches dirty and bump the data version, as for an import; the
 * caller refreshes the rollups.
 */
export async function writeCorrectedValue(
  trx: Knex,
  family: DisputeFamily,
  recordId: number,
  field: string,
  value: string,
): Promise<void> {
  const f = FIELD_COLUMNS[family][field];
  if (!f) throw new Error(`correction: ${family} has no field ${field}`);
  const { table } = RECORD_TABLE[family];
  if (f.kind === 'units') {
    const old = await trx('litigation_defendant')
      .where('case_id', recordId)
      .select<{ unit_id: number; name_raw: string }[]>('unit_id', 'name_raw');
    await trx('litigation_defendant').where('case_id', recordId).delete();
    await trx.raw(
      `INSERT INTO litigation_defendant (case_id, unit_id, position, name_raw)
       SELECT ?, u.id, c.o, coalesce(o.name_raw, u.name)
       FROM unnest(string_to_array(?, ',')) WITH ORDINALITY AS c(code, o)
       JOIN unit u ON u.code = c.code
       LEFT JOIN jsonb_to_recordset(?::jsonb) AS o(unit_id int, name_raw text) ON o.unit_id = u.id`,
      [recordId, value, JSON.stringify(old)],
    );
    return;
  }
  await trx.raw(`UPDATE ${table} SET ${f.column} = ${stored(f.kind, '?')}, updated_at = now() WHERE id = ?`, [
    value,
    recordId,
  ]);
  if (field === 'reconsideration_codefendant') {
    // The reconsideration organ as co-defendant is not charged (国办公开办函〔2016〕201号), as the import rules it
    // (server/services/import/records.ts): unless it is the only defendant.
    await trx.raw(
      `UPDATE litigation_case SET reconsideration_codefendant_raw = u.name FROM unit u
                   WHERE litigation_case.id = ? AND u.code = ?`,
      [recordId, value],
    );
    await trx.raw(
      `DELETE FROM litigation_defendant d USING unit u
       WHERE d.case_id = ? AND u.code = ? AND d.unit_id = u.id
         AND (SELECT count(*) FROM litigation_defendant x WHERE x.case_id = d.case_id) > 1`,
      [recordId, value],
    );
  }
}

/** The §3 cross-field rules a staged row must still meet once corrections are put back (else it is held). */
const STAGE_RULES: Record<DisputeFamily, string> = {
  litigation: `(s.closed_on IS NULL) = (s.closing IS NULL)
    AND (s.closing IS DISTINCT FROM '判决' OR s.judgment IS NOT NULL)
    AND (s.head_spoke IS NOT TRUE OR s.head_appeared IS TRUE)
    AND (s.head_appeared IS NOT TRUE OR s.hearing_held IS TRUE)
    AND cardinality(s.defendant_ids) > 0`,
  reconsideration: `(s.closed_on IS NULL OR s.decision IS NOT NULL)`,
  prelitigation: `(s.result = '进行中') = (s.result_on IS NULL)`,
};

export interface ReconcileCounts {
  /** corrections the source now agrees with */
  synced: number;
  /** corrections whose field the source changed to a third value (or whose record it changed incompatibly) */
  conflicts: number;
  /** staged records left as stored because the source row cannot carry their corrections */
  held: number;
}

/**
 * Puts the corrections in force back onto the staged source rows of `family`, before they are upserted
 * (import.repository.ts applyRecordStage). For each correction whose record is staged:
 * - the source now carries the corrected value → `synced` (no longer enforced: the source has caught up);
 * - the source still says what it said when the correction was made → re-applied (stays `active`);
 * - the source says a third value → `conflict` (conflict_value noted), and the correction is still applied.
 * A staged row that, with its corrections applied, would break a §3 rule (e.g. hearing_held now false under a
 * corrected head_appeared) gets status 'held': the stored record stays as it is and its corrections go to
 * `conflict` for the bureau. Nothing a correction says is ever silently undone.
 */
export async function reconcileStagedCorrections(
  trx: Knex,
  family: DisputeFamily,
  stageTable: string,
): Promise<ReconcileCounts> {
  const STAGE_TABLE = stageTable;
  const counts: ReconcileCounts = { synced: 0, conflicts: 0, held: 0 };
  const fields = (
    await trx('correction')
      .where('family', family)
      .whereIn('state', ['active', 'conflict'])
      .distinct<{ field: string }[]>('field')
  ).map((r) => r.field);
  if (!fields.length) return counts;
  // Defendants first, the co-defendant last: putting the co-defendant back removes it from the staged defendants.
  const order = (f: string) => (f === 'defendants' ? 0 : f === 'reconsideration_codefendant' ? 2 : 1);
  fields.sort((a, b) => order(a) - order(b));
  for (const field of fields) {
    const f = FIELD_COLUMNS[family][field];
    if (!f) continue;
    const src = canon(f.kind, `s.${f.stage}`);
    const { rows } = await trx.raw<{ rows: { id: number; state: CorrectionState; was: CorrectionState }[] }>(
      `WITH x AS (
         SELECT k.id, k.state AS was, ${src} AS src,
                CASE WHEN ${src} IS NOT DISTINCT FROM k.value THEN 'synced'
                     WHEN k.state = 'active' AND ${src} IS NOT DISTINCT FROM k.source_value THEN 'active'
                     ELSE 'conflict' END AS state
         FROM correction k JOIN ${STAGE_TABLE} s ON s.key = k.record_no AND s.status = 'ok'
         WHERE k.family = ? AND k.field = ? AND k.state IN ('active', 'conflict')
       )
       UPDATE correction k SET state = x.state,
         conflict_value = CASE WHEN x.state = 'conflict' THEN x.src ELSE k.conflict_value END,
         state_changed_at = CASE WHEN x.state <> x.was THEN now() ELSE k.state_changed_at END
       FROM x WHERE k.id = x.id
       RETURNING k.id, k.state, x.was`,
      [family, field],
    );
    for (const r of rows) {
      if (r.state !== r.was && r.state === 'synced') counts.synced++;
      if (r.state !== r.was && r.state === 'conflict') counts.conflicts++;
    }
    const inForce = `FROM correction k WHERE k.family = '${family}' AND k.field = '${field}'
      AND k.state IN ('active', 'conflict') AND k.record_no = s.key AND s.status = 'ok'`;
    if (f.kind === 'units') {
      await trx.raw(
        `UPDATE ${STAGE_TABLE} s SET defendant_ids = ${unitsOf('k.value', 'id')},
           defendant_names = ${unitsOf('k.value', 'name')} ${inForce}`,
      );
    } else if (field === 'reconsideration_codefendant') {
      const id = stored('unit', 'k.value');
      const charged = `cardinality(s.defendant_ids) > 1 AND ${id} = ANY(s.defendant_ids)`;
      await trx.raw(
        `UPDATE ${STAGE_TABLE} s SET codef_unit_id = ${id},
           codef_raw = (SELECT u.name FROM unit u WHERE u.code = k.value),
           defendant_names = CASE WHEN ${charged} THEN ARRAY(SELECT n FROM unnest(s.defendant_ids, s.defendant_names)
             WITH ORDINALITY AS x(i, n, o) WHERE i <> ${id} ORDER BY o) ELSE s.defendant_names END,
           defendant_ids = CASE WHEN ${charged} THEN array_remove(s.defendant_ids, ${id}) ELSE s.defendant_ids END
         ${inForce}`,
      );
    } else {
      await trx.raw(`UPDATE ${STAGE_TABLE} s SET ${f.stage} = ${stored(f.kind, 'k.value')} ${inForce}`);
    }
  }
  const { rows: held } = await trx.raw<{ rows: { key: string }[] }>(
    `UPDATE ${STAGE_TABLE} s SET status = 'held'
     WHERE s.status = 'ok' AND NOT (${STAGE_RULES[family]})
       AND EXISTS (SELECT 1 FROM correction k WHERE k.family = ? AND k.record_no = s.key
                   AND k.state IN ('active', 'conflict'))
     RETURNING s.key`,
    [family],
  );
  if (held.length) {
    counts.held = held.length;
    const moved = await trx('correction')
      .where('family', family)
      .where('state', 'active')
      .whereIn(
        'record_no',
        held.map((h) => h.key),
      )
      .update({ state: 'conflict', state_changed_at: trx.fn.now() });
    counts.conflicts += moved;
  }
  return counts;
}
