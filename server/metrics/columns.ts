/**
 * The columns of a metric table, in display order, with Chinese and English headers: one list for CSV, XLSX and
 * Arrow so every download has the same columns as the JSON rows.
 */
import { getMetric, METRICS } from './index.ts';
import type { Label } from './types.ts';

export interface Column {
  key: string;
  label: Label;
  /** How to show it: rate (fraction), change in percentage points (a difference of fractions), count, text. */
  format: 'text' | 'count' | 'rate' | 'points' | 'relative' | 'list' | 'boolean';
}

const LABEL_COLUMNS: Record<string, Label> = {
  key: { zh: '键', en: 'key' },
  unit_code: { zh: '单位编码', en: 'unit code' },
  unit_name: { zh: '单位名称', en: 'unit name' },
  unit_kind: { zh: '单位类型', en: 'unit kind' },
  unit_group: { zh: '考核分组', en: 'peer group' },
  label: { zh: '项目', en: 'item' },
  month: { zh: '月份', en: 'month' },
  quarter: { zh: '季度', en: 'quarter' },
  year: { zh: '年度', en: 'year' },
  cause: { zh: '案由', en: 'cause' },
  domain: { zh: '管理领域', en: 'domain' },
  closing: { zh: '结案方式', en: 'closing' },
  loss_reason: { zh: '败诉原因', en: 'loss reason' },
  matter: { zh: '申请事项', en: 'matter' },
  decision: { zh: '决定类型', en: 'decision' },
  source: { zh: '来源', en: 'source' },
  result: { zh: '结果', en: 'result' },
};

const SUFFIXES: [string, Label, Column['format'] | 'same'][] = [
  ['', { zh: '', en: '' }, 'same'],
  ['_numerator', { zh: '·分子', en: ' numerator' }, 'count'],
  ['_denominator', { zh: '·分母', en: ' denominator' }, 'count'],
  ['_prev_year', { zh: '·去年同期', en: ' last year' }, 'same'],
  ['_yoy', { zh: '·同比增减', en: ' YoY change' }, 'same'],
  ['_yoy_rel', { zh: '·同比%', en: ' YoY %' }, 'relative'],
  ['_prev_period', { zh: '·上期', en: ' previous period' }, 'same'],
  ['_mom', { zh: '·环比增减', en: ' change on previous period' }, 'same'],
  ['_mom_rel', { zh: '·环比%', en: ' % on previous period' }, 'relative'],
];

const TRAILING: Record<string, Column> = {
  double_decline: { key: 'double_decline', label: { zh: '双降状态', en: 'double decline' }, format: 'text' },
  warnings: { key: 'warnings', label: { zh: '预警', en: 'warnings' }, format: 'list' },
  small_sample: { key: 'small_sample', label: { zh: '样本过小', en: 'small sample' }, format: 'boolean' },
  rank_in_kind: { key: 'rank_in_kind', label: { zh: '类型内排名', en: 'rank in kind' }, format: 'count' },
  rank_in_group: { key: 'rank_in_group', label: { zh: '分组内排名', en: 'rank in group' }, format: 'count' },
};

/** Columns present in `rows` (and `total`), ordered: labels, then each metric with its companions, then status. */
export function columnsOf(rows: readonly Record<string, unknown>[]): Column[] {
  const present = new Set<string>();
  for (const r of rows) for (const k of Object.keys(r)) present.add(k);
  const out: Column[] = [];
  for (const [key, label] of Object.entries(LABEL_COLUMNS)) {
    if (present.has(key)) out.push({ key, label, format: 'text' });
  }
  for (const m of METRICS) {
    for (const [suffix, label, fmt] of SUFFIXES) {
      const key = m.id + suffix;
      if (!present.has(key)) continue;
      const base = m.kind === 'rate' ? (suffix === '_yoy' || suffix === '_mom' ? 'points' : 'rate') : 'count';
      out.push({
        key,
        label: { zh: m.name.zh + label.zh, en: m.name.en + label.en },
        format: fmt === 'same' ? base : fmt,
      });
    }
  }
  for (const [key, col] of Object.entries(TRAILING)) if (present.has(key)) out.push(col);
  return out;
}

/** The columns of a metric table whose rows are arrays in the order of `keys` (and whose total is an object). */
export function tableColumns(table: { keys: readonly string[]; total: Record<string, unknown> }): Column[] {
  return columnsOf([Object.fromEntries(table.keys.map((k) => [k, null])), table.total]);
}

/** The metric a column belongs to (for its definition), if any. */
export function metricOfColumn(key: string) {
  for (const [suffix] of [...SUFFIXES].reverse()) {
    if (suffix && key.endsWith(suffix)) {
      const m = getMetric(key.slice(0, -suffix.length));
      if (m) return m;
    }
  }
  return getMetric(key);
}
