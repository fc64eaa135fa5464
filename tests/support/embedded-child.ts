// Child process for tests/integration/embedded.test.ts: starts an embedded cluster in argv[2], creates a table,
// prints READY and waits to be killed (SIGKILL leaves its postmaster behind, as a killed `npm start` would).
import { startEmbeddedPostgres } from '../../server/db/embedded.ts';
import { createKnex } from '../../server/db/knex.ts';
import { createLogger } from '../../server/logger.ts';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: embedded-child.ts <dataDir>');
const pg = await startEmbeddedPostgres({ dataDir, database: 'app', logger: createLogger('warn') });
const knex = createKnex(pg.url);
await knex.raw('CREATE TABLE IF NOT EXISTS survivor (note text)');
await knex('survivor').insert({ note: '示例' });
await knex.destroy();
process.stdout.write(`READY ${pg.port}\n`);
setInterval(() => undefined, 1000);
