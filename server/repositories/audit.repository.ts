import type { Knex } from '../db/knex.ts';

export type AuditOutcome = 'success' | 'failure' | 'denied';

export interface NewAuditEvent {
  actor_user_id: number | null;
  actor_username: string | null;
  actor_role: string | null;
  ip: string | null;
  action: string;
  target: string | null;
  outcome: AuditOutcome;
  detail: Record<string, unknown>;
  at?: Date;
}

export interface AuditEventRow extends Required<NewAuditEvent> {
  id: number;
  at: Date;
}

export interface AuditFilter {
  from?: Date;
  /** Exclusive upper bound. */
  to?: Date;
  actor?: string;
  /** Exact action, or a prefix ending with `.` (e.g. `auth.`). */
  action?: string;
  outcome?: AuditOutcome;
  /** Substring of the target (a username, a file name), matched literally. */
  target?: string;
  /** Only events before this id (paging backwards from the newest). */
  beforeId?: number;
  limit: number;
}

export async function insertAuditEvent(db: Knex, event: NewAuditEvent): Promise<void> {
  await db('audit_event').insert({ ...event, detail: JSON.stringify(event.detail) });
}

/** Newest first. Every filter value is a binding; LIKE wildcards in user input are escaped. */
export async function listAuditEvents(db: Knex, f: AuditFilter): Promise<AuditEventRow[]> {
  const q = db('audit_event').select('*').orderBy('id', 'desc').limit(f.limit);
  if (f.from) q.where('at', '>=', f.from);
  if (f.to) q.where('at', '<', f.to);
  if (f.actor) q.where('actor_username', f.actor);
  if (f.action) {
    if (f.action.endsWith('.')) q.whereLike('action', `${escapeLike(f.action)}%`);
    else q.where('action', f.action);
  }
  if (f.outcome) q.where('outcome', f.outcome);
  if (f.target) q.whereRaw(`target LIKE ? ESCAPE '\\'`, [`%${escapeLike(f.target)}%`]);
  if (f.beforeId) q.where('id', '<', f.beforeId);
  return q;
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}
