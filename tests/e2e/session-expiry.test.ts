import request from 'supertest';
import { afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { createApp } from '../../server/http/app.ts';
import { createLogger } from '../../server/logger.ts';
import { createTestDatabase } from '../support/database.ts';
import { ensurePersona, loginAs, PERSONA_PASSWORD, signIn, type Agent } from '../support/personas.ts';

/**
 * The session's expiry over the API (issue #21 item 10b): login and GET /api/auth/me say when the session ends
 * and why; POST /api/auth/extend counts as use; a passive check (X-Session-Passive: 1, the banner's timer) never
 * does; the idle timeout is the admin's setting (default 30 minutes). Time is moved by rewriting the session row's
 * last use in the database, never by waiting.
 */
const { knex } = await createTestDatabase();
const db = { knex, mode: inject('dbMode'), close: () => Promise.resolve() };
const app = createApp({ db, logger: createLogger('silent') });
const MIN = 60_000;

let admin: Agent;
beforeAll(async () => {
  admin = await loginAs(app, knex, 'admin');
});
afterEach(async () => {
  await knex('access_setting').where('key', 'session_idle_minutes').delete();
});

/** A fresh viewer session and its row's id (the newest session of the viewer). */
async function viewerSession(): Promise<{ agent: Agent; id: string; userId: number }> {
  const agent = await signIn(app, await ensurePersona(knex, 'viewer'));
  const { userId } = (await agent.get('/api/auth/me').expect(200)).body.user as { userId: number };
  const row = await knex('user_session').where('user_id', userId).orderBy('created_at', 'desc').first('id');
  return { agent, id: row.id as string, userId };
}

/** Pretends the session was last used `ms` ago (server clock). */
async function lastUsed(id: string, ms: number): Promise<Date> {
  const [row] = await knex('user_session')
    .where({ id })
    .update({ last_seen_at: knex.raw(`now() - ? * interval '1 millisecond'`, [ms]) })
    .returning('last_seen_at');
  return new Date(row.last_seen_at as Date);
}

const lastSeen = async (id: string): Promise<number> =>
  new Date((await knex('user_session').where({ id }).first('last_seen_at')).last_seen_at as Date).getTime();

const passiveMe = (agent: Agent) => agent.get('/api/auth/me').set('X-Session-Passive', '1');

describe('the session says when it ends', () => {
  it('answers sign-in and GET /api/auth/me with expiresAt: 30 minutes after the last use by default', async () => {
    const before = Date.now();
    const login = await request(app)
      .post('/api/auth/login')
      .send({ username: await ensurePersona(knex, 'viewer'), password: PERSONA_PASSWORD })
      .expect(200);
    expect(login.body).toMatchObject({ expiresBecause: 'idle', idleMinutes: 30 });
    const now = Date.parse(login.body.now);
    expect(now).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(login.body.expiresAt) - now).toBe(30 * MIN);

    const { agent, id } = await viewerSession();
    const seen = await lastUsed(id, 29 * MIN);
    const me = await passiveMe(agent).expect(200);
    expect(Date.parse(me.body.expiresAt)).toBe(seen.getTime() + 30 * MIN);
    expect(Date.parse(me.body.expiresAt) - Date.parse(me.body.now)).toBeLessThanOrEqual(MIN);
  });

  it('regression: a passive check (the banner’s own timer) does not count as use, so an idle session still ends', async () => {
    const { agent, id } = await viewerSession();
    const seen = await lastUsed(id, 29 * MIN);
    for (let i = 0; i < 3; i++) await passiveMe(agent).expect(200);
    expect(await lastSeen(id)).toBe(seen.getTime());
    await lastUsed(id, 30 * MIN + 1000);
    await passiveMe(agent).expect(401);
  });

  it('counts an ordinary request as use, writing the last use at most once a minute', async () => {
    const { agent, id } = await viewerSession();
    const recent = await lastUsed(id, 30_000);
    await agent.get('/api/auth/me').expect(200);
    expect(await lastSeen(id)).toBe(recent.getTime()); // within the minute: no write

    await lastUsed(id, 29 * MIN);
    const before = Date.now();
    const me = await agent.get('/api/auth/me').expect(200);
    expect(await lastSeen(id)).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(me.body.expiresAt) - Date.parse(me.body.now)).toBeGreaterThan(29 * MIN);
  });

  it('POST /api/auth/extend counts as use now and answers the new expiry; it needs the CSRF token', async () => {
    const { agent, id } = await viewerSession();
    await lastUsed(id, 29 * MIN + 30_000);
    const res = await agent.post('/api/auth/extend').expect(200);
    expect(res.body).toMatchObject({ expiresBecause: 'idle', idleMinutes: 30 });
    expect(Date.parse(res.body.expiresAt) - Date.parse(res.body.now)).toBe(30 * MIN);
    expect(await lastSeen(id)).toBe(Date.parse(res.body.now));
    const events = await knex('audit_event').where({ action: 'auth.extend', actor_username: 'p-viewer' });
    expect(events.length).toBeGreaterThanOrEqual(1);

    // Without the session's CSRF token the same POST is refused.
    const cookie = ([] as string[]).concat(
      (await request(app).post('/api/auth/login').send({ username: 'p-viewer', password: PERSONA_PASSWORD }))
        .headers['set-cookie'] ?? [],
    )[0]!;
    await request(app).post('/api/auth/extend').set('Cookie', cookie.split(';')[0]!).expect(403);
  });

  it('cannot extend past the fixed lifetime: the expiry then says `limit`', async () => {
    const { agent, id } = await viewerSession();
    await knex('user_session')
      .where({ id })
      .update({ expires_at: knex.raw("now() + interval '90 seconds'") });
    const res = await agent.post('/api/auth/extend').expect(200);
    expect(res.body.expiresBecause).toBe('limit');
    expect(Date.parse(res.body.expiresAt) - Date.parse(res.body.now)).toBeLessThanOrEqual(90_000);
    const me = await passiveMe(agent).expect(200);
    expect(me.body.expiresBecause).toBe('limit');
  });
});

