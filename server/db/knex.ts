import knexFactory, { type Knex } from 'knex';
import pg from 'pg';

export type { Knex };

// One set of type parsers for embedded and external servers alike (they are process-global in pg):
// counts come back as numbers (bigint sums stay far below 2^53 at province scale), dates as 'YYYY-MM-DD'
// strings (a calendar date in China Standard Time must never pass through a JS Date and shift a day).
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);

/** The only knex constructor in the code base. */
export function createKnex(connectionString: string, pool: { min?: number; max?: number } = {}): Knex {
  return knexFactory({
    client: 'pg',
    connection: { connectionString, application_name: 'shuangjiang' },
    pool: { min: pool.min ?? 0, max: pool.max ?? 10 },
  });
}
