/**
 * The expiry banner's arithmetic (pure; the banner is web/src/lib/components/SessionBanner.svelte). Times are
 * this browser's clock: the server's expiry is moved onto it with the server's own `now`, so a PC whose clock is
 * off still counts down the right minutes.
 */
import type { SessionExpiry } from '../api/client.ts';

/** The banner shows this long before the session would end. */
export const WARN_MS = 2 * 60_000;
/** The server is asked again this often in the background (another tab, an admin's new timeout)… */
export const CHECK_EVERY_MS = 60_000;
/** …and this often while the banner is up or the end has come (the session may have been used elsewhere). */
export const CHECK_NEAR_END_MS = 10_000;

export interface Deadline {
  /** When the session ends, on this browser's clock (ms since the epoch). */
  at: number;
  /** `idle`: 「继续使用」 extends it; `limit`: the fixed lifetime, nothing extends it. */
  because: SessionExpiry['expiresBecause'];
}

/** The server's answer as a deadline on the local clock (`receivedAt`: local time the answer came). */
export function deadlineOf(
  expiry: Pick<SessionExpiry, 'expiresAt' | 'expiresBecause' | 'now'>,
  receivedAt: number,
): Deadline {
  return {
    at: receivedAt + (Date.parse(expiry.expiresAt) - Date.parse(expiry.now)),
    because: expiry.expiresBecause,
  };
}

/** Whether the banner is up: the session ends within WARN_MS. */
export const warning = (d: Deadline, now: number): boolean => d.at - now <= WARN_MS;

/** Whether to ask the server now, given when it was last asked. */
export function dueForCheck(d: Deadline, now: number, checkedAt: number): boolean {
  const near = d.at - now <= WARN_MS + CHECK_NEAR_END_MS;
  return (
    now - checkedAt >= (near ? CHECK_NEAR_END_MS : CHECK_EVERY_MS) ||
    (d.at <= now && now - checkedAt >= 1_000)
  );
}

/** A 401 this close before the known end is still the end (the two clocks' answers are a request apart). */
export const END_GRACE_MS = 5_000;

/**
 * Why a signed-in page's request was refused (401) at `now`: the session's known end had come — `idle` or
 * `limit`, said on the sign-in page — or null when it had not (signed out elsewhere, revoked by an admin), which
 * the sign-in page does not explain.
 */
export function endedBecause(d: Deadline | null, now: number): Deadline['because'] | null {
  return d && now >= d.at - END_GRACE_MS ? d.because : null;
}

/** Milliseconds left as m:ss, rounded up (1:45; 0:00 only at the end). */
export function countdown(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}
