import request from 'supertest';
import { describe, expect, inject, it } from 'vitest';
import { createApp } from '../../server/http/app.ts';
import { createLogger } from '../../server/logger.ts';
import { seedDemoCounty } from '../../server/services/demo/demo-seed.service.ts';
import { hashToken } from '../../server/services/auth/auth.service.ts';
import { createTestDatabase } from '../support/database.ts';
import { ensurePersona, loginAs, PERSONA_PASSWORD, signIn } from '../support/personas.ts';
import { DEMO_AS_OF } from '../support/demo.ts';

const { knex } = await createTestDatabase();
await seedDemoCounty(knex, { asOf: DEMO_AS_OF });
const db = { knex, mode: inject('dbMode'), close: () => Promise.resolve() };
const app = createApp({ db, logger: createLogger('silent') });

/** The session token a response set, read from its Set-Cookie header. */
function cookieToken(res: request.Response): string | undefined {
  const cookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
  return cookies.map((c) => /^sj_session=([^;]*)/.exec(c)?.[1]).find((v) => v !== undefined);
}

async function auditRows(action: string, username: string) {
  return knex('audit_event')
    .where({ action, actor_username: username })
    .orderBy('id')
    .select('outcome', 'detail', 'ip');
}

describe('sign-in', () => {
  it('sets an HttpOnly, SameSite=Strict session cookie, Secure only behind HTTPS', async () => {
    const username = await ensurePersona(knex, 'viewer');
    const res = await request(app)
      .post('/api/auth/login')
      .send({ username, password: PERSONA_PASSWORD })
      .expect(200);
    const cookie = ([] as string[]).concat(res.headers['set-cookie'] ?? [])[0]!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).not.toMatch(/Secure/);
    expect(res.body.user).toMatchObject({ username, role: 'viewer', unitId: null });
    expect(res.body.csrfToken).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    // The token itself is never stored: the session row is keyed by its hash.
    expect(await knex('user_session').where('id', cookieToken(res)!).first()).toBeUndefined();
    expect(
      await knex('user_session')
        .where('id', hashToken(cookieToken(res)!))
        .first(),
    ).toBeDefined();

    // Behind a TLS-terminating proxy on this host (trust proxy: loopback), the cookie is Secure.
    const tls = await request(app)
      .post('/api/auth/login')
      .set('X-Forwarded-Proto', 'https')
      .send({ username, password: PERSONA_PASSWORD })
      .expect(200);
    expect(([] as string[]).concat(tls.headers['set-cookie'] ?? [])[0]).toMatch(/Secure/);
  });

  it('answers an unknown user, a wrong password and a disabled account with the same message', async () => {
    const username = await ensurePersona(knex, 'clerk', undefined, 'reconsideration');
    const unknown = await request(app)
      .post('/api/auth/login')
      .send({ username: 'nobody-here', password: 'x' });
    const wrong = await request(app).post('/api/auth/login').send({ username, password: 'wrong-password-1' });
    await knex('app_user').where({ username }).update({ disabled_at: new Date() });
    const disabled = await request(app)
      .post('/api/auth/login')
      .send({ username, password: PERSONA_PASSWORD });
    await knex('app_user').where({ username }).update({ disabled_at: null });
    for (const res of [unknown, wrong, disabled]) {
      expect(res.status).toBe(401);
      expect(res.body.error).toEqual({
        code: 'login_failed',
        message: '用户名或密码错误 / wrong username or password',
      });
    }
    const failures = await auditRows('auth.login', username);
    expect(failures.map((f) => [f.outcome, f.detail.reason])).toEqual([
      ['failure', 'wrong_password'],
      ['failure', 'disabled'],
    ]);
    expect(failures[0]!.ip).toMatch(/127\.0\.0\.1/);
  });

  it('accepts the username in any case and with spaces around it', async () => {
    await ensurePersona(knex, 'analyst');
    await request(app)
      .post('/api/auth/login')
      .send({ username: '  P-Analyst ', password: PERSONA_PASSWORD })
      .expect(200);
  });

  it('refuses a login form post that is not JSON', async () => {
    const res = await request(app)
      .post('/api/auth/login')
      .type('form')
      .send({ username: 'p-viewer', password: PERSONA_PASSWORD });
    expect(res.status).toBe(415);
  });

  it('requires a session for data: anonymous calls get 401 but health stays public', async () => {
    const res = await request(app).get('/api/overview').expect(401);
    expect(res.body.error.code).toBe('unauthenticated');
    await request(app).get('/api/health').expect(200);
  });
});

