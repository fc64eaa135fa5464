/**
 * Reading an import file as a header row and a stream of cell rows, whatever its format: CSV (UTF-8, UTF-8 with
 * BOM, GBK/GB18030), XLSX (first sheet), a JSON array of objects, or NDJSON (one object per line). Everything
 * streams except a JSON array, which is parsed whole (capped at JSON_ARRAY_MAX_BYTES): large files should come as
 * CSV, XLSX or NDJSON.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import { parse as parseCsv } from 'csv-parse';
import ExcelJS from 'exceljs';
import { ImportRefused } from './errors.ts';
import { openJsonArray, openNdjson } from './reader-json.ts';
import {
  decoderStream,
  isBlank,
  noHeader,
  type FileFormat,
  type FileInfo,
  type RawRow,
  type Table,
  type TextEncoding,
} from './table.ts';

export type { FileFormat, FileInfo, RawRow, Table, TextEncoding } from './table.ts';

const SNIFF_BYTES = 64 * 1024;

/**
 * One streaming pass over the file: its hash, its size, its format (by content, not by extension: a binary file
 * renamed .csv is refused, an XLSX renamed .csv is read as XLSX) and, for text, its encoding. UTF-8 is decided by
 * decoding the whole file strictly, so a GBK file whose first megabyte happens to be ASCII is still recognised.
 */
export async function inspectFile(filePath: string): Promise<FileInfo> {
  const hash = crypto.createHash('sha256');
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  let validUtf8 = true;
  let size = 0;
  let head = Buffer.alloc(0);
  const stream = fs.createReadStream(filePath, { highWaterMark: 1024 * 1024 }) as AsyncIterable<Buffer>;
  for await (const chunk of readable(stream)) {
    hash.update(chunk);
    if (head.length < SNIFF_BYTES) head = Buffer.concat([head, chunk.subarray(0, SNIFF_BYTES - head.length)]);
    size += chunk.length;
    if (validUtf8) {
      try {
        utf8.decode(chunk, { stream: true });
      } catch {
        validUtf8 = false;
      }
    }
  }
  if (validUtf8) {
    try {
      utf8.decode(); // an incomplete sequence at the very end
    } catch {
      validUtf8 = false;
    }
  }
  const digest = hash.digest('hex');
  try {
    return classify(head, size, digest, validUtf8);
  } catch (err) {
    if (err instanceof ImportRefused) {
      err.fileHash = digest;
      err.fileSize = size;
    }
    throw err;
  }
}

function classify(head: Buffer, size: number, digest: string, validUtf8: boolean): FileInfo {
  if (size === 0) throw new ImportRefused('文件为空', 'the file is empty');

  if (head.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) {
    return { format: 'xlsx', encoding: null, hash: digest, size };
  }
  if (head.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]))) {
    throw new ImportRefused(
      '不支持旧版 Excel（.xls）文件，请另存为 .xlsx 或 CSV 后再导入',
      'legacy Excel (.xls) files are not supported: save the sheet as .xlsx or CSV',
    );
  }
  if (looksBinary(head)) {
    throw new ImportRefused(
      '文件不是文本表格（CSV）、Excel（.xlsx）或 JSON，可能是其他格式的文件改了扩展名',
      'the file is not a CSV, XLSX or JSON table (binary content; perhaps another kind of file renamed)',
    );
  }
  const bom = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf;
  let encoding: TextEncoding;
  if (validUtf8) encoding = bom ? 'utf-8-bom' : 'utf-8';
  else if (decodes(head, 'gb18030')) encoding = 'gb18030';
  else {
    throw new ImportRefused(
      '无法识别文件编码（应为 UTF-8 或 GBK）',
      'unrecognised text encoding (expected UTF-8 or GBK/GB18030)',
    );
  }
  const text = new TextDecoder(encoding === 'gb18030' ? 'gb18030' : 'utf-8').decode(head).trimStart();
  const format: FileFormat = text.startsWith('[') ? 'json' : text.startsWith('{') ? 'ndjson' : 'csv';
  return { format, encoding, hash: digest, size };
}

/** The file's chunks; a file that cannot be opened or read is refused, not a crash. */
async function* readable(stream: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  try {
    yield* stream;
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    throw new ImportRefused(`无法读取文件：${msg}`, `the file cannot be read: ${msg}`);
  }
}

/** Control bytes other than tab, CR, LF and form feed (or any NUL) mean the file is not text. */
function looksBinary(head: Buffer): boolean {
  let control = 0;
  for (const b of head) {
    if (b === 0) return true;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) control++;
  }
  return control > head.length / 100;
}

