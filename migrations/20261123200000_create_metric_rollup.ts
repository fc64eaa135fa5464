import type { Knex } from 'knex';

/*
 * Rollups of the metric counters (server/repositories/rollup.repository.ts fills them). Frozen copies of the counter columns as of
 * this migration; a test checks they match the live registry.
 *
 * <family>_rollup_unit: per unit, per month (grain 'M', bucket = first day of the month) and per calendar year
 *   (grain 'Y', bucket = 1 January). A unit's row counts every case charged to it (co-defendants each count).
 * <family>_rollup_scope: per month for the whole county (scope 'all'), each unit kind ('kind') and peer group
 *   ('group'): each case counted once within the scope, however many of its defendants fall inside it.
 * metric_rollup_dirty: months whose raw records changed since the last refresh (written by the statement
 *   triggers below, so no writer can forget); month '-infinity' means "everything". Readers fall back to raw
 *   rows for a family with pending marks, so a stale rollup is never served.
 */
const FAMILIES = {
  lit: {
    family: 'litigation',
    instance: true,
    counters: [
      'lit_filed',
      'lit_concluded',
      'lit_losses',
      'lit_judged',
      'lit_withdrawn_mediated',
      'lit_conciliation_withdrawals',
      'lit_dismissed',
      'lit_hearings',
      'lit_head_appearances',
      'lit_head_spoke',
      'lit_principal_appearances',
      'lit_head_absences',
    ],
  },
  rec: {
    family: 'reconsideration',
    instance: false,
    counters: [
      'rec_received',
      'rec_concluded',
      'rec_corrected',
      'rec_upheld',
      'rec_settled',
      'rec_litigated_after',
    ],
  },
  pre: {
    family: 'prelitigation',
    instance: false,
    counters: ['pre_registered', 'pre_concluded', 'pre_resolved'],
  },
} as const;

// Which date columns of which table decide the months a write touches.
const WATCHED = [
  { table: 'litigation_case', family: 'litigation', dates: ['filed_on', 'closed_on'] },
  { table: 'reconsideration_case', family: 'reconsideration', dates: ['accepted_on', 'closed_on'] },
  { table: 'prelitigation_dispute', family: 'prelitigation', dates: ['registered_on', 'result_on'] },
] as const;

