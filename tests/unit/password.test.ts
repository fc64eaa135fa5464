import { describe, expect, it } from 'vitest';
import {
  checkPassword,
  generatePassword,
  hashPassword,
  verifyPassword,
} from '../../server/domain/password.ts';

describe('checkPassword', () => {
  it('refuses fewer than 10 characters, counting Chinese characters as one each', () => {
    expect(checkPassword('short-pw9')?.code).toBe('too_short');
    expect(checkPassword('司法局府院联动九个字')).toBeNull(); // 10 characters, 20 UTF-8 bytes
    expect(checkPassword('司法局府院联动九字x')).toBeNull();
    expect(checkPassword('司法局府院联动九字')?.code).toBe('too_short');
  });

  it('imposes no composition rules', () => {
    expect(checkPassword('correct horse battery staple')).toBeNull();
    expect(checkPassword('lowercaseonlybutlong')).toBeNull();
  });

  it.each([
    'password123',
    'Password123!',
    'QWERTYUIOP',
    'woaini1314',
    '1234567890',
    'aaaaaaaaaaaa',
    'abcdefghijkl',
  ])('refuses the common or trivial password %s', (pw) => {
    expect(checkPassword(pw)?.code).toBe('too_common');
  });

  it('refuses a password containing the username', () => {
    expect(checkPassword('zhangsan-2024-spring', 'zhangsan')?.code).toBe('contains_username');
  });

  it('refuses absurdly long passwords', () => {
    expect(checkPassword('x'.repeat(257))?.code).toBe('too_long');
  });
});

describe('hashing', () => {
  it('uses argon2id and verifies only the right password', async () => {
    const stored = await hashPassword('春眠不觉晓处处闻啼鸟');
    expect(stored.startsWith('$argon2id$')).toBe(true);
    expect(await verifyPassword(stored, '春眠不觉晓处处闻啼鸟')).toBe(true);
    expect(await verifyPassword(stored, '春眠不觉晓处处闻啼鸟 ')).toBe(false);
    expect(await verifyPassword('not-a-hash', 'anything')).toBe(false);
  });

  it('generates distinct passwords that pass the rules', () => {
    const a = generatePassword();
    expect(a).toHaveLength(18);
    expect(checkPassword(a)).toBeNull();
    expect(generatePassword()).not.toBe(a);
  });
});
