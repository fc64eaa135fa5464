import { Router } from 'express';
import { loginBody, passwordBody, type SessionExpiry, type SessionInfo } from '../contracts/auth.ts';
import {
  changePassword,
  extendSession,
  login,
  logout,
  type AuthDeps,
} from '../services/auth/auth.service.ts';
import { actorOf, clearSessionCookie, sessionToken, setSessionCookie } from './auth.middleware.ts';
import { HttpError } from './errors.ts';

/**
 * POST /api/auth/login { username, password } → sets the session cookie, returns the user and the CSRF token;
 * GET /api/auth/me (with the session's expiry; send X-Session-Passive: 1 from a timer so the check is not use);
 * POST /api/auth/extend (「继续使用」: counts as use now, answers the new expiry); POST /api/auth/logout;
 * POST /api/auth/password { currentPassword, newPassword }.
 */
export function authRoutes(deps: AuthDeps): Router {
  const router = Router();

  router.post('/api/auth/login', async (req, res) => {
    if (!req.is('application/json')) {
      throw new HttpError(415, 'unsupported_media_type', '请以 JSON 提交 / send the credentials as JSON');
    }
    const body = loginBody.parse(req.body);
    const result = await login(deps, {
      ...body,
      ip: req.ip ?? null,
      userAgent: req.get('user-agent') ?? null,
      previousToken: sessionToken(req),
    });
    setSessionCookie(req, res, result.token);
    res.json({
      user: result.actor,
      csrfToken: result.csrfToken,
      mustChangePassword: result.mustChangePassword,
      ...result.expiry,
    } satisfies SessionInfo);
  });

  router.get('/api/auth/me', (_req, res) => {
    const session = res.locals.session!;
    res.json({
      user: actorOf(res),
      csrfToken: session.csrfToken,
      mustChangePassword: session.mustChangePassword,
      ...session.expiry,
    } satisfies SessionInfo);
  });

  router.post('/api/auth/extend', async (req, res) => {
    const expiry = await extendSession(deps, {
      sessionId: res.locals.session!.id,
      actor: actorOf(res),
      ip: req.ip ?? null,
    });
    res.json(expiry satisfies SessionExpiry);
  });

  router.post('/api/auth/logout', async (req, res) => {
    await logout(deps, res.locals.session!.token, actorOf(res), req.ip ?? null);
    clearSessionCookie(req, res);
    res.status(204).end();
  });

  router.post('/api/auth/password', async (req, res) => {
    const body = passwordBody.parse(req.body);
    await changePassword(deps, actorOf(res), {
      ...body,
      sessionId: res.locals.session!.id,
      ip: req.ip ?? null,
    });
    res.status(204).end();
  });

  return router;
}
