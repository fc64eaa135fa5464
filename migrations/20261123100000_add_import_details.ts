import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  // The file's header row in its own order (jsonb `raw` loses key order) and how the file was read:
  // the rejected-rows CSV is written back with the user's own columns, in the user's order.
  await knex.schema.alterTable('import_ledger', (t) => {
    t.specificType('headers', 'text[]');
    t.text('format'); // csv | xlsx | json | ndjson
    t.text('encoding'); // utf-8 | utf-8-bom | gb18030 (CSV only)
  });
  // The validated record (staging column names, names unresolved) that a mapping re-applies set-based;
  // `raw` keeps the cells as read for the user.
  await knex.schema.alterTable('unmatched_row', (t) => {
    t.jsonb('record');
  });
  await knex.raw(
    'CREATE INDEX unmatched_row_pending_idx ON unmatched_row (kind, record_key) WHERE applied_at IS NULL',
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX IF EXISTS unmatched_row_pending_idx');
  await knex.schema.alterTable('unmatched_row', (t) => {
    t.dropColumn('record');
  });
  await knex.schema.alterTable('import_ledger', (t) => {
    t.dropColumn('encoding');
    t.dropColumn('format');
    t.dropColumn('headers');
  });
}
