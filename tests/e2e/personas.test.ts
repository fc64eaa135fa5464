/**
 * The persona matrix (issue #3): EVERY /api route registered on the app, called as each persona, with the
 * expected status and, for reads, the set of units in the answer. A route added without a policy in
 * server/http/auth.policy.ts, or without a row in MATRIX below, fails the first test: add both.
 */
import { tableFromIPC } from 'apache-arrow';
import request from 'supertest';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { demoEvaluationRules } from '../../server/services/demo/demo-evaluation-rules.ts';
import { freezeEvaluation } from '../../server/services/evaluation/evaluation.service.ts';
import { findPolicy } from '../../server/http/auth.policy.ts';
import { createApp } from '../../server/http/app.ts';
import { createLogger } from '../../server/logger.ts';
import { audit } from '../../server/services/audit/audit.service.ts';
import { seedDemoCounty } from '../../server/services/demo/demo-seed.service.ts';
import { createTestDatabase } from '../support/database.ts';
import {
  ensurePersona,
  loginAs,
  PERSONA_PASSWORD,
  registeredRoutes,
  type Agent,
} from '../support/personas.ts';
import { DEMO_AS_OF } from '../support/demo.ts';

const { knex } = await createTestDatabase();
await seedDemoCounty(knex, { asOf: DEMO_AS_OF });
const app = createApp({
  db: { knex, mode: inject('dbMode'), close: () => Promise.resolve() },
  logger: createLogger('silent'),
});

const PERSONAS = ['anonymous', 'admin', 'analyst', 'clerk', 'unitA', 'unitB', 'viewer'] as const;
type Persona = (typeof PERSONAS)[number];
/** The two unit personas: an agency and a township of the demo county. */
const UNIT_OF: Partial<Record<Persona, string>> = { unitA: 'A01', unitB: 'T01' };

async function agentFor(p: Persona): Promise<Agent> {
  switch (p) {
    case 'anonymous':
      return request.agent(app);
    case 'unitA':
    case 'unitB':
      return loginAs(app, knex, 'unit', UNIT_OF[p]);
    default:
      return loginAs(app, knex, p);
  }
}

type Status = number;
/** Status per persona; `...ALL(200)` style helpers below keep rows short. */
type Expect = Record<Persona, Status>;
const signedIn = (s: Status): Expect => ({
  anonymous: 401,
  admin: s,
  analyst: s,
  clerk: s,
  unitA: s,
  unitB: s,
  viewer: s,
});
const adminOnly = (s: Status): Expect => ({ ...signedIn(403), admin: s });

interface Row {
  expect: Expect;
  /** How to call it (default: the path as is, no body). Gets a fresh agent when `fresh` is set. */
  call?: (agent: Agent, persona: Persona) => PromiseLike<request.Response>;
  /** Sign in anew for this route (it ends or changes the session). */
  fresh?: boolean;
  /**
   * Which units a 200 answer may name (unit codes found anywhere in the body): 'scoped' = a unit user sees only
   * their own unit, everyone else more than one; 'self' = only the caller's own unit (or none); 'none'.
   */
  units?: 'scoped' | 'self' | 'none';
}

const importers = (s: Status): Expect => ({ ...signedIn(403), admin: s, analyst: s, clerk: s });
const mappers = (s: Status): Expect => ({ ...signedIn(403), admin: s, analyst: s });
/** The judicial bureau: who issues notices (analysts, admins). */
const bureau = mappers;
/** Who reads the year-end evaluation: the bureau and viewers (the leadership), never a unit. */
const evaluationReaders = (s: Status): Expect => ({ ...mappers(s), viewer: s });
/** The bureau and unit users (their own unit's notice); clerks and viewers are not notice readers. */
const readers = (s: Status): Expect => ({ ...signedIn(403), admin: s, analyst: s, unitA: s, unitB: s });

