/**
 * The route policy table: the ONE place an /api route's permission is declared. The auth middleware looks every
 * /api request up here before any route runs; a route with no entry is refused (deny by default) with a message
 * naming this file, and the persona matrix test (tests/e2e/personas.test.ts) fails for any registered route
 * without an entry. Services still check again (`assertCan`, `scopeUnitIds`): this table is the outer wall.
 *
 * Paths: literal segments, `:name` for one segment, and a final `*` for any remainder (zero or more segments).
 * The first matching entry wins, so list specific paths before wildcards. HEAD is looked up as GET.
 */
import type { Action } from '../services/auth/access.ts';

export type PolicyMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RoutePolicy {
  method: PolicyMethod;
  path: string;
  /** 'public': no session needed (and no CSRF token: there is no session to bind it to). */
  access: 'public' | Action;
}

export const ROUTE_POLICIES: readonly RoutePolicy[] = [
  { method: 'GET', path: '/api/health', access: 'public' },
  { method: 'POST', path: '/api/auth/login', access: 'public' },
  { method: 'GET', path: '/api/auth/me', access: 'self' },
  { method: 'POST', path: '/api/auth/extend', access: 'self' },
  { method: 'POST', path: '/api/auth/logout', access: 'self' },
  { method: 'POST', path: '/api/auth/password', access: 'self' },

  { method: 'GET', path: '/api/users', access: 'users:manage' },
  { method: 'POST', path: '/api/users', access: 'users:manage' },
  { method: 'POST', path: '/api/users/:username/disable', access: 'users:manage' },
  { method: 'POST', path: '/api/users/:username/enable', access: 'users:manage' },
  { method: 'POST', path: '/api/users/:username/reset-password', access: 'users:manage' },
  { method: 'GET', path: '/api/admin/settings', access: 'settings:manage' },
  { method: 'PUT', path: '/api/admin/settings', access: 'settings:manage' },
  { method: 'GET', path: '/api/audit', access: 'audit:read' },

  // County totals for the overview page: hidden from unit users unless an admin enables it.
  { method: 'GET', path: '/api/overview', access: 'county:read' },
  // When data last arrived (no figures): the app shell shows it to everyone signed in.
  { method: 'GET', path: '/api/data-as-of', access: 'data:read' },

  // Families other issues build. The services scope unit users' rows (scopeUnitIds) and check the finer action
  // (import:<kind>, county:read); these entries only keep out who may never call them.
  { method: 'PUT', path: '/api/metrics/settings', access: 'settings:manage' },
  { method: 'GET', path: '/api/metrics', access: 'data:read' },
  { method: 'GET', path: '/api/metrics/*', access: 'data:read' },
  { method: 'GET', path: '/api/units', access: 'data:read' },
  // A unit's case list: the service lets a unit user read only their own unit.
  { method: 'GET', path: '/api/units/:code/cases', access: 'data:read' },
  { method: 'GET', path: '/api/units/*', access: 'data:read' },
  { method: 'GET', path: '/api/exports/*', access: 'data:export' },
  { method: 'GET', path: '/api/reports/*', access: 'data:export' },
  { method: 'POST', path: '/api/reports/*', access: 'data:export' },
  // Notices (通报): the bureau issues and follows them up; a unit user reads and signs its own unit's copy (the
  // service answers 404 for another unit's).
  { method: 'POST', path: '/api/notices', access: 'notice:issue' },
  { method: 'POST', path: '/api/notices/preview', access: 'notice:issue' },
  { method: 'GET', path: '/api/notices', access: 'notice:issue' },
  { method: 'GET', path: '/api/notices/inbox', access: 'data:read' },
  { method: 'GET', path: '/api/notices/settings', access: 'notice:issue' },
  { method: 'PUT', path: '/api/notices/settings', access: 'notice:issue' },
  { method: 'GET', path: '/api/notices/:id', access: 'notice:issue' },
  { method: 'GET', path: '/api/notices/:id/status', access: 'notice:issue' },
  { method: 'GET', path: '/api/notices/:id/all.zip', access: 'notice:issue' },
  { method: 'POST', path: '/api/notices/:id/resend', access: 'notice:issue' },
  { method: 'GET', path: '/api/notices/:id/units/:code', access: 'data:read' },
  { method: 'GET', path: '/api/notices/:id/document', access: 'data:export' },
  { method: 'POST', path: '/api/notices/:id/sign', access: 'data:read' },
  // The year-end evaluation (年度考核): the bureau and viewers read it, analysts and admins write the rules.
  { method: 'GET', path: '/api/evaluation/snapshots/:id', access: 'evaluation:read' },
  { method: 'POST', path: '/api/evaluation/preview', access: 'evaluation:edit' },
  { method: 'GET', path: '/api/evaluation/:year', access: 'evaluation:read' },
  { method: 'GET', path: '/api/evaluation/:year/export.xlsx', access: 'evaluation:read' },
  { method: 'GET', path: '/api/evaluation/:year/rules', access: 'evaluation:read' },
  { method: 'PUT', path: '/api/evaluation/:year/rules', access: 'evaluation:edit' },
  { method: 'POST', path: '/api/evaluation/:year/snapshots', access: 'evaluation:edit' },
  // Disputes (异议与更正): unit users file and follow their own unit's (the service answers 404 for another
  // unit's), the bureau decides; clerks and viewers may read the queue.
  { method: 'POST', path: '/api/disputes', access: 'dispute:file' },
  { method: 'GET', path: '/api/disputes', access: 'data:read' },
  { method: 'GET', path: '/api/disputes/:id', access: 'data:read' },
  { method: 'POST', path: '/api/disputes/:id/accept', access: 'dispute:decide' },
  { method: 'POST', path: '/api/disputes/:id/reject', access: 'dispute:decide' },
  { method: 'POST', path: '/api/disputes/:id/withdraw', access: 'dispute:file' },
  { method: 'POST', path: '/api/disputes/:id/attachments', access: 'dispute:file' },
  { method: 'GET', path: '/api/disputes/:id/attachments/:attachmentId', access: 'data:read' },
  { method: 'GET', path: '/api/imports', access: 'import:read' },
  { method: 'GET', path: '/api/imports/*', access: 'import:read' },
  { method: 'POST', path: '/api/imports', access: 'import:any' },
  { method: 'POST', path: '/api/imports/*', access: 'import:any' },
  { method: 'GET', path: '/api/unmatched', access: 'import:read' },
  { method: 'GET', path: '/api/unmatched/*', access: 'import:read' },
  { method: 'POST', path: '/api/unmatched/*', access: 'unit:map' },
  { method: 'GET', path: '/api/jobs', access: 'jobs:run' },
  { method: 'GET', path: '/api/jobs/*', access: 'jobs:run' },
  { method: 'POST', path: '/api/jobs/*', access: 'jobs:run' },
  { method: 'GET', path: '/api/sources', access: 'sources:manage' },
  { method: 'GET', path: '/api/sources/*', access: 'sources:manage' },
  { method: 'PUT', path: '/api/sources/*', access: 'sources:manage' },
  { method: 'POST', path: '/api/sources/*', access: 'sources:manage' },
];

/** The policy for a request, or undefined (then the request is refused). */
export function findPolicy(
  method: string,
  path: string,
  policies: readonly RoutePolicy[] = ROUTE_POLICIES,
): RoutePolicy | undefined {
  const m = method === 'HEAD' ? 'GET' : method;
  const segments = split(path);
  return policies.find((p) => p.method === m && matches(split(p.path), segments));
}

function split(path: string): string[] {
  return path.split('/').filter(Boolean);
}

function matches(pattern: string[], segments: string[]): boolean {
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i]!;
    if (p === '*' && i === pattern.length - 1) return true;
    const s = segments[i];
    if (s === undefined) return false;
    if (!p.startsWith(':') && p !== s) return false;
  }
  return pattern.length === segments.length;
}
