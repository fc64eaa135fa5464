import { pullFolderSource } from '../server/services/pulls/pull-folder.service.ts';
import { pullHttpSource } from '../server/services/pulls/pull-http.service.ts';
import type { SourceConfig } from '../server/services/pulls/source.service.ts';
import type { JobDefinition } from './job.ts';

/** The job name of a source's pull: `pull:<source name>`. */
export const pullJobName = (sourceName: string): string => `pull:${sourceName}`;

/**
 * One scheduled pull per configured source: fetch (HTTP pages or folder files), import through the import
 * pipeline, advance the watermark only once the import committed.
 */
export function sourcePullJob(source: SourceConfig): JobDefinition {
  const where = source.type === 'http' ? new URL(source.url).origin : source.path;
  return {
    name: pullJobName(source.name),
    description:
      source.description ??
      `拉取 ${source.kind} 记录 / pull ${source.kind} records (${source.type}: ${where})`,
    schedule: source.schedule,
    timezone: source.timezone,
    enabled: source.enabled,
    source,
    run: (ctx) => {
      const deps = { ...ctx, signal: ctx.signal };
      const opts = { jobName: ctx.jobName, runId: ctx.runId, scheduled: ctx.trigger === 'schedule' };
      return source.type === 'http'
        ? pullHttpSource(source, deps, opts)
        : pullFolderSource(source, deps, opts);
    },
  };
}
