/**
 * Contract of the session API (POST /api/auth/login, GET /api/auth/me, POST /api/auth/logout,
 * POST /api/auth/password). Routes and web/src/lib/api import this file; the web with `import type` only
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

/** POST /api/auth/login and GET /api/auth/me answer this; the CSRF token goes in X-CSRF-Token. */
export interface SessionInfo {
  user: SessionUser;
  csrfToken: string;
  mustChangePassword: boolean;
}

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
