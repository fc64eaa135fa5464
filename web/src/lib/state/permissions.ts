/**
 * What the signed-in user may do, for hiding buttons they could not use. The rules are the server's own
 * (server/services/auth/access.ts, pure and dependency-free), so the UI and the API never disagree; the server still
 * enforces every call.
 */
import { can as canAct, type Action } from '../../../../server/services/auth/access.ts';
import { session, type SessionUser } from '../api/client.ts';

export type { Action };

export function can(action: Action, user: SessionUser | null = session.user): boolean {
  return !!user && canAct(user, action);
}
