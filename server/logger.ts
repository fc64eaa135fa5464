import { pino, type Logger } from 'pino';

export type { Logger };

/** Structured JSON logs on stdout (one object per line), the format log shippers expect. */
export function createLogger(level: string = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({ level, base: { app: 'shuangjiang' }, timestamp: pino.stdTimeFunctions.isoTime });
}