export async function up(knex: Knex): Promise<void> {
  for (const [prefix, spec] of Object.entries(FAMILIES)) {
    await knex.schema.createTable(`${prefix}_rollup_unit`, (t) => {
      t.integer('unit_id').notNullable();
      t.specificType('grain', 'char(1)').notNullable();
      t.date('bucket').notNullable();
      if (spec.instance) t.text('instance').notNullable();
      for (const c of spec.counters) t.integer(c).notNullable().defaultTo(0);
      t.primary(spec.instance ? ['grain', 'bucket', 'unit_id', 'instance'] : ['grain', 'bucket', 'unit_id'], {
        constraintName: `${prefix}_rollup_unit_pkey`,
      });
      t.index(['unit_id', 'grain', 'bucket'], `${prefix}_rollup_unit_unit_id_grain_bucket_idx`);
    });
    await knex.raw(`ALTER TABLE ?? ADD CONSTRAINT ?? CHECK (grain IN ('M', 'Y'))`, [
      `${prefix}_rollup_unit`,
      `${prefix}_rollup_unit_grain_chk`,
    ]);
    await knex.schema.createTable(`${prefix}_rollup_scope`, (t) => {
      t.text('scope').notNullable();
      t.text('scope_value').notNullable();
      t.date('bucket').notNullable();
      if (spec.instance) t.text('instance').notNullable();
      for (const c of spec.counters) t.integer(c).notNullable().defaultTo(0);
      t.primary(
        spec.instance ? ['scope', 'scope_value', 'bucket', 'instance'] : ['scope', 'scope_value', 'bucket'],
        { constraintName: `${prefix}_rollup_scope_pkey` },
      );
    });
    await knex.raw(`ALTER TABLE ?? ADD CONSTRAINT ?? CHECK (scope IN ('all', 'kind', 'group'))`, [
      `${prefix}_rollup_scope`,
      `${prefix}_rollup_scope_scope_chk`,
    ]);
  }

  await knex.schema.createTable('metric_rollup_dirty', (t) => {
    t.bigIncrements('id').primary({ constraintName: 'metric_rollup_dirty_pkey' });
    t.text('family').notNullable();
    t.date('month').notNullable();
    t.index(['family'], 'metric_rollup_dirty_family_idx');
  });
  await knex.raw(
    `ALTER TABLE metric_rollup_dirty ADD CONSTRAINT metric_rollup_dirty_family_chk
       CHECK (family IN ('litigation', 'reconsideration', 'prelitigation'))`,
  );

  // Statement-level triggers with transition tables: one INSERT … SELECT DISTINCT per statement, whatever its
  // size. (PostgreSQL allows transition tables only on single-event triggers, hence three per table.)
  for (const w of WATCHED) {
    const months = (rel: string) =>
      w.dates
        .map((d) => `SELECT date_trunc('month', ${d})::date FROM ${rel} WHERE ${d} IS NOT NULL`)
        .join(' UNION ');
    for (const [event, rels] of [
      ['insert', ['new_rows']],
      ['update', ['old_rows', 'new_rows']],
      ['delete', ['old_rows']],
    ] as const) {
      const fn = `${w.table}_mark_rollup_${event}`;
      await knex.raw(`
        CREATE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          INSERT INTO metric_rollup_dirty (family, month)
          SELECT DISTINCT '${w.family}', m FROM (${rels.map(months).join(' UNION ')}) AS t(m);
          RETURN NULL;
        END $$`);
      const referencing = rels
        .map((r) => (r === 'new_rows' ? 'NEW TABLE AS new_rows' : 'OLD TABLE AS old_rows'))
        .join(' ');
      await knex.raw(`
        CREATE TRIGGER ${w.table}_mark_rollup_${event}_trg AFTER ${event.toUpperCase()} ON ${w.table}
        REFERENCING ${referencing} FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`);
    }
  }

  // A defendant added to or removed from an existing case changes which units it is charged to.
  for (const [event, rel] of [
    ['insert', 'new_rows'],
    ['delete', 'old_rows'],
    ['update', 'new_rows'],
  ] as const) {
    const fn = `litigation_defendant_mark_rollup_${event}`;
    const extra =
      event === 'update'
        ? ` UNION SELECT date_trunc('month', x.d)::date FROM old_rows o JOIN litigation_case c ON c.id = o.case_id
              CROSS JOIN LATERAL (VALUES (c.filed_on), (c.closed_on)) AS x(d) WHERE x.d IS NOT NULL`
        : '';
    await knex.raw(`
      CREATE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO metric_rollup_dirty (family, month)
        SELECT DISTINCT 'litigation', m FROM (
          SELECT date_trunc('month', x.d)::date FROM ${rel} r JOIN litigation_case c ON c.id = r.case_id
            CROSS JOIN LATERAL (VALUES (c.filed_on), (c.closed_on)) AS x(d) WHERE x.d IS NOT NULL${extra}
        ) AS t(m);
        RETURN NULL;
      END $$`);
    const referencing =
      event === 'update'
        ? 'OLD TABLE AS old_rows NEW TABLE AS new_rows'
        : `${rel === 'new_rows' ? 'NEW' : 'OLD'} TABLE AS ${rel}`;
    await knex.raw(`
      CREATE TRIGGER litigation_defendant_mark_rollup_${event}_trg AFTER ${event.toUpperCase()} ON litigation_defendant
      REFERENCING ${referencing} FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`);
  }

  // A unit moving to another kind or peer group changes the scope rollups of every month; TRUNCATE (the demo
  // seed's --replace) fires no DELETE trigger. Both mark everything.
  await knex.raw(`
    CREATE FUNCTION metric_rollup_mark_all() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO metric_rollup_dirty (family, month)
      SELECT f, '-infinity'::date FROM unnest(ARRAY['litigation', 'reconsideration', 'prelitigation']) AS f;
      RETURN NULL;
    END $$`);
  await knex.raw(`
    CREATE FUNCTION unit_mark_rollup_update() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF EXISTS (SELECT 1 FROM old_rows o JOIN new_rows n ON n.id = o.id
                 WHERE n.kind IS DISTINCT FROM o.kind OR n.peer_group IS DISTINCT FROM o.peer_group) THEN
        INSERT INTO metric_rollup_dirty (family, month)
        SELECT f, '-infinity'::date FROM unnest(ARRAY['litigation', 'reconsideration', 'prelitigation']) AS f;
      END IF;
      RETURN NULL;
    END $$`);
  await knex.raw(`
    CREATE TRIGGER unit_mark_rollup_update_trg AFTER UPDATE ON unit
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
    EXECUTE FUNCTION unit_mark_rollup_update()`);
  for (const table of [
    'unit',
    'litigation_case',
    'litigation_defendant',
    'reconsideration_case',
    'prelitigation_dispute',
  ]) {
    await knex.raw(`
      CREATE TRIGGER ${table}_mark_rollup_truncate_trg AFTER TRUNCATE ON ${table}
      FOR EACH STATEMENT EXECUTE FUNCTION metric_rollup_mark_all()`);
  }
}

export async function down(knex: Knex): Promise<void> {
  for (const table of [
    'unit',
    'litigation_case',
    'litigation_defendant',
    'reconsideration_case',
    'prelitigation_dispute',
  ]) {
    await knex.raw(`DROP TRIGGER IF EXISTS ${table}_mark_rollup_truncate_trg ON ${table}`);
  }
  await knex.raw('DROP TRIGGER IF EXISTS unit_mark_rollup_update_trg ON unit');
  await knex.raw('DROP FUNCTION IF EXISTS unit_mark_rollup_update()');
  await knex.raw('DROP FUNCTION IF EXISTS metric_rollup_mark_all()');
  for (const table of [
    'litigation_case',
    'reconsideration_case',
    'prelitigation_dispute',
    'litigation_defendant',
  ]) {
    for (const event of ['insert', 'update', 'delete']) {
      await knex.raw(`DROP TRIGGER IF EXISTS ${table}_mark_rollup_${event}_trg ON ${table}`);
      await knex.raw(`DROP FUNCTION IF EXISTS ${table}_mark_rollup_${event}()`);
    }
  }
  await knex.schema.dropTable('metric_rollup_dirty');
  for (const prefix of Object.keys(FAMILIES)) {
    await knex.schema.dropTable(`${prefix}_rollup_scope`);
    await knex.schema.dropTable(`${prefix}_rollup_unit`);
  }
}
