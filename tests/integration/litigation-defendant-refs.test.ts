import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../support/database.ts';

// litigation_defendant's references are checked per statement by triggers (migration 20261203070000), not by
// foreign keys: these pin the same rules the foreign keys enforced.
const { knex } = await createTestDatabase();

async function unitAndCase(n: number): Promise<{ unitId: number; caseId: number }> {
  const [unit] = await knex('unit')
    .insert({ code: `R${n}`, name: `引用测试局${n}`, kind: '县直部门' })
    .returning<{ id: number }[]>('id');
  const [lit] = await knex('litigation_case')
    .insert({
      case_no: `(2024)示0521行初${n}号`,
      instance: '一审',
      filed_on: '2024-03-05',
      defendants_raw: `引用测试局${n}`,
    })
    .returning<{ id: number }[]>('id');
  return { unitId: unit!.id, caseId: lit!.id };
}

describe('litigation_defendant references', () => {
  it('refuse a defendant of a missing case or a missing unit, in a multi-row insert too', async () => {
    const { unitId, caseId } = await unitAndCase(1);
    await expect(
      knex('litigation_defendant').insert([
        { case_id: caseId, unit_id: unitId, position: 1, name_raw: 'a' },
        { case_id: caseId + 1000, unit_id: unitId, position: 1, name_raw: 'a' },
      ]),
    ).rejects.toThrow(/litigation_defendant_case_id_fkey/);
    await expect(
      knex('litigation_defendant').insert({
        case_id: caseId,
        unit_id: unitId + 1000,
        position: 1,
        name_raw: 'a',
      }),
    ).rejects.toThrow(/litigation_defendant_unit_id_fkey/);
    await knex('litigation_defendant').insert({
      case_id: caseId,
      unit_id: unitId,
      position: 1,
      name_raw: 'a',
    });
    await expect(
      knex('litigation_defendant')
        .where({ case_id: caseId })
        .update({ unit_id: unitId + 1000 }),
    ).rejects.toThrow(/litigation_defendant_unit_id_fkey/);
  });

  it('delete the defendants of deleted cases, and refuse to delete a unit that is charged', async () => {
    const { unitId, caseId } = await unitAndCase(2);
    await knex('litigation_defendant').insert({
      case_id: caseId,
      unit_id: unitId,
      position: 1,
      name_raw: 'a',
    });
    await expect(knex('unit').where({ id: unitId }).delete()).rejects.toThrow(
      /litigation_defendant_unit_id_fkey/,
    );
    await knex('litigation_case').where({ id: caseId }).delete();
    expect(await knex('litigation_defendant').where({ case_id: caseId })).toEqual([]);
    await knex('unit').where({ id: unitId }).delete();
  });

  it('refuse to change a case id or a unit id', async () => {
    const { unitId, caseId } = await unitAndCase(3);
    await expect(
      knex('litigation_case')
        .where({ id: caseId })
        .update({ id: caseId + 1000 }),
    ).rejects.toThrow(/cannot change/);
    await expect(
      knex('unit')
        .where({ id: unitId })
        .update({ id: unitId + 1000 }),
    ).rejects.toThrow(/cannot change/);
  });

  it('empty the defendants when the cases alone are truncated', async () => {
    const { unitId, caseId } = await unitAndCase(4);
    await knex('litigation_defendant').insert({
      case_id: caseId,
      unit_id: unitId,
      position: 1,
      name_raw: 'a',
    });
    await knex.raw('TRUNCATE litigation_case');
    expect(await knex('litigation_defendant').count<{ count: number }[]>('* as count')).toEqual([
      { count: 0 },
    ]);
  });
});
