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
  touchSession,
} from '../../repositories/session.repository.ts';
import {
  findUserById,
  findUserByUsername,
  getAccessSettings,
  updateUser,
} from '../../repositories/user.repository.ts';
import type { Actor } from './access.ts';
import { record } from '../audit/audit.service.ts';

export interface AuthOptions {
  /** A session unused for this long ends (default 30 minutes). */
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
  idleMs: 30 * 60_000,
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
  const csrfToken = crypto.randomBytes(32).toString('base64url');
  await insertSession(db, {
    id: hashToken(token),
    user_id: user.id,
    csrf_token: csrfToken,
    created_at: now,
    last_seen_at: now,
    expires_at: new Date(now.getTime() + options.absoluteMs),
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
  return { token, csrfToken, actor, mustChangePassword: user.must_change_password };
}

export interface ResolvedSession {
  sessionId: string;
  actor: Actor;
  csrfToken: string;
  mustChangePassword: boolean;
}

/** The session behind a cookie token, or null when unknown, expired, idle too long, or its user disabled. */
export async function resolveSession(
  { db, options }: AuthDeps,
  token: string,
): Promise<ResolvedSession | null> {
  const now = options.now();
  const s = await findLiveSession(db, hashToken(token), now, options.idleMs);
  if (!s) return null;
  // One write a minute at most per session: enough precision for a 30-minute idle timeout.
  if (now.getTime() - new Date(s.last_seen_at).getTime() > 60_000) await touchSession(db, s.id, now);
  return {
    sessionId: s.id,
    csrfToken: s.csrf_token,
    mustChangePassword: s.must_change_password,
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
