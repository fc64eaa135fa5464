/**
 * Seeding the demo county 示例县 (npm start on an empty database, `db seed-demo`): the generator's units and
 * records written through the repositories, with a ledger row per kind and the rollups rebuilt. The demo
 * capability owns this folder; the deterministic generator itself is server/demo/demo-county.ts.
 */
import crypto from 'node:crypto';
import type { Knex } from '../../db/knex.ts';
import { DEMO_COUNTY, generateDemoCounty } from '../../demo/demo-county.ts';
import { countyPrefixes, normalizeUnitName } from '../../domain/unit-name.ts';
import { demoEvaluationRules } from './demo-evaluation-rules.ts';
import { findRules, insertRulesVersion } from '../../repositories/evaluation.repository.ts';
import { refreshRollups } from '../../repositories/rollup.repository.ts';
import { finishLedger, insertLedger } from '../../repositories/import.repository.ts';
import {
  countRecords,
  insertChunked,
  truncateAll,
  type RecordCounts,
} from '../../repositories/record.repository.ts';
import { insertAliases, insertUnits } from '../../repositories/unit.repository.ts';

export class DemoSeedRefused extends Error {}

/**
 * Loads the demo county 示例县 as seen on `asOf` (CST 'YYYY-MM-DD': the five calendar years up to that day) in one
 * transaction. Refuses a database that already holds units unless `replace` is set, in which case every record,
 * unit and import is wiped first: a real county's data is never overwritten by accident. The date is the
 * caller's: `npm start` and `db seed-demo` pass today, tests and benchmarks a fixed day.
 */
export async function seedDemoCounty(
  db: Knex,
  { asOf, replace = false }: { asOf: string; replace?: boolean },
): Promise<RecordCounts> {
  const county = generateDemoCounty(asOf);
  return db.transaction(async (trx) => {
    const before = await countRecords(trx);
    if (before.units > 0 && !replace) {
      throw new DemoSeedRefused(
        `the database already holds ${before.units} units and ${before.litigation} litigation records; ` +
          'use --replace to wipe everything and load the demo county',
      );
    }
    if (replace) await truncateAll(trx);

    const ids = await insertUnits(
      trx,
      county.units.map(({ code, name, kind, peer_group }) => ({ code, name, kind, peer_group })),
    );
    const unitId = (code: string): number => {
      const id = ids.get(code);
      if (id === undefined) throw new Error(`demo unit ${code} was not inserted`);
      return id;
    };
    const prefixes = countyPrefixes(DEMO_COUNTY);
    await insertAliases(
      trx,
      county.units.flatMap((u) =>
        u.aliases.map((alias) => ({
          alias,
          normalized: normalizeUnitName(alias, prefixes),
          unit_id: unitId(u.code),
          added_by: 'demo',
        })),
      ),
    );

    const cases = await insertChunked<object, { id: number }>(
      trx,
      'litigation_case',
      county.litigation.map(({ defendants: _d, reconsideration_codefendant, ...c }) => ({
        ...c,
        reconsideration_codefendant_unit_id: reconsideration_codefendant
          ? unitId(reconsideration_codefendant)
          : null,
      })),
      ['id'],
    );
    await insertChunked(
      trx,
      'litigation_defendant',
      county.litigation.flatMap((c, i) => {
        const raw = c.defendants_raw.split('、');
        return c.defendants.map((code, j) => ({
          case_id: cases[i]!.id,
          unit_id: unitId(code),
          position: j + 1,
          name_raw: raw[j] ?? code,
        }));
      }),
    );
    await insertChunked(
      trx,
      'reconsideration_case',
      county.reconsideration.map(({ respondent, ...r }) => ({
        ...r,
        respondent_unit_id: unitId(respondent),
      })),
    );
    await insertChunked(
      trx,
      'prelitigation_dispute',
      county.prelitigation.map(({ unit, ...p }) => ({ ...p, unit_id: unitId(unit) })),
    );
    await refreshRollups(trx);
    // The evaluation rules of each demo year that has none, the running one included (a county scores it in
    // December); a --replace keeps the bureau's own rules.
    const savedAt = new Date(`${asOf}T09:00:00+08:00`);
    for (let year = Number(asOf.slice(0, 4)) - 4; year <= Number(asOf.slice(0, 4)); year++) {
      if (!(await findRules(trx, year)))
        await insertRulesVersion(trx, demoEvaluationRules(year), 'demo', savedAt);
    }
    const counts = await countRecords(trx);
    // One committed ledger row per kind (source `demo`), so the data page and the header's 数据截至 tell when the
    // demo data arrived, as they would for a real delivery. The hash is of the generated records.
    for (const kind of ['units', 'litigation', 'reconsideration', 'prelitigation'] as const) {
      const id = await insertLedger(trx, {
        kind,
        file_name: `${DEMO_COUNTY}演示数据`,
        file_hash: crypto.createHash('sha256').update(JSON.stringify(county[kind])).digest('hex'),
        file_size: null,
        source: 'demo',
        created_by: 'demo',
        format: null,
        encoding: null,
      });
      await finishLedger(trx, id, {
        status: 'committed',
        rows_total: counts[kind],
        inserted: counts[kind],
        warnings: [],
        duration_ms: 0,
      });
    }
    return counts;
  });
}
