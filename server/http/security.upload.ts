/**
 * Upload checks that must run before a parser touches the file (issue #3): XLSX zip-bomb limits. An XLSX file is
 * a ZIP archive; a few kilobytes can declare gigabytes of XML (or millions of entries) and exhaust memory or CPU
 * in the spreadsheet reader. The archive's central directory is read directly (no decompression) and refused
 * when it declares too many entries, too much uncompressed data, or an implausible compression ratio.
 *
 * Call `checkXlsxArchive(filePath)` on a saved upload whose content starts with the ZIP signature; it throws an
 * UploadRefused (status 413 or 422, a stable code, a message in Chinese and English).
 */
import fs from 'node:fs/promises';
import type { Request } from 'express';

export interface XlsxLimits {
  /** Entries in the archive (a real workbook has 10–50). */
  maxEntries: number;
  /** Sum of the declared uncompressed sizes. */
  maxUncompressedBytes: number;
  /** Uncompressed ÷ compressed for any entry above 1 MB uncompressed (sheet XML compresses ~10–100×). */
  maxRatio: number;
}

export const DEFAULT_XLSX_LIMITS: XlsxLimits = {
  maxEntries: 2_000,
  maxUncompressedBytes: 1024 * 1024 * 1024,
  maxRatio: 500,
};

export class UploadRefused extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'UploadRefused';
  }
}

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const ZIP64_MARK = 0xffffffff;

/** True when the bytes start like a ZIP archive (XLSX, DOCX…), whatever the file is called. */
export function looksLikeZip(head: Uint8Array): boolean {
  return head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;
}

const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;

/** Refuses an XLSX archive whose central directory exceeds the limits. Reads only the archive's directory. */
export async function checkXlsxArchive(filePath: string, limits: Partial<XlsxLimits> = {}): Promise<void> {
  const { maxEntries, maxUncompressedBytes, maxRatio } = { ...DEFAULT_XLSX_LIMITS, ...limits };
  const corrupt = () =>
    new UploadRefused(
      422,
      'corrupt_xlsx',
      'XLSX 文件已损坏，无法读取 / the XLSX file is damaged and cannot be read',
    );
  const file = await fs.open(filePath, 'r');
  try {
    const { size } = await file.stat();
    // The end-of-central-directory record is the last 22 bytes plus an optional comment of up to 65,535.
    const tailLength = Math.min(size, 22 + 65_535);
    const tail = Buffer.alloc(tailLength);
    await file.read(tail, 0, tailLength, size - tailLength);
    let eocd = -1;
    for (let i = tailLength - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === EOCD_SIGNATURE) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) throw corrupt();
    const entries = tail.readUInt16LE(eocd + 10);
    const dirSize = tail.readUInt32LE(eocd + 12);
    const dirOffset = tail.readUInt32LE(eocd + 16);
    // ZIP64 archives (over 65,535 entries or 4 GB) are far beyond any workbook we accept.
    if (entries === 0xffff || dirSize === ZIP64_MARK || dirOffset === ZIP64_MARK || entries > maxEntries) {
      throw new UploadRefused(
        413,
        'xlsx_too_many_entries',
        `XLSX 文件包含的部件过多（上限 ${maxEntries} 个），疑似压缩炸弹，已拒绝 / the XLSX archive has too many parts (limit ${maxEntries}): refused as a possible zip bomb`,
      );
    }
    if (dirOffset + dirSize > size) throw corrupt();
    const dir = Buffer.alloc(dirSize);
    await file.read(dir, 0, dirSize, dirOffset);
    let total = 0;
    let pos = 0;
    for (let n = 0; n < entries; n++) {
      if (pos + 46 > dir.length || dir.readUInt32LE(pos) !== CENTRAL_SIGNATURE) throw corrupt();
      const compressed = dir.readUInt32LE(pos + 20);
      const uncompressed = dir.readUInt32LE(pos + 24);
      if (compressed === ZIP64_MARK || uncompressed === ZIP64_MARK) {
        throw new UploadRefused(
          413,
          'xlsx_too_large_uncompressed',
          `XLSX 文件解压后过大（上限 ${mb(maxUncompressedBytes)}），已拒绝 / the XLSX file expands beyond ${mb(maxUncompressedBytes)}: refused`,
        );
      }
      total += uncompressed;
      if (uncompressed > 1024 * 1024 && uncompressed / Math.max(compressed, 1) > maxRatio) {
        throw new UploadRefused(
          413,
          'xlsx_zip_bomb',
          `XLSX 文件压缩比异常（超过 ${maxRatio} 倍），疑似压缩炸弹，已拒绝 / the XLSX file's compression ratio exceeds ${maxRatio}×: refused as a possible zip bomb`,
        );
      }
      pos += 46 + dir.readUInt16LE(pos + 28) + dir.readUInt16LE(pos + 30) + dir.readUInt16LE(pos + 32);
    }
    if (total > maxUncompressedBytes) {
      throw new UploadRefused(
        413,
        'xlsx_too_large_uncompressed',
        `XLSX 文件解压后过大（${mb(total)}，上限 ${mb(maxUncompressedBytes)}），已拒绝 / the XLSX file expands to ${mb(total)}, over the ${mb(maxUncompressedBytes)} limit: refused`,
      );
    }
  } finally {
    await file.close();
  }
}

