/**
 * The columns of each import kind (DESIGN.md §2–§3): Chinese header, English alias, required or not. The import
 * matches files against them (server/services/import/columns.ts) and the case lists and decks head their columns
 * with them (server/exports/case-list.ts), so a reader sees the headers of the files the bureau sends in.
 */
import type { ImportKind } from '../contracts/import.ts';

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

export function columnSpec(kind: ImportKind, key: string): ColumnSpec {
  const spec = COLUMNS[kind].find((s) => s.key === key);
  if (!spec) throw new Error(`no column ${key} for ${kind}`);
  return spec;
}