/** A one-case litigation file; each persona's case number differs so no upload is a duplicate of another. */
function litigationCsv(tag: string): string {
  return `案号,立案日期,被告\r\n(2025)示1321行初9${tag}号,2025-03-05,县公安局\r\n`;
}
const upload = (a: Agent, kind: string, body: string, name = '行政诉讼案件.csv') =>
  a
    .post(`/api/imports/${kind}`)
    .set('Content-Type', 'application/octet-stream')
    .set('X-File-Name', encodeURIComponent(name))
    .send(Buffer.from(body));
let importId = 0;

const MATRIX: Record<string, Row> = {
  'GET /api/health': { expect: { ...signedIn(200), anonymous: 200 }, units: 'none' },
  'POST /api/auth/login': {
    // Wrong credentials for everyone: the route is public and answers the same to all.
    expect: { ...signedIn(401), anonymous: 401 },
    call: (a, p) =>
      a.post('/api/auth/login').send({ username: `matrix-nobody-${p}`, password: 'not-the-password' }),
  },
  'GET /api/auth/me': { expect: signedIn(200), units: 'self' },
  'POST /api/auth/extend': { expect: signedIn(200), units: 'none' },
  'POST /api/auth/logout': { expect: signedIn(204), fresh: true },
  'POST /api/auth/password': {
    expect: signedIn(400), // signed in, but the current password given is wrong
    call: (a) =>
      a.post('/api/auth/password').send({ currentPassword: 'wrong', newPassword: 'a-new-long-passphrase' }),
  },
  'GET /api/users': { expect: adminOnly(200), units: 'scoped' },
  'POST /api/users': {
    expect: adminOnly(201),
    call: (a, p) => a.post('/api/users').send({ username: `matrix-new-${p}`, role: 'viewer' }),
  },
  'POST /api/users/:username/disable': {
    expect: adminOnly(200),
    call: (a) => a.post('/api/users/matrix-target/disable'),
  },
  'POST /api/users/:username/enable': {
    expect: adminOnly(200),
    call: (a) => a.post('/api/users/matrix-target/enable'),
  },
  'POST /api/users/:username/reset-password': {
    expect: adminOnly(200),
    call: (a) => a.post('/api/users/matrix-target/reset-password'),
  },
  'GET /api/admin/settings': { expect: adminOnly(200), units: 'none' },
  'PUT /api/admin/settings': {
    expect: adminOnly(200),
    call: (a) => a.put('/api/admin/settings').send({ unitUsersSeeCounty: false }),
  },
  'GET /api/audit': { expect: adminOnly(200) },
  // County totals: hidden from unit users by default (see the settings test below).
  'POST /api/imports/:kind': {
    expect: importers(200),
    call: (a, p) => upload(a, 'litigation', litigationCsv(String(PERSONAS.indexOf(p)).padStart(3, '0'))),
  },
  'GET /api/imports': { expect: importers(200), units: 'none' },
  'GET /api/imports/:id': { expect: importers(200), call: (a) => a.get(`/api/imports/${importId}`) },
  'GET /api/imports/:id/rejected': {
    expect: importers(200),
    call: (a) => a.get(`/api/imports/${importId}/rejected`),
  },
  'GET /api/imports/:id/rejected.csv': {
    expect: importers(200),
    call: (a) => a.get(`/api/imports/${importId}/rejected.csv`),
  },
  'GET /api/unmatched': { expect: importers(200), units: 'none' },
  'GET /api/unmatched/rows': { expect: importers(200), units: 'none' },
  'POST /api/unmatched/map': {
    expect: mappers(200),
    call: (a, p) => a.post('/api/unmatched/map').send({ name: `矩阵测试局${p}`, code: 'A02' }),
  },
  'GET /api/overview': { expect: { ...signedIn(200), unitA: 403, unitB: 403 }, units: 'none' },
  'GET /api/data-as-of': { expect: signedIn(200), units: 'none' },

  // Metrics (issue #5): every signed-in role reads, unit users only their own unit; thresholds are admin-only.
  'GET /api/metrics': {
    expect: signedIn(200),
    call: (a) => a.get('/api/metrics').query({ from: '2025-01-01', to: '2025-12-31', by: 'unit' }),
    units: 'scoped',
  },
  'GET /api/metrics/definitions': { expect: signedIn(200), units: 'none' },
  // A unit's case list: each persona asks for their own unit (unit users) or A01; another unit's is a 403
  // (tests/e2e/unit-cases.test.ts).
  'GET /api/units/:code/cases': {
    expect: signedIn(200),
    call: (a, p) =>
      a.get(`/api/units/${UNIT_OF[p] ?? 'A01'}/cases`).query({ from: '2025-01-01', to: '2025-12-31' }),
  },
  'GET /api/metrics/narrative': {
    expect: signedIn(200),
    call: (a) => a.get('/api/metrics/narrative').query({ from: '2025-01-01', to: '2025-12-31' }),
  },
  'GET /api/metrics/settings': { expect: signedIn(200), units: 'none' },
  'PUT /api/metrics/settings': {
    expect: adminOnly(200),
    call: async (a) =>
      a.put('/api/metrics/settings').send((await agents.admin.get('/api/metrics/settings')).body),
  },
  'GET /api/exports/metrics.csv': {
    expect: signedIn(200),
    call: (a) =>
      a.get('/api/exports/metrics.csv').query({ from: '2025-01-01', to: '2025-12-31', by: 'unit' }),
    units: 'scoped',
  },
  'GET /api/exports/metrics.xlsx': {
    expect: signedIn(200),
    call: (a) =>
      a.get('/api/exports/metrics.xlsx').query({ from: '2025-01-01', to: '2025-12-31', by: 'unit' }),
  },

  // A unit's case list as a file: like the list, each persona downloads their own unit (unit users) or A01.
  'GET /api/exports/units/:code/cases.csv': {
    expect: signedIn(200),
    call: (a, p) =>
      a
        .get(`/api/exports/units/${UNIT_OF[p] ?? 'A01'}/cases.csv`)
        .query({ from: '2025-01-01', to: '2025-12-31' }),
  },
  'GET /api/exports/units/:code/cases.xlsx': {
    expect: signedIn(200),
    call: (a, p) =>
      a
        .get(`/api/exports/units/${UNIT_OF[p] ?? 'A01'}/cases.xlsx`)
        .query({ from: '2025-01-01', to: '2025-12-31' }),
  },

  // Scheduled pulls (issue #6): the job panel and the sources are the admin's.
  'GET /api/jobs': { expect: adminOnly(200), units: 'none' },
  'GET /api/jobs/:name/runs': {
    expect: adminOnly(200),
    call: (a) => a.get('/api/jobs/stale-run-recovery/runs'),
    units: 'none',
  },
  'POST /api/jobs/:name/run': {
    expect: adminOnly(200),
    call: (a) => a.post('/api/jobs/job-run-pruning/run'),
  },
  'GET /api/sources': { expect: adminOnly(200), units: 'none' },
  // Editing sources: the admin's calls are refused by validation (400) or name no source (404), so the matrix
  // never writes a sources file; tests/integration/job-api.test.ts covers the writes.
  'PUT /api/sources/:name': {
    expect: adminOnly(400),
    call: (a) => a.put('/api/sources/matrix-source').send({ kind: 'litigation', type: 'ftp' }),
  },
  'POST /api/sources/:name/enable': {
    expect: adminOnly(404),
    call: (a) => a.post('/api/sources/matrix-none/enable'),
  },
  'POST /api/sources/:name/disable': {
    expect: adminOnly(404),
    call: (a) => a.post('/api/sources/matrix-none/disable'),
  },

  // The joint-meeting report (issue #8): unit users get their own unit's report; frozen snapshots are county
  // material.
  'POST /api/reports/preview': {
    expect: signedIn(200),
    call: (a) => a.post('/api/reports/preview').send({ from: '2025-01-01', to: '2025-12-31' }),
  },
  'POST /api/reports/generate': {
    expect: signedIn(200),
    call: (a) =>
      a.post('/api/reports/generate').send({ from: '2025-01-01', to: '2025-12-31', format: 'xlsx' }),
  },
  'GET /api/reports/snapshots': { expect: signedIn(200) },
  'GET /api/reports/snapshots/:id/:format': {
    expect: { ...signedIn(200), unitA: 403, unitB: 403 },
    call: (a) => a.get(`/api/reports/snapshots/${snapshotId}/xlsx`),
  },

  // Notices (issue #14): the bureau (analysts, admins) issues and follows up; a unit user reads and signs its own
  // unit's copy. Another unit's copy is a 404 (tests/e2e/notices.test.ts).
  'POST /api/notices': {
    expect: bureau(201),
    call: (a) => a.post('/api/notices').send({ preset: 'quarter', year: 2025, quarter: 4, units: ['A01'] }),
  },
  'POST /api/notices/preview': {
    expect: bureau(200),
    call: (a) =>
      a.post('/api/notices/preview').send({ preset: 'quarter', year: 2025, quarter: 4, units: ['A01'] }),
  },
  'GET /api/notices': { expect: bureau(200), units: 'none' },
  'GET /api/notices/inbox': { expect: signedIn(200), units: 'self' },
  'GET /api/notices/settings': { expect: bureau(200), units: 'none' },
  'PUT /api/notices/settings': {
    expect: bureau(200),
    call: (a) => a.put('/api/notices/settings').send({ docPrefix: '示例府院办' }),
  },
  'GET /api/notices/:id': { expect: bureau(200), call: (a) => a.get(`/api/notices/${noticeId}`) },
  'GET /api/notices/:id/status': {
    expect: bureau(200),
    call: (a) => a.get(`/api/notices/${noticeId}/status`),
    units: 'scoped',
  },
  'GET /api/notices/:id/units/:code': {
    expect: readers(200),
    call: (a, p) => a.get(`/api/notices/${noticeId}/units/${UNIT_OF[p] ?? 'A01'}`),
  },
  'GET /api/notices/:id/document': {
    expect: readers(200),
    call: (a, p) => a.get(`/api/notices/${noticeId}/document`).query({ part: UNIT_OF[p] ?? 'county' }),
  },
  'GET /api/notices/:id/all.zip': {
    expect: bureau(200),
    call: (a) => a.get(`/api/notices/${noticeId}/all.zip`),
  },
  'POST /api/notices/:id/sign': {
    expect: { ...signedIn(403), unitA: 200, unitB: 200 },
    call: (a) => a.post(`/api/notices/${noticeId}/sign`),
    units: 'self',
  },
  'POST /api/notices/:id/resend': {
    expect: bureau(200),
    call: (a) => a.post(`/api/notices/${noticeId}/resend`).send({}),
  },

  // The year-end evaluation (issue #16): the bureau and viewers read it; analysts and admins save and freeze.
  'GET /api/evaluation/:year': {
    expect: evaluationReaders(200),
    units: 'scoped',
    call: (a) => a.get('/api/evaluation/2025'),
  },
  'GET /api/evaluation/:year/export.xlsx': {
    expect: evaluationReaders(200),
    call: (a) => a.get('/api/evaluation/2025/export.xlsx'),
  },
  'GET /api/evaluation/:year/rules': {
    expect: evaluationReaders(200),
    units: 'none',
    call: (a) => a.get('/api/evaluation/2025/rules'),
  },
  'PUT /api/evaluation/:year/rules': {
    expect: bureau(201),
    call: (a) => a.put('/api/evaluation/2025/rules').send(demoEvaluationRules(2025)),
  },
  'POST /api/evaluation/preview': {
    expect: bureau(200),
    units: 'scoped',
    call: (a) => a.post('/api/evaluation/preview').send(demoEvaluationRules(2025)),
  },
  'POST /api/evaluation/:year/snapshots': {
    expect: bureau(201),
    call: (a) => a.post('/api/evaluation/2025/snapshots'),
  },
  'GET /api/evaluation/snapshots/:id': {
    expect: evaluationReaders(200),
    call: (a) => a.get(`/api/evaluation/snapshots/${evaluationId}`),
  },

  // Disputes (issue #15): unit users file and follow their own unit's (another unit's is a 404), the bureau
  // decides. Each call files a fresh dispute of a record charged to the caller's unit (A02's for other roles),
  // so no call finds another's already decided (tests/e2e/disputes.test.ts covers the flow).
  'POST /api/disputes': {
    expect: { ...signedIn(403), admin: 201, analyst: 201, unitA: 201, unitB: 201 },
    call: (a, p) => a.post('/api/disputes').send(disputeBody(p)),
  },
  'GET /api/disputes': { expect: signedIn(200), units: 'scoped' },
  'GET /api/disputes/:id': {
    expect: { ...signedIn(200), unitB: 404 },
    call: (a) => a.get(`/api/disputes/${disputeOfA01}`),
  },
  'POST /api/disputes/:id/accept': {
    expect: bureau(200),
    call: async (a, p) => a.post(`/api/disputes/${await freshDispute(p)}/accept`).send({ note: '核实' }),
  },
  'POST /api/disputes/:id/reject': {
    expect: bureau(200),
    call: async (a, p) =>
      a.post(`/api/disputes/${await freshDispute(p)}/reject`).send({ reason: '证据不足' }),
  },
  'POST /api/disputes/:id/withdraw': {
    expect: { ...signedIn(403), admin: 200, analyst: 200, unitA: 200, unitB: 200 },
    call: async (a, p) => a.post(`/api/disputes/${await freshDispute(p)}/withdraw`),
  },
  'POST /api/disputes/:id/attachments': {
    expect: { ...signedIn(403), admin: 201, analyst: 201, unitA: 201, unitB: 201 },
    call: async (a, p) =>
      a
        .post(`/api/disputes/${await freshDispute(p)}/attachments`)
        .set('Content-Type', 'application/octet-stream')
        .set('X-File-Name', encodeURIComponent('判决书.png'))
        .send(PNG),
  },
  'GET /api/disputes/:id/attachments/:attachmentId': {
    expect: { ...signedIn(200), unitB: 404 },
    call: (a) => a.get(`/api/disputes/${disputeOfA01}/attachments/${attachmentOfA01}`),
  },
};
let snapshotId = '';
let noticeId = '';
let evaluationId = '';

