import type { Knex } from 'knex';
import { addCodeListCheck, timestamps } from '../server/db/migration-helpers.ts';

// Frozen copy of the unit kinds at the time of this migration (server/domain/code-lists.ts is the live list).
const KINDS = ['县直部门', '乡镇街道', '县政府', '垂管单位'];

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('unit', (t) => {
    t.increments('id').primary({ constraintName: 'unit_pkey' });
    t.text('code').notNullable().unique({ indexName: 'unit_code_uq' });
    t.text('name').notNullable().unique({ indexName: 'unit_name_uq' });
    t.text('kind').notNullable();
    t.text('peer_group');
    timestamps(knex, t);
  });
  await addCodeListCheck(knex, 'unit', 'kind', KINDS);
  await knex.raw(`ALTER TABLE unit ADD CONSTRAINT unit_code_chk CHECK (code ~ '^[A-Za-z0-9_-]{1,32}$')`);

  // An alias is any spelling seen in source data; `normalized` is the matching key (DESIGN.md §2).
  await knex.schema.createTable('unit_alias', (t) => {
    t.text('alias').primary({ constraintName: 'unit_alias_pkey' });
    t.text('normalized').notNullable();
    t.integer('unit_id')
      .notNullable()
      .references('id')
      .inTable('unit')
      .onDelete('CASCADE')
      .withKeyName('unit_alias_unit_id_fkey');
    t.text('added_by');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['normalized'], 'unit_alias_normalized_idx');
    t.index(['unit_id'], 'unit_alias_unit_id_idx');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('unit_alias');
  await knex.schema.dropTable('unit');
}