describe('session fixation', () => {
  it('issues a new session id at login and never adopts one the client brings', async () => {
    const planted = 'attacker-chosen-token-aaaaaaaaaaaaaaaa';
    const username = await ensurePersona(knex, 'viewer');
    const res = await request(app)
      .post('/api/auth/login')
      .set('Cookie', `sj_session=${planted}`)
      .send({ username, password: PERSONA_PASSWORD })
      .expect(200);
    expect(cookieToken(res)).not.toBe(planted);
    await request(app).get('/api/auth/me').set('Cookie', `sj_session=${planted}`).expect(401);
  });

  it('ends the session the browser had before signing in again', async () => {
    await ensurePersona(knex, 'analyst');
    const agent = request.agent(app);
    const first = await agent
      .post('/api/auth/login')
      .send({ username: 'p-viewer', password: PERSONA_PASSWORD });
    const oldToken = cookieToken(first)!;
    await request(app).get('/api/auth/me').set('Cookie', `sj_session=${oldToken}`).expect(200);
    const again = await agent
      .post('/api/auth/login')
      .send({ username: 'p-analyst', password: PERSONA_PASSWORD });
    expect(again.status).toBe(200);
    expect(cookieToken(again)).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(cookieToken(again)).not.toBe(oldToken);
    await request(app).get('/api/auth/me').set('Cookie', `sj_session=${oldToken}`).expect(401);
    expect((await agent.get('/api/auth/me').expect(200)).body.user.username).toBe('p-analyst');
  });
});

describe('timeouts', () => {
  it('ends a session idle for longer than 30 minutes', async () => {
    const agent = await loginAs(app, knex, 'analyst');
    await agent.get('/api/auth/me').expect(200);
    const { userId } = (await agent.get('/api/auth/me')).body.user;
    await knex('user_session')
      .where('user_id', userId)
      .update({ last_seen_at: knex.raw("now() - interval '29 minutes'") });
    await agent.get('/api/auth/me').expect(200); // 29 minutes idle: still alive, and touched again
    await knex('user_session')
      .where('user_id', userId)
      .update({ last_seen_at: knex.raw("now() - interval '31 minutes'") });
    const res = await agent.get('/api/auth/me').expect(401);
    expect(res.body.error.code).toBe('unauthenticated');
  });

  it('ends a busy session at its absolute expiry', async () => {
    const agent = await loginAs(app, knex, 'viewer');
    const { userId } = (await agent.get('/api/auth/me').expect(200)).body.user;
    const row = await knex('user_session').where('user_id', userId).orderBy('created_at', 'desc').first();
    // 12 hours after sign-in, give or take the test's own runtime.
    expect(new Date(row.expires_at).getTime() - new Date(row.created_at).getTime()).toBe(12 * 3_600_000);
    await knex('user_session')
      .where('user_id', userId)
      .update({ expires_at: knex.raw("now() - interval '1 second'") });
    await agent.get('/api/auth/me').expect(401);
  });

  it('follows an injected clock', async () => {
    let now = new Date('2026-03-02T01:00:00Z');
    const clocked = createApp({
      db,
      logger: createLogger('silent'),
      auth: { now: () => now, idleMs: 60_000 },
    });
    const agent = await signIn(clocked, await ensurePersona(knex, 'viewer'));
    now = new Date('2026-03-02T01:00:59Z');
    await agent.get('/api/auth/me').expect(200);
    now = new Date('2026-03-02T01:02:01Z');
    await agent.get('/api/auth/me').expect(401);
  });
});