/** Concluded pre-litigation records per unit code, each disputed once (its result flipped). */
const disputable = new Map<string, { dispute_no: string; result: string }[]>();
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
let disputeOfA01 = 0;
let attachmentOfA01 = 0;
function disputeBody(p: Persona) {
  const unit = UNIT_OF[p] ?? 'A02';
  const r = disputable.get(unit)?.shift();
  if (!r) throw new Error(`no disputable record of ${unit} left`);
  return {
    family: 'prelitigation',
    record_no: r.dispute_no,
    field: 'result',
    value: r.result === '化解成功' ? '未化解' : '化解成功',
    reason: '矩阵测试',
  };
}
/** A pending dispute of the persona's unit (A02 for other roles), filed by the analyst. */
async function freshDispute(p: Persona): Promise<number> {
  const res = await agents.analyst.post('/api/disputes').send(disputeBody(p));
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return (res.body as { id: number }).id;
}

/**
 * Cells of the matrix that fail today because of a bug outside access control, pinned here so the suite stays
 * green while the bug is open: each runs as `it.fails`, and starts failing (asking for its removal) once fixed.
 */
const KNOWN_BUGS: Record<string, string> = {};

/** The demo county's unit codes (G01, A01…, T01…), to find in CSV answers. */
const UNIT_CODE_IN_TEXT = /(?<![A-Za-z0-9])[GATV]\d{2}(?![0-9])/g;

