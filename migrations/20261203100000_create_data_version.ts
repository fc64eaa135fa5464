import type { Knex } from 'knex';

/*
 * One counter that moves whenever something a metric figure is computed from changes: records, defendants,
 * units and metric settings. The metric API keys its response cache by it (server/services/metrics/metrics-cache.ts).
 * A statement-level trigger bumps it in the writing transaction, so the new value becomes visible exactly when
 * the new data does (a sequence would not do: nextval is seen before the commit). Rollup tables are left out on
 * purpose: their refresh never changes a figure, and the rollup lock taken by a refresh would otherwise wait on
 * this row while an import holding the row waits on the rollup lock.
 */
const TABLES = [
  'unit',
  'litigation_case',
  'litigation_defendant',
  'reconsideration_case',
  'prelitigation_dispute',
  'metric_setting',
];

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE data_version (
      only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
      version bigint NOT NULL,
      changed_at timestamptz NOT NULL DEFAULT now()
    )`);
  await knex.raw('INSERT INTO data_version (version) VALUES (1)');
  await knex.raw(`
    CREATE FUNCTION bump_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      UPDATE data_version SET version = version + 1, changed_at = now();
      RETURN NULL;
    END $$`);
  for (const t of TABLES) {
    await knex.raw(`
      CREATE TRIGGER ${t}_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${t}
      FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version()`);
  }
}

export async function down(knex: Knex): Promise<void> {
  for (const t of TABLES) await knex.raw(`DROP TRIGGER ${t}_data_version ON ${t}`);
  await knex.raw('DROP FUNCTION bump_data_version()');
  await knex.raw('DROP TABLE data_version');
}