describe('logout and disabling', () => {
  it('logout ends the session on the server, not only in the browser', async () => {
    const agent = request.agent(app);
    const login = await agent
      .post('/api/auth/login')
      .send({ username: 'p-viewer', password: PERSONA_PASSWORD });
    const cookie = `sj_session=${cookieToken(login)}`;
    await request(app).get('/api/auth/me').set('Cookie', cookie).expect(200);
    const out = await agent.post('/api/auth/logout').set('X-CSRF-Token', login.body.csrfToken).expect(204);
    expect(cookieToken(out)).toBe(''); // the browser is told to drop it too
    await request(app).get('/api/auth/me').set('Cookie', cookie).expect(401);
  });

  it('disabling a user ends all their sessions at once', async () => {
    const admin = await loginAs(app, knex, 'admin');
    const a = await loginAs(app, knex, 'unit', 'T01');
    const b = await loginAs(app, knex, 'unit', 'T01');
    await a.get('/api/auth/me').expect(200);
    const res = await admin.post('/api/users/p-unit-t01/disable').expect(200);
    expect(res.body.user.disabled).toBe(true);
    await a.get('/api/auth/me').expect(401);
    await b.get('/api/auth/me').expect(401);
    const events = await knex('audit_event').where({ action: 'user.disable', target: 'p-unit-t01' });
    expect(events).toHaveLength(1);
    expect(events[0].actor_username).toBe('p-admin');
    expect(events[0].detail.sessionsEnded).toBeGreaterThanOrEqual(2);
    await admin.post('/api/users/p-unit-t01/enable').expect(200);
    await loginAs(app, knex, 'unit', 'T01');
  });

  it('an admin cannot disable their own account', async () => {
    const admin = await loginAs(app, knex, 'admin');
    const res = await admin.post('/api/users/p-admin/disable').expect(400);
    expect(res.body.error.code).toBe('cannot_disable_self');
  });
});

describe('password reset', () => {
  it('gives a one-time password that must be changed before anything else', async () => {
    const admin = await loginAs(app, knex, 'admin');
    const old = await loginAs(app, knex, 'clerk', undefined, 'prelitigation');
    const reset = await admin.post('/api/users/p-clerk-prelitigation/reset-password').expect(200);
    const otp = reset.body.oneTimePassword as string;
    expect(otp).toHaveLength(18);
    await old.get('/api/auth/me').expect(401); // the reset ended existing sessions
    await request(app)
      .post('/api/auth/login')
      .send({ username: 'p-clerk-prelitigation', password: PERSONA_PASSWORD })
      .expect(401);

    const agent = await signIn(app, 'p-clerk-prelitigation', otp);
    expect((await agent.get('/api/auth/me').expect(200)).body.mustChangePassword).toBe(true);
    const blocked = await agent.get('/api/overview').expect(403);
    expect(blocked.body.error.code).toBe('password_change_required');

    const weak = await agent
      .post('/api/auth/password')
      .send({ currentPassword: otp, newPassword: 'password123' })
      .expect(400);
    expect(weak.body.error.code).toBe('weak_password_too_common');
    await agent
      .post('/api/auth/password')
      .send({ currentPassword: otp, newPassword: PERSONA_PASSWORD })
      .expect(204);
    await agent.get('/api/overview').expect(200);
    await signIn(app, 'p-clerk-prelitigation');
    // Not stored anywhere in clear.
    const row = await knex('app_user').where('username', 'p-clerk-prelitigation').first();
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    expect(JSON.stringify(await knex('audit_event').select('detail'))).not.toContain(otp);
  });
});

