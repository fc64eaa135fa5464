import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvRecords } from '../../server/services/import/csv.ts';

/** Parses text delivered in chunks of `size` characters (every split point a stream can produce). */
async function records(text: string, size = text.length || 1): Promise<string[][]> {
  async function* chunks(): AsyncGenerator<string> {
    for (let i = 0; i < text.length; i += size) yield await Promise.resolve(text.slice(i, i + size));
  }
  const out: string[][] = [];
  for await (const batch of csvRecords(chunks())) out.push(...batch);
  return out;
}

/** What csv-parse made of the same text, with the options the importer used before csv.ts. */
function reference(text: string): string[][] {
  const rows: string[][] = parse(text, { bom: true, relax_column_count: true, relax_quotes: true });
  return rows;
}

const SAMPLES = {
  plain: '案号,被告\n1,县公安局\n2,县自规局\n',
  crlf: '案号,被告\r\n1,县公安局\r\n2,"县自规局"\r\n',
  cr: '案号,被告\r1,县公安局\r2,县自规局',
  noFinalBreak: 'a,b\n1,2',
  quoted: 'a,b,c\n"x, y","say ""hi""",z\n',
  multiLine: 'a,b\n1,"line one\r\nline two"\n2,"\n"\n',
  emptyFields: 'a,b,c\n,,\n1,,\n,"",x\n',
  blankLines: 'a,b\n\n1,2\n\n\n3,4\n',
  afterClosingQuote: 'a,b\n"x"y,1\n"a,b"c,d\n"a""b"c,d\n"a\nb"c,d\n"x"y"z,1\n',
  ragged: 'a,b,c\n1\n1,2,3,4\n',
  bom: '\uFEFF编码,名称\nA01,示例县公安局\n',
  strayQuote: 'a,b\nsay "hi",x\n5" pipe,y\n',
  quoteOnly: 'a\n""\n""""\n',
};

describe('csvRecords', () => {
  for (const [name, text] of Object.entries(SAMPLES)) {
    it(`reads ${name} as csv-parse did, whatever the chunking`, async () => {
      const expected = reference(text);
      for (let size = 1; size <= text.length; size++) expect(await records(text, size)).toEqual(expected);
    });
  }

  it('refuses a quote left open', async () => {
    await expect(records('a,b\n"open,1\n')).rejects.toThrow(/quote not closed in record 2/);
    expect(() => reference('a,b\n"open,1\n')).toThrow();
  });

  it('ends a record at any line break when a file mixes them (csv-parse joined such rows)', async () => {
    const text = 'a,b\r\n1,2\n3,4\r5,6\r\n\r\n';
    expect(await records(text, 3)).toEqual([['a', 'b'], ['1', '2'], ['3', '4'], ['5', '6'], ['']]);
    expect(reference(text)).toContainEqual(['1', '2\n3', '4\r5', '6']);
  });

  it('reads nothing from empty text', async () => {
    expect(await records('')).toEqual([]);
  });
});
