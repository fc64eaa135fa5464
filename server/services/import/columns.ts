/**
 * A file's header row matched against its kind's columns (server/domain/record-columns.ts). Headers are
 * matched after normalisation (full-width → half-width, spaces, case, a leading * that templates put on required
 * columns), in any order; unknown columns are ignored with a warning; a missing required column refuses the file.
 */
import { ImportRefused } from './errors.ts';
import { COLUMNS, type ColumnSpec } from '../../domain/record-columns.ts';
import type { ImportKind } from './types.ts';

/** The header text used for matching: NFKC, no spaces, lower case, no required-marker asterisk. */
export function headerKey(h: string): string {
  return h
    .normalize('NFKC')
    .replace(/^\uFEFF/, '')
    .replace(/[\s*]/g, '')
    .replace(/-/g, '_')
    .toLowerCase();
}

export interface HeaderMap {
  /**
   * field key → the file's columns for it: usually one; a JSON file whose records mix Chinese and English keys
   * has two, and a cell is read from the first that is not blank.
   */
  index: Map<string, number[]>;
  warnings: string[];
}

/** Maps a file's header row onto the kind's columns; refuses a file without every required column. */
export function mapHeaders(kind: ImportKind, headers: readonly string[]): HeaderMap {
  const specs = COLUMNS[kind];
  const byKey = new Map<string, ColumnSpec>();
  for (const s of specs) {
    byKey.set(headerKey(s.header), s);
    byKey.set(headerKey(s.key), s);
  }
  const index = new Map<string, number[]>();
  const seen = new Set<string>();
  const warnings: string[] = [];
  headers.forEach((h, i) => {
    if (h.trim() === '') return;
    const spec = byKey.get(headerKey(h));
    if (!spec) {
      warnings.push(`已忽略未知列「${h}」 / ignored unknown column "${h}"`);
      return;
    }
    if (seen.has(headerKey(h))) {
      warnings.push(
        `列「${h}」重复，取第一个非空值 / duplicate column "${h}": the first non-blank value is used`,
      );
    }
    seen.add(headerKey(h));
    index.set(spec.key, [...(index.get(spec.key) ?? []), i]);
  });
  const missing = specs.filter((s) => s.required && !index.has(s.key));
  if (missing.length) {
    throw new ImportRefused(
      `缺少必需的列：${missing.map((s) => `「${s.header}」`).join('、')}（整个文件未导入）`,
      `missing required column${missing.length > 1 ? 's' : ''}: ${missing
        .map((s) => `${s.header} (${s.key})`)
        .join(', ')} — nothing was imported`,
    );
  }
  return { index, warnings };
}
