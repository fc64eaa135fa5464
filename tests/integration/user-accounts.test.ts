import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { verifyPassword } from '../../server/domain/password.ts';
import { seedDemoCounty } from '../../server/services/demo/demo-seed.service.ts';
import { audit } from '../../server/services/audit/audit.service.ts';
import {
  createUser,
  ensureFirstAdmin,
  getSettings,
  updateSettings,
  UserError,
} from '../../server/services/auth/user.service.ts';
import { createTestDatabase } from '../support/database.ts';
import { DEMO_AS_OF } from '../support/demo.ts';

const { knex, url } = await createTestDatabase();
await seedDemoCounty(knex, { asOf: DEMO_AS_OF });

const cli = { by: null, ip: 'cli' };

describe('first admin', () => {
  it('comes from ADMIN_USERNAME / ADMIN_PASSWORD, once, with no forced change', async () => {
    const said: string[] = [];
    const admin = await ensureFirstAdmin(
      knex,
      { ADMIN_USERNAME: 'Chief', ADMIN_PASSWORD: 'a-long-operator-passphrase' },
      (m) => said.push(m),
    );
    expect(admin).toMatchObject({ username: 'chief', role: 'admin', mustChangePassword: false });
    const row = await knex('app_user').where('username', 'chief').first();
    expect(await verifyPassword(row.password_hash, 'a-long-operator-passphrase')).toBe(true);
    expect(said.join('\n')).not.toContain('a-long-operator-passphrase');
    // Any account existing: nothing happens, nothing is printed.
    expect(await ensureFirstAdmin(knex, {}, (m) => said.push(m))).toBeNull();
    expect(said).toHaveLength(1);
  });

  it('gets a random one-time password, printed once, when no password is configured', async () => {
    const { knex: empty } = await createTestDatabase();
    const said: string[] = [];
    const admin = await ensureFirstAdmin(empty, {}, (m) => said.push(m));
    expect(admin).toMatchObject({ username: 'admin', mustChangePassword: true });
    const printed = /one-time password: (\S+)/.exec(said[0]!)?.[1];
    expect(printed).toHaveLength(18);
    const row = await empty('app_user').where('username', 'admin').first();
    expect(await verifyPassword(row.password_hash, printed!)).toBe(true);
    const second = createTestDatabase(); // another fresh install gets another password
    const said2: string[] = [];
    await ensureFirstAdmin((await second).knex, {}, (m) => said2.push(m));
    expect(/one-time password: (\S+)/.exec(said2[0]!)?.[1]).not.toBe(printed);
  });

  it('refuses a weak ADMIN_PASSWORD instead of starting with it', async () => {
    const { knex: empty } = await createTestDatabase();
    await expect(ensureFirstAdmin(empty, { ADMIN_PASSWORD: 'admin123' }, () => {})).rejects.toThrow(
      UserError,
    );
    expect(await empty('app_user').count('* as n').first()).toEqual({ n: 0 });
  });
});

describe('accounts', () => {
  it('binds unit users to a unit and clerks to a record kind', async () => {
    const unit = await createUser(knex, { username: 'chengguan', role: 'unit', unitCode: 'T01' }, cli);
    expect(unit.user.unitCode).toBe('T01');
    await expect(createUser(knex, { username: 'nounit', role: 'unit' }, cli)).rejects.toMatchObject({
      code: 'unit_required',
    });
    await expect(
      createUser(knex, { username: 'badunit', role: 'unit', unitCode: 'Z99' }, cli),
    ).rejects.toMatchObject({
      code: 'unknown_unit',
    });
    await expect(createUser(knex, { username: 'clerk1', role: 'clerk' }, cli)).rejects.toMatchObject({
      code: 'record_kind_required',
    });
    await expect(
      createUser(knex, { username: 'viewer-with-unit', role: 'viewer', unitCode: 'A01' }, cli),
    ).rejects.toMatchObject({ code: 'unit_not_allowed' });
    // The database holds the same rule even against code that skips the service.
    await expect(
      knex('app_user').insert({ username: 'raw', role: 'unit', password_hash: 'x', unit_id: null }),
    ).rejects.toThrow(/app_user_unit_id_chk/);
  });

  it('refuses duplicate usernames whatever their case', async () => {
    await createUser(knex, { username: 'wang.fang', role: 'viewer' }, cli);
    await expect(createUser(knex, { username: 'Wang.Fang', role: 'viewer' }, cli)).rejects.toMatchObject({
      code: 'username_taken',
    });
  });

  it('keeps the county switch off until an admin turns it on, and audits the change', async () => {
    expect(await getSettings(knex)).toEqual({ unitUsersSeeCounty: false, sessionIdleMinutes: 30 });
    await updateSettings(knex, { unitUsersSeeCounty: true }, cli);
    expect(await getSettings(knex)).toEqual({ unitUsersSeeCounty: true, sessionIdleMinutes: 30 });
    const events = await audit.list(knex, { action: 'settings.update' });
    expect(events[0]?.detail).toEqual({ unitUsersSeeCounty: true });
  });

  it('stores the session idle timeout in whole minutes and refuses one outside 5–720', async () => {
    await updateSettings(knex, { sessionIdleMinutes: 90 }, cli);
    expect((await getSettings(knex)).sessionIdleMinutes).toBe(90);
    for (const bad of [0, 4, 721, 12.5]) {
      await expect(updateSettings(knex, { sessionIdleMinutes: bad }, cli)).rejects.toMatchObject({
        status: 400,
        code: 'invalid_setting',
      });
    }
    expect((await getSettings(knex)).sessionIdleMinutes).toBe(90);
  });
});