/** Unit codes named anywhere in a JSON answer (`unit_code`, `unitCode`, or `{ unit: { code } }`). */
function unitCodes(body: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(body)) body.forEach((b) => unitCodes(b, found));
  else if (body && typeof body === 'object') {
    for (const [k, v] of Object.entries(body)) {
      if ((k === 'unit_code' || k === 'unitCode') && typeof v === 'string') found.add(v);
      else if (
        k === 'unit' &&
        v &&
        typeof v === 'object' &&
        typeof (v as { code?: unknown }).code === 'string'
      ) {
        found.add((v as { code: string }).code);
      }
      unitCodes(v, found);
    }
  }
  return found;
}

const agents = {} as Record<Persona, Agent>;
beforeAll(async () => {
  for (const p of PERSONAS) agents[p] = await agentFor(p);
  await ensurePersona(knex, 'viewer'); // exists for the user-admin rows below
  const first = await upload(
    agents.admin,
    'litigation',
    '案号,立案日期,被告\r\n(2025)示1321行初8001号,2025-13-01,县公安局\r\n',
  );
  expect(first.status, JSON.stringify(first.body)).toBe(200);
  importId = (await knex('import_ledger').max('id as id').first())!.id as number;
  if (registeredRoutes(app).some((r) => r.path === '/api/reports/generate')) {
    const frozen = await agents.admin
      .post('/api/reports/generate')
      .send({ from: '2025-01-01', to: '2025-12-31', format: 'xlsx', freeze: true });
    expect(frozen.status, JSON.stringify(frozen.body)).toBe(200);
    snapshotId = frozen.headers['x-report-snapshot'] as string;
  }
  if (registeredRoutes(app).some((r) => r.path === '/api/notices')) {
    const issued = await agents.analyst
      .post('/api/notices')
      .send({ preset: 'quarter', year: 2025, quarter: 4, units: ['A01', 'T01', 'A02'] });
    expect(issued.status, JSON.stringify(issued.body)).toBe(201);
    noticeId = (issued.body as { id: string }).id;
  }
  evaluationId = (await freezeEvaluation({ db: knex }, { actor: null, ip: 'test' }, 2025)).id;
  const concluded = await knex('prelitigation_dispute as p')
    .join('unit as u', 'u.id', 'p.unit_id')
    .whereNot('p.result', '进行中')
    .orderBy('p.dispute_no')
    .select<{ dispute_no: string; result: string; code: string }[]>('p.dispute_no', 'p.result', 'u.code');
  for (const { code, ...r } of concluded) disputable.set(code, [...(disputable.get(code) ?? []), r]);
  if (registeredRoutes(app).some((r) => r.path === '/api/disputes')) {
    disputeOfA01 = await freshDispute('unitA');
    await freshDispute('unitB'); // the bureau's list then names two units
    const att = await agents.unitA
      .post(`/api/disputes/${disputeOfA01}/attachments`)
      .set('Content-Type', 'application/octet-stream')
      .send(PNG);
    expect(att.status, JSON.stringify(att.body)).toBe(201);
    attachmentOfA01 = (att.body as { id: number }).id;
  }
  await knex('app_user')
    .insert({
      ...(await knex('app_user').where('username', 'p-viewer').first()),
      id: undefined,
      username: 'matrix-target',
    })
    .onConflict('username')
    .ignore();
});

