import type { Knex } from 'knex';
import { addCodeListCheck } from '../server/db/migration-helpers.ts';

const TRIGGERS = ['schedule', 'manual'];
const STATUSES = ['running', 'succeeded', 'failed'];

export async function up(knex: Knex): Promise<void> {
  // One row per run of a scheduled job (a pull, a housekeeping task), whoever started it: the run history the
  // CLI and the data page show, and the ledger that makes "one run per tick" checkable across instances.
  await knex.schema.createTable('job_run', (t) => {
    t.bigIncrements('id').primary({ constraintName: 'job_run_pkey' });
    t.text('job_name').notNullable();
    t.text('trigger').notNullable();
    // The cron slot this run serves (null for manual runs). Unique per job, so when two instances both wake
    // for the same slot only the first to claim it runs, even if the other takes the lock after it finished.
    t.timestamp('tick_at', { useTz: true });
    t.text('status').notNullable().defaultTo('running');
    t.text('instance').notNullable(); // host:pid of the process that ran it
    t.timestamp('started_at', { useTz: true }).notNullable();
    t.timestamp('finished_at', { useTz: true });
    t.integer('duration_ms');
    t.integer('pages').notNullable().defaultTo(0); // HTTP pages fetched
    t.integer('files').notNullable().defaultTo(0); // files imported (folder sources; 1 for an HTTP pull)
    t.integer('records').notNullable().defaultTo(0); // records fetched from the source
    // Counts summed from the import ledger rows this run created.
    t.integer('inserted').notNullable().defaultTo(0);
    t.integer('updated').notNullable().defaultTo(0);
    t.integer('unchanged').notNullable().defaultTo(0);
    t.integer('rejected').notNullable().defaultTo(0);
    t.integer('unmatched').notNullable().defaultTo(0);
    t.specificType('import_ids', 'bigint[]').notNullable().defaultTo('{}');
    t.text('error');
    t.jsonb('detail').notNullable().defaultTo('{}');
    t.unique(['job_name', 'tick_at'], { indexName: 'job_run_job_name_tick_at_uq' });
    t.index(['job_name', 'started_at'], 'job_run_job_name_started_at_idx');
  });
  await knex.raw("CREATE INDEX job_run_running_idx ON job_run (job_name) WHERE status = 'running'");
  await addCodeListCheck(knex, 'job_run', 'trigger', TRIGGERS);
  await addCodeListCheck(knex, 'job_run', 'status', STATUSES);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('job_run');
}
