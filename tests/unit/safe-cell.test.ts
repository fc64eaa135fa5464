import { describe, expect, it } from 'vitest';
import { csvField, csvLine, safeCellText, safeXlsxValue } from '../../server/exports/safe-cell.ts';

describe('formula injection escaping', () => {
  it.each([
    ['=HYPERLINK("http://evil.example","点击")', `'=HYPERLINK("http://evil.example","点击")`],
    ['+1+cmd|" /C calc"!A0', `'+1+cmd|" /C calc"!A0`],
    ['-2+3', "'-2+3"],
    ['@SUM(A1:A9)', "'@SUM(A1:A9)"],
    ['\t=1+1', "'\t=1+1"],
    ['\r=1+1', "'\r=1+1"],
    ['-', "'-"],
  ])('escapes %j', (input, expected) => {
    expect(safeCellText(input)).toBe(expected);
  });

  it.each(['南召县自然资源局', '(2023)豫1321行初12号', 'a=b', '1-2', ' =still text', '５=全角'])(
    'leaves ordinary text %j alone',
    (text) => {
      expect(safeCellText(text)).toBe(text);
    },
  );

  it('keeps negative and signed numbers numeric, as numbers and as plain numeric text', () => {
    expect(csvField(-5)).toBe('-5');
    expect(csvField(-0.125)).toBe('-0.125');
    expect(safeCellText('-5')).toBe('-5');
    expect(safeCellText('+3.5')).toBe('+3.5');
    expect(safeCellText('-1e3')).toBe('-1e3');
    expect(safeXlsxValue(-12)).toBe(-12);
    expect(typeof safeXlsxValue(-12)).toBe('number');
    expect(safeXlsxValue('=1+1')).toBe("'=1+1");
    expect(safeXlsxValue(null)).toBeNull();
  });

  it('quotes CSV fields per RFC 4180 after escaping', () => {
    expect(csvField('=A1,"x"')).toBe(`"'=A1,""x"""`);
    expect(csvField('第一行\n第二行')).toBe('"第一行\n第二行"');
    expect(csvField(null)).toBe('');
    expect(csvField(Number.NaN)).toBe('');
    expect(csvLine(['A01', -3, '=2*5', true])).toBe("A01,-3,'=2*5,true\r\n");
  });
});
