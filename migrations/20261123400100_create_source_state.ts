import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  // Per configured source: where the last committed pull got to. The source itself lives in the sources file;
  // this row survives edits of that file as long as the source keeps its name.
  await knex.schema.createTable('source_state', (t) => {
    t.text('source_name').primary({ constraintName: 'source_state_pkey' });
    // Opaque value sent back as the `updated_since` parameter; advanced only after the import committed.
    t.text('watermark');
    t.timestamp('last_success_at', { useTz: true });
    t.timestamp('last_failure_at', { useTz: true });
    t.text('last_error');
    t.bigInteger('last_run_id');
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('source_state');
}
