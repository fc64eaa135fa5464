import type { Knex } from 'knex';
import { addCodeListCheck } from '../server/db/migration-helpers.ts';

/*
 * A unit's dispute of one field of a record charged to it (DESIGN.md §9): pending until the bureau accepts,
 * rejects (reason required) or the unit withdraws it. `value` is the proposed value in its canonical text form
 * (server/services/disputes/dispute-values.ts): a code-list value, 'true'/'false', a unit code, or for
 * `defendants` the charged unit codes sorted and joined by ','. Frozen copy of §9's fields as of this migration.
 */
const FIELDS: Record<string, string[]> = {
  litigation: [
    'defendants',
    'closing',
    'judgment',
    'hearing_held',
    'head_appeared',
    'head_spoke',
    'reconsideration_codefendant',
  ],
  reconsideration: ['respondent', 'decision'],
  prelitigation: ['unit', 'result'],
};

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('dispute', (t) => {
    t.bigIncrements('id').primary({ constraintName: 'dispute_pkey' });
    t.text('state').notNullable().defaultTo('pending');
    t.text('family').notNullable();
    t.text('record_no').notNullable(); // 案号 / 复议案号 / 登记号
    t.text('field').notNullable();
    t.text('value').notNullable();
    t.text('reason').notNullable();
    // The unit charged with the record that disputes it: whose users see the dispute.
    t.integer('unit_id').notNullable().references('id').inTable('unit').withKeyName('dispute_unit_id_fkey');
    t.text('created_by').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.text('decision_note'); // the accept note, or the reject reason (required then)
    t.text('decided_by');
    t.timestamp('decided_at', { useTz: true });
    t.index(['state', 'created_at'], 'dispute_state_created_at_idx');
    t.index(['unit_id', 'state'], 'dispute_unit_id_state_idx');
    t.index(['family', 'record_no'], 'dispute_family_record_no_idx');
  });
  await addCodeListCheck(knex, 'dispute', 'state', ['pending', 'accepted', 'rejected', 'withdrawn']);
  await addCodeListCheck(knex, 'dispute', 'family', Object.keys(FIELDS));
  const pairs = Object.entries(FIELDS)
    .flatMap(([family, fields]) => fields.map((f) => `('${family}', '${f}')`))
    .join(', ');
  await knex.raw(`
    ALTER TABLE dispute
      ADD CONSTRAINT dispute_field_chk CHECK ((family, field) IN (${pairs})),
      ADD CONSTRAINT dispute_reason_chk CHECK (btrim(reason) <> ''),
      ADD CONSTRAINT dispute_decided_chk CHECK ((state = 'pending') = (decided_at IS NULL)),
      ADD CONSTRAINT dispute_rejected_chk CHECK (state <> 'rejected' OR btrim(coalesce(decision_note, '')) <> '')`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('dispute');
}
