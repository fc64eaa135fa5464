import { spawnSync } from 'node:child_process';
import path from 'node:path';

/** Builds the web app once per e2e file (a few seconds), so browser tests always see the current sources. */
export function buildWeb(): string {
  const r = spawnSync(
    process.execPath,
    ['node_modules/vite/bin/vite.js', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'error'],
    {
      encoding: 'utf8',
    },
  );
  if (r.status !== 0) throw new Error(`vite build failed:\n${r.stdout}\n${r.stderr}`);
  return path.resolve('web/dist');
}
