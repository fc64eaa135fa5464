import type { Knex } from 'knex';

// Overrides of the metric settings (warning thresholds, the small-denominator minimum). Defaults live in
// server/metrics/settings.ts; a key absent here means "use the default".
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('metric_setting', (t) => {
    t.text('key').primary({ constraintName: 'metric_setting_pkey' });
    t.jsonb('value').notNullable();
    t.text('updated_by');
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('metric_setting');
}
