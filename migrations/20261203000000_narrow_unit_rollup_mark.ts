import type { Knex } from 'knex';

/*
 * A unit moving to another kind or peer group changes only the kind and group scope rollups: its own per-unit
 * rows and the county's stay right. It used to mark every family wholly stale ('-infinity': rebuild everything),
 * which at province scale meant minutes of work, so the units import left the marks pending and every reader fell
 * back to raw rows. Now it marks month 'infinity' — "the kind/group scopes, every month" — which refreshRollups
 * (server/repositories/rollup.repository.ts) rebuilds by itself.
 */
const mark = (month: string) => `
  CREATE OR REPLACE FUNCTION unit_mark_rollup_update() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    IF EXISTS (SELECT 1 FROM old_rows o JOIN new_rows n ON n.id = o.id
               WHERE n.kind IS DISTINCT FROM o.kind OR n.peer_group IS DISTINCT FROM o.peer_group) THEN
      INSERT INTO metric_rollup_dirty (family, month)
      SELECT f, '${month}'::date FROM unnest(ARRAY['litigation', 'reconsideration', 'prelitigation']) AS f;
    END IF;
    RETURN NULL;
  END $$`;

export async function up(knex: Knex): Promise<void> {
  await knex.raw(mark('infinity'));
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(mark('-infinity'));
}
