/**
 * What every reader of an import file yields (a header row and a stream of numbered cell rows) and the pieces the
 * readers share: reader.ts (CSV, XLSX, and the dispatch) and reader-json.ts (JSON, NDJSON) both import this file,
 * so neither imports the other's internals.
 */
import { Transform } from 'node:stream';
import { ImportRefused } from './errors.ts';

export type FileFormat = 'csv' | 'xlsx' | 'json' | 'ndjson';
export type TextEncoding = 'utf-8' | 'utf-8-bom' | 'gb18030';

export interface FileInfo {
  format: FileFormat;
  /** CSV/JSON text encoding; null for XLSX. */
  encoding: TextEncoding | null;
  /** sha256 of the bytes, hex. */
  hash: string;
  size: number;
}

export interface RawRow {
  /** The row's number as the user sees it: the line (CSV), the sheet row (XLSX) or the record index + 1 (JSON), header = 1. */
  rowNumber: number;
  /** Cells aligned with the header row, as strings ('' for blank). */
  cells: string[];
}

export interface Table {
  headers: string[];
  rows: AsyncIterable<RawRow>;
}

export const JSON_ARRAY_MAX_BYTES = 256 * 1024 * 1024;

export function decoderStream(encoding: TextEncoding): Transform {
  const decoder = new TextDecoder(encoding === 'gb18030' ? 'gb18030' : 'utf-8', { fatal: true });
  return new Transform({
    readableObjectMode: false,
    transform(chunk: Buffer, _enc, cb) {
      try {
        cb(null, decoder.decode(chunk, { stream: true }));
      } catch {
        cb(
          new ImportRefused(
            '文件中有无法按所识别编码解码的字节',
            `the file has bytes that are not valid ${encoding}`,
          ),
        );
      }
    },
    flush(cb) {
      try {
        const rest = decoder.decode();
        cb(null, rest || undefined);
      } catch {
        cb(new ImportRefused('文件末尾不完整（编码错误）', `the file ends inside a ${encoding} character`));
      }
    },
  });
}

export const isBlank = (cells: readonly string[]): boolean => cells.every((c) => c.trim() === '');

export const noHeader = () => new ImportRefused('文件没有表头行', 'the file has no header row');
