import type { Knex } from 'knex';

// When each family's rollups were last refreshed: the "data as of" time printed on every table and export.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('metric_rollup_state', (t) => {
    t.text('family').primary({ constraintName: 'metric_rollup_state_pkey' });
    t.timestamp('refreshed_at', { useTz: true }).notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('metric_rollup_state');
}