describe('persona matrix', () => {
  it('covers every registered /api route with a policy and a matrix row', () => {
    const routes = registeredRoutes(app).filter((r) => r.path.startsWith('/api'));
    expect(routes.length).toBeGreaterThan(10);
    const keys = routes.map((r) => `${r.method} ${r.path}`);
    const withoutPolicy = routes
      .filter((r) => !findPolicy(r.method, r.path))
      .map((r) => `${r.method} ${r.path}`);
    expect(withoutPolicy, 'routes with no entry in server/http/auth.policy.ts').toEqual([]);
    expect(
      keys.filter((k) => !(k in MATRIX)),
      'routes with no row in MATRIX (tests/e2e/personas.test.ts)',
    ).toEqual([]);
    expect(
      Object.keys(MATRIX).filter((k) => !keys.includes(k)),
      'MATRIX rows naming no registered route (renamed or removed?)',
    ).toEqual([]);
  });

  for (const [key, row] of Object.entries(MATRIX)) {
    // Every row runs: a row whose route is not registered fails the coverage test above rather than skipping.
    describe(key, () => {
      for (const persona of PERSONAS) {
        const bug = KNOWN_BUGS[`${key} as ${persona}`];
        (bug ? it.fails : it)(
          `as ${persona} → ${row.expect[persona]}${bug ? ` (known bug: ${bug})` : ''}`,
          async () => {
            const agent = row.fresh ? await agentFor(persona) : agents[persona];
            const [method, path] = key.split(' ') as [string, string];
            const res = await (row.call
              ? row.call(agent, persona)
              : (agent as unknown as Record<string, (p: string) => request.Test>)[method.toLowerCase()]!(
                  path,
                ));
            expect(res.status, JSON.stringify(res.body)).toBe(row.expect[persona]);
            if (res.status !== 200 || !row.units) return;
            const codes =
              typeof res.text === 'string' && /^text\/csv/.test(res.type)
                ? [...new Set(res.text.match(UNIT_CODE_IN_TEXT) ?? [])]
                : [...unitCodes(res.body)];
            const own = UNIT_OF[persona];
            if (row.units === 'none') expect(codes).toEqual([]);
            if (row.units === 'self') expect(codes).toEqual(own ? [own] : []);
            if (row.units === 'scoped') {
              if (own) expect(codes).toEqual([own]);
              else expect(codes.length).toBeGreaterThan(1);
            }
          },
        );
      }
    });
  }
});

