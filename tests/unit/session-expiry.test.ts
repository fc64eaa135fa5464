import { describe, expect, it } from 'vitest';
import {
  CHECK_EVERY_MS,
  CHECK_NEAR_END_MS,
  countdown,
  deadlineOf,
  dueForCheck,
  END_GRACE_MS,
  endedBecause,
  warning,
  WARN_MS,
} from '../../web/src/lib/state/session-expiry.ts';

const MIN = 60_000;

describe('the expiry banner’s arithmetic', () => {
  it('counts down m:ss, rounding up, never below 0:00', () => {
    expect(countdown(105_000)).toBe('1:45');
    expect(countdown(104_001)).toBe('1:45');
    expect(countdown(120_000)).toBe('2:00');
    expect(countdown(9_000)).toBe('0:09');
    expect(countdown(0)).toBe('0:00');
    expect(countdown(-5_000)).toBe('0:00');
  });

  it('moves the server’s expiry onto the browser’s clock, whatever that clock says', () => {
    const server = { expiresAt: '2026-12-07T10:30:00.000Z', now: '2026-12-07T10:28:15.000Z' };
    // This PC's clock is five minutes fast: 1:45 still remain.
    const local = Date.parse('2026-12-07T10:33:15.000Z');
    const d = deadlineOf({ ...server, expiresBecause: 'idle' }, local);
    expect(d).toEqual({ at: local + 105_000, because: 'idle' });
    expect(countdown(d.at - local)).toBe('1:45');
  });

  it('warns within the last two minutes only', () => {
    const d = { at: 10 * MIN, because: 'idle' as const };
    expect(warning(d, d.at - WARN_MS - 1)).toBe(false);
    expect(warning(d, d.at - WARN_MS)).toBe(true);
    expect(warning(d, d.at + 1)).toBe(true);
  });

  it('asks the server once a minute, every ten seconds near the end, and every second once past it', () => {
    const d = { at: 30 * MIN, because: 'idle' as const };
    expect(dueForCheck(d, CHECK_EVERY_MS - 1, 0)).toBe(false);
    expect(dueForCheck(d, CHECK_EVERY_MS, 0)).toBe(true);
    const near = d.at - WARN_MS;
    expect(dueForCheck(d, near, near - CHECK_NEAR_END_MS + 1)).toBe(false);
    expect(dueForCheck(d, near, near - CHECK_NEAR_END_MS)).toBe(true);
    expect(dueForCheck(d, d.at + 2_000, d.at + 500)).toBe(true);
    expect(dueForCheck(d, d.at + 2_000, d.at + 1_500)).toBe(false);
  });

  it('says why a 401 signed the page out: the known end had come (idle or limit), or nothing when it had not', () => {
    const idle = { at: 30 * MIN, because: 'idle' as const };
    expect(endedBecause(idle, idle.at + 1_000)).toBe('idle');
    expect(endedBecause(idle, idle.at - END_GRACE_MS)).toBe('idle');
    // minutes before its end: signed out elsewhere or revoked, not the timeout
    expect(endedBecause(idle, idle.at - 5 * MIN)).toBeNull();
    expect(endedBecause({ at: 8 * MIN, because: 'limit' }, 9 * MIN)).toBe('limit');
    expect(endedBecause(null, 9 * MIN)).toBeNull(); // never signed in on this page
  });
});
