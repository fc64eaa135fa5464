import { describe, expect, it } from 'vitest';
import { rebuildAllRollups } from '../../server/repositories/rollup.repository.ts';
import { importFixture, importText } from './import-support.ts';
import { createTestDatabase } from '../support/database.ts';

// An import refreshes the rollups in its own transaction, marking the touched months itself for the defendants it
// rewrites (migration 20261203070100): after every import the rollups must equal a full recomputation.
const { knex } = await createTestDatabase();

const TABLES = ['lit_rollup_unit', 'lit_rollup_scope'];

async function rollups(): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const t of TABLES) {
    const rows = await knex(t).select('*');
    out[t] = rows.map((r: Record<string, unknown>) => JSON.stringify(Object.entries(r).sort())).sort();
  }
  return out;
}

async function expectFresh(): Promise<void> {
  expect(await knex('metric_rollup_dirty').where('family', 'litigation').select('month')).toEqual([]);
  const after = await rollups();
  await rebuildAllRollups(knex);
  expect(after).toEqual(await rollups());
  expect(after.lit_rollup_unit!.length).toBeGreaterThan(0);
}

const HEADER = '案号,立案日期,结案日期,被告,案由,结案方式,裁判结果,是否开庭,负责人是否出庭\n';

describe('import and rollups', () => {
  it('leave the rollups equal to a full recomputation after a first import and after changed rows', async () => {
    await importFixture(knex, 'units', 'units.csv');
    const first = await importText(
      knex,
      'litigation',
      HEADER +
        '(2024)示0521行初1号,2024-01-05,2024-03-01,示例县公安局,罚款,判决,撤销,是,是\n' +
        '(2024)示0521行初2号,2024-01-09,,示例县公安局、县自规局,土地登记,,,,\n' +
        '(2024)示0521行初3号,2024-02-11,2024-04-20,城关镇人民政府、示例县东关街道,强制拆除,准予撤诉,,,\n' +
        '(2024)示0521行初4号,2024-02-15,2024-05-02,县人社局,工伤认定,判决,驳回诉讼请求,是,否\n',
    );
    expect(first).toMatchObject({ status: 'committed', inserted: 4 });
    await expectFresh();

    // Case 1 moves month and changes defendant; case 2 loses a co-defendant; case 3 gains one; case 4 unchanged.
    const second = await importText(
      knex,
      'litigation',
      HEADER +
        '(2024)示0521行初1号,2024-02-05,2024-06-01,县自规局,罚款,判决,撤销,是,是\n' +
        '(2024)示0521行初2号,2024-01-09,,示例县公安局,土地登记,,,,\n' +
        '(2024)示0521行初3号,2024-02-11,2024-04-20,城关镇人民政府、示例县东关街道、县人社局,强制拆除,准予撤诉,,,\n' +
        '(2024)示0521行初4号,2024-02-15,2024-05-02,县人社局,工伤认定,判决,驳回诉讼请求,是,否\n',
      'litigation-2.csv',
    );
    expect(second).toMatchObject({ status: 'committed', inserted: 0, updated: 3, unchanged: 1 });
    await expectFresh();
  });
});
