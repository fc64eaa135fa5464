import type { Knex } from 'knex';

// Existing records predate the rollup tables: mark every family as wholly stale. Readers use raw rows until the
// next refreshRollups() (any import, the demo seed, or `npm run cli -- metrics refresh`) rebuilds them.
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    INSERT INTO metric_rollup_dirty (family, month)
    SELECT f, '-infinity'::date FROM unnest(ARRAY['litigation', 'reconsideration', 'prelitigation']) AS f`);
}

export async function down(knex: Knex): Promise<void> {
  await knex('metric_rollup_dirty').where('month', '-infinity').delete();
}
