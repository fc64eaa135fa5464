import type { Knex } from 'knex';
import { addCodeListCheck, timestamps } from '../server/db/migration-helpers.ts';

// Frozen copies of server/services/auth/access.ts at the time of this migration.
const ROLES = ['admin', 'analyst', 'clerk', 'unit', 'viewer'];
const RECORD_KINDS = ['litigation', 'reconsideration', 'prelitigation'];

export async function up(knex: Knex): Promise<void> {
  // Local accounts. Never deleted (the audit log names them); disabling ends their sessions.
  await knex.schema.createTable('app_user', (t) => {
    t.increments('id').primary({ constraintName: 'app_user_pkey' });
    t.text('username').notNullable().unique({ indexName: 'app_user_username_uq' });
    t.text('display_name');
    t.text('role').notNullable();
    t.integer('unit_id').references('id').inTable('unit').withKeyName('app_user_unit_id_fkey');
    t.text('record_kind');
    t.text('password_hash').notNullable(); // argon2id PHC string
    t.boolean('must_change_password').notNullable().defaultTo(false);
    t.timestamp('password_changed_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('disabled_at', { useTz: true });
    t.timestamp('last_login_at', { useTz: true });
    timestamps(knex, t);
  });
  await addCodeListCheck(knex, 'app_user', 'role', ROLES);
  await addCodeListCheck(knex, 'app_user', 'record_kind', RECORD_KINDS);
  // Usernames are compared as typed by people: lower-case, no spaces, so "Admin" and "admin" are one account.
  await knex.raw(
    `ALTER TABLE app_user ADD CONSTRAINT app_user_username_chk CHECK (username ~ '^[a-z0-9_.@-]{2,64}$')`,
  );
  // A unit user belongs to exactly one unit; a clerk to exactly one record kind; no one else to either.
  await knex.raw(
    `ALTER TABLE app_user ADD CONSTRAINT app_user_unit_id_chk CHECK ((role = 'unit') = (unit_id IS NOT NULL))`,
  );
  await knex.raw(
    `ALTER TABLE app_user ADD CONSTRAINT app_user_role_record_kind_chk CHECK ((role = 'clerk') = (record_kind IS NOT NULL))`,
  );

  // Server-side sessions (stateless app servers share them through PostgreSQL). The primary key is the
  // sha256 of the cookie's token, so a read of this table does not hand out live sessions.
  await knex.schema.createTable('user_session', (t) => {
    t.text('id').primary({ constraintName: 'user_session_pkey' });
    t.integer('user_id')
      .notNullable()
      .references('id')
      .inTable('app_user')
      .onDelete('CASCADE')
      .withKeyName('user_session_user_id_fkey');
    t.text('csrf_token').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('last_seen_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('expires_at', { useTz: true }).notNullable(); // absolute timeout
    t.text('ip');
    t.text('user_agent');
    t.index(['user_id'], 'user_session_user_id_idx');
    t.index(['expires_at'], 'user_session_expires_at_idx');
  });

  // Failed logins, counted over a sliding window per account and per IP (rate limits live here, not in
  // process memory, so every server instance sees the same counts).
  await knex.schema.createTable('login_failure', (t) => {
    t.bigIncrements('id').primary({ constraintName: 'login_failure_pkey' });
    t.text('username').notNullable();
    t.text('ip');
    t.timestamp('at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['username', 'at'], 'login_failure_username_at_idx');
    t.index(['ip', 'at'], 'login_failure_ip_at_idx');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('login_failure');
  await knex.schema.dropTable('user_session');
  await knex.schema.dropTable('app_user');
}
