/**
 * The set of record keys seen so far in one file, with the row each was first seen on — to reject a case number
 * repeated within the file. A 1,000,000-row file must not hold a million strings: each key is kept as two
 * independent 32-bit hashes in typed arrays (open addressing, ~24 bytes a key). Two different keys collide only
 * if both hashes agree: about one chance in 10^7 for a million keys, and the rejection reason names the first
 * row, so a person can see it.
 */
export class KeyIndex {
  private h1 = new Int32Array(1024);
  private h2 = new Int32Array(1024);
  private rows = new Int32Array(1024); // 0 = empty slot (row numbers start at 1)
  private size = 0;

  /** The row number a key was first seen on, or undefined. */
  get(key: string): number | undefined {
    const [a, b] = hashes(key);
    const mask = this.rows.length - 1;
    for (let i = a & mask; this.rows[i] !== 0; i = (i + 1) & mask) {
      if (this.h1[i] === a && this.h2[i] === b) return this.rows[i];
    }
    return undefined;
  }

  /** Records a key's first row (callers check `get` first). */
  set(key: string, row: number): void {
    if ((this.size + 1) * 2 > this.rows.length) this.grow();
    const [a, b] = hashes(key);
    this.insert(a, b, row);
    this.size++;
  }

  private insert(a: number, b: number, row: number): void {
    const mask = this.rows.length - 1;
    let i = a & mask;
    while (this.rows[i] !== 0) i = (i + 1) & mask;
    this.h1[i] = a;
    this.h2[i] = b;
    this.rows[i] = row;
  }

  private grow(): void {
    const { h1, h2, rows } = this;
    this.h1 = new Int32Array(rows.length * 2);
    this.h2 = new Int32Array(rows.length * 2);
    this.rows = new Int32Array(rows.length * 2);
    for (let i = 0; i < rows.length; i++) if (rows[i] !== 0) this.insert(h1[i]!, h2[i]!, rows[i]!);
  }
}

/** FNV-1a and a murmur3-style mix over the UTF-16 code units, with different seeds. */
function hashes(s: string): [number, number] {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 13;
  }
  b = Math.imul(b ^ (b >>> 15), 0x85ebca6b);
  b ^= b >>> 13;
  return [a | 0, b | 0];
}
