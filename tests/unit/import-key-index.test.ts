import { describe, expect, it } from 'vitest';
import { KeyIndex } from '../../server/services/import/key-index.ts';

describe('KeyIndex', () => {
  it('remembers the first row of each of 200,000 distinct case numbers through its growth', () => {
    const idx = new KeyIndex();
    const key = (i: number) => `(${2000 + (i % 25)})豫1321行初${i}号`;
    let seenBefore = 0;
    for (let i = 1; i <= 200_000; i++) {
      if (idx.get(key(i)) !== undefined) seenBefore++;
      idx.set(key(i), i + 1);
    }
    expect(seenBefore).toBe(0);
    for (let i = 1; i <= 200_000; i += 997) expect(idx.get(key(i))).toBe(i + 1);
    expect(idx.get('(2024)豫1321行初0号')).toBeUndefined();
    expect(idx.get('')).toBeUndefined();
  });

  it('tells apart keys that differ in one character or in order', () => {
    const idx = new KeyIndex();
    idx.set('ab', 2);
    idx.set('(2024)豫1321行初12号', 3);
    expect(idx.get('ba')).toBeUndefined();
    expect(idx.get('(2024)豫1321行初21号')).toBeUndefined();
    expect(idx.get('(2024)豫1321行初12号')).toBe(3);
  });
});
