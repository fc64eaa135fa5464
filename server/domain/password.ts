/**
 * Password rules and hashing (issue #3). The rules follow NIST SP 800-63B: a minimum length, a check against
 * common passwords, no composition rules (no "one digit, one capital"), no periodic expiry.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import { hash, verify } from '@node-rs/argon2';

export const MIN_PASSWORD_LENGTH = 10;
/** Above this, hashing becomes a denial-of-service lever; no one types 256 characters. */
export const MAX_PASSWORD_LENGTH = 256;

let common: Set<string> | undefined;
function commonPasswords(): Set<string> {
  common ??= new Set(
    fs
      .readFileSync(new URL('./common-passwords.txt', import.meta.url), 'utf8')
      .split('\n')
      .map((l) => l.trim().toLowerCase())
      .filter((l) => l && !l.startsWith('#')),
  );
  return common;
}

export interface PasswordProblem {
  code: 'too_short' | 'too_long' | 'too_common' | 'contains_username';
  message: string;
}

/** Null when `password` is acceptable for `username`, else why not (Chinese / English, safe to show). */
export function checkPassword(password: string, username = ''): PasswordProblem | null {
  // Length in characters as people count them (code points), not UTF-16 units.
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) {
    return {
      code: 'too_short',
      message: `密码至少 ${MIN_PASSWORD_LENGTH} 个字符 / the password needs at least ${MIN_PASSWORD_LENGTH} characters`,
    };
  }
  if (length > MAX_PASSWORD_LENGTH) {
    return {
      code: 'too_long',
      message: `密码最多 ${MAX_PASSWORD_LENGTH} 个字符 / the password may have at most ${MAX_PASSWORD_LENGTH} characters`,
    };
  }
  const lower = password.toLowerCase();
  const name = username.trim().toLowerCase();
  if (name.length >= 3 && lower.includes(name)) {
    return {
      code: 'contains_username',
      message: '密码不能包含用户名 / the password must not contain the username',
    };
  }
  if (isCommon(lower)) {
    return {
      code: 'too_common',
      message:
        '密码过于常见，请换一个更难猜的 / this password is too common: choose one that is harder to guess',
    };
  }
  return null;
}

function isCommon(lower: string): boolean {
  const list = commonPasswords();
  if (list.has(lower)) return true;
  // "Password123!" is "password" with decoration: strip trailing digits and punctuation and look again.
  const stem = lower.replace(/[\d!@#$%^&*.?_-]+$/, '');
  if (stem !== lower && stem.length > 0 && list.has(stem)) return true;
  // One repeated character, or a straight run like "abcdefghijk" / "9876543210".
  const codes = [...lower].map((c) => c.codePointAt(0)!);
  const steps = new Set(codes.slice(1).map((c, i) => c - codes[i]!));
  return steps.size === 1 && [...steps].every((s) => Math.abs(s) <= 1);
}

// argon2id with the OWASP-recommended minimum (19 MiB, 2 passes, 1 lane): ~30 ms per hash on one core.
const ARGON2 = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2);
}

/** Constant-time check of `password` against a stored PHC string; false (never throws) on a malformed hash. */
export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

// No 0/O, 1/l/I: passwords that are read aloud or copied from a terminal.
const ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A random password (default 18 characters, ~104 bits) for first admins and resets. */
export function generatePassword(length = 18): string {
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHABET[crypto.randomInt(ALPHABET.length)];
  return out;
}
