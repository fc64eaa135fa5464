import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { projectRoot } from '../config.ts';
import type { Knex } from './knex.ts';

const migrationsDir = path.join(projectRoot, 'migrations');

/**
 * Migrations are loaded by our own import() rather than knex's file loader, so the same TypeScript files run
 * under tsx (server, CLI) and under vitest without a separate build step.
 */
const source: Knex.MigrationSource<string> = {
  getMigrations: () =>
    Promise.resolve(
      fs
        .readdirSync(migrationsDir)
        .filter((f) => /^\d{14}_[a-z0-9_]+\.ts$/.test(f))
        .sort(),
    ),
  getMigrationName: (file) => file,
  getMigration: async (file) =>
    (await import(pathToFileURL(path.join(migrationsDir, file)).href)) as Knex.Migration,
};

const config: Knex.MigratorConfig = { migrationSource: source, tableName: 'knex_migration' };

export async function migrateLatest(db: Knex): Promise<string[]> {
  const [, applied] = (await db.migrate.latest(config)) as [number, string[]];
  return applied;
}

export async function migrateRollbackAll(db: Knex): Promise<string[]> {
  const [, undone] = (await db.migrate.rollback(config, true)) as [number, string[]];
  return undone;
}

export interface MigrationState {
  applied: number;
  pending: string[];
  latest: string | null;
}

export async function migrationState(db: Knex): Promise<MigrationState> {
  const [done, pending] = (await db.migrate.list(config)) as [{ name: string }[], { file: string }[]];
  return {
    applied: done.length,
    pending: pending.map((p) => p.file),
    latest: done.at(-1)?.name ?? null,
  };
}
