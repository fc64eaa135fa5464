import { Router } from 'express';
import type { Database } from '../db/connect.ts';
import { migrationState } from '../db/migrate.ts';

/** GET /api/health: is the database reachable, which mode is it in, is the schema current. */
export function healthRoutes(db: Database): Router {
  const router = Router();
  router.get('/api/health', async (_req, res) => {
    const [state, ping] = await Promise.all([
      migrationState(db.knex),
      db.knex.raw<{ rows: { server_version: string }[] }>('SHOW server_version'),
    ]);
    const ok = state.pending.length === 0;
    res.status(ok ? 200 : 503).json({
      status: ok ? 'ok' : 'migrations_pending',
      database: { mode: db.mode, serverVersion: ping.rows[0]?.server_version ?? null },
      migrations: state,
    });
  });
  return router;
}
