/**
 * The HTTP API's contract: the request and response shapes of each capability, declared once (issue #19).
 *
 * The rule: server/http routes and web/src/lib/api import these files; repositories and services return these
 * types rather than declaring their own. The web imports them with `import type` only, so nothing here adds code
 * to the bundle. A contract file holds types and zod schemas and imports nothing from the server at run time
 * (zod and other contract files only), so the web's type check can follow it without reaching node or knex.
 *
 * Shapes are written as the server holds them (`Date` for instants); `Json<T>` is the same shape after
 * `res.json()` — what the browser receives.
 */
export type { Json } from './json.ts';
