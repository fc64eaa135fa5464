import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  // Admin-controlled access switches (key → JSON value), e.g. unit_users_see_county. Absent key = default.
  await knex.schema.createTable('access_setting', (t) => {
    t.text('key').primary({ constraintName: 'access_setting_pkey' });
    t.jsonb('value').notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.text('updated_by');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('access_setting');
}
