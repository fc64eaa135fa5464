/**
 * The sources a bureau pulls records from, declared in a JSON file (SOURCES_FILE, default config/sources.json;
 * documented in config/sources.example.json and the README). Each source becomes one scheduled pull job.
 * Secrets never live in the file: a source names the environment variable that holds its token.
 */
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../config.ts';
import {
  DEFAULT_TIMEZONE,
  sourcesFileSchema,
  type FolderSourceConfig,
  type SourceConfig,
} from '../../contracts/sources.ts';
import { IMPORT_KINDS } from '../import/import.service.ts';

export {
  DEFAULT_TIMEZONE,
  SOURCE_FORMATS,
  sourceSchema,
  sourcesFileSchema,
  type FolderSourceConfig,
  type HttpSourceConfig,
  type SourceConfig,
  type SourceFormat,
} from '../../contracts/sources.ts';

export class SourceConfigError extends Error {}
export class SourceNotFoundError extends SourceConfigError {}

/** Parses and validates a sources file's text; folder paths come back absolute. */
export function parseSources(text: string, origin: string): SourceConfig[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new SourceConfigError(
      `数据源配置不是合法 JSON / ${origin} is not valid JSON: ${(err as Error).message}`,
    );
  }
  const parsed = sourcesFileSchema.safeParse(json);
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new SourceConfigError(`数据源配置有误 / invalid ${origin}: ${detail}`);
  }
  return parsed.data.sources.map((s) =>
    s.type === 'folder' ? { ...s, path: path.resolve(projectRoot, s.path) } : s,
  );
}

/** The folder sources of the demo: one per record kind under <dataDir>/inbox/<kind>/, checked every 15 s. */
export function demoInboxSources(dataDir: string): FolderSourceConfig[] {
  return IMPORT_KINDS.map((kind) => ({
    name: `inbox-${kind}`,
    kind,
    type: 'folder',
    path: path.join(dataDir, 'inbox', kind),
    schedule: '*/15 * * * * *',
    timezone: DEFAULT_TIMEZONE,
    enabled: true,
    description: `演示收件箱：放入 data/inbox/${kind}/ 的文件会被自动导入`,
    settleSeconds: 5,
    create: true,
  }));
}

export interface LoadedSources {
  sources: SourceConfig[];
  /** The file read, or null when none exists and the demo inbox stands in. */
  file: string | null;
}

/**
 * The configured sources: SOURCES_FILE if set (it must exist), else config/sources.json if it exists, else the
 * demo inbox folders (so `npm start` picks up files dropped in data/inbox/<kind>/ out of the box).
 */
export function loadSources(env: NodeJS.ProcessEnv, dataDir: string): LoadedSources {
  const explicit = env.SOURCES_FILE;
  const file = path.resolve(projectRoot, explicit ?? path.join('config', 'sources.json'));
  if (!fs.existsSync(file)) {
    if (explicit) throw new SourceConfigError(`找不到数据源配置 / SOURCES_FILE not found: ${file}`);
    return { sources: demoInboxSources(dataDir), file: null };
  }
  return { sources: parseSources(fs.readFileSync(file, 'utf8'), file), file };
}

/** The file sources are written to: SOURCES_FILE, else config/sources.json. */
export function sourcesFilePath(env: NodeJS.ProcessEnv): string {
  return path.resolve(projectRoot, env.SOURCES_FILE ?? path.join('config', 'sources.json'));
}

export interface SaveSourceOptions {
  env: NodeJS.ProcessEnv;
  dataDir: string;
  /** Whether a cron expression is valid (node-cron lives in jobs/index.ts alone). */
  isValidSchedule: (schedule: string) => boolean;
}

/** The file's sources as written (relative paths, defaults omitted), or the demo inbox when there is no file. */
function readRawSources(file: string, dataDir: string): { doc: Record<string, unknown>; sources: unknown[] } {
  if (!fs.existsSync(file)) return { doc: {}, sources: demoInboxSources(dataDir) };
  const doc = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  return { doc, sources: Array.isArray(doc.sources) ? (doc.sources as unknown[]) : [] };
}

/** Validates the whole file, then replaces it atomically (write a sibling, rename over). */
function writeSources(
  file: string,
  doc: Record<string, unknown>,
  sources: unknown[],
  opts: SaveSourceOptions,
) {
  const text = JSON.stringify({ ...doc, sources }, null, 2) + '\n';
  const parsed = parseSources(text, path.basename(file));
  const badSchedule = parsed.find((s) => !opts.isValidSchedule(s.schedule));
  if (badSchedule) {
    throw new SourceConfigError(
      `计划表达式无效 / invalid schedule for ${badSchedule.name}: "${badSchedule.schedule}"`,
    );
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, text, 'utf8');
  fs.renameSync(tmp, file);
  return parsed;
}

/**
 * Adds or replaces the source named `name` in the sources file (creating the file from the demo inbox when
 * there is none). The running scheduler picks the change up (jobs/index.ts watches the file). A token can
 * never be saved: the schema has no key for one.
 */
export function saveSource(
  name: string,
  source: Record<string, unknown>,
  opts: SaveSourceOptions,
): SourceConfig {
  const file = sourcesFilePath(opts.env);
  const { doc, sources } = readRawSources(file, opts.dataDir);
  const entry = { ...source, name };
  const i = sources.findIndex((s) => (s as { name?: unknown }).name === name);
  const next = i >= 0 ? sources.map((s, j) => (j === i ? entry : s)) : [...sources, entry];
  const saved = writeSources(file, doc, next, opts).find((s) => s.name === name);
  if (!saved) throw new SourceConfigError(`source ${name} not saved`);
  return saved;
}

/** Enables or disables one source; throws SourceConfigError when there is no such source. */
export function setSourceEnabled(name: string, enabled: boolean, opts: SaveSourceOptions): SourceConfig {
  const file = sourcesFilePath(opts.env);
  const { doc, sources } = readRawSources(file, opts.dataDir);
  const i = sources.findIndex((s) => (s as { name?: unknown }).name === name);
  if (i < 0) throw new SourceNotFoundError(`没有这个数据源 / no source named ${name}`);
  const next = sources.map((s, j) => (j === i ? { ...(s as object), enabled } : s));
  return writeSources(file, doc, next, opts).find((s) => s.name === name)!;
}
