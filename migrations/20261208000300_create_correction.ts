import type { Knex } from 'knex';
import { addCodeListCheck } from '../server/db/migration-helpers.ts';

/*
 * The correction an accepted dispute becomes (DESIGN.md §9). The record tables hold the effective (corrected)
 * value; this row keeps what the source said when the correction was made (`source_value`, canonical text, null
 * for an empty field), so every import can tell a source that caught up (`synced`) from one that now says a
 * third thing (`conflict`, `conflict_value`: the correction stays in force until the bureau decides).
 * `superseded`: a later accepted dispute of the same record and field replaced it. At most one correction of a
 * record's field is in force (active or conflict) at a time.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('correction', (t) => {
    t.bigIncrements('id').primary({ constraintName: 'correction_pkey' });
    t.bigInteger('dispute_id')
      .notNullable()
      .references('id')
      .inTable('dispute')
      .onDelete('CASCADE')
      .withKeyName('correction_dispute_id_fkey');
    t.text('family').notNullable();
    t.text('record_no').notNullable();
    t.text('field').notNullable();
    t.text('value').notNullable();
    t.text('source_value');
    t.text('state').notNullable().defaultTo('active');
    t.text('conflict_value');
    t.text('created_by').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('state_changed_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['dispute_id'], { indexName: 'correction_dispute_id_uq' });
  });
  await addCodeListCheck(knex, 'correction', 'state', ['active', 'synced', 'conflict', 'superseded']);
  await knex.raw(`
    CREATE UNIQUE INDEX correction_family_record_no_field_uq ON correction (family, record_no, field)
    WHERE state IN ('active', 'conflict')`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('correction');
}
