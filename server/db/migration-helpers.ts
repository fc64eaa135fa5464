import type { Knex } from 'knex';

/** Adds `<table>_<column>_chk CHECK (column IN (...))`; values are constants from a migration, not user input. */
export async function addCodeListCheck(knex: Knex, table: string, column: string, values: readonly string[]) {
  const list = values.map((v) => `'${v.replace(/'/g, "''")}'`).join(', ');
  await knex.raw(`ALTER TABLE ?? ADD CONSTRAINT ?? CHECK (?? IN (${list}))`, [
    table,
    `${table}_${column}_chk`,
    column,
  ]);
}

/** created_at / updated_at, both timestamptz (UTC instants; calendar dates of records are plain `date`s). */
export function timestamps(knex: Knex, t: Knex.CreateTableBuilder): void {
  t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
}