describe('unit users and county figures', () => {
  it('see county totals only while an admin allows it', async () => {
    await agents.admin.put('/api/admin/settings').send({ unitUsersSeeCounty: true }).expect(200);
    await agents.unitA.get('/api/overview').expect(200);
    await agents.unitB.get('/api/overview').expect(200);
    // The switch shows in the session's description too (the web hides county panels from it).
    expect((await agents.unitA.get('/api/auth/me')).body.user.countyVisible).toBe(true);
    const login = await request(app)
      .post('/api/auth/login')
      .send({ username: await ensurePersona(knex, 'unit', 'T02'), password: PERSONA_PASSWORD })
      .expect(200);
    expect(login.body.user.countyVisible).toBe(true);
    await agents.admin.put('/api/admin/settings').send({ unitUsersSeeCounty: false }).expect(200);
    await agents.unitA.get('/api/overview').expect(403);
    expect((await agents.unitA.get('/api/auth/me')).body.user.countyVisible).toBe(false);
  });
});

describe('SQL metacharacters in text filters', () => {
  const nasty = ["' OR '1'='1", '%', '_', '\\', '"; DROP TABLE app_user; --', '示例县%', "A01' --"];
  const names = [
    'unit',
    'units',
    'unitCode',
    'unit_code',
    'kind',
    'by',
    'q',
    'name',
    'actor',
    'action',
    'target',
  ];

  it('never break a GET route or widen a unit user’s answer', async () => {
    const reads = registeredRoutes(app).filter((r) => r.method === 'GET' && r.path.startsWith('/api'));
    const users = (await knex('app_user').count('* as n').first())!.n;
    for (const route of reads) {
      for (const value of nasty) {
        const query = Object.fromEntries(names.map((n) => [n, value]));
        // Path parameters (ids, usernames, formats) get the same values.
        const path = route.path.replace(/:[A-Za-z_]+/g, encodeURIComponent(value));
        for (const persona of ['admin', 'unitA'] as const) {
          const res = await agents[persona].get(path).query(query);
          expect(res.status, `${path} ${value} as ${persona}`).toBeLessThan(500);
          if (persona === 'unitA' && res.status === 200) {
            expect([...unitCodes(res.body)].filter((c) => c !== 'A01')).toEqual([]);
          }
        }
      }
    }
    // Nothing was dropped or added on the way.
    expect((await knex('app_user').count('* as n').first())!.n).toBe(users);
  });

  it('match audit filters literally', async () => {
    await audit.record(knex, {
      actor: null,
      username: 'x',
      action: 'export.download',
      target: "50%_off\\'示例'.csv",
    });
    const everything = (await agents.admin.get('/api/audit').query({ limit: 500 }).expect(200)).body
      .events as {
      target: string | null;
    }[];
    for (const value of nasty) {
      const byActor = await agents.admin.get('/api/audit').query({ actor: value, action: value }).expect(200);
      expect(byActor.body.events).toEqual([]);
      // A target filter finds exactly the events whose target contains the text as typed (`%`, `_` and `\`
      // included): worked out here from the unfiltered list.
      const byTarget = await agents.admin.get('/api/audit').query({ target: value, limit: 500 }).expect(200);
      const expected = everything.filter((e) => e.target?.includes(value)).length;
      expect(byTarget.body.events.length, value).toBe(expected);
    }
    const some = await agents.admin.get('/api/audit').query({ target: "%_off\\'" }).expect(200);
    expect(some.body.events.map((e: { target: string }) => e.target)).toEqual(["50%_off\\'示例'.csv"]);
  });
});

