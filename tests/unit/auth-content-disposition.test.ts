import { describe, expect, it } from 'vitest';
import { contentDisposition } from '../../server/http/security.ts';

describe('contentDisposition (RFC 6266 / RFC 8187)', () => {
  it('sends a Chinese name as UTF-8 percent-encoding with an ASCII fallback', () => {
    expect(contentDisposition('双降指标表-2025.csv')).toBe(
      `attachment; filename="_____-2025.csv"; filename*=UTF-8''%E5%8F%8C%E9%99%8D%E6%8C%87%E6%A0%87%E8%A1%A8-2025.csv`,
    );
    // The encoded part decodes back to the exact name.
    const encoded = /filename\*=UTF-8''(.+)$/.exec(contentDisposition('示例县（2025年）联席会议.pptx'))![1]!;
    expect(decodeURIComponent(encoded)).toBe('示例县（2025年）联席会议.pptx');
  });

  it('strips quotes, path separators and control characters that could break the header', () => {
    const header = contentDisposition('../"evil"\r\nSet-Cookie: x=1.csv');
    expect(header).not.toMatch(/[\r\n]/);
    expect(header).toContain('filename="..evilSet-Cookie: x=1.csv"');
    expect(header).not.toContain('/');
  });

  it("encodes the characters RFC 8187 reserves (' ( ) *)", () => {
    expect(contentDisposition("a'(b)*.csv")).toContain("filename*=UTF-8''a%27%28b%29%2A.csv");
  });

  it('falls back to a neutral name when nothing printable is left', () => {
    expect(contentDisposition('\u0000/\\')).toBe(
      `attachment; filename="download"; filename*=UTF-8''download`,
    );
  });
});
