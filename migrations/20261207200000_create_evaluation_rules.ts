import type { Knex } from 'knex';

/**
 * The year-end evaluation's rules (DESIGN.md §10), one row per saved version of a year's file: every save is kept
 * (who, when), and a score names the version it used.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('evaluation_rules', (t) => {
    t.integer('year').notNullable();
    t.integer('version').notNullable();
    t.jsonb('rules').notNullable();
    t.text('saved_by').notNullable();
    t.timestamp('saved_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(['year', 'version'], { constraintName: 'evaluation_rules_pkey' });
  });
  await knex.raw(
    'ALTER TABLE evaluation_rules ADD CONSTRAINT evaluation_rules_version_chk CHECK (version >= 1)',
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('evaluation_rules');
}
