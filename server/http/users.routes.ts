import { Router } from 'express';
import { z } from 'zod';
import type { Knex } from '../db/knex.ts';
import { CLERK_RECORD_KINDS, ROLES } from '../services/auth/access.ts';
import {
  createUser,
  disableUser,
  enableUser,
  listUsers,
  resetPassword,
} from '../services/auth/user.service.ts';
import { actorOf } from './auth.middleware.ts';

const newUser = z.object({
  username: z.string().min(1).max(64),
  role: z.enum(ROLES),
  unitCode: z.string().max(32).nullish(),
  recordKind: z.enum(CLERK_RECORD_KINDS).nullish(),
  displayName: z.string().max(100).nullish(),
  password: z.string().max(1024).nullish(),
});
const params = z.object({ username: z.string().min(1).max(64) });

/** Account administration (admins only, per auth.policy.ts). One-time passwords are in the answer, once. */
export function usersRoutes(db: Knex): Router {
  const router = Router();
  router.get('/api/users', async (_req, res) => {
    res.json({ users: await listUsers(db) });
  });
  router.post('/api/users', async (req, res) => {
    const result = await createUser(db, newUser.parse(req.body), { by: actorOf(res), ip: req.ip ?? null });
    res.status(201).json(result);
  });
  router.post('/api/users/:username/disable', async (req, res) => {
    const { username } = params.parse(req.params);
    res.json({ user: await disableUser(db, username, { by: actorOf(res), ip: req.ip ?? null }) });
  });
  router.post('/api/users/:username/enable', async (req, res) => {
    const { username } = params.parse(req.params);
    res.json({ user: await enableUser(db, username, { by: actorOf(res), ip: req.ip ?? null }) });
  });
  router.post('/api/users/:username/reset-password', async (req, res) => {
    const { username } = params.parse(req.params);
    res.json(await resetPassword(db, username, { by: actorOf(res), ip: req.ip ?? null }));
  });
  return router;
}
