import type { Knex } from 'knex';

/**
 * A frozen evaluation (DESIGN.md §10): the scores of a year under one rules version, as computed at `created_at`,
 * so the figures a bureau sent to the 考核 office read the same after later imports and rule edits.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('evaluation_snapshot', (t) => {
    t.text('id').primary({ constraintName: 'evaluation_snapshot_pkey' });
    t.integer('year').notNullable();
    t.integer('rules_version').notNullable();
    t.jsonb('rules').notNullable();
    t.jsonb('result').notNullable();
    t.timestamp('data_as_of', { useTz: true });
    t.text('created_by').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['year', 'created_at'], 'evaluation_snapshot_year_idx');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('evaluation_snapshot');
}
