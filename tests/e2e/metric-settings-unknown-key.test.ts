/**
 * Regression: PUT /api/metrics/settings with a key the settings do not have answered 500 `internal` (the
 * service's MetricsQueryError reached the error handler unmapped). It is the client's mistake: 400
 * `invalid_request`, with the unknown key named, and nothing written. Fixed by the error map (server/http/error-map.ts).
 */
import { describe, expect, inject, it } from 'vitest';
import { createApp } from '../../server/http/app.ts';
import { createLogger } from '../../server/logger.ts';
import { createTestDatabase } from '../support/database.ts';
import { loginAs } from '../support/personas.ts';

const { knex } = await createTestDatabase();
const app = createApp({
  db: { knex, mode: inject('dbMode'), close: () => Promise.resolve() },
  logger: createLogger('silent'),
});
const admin = await loginAs(app, knex, 'admin');

describe('PUT /api/metrics/settings with an unknown key', () => {
  it('answers 400 invalid_request naming the key, not 500, and changes nothing', async () => {
    const before = (await admin.get('/api/metrics/settings').expect(200)).body as Record<string, unknown>;
    const res = await admin.put('/api/metrics/settings').send({ no_such_setting: 3 });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_request');
    expect(res.body.error.message).toContain('no_such_setting');
    expect((await admin.get('/api/metrics/settings').expect(200)).body).toEqual(before);
  });
});