function decodes(head: Buffer, encoding: string): boolean {
  try {
    // The sniffed head may end inside a multi-byte character: decode in stream mode and ignore the tail.
    new TextDecoder(encoding, { fatal: true }).decode(head, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/** Opens the file for reading rows. The header row is read here; rows stream when iterated. */
export async function openTable(filePath: string, info: FileInfo): Promise<Table> {
  switch (info.format) {
    case 'csv':
      return openCsv(filePath, info.encoding ?? 'utf-8');
    case 'xlsx':
      return openXlsx(filePath);
    case 'json':
      return openJsonArray(filePath, info.encoding ?? 'utf-8');
    case 'ndjson':
      return openNdjson(filePath, info.encoding ?? 'utf-8');
  }
}

async function openCsv(filePath: string, encoding: TextEncoding): Promise<Table> {
  // UTF-8 was validated by inspectFile, so its bytes go straight to the parser; GBK is decoded first.
  const bytes = fs.createReadStream(filePath, { highWaterMark: 256 * 1024 });
  const text = encoding === 'gb18030' ? bytes.pipe(decoderStream(encoding)) : bytes;
  // No `info` and no skip_empty_lines (both cost csv-parse a third of its speed): rows are counted here, so a
  // row's number is its record number in the file — the row number a spreadsheet shows, header = 1.
  // record_delimiter lists every line break: left to auto-detect, csv-parse keeps the first kind it sees, and a
  // file that mixes CRLF and LF (rows pasted from another export) would have two rows silently joined into one.
  const records = text.pipe(
    parseCsv({
      bom: true,
      relax_column_count: true,
      relax_quotes: true,
      record_delimiter: ['\r\n', '\n', '\r'],
    }),
  );
  text.on('error', (err: Error) => records.destroy(err));
  const it = (records as AsyncIterable<string[]>)[Symbol.asyncIterator]();
  let rowNumber = 0;
  let headers: string[] | undefined;
  for (;;) {
    const next = await it.next().catch(rethrowCsv);
    if (next.done) break;
    rowNumber++;
    if (!isBlank(next.value)) {
      headers = next.value;
      break;
    }
  }
  if (!headers) throw noHeader();
  const width = headers.length;
  async function* rows(): AsyncGenerator<RawRow> {
    try {
      for (;;) {
        const next = await it.next().catch(rethrowCsv);
        if (next.done) return;
        rowNumber++;
        if (isBlank(next.value)) continue;
        yield { rowNumber, cells: fit(next.value, width) };
      }
    } finally {
      // Abandoned early (the COPY failed): release the file.
      records.destroy();
      bytes.destroy();
    }
  }
  return { headers, rows: rows() };
}

function rethrowCsv(err: unknown): never {
  if (err instanceof ImportRefused) throw err;
  const msg = err instanceof Error ? err.message : String(err);
  throw new ImportRefused(`CSV 格式错误：${msg}`, `malformed CSV: ${msg}`);
}

function fit(cells: string[], width: number): string[] {
  if (cells.length === width) return cells;
  if (cells.length > width) return cells.slice(0, width);
  return [...cells, ...Array<string>(width - cells.length).fill('')];
}

/** An XLSX cell as text. Dates become YYYY-MM-DD (exceljs builds them as UTC midnight); numbers stay numbers. */
export function xlsxCellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return '';
    // A date with a time of day close to midnight (rounding in the serial) rounds to the nearest day.
    const t = new Date(Math.round(v.getTime() / 86_400_000) * 86_400_000);
    return t.toISOString().slice(0, 10);
  }
  if ('richText' in v) return v.richText.map((r) => r.text).join('');
  if ('formula' in v || 'sharedFormula' in v) {
    const result = (v as ExcelJS.CellFormulaValue).result;
    return result === undefined || (typeof result === 'object' && 'error' in result)
      ? ''
      : xlsxCellText(result);
  }
  if ('text' in v) return String(v.text);
  if ('error' in v) return '';
  return '';
}

async function openXlsx(filePath: string): Promise<Table> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(filePath, {
    sharedStrings: 'cache',
    styles: 'cache', // needed for exceljs to recognise date-formatted cells
    hyperlinks: 'ignore',
    worksheets: 'emit',
  });
  const sheets = (reader as unknown as AsyncIterable<AsyncIterable<ExcelJS.Row>>)[Symbol.asyncIterator]();
  const first = await sheets.next().catch(rethrowXlsx);
  if (first.done) throw new ImportRefused('Excel 文件中没有工作表', 'the workbook has no worksheet');
  const rowsIt = first.value[Symbol.asyncIterator]();
  const text = (row: ExcelJS.Row): string[] => {
    const values = row.values as ExcelJS.CellValue[];
    const out: string[] = [];
    for (let i = 1; i < values.length; i++)
      out.push(xlsxCellText(values[i]).trim() === '' ? '' : xlsxCellText(values[i]));
    return out;
  };
  let headers: string[] | undefined;
  for (;;) {
    const next = await rowsIt.next().catch(rethrowXlsx);
    if (next.done) break;
    const cells = text(next.value);
    if (!isBlank(cells)) {
      headers = cells;
      break;
    }
  }
  if (!headers) throw noHeader();
  const width = headers.length;
  async function* rows(): AsyncGenerator<RawRow> {
    for (;;) {
      const next = await rowsIt.next().catch(rethrowXlsx);
      if (next.done) break;
      const cells = text(next.value);
      if (isBlank(cells)) continue;
      yield { rowNumber: next.value.number, cells: fit(cells, width) };
    }
    // Stop the reader from parsing the remaining sheets.
    await sheets.return?.();
  }
  return { headers, rows: rows() };
}

function rethrowXlsx(err: unknown): never {
  if (err instanceof ImportRefused) throw err;
  const msg = err instanceof Error ? err.message : String(err);
  throw new ImportRefused(`无法读取 Excel 文件：${msg}`, `unreadable XLSX file: ${msg}`);
}
