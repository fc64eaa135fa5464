/**
 * Sign-in, sessions and rate limits (issue #3). Sessions live in PostgreSQL so any server instance can serve any
 * request; the cookie carries a random token and the database keeps only its sha256.
 *
 * The auth capability owns this folder: this file (sign-in, sessions), user.service.ts (accounts) and access.ts
 * (roles and what each may do, pure: the web imports it). Its shapes are server/contracts/auth.ts.
 */
import crypto from 'node:crypto';
import type { Knex } from '../../db/knex.ts';
import { takeLoginLock } from '../../db/locks.ts';
import { checkPassword, hashPassword, verifyPassword } from '../../domain/password.ts';
import {
  clearAccountFailures,
  countLoginFailures,
  deleteDeadSessions,
  deleteSession,
  deleteUserSessions,
  findLiveSession,
  insertLoginFailure,
  insertSession,
  pruneLoginFailures,
  sessionIdleMs,
  touchSession,
} from '../../repositories/session.repository.ts';
import {
  findUserById,
  findUserByUsername,
  getAccessSettings,
  updateUser,
} from '../../repositories/user.repository.ts';
import { SESSION_IDLE_MINUTES, type SessionExpiry } from '../../contracts/auth.ts';
import type { Actor } from './access.ts';
import { record } from '../audit/audit.service.ts';

export interface AuthOptions {
  /**
   * A session unused for this long ends, unless an admin has set `sessionIdleMinutes` (then that applies, on every
   * instance at once: it is read with the session). Default 30 minutes.
   */
  idleMs: number;
  /** A session ends this long after sign-in, however busy (default 12 hours: one working day). */
  absoluteMs: number;
  /** Failed logins counted over this sliding window (default 15 minutes). */
  windowMs: number;
  /** Failures per account within the window before further attempts are refused (default 5). */
  accountLimit: number;
  /** Failures per client IP within the window (default 30: an office behind one NAT shares an address). */
  ipLimit: number;
  now: () => Date;
}

export const DEFAULT_AUTH_OPTIONS: AuthOptions = {
  idleMs: SESSION_IDLE_MINUTES.default * 60_000,
  absoluteMs: 12 * 3_600_000,
  windowMs: 15 * 60_000,
  accountLimit: 5,
  ipLimit: 30,
  now: () => new Date(),
};

export interface AuthDeps {
  db: Knex;
  options: AuthOptions;
}

/** A refusal with a status and a stable code; the HTTP layer maps it as is. */
export class AuthError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'AuthError';
  }
}

/** The same words whether the account is unknown, disabled or the password wrong: no account enumeration. */
const LOGIN_FAILED = '用户名或密码错误 / wrong username or password';

export interface LoginInput {
  username: string;
  password: string;
  ip: string | null;
  userAgent: string | null;
  /** The token of a session the client already had: ended, so an attacker-planted id never gets promoted. */
  previousToken?: string | null;
}

export interface LoginResult {
  token: string;
  csrfToken: string;
  actor: Actor;
  mustChangePassword: boolean;
  expiry: SessionExpiry;
}

// Verified when the username does not exist, so an unknown name takes as long as a wrong password.
let dummyHash: Promise<string> | undefined;

export function normalizeUsername(username: string): string {
  return username.trim().toLowerCase();
}

export function hashToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}

/**
 * Checks the password, applies the rate limits, and opens a fresh session. Every outcome is audited.
 * Attempts on one account are serialised by a transaction-scoped advisory lock, so a burst of parallel guesses
 * cannot all slip under the limit before the first failure is counted (whichever server instance they reach).
 */
export async function login({ db, options }: AuthDeps, input: LoginInput): Promise<LoginResult> {
  const username = normalizeUsername(input.username);
  // Refusals are returned, not thrown, so the failure count and the audit event commit with the transaction.
  const outcome = await db.transaction(async (trx) => {
    await takeLoginLock(trx, username);
    return attemptLogin({ db: trx, options }, input, username);
  });
  if (outcome instanceof AuthError) throw outcome;
  return outcome;
}

