import type { Knex } from 'knex';

/** The notice's settings (key → JSON value): the 文号 prefix and the issuing office. Absent key = default. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('notice_setting', (t) => {
    t.text('key').primary({ constraintName: 'notice_setting_pkey' });
    t.jsonb('value').notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.text('updated_by');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('notice_setting');
}
