/**
 * Persona fixtures for permission tests (issue #3): one account per role, unit users for any unit code, and a
 * signed-in supertest agent that sends the session cookie and the CSRF header on every request.
 *
 *   const { knex } = await createTestDatabase();
 *   const app = createApp({ db: testDb(knex), logger });
 *   const analyst = await loginAs(app, knex, 'analyst');
 *   await analyst.get('/api/metrics').expect(200);
 *   await (await loginAs(app, knex, 'unit', 'A01')).post('/api/imports/litigation').expect(403);
 */
import type { Express } from 'express';
import request from 'supertest';
import type { Knex } from '../../server/db/knex.ts';
import { hashPassword } from '../../server/domain/password.ts';
import { findUnitIdByCode, insertUser } from '../../server/repositories/user.repository.ts';
import type { ClerkRecordKind, Role } from '../../server/services/auth/access.ts';

/** Every persona's password (test-only; never a default anywhere in the product). */
export const PERSONA_PASSWORD = 'persona-test-passphrase-2024';

export type Agent = ReturnType<typeof request.agent>;

let hash: Promise<string> | undefined;

/** The persona's username: `p-admin`, `p-analyst`, `p-clerk-litigation`, `p-viewer`, `p-unit-a01`. */
export function personaUsername(
  role: Role,
  unitCode?: string,
  recordKind: ClerkRecordKind = 'litigation',
): string {
  if (role === 'unit') return `p-unit-${(unitCode ?? 'A01').toLowerCase()}`;
  if (role === 'clerk') return `p-clerk-${recordKind}`;
  return `p-${role}`;
}

/** Creates the persona's account if missing (idempotent) and returns its username. */
export async function ensurePersona(
  knex: Knex,
  role: Role,
  unitCode?: string,
  recordKind: ClerkRecordKind = 'litigation',
): Promise<string> {
  const username = personaUsername(role, unitCode, recordKind);
  let unitId: number | null = null;
  if (role === 'unit') {
    const code = unitCode ?? 'A01';
    unitId = (await findUnitIdByCode(knex, code)) ?? null;
    if (unitId === null)
      throw new Error(`persona: no unit ${code} in this database (seed the demo county first?)`);
  }
  hash ??= hashPassword(PERSONA_PASSWORD);
  await insertUser(knex, {
    username,
    display_name: null,
    role,
    unit_id: unitId,
    record_kind: role === 'clerk' ? recordKind : null,
    password_hash: await hash,
    must_change_password: false,
  });
  return username;
}

/** Signs in with username and password through the API; the agent then carries the cookie and CSRF token. */
export async function signIn(app: Express, username: string, password = PERSONA_PASSWORD): Promise<Agent> {
  const agent = request.agent(app);
  const res = await agent.post('/api/auth/login').send({ username, password });
  if (res.status !== 200)
    throw new Error(`sign-in of ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
  agent.set('X-CSRF-Token', (res.body as { csrfToken: string }).csrfToken);
  return agent;
}

/** A signed-in agent for a role (unit users: of `unitCode`, default A01; clerks: of `recordKind`). */
export async function loginAs(
  app: Express,
  knex: Knex,
  role: Role,
  unitCode?: string,
  recordKind: ClerkRecordKind = 'litigation',
): Promise<Agent> {
  return signIn(app, await ensurePersona(knex, role, unitCode, recordKind));
}

export interface RegisteredRoute {
  method: string;
  path: string;
}

interface LayerLike {
  route?: { path: string | string[]; methods: Record<string, boolean> };
  handle?: { stack?: LayerLike[] };
  rawPath?: unknown;
}

/**
 * Every route registered on an Express 5 app, with its full path (mount prefixes included), e.g.
 * `{ method: 'GET', path: '/api/users' }`. The persona matrix uses this so that no route escapes it.
 */
export function registeredRoutes(app: Express): RegisteredRoute[] {
  const out: RegisteredRoute[] = [];
  const walk = (stack: LayerLike[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        const paths = ([] as string[]).concat(layer.route.path);
        for (const p of paths) {
          for (const [m, on] of Object.entries(layer.route.methods)) {
            if (on && m !== '_all') out.push({ method: m.toUpperCase(), path: prefix + p });
          }
        }
      } else if (layer.handle?.stack) {
        const mount = typeof layer.rawPath === 'string' && layer.rawPath !== '/' ? layer.rawPath : '';
        walk(layer.handle.stack, prefix + mount);
      }
    }
  };
  walk((app as unknown as { router: { stack: LayerLike[] } }).router.stack, '');
  return out;
}
