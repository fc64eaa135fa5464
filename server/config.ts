import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** The repository root: data/, web/dist/ and migrations/ are found relative to it, whatever the cwd. */
export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const envSchema = z.object({
  DATABASE_URL: z.string().url().optional(),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  DATA_DIR: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Seed the demo county on first start of an empty embedded database ("0" to disable). */
  SEED_DEMO: z.enum(['0', '1']).optional(),
  /** Bytes of finished metric responses kept until the data changes (server/services/metrics/metrics-cache.ts); 0: off. */
  METRICS_CACHE_MB: z.coerce.number().min(0).default(256),
});

export interface AppConfig {
  databaseUrl: string | undefined;
  port: number;
  host: string;
  /** Where the embedded PostgreSQL cluster and other local state live (git-ignored). */
  dataDir: string;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  seedDemo: boolean | undefined;
  metricsCacheMb: number;
}

/** Reads configuration from the environment once; every entry point calls this and passes the result down. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid configuration: ${detail}`);
  }
  const e = parsed.data;
  return {
    databaseUrl: e.DATABASE_URL,
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR ?? path.join(projectRoot, 'data')),
    logLevel: e.LOG_LEVEL,
    seedDemo: e.SEED_DEMO === undefined ? undefined : e.SEED_DEMO === '1',
    metricsCacheMb: e.METRICS_CACHE_MB,
  };
}