describe('imports by record kind', () => {
  it('lets a court clerk import litigation records but not reconsideration ones', async () => {
    const body = '复议案号,申请日期,被申请人\r\n示复〔2025〕9001号,2025-02-01,县公安局\r\n';
    const res = await upload(agents.clerk, 'reconsideration', body).expect(403);
    expect(res.body.error.code).toBe('forbidden');
    await upload(agents.analyst, 'reconsideration', body).expect(200);
  });

  it('records uploads and mappings in the audit log without the routes knowing', async () => {
    const uploads = await knex('audit_event').where({ action: 'import.upload', outcome: 'success' });
    expect(uploads.map((u) => u.actor_username)).toEqual(
      expect.arrayContaining(['p-admin', 'p-clerk-litigation']),
    );
    const maps = await knex('audit_event').where({ action: 'unit.map' }).select('actor_username', 'detail');
    expect(maps.map((m) => m.actor_username).sort()).toEqual(['p-admin', 'p-analyst']);
  });

  it('records a download with its file name', async () => {
    await agents.analyst.get(`/api/imports/${importId}/rejected.csv`).expect(200);
    // Written when the response finishes, so it may land a moment after the client has the file.
    const targets = async () =>
      (await knex('audit_event').where({ action: 'export.download', actor_username: 'p-analyst' })).map(
        (d) => d.target as string,
      );
    await expect.poll(targets).toContain(`rejected-import-${importId}.csv`);
  });
});

