import type { Knex } from 'knex';
import { addCodeListCheck, timestamps } from '../server/db/migration-helpers.ts';

const INTAKES = ['受理', '不予受理', '告知'];
const DECISIONS = [
  '维持',
  '驳回',
  '撤销',
  '变更',
  '确认违法',
  '确认无效',
  '责令履行',
  '调解',
  '和解',
  '终止',
  '其他',
];

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('reconsideration_case', (t) => {
    t.bigIncrements('id').primary({ constraintName: 'reconsideration_case_pkey' });
    t.text('case_no').notNullable().unique({ indexName: 'reconsideration_case_case_no_uq' });
    t.date('applied_on').notNullable();
    t.date('accepted_on');
    t.text('intake').notNullable().defaultTo('受理');
    t.text('respondent_raw').notNullable();
    t.integer('respondent_unit_id')
      .notNullable()
      .references('id')
      .inTable('unit')
      .withKeyName('reconsideration_case_respondent_unit_id_fkey');
    t.text('matter');
    t.date('closed_on');
    t.text('decision');
    t.boolean('litigated_after');
    t.bigInteger('import_id');
    timestamps(knex, t);
    t.index(['respondent_unit_id', 'accepted_on'], 'reconsideration_case_respondent_unit_id_accepted_on_idx');
    t.index(['respondent_unit_id', 'closed_on'], 'reconsideration_case_respondent_unit_id_closed_on_idx');
    t.index(['accepted_on'], 'reconsideration_case_accepted_on_idx');
    t.index(['closed_on'], 'reconsideration_case_closed_on_idx');
  });
  await addCodeListCheck(knex, 'reconsideration_case', 'intake', INTAKES);
  await addCodeListCheck(knex, 'reconsideration_case', 'decision', DECISIONS);
  await knex.raw(`
    ALTER TABLE reconsideration_case
      ADD CONSTRAINT reconsideration_case_closed_on_chk CHECK (closed_on IS NULL OR closed_on >= applied_on),
      ADD CONSTRAINT reconsideration_case_decision_chk2 CHECK (closed_on IS NULL OR decision IS NOT NULL)
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('reconsideration_case');
}
