/**
 * Account administration (issue #3): create, disable / enable, reset a password, list; the first admin; the
 * admin's access switches. Used by the admin API and the `user` CLI commands; every change is audited.
 * `by` is the acting admin, or null for the command line / first start (recorded as the system).
 */
import type { Knex } from '../../db/knex.ts';
import { checkPassword, generatePassword, hashPassword } from '../../domain/password.ts';
import { SESSION_IDLE_MINUTES } from '../../contracts/auth.ts';
import { deleteUserSessions, SESSION_IDLE_SETTING } from '../../repositories/session.repository.ts';
import {
  countUsers,
  findUnitIdByCode,
  findUserById,
  findUserByUsername,
  getAccessSettings,
  insertUser,
  listUsers as listUserRows,
  setAccessSetting,
  updateUser,
  type UserRow,
} from '../../repositories/user.repository.ts';
import { CLERK_RECORD_KINDS, ROLES, type Actor, type ClerkRecordKind, type Role } from './access.ts';
import { record } from '../audit/audit.service.ts';
import { normalizeUsername } from './auth.service.ts';

/** A refusal whose message may be shown; `status` and `code` are mapped by the HTTP layer, printed by the CLI. */
export class UserError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'UserError';
  }
}

/** What the API and CLI show of an account: never the hash. */
export interface PublicUser {
  id: number;
  username: string;
  displayName: string | null;
  role: Role;
  unitCode: string | null;
  recordKind: ClerkRecordKind | null;
  mustChangePassword: boolean;
  disabled: boolean;
  lastLoginAt: string | null;
  createdAt: string;
}

export function toPublicUser(u: UserRow): PublicUser {
  return {
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    role: u.role,
    unitCode: u.unit_code,
    recordKind: u.record_kind,
    mustChangePassword: u.must_change_password,
    disabled: u.disabled_at !== null,
    lastLoginAt: u.last_login_at ? new Date(u.last_login_at).toISOString() : null,
    createdAt: new Date(u.created_at).toISOString(),
  };
}

export interface Origin {
  by: Actor | null;
  ip: string | null;
}

export interface NewUserInput {
  username: string;
  role: Role;
  unitCode?: string | null;
  recordKind?: ClerkRecordKind | null;
  displayName?: string | null;
  /** Omitted: a random one-time password is generated and returned once (must be changed at first login). */
  password?: string | null;
}

export async function createUser(
  db: Knex,
  input: NewUserInput,
  origin: Origin,
): Promise<{ user: PublicUser; oneTimePassword: string | null }> {
  const username = normalizeUsername(input.username);
  if (!/^[a-z0-9_.@-]{2,64}$/.test(username)) {
    throw new UserError(
      400,
      'invalid_username',
      '用户名只能包含小写字母、数字和 _ . @ -（2–64 个字符） / usernames use a–z, 0–9 and _ . @ - (2–64 characters)',
    );
  }
  if (!ROLES.includes(input.role))
    throw new UserError(400, 'invalid_role', `unknown role: ${String(input.role)}`);
  let unitId: number | null = null;
  if (input.role === 'unit') {
    if (!input.unitCode)
      throw new UserError(400, 'unit_required', '单位用户必须指定单位 / a unit user needs --unit');
    unitId = (await findUnitIdByCode(db, input.unitCode)) ?? null;
    if (unitId === null)
      throw new UserError(400, 'unknown_unit', `没有这个单位 / no unit with code ${input.unitCode}`);
  } else if (input.unitCode) {
    throw new UserError(
      400,
      'unit_not_allowed',
      '只有单位用户属于某个单位 / only unit users belong to a unit',
    );
  }
  const recordKind = input.role === 'clerk' ? (input.recordKind ?? null) : null;
  if (input.role === 'clerk' && (!recordKind || !CLERK_RECORD_KINDS.includes(recordKind))) {
    throw new UserError(
      400,
      'record_kind_required',
      `录入员必须指定数据类型 / a clerk needs a record kind: ${CLERK_RECORD_KINDS.join(', ')}`,
    );
  }
  const generated = input.password ? null : generatePassword();
  const password = input.password ?? generated!;
  const problem = checkPassword(password, username);
  if (problem) throw new UserError(400, `weak_password_${problem.code}`, problem.message);

  const id = await insertUser(db, {
    username,
    display_name: input.displayName ?? null,
    role: input.role,
    unit_id: unitId,
    record_kind: recordKind,
    password_hash: await hashPassword(password),
    // A password someone else chose (generated or typed by an admin) is for one sign-in only.
    must_change_password: generated !== null || origin.by !== null,
  });
  if (id === undefined)
    throw new UserError(409, 'username_taken', `用户名已存在 / ${username} already exists`);
  await record(db, {
    actor: origin.by,
    ip: origin.ip,
    action: 'user.create',
    target: username,
    detail: { role: input.role, unitCode: input.unitCode ?? null, recordKind },
  });
  return { user: toPublicUser((await findUserById(db, id))!), oneTimePassword: generated };
}

async function requireUser(db: Knex, username: string): Promise<UserRow> {
  const user = await findUserByUsername(db, normalizeUsername(username));
  if (!user) throw new UserError(404, 'unknown_user', `没有这个用户 / no user ${username}`);
  return user;
}

