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
