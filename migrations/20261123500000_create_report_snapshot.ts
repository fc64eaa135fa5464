import type { Knex } from 'knex';

/**
 * A frozen report: the request and the complete model (every figure, label and the data-as-of time), so the
 * deck shown at a meeting regenerates identically months later, whatever was imported since.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('report_snapshot', (t) => {
    t.text('id').primary({ constraintName: 'report_snapshot_pkey' });
    t.text('title').notNullable();
    t.date('period_from').notNullable();
    t.date('period_to').notNullable();
    t.jsonb('request').notNullable();
    t.jsonb('model').notNullable();
    t.timestamp('data_as_of', { useTz: true });
    t.text('created_by');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['created_at'], 'report_snapshot_created_at_idx');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('report_snapshot');
}
