/**
 * The audit trail (issue #3): logins and failures, user changes, imports, name mappings, source changes, every
 * export and report download. Append-only in the database (a trigger refuses UPDATE, DELETE and TRUNCATE).
 *
 * Other services call `audit.record(db, { actor, action, target, outcome, ip, detail })`, e.g. a CSV download:
 *   await audit.record(db, { actor, ip, action: 'export.download', target: '2024年败诉率.csv',
 *                            detail: { format: 'csv', from, to, unitIds } });
 *
 * The audit capability owns this folder; its rows are written by server/repositories/audit.repository.ts.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Knex } from '../../db/knex.ts';
import {
  insertAuditEvent,
  listAuditEvents,
  type AuditEventRow,
  type AuditFilter,
  type AuditOutcome,
} from '../../repositories/audit.repository.ts';
import type { Actor } from '../auth/access.ts';

export type { AuditOutcome, AuditEventRow };

/** Conventional action names; others are allowed (lower-case, dot-separated: `<area>.<verb>`). */
export type AuditAction =
  | 'auth.login'
  | 'auth.logout'
  | 'auth.password_change'
  | 'user.create'
  | 'user.disable'
  | 'user.enable'
  | 'user.reset_password'
  | 'user.update'
  | 'settings.update'
  | 'import.upload'
  | 'unit.map'
  | 'source.update'
  | 'export.download'
  | 'report.download'
  | 'access.denied'
  | (string & {});

export interface AuditEntry {
  /** Who: the signed-in actor, or null for the system / an anonymous caller (then give `username` if known). */
  actor: Pick<Actor, 'userId' | 'username' | 'role'> | null;
  /** For anonymous events such as a failed login: the name that was tried. */
  username?: string | null;
  action: AuditAction;
  /** What it acted on: a username, a file name, a download name. */
  target?: string | null;
  /** Default 'success'. */
  outcome?: AuditOutcome;
  /** From where: the client IP (req.ip), or 'cli' for the command line. */
  ip?: string | null;
  /** Anything else worth keeping (filters of an export, counts of an import). Never passwords or tokens. */
  detail?: Record<string, unknown>;
  /** When (default: the database's now(), a UTC instant). Injected in tests. */
  at?: Date;
}

/**
 * Per-request bookkeeping: the HTTP gate runs each request inside a scope and audits writes and downloads by
 * itself unless the handler already recorded an event (so a route that records a richer event is not doubled,
 * and one that records nothing is still covered).
 */
export const auditScope = new AsyncLocalStorage<{ recorded: number }>();

/** Appends one event. Awaited by callers: an export that cannot be audited must fail, not go unrecorded. */
export async function record(db: Knex, entry: AuditEntry): Promise<void> {
  const scope = auditScope.getStore();
  if (scope) scope.recorded++;
  await insertAuditEvent(db, {
    actor_user_id: entry.actor?.userId ?? null,
    actor_username: entry.actor?.username ?? entry.username ?? null,
    actor_role: entry.actor?.role ?? null,
    ip: entry.ip ?? null,
    action: entry.action,
    target: entry.target ?? null,
    outcome: entry.outcome ?? 'success',
    detail: entry.detail ?? {},
    ...(entry.at ? { at: entry.at } : {}),
  });
}

export interface AuditQuery extends Omit<AuditFilter, 'limit'> {
  limit?: number;
}

/** Events newest first, filtered; at most 500 per page (page on with `beforeId`). */
export async function list(db: Knex, query: AuditQuery = {}): Promise<AuditEventRow[]> {
  return listAuditEvents(db, { ...query, limit: Math.min(Math.max(query.limit ?? 100, 1), 500) });
}

export const audit = { record, list };