describe('unit users tampering with metric filters', () => {
  const period = { from: '2025-01-01', to: '2025-12-31', by: 'unit' };

  it('get their own unit when they name it, and 403 when they name another', async () => {
    const own = await agents.unitA
      .get('/api/metrics')
      .query({ ...period, units: 'A01' })
      .expect(200);
    expect([...unitCodes(own.body)]).toEqual(['A01']);
    await agents.unitA
      .get('/api/metrics')
      .query({ ...period, units: 'A02' })
      .expect(403);
    await agents.unitA
      .get('/api/metrics')
      .query({ ...period, units: 'A01,T01' })
      .expect(403);
    const otherId = (await knex('unit').where('code', 'T01').first()).id as number;
    await agents.unitA
      .get('/api/metrics')
      .query({ ...period, unitIds: String(otherId) })
      .expect(403);
    await agents.unitA
      .get('/api/exports/metrics.csv')
      .query({ ...period, units: 'T01' })
      .expect(403);
  });

  it('get only their own unit in the Arrow stream too', async () => {
    const binary = (res: request.Response, cb: (err: Error | null, body: Buffer) => void) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    };
    const codesIn = async (agent: Agent) => {
      const res = await agent
        .get('/api/metrics')
        .set('Accept', 'application/vnd.apache.arrow.stream')
        .query(period)
        .buffer(true)
        .parse(binary)
        .expect(200);
      const column = tableFromIPC(res.body as Buffer).getChild('unit_code');
      return new Set([...(column?.toArray() ?? [])].filter((c): c is string => typeof c === 'string'));
    };
    expect([...(await codesIn(agents.unitA))]).toEqual(['A01']);
    expect((await codesIn(agents.analyst)).size).toBeGreaterThan(10);
  });

  it('records one audit event per export download', async () => {
    const before = (await knex('audit_event').max('id as id').first())!.id as number;
    const res = await agents.viewer.get('/api/exports/metrics.csv').query(period).expect(200);
    expect(res.headers['content-disposition']).toMatch(/^attachment/);
    await new Promise((r) => setTimeout(r, 200)); // let a (wrongly) doubled on-finish event land
    const events = await knex('audit_event')
      .where('id', '>', before)
      .where({ action: 'export.download', actor_username: 'p-viewer' });
    expect(events).toHaveLength(1);
  });
});
