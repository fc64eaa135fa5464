/**
 * Authentication, CSRF and route authorisation for /api (issue #3). Mounted once on /api in createApp; every
 * request is looked up in the route policy table (auth.policy.ts) before any route runs.
 *
 * CSRF: a synchronizer token bound to the session. Login returns a random token stored with the session row;
 * the web client sends it in `X-CSRF-Token` on every state-changing request and the server compares it with the
 * session's (constant time). A cross-site page can make the browser send the cookie but cannot read the token.
 * (SameSite=Strict on the cookie already stops most cross-site sends; the token is the second, independent
 * wall.) Login itself needs no token: it only accepts `application/json`, which a cross-site form cannot send
 * without a CORS preflight we never grant.
 */
import crypto from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import { PASSIVE_HEADER, type SessionExpiry } from '../contracts/auth.ts';
import type { Logger } from '../logger.ts';
import { can, type Action, type Actor } from '../services/auth/access.ts';
import { auditScope, record } from '../services/audit/audit.service.ts';
import { resolveSession, type AuthDeps } from '../services/auth/auth.service.ts';
import { findPolicy, type RoutePolicy } from './auth.policy.ts';
import { HttpError } from './errors.ts';

declare module 'express-serve-static-core' {
  interface Locals {
    /** The signed-in principal; set by `authenticate` on every non-public /api request. */
    actor?: Actor;
    /** The session behind the request (its id is the sha256 of the cookie token). */
    session?: {
      id: string;
      token: string;
      csrfToken: string;
      mustChangePassword: boolean;
      expiry: SessionExpiry;
    };
  }
}

export const SESSION_COOKIE = 'sj_session';
export const CSRF_HEADER = 'x-csrf-token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The session token from the Cookie header (no cookie-parser: one cookie, one line). */
export function sessionToken(req: Request): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === SESSION_COOKIE) {
      const value = part.slice(eq + 1).trim();
      return /^[A-Za-z0-9_-]{20,100}$/.test(value) ? value : null;
    }
  }
  return null;
}

function sameToken(a: string, b: string): boolean {
  const ha = crypto.createHash('sha256').update(a).digest();
  const hb = crypto.createHash('sha256').update(b).digest();
  return crypto.timingSafeEqual(ha, hb);
}

/**
 * What the gate records by itself once a response is sent, so routes built elsewhere are audited without
 * knowing it: every state-changing call, and every download (any response sent as an attachment) — unless the
 * handler recorded its own, richer event during the request (see auditScope in audit.service.ts).
 */
const AUDIT_ACTION: Partial<Record<Action, string>> = {
  'import:any': 'import.upload',
  'unit:map': 'unit.map',
  'sources:manage': 'source.update',
  'jobs:run': 'job.run',
  'settings:manage': 'settings.change',
};

function auditOnFinish(
  deps: AuthDeps,
  logger: Logger,
  req: Request,
  res: Response,
  policy: RoutePolicy,
  scope: { recorded: number },
): void {
  const path = req.baseUrl + req.path;
  res.on('finish', () => {
    if (scope.recorded > 0) return;
    const disposition = res.get('Content-Disposition') ?? '';
    const download = /^attachment/i.test(disposition);
    if (!download && SAFE_METHODS.has(req.method)) return;
    const plain = /filename=(?:"([^"]*)"|([^;\s]+))/i.exec(disposition);
    const fileName = /filename\*=UTF-8''([^;\s]+)/i.exec(disposition)?.[1] ?? plain?.[1] ?? plain?.[2];
    const action = download
      ? path.startsWith('/api/reports')
        ? 'report.download'
        : 'export.download'
      : (AUDIT_ACTION[policy.access as Action] ?? `api.${req.method.toLowerCase()}`);
    const status = res.statusCode;
    record(deps.db, {
      actor: res.locals.actor ?? null,
      ip: req.ip ?? null,
      action,
      target: fileName ? safeDecode(fileName) : `${req.method} ${path}`,
      outcome: status < 400 ? 'success' : status === 401 || status === 403 ? 'denied' : 'failure',
      detail: { method: req.method, path, query: req.query, status },
    }).catch((err: unknown) => logger.error({ err, path }, 'could not write the audit event'));
  });
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** The /api gate: policy lookup, session, CSRF, must-change-password, role check, audit of writes and downloads. */
export function authenticate(deps: AuthDeps, logger: Logger): RequestHandler {
  return async (req, res, next) => {
    const path = req.baseUrl + req.path;
    const policy: RoutePolicy | undefined = findPolicy(req.method, path);
    if (req.method === 'OPTIONS') return next();

    const token = sessionToken(req);
    // A page's own timer (the expiry banner's check, a panel's refresh) does not count as use of the session.
    const passive = req.get(PASSIVE_HEADER) === '1';
    const session = token ? await resolveSession(deps, token, { passive }) : null;
    if (session && token) {
      res.locals.actor = session.actor;
      res.locals.session = {
        id: session.sessionId,
        token,
        csrfToken: session.csrfToken,
        mustChangePassword: session.mustChangePassword,
        expiry: session.expiry,
      };
    }
    if (policy?.access === 'public') return next();
    if (!session) {
      if (token) clearSessionCookie(req, res);
      throw new HttpError(401, 'unauthenticated', '请先登录 / please sign in');
    }
    if (!policy) {
      // Deny by default: a route without a policy never runs. 404 (not 403) so unknown paths read as unknown.
      throw new HttpError(
        404,
        'not_found',
        `没有这个接口 / no such endpoint: ${req.method} ${path} (every /api route needs an entry in server/http/auth.policy.ts)`,
      );
    }
    if (!SAFE_METHODS.has(req.method)) {
      const sent = req.get(CSRF_HEADER);
      if (!sent || !sameToken(sent, session.csrfToken)) {
        throw new HttpError(
          403,
          'csrf_failed',
          '请求缺少有效的 CSRF 令牌，请刷新页面 / missing or wrong CSRF token: reload the page',
        );
      }
    }
    if (session.mustChangePassword && policy.access !== 'self') {
      throw new HttpError(403, 'password_change_required', '请先修改密码 / change your password first');
    }
    if (!can(session.actor, policy.access)) {
      await record(deps.db, {
        actor: session.actor,
        ip: req.ip ?? null,
        action: 'access.denied',
        target: `${req.method} ${path}`,
        outcome: 'denied',
        detail: { need: policy.access },
      });
      throw new HttpError(403, 'forbidden', '无权访问 / access denied');
    }
    const scope = { recorded: 0 };
    auditOnFinish(deps, logger, req, res, policy, scope);
    auditScope.run(scope, () => next());
  };
}

/** The actor of an authenticated request (route handlers call this; a public route has none). */
export function actorOf(res: Response): Actor {
  const actor = res.locals.actor;
  if (!actor) throw new HttpError(401, 'unauthenticated', '请先登录 / please sign in');
  return actor;
}

/** A browser-session cookie (no Max-Age): closing the browser on a shared office PC ends the sign-in too. */
export function setSessionCookie(req: Request, res: Response, token: string): void {
  res.cookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'strict',
    // Secure whenever the request reached us over HTTPS (directly, or via a trusted proxy's X-Forwarded-Proto).
    secure: req.secure,
    path: '/',
  });
}

export function clearSessionCookie(req: Request, res: Response): void {
  res.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'strict', secure: req.secure, path: '/' });
}
