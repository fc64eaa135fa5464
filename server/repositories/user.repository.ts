import type { Knex } from '../db/knex.ts';
import type { ClerkRecordKind, Role } from '../contracts/auth.ts';

export interface UserRow {
  id: number;
  username: string;
  display_name: string | null;
  role: Role;
  unit_id: number | null;
  unit_code: string | null;
  record_kind: ClerkRecordKind | null;
  password_hash: string;
  must_change_password: boolean;
  disabled_at: Date | null;
  last_login_at: Date | null;
  created_at: Date;
}

export interface NewUser {
  username: string;
  display_name: string | null;
  role: Role;
  unit_id: number | null;
  record_kind: ClerkRecordKind | null;
  password_hash: string;
  must_change_password: boolean;
}

const COLUMNS = [
  'u.id',
  'u.username',
  'u.display_name',
  'u.role',
  'u.unit_id',
  'unit.code as unit_code',
  'u.record_kind',
  'u.password_hash',
  'u.must_change_password',
  'u.disabled_at',
  'u.last_login_at',
  'u.created_at',
];

function users(db: Knex) {
  return db({ u: 'app_user' }).leftJoin('unit', 'unit.id', 'u.unit_id').select(COLUMNS);
}

export async function findUserByUsername(db: Knex, username: string): Promise<UserRow | undefined> {
  return users(db).where('u.username', username).first<UserRow | undefined>();
}

export async function findUserById(db: Knex, id: number): Promise<UserRow | undefined> {
  return users(db).where('u.id', id).first<UserRow | undefined>();
}

export async function listUsers(db: Knex): Promise<UserRow[]> {
  return users(db).orderBy('u.username');
}

export async function countUsers(db: Knex): Promise<number> {
  const row = await db('app_user').count<{ count: number }[]>('* as count').first();
  return row?.count ?? 0;
}

/** Inserts a user; undefined when the username is taken (the unique constraint decides, not a racy read). */
export async function insertUser(db: Knex, user: NewUser): Promise<number | undefined> {
  const rows = await db('app_user')
    .insert(user)
    .onConflict('username')
    .ignore()
    .returning<{ id: number }[]>('id');
  return rows[0]?.id;
}

export async function updateUser(
  db: Knex,
  id: number,
  patch: Partial<
    Pick<
      NewUser,
      'password_hash' | 'must_change_password' | 'role' | 'unit_id' | 'record_kind' | 'display_name'
    >
  > & { disabled_at?: Date | null; last_login_at?: Date; password_changed_at?: Date },
): Promise<boolean> {
  const n = await db('app_user')
    .where('id', id)
    .update({ ...patch, updated_at: db.fn.now() });
  return n > 0;
}

export async function findUnitIdByCode(db: Knex, code: string): Promise<number | undefined> {
  const row = await db('unit').where('code', code).first<{ id: number } | undefined>('id');
  return row?.id;
}

// Access settings (admin switches such as unit_users_see_county) live beside the accounts they govern.

export async function getAccessSettings(db: Knex): Promise<Record<string, unknown>> {
  const rows = await db('access_setting').select<{ key: string; value: unknown }[]>('key', 'value');
  return Object.fromEntries(rows.map((r) => [r.key, r.value]));
}

export async function setAccessSetting(db: Knex, key: string, value: unknown, by: string): Promise<void> {
  await db('access_setting')
    .insert({ key, value: JSON.stringify(value), updated_by: by })
    .onConflict('key')
    .merge({ value: JSON.stringify(value), updated_by: by, updated_at: db.fn.now() });
}
