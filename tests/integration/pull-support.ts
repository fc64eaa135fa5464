/** Shared set-up for pull tests: units to match, a pinned clock, the job effects, source configs. */
import { pino } from 'pino';
import type { JobEffects } from '../../jobs/job.ts';
import type { Knex } from '../../server/db/knex.ts';
import { importFile } from '../../server/services/import/import.service.ts';
import type { Clock } from '../../server/services/pulls/pull.service.ts';
import {
  parseSources,
  type FolderSourceConfig,
  type HttpSourceConfig,
} from '../../server/services/pulls/source.service.ts';
import type { SourceRecord } from './pull-source-server.ts';

export const silent = pino({ level: 'silent' });

/** The two defendants the fixtures name (full official names, so matching needs no normalisation). */
export async function insertTestUnits(db: Knex): Promise<void> {
  await db('unit').insert([
    { code: 'A01', name: '示例县自然资源局', kind: '县直部门' },
    { code: 'T01', name: '示例县城关镇人民政府', kind: '乡镇街道' },
  ]);
}

/** A clock that stands still until told to move; sleeps are recorded, not waited. */
export class TestClock implements Clock {
  readonly sleeps: number[] = [];
  constructor(public current: Date) {}
  now(): Date {
    return new Date(this.current);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
  sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
    return Promise.resolve();
  }
}

export function effects(db: Knex, clock: Clock, env: Record<string, string> = {}): JobEffects {
  return { db, clock, logger: silent, fetch: globalThis.fetch, env, importFile, random: () => 0.5 };
}

export function httpSource(name: string, url: string, extra: Record<string, unknown> = {}): HttpSourceConfig {
  const [s] = parseSources(
    JSON.stringify({
      sources: [
        {
          name,
          kind: 'litigation',
          type: 'http',
          url,
          schedule: '0 * * * *',
          updatedSinceParam: 'updated_since',
          auth: { env: 'COURT_TOKEN' },
          timeoutSeconds: 5,
          ...extra,
        },
      ],
    }),
    'test',
  );
  return s as HttpSourceConfig;
}

export function folderSource(
  name: string,
  path: string,
  extra: Record<string, unknown> = {},
): FolderSourceConfig {
  const [s] = parseSources(
    JSON.stringify({
      sources: [
        { name, kind: 'litigation', type: 'folder', path, schedule: '* * * * *', settleSeconds: 0, ...extra },
      ],
    }),
    'test',
  );
  return s as FolderSourceConfig;
}

/** Five pending first-instance cases, updated at the source on 2026-11-20 (UTC). */
export function courtRecords(): SourceRecord[] {
  return [1, 2, 3, 4, 5].map((n) => ({
    案号: `(2026)豫1321行初${n}号`,
    法院: '示例县人民法院',
    立案日期: `2026-0${n}-10`,
    被告: n % 2 ? '示例县自然资源局' : '示例县城关镇人民政府',
    案由: '行政处罚',
    updated_at: `2026-11-20T0${n}:00:00Z`,
  }));
}

export async function count(db: Knex, table: string, where: Record<string, unknown> = {}): Promise<number> {
  const row = await db(table).where(where).count<{ n: number }[]>('* as n').first();
  return row?.n ?? 0;
}
