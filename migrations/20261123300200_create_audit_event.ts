import type { Knex } from 'knex';
import { addCodeListCheck } from '../server/db/migration-helpers.ts';

const OUTCOMES = ['success', 'failure', 'denied'];

export async function up(knex: Knex): Promise<void> {
  // Append-only: who, what, when (UTC instant), from where, outcome. The actor is a snapshot (id, name, role)
  // with no foreign key, so the row stays true to what happened whatever later becomes of the account.
  await knex.schema.createTable('audit_event', (t) => {
    t.bigIncrements('id').primary({ constraintName: 'audit_event_pkey' });
    t.timestamp('at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.integer('actor_user_id');
    t.text('actor_username');
    t.text('actor_role');
    t.text('ip');
    t.text('action').notNullable(); // e.g. auth.login, user.disable, export.download
    t.text('target'); // what it acted on: a username, a file name, a download name
    t.text('outcome').notNullable();
    t.jsonb('detail').notNullable().defaultTo('{}');
    t.index(['at'], 'audit_event_at_idx');
    t.index(['action', 'at'], 'audit_event_action_at_idx');
    t.index(['actor_username', 'at'], 'audit_event_actor_username_at_idx');
  });
  await addCodeListCheck(knex, 'audit_event', 'outcome', OUTCOMES);
  // The proof of append-only: the database itself refuses to change or remove history, whatever the code does.
  await knex.raw(`
    CREATE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'audit_event is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
    END $$`);
  await knex.raw(`CREATE TRIGGER audit_event_append_only_trg BEFORE UPDATE OR DELETE ON audit_event
    FOR EACH ROW EXECUTE FUNCTION audit_event_append_only()`);
  await knex.raw(`CREATE TRIGGER audit_event_no_truncate_trg BEFORE TRUNCATE ON audit_event
    FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only()`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('audit_event');
  await knex.raw('DROP FUNCTION audit_event_append_only()');
}
