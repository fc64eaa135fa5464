/**
 * Contract of the session API (POST /api/auth/login, GET /api/auth/me, POST /api/auth/extend,
 * POST /api/auth/logout, POST /api/auth/password). Routes and web/src/lib/api import this file; the web with `import type` only
 * (see ./index.ts).
 */
import { z } from 'zod';
// The principal is declared beside the access rules it feeds (pure, shared with the web); type-only here.
import type { Actor } from '../services/auth/access.ts';

/** The roles (server/services/auth/access.ts says what each may do). */
export const ROLES = ['admin', 'analyst', 'clerk', 'unit', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/** The record kinds a clerk can be bound to (the importable kinds except the unit list). */
export const CLERK_RECORD_KINDS = ['litigation', 'reconsideration', 'prelitigation'] as const;
export type ClerkRecordKind = (typeof CLERK_RECORD_KINDS)[number];

/** The signed-in user as the server describes them. */
export type SessionUser = Actor;

/**
 * When the session ends if nothing more happens: `idle` — `idleMinutes` after its last use, which any request
 * (or POST /api/auth/extend) moves on; `limit` — its fixed lifetime after sign-in, which nothing extends.
 * POST /api/auth/extend answers this.
 */
export interface SessionExpiry {
  expiresAt: Date;
  expiresBecause: 'idle' | 'limit';
  idleMinutes: number;
  /** The server's clock when it answered: a client counts down `expiresAt − now`, whatever its own clock says. */
  now: Date;
}

/** POST /api/auth/login and GET /api/auth/me answer this; the CSRF token goes in X-CSRF-Token. */
export interface SessionInfo extends SessionExpiry {
  user: SessionUser;
  csrfToken: string;
  mustChangePassword: boolean;
}

/**
 * A request the web app makes by itself (a timer, not a person's action) sends this header set to `1`: the session
 * is checked as usual but the request does not count as activity, so an open page never keeps itself signed in.
 */
export const PASSIVE_HEADER = 'X-Session-Passive';

/** The admin's idle timeout (PUT /api/admin/settings `sessionIdleMinutes`): whole minutes within these bounds. */
export const SESSION_IDLE_MINUTES = { min: 5, max: 720, default: 30 } as const;

export const loginBody = z.object({
  username: z.string().min(1).max(128),
  password: z.string().min(1).max(1024),
});
export type LoginRequest = z.infer<typeof loginBody>;

export const passwordBody = z.object({
  currentPassword: z.string().min(1).max(1024),
  newPassword: z.string().min(1).max(1024),
});
export type PasswordRequest = z.infer<typeof passwordBody>;
