import { describe, expect, it } from 'vitest';
import { pickMessage } from '../../web/src/lib/i18n/bilingual.ts';

describe('pickMessage: the server\'s "中文 / English" messages in the UI language', () => {
  it('picks the side for the locale', () => {
    const m = '已忽略未知列「备注」 / ignored unknown column "备注"';
    expect(pickMessage(m, 'zh')).toBe('已忽略未知列「备注」');
    expect(pickMessage(m, 'en')).toBe('ignored unknown column "备注"');
  });
  it('splits at the first separator only (an English side may contain " / ")', () => {
    expect(pickMessage('文件为空 / the file is empty / truncated', 'en')).toBe(
      'the file is empty / truncated',
    );
  });
  it('shows a message without a separator as it is, and nothing for null', () => {
    expect(pickMessage('cannot read folder /tmp/x: ENOENT', 'zh')).toBe('cannot read folder /tmp/x: ENOENT');
    expect(pickMessage(null, 'en')).toBe('');
  });
});