/** Disables an account and ends all its sessions at once (the next request of any of them gets 401). */
export async function disableUser(db: Knex, username: string, origin: Origin): Promise<PublicUser> {
  const user = await requireUser(db, username);
  if (origin.by?.userId === user.id) {
    throw new UserError(
      400,
      'cannot_disable_self',
      '不能停用自己的账号 / you cannot disable your own account',
    );
  }
  const ended = await db.transaction(async (trx) => {
    await updateUser(trx, user.id, { disabled_at: user.disabled_at ?? new Date() });
    return deleteUserSessions(trx, user.id);
  });
  await record(db, {
    actor: origin.by,
    ip: origin.ip,
    action: 'user.disable',
    target: user.username,
    detail: { sessionsEnded: ended },
  });
  return toPublicUser((await findUserById(db, user.id))!);
}

export async function enableUser(db: Knex, username: string, origin: Origin): Promise<PublicUser> {
  const user = await requireUser(db, username);
  await updateUser(db, user.id, { disabled_at: null });
  await record(db, { actor: origin.by, ip: origin.ip, action: 'user.enable', target: user.username });
  return toPublicUser((await findUserById(db, user.id))!);
}

/**
 * Replaces the password by a random one-time password (returned once, never stored in clear), ends the user's
 * sessions, and forces a change at the next sign-in.
 */
export async function resetPassword(
  db: Knex,
  username: string,
  origin: Origin,
): Promise<{ user: PublicUser; oneTimePassword: string }> {
  const user = await requireUser(db, username);
  const oneTimePassword = generatePassword();
  const hash = await hashPassword(oneTimePassword);
  await db.transaction(async (trx) => {
    await updateUser(trx, user.id, {
      password_hash: hash,
      must_change_password: true,
      password_changed_at: new Date(),
    });
    await deleteUserSessions(trx, user.id);
  });
  await record(db, { actor: origin.by, ip: origin.ip, action: 'user.reset_password', target: user.username });
  return { user: toPublicUser((await findUserById(db, user.id))!), oneTimePassword };
}

export async function listUsers(db: Knex): Promise<PublicUser[]> {
  return (await listUserRows(db)).map(toPublicUser);
}

/**
 * On first start (no account at all): creates the first admin from ADMIN_USERNAME / ADMIN_PASSWORD, or, without
 * them, as `admin` with a random password that `announce` shows once. Does nothing once any account exists.
 * There is no default password anywhere.
 */
export async function ensureFirstAdmin(
  db: Knex,
  env: { ADMIN_USERNAME?: string; ADMIN_PASSWORD?: string },
  announce: (message: string) => void,
): Promise<PublicUser | null> {
  if ((await countUsers(db)) > 0) return null;
  const username = env.ADMIN_USERNAME?.trim() || 'admin';
  const given = env.ADMIN_PASSWORD || null;
  // An operator-chosen password is theirs: no forced change. A generated one is shown once and must be changed.
  const { user, oneTimePassword } = await createUser(
    db,
    { username, role: 'admin', password: given, displayName: '管理员' },
    { by: null, ip: 'startup' },
  );
  if (oneTimePassword) {
    announce(
      `首个管理员 / first admin: ${user.username}  一次性密码 / one-time password: ${oneTimePassword}\n` +
        '  (shown only this once; change it at first sign-in, or set ADMIN_USERNAME / ADMIN_PASSWORD next time)',
    );
  } else {
    announce(`首个管理员 / first admin: ${user.username} (password from ADMIN_PASSWORD)`);
  }
  return user;
}

export interface AccessSettings {
  /** Unit users see county totals and rankings (default false). */
  unitUsersSeeCounty: boolean;
  /**
   * A session unused this many minutes ends (default 30, SESSION_IDLE_MINUTES): kept short for shared office
   * PCs, longer where presenters leave a deck on screen. The web warns two minutes before and lets the user go on.
   */
  sessionIdleMinutes: number;
}

/** `defaultIdleMs`: the deployment's idle timeout, in force while no admin has set one. */
export async function getSettings(
  db: Knex,
  defaultIdleMs = SESSION_IDLE_MINUTES.default * 60_000,
): Promise<AccessSettings> {
  const s = await getAccessSettings(db);
  const idle = s[SESSION_IDLE_SETTING];
  return {
    unitUsersSeeCounty: s.unit_users_see_county === true,
    sessionIdleMinutes: typeof idle === 'number' ? idle : Math.round(defaultIdleMs / 60_000),
  };
}

export async function updateSettings(
  db: Knex,
  patch: Partial<AccessSettings>,
  origin: Origin,
  defaultIdleMs?: number,
) {
  const by = origin.by?.username ?? 'cli';
  const m = patch.sessionIdleMinutes;
  const { min, max } = SESSION_IDLE_MINUTES;
  // The route validates too; this guards every other caller and keeps a bad value out of the session query.
  // Checked before anything is written, so a refused patch changes nothing.
  if (m !== undefined && (!Number.isInteger(m) || m < min || m > max)) {
    throw new UserError(
      400,
      'invalid_setting',
      `闲置超时须为 ${min}–${max} 分钟的整数 / sessionIdleMinutes must be a whole number of minutes from ${min} to ${max}`,
    );
  }
  if (patch.unitUsersSeeCounty !== undefined) {
    await setAccessSetting(db, 'unit_users_see_county', patch.unitUsersSeeCounty, by);
  }
  if (m !== undefined) await setAccessSetting(db, SESSION_IDLE_SETTING, m, by);
  await record(db, { actor: origin.by, ip: origin.ip, action: 'settings.update', detail: { ...patch } });
  return getSettings(db, defaultIdleMs);
}
