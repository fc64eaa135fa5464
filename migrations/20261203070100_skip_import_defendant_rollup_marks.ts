import type { Knex } from 'knex';

/*
 * The dirty-month marks of litigation_defendant's insert and delete triggers (migration 20261123200000) can be
 * switched off for one transaction with SET LOCAL shuangjiang.defendant_marks = 'off'. The import does so around
 * its defendant rewrite: it only rewrites the defendants of cases its upsert just inserted or updated, and that
 * upsert's own triggers have already marked those cases' old and new months — the defendant triggers joined a
 * million defendants back to their cases to mark the same months again. Any other writer leaves the setting
 * alone and gets the marks as before.
 */
const MONTHS_OF = (rel: string) => `
          SELECT date_trunc('month', x.d)::date FROM ${rel} r JOIN litigation_case c ON c.id = r.case_id
            CROSS JOIN LATERAL (VALUES (c.filed_on), (c.closed_on)) AS x(d) WHERE x.d IS NOT NULL`;

function markFunction(event: 'insert' | 'delete', guarded: boolean): string {
  const rel = event === 'insert' ? 'new_rows' : 'old_rows';
  const guard = guarded
    ? `
        IF current_setting('shuangjiang.defendant_marks', true) = 'off' THEN
          RETURN NULL;
        END IF;`
    : '';
  return `
      CREATE OR REPLACE FUNCTION litigation_defendant_mark_rollup_${event}() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN${guard}
        INSERT INTO metric_rollup_dirty (family, month)
        SELECT DISTINCT 'litigation', m FROM (${MONTHS_OF(rel)}
        ) AS t(m);
        RETURN NULL;
      END $$`;
}

export async function up(knex: Knex): Promise<void> {
  for (const event of ['insert', 'delete'] as const) await knex.raw(markFunction(event, true));
}

export async function down(knex: Knex): Promise<void> {
  for (const event of ['insert', 'delete'] as const) await knex.raw(markFunction(event, false));
}
