/**
 * Contract of the sources API (GET /api/sources, PUT /api/sources/:name, POST /api/sources/:name/enable|disable)
 * and the schema of the sources file those edits write. Routes and web/src/lib/api import this file; the web
 * with `import type` only (see ./index.ts).
 */
import { z } from 'zod';
import { importKindSchema } from './import.ts';
import type { JobRun } from './jobs.ts';

export const SOURCE_FORMATS = ['csv', 'json', 'xlsx'] as const;
export type SourceFormat = (typeof SOURCE_FORMATS)[number];

/** Asia/Shanghai: the bureau's wall clock, whatever the server's TZ. */
export const DEFAULT_TIMEZONE = 'Asia/Shanghai';

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

const name = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'lower-case letters, digits and "-" (it names the job: pull:<name>)');

const common = {
  name,
  kind: importKindSchema,
  /** node-cron syntax: 5 fields (minute…) or 6 (second…). */
  schedule: z.string().min(1),
  timezone: z
    .string()
    .refine(isTimeZone, 'an IANA time zone such as Asia/Shanghai')
    .default(DEFAULT_TIMEZONE),
  enabled: z.boolean().default(true),
  description: z.string().optional(),
};

const httpSource = z
  .object({
    ...common,
    type: z.literal('http'),
    url: z.url({ protocol: /^https?$/ }),
    format: z.enum(SOURCE_FORMATS).default('json'),
    /** The token is read from `env` at run time and sent as `<header>: <prefix><token>`. */
    auth: z
      .object({
        header: z.string().min(1).default('Authorization'),
        env: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'an environment variable name'),
        prefix: z.string().default('Bearer '),
      })
      .strict()
      .optional(),
    /** Query parameter carrying the watermark for incremental pulls (e.g. `updated_since`); absent = full pull. */
    updatedSinceParam: z.string().min(1).optional(),
    /**
     * Where the next watermark comes from: absent = the time this pull started (our clock, ISO 8601 UTC); a field
     * name = the largest value of that field among the fetched JSON records (the source's clock: no skew).
     */
    watermarkField: z.string().min(1).optional(),
    timeoutSeconds: z.number().positive().max(600).default(30),
    /** Attempts per request, the first included; transient failures only (network, timeout, 408/429/5xx). */
    attempts: z.number().int().min(1).max(10).default(3),
    backoffSeconds: z.number().min(0).max(300).default(2),
    /**
     * Scheduled runs wait a random 0–jitterSeconds before the first request, so many counties' servers on the
     * same cron do not hit a source in the same second. Runs started by hand do not wait.
     */
    jitterSeconds: z.number().min(0).max(3600).default(10),
    maxPages: z.number().int().min(1).max(100_000).default(1000),
  })
  .strict();

const folderSource = z
  .object({
    ...common,
    type: z.literal('folder'),
    /** Relative paths are resolved against the project root. */
    path: z.string().min(1),
    /** Only files of this format; absent = any of .csv, .xlsx, .json. */
    format: z.enum(SOURCE_FORMATS).optional(),
    /** A file modified less than this long ago may still be being copied in: leave it for the next run. */
    settleSeconds: z.number().min(0).max(3600).default(5),
    /** Create the folder (and processed/, failed/) when missing, instead of failing the run. */
    create: z.boolean().default(false),
  })
  .strict();

export const sourceSchema = z.discriminatedUnion('type', [httpSource, folderSource]);
export const sourcesFileSchema = z
  .object({ $comment: z.unknown().optional(), sources: z.array(sourceSchema) })
  .strict()
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    file.sources.forEach((s, i) => {
      if (seen.has(s.name))
        ctx.addIssue({ code: 'custom', path: ['sources', i, 'name'], message: 'duplicate name' });
      seen.add(s.name);
    });
  });

export type SourceConfig = z.infer<typeof sourceSchema>;
export type HttpSourceConfig = Extract<SourceConfig, { type: 'http' }>;
export type FolderSourceConfig = Extract<SourceConfig, { type: 'folder' }>;

/** A source as shown to an admin: the URL without its query, the token's header and variable, never a value. */
export type PublicSource =
  FolderSourceConfig | (Omit<HttpSourceConfig, 'auth'> & { auth: { header: string; env: string } | null });

/** A source's pull state (the source_state table): watermark, last success and failure. */
export interface SourceState {
  source_name: string;
  watermark: string | null;
  last_success_at: Date | null;
  last_failure_at: Date | null;
  last_error: string | null;
  last_run_id: number | null;
  updated_at: Date;
}

/** A source in GET /api/sources: its public configuration, its state, and its pull job's last and next run. */
export type SourceView = PublicSource & {
  job: string;
  state: SourceState | null;
  lastRun: JobRun | null;
  nextRunAt: Date | null;
  stale: boolean;
};

export const sourceNameParams = z.object({ name: z.string().min(1).max(100) });
/** PUT /api/sources/:name: a source as the sources file holds it; saveSource validates it with the file. */
export const sourceBody = z.record(z.string(), z.unknown());

export interface SourcesResponse {
  sources: SourceView[];
  /** The sources file in use, or null when none exists and the demo inbox stands in. */
  file: string | null;
  dataAsOf: Date | null;
}
/** PUT /api/sources/:name and POST /api/sources/:name/enable|disable answer this. */
export interface SourceResponse {
  source: PublicSource;
}
