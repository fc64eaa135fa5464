import type { Knex } from 'knex';

/*
 * Files a unit attaches to a dispute (a judgment, a hearing record): PDF, JPEG or PNG, at most 10 MB, the type
 * taken from the content's magic bytes. Kept in PostgreSQL (bytea), not under DATA_DIR: the servers are stateless
 * and several may share one database (DESIGN.md §7), and the one backup of the database (pg_dump) then holds the
 * evidence together with the decision it supports. Disputes are few (tens a year per county) and files small, so
 * the table stays small; sha256 names the content (the same file attached twice to a dispute is kept once).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('dispute_attachment', (t) => {
    t.bigIncrements('id').primary({ constraintName: 'dispute_attachment_pkey' });
    t.bigInteger('dispute_id')
      .notNullable()
      .references('id')
      .inTable('dispute')
      .onDelete('CASCADE')
      .withKeyName('dispute_attachment_dispute_id_fkey');
    t.text('file_name').notNullable();
    t.text('content_type').notNullable();
    t.integer('size').notNullable();
    t.text('sha256').notNullable();
    t.binary('content').notNullable();
    t.text('created_by').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['dispute_id', 'sha256'], { indexName: 'dispute_attachment_dispute_id_sha256_uq' });
  });
  await knex.raw(`
    ALTER TABLE dispute_attachment
      ADD CONSTRAINT dispute_attachment_content_type_chk
        CHECK (content_type IN ('application/pdf', 'image/jpeg', 'image/png')),
      ADD CONSTRAINT dispute_attachment_size_chk CHECK (size > 0 AND size <= 10485760 AND size = octet_length(content))`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('dispute_attachment');
}
