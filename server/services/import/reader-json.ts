/**
 * The JSON readers of an import file (reader.ts dispatches to them): a JSON array of objects, parsed whole and
 * capped at JSON_ARRAY_MAX_BYTES, or NDJSON, one object per line, streamed.
 */
import fs from 'node:fs';
import { Transform } from 'node:stream';
import { ImportRefused } from './errors.ts';
import {
  decoderStream,
  isBlank,
  JSON_ARRAY_MAX_BYTES,
  noHeader,
  type RawRow,
  type Table,
  type TextEncoding,
} from './table.ts';

/** A JSON value as cell text: null → blank, booleans → true/false, objects → their JSON. */
function jsonCellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

function asRecord(v: unknown, rowNumber: number): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) {
    throw new ImportRefused(
      `JSON 第 ${rowNumber - 1} 条记录不是对象`,
      `JSON record ${rowNumber - 1} is not an object keyed by column headers`,
    );
  }
  return v as Record<string, unknown>;
}

export async function openJsonArray(filePath: string, encoding: TextEncoding): Promise<Table> {
  const { size } = await fs.promises.stat(filePath);
  if (size > JSON_ARRAY_MAX_BYTES) {
    throw new ImportRefused(
      `JSON 数组文件超过 ${JSON_ARRAY_MAX_BYTES / 1024 / 1024} MB，请改用 CSV 或 NDJSON（每行一个对象）`,
      `a JSON array file over ${JSON_ARRAY_MAX_BYTES / 1024 / 1024} MB: send CSV or NDJSON (one object per line)`,
    );
  }
  const text = new TextDecoder(encoding === 'gb18030' ? 'gb18030' : 'utf-8').decode(
    await fs.promises.readFile(filePath),
  );
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    throw new ImportRefused(`JSON 格式错误：${msg}`, `malformed JSON: ${msg}`);
  }
  if (!Array.isArray(data))
    throw new ImportRefused('JSON 文件应为对象数组', 'the JSON file must hold an array of objects');
  const records = data.map((v, i) => asRecord(v, i + 2));
  // Headers: every key, in the order first seen.
  const seen = new Set<string>();
  for (const r of records) for (const k of Object.keys(r)) seen.add(k);
  const headers = [...seen];
  // eslint-disable-next-line @typescript-eslint/require-await -- an async iterable like the streaming readers
  async function* rows(): AsyncGenerator<RawRow> {
    for (let i = 0; i < records.length; i++) {
      const r = records[i]!;
      records[i] = {}; // let the parsed record go once its row is out
      const cells = headers.map((h) => jsonCellText(r[h]));
      if (!isBlank(cells)) yield { rowNumber: i + 2, cells };
    }
  }
  return { headers, rows: rows() };
}

export async function openNdjson(filePath: string, encoding: TextEncoding): Promise<Table> {
  const lines = fs
    .createReadStream(filePath, { highWaterMark: 256 * 1024 })
    .pipe(decoderStream(encoding))
    .pipe(lineSplitter());
  const it = (lines as AsyncIterable<string>)[Symbol.asyncIterator]();
  let lineNo = 0;
  const nextRecord = async (): Promise<{ rec: Record<string, unknown>; line: number } | undefined> => {
    for (;;) {
      const next = await it.next();
      if (next.done) return undefined;
      lineNo++;
      const line = next.value.trim();
      if (!line) continue;
      let v: unknown;
      try {
        v = JSON.parse(line);
      } catch (err) {
        const msg = err instanceof Error ? err.message : String(err);
        throw new ImportRefused(
          `NDJSON 第 ${lineNo} 行不是合法 JSON：${msg}`,
          `NDJSON line ${lineNo} is not JSON: ${msg}`,
        );
      }
      return { rec: asRecord(v, lineNo + 1), line: lineNo };
    }
  };
  const first = await nextRecord();
  if (!first) throw noHeader();
  // Headers come from the first object; keys that appear only later are ignored (NDJSON streams).
  const headers = Object.keys(first.rec);
  async function* rows(): AsyncGenerator<RawRow> {
    let cur: { rec: Record<string, unknown>; line: number } | undefined = first;
    while (cur) {
      const rec = cur.rec;
      const cells = headers.map((h) => jsonCellText(rec[h]));
      if (!isBlank(cells)) yield { rowNumber: cur.line + 1, cells };
      cur = await nextRecord();
    }
  }
  return { headers, rows: rows() };
}

function lineSplitter(): Transform {
  let rest = '';
  return new Transform({
    readableObjectMode: true,
    transform(chunk: Buffer | string, _enc, cb) {
      const parts = (rest + chunk.toString()).split('\n');
      rest = parts.pop() ?? '';
      for (const p of parts) this.push(p);
      cb();
    },
    flush(cb) {
      if (rest) this.push(rest);
      cb();
    },
  });
}