describe('the idle timeout is an admin setting', () => {
  it('defaults to 30 minutes and takes whole minutes from 5 to 720', async () => {
    expect((await admin.get('/api/admin/settings').expect(200)).body).toEqual({
      unitUsersSeeCounty: false,
      sessionIdleMinutes: 30,
    });
    for (const bad of [4, 721, 30.5, '45']) {
      const res = await admin.put('/api/admin/settings').send({ sessionIdleMinutes: bad }).expect(400);
      expect(res.body.error.code).toBeTruthy();
    }
    const ok = await admin.put('/api/admin/settings').send({ sessionIdleMinutes: 45 }).expect(200);
    expect(ok.body).toEqual({ unitUsersSeeCounty: false, sessionIdleMinutes: 45 });
    const event = await knex('audit_event')
      .where({ action: 'settings.update', actor_username: 'p-admin' })
      .orderBy('id', 'desc')
      .first('detail');
    expect(event.detail).toEqual({ sessionIdleMinutes: 45 });
    const viewer = await loginAs(app, knex, 'viewer');
    await viewer.put('/api/admin/settings').send({ sessionIdleMinutes: 720 }).expect(403);
  });

  it('a longer timeout keeps a session alive that 30 minutes would have ended, on the very next request', async () => {
    const { agent, id } = await viewerSession();
    await admin.put('/api/admin/settings').send({ sessionIdleMinutes: 45 }).expect(200);
    const seen = await lastUsed(id, 40 * MIN);
    const me = await passiveMe(agent).expect(200);
    expect(me.body).toMatchObject({ idleMinutes: 45, expiresBecause: 'idle' });
    expect(Date.parse(me.body.expiresAt)).toBe(seen.getTime() + 45 * MIN);
    // Another sign-in sweeps dead sessions: by the setting in force, this one is not dead.
    await loginAs(app, knex, 'analyst');
    expect(await knex('user_session').where({ id }).first()).toBeDefined();
    const extended = await agent.post('/api/auth/extend').expect(200);
    expect(Date.parse(extended.body.expiresAt) - Date.parse(extended.body.now)).toBe(45 * MIN);
  });

  it('a shorter timeout ends a session idle longer than it', async () => {
    const { agent, id } = await viewerSession();
    await admin.put('/api/admin/settings').send({ sessionIdleMinutes: 5 }).expect(200);
    await lastUsed(id, 4 * MIN);
    expect((await passiveMe(agent).expect(200)).body.idleMinutes).toBe(5);
    await lastUsed(id, 5 * MIN + 1000);
    await passiveMe(agent).expect(401);
  });
});