async function attemptLogin(
  { db, options }: AuthDeps,
  input: LoginInput,
  username: string,
): Promise<LoginResult | AuthError> {
  const now = options.now();
  const since = new Date(now.getTime() - options.windowMs);
  const failures = await countLoginFailures(db, since, username, input.ip);
  if (failures.account >= options.accountLimit || failures.ip >= options.ipLimit) {
    await record(db, {
      actor: null,
      username,
      ip: input.ip,
      action: 'auth.login',
      outcome: 'denied',
      detail: {
        reason: failures.account >= options.accountLimit ? 'account_rate_limited' : 'ip_rate_limited',
      },
      at: now,
    });
    // Refused before the password is even checked: guessing gains nothing while the limit holds.
    return new AuthError(
      429,
      'too_many_attempts',
      '登录失败次数过多，请稍后再试 / too many failed sign-ins: try again later',
      Math.ceil(options.windowMs / 1000),
    );
  }

  const user = await findUserByUsername(db, username);
  dummyHash ??= hashPassword(crypto.randomBytes(16).toString('hex'));
  const ok = await verifyPassword(user?.password_hash ?? (await dummyHash), input.password);
  if (!user || !ok || user.disabled_at) {
    await insertLoginFailure(db, username, input.ip, now);
    await record(db, {
      actor: null,
      username,
      ip: input.ip,
      action: 'auth.login',
      outcome: 'failure',
      detail: { reason: !user ? 'unknown_user' : !ok ? 'wrong_password' : 'disabled' },
      at: now,
    });
    return new AuthError(401, 'login_failed', LOGIN_FAILED);
  }

  if (input.previousToken) await deleteSession(db, hashToken(input.previousToken));
  const token = crypto.randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + options.absoluteMs);
  const csrfToken = crypto.randomBytes(32).toString('base64url');
  await insertSession(db, {
    id: hashToken(token),
    user_id: user.id,
    csrf_token: csrfToken,
    created_at: now,
    last_seen_at: now,
    expires_at: expiresAt,
    ip: input.ip,
    user_agent: input.userAgent?.slice(0, 300) ?? null,
  });
  await clearAccountFailures(db, username);
  await updateUser(db, user.id, { last_login_at: now });
  // Housekeeping on the rare path that writes anyway; no job needed for a table this small.
  await pruneLoginFailures(db, new Date(now.getTime() - 24 * 3_600_000));
  await deleteDeadSessions(db, now, options.idleMs);
  const actor: Actor = {
    userId: user.id,
    username: user.username,
    role: user.role,
    unitId: user.unit_id,
    unitCode: user.unit_code,
    recordKind: user.record_kind,
    countyVisible: user.role !== 'unit' || (await getAccessSettings(db)).unit_users_see_county === true,
  };
  await record(db, { actor, ip: input.ip, action: 'auth.login', at: now });
  const idleMs = await sessionIdleMs(db, options.idleMs);
  return {
    token,
    csrfToken,
    actor,
    mustChangePassword: user.must_change_password,
    expiry: sessionExpiry({ last_seen_at: now, expires_at: expiresAt, idle_ms: idleMs }, now),
  };
}

/**
 * When a session ends if it is not used again: its last use plus the idle timeout, or its absolute end if that
 * comes first (then extending cannot help, and the web says so instead of offering to).
 */
export function sessionExpiry(
  s: { last_seen_at: Date; expires_at: Date; idle_ms: number },
  now: Date,
): SessionExpiry {
  const idleEnd = new Date(s.last_seen_at).getTime() + s.idle_ms;
  const limit = new Date(s.expires_at).getTime();
  return {
    expiresAt: new Date(Math.min(idleEnd, limit)),
    expiresBecause: idleEnd < limit ? 'idle' : 'limit',
    idleMinutes: Math.round(s.idle_ms / 60_000),
    now,
  };
}

