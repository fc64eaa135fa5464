import type { Knex } from 'knex';
import { addCodeListCheck, timestamps } from '../server/db/migration-helpers.ts';

// Frozen copies of the code lists (DESIGN.md §3a, §5) as of this migration.
const INSTANCES = ['一审', '二审', '再审', '其他'];
const CLOSINGS = [
  '判决',
  '裁定不予立案',
  '裁定驳回起诉',
  '准予撤诉',
  '按撤诉处理',
  '调解',
  '移送',
  '终结',
  '其他',
];
const JUDGMENTS = [
  '驳回诉讼请求',
  '撤销',
  '部分撤销',
  '变更',
  '确认违法',
  '确认无效',
  '责令履行',
  '责令赔偿',
  '给付',
  '其他',
];
const WITHDRAWAL_REASONS = ['原告自愿', '被告改变', '和解'];
const LOSS_REASONS = [
  '事实不清证据不足',
  '违反法定程序',
  '适用法律错误',
  '超越滥用职权',
  '明显不当',
  '不履行法定职责',
];
const HEAD_TITLES = ['正职', '副职', '分管副职'];
const CAUSES = [
  '行政处罚',
  '行政强制措施',
  '行政强制执行',
  '行政许可',
  '行政征收或者征用',
  '行政登记',
  '行政确认',
  '行政给付',
  '行政允诺',
  '行政征缴',
  '行政奖励',
  '行政收费',
  '政府信息公开',
  '行政批复',
  '行政处理',
  '行政复议',
  '行政裁决',
  '行政协议',
  '行政补偿',
  '行政赔偿',
  '不履行职责',
  '公益诉讼',
  '其他',
];

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('litigation_case', (t) => {
    t.bigIncrements('id').primary({ constraintName: 'litigation_case_pkey' });
    t.text('case_no').notNullable().unique({ indexName: 'litigation_case_case_no_uq' });
    t.text('case_type'); // the type code inside the case number: 行初, 行终, 行审 …
    t.text('instance').notNullable(); // 一审 · 二审 · 再审 · 其他 (non-litigation review etc.)
    t.text('court');
    t.date('filed_on').notNullable();
    t.date('closed_on'); // null = pending
    t.text('defendants_raw').notNullable(); // the 被告 cell as received
    t.text('reconsideration_codefendant_raw');
    t.integer('reconsideration_codefendant_unit_id')
      .references('id')
      .inTable('unit')
      .withKeyName('litigation_case_reconsideration_codefendant_unit_id_fkey');
    t.text('cause_raw');
    t.text('cause').notNullable().defaultTo('其他'); // level-2 cause
    t.text('domain');
    t.text('closing');
    t.text('judgment');
    t.text('withdrawal_reason');
    t.text('loss_reason');
    t.boolean('hearing_held');
    t.boolean('head_appeared');
    t.text('head_title');
    t.boolean('head_spoke');
    t.boolean('via_reconsideration');
    t.bigInteger('import_id'); // the import that last wrote this row (null for the demo seed)
    timestamps(knex, t);
    t.index(['filed_on'], 'litigation_case_filed_on_idx');
    t.index(['closed_on'], 'litigation_case_closed_on_idx');
  });
  await addCodeListCheck(knex, 'litigation_case', 'instance', INSTANCES);
  await addCodeListCheck(knex, 'litigation_case', 'closing', CLOSINGS);
  await addCodeListCheck(knex, 'litigation_case', 'judgment', JUDGMENTS);
  await addCodeListCheck(knex, 'litigation_case', 'withdrawal_reason', WITHDRAWAL_REASONS);
  await addCodeListCheck(knex, 'litigation_case', 'loss_reason', LOSS_REASONS);
  await addCodeListCheck(knex, 'litigation_case', 'head_title', HEAD_TITLES);
  await addCodeListCheck(knex, 'litigation_case', 'cause', CAUSES);
  // The cross-field rules of DESIGN.md §3a, enforced again below the importer.
  await knex.raw(`
    ALTER TABLE litigation_case
      ADD CONSTRAINT litigation_case_closed_on_chk CHECK (closed_on IS NULL OR closed_on >= filed_on),
      ADD CONSTRAINT litigation_case_closing_chk2 CHECK ((closed_on IS NULL) = (closing IS NULL)),
      ADD CONSTRAINT litigation_case_judgment_chk2 CHECK (closing IS DISTINCT FROM '判决' OR judgment IS NOT NULL),
      ADD CONSTRAINT litigation_case_head_spoke_chk CHECK (head_spoke IS NOT TRUE OR head_appeared IS TRUE),
      ADD CONSTRAINT litigation_case_head_appeared_chk CHECK (head_appeared IS NOT TRUE OR hearing_held IS TRUE)
  `);

  // Each listed defendant is charged with the case (co-defendants: one row each).
  await knex.schema.createTable('litigation_defendant', (t) => {
    t.bigInteger('case_id')
      .notNullable()
      .references('id')
      .inTable('litigation_case')
      .onDelete('CASCADE')
      .withKeyName('litigation_defendant_case_id_fkey');
    t.integer('unit_id')
      .notNullable()
      .references('id')
      .inTable('unit')
      .withKeyName('litigation_defendant_unit_id_fkey');
    t.smallint('position').notNullable(); // order in the 被告 cell, 1-based
    t.text('name_raw').notNullable();
    t.primary(['case_id', 'unit_id'], { constraintName: 'litigation_defendant_pkey' });
    t.index(['unit_id', 'case_id'], 'litigation_defendant_unit_id_case_id_idx');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('litigation_defendant');
  await knex.schema.dropTable('litigation_case');
}
