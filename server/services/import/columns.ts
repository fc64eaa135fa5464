/**
 * The columns of each import kind (DESIGN.md §2–§3): Chinese header, English alias, required or not. Headers are
 * matched after normalisation (full-width → half-width, spaces, case, a leading * that templates put on required
 * columns), in any order; unknown columns are ignored with a warning; a missing required column refuses the file.
 */
import { ImportRefused } from './errors.ts';
import type { ImportKind } from './types.ts';

export interface ColumnSpec {
  /** The field key used by the validator (the English alias). */
  key: string;
  header: string;
  required: boolean;
}

const col = (key: string, header: string, required = false): ColumnSpec => ({ key, header, required });

export const COLUMNS: Record<ImportKind, readonly ColumnSpec[]> = {
  units: [
    col('code', '编码', true),
    col('name', '名称', true),
    col('kind', '类型', true),
    col('aliases', '别名'),
    col('group', '考核分组'),
  ],
  litigation: [
    col('case_no', '案号', true),
    col('instance', '审级'),
    col('court', '法院'),
    col('filed_on', '立案日期', true),
    col('closed_on', '结案日期'),
    col('defendants', '被告', true),
    col('reconsideration_codefendant', '复议机关共同被告'),
    col('cause', '案由'),
    col('domain', '管理领域'),
    col('closing', '结案方式'),
    col('judgment', '裁判结果'),
    col('withdrawal_reason', '撤诉原因'),
    col('loss_reason', '败诉原因'),
    col('hearing_held', '是否开庭'),
    col('head_appeared', '负责人是否出庭'),
    col('head_title', '出庭负责人职务'),
    col('head_spoke', '负责人是否发言'),
    col('via_reconsideration', '是否经复议'),
  ],
  reconsideration: [
    col('case_no', '复议案号', true),
    col('applied_on', '申请日期', true),
    col('accepted_on', '受理日期'),
    col('intake', '审查结果'),
    col('respondent', '被申请人', true),
    col('matter', '申请事项'),
    col('closed_on', '结案日期'),
    col('decision', '决定类型'),
    col('litigated_after', '是否起诉'),
  ],
  prelitigation: [
    col('dispute_no', '登记号', true),
    col('registered_on', '登记日期', true),
    col('unit', '涉及单位', true),
    col('source', '来源'),
    col('domain', '争议领域'),
    col('result', '结果'),
    col('result_on', '结果日期'),
  ],
};

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

export function columnSpec(kind: ImportKind, key: string): ColumnSpec {
  const spec = COLUMNS[kind].find((s) => s.key === key);
  if (!spec) throw new Error(`no column ${key} for ${kind}`);
  return spec;
}
