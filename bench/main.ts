/**
 * `npm run bench -- <name> [args]`: runs bench/<name>.bench.ts. Each benchmark prints a readable table and, as
 * its last line, one JSON object with its figures. Without a name, lists the benchmarks.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const dir = import.meta.dirname;
const available = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .map((f) => f.replace(/\.bench\.ts$/, ''))
  .sort();
const [name, ...args] = process.argv.slice(2);

if (!name || !available.includes(name)) {
  process.stdout.write(`usage: npm run bench -- <${available.join('|')}> [options]\n`);
  process.exit(name ? 2 : 0);
}
const mod = (await import(pathToFileURL(path.join(dir, `${name}.bench.ts`)).href)) as {
  run(args: string[]): Promise<void>;
};
await mod.run(args);
