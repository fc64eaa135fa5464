/**
 * A streaming CSV parser for decoded text (RFC 4180, comma-separated), written for import speed: csv-parse spent
 * ~10 µs a row, most of a million-row import's parse time; this one splits a plain line with String.split and
 * scans character by character only the records that hold a quote or a lone CR. It reads what csv-parse did with
 * { bom, relax_column_count, relax_quotes } (tests/unit/import-csv.test.ts compares the two):
 * - a field that starts with " is quoted: "" inside is one ", and commas and line breaks are data; text after
 *   the closing quote makes it an unquoted field that keeps its quotes; a quote left open makes the file malformed;
 * - a " anywhere else is an ordinary character;
 * - records end at LF, CRLF or CR, even when a file mixes them (one difference: csv-parse kept the first kind it
 *   saw and read the others as data, joining two rows into one); a blank line is a record of one empty field;
 * - a leading byte-order mark is dropped; rows may have any number of fields.
 */

const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;

export class CsvSyntaxError extends Error {}

interface Parsed {
  cells: string[];
  next: number;
}

/** The records of the text, in batches (one per input chunk, to keep the per-record overhead small). */
export async function* csvRecords(chunks: AsyncIterable<string>): AsyncGenerator<string[][]> {
  let buf = '';
  let started = false;
  let record = 0;
  for await (const chunk of chunks) {
    buf = buf ? buf + chunk : chunk;
    if (!started && buf.length) {
      if (buf.charCodeAt(0) === 0xfeff) buf = buf.slice(1);
      started = true;
    }
    const out: string[][] = [];
    let pos = 0;
    for (;;) {
      const r = parseRecord(buf, pos, false, record + out.length + 1);
      if (r === null) break;
      out.push(r.cells);
      pos = r.next;
    }
    buf = pos ? buf.slice(pos) : buf;
    record += out.length;
    if (out.length) yield out;
  }
  const out: string[][] = [];
  let pos = 0;
  while (pos < buf.length) {
    const r = parseRecord(buf, pos, true, record + out.length + 1)!;
    out.push(r.cells);
    pos = r.next;
  }
  if (out.length) yield out;
}

/**
 * The record starting at `pos`, or null when the text ends before the record does (and more may follow:
 * `final` false). `n` is the record's number, for error messages.
 */
function parseRecord(s: string, pos: number, final: boolean, n: number): Parsed | null {
  // Fast path: a line without quotes or CRs other than a CRLF's.
  const nl = s.indexOf('\n', pos);
  if (nl !== -1 || final) {
    const end = nl === -1 ? s.length : nl;
    const lineEnd = end > pos && s.charCodeAt(end - 1) === CR ? end - 1 : end;
    const line = s.slice(pos, lineEnd);
    if (line.indexOf('"') === -1 && line.indexOf('\r') === -1) {
      return { cells: line.split(','), next: nl === -1 ? s.length : nl + 1 };
    }
  }
  return scanRecord(s, pos, final, n);
}

/** After a record's last field at `i` (a line break or the end): the index after the break, or null. */
function afterBreak(s: string, i: number, final: boolean): number | null {
  if (i >= s.length) return final ? i : null;
  const c = s.charCodeAt(i);
  if (c === LF) return i + 1;
  if (i + 1 >= s.length && !final) return null; // a CR whose LF may be in the next chunk
  return s.charCodeAt(i + 1) === LF ? i + 2 : i + 1;
}

/** The end of an unquoted field starting at `i`: the next comma, line break or the end of the text. */
function fieldEnd(s: string, i: number): number {
  let j = i;
  while (j < s.length) {
    const c = s.charCodeAt(j);
    if (c === COMMA || c === LF || c === CR) break;
    j++;
  }
  return j;
}

function scanRecord(s: string, pos: number, final: boolean, n: number): Parsed | null {
  const cells: string[] = [];
  const len = s.length;
  let i = pos;
  for (;;) {
    if (i < len && s.charCodeAt(i) === QUOTE) {
      let value = '';
      let j = i + 1;
      for (;;) {
        const q = s.indexOf('"', j);
        if (q === -1 || (q + 1 >= len && !final)) {
          if (!final) return null;
          throw new CsvSyntaxError(`quote not closed in record ${n}`);
        }
        if (s.charCodeAt(q + 1) === QUOTE) {
          value += s.slice(j, q + 1);
          j = q + 2;
          continue;
        }
        value += s.slice(j, q);
        i = q + 1;
        break;
      }
      if (i < len && s.charCodeAt(i) !== COMMA && s.charCodeAt(i) !== LF && s.charCodeAt(i) !== CR) {
        // Text after the closing quote: the field is read as unquoted text, its quotes kept (csv-parse's
        // relax_quotes did the same), up to the next comma or line break.
        const j = fieldEnd(s, i);
        if (j >= len && !final) return null;
        value = `"${value}"${s.slice(i, j)}`;
        i = j;
      }
      cells.push(value);
      if (i < len && s.charCodeAt(i) === COMMA) {
        i++;
        continue;
      }
      const next = afterBreak(s, i, final);
      return next === null ? null : { cells, next };
    }
    const j = fieldEnd(s, i);
    if (j >= len && !final) return null;
    cells.push(s.slice(i, j));
    if (j < len && s.charCodeAt(j) === COMMA) {
      i = j + 1;
      continue;
    }
    const next = afterBreak(s, j, final);
    return next === null ? null : { cells, next };
  }
}
