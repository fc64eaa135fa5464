import type { Knex } from 'knex';
import { addCodeListCheck } from '../server/db/migration-helpers.ts';

const KINDS = ['units', 'litigation', 'reconsideration', 'prelitigation'];
const STATUSES = ['running', 'committed', 'failed', 'refused', 'duplicate'];

export async function up(knex: Knex): Promise<void> {
  // One row per import attempt, whatever its outcome: the audit of every file that reached the system.
  await knex.schema.createTable('import_ledger', (t) => {
    t.bigIncrements('id').primary({ constraintName: 'import_ledger_pkey' });
    t.text('kind').notNullable();
    t.text('file_name').notNullable();
    t.text('file_hash').notNullable(); // sha256 of the file's bytes
    t.bigInteger('file_size');
    t.text('source').notNullable().defaultTo('cli'); // cli | upload | job:<name> | demo
    t.text('created_by');
    t.text('status').notNullable().defaultTo('running');
    t.integer('rows_total').notNullable().defaultTo(0);
    t.integer('inserted').notNullable().defaultTo(0);
    t.integer('updated').notNullable().defaultTo(0);
    t.integer('unchanged').notNullable().defaultTo(0);
    t.integer('rejected').notNullable().defaultTo(0);
    t.integer('unmatched').notNullable().defaultTo(0);
    t.jsonb('warnings').notNullable().defaultTo('[]');
    t.text('error');
    t.timestamp('started_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('finished_at', { useTz: true });
    t.integer('duration_ms');
    t.index(['file_hash'], 'import_ledger_file_hash_idx');
    t.index(['started_at'], 'import_ledger_started_at_idx');
  });
  await addCodeListCheck(knex, 'import_ledger', 'kind', KINDS);
  await addCodeListCheck(knex, 'import_ledger', 'status', STATUSES);

  // A row refused by validation, kept verbatim so it can be fixed and re-imported.
  await knex.schema.createTable('rejected_row', (t) => {
    t.bigIncrements('id').primary({ constraintName: 'rejected_row_pkey' });
    t.bigInteger('import_id')
      .notNullable()
      .references('id')
      .inTable('import_ledger')
      .onDelete('CASCADE')
      .withKeyName('rejected_row_import_id_fkey');
    t.integer('row_number').notNullable(); // 1-based line in the file, header = 1
    t.jsonb('raw').notNullable(); // { header: cell } as read
    t.text('column_name');
    t.text('reason').notNullable(); // Chinese
    t.text('reason_en').notNullable();
    t.index(['import_id', 'row_number'], 'rejected_row_import_id_row_number_idx');
  });

  // A valid row whose unit name(s) matched no unit: it waits here until someone maps the name.
  await knex.schema.createTable('unmatched_row', (t) => {
    t.bigIncrements('id').primary({ constraintName: 'unmatched_row_pkey' });
    t.bigInteger('import_id')
      .notNullable()
      .references('id')
      .inTable('import_ledger')
      .onDelete('CASCADE')
      .withKeyName('unmatched_row_import_id_fkey');
    t.text('kind').notNullable();
    t.integer('row_number').notNullable();
    t.text('record_key').notNullable(); // case number / dispute number
    t.jsonb('raw').notNullable();
    t.specificType('names', 'text[]').notNullable(); // the unit names that did not match
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('applied_at', { useTz: true });
    t.index(['kind', 'record_key'], 'unmatched_row_kind_record_key_idx');
  });
  await knex.raw(
    'CREATE INDEX unmatched_row_names_idx ON unmatched_row USING gin (names) WHERE applied_at IS NULL',
  );
  await addCodeListCheck(
    knex,
    'unmatched_row',
    'kind',
    KINDS.filter((k) => k !== 'units'),
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('unmatched_row');
  await knex.schema.dropTable('rejected_row');
  await knex.schema.dropTable('import_ledger');
}