describe('rate limiting', () => {
  it('locks an account after 5 failures within 15 minutes, even for the right password', async () => {
    const username = await ensurePersona(knex, 'unit', 'A03');
    for (let i = 0; i < 5; i++) {
      await request(app)
        .post('/api/auth/login')
        .send({ username, password: `guess-number-${i}` })
        .expect(401);
    }
    const res = await request(app)
      .post('/api/auth/login')
      .send({ username, password: PERSONA_PASSWORD })
      .expect(429);
    expect(res.body.error.code).toBe('too_many_attempts');
    expect(res.headers['retry-after']).toBe('900');
    // Other accounts from the same address still sign in (the per-IP limit is higher).
    await signIn(app, await ensurePersona(knex, 'viewer'));
    // The window slides: once the failures are older than 15 minutes, the account opens again.
    await knex('login_failure')
      .where({ username })
      .update({ at: knex.raw("now() - interval '16 minutes'") });
    await signIn(app, username);
    const denied = await auditRows('auth.login', username);
    expect(denied.filter((d) => d.outcome === 'denied').map((d) => d.detail.reason)).toEqual([
      'account_rate_limited',
    ]);
  });

  it('holds under a burst of parallel guesses', async () => {
    const username = await ensurePersona(knex, 'unit', 'A05');
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        request(app)
          .post('/api/auth/login')
          .send({ username, password: `burst-guess-${i}` }),
      ),
    );
    const statuses = results.map((r) => r.status).sort();
    // Exactly the limit of 5 passwords were checked; the other 7 were refused unchecked.
    expect(statuses).toEqual([...Array<number>(5).fill(401), ...Array<number>(7).fill(429)]);
  });

  it('limits failures per client address across accounts', async () => {
    const limited = createApp({ db, logger: createLogger('silent'), auth: { ipLimit: 3 } });
    const from = (ip: string) => request(limited).post('/api/auth/login').set('X-Forwarded-For', ip);
    for (const name of ['x-one', 'x-two', 'x-three']) {
      await from('203.0.113.9').send({ username: name, password: 'wrong-wrong-wrong' }).expect(401);
    }
    await from('203.0.113.9').send({ username: 'p-viewer', password: PERSONA_PASSWORD }).expect(429);
    await from('198.51.100.7').send({ username: 'p-viewer', password: PERSONA_PASSWORD }).expect(200);
  });

  it('keeps counts in PostgreSQL, so a second server instance sees them', async () => {
    const username = await ensurePersona(knex, 'unit', 'A04');
    const other = createApp({ db, logger: createLogger('silent') });
    for (let i = 0; i < 5; i++) {
      await request(i % 2 ? app : other)
        .post('/api/auth/login')
        .send({ username, password: `nope-nope-${i}` })
        .expect(401);
    }
    await request(other).post('/api/auth/login').send({ username, password: PERSONA_PASSWORD }).expect(429);
  });
});

describe('CSRF', () => {
  it('refuses a state-changing request without the session’s token', async () => {
    const username = await ensurePersona(knex, 'admin');
    const agent = request.agent(app);
    const login = await agent
      .post('/api/auth/login')
      .send({ username, password: PERSONA_PASSWORD })
      .expect(200);
    const body = { username: 'csrf-victim', role: 'viewer' };

    const none = await agent.post('/api/users').send(body).expect(403);
    expect(none.body.error.code).toBe('csrf_failed');
    const wrong = await agent.post('/api/users').set('X-CSRF-Token', 'x'.repeat(43)).send(body).expect(403);
    expect(wrong.body.error.code).toBe('csrf_failed');
    // Another session's valid token is no good either: the token is bound to its session.
    const other = await request(app).post('/api/auth/login').send({ username, password: PERSONA_PASSWORD });
    await agent.post('/api/users').set('X-CSRF-Token', other.body.csrfToken).send(body).expect(403);
    expect(await knex('app_user').where('username', 'csrf-victim').first()).toBeUndefined();

    await agent.post('/api/users').set('X-CSRF-Token', login.body.csrfToken).send(body).expect(201);
  });

  it('does not need a token for reads', async () => {
    const agent = request.agent(app);
    await agent
      .post('/api/auth/login')
      .send({ username: 'p-viewer', password: PERSONA_PASSWORD })
      .expect(200);
    await agent.get('/api/overview').expect(200);
  });
});

describe('security headers', () => {
  it('sends a strict CSP without inline scripts, and no-store on API answers', async () => {
    const res = await request(app).get('/api/health').expect(200);
    const csp = res.headers['content-security-policy'] as string;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp.split(';').find((d) => d.trim().startsWith('script-src'))).not.toMatch(/unsafe/);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('refuses a JSON body over 1 MB', async () => {
    const agent = await loginAs(app, knex, 'admin');
    const res = await agent
      .post('/api/users')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ username: 'big', role: 'viewer', displayName: 'x'.repeat(1_100_000) }));
    expect(res.status).toBe(413);
  });
});