export interface ResolvedSession {
  sessionId: string;
  actor: Actor;
  csrfToken: string;
  mustChangePassword: boolean;
  expiry: SessionExpiry;
}

/** Last-use writes are spaced this far apart: enough precision for an idle timeout of minutes. */
const TOUCH_EVERY_MS = 60_000;

/**
 * The session behind a cookie token, or null when unknown, expired, idle too long, or its user disabled. The
 * request counts as use (the idle timeout starts again) unless it is `passive` — a page's own timer, such as the
 * expiry banner's check, which must not keep an unattended screen signed in. To keep a busy server from writing on
 * every request, the last use is written at most once a minute per session; the expiry reported is the stored one,
 * so it errs by at most that minute on the early side.
 */
export async function resolveSession(
  { db, options }: AuthDeps,
  token: string,
  { passive = false }: { passive?: boolean } = {},
): Promise<ResolvedSession | null> {
  const now = options.now();
  let s = await findLiveSession(db, hashToken(token), now, options.idleMs);
  if (!s) return null;
  if (!passive && now.getTime() - new Date(s.last_seen_at).getTime() > TOUCH_EVERY_MS) {
    s = { ...s, ...(await touchSession(db, s.id, now, options.idleMs)) };
  }
  return {
    sessionId: s.id,
    csrfToken: s.csrf_token,
    mustChangePassword: s.must_change_password,
    expiry: sessionExpiry(s, now),
    actor: {
      userId: s.user_id,
      username: s.username,
      role: s.role,
      unitId: s.unit_id,
      unitCode: s.unit_code,
      recordKind: s.record_kind,
      countyVisible: s.role !== 'unit' || s.unit_users_see_county,
    },
  };
}

/**
 * 「继续使用」: the session counts as used now, whatever the once-a-minute spacing, and answers its new expiry. The
 * request itself already proved the session alive (the API gate), so this is only the write.
 */
export async function extendSession(
  { db, options }: AuthDeps,
  { sessionId, actor, ip }: { sessionId: string; actor: Actor; ip: string | null },
): Promise<SessionExpiry> {
  const now = options.now();
  const s = await touchSession(db, sessionId, now, options.idleMs);
  if (!s) throw new AuthError(401, 'unauthenticated', '请先登录 / please sign in');
  const expiry = sessionExpiry(s, now);
  await record(db, { actor, ip, action: 'auth.extend', at: now, detail: { expiresAt: expiry.expiresAt } });
  return expiry;
}

export async function logout({ db, options }: AuthDeps, token: string, actor: Actor, ip: string | null) {
  await deleteSession(db, hashToken(token));
  await record(db, { actor, ip, action: 'auth.logout', at: options.now() });
}

/**
 * Changes the actor's own password (required after an admin reset). Needs the current password; ends the
 * user's other sessions, keeps this one.
 */
export async function changePassword(
  { db, options }: AuthDeps,
  actor: Actor,
  input: { currentPassword: string; newPassword: string; sessionId: string; ip: string | null },
): Promise<void> {
  const user = await findUserById(db, actor.userId);
  if (!user || !(await verifyPassword(user.password_hash, input.currentPassword))) {
    await record(db, { actor, ip: input.ip, action: 'auth.password_change', outcome: 'failure' });
    throw new AuthError(400, 'wrong_password', '当前密码不正确 / the current password is wrong');
  }
  const problem = checkPassword(input.newPassword, user.username);
  if (problem) throw new AuthError(400, `weak_password_${problem.code}`, problem.message);
  if (input.newPassword === input.currentPassword) {
    throw new AuthError(400, 'same_password', '新密码不能与当前密码相同 / the new password must differ');
  }
  const now = options.now();
  await db.transaction(async (trx) => {
    await updateUser(trx, user.id, {
      password_hash: await hashPassword(input.newPassword),
      must_change_password: false,
      password_changed_at: now,
    });
    await deleteUserSessions(trx, user.id, input.sessionId);
  });
  await record(db, { actor, ip: input.ip, action: 'auth.password_change', at: now });
}