describe('audit log', () => {
  it('is append-only: the database refuses UPDATE, DELETE and TRUNCATE', async () => {
    await audit.record(knex, { actor: null, username: 'someone', action: 'auth.login', outcome: 'failure' });
    const n = (await knex('audit_event').count('* as n').first())!.n;
    await expect(knex('audit_event').update({ outcome: 'success' })).rejects.toThrow(/append-only/);
    await expect(knex('audit_event').delete()).rejects.toThrow(/append-only/);
    await expect(knex.raw('TRUNCATE audit_event')).rejects.toThrow(/append-only/);
    expect((await knex('audit_event').count('* as n').first())!.n).toBe(n);
  });

  it('filters by actor, action prefix, outcome, target and time, newest first', async () => {
    const t = (s: string) => new Date(s);
    const base = { actor: null, ip: '10.0.0.8' } as const;
    await audit.record(knex, {
      ...base,
      username: 'li',
      action: 'auth.login',
      at: t('2026-01-05T01:00:00Z'),
    });
    await audit.record(knex, {
      ...base,
      username: 'li',
      action: 'export.download',
      target: '2025年度_败诉率.csv',
      at: t('2026-01-05T02:00:00Z'),
    });
    await audit.record(knex, {
      ...base,
      username: 'zhao',
      action: 'auth.login',
      outcome: 'failure',
      at: t('2026-01-06T01:00:00Z'),
    });
    const li = await audit.list(knex, { actor: 'li' });
    expect(li.map((e) => e.action)).toEqual(['export.download', 'auth.login']);
    expect((await audit.list(knex, { action: 'auth.' })).every((e) => e.action.startsWith('auth.'))).toBe(
      true,
    );
    expect(
      (await audit.list(knex, { outcome: 'failure', actor: 'zhao' })).map((e) => e.actor_username),
    ).toEqual(['zhao']);
    expect((await audit.list(knex, { target: '年度_败' })).map((e) => e.target)).toEqual([
      '2025年度_败诉率.csv',
    ]);
    expect(await audit.list(knex, { target: '年度%败' })).toEqual([]); // % is literal, not a wildcard
    const day = await audit.list(knex, { from: t('2026-01-05T00:00:00Z'), to: t('2026-01-06T00:00:00Z') });
    expect(day.map((e) => e.actor_username)).toEqual(['li', 'li']);
    expect(new Date(day[0]!.at).toISOString()).toBe('2026-01-05T02:00:00.000Z');
  });
});

describe('user CLI', () => {
  const run = (args: string[], input?: string) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'server/cli/main.ts', ...args], {
      env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: 'silent' },
      input,
      encoding: 'utf8',
    });

  it('adds, resets, disables and lists users, printing one-time passwords once', async () => {
    const added = run(['user', 'add', 'zhou', '--role', 'unit', '--unit', 'A02']);
    expect(added.stderr).toBe('');
    expect(added.status).toBe(0);
    const otp = /one-time password \(shown once, change at first sign-in\): (\S+)/.exec(added.stdout)?.[1];
    expect(otp).toHaveLength(18);
    const row = await knex('app_user').where('username', 'zhou').first();
    expect(row.must_change_password).toBe(true);
    expect(await verifyPassword(row.password_hash, otp!)).toBe(true);

    const piped = run(
      ['user', 'add', 'sun', '--role', 'analyst', '--password-stdin', '--json'],
      'piped-in-passphrase\n',
    );
    expect(piped.status).toBe(0);
    expect(JSON.parse(piped.stdout)).toMatchObject({
      user: { username: 'sun', role: 'analyst' },
      oneTimePassword: null,
    });
    const sun = await knex('app_user').where('username', 'sun').first();
    expect(await verifyPassword(sun.password_hash, 'piped-in-passphrase')).toBe(true);

    const weak = run(['user', 'add', 'qian', '--role', 'viewer', '--password-stdin'], 'password123');
    expect(weak.status).toBe(1);
    expect(weak.stderr).toContain('too common');

    const reset = run(['user', 'reset-password', 'sun']);
    expect(reset.status).toBe(0);
    expect(reset.stdout).toMatch(/^reset sun; one-time password/);

    expect(run(['user', 'disable', 'sun']).stdout).toBe('disabled sun; their sessions are ended\n');
    const list = run(['user', 'list']);
    expect(list.stdout).toContain('sun\tanalyst\t\tdisabled');
    expect(list.stdout).toContain('zhou\tunit\tA02\tmust change password');

    expect(run(['user', 'disable', 'nobody']).status).toBe(1);
    const events = await audit.list(knex, { target: 'sun' });
    expect(events.map((e) => e.action)).toEqual(['user.disable', 'user.reset_password', 'user.create']);
    expect(events.every((e) => e.ip === 'cli')).toBe(true);
  });
});
