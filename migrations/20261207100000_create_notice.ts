import type { Knex } from 'knex';

/**
 * Issued notices (通报, DESIGN.md §8): the complete model frozen as JSON, so a notice regenerates the same document
 * a year later. The 文号 (e.g. 示例府院办〔2025〕3号) is the prefix in force at issue, the year of issue and a running
 * number per year; the unique key makes two notices issued at once take different numbers.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('notice', (t) => {
    t.text('id').primary({ constraintName: 'notice_pkey' });
    t.text('title').notNullable();
    t.text('doc_prefix').notNullable();
    t.integer('doc_year').notNullable();
    t.integer('doc_seq').notNullable();
    t.text('doc_number').notNullable();
    t.date('period_from').notNullable();
    t.date('period_to').notNullable();
    t.text('period_preset').notNullable();
    t.jsonb('model').notNullable();
    t.timestamp('data_as_of', { useTz: true });
    t.text('issued_by').notNullable();
    t.timestamp('issued_at', { useTz: true }).notNullable();
    t.unique(['doc_year', 'doc_seq'], { indexName: 'notice_doc_year_doc_seq_uq' });
    t.index(['issued_at'], 'notice_issued_at_idx');
  });
  await knex.raw(`ALTER TABLE notice ADD CONSTRAINT notice_doc_seq_chk CHECK (doc_seq > 0)`);
  await knex.raw(`ALTER TABLE notice ADD CONSTRAINT notice_period_chk CHECK (period_from <= period_to)`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('notice');
}
