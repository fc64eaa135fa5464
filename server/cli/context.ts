import { loadConfig, type AppConfig } from '../config.ts';
import { connectDatabase, type Database } from '../db/connect.ts';
import { migrateLatest } from '../db/migrate.ts';
import type { Logger } from '../logger.ts';
import { pino } from 'pino';

/** An error whose message is meant for the user as is; exitCode defaults to 1. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

export interface CliContext {
  config: AppConfig;
  logger: Logger;
  db: Database;
}

/**
 * Runs one command with a database (migrated to the latest schema first, so a fresh clone's first command
 * works) and always closes it, stopping an embedded cluster the command started.
 */
export async function withDatabase<T>(
  fn: (ctx: CliContext) => Promise<T>,
  { migrate = true }: { migrate?: boolean } = {},
): Promise<T> {
  const config = loadConfig();
  // Logs go to stderr: stdout carries the command's answer (and --json output for scripts).
  const logger = pino({ level: process.env.LOG_LEVEL ?? 'warn' }, pino.destination(2));
  const db = await connectDatabase(config, logger);
  try {
    if (migrate) await migrateLatest(db.knex);
    return await fn({ config, logger, db });
  } finally {
    await db.close();
  }
}

export function print(json: boolean, summary: string, data: unknown): void {
  process.stdout.write(json ? JSON.stringify(data, null, 2) + '\n' : summary + '\n');
}

/** `--lang zh|en`: the language of generated sentences (the narrative); Chinese by default. */
export function parseLang(lang: string | undefined): 'zh' | 'en' {
  if (lang === undefined || lang === 'zh' || lang === 'en') return lang ?? 'zh';
  throw new CliError(`--lang must be zh or en (got ${lang})`);
}
