import type { Knex } from 'knex';
import { addCodeListCheck, timestamps } from '../server/db/migration-helpers.ts';

const SOURCES = ['法院移送', '复议前', '信访', '12345', '其他'];
const RESULTS = ['化解成功', '未化解', '撤回', '进行中'];

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('prelitigation_dispute', (t) => {
    t.bigIncrements('id').primary({ constraintName: 'prelitigation_dispute_pkey' });
    t.text('dispute_no').notNullable().unique({ indexName: 'prelitigation_dispute_dispute_no_uq' });
    t.date('registered_on').notNullable();
    t.text('unit_raw').notNullable();
    t.integer('unit_id')
      .notNullable()
      .references('id')
      .inTable('unit')
      .withKeyName('prelitigation_dispute_unit_id_fkey');
    t.text('source');
    t.text('domain');
    t.text('result').notNullable().defaultTo('进行中');
    t.date('result_on');
    t.bigInteger('import_id');
    timestamps(knex, t);
    t.index(['unit_id', 'registered_on'], 'prelitigation_dispute_unit_id_registered_on_idx');
    t.index(['unit_id', 'result_on'], 'prelitigation_dispute_unit_id_result_on_idx');
    t.index(['registered_on'], 'prelitigation_dispute_registered_on_idx');
    t.index(['result_on'], 'prelitigation_dispute_result_on_idx');
  });
  await addCodeListCheck(knex, 'prelitigation_dispute', 'source', SOURCES);
  await addCodeListCheck(knex, 'prelitigation_dispute', 'result', RESULTS);
  await knex.raw(`
    ALTER TABLE prelitigation_dispute
      ADD CONSTRAINT prelitigation_dispute_result_on_chk CHECK ((result = '进行中') = (result_on IS NULL)),
      ADD CONSTRAINT prelitigation_dispute_result_on_chk2 CHECK (result_on IS NULL OR result_on >= registered_on)
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('prelitigation_dispute');
}
