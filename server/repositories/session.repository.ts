import type { Knex } from '../db/knex.ts';
import type { ClerkRecordKind, Role } from '../contracts/auth.ts';

export interface NewSession {
  /** sha256 (hex) of the cookie token. */
  id: string;
  user_id: number;
  csrf_token: string;
  created_at: Date;
  last_seen_at: Date;
  expires_at: Date;
  ip: string | null;
  user_agent: string | null;
}

/** A live session with what the request needs to know about its user. */
export interface SessionWithUser {
  id: string;
  csrf_token: string;
  last_seen_at: Date;
  user_id: number;
  username: string;
  role: Role;
  unit_id: number | null;
  unit_code: string | null;
  record_kind: ClerkRecordKind | null;
  must_change_password: boolean;
  unit_users_see_county: boolean;
}

export async function insertSession(db: Knex, session: NewSession): Promise<void> {
  await db('user_session').insert(session);
}

/**
 * The session `id` if it is alive at `now`: not past its absolute expiry, seen within `idleMs`, and its user not
 * disabled. One round trip per request (session, user, unit code and the county switch together).
 */
export async function findLiveSession(
  db: Knex,
  id: string,
  now: Date,
  idleMs: number,
): Promise<SessionWithUser | undefined> {
  const idleSince = new Date(now.getTime() - idleMs);
  return db({ s: 'user_session' })
    .join({ u: 'app_user' }, 'u.id', 's.user_id')
    .leftJoin('unit', 'unit.id', 'u.unit_id')
    .where('s.id', id)
    .where('s.expires_at', '>', now)
    .where('s.last_seen_at', '>', idleSince)
    .whereNull('u.disabled_at')
    .first<SessionWithUser | undefined>(
      's.id',
      's.csrf_token',
      's.last_seen_at',
      'u.id as user_id',
      'u.username',
      'u.role',
      'u.unit_id',
      'unit.code as unit_code',
      'u.record_kind',
      'u.must_change_password',
      db.raw(
        `COALESCE((SELECT (value #>> '{}')::boolean FROM access_setting WHERE key = 'unit_users_see_county'), false) AS unit_users_see_county`,
      ),
    );
}

export async function touchSession(db: Knex, id: string, now: Date): Promise<void> {
  await db('user_session').where('id', id).update({ last_seen_at: now });
}

export async function deleteSession(db: Knex, id: string): Promise<void> {
  await db('user_session').where('id', id).delete();
}

/** Ends every session of a user (disable, password reset, password change); returns how many. */
export async function deleteUserSessions(db: Knex, userId: number, exceptId?: string): Promise<number> {
  const q = db('user_session').where('user_id', userId);
  if (exceptId) q.whereNot('id', exceptId);
  return q.delete();
}

export async function deleteDeadSessions(db: Knex, now: Date, idleMs: number): Promise<number> {
  return db('user_session')
    .where('expires_at', '<=', now)
    .orWhere('last_seen_at', '<=', new Date(now.getTime() - idleMs))
    .delete();
}

// Login failures: the rate limiter's memory, shared by every server instance.

export async function countLoginFailures(
  db: Knex,
  since: Date,
  username: string,
  ip: string | null,
): Promise<{ account: number; ip: number }> {
  const row = await db('login_failure')
    .where('at', '>', since)
    .andWhere((q) => {
      q.where('username', username);
      if (ip) q.orWhere('ip', ip);
    })
    .first<{ account: number; ip: number }>(
      db.raw('count(*) FILTER (WHERE username = ?) AS account', [username]),
      db.raw('count(*) FILTER (WHERE ip = ?) AS ip', [ip]),
    );
  return row;
}

export async function insertLoginFailure(
  db: Knex,
  username: string,
  ip: string | null,
  at: Date,
): Promise<void> {
  await db('login_failure').insert({ username, ip, at });
}

/** After a successful login the account's count starts again (the IP's does not: it may be guessing others). */
export async function clearAccountFailures(db: Knex, username: string): Promise<void> {
  await db('login_failure').where('username', username).delete();
}

export async function pruneLoginFailures(db: Knex, before: Date): Promise<void> {
  await db('login_failure').where('at', '<', before).delete();
}