/**
 * The one call an upload route makes after saving the body and before importing it: ZIP-based files (XLSX) are
 * checked against the zip-bomb limits; other files pass through (their parsers stream with bounded memory).
 * Throws UploadRefused, which the app's error mapping turns into a JSON 413/422.
 */
export async function checkUpload(filePath: string, limits: Partial<XlsxLimits> = {}): Promise<void> {
  const head = Buffer.alloc(4);
  const file = await fs.open(filePath, 'r');
  try {
    await file.read(head, 0, 4, 0);
  } finally {
    await file.close();
  }
  if (looksLikeZip(head)) await checkXlsxArchive(filePath, limits);
}

/**
 * Reads a small upload into memory, at most `limit` bytes of file: either the file itself as the body (as the
 * imports take it, name in `X-File-Name`, URI-encoded) or `multipart/form-data` with one file part (what a
 * browser form sends). Throws UploadRefused 413 past the limit, 400 for a form without a file.
 */
export async function readSmallUpload(req: Request, limit: number): Promise<{ name: string; bytes: Buffer }> {
  // A multipart body carries headers and boundaries around the file: a little room above the file limit.
  const max = limit + 64 * 1024;
  const tooLarge = () =>
    new UploadRefused(
      413,
      'file_too_large',
      `文件超过 ${limit / 1024 / 1024} MB / the file is over ${limit / 1024 / 1024} MB`,
    );
  if (Number(req.get('content-length') ?? 0) > max) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > max) throw tooLarge();
    chunks.push(chunk);
  }
  const body = Buffer.concat(chunks);
  const type = req.get('content-type') ?? '';
  const boundary = /^multipart\/form-data;.*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(type);
  if (!boundary) {
    let name = 'upload';
    try {
      name = decodeURIComponent(req.get('x-file-name') ?? 'upload');
    } catch {
      // an undecodable name is only a label: keep the default
    }
    if (body.length > limit) throw tooLarge();
    return { name, bytes: body };
  }
  const file = multipartFile(body, boundary[1] ?? boundary[2]!);
  if (!file) throw new UploadRefused(400, 'no_file', '表单中没有文件 / the form holds no file');
  if (file.bytes.length > limit) throw tooLarge();
  return file;
}

/** The first part of a multipart body that carries a filename. */
function multipartFile(body: Buffer, boundary: string): { name: string; bytes: Buffer } | null {
  const delimiter = Buffer.from(`--${boundary}`);
  let pos = body.indexOf(delimiter);
  while (pos >= 0) {
    const start = pos + delimiter.length + 2; // past the boundary's CRLF
    const next = body.indexOf(Buffer.from(`\r\n--${boundary}`), start);
    if (next < 0) return null;
    const headerEnd = body.indexOf('\r\n\r\n', start);
    if (headerEnd > 0 && headerEnd < next) {
      const headers = body.subarray(start, headerEnd).toString('utf8');
      const star = /filename\*=UTF-8''([^;\r\n]+)/i.exec(headers);
      const plain = /filename="([^"]*)"/i.exec(headers);
      if (star || plain) {
        let name = plain?.[1] ?? 'upload';
        if (star) {
          try {
            name = decodeURIComponent(star[1]!);
          } catch {
            // keep the plain filename
          }
        }
        return { name: name || 'upload', bytes: body.subarray(headerEnd + 4, next) };
      }
    }
    pos = next + 2;
  }
  return null;
}
