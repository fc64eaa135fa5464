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
  /** The absolute end (sign-in + the session lifetime). */
  expires_at: Date;
  /** The idle timeout in force: the admin's setting, else the deployment default. */
  idle_ms: number;
}

/** The access_setting key of the admin's idle timeout, in whole minutes (absent: the deployment default). */
export const SESSION_IDLE_SETTING = 'session_idle_minutes';

/**
 * The idle timeout in milliseconds as SQL: the admin's setting, else the default bound in its place. Read in the
 * same statement as the session, so a changed setting applies to the very next request on every instance.
 */
const IDLE_MS = `COALESCE((SELECT (value #>> '{}')::integer FROM access_setting WHERE key = '${SESSION_IDLE_SETTING}') * 60000, ?::integer)`;

export async function insertSession(db: Knex, session: NewSession): Promise<void> {
  await db('user_session').insert(session);
}

/**
 * The session `id` if it is alive at `now`: not past its absolute expiry, seen within the idle timeout (the
 * admin's setting, else `defaultIdleMs`), and its user not disabled. One round trip per request (session, user,
 * unit code, the county switch and the idle timeout together).
 */
export async function findLiveSession(
  db: Knex,
  id: string,
  now: Date,
  defaultIdleMs: number,
): Promise<SessionWithUser | undefined> {
  return db({ s: 'user_session' })
    .join({ u: 'app_user' }, 'u.id', 's.user_id')
    .leftJoin('unit', 'unit.id', 'u.unit_id')
    .where('s.id', id)
    .where('s.expires_at', '>', now)
    .whereRaw(`s.last_seen_at > ?::timestamptz - ${IDLE_MS} * interval '1 millisecond'`, [now, defaultIdleMs])
    .whereNull('u.disabled_at')
    .first<SessionWithUser | undefined>(
      's.id',
      's.csrf_token',
      's.last_seen_at',
      's.expires_at',
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
      db.raw(`${IDLE_MS} AS idle_ms`, [defaultIdleMs]),
    );
}

/** Marks the session as used at `now` (its idle timeout starts again); returns what its expiry depends on. */
export async function touchSession(
  db: Knex,
  id: string,
  now: Date,
  defaultIdleMs: number,
): Promise<Pick<SessionWithUser, 'last_seen_at' | 'expires_at' | 'idle_ms'> | undefined> {
  type Touched = Pick<SessionWithUser, 'last_seen_at' | 'expires_at' | 'idle_ms'>;
  const rows: Touched[] = await db('user_session')
    .where('id', id)
    .update({ last_seen_at: now })
    .returning(['last_seen_at', 'expires_at', db.raw(`${IDLE_MS} AS idle_ms`, [defaultIdleMs])]);
  return rows[0];
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

/** The idle timeout in force, in milliseconds (the admin's setting, else `defaultIdleMs`). */
export async function sessionIdleMs(db: Knex, defaultIdleMs: number): Promise<number> {
  const { rows } = await db.raw<{ rows: { idle_ms: number }[] }>(`SELECT ${IDLE_MS} AS idle_ms`, [
    defaultIdleMs,
  ]);
  return rows[0]!.idle_ms;
}

/** Deletes sessions past their absolute expiry or idle beyond the timeout in force. */
export async function deleteDeadSessions(db: Knex, now: Date, defaultIdleMs: number): Promise<number> {
  return db('user_session')
    .where('expires_at', '<=', now)
    .orWhereRaw(`last_seen_at <= ?::timestamptz - ${IDLE_MS} * interval '1 millisecond'`, [
      now,
      defaultIdleMs,
    ])
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
