import { codeLabel, DIMENSION_LISTS, type LabelList } from '../../../../server/domain/code-list-labels.ts';
import type { Locale } from './messages.ts';

/**
 * The server writes user-facing messages as "中文 / English" (import warnings, refusals, job errors). This picks
 * the side for the UI language; a message without the separator is shown as it is.
 */
export function pickMessage(text: string | null | undefined, l: Locale): string {
  if (!text) return '';
  const i = text.indexOf(' / ');
  if (i < 0) return text;
  return (l === 'zh' ? text.slice(0, i) : text.slice(i + 3)).trim();
}

/**
 * How charts and legends name a value of `list` in the UI language (English labels in English mode; tables keep
 * the stored Chinese value, it is data). The labels are the server's pure table, so both name codes alike.
 */
export function categoryName(l: Locale, list: LabelList): (value: string) => string {
  return (value) => codeLabel(list, value, l);
}

/** categoryName for the values of a metric table's `by=` dimension; values of other dimensions as they are. */
export function dimensionName(l: Locale, by: string): (value: string) => string {
  const list = DIMENSION_LISTS[by];
  return list ? categoryName(l, list) : (value) => value;
}
