import { describe, expect, it } from 'vitest';
import { migrateLatest, migrateRollbackAll, migrationState } from '../../server/db/migrate.ts';
import * as codes from '../../server/domain/code-lists.ts';
import { createTestDatabase } from '../support/database.ts';

const { knex } = await createTestDatabase();

async function tables(): Promise<string[]> {
  const { rows } = await knex.raw<{ rows: { tablename: string }[] }>(
    "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename NOT LIKE 'knex_%' ORDER BY 1",
  );
  return rows.map((r) => r.tablename);
}

/** The values a `<table>_<column>_chk` IN-list constraint allows, read back from the catalogue. */
async function allowed(table: string, column: string): Promise<string[]> {
  const { rows } = await knex.raw<{ rows: { def: string }[] }>(
    'SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conname = ?',
    [`${table}_${column}_chk`],
  );
  const def = rows[0]?.def ?? '';
  return [...def.matchAll(/'([^']*)'/g)].map((m) => m[1]!);
}

describe('migrations', () => {
  it('are all applied to the template', async () => {
    const state = await migrationState(knex);
    expect(state.pending).toEqual([]);
    expect(await tables()).toEqual(
      expect.arrayContaining([
        'unit',
        'unit_alias',
        'litigation_case',
        'litigation_defendant',
        'import_ledger',
      ]),
    );
  });

  it('go down to an empty schema and up again cleanly', async () => {
    const before = await tables();
    const undone = await migrateRollbackAll(knex);
    expect(undone.length).toBeGreaterThan(0);
    expect(await tables()).toEqual([]);
    await migrateLatest(knex);
    expect(await tables()).toEqual(before);
  });

  it('enforce the same code lists as the importer', async () => {
    expect(await allowed('unit', 'kind')).toEqual([...codes.UNIT_KINDS]);
    expect(await allowed('litigation_case', 'closing')).toEqual([...codes.CLOSINGS]);
    expect(await allowed('litigation_case', 'judgment')).toEqual([...codes.JUDGMENTS]);
    expect(await allowed('litigation_case', 'loss_reason')).toEqual([...codes.LOSS_REASONS]);
    expect(await allowed('litigation_case', 'withdrawal_reason')).toEqual([...codes.WITHDRAWAL_REASONS]);
    expect(await allowed('litigation_case', 'head_title')).toEqual([...codes.HEAD_TITLES]);
    expect(await allowed('litigation_case', 'cause')).toEqual([...codes.CAUSES]);
    expect(await allowed('litigation_case', 'instance')).toEqual([...codes.INSTANCES]);
    expect(await allowed('reconsideration_case', 'intake')).toEqual([...codes.REC_INTAKES]);
    expect(await allowed('reconsideration_case', 'decision')).toEqual([...codes.REC_DECISIONS]);
    expect(await allowed('prelitigation_dispute', 'source')).toEqual([...codes.PRE_SOURCES]);
    expect(await allowed('prelitigation_dispute', 'result')).toEqual([...codes.PRE_RESULTS]);
  });

  it('refuse a case that breaks a cross-field rule', async () => {
    const [unit] = await knex('unit')
      .insert({ code: 'X01', name: '测试局', kind: '县直部门' })
      .returning('id');
    expect(unit).toBeDefined();
    const base = {
      case_no: '(2023)示0521行初1号',
      instance: '一审',
      filed_on: '2023-03-05',
      defendants_raw: '测试局',
    };
    await expect(
      knex('litigation_case').insert({ ...base, closed_on: '2023-03-01', closing: '调解' }),
    ).rejects.toThrow(/litigation_case_closed_on_chk/);
    await expect(
      knex('litigation_case').insert({ ...base, closed_on: '2023-05-01', closing: '判决' }),
    ).rejects.toThrow(/litigation_case_judgment_chk2/);
    await expect(
      knex('litigation_case').insert({ ...base, hearing_held: false, head_appeared: true }),
    ).rejects.toThrow(/litigation_case_head_appeared_chk/);
    await expect(knex('litigation_case').insert({ ...base, closing: '判决书' })).rejects.toThrow(
      /litigation_case_closing_chk/,
    );
  });
});
