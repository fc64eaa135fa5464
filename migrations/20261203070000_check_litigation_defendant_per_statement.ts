import type { Knex } from 'knex';

/*
 * litigation_defendant's two foreign keys become statement-level checks (issue 4, import speed).
 *
 * A foreign key checks each inserted row on its own: one index probe plus a FOR KEY SHARE lock — which writes the
 * referenced case row again, with WAL — per defendant. Importing a million cases spent more time there than in the
 * insert itself. The triggers below enforce the same rules once per statement, over its transition table, with one
 * anti-join:
 * - a defendant must name an existing case and an existing unit (insert and update);
 * - deleting cases deletes their defendants (was ON DELETE CASCADE; TRUNCATE likewise);
 * - a unit charged with a case cannot be deleted (was NO ACTION). The check takes the import lock
 *   (server/db/locks.ts DatabaseLock.Import, frozen here as a literal), which every writer of defendants holds,
 *   so a unit cannot vanish between an import's check and its commit;
 * - ids of cases and units are never changed (nothing does; an id change would orphan defendants).
 */
const IMPORT_LOCK_KEY = 0x5a4a_1001;

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE litigation_defendant
      DROP CONSTRAINT litigation_defendant_case_id_fkey,
      DROP CONSTRAINT litigation_defendant_unit_id_fkey`);

  await knex.raw(`
    CREATE FUNCTION litigation_defendant_check_refs() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE bad record;
    BEGIN
      SELECT n.case_id INTO bad FROM new_rows n
        WHERE NOT EXISTS (SELECT 1 FROM litigation_case c WHERE c.id = n.case_id) LIMIT 1;
      IF FOUND THEN
        RAISE EXCEPTION 'insert or update on table "litigation_defendant" violates foreign key constraint "litigation_defendant_case_id_fkey"'
          USING ERRCODE = 'foreign_key_violation', DETAIL = format('Key (case_id)=(%s) is not present in table "litigation_case".', bad.case_id);
      END IF;
      SELECT n.unit_id INTO bad FROM new_rows n
        WHERE NOT EXISTS (SELECT 1 FROM unit u WHERE u.id = n.unit_id) LIMIT 1;
      IF FOUND THEN
        RAISE EXCEPTION 'insert or update on table "litigation_defendant" violates foreign key constraint "litigation_defendant_unit_id_fkey"'
          USING ERRCODE = 'foreign_key_violation', DETAIL = format('Key (unit_id)=(%s) is not present in table "unit".', bad.unit_id);
      END IF;
      RETURN NULL;
    END $$`);
  for (const event of ['insert', 'update']) {
    await knex.raw(`
      CREATE TRIGGER litigation_defendant_check_refs_${event}_trg AFTER ${event.toUpperCase()} ON litigation_defendant
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION litigation_defendant_check_refs()`);
  }

  await knex.raw(`
    CREATE FUNCTION litigation_case_delete_defendants() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      DELETE FROM litigation_defendant d USING old_rows o WHERE d.case_id = o.id;
      RETURN NULL;
    END $$`);
  await knex.raw(`
    CREATE TRIGGER litigation_case_delete_defendants_trg AFTER DELETE ON litigation_case
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION litigation_case_delete_defendants()`);
  await knex.raw(`
    CREATE FUNCTION litigation_case_truncate_defendants() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      -- DELETE, not TRUNCATE: a TRUNCATE naming both tables (the demo seed's --replace) still holds
      -- litigation_defendant here, and has emptied it already.
      DELETE FROM litigation_defendant;
      RETURN NULL;
    END $$`);
  await knex.raw(`
    CREATE TRIGGER litigation_case_truncate_defendants_trg AFTER TRUNCATE ON litigation_case
    FOR EACH STATEMENT EXECUTE FUNCTION litigation_case_truncate_defendants()`);

  await knex.raw(`
    CREATE FUNCTION unit_check_defendant_refs() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE bad record;
    BEGIN
      PERFORM pg_advisory_xact_lock(${IMPORT_LOCK_KEY});
      SELECT o.id INTO bad FROM old_rows o
        WHERE EXISTS (SELECT 1 FROM litigation_defendant d WHERE d.unit_id = o.id)
          AND NOT EXISTS (SELECT 1 FROM unit u WHERE u.id = o.id) LIMIT 1;
      IF FOUND THEN
        RAISE EXCEPTION 'update or delete on table "unit" violates foreign key constraint "litigation_defendant_unit_id_fkey" on table "litigation_defendant"'
          USING ERRCODE = 'foreign_key_violation', DETAIL = format('Key (id)=(%s) is still referenced from table "litigation_defendant".', bad.id);
      END IF;
      RETURN NULL;
    END $$`);
  await knex.raw(`
    CREATE TRIGGER unit_check_defendant_refs_trg AFTER DELETE ON unit
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION unit_check_defendant_refs()`);

  await knex.raw(`
    CREATE FUNCTION refuse_id_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'the id of a row of "%" cannot change (% → %)', TG_TABLE_NAME, OLD.id, NEW.id
        USING ERRCODE = 'foreign_key_violation';
    END $$`);
  for (const table of ['litigation_case', 'unit']) {
    // UPDATE OF id: fires only for statements that set the id column (no import does), so it costs nothing.
    await knex.raw(`
      CREATE TRIGGER ${table}_refuse_id_change_trg BEFORE UPDATE OF id ON ${table}
      FOR EACH ROW WHEN (OLD.id IS DISTINCT FROM NEW.id) EXECUTE FUNCTION refuse_id_change()`);
  }
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['litigation_case', 'unit']) {
    await knex.raw(`DROP TRIGGER ${table}_refuse_id_change_trg ON ${table}`);
  }
  await knex.raw('DROP FUNCTION refuse_id_change()');
  await knex.raw('DROP TRIGGER unit_check_defendant_refs_trg ON unit');
  await knex.raw('DROP FUNCTION unit_check_defendant_refs()');
  await knex.raw('DROP TRIGGER litigation_case_truncate_defendants_trg ON litigation_case');
  await knex.raw('DROP FUNCTION litigation_case_truncate_defendants()');
  await knex.raw('DROP TRIGGER litigation_case_delete_defendants_trg ON litigation_case');
  await knex.raw('DROP FUNCTION litigation_case_delete_defendants()');
  for (const event of ['insert', 'update']) {
    await knex.raw(`DROP TRIGGER litigation_defendant_check_refs_${event}_trg ON litigation_defendant`);
  }
  await knex.raw('DROP FUNCTION litigation_defendant_check_refs()');
  await knex.raw(`
    ALTER TABLE litigation_defendant
      ADD CONSTRAINT litigation_defendant_case_id_fkey FOREIGN KEY (case_id)
        REFERENCES litigation_case (id) ON DELETE CASCADE,
      ADD CONSTRAINT litigation_defendant_unit_id_fkey FOREIGN KEY (unit_id) REFERENCES unit (id)`);
}
