/**
 * Who may do what (issue #3). The one place roles become permissions; routes declare an action in
 * server/http/auth.policy.ts and services call `assertCan` / `scopeUnitIds` again where data is read, so a
 * forgotten route check still cannot leak another unit's rows.
 *
 * Roles:
 * - admin   — users, sources, settings, and everything else;
 * - analyst — the judicial bureau: all units, all reads, every import, name mapping, reports;
 * - clerk   — court / reconsideration / resolution-centre staff: imports of their record kind, reads of all units;
 * - unit    — an agency or township: reads of its own unit only (county totals only if an admin enables it);
 * - viewer  — read-only, all units (e.g. a county leader).
 */
import { type ClerkRecordKind, type Role, ROLES } from '../../contracts/auth.ts';

export { CLERK_RECORD_KINDS, ROLES, type ClerkRecordKind, type Role } from '../../contracts/auth.ts';

/** The authenticated principal, on `res.locals.actor` for every /api request but the public ones. */
export interface Actor {
  userId: number;
  username: string;
  role: Role;
  /** The unit of a `unit` user; null for every other role. */
  unitId: number | null;
  /** Its code (e.g. `A01`), for services that filter by code. */
  unitCode: string | null;
  /** The record kind a clerk imports; null for other roles. */
  recordKind: ClerkRecordKind | null;
  /** Whether this actor may see county totals and rankings (always, except unit users unless enabled). */
  countyVisible: boolean;
}

export type Action =
  /** Read figures and records (scoped by unitScope for unit users). */
  | 'data:read'
  /** Download exports and reports (CSV, XLSX, Arrow, PPTX), scoped like data:read; always audited. */
  | 'data:export'
  /** County totals, rankings and other units' positions. */
  | 'county:read'
  /** Any import (the route level); the service then checks the kind with `import:<kind>`. */
  | 'import:any'
  | 'import:units'
  | 'import:litigation'
  | 'import:reconsideration'
  | 'import:prelitigation'
  /** The import ledger, rejected and unmatched rows. */
  | 'import:read'
  /** Map an unmatched name to a unit (adds an alias). */
  | 'unit:map'
  | 'users:manage'
  | 'settings:manage'
  | 'sources:manage'
  | 'jobs:run'
  | 'audit:read'
  /** Issue notices (通报), see every unit's delivery and sign-off, re-send. */
  | 'notice:issue'
  /** The year-end evaluation's scores (年度考核): the bureau and the leadership, never a unit. */
  | 'evaluation:read'
  /** Save a year's evaluation rules and freeze its scores. */
  | 'evaluation:edit'
  /** Dispute a record charged to one's unit (unit users), or on a unit's behalf (the bureau). */
  | 'dispute:file'
  /** Accept or reject disputes (the bureau). */
  | 'dispute:decide'
  /** Any signed-in user, whatever the role (own account, session). */
  | 'self';

const READ_ALL: readonly Role[] = ['admin', 'analyst', 'clerk', 'viewer'];

const GRANTS: Record<Exclude<Action, `import:${ClerkRecordKind}` | 'county:read'>, readonly Role[]> = {
  'data:read': ROLES,
  'data:export': ROLES,
  'import:any': ['admin', 'analyst', 'clerk'],
  'import:units': ['admin', 'analyst'],
  'import:read': ['admin', 'analyst', 'clerk'],
  'unit:map': ['admin', 'analyst'],
  'users:manage': ['admin'],
  'settings:manage': ['admin'],
  'sources:manage': ['admin'],
  'jobs:run': ['admin'],
  'audit:read': ['admin'],
  'notice:issue': ['admin', 'analyst'],
  'evaluation:read': ['admin', 'analyst', 'viewer'],
  'evaluation:edit': ['admin', 'analyst'],
  'dispute:file': ['admin', 'analyst', 'unit'],
  'dispute:decide': ['admin', 'analyst'],
  self: ROLES,
};

/** A refusal a service raises; the HTTP layer turns it into 403 `forbidden`. No Express types here. */
export class AccessDeniedError extends Error {
  readonly status = 403;
  constructor(message = '无权访问 / access denied') {
    super(message);
    this.name = 'AccessDeniedError';
  }
}

/** Whether `actor` may perform `action`. Pure: settings the answer depends on are already on the actor. */
export function can(actor: Actor | null | undefined, action: Action): boolean {
  if (!actor) return false;
  switch (action) {
    case 'county:read':
      return READ_ALL.includes(actor.role) || actor.countyVisible;
    case 'import:litigation':
    case 'import:reconsideration':
    case 'import:prelitigation':
      return (
        actor.role === 'admin' ||
        actor.role === 'analyst' ||
        (actor.role === 'clerk' && `import:${actor.recordKind}` === action)
      );
    default:
      return GRANTS[action].includes(actor.role);
  }
}

/** Throws AccessDeniedError unless `can(actor, action)`. */
export function assertCan(actor: Actor | null | undefined, action: Action): asserts actor is Actor {
  if (!can(actor, action)) throw new AccessDeniedError();
}

/**
 * The units whose rows `actor` may read: null means every unit; a unit user gets exactly their own unit.
 * Services must apply this to every data read (`WHERE unit_id = ANY(scope)` when not null).
 */
export function unitScope(actor: Actor): readonly number[] | null {
  if (actor.role !== 'unit') return null;
  // A unit account without a unit sees nothing (the database forbids it, this is belt and braces).
  return actor.unitId === null ? [] : [actor.unitId];
}

/**
 * Intersects a requested unit filter with the actor's scope. All-unit roles get their request back (undefined =
 * no filter). A unit user gets `[ownId]` when they asked for nothing or only their own unit, and a 403 when they
 * name any other unit — tampering with ids never yields another unit's rows.
 */
export function scopeUnitIds(actor: Actor, requested?: readonly number[] | null): number[] | undefined {
  const scope = unitScope(actor);
  if (scope === null) return requested?.length ? [...requested] : undefined;
  if (requested?.some((id) => !scope.includes(id))) throw new AccessDeniedError();
  return [...scope];
}

/** Same as scopeUnitIds, for filters by unit code (`A01`). */
export function scopeUnitCodes(actor: Actor, requested?: readonly string[] | null): string[] | undefined {
  if (actor.role !== 'unit') return requested?.length ? [...requested] : undefined;
  const own = actor.unitCode === null ? [] : [actor.unitCode];
  if (requested?.some((code) => !own.includes(code))) throw new AccessDeniedError();
  return own;
}

/**
 * The actor a `unit` user of `unit` is (no account behind it): what a notice for that unit is computed as, so it
 * holds exactly what that unit's users would read — their own unit, and ranks only when the settings let unit
 * users see the county (`countyVisible`).
 */
export function unitReader(unit: { id: number; code: string }, countyVisible: boolean): Actor {
  return {
    userId: 0,
    username: `unit:${unit.code}`,
    role: 'unit',
    unitId: unit.id,
    unitCode: unit.code,
    recordKind: null,
    countyVisible,
  };
}

/**
 * Forces `actor`'s scope onto a metric query: a unit user's own unit only, and no ranks unless they may see the
 * county. GET /api/metrics and the unit notice both read through this, so the two always agree.
 */
export function scopeMetricsQuery<
  Q extends { unitIds?: number[] | undefined; unitCodes?: string[] | undefined; rank?: string | undefined },
>(actor: Actor, q: Q): Q {
  assertCan(actor, 'data:read');
  q.unitIds = scopeUnitIds(actor, q.unitIds);
  q.unitCodes = scopeUnitCodes(actor, q.unitCodes);
  if (!can(actor, 'county:read')) q.rank = 'none';
  return q;
}
