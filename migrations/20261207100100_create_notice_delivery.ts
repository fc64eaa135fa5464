import type { Knex } from 'knex';

/**
 * One unit's copy of an issued notice: delivered (and re-sent), first read, signed for (签收: who and when). A unit
 * signs once; later signatures leave the first one standing.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('notice_delivery', (t) => {
    t.text('notice_id')
      .notNullable()
      .references('id')
      .inTable('notice')
      .onDelete('CASCADE')
      .withKeyName('notice_delivery_notice_id_fkey');
    t.integer('unit_id')
      .notNullable()
      .references('id')
      .inTable('unit')
      .withKeyName('notice_delivery_unit_id_fkey');
    t.timestamp('delivered_at', { useTz: true }).notNullable();
    t.integer('sends').notNullable().defaultTo(1);
    t.timestamp('read_at', { useTz: true });
    t.text('read_by');
    t.timestamp('signed_at', { useTz: true });
    t.text('signed_by');
    t.primary(['notice_id', 'unit_id'], { constraintName: 'notice_delivery_pkey' });
    t.index(['unit_id'], 'notice_delivery_unit_id_idx');
  });
  await knex.raw(
    `ALTER TABLE notice_delivery ADD CONSTRAINT notice_delivery_signed_chk CHECK ((signed_at IS NULL) = (signed_by IS NULL))`,
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('notice_delivery');
}
