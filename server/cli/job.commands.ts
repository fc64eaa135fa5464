import type { Command } from 'commander';
import { defaultEffects, jobStatuses, JobRunner, loadJobs } from '../../jobs/index.ts';
import { getRun, listRuns, type JobRunRow } from '../repositories/job-run.repository.ts';
import { loadSources } from '../services/pulls/source.service.ts';
import { CliError, print, withDatabase } from './context.ts';

/** Exit code of `job run` when another process is running the same job right now (EX_TEMPFAIL). */
export const EXIT_BUSY = 75;

const when = (d: Date | null | undefined): string =>
  d ? d.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }) : '—';

function runSummary(run: JobRunRow): string {
  const secs = run.duration_ms === null ? '?' : (run.duration_ms / 1000).toFixed(1);
  const counts = `inserted ${run.inserted}, updated ${run.updated}, unchanged ${run.unchanged}, rejected ${run.rejected}, unmatched ${run.unmatched}`;
  const fetched = `${run.pages} pages, ${run.files} files, ${run.records} records`;
  const tail = run.status === 'failed' ? ` — ${run.error ?? 'no reason recorded'}` : '';
  return `${run.job_name}: ${run.status} in ${secs} s (run #${run.id}): ${fetched}; ${counts}${tail}`;
}

export function registerJobCommands(program: Command): void {
  const job = program.command('job').description('scheduled jobs: source pulls and housekeeping');

  job
    .command('list')
    .description('every job with its schedule, last run, next run and status')
    .option('--json', 'machine-readable output')
    .action(async (opts: { json?: boolean }) => {
      await withDatabase(async ({ config, db }) => {
        const { sources } = loadSources(process.env, config.dataDir);
        const statuses = await jobStatuses(db.knex, await loadJobs(db.knex, sources), new Date());
        const lines = statuses.map((s) => {
          const last = s.lastRun ? `${s.lastRun.status} ${when(s.lastRun.started_at)}` : 'never run';
          const flags = [!s.enabled && 'disabled', s.stale && 'STALE 数据源过期'].filter(Boolean).join(', ');
          return `${s.name}\t${s.schedule} (${s.timezone})\tlast: ${last}\tnext: ${when(s.nextRunAt)}${flags ? `\t[${flags}]` : ''}`;
        });
        const stale = statuses.filter((s) => s.stale).length;
        print(!!opts.json, [...lines, `${statuses.length} jobs, ${stale} stale`].join('\n'), {
          jobs: statuses,
        });
      });
    });

  job
    .command('run <name>')
    .description('run one job now and print its run summary (exit 1 if it failed, 75 if busy elsewhere)')
    .option('--json', 'machine-readable output')
    .action(async (name: string, opts: { json?: boolean }) => {
      await withDatabase(async ({ config, db, logger }) => {
        const { sources } = loadSources(process.env, config.dataDir);
        const jobs = await loadJobs(db.knex, sources);
        const target = jobs.find((j) => j.name === name);
        if (!target) {
          throw new CliError(
            `没有这个任务 / no job named ${name}; known: ${jobs.map((j) => j.name).join(', ')}`,
          );
        }
        const result = await new JobRunner(defaultEffects(db.knex, logger)).run(target, {
          trigger: 'manual',
        });
        if (!result.ran) {
          if (result.reason === 'locked') {
            throw new CliError(`${name}: 正在其他进程中运行 / already running in another process`, EXIT_BUSY);
          }
          throw new CliError(`${name}: 未能运行 / could not run: ${result.error ?? result.reason}`);
        }
        const run = await getRun(db.knex, result.runId);
        if (!run) throw new CliError(`${name}: run #${result.runId} not found`);
        print(!!opts.json, runSummary(run), run);
        if (run.status !== 'succeeded') process.exitCode = 1;
      });
    });

  job
    .command('runs [name]')
    .description('recent runs, newest first (all jobs, or one)')
    .option('--limit <n>', 'how many', '20')
    .option('--json', 'machine-readable output')
    .action(async (name: string | undefined, opts: { json?: boolean; limit: string }) => {
      await withDatabase(async ({ db }) => {
        const runs = await listRuns(db.knex, { jobName: name, limit: Number(opts.limit) || 20 });
        print(!!opts.json, runs.map(runSummary).join('\n') || 'no runs', { runs });
      });
    });
}
