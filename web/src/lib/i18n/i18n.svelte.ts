import { messages, type Locale, type MessageKey } from './messages.ts';

/** The UI language: Chinese by default, English on request; remembered in localStorage. */
class I18n {
  locale = $state<Locale>(readLocale());

  t = (key: MessageKey): string => messages[this.locale][key];

  toggle(): void {
    this.locale = this.locale === 'zh' ? 'en' : 'zh';
    localStorage.setItem('locale', this.locale);
    document.documentElement.lang = this.locale === 'zh' ? 'zh-CN' : 'en';
  }

  /** Counts with thousands separators; rates as percentages with one decimal; null as —. */
  number(n: number | null): string {
    return n === null ? '—' : n.toLocaleString(this.locale === 'zh' ? 'zh-CN' : 'en-US');
  }

  percent(r: number | null): string {
    return r === null ? '—' : `${(r * 100).toFixed(1)}%`;
  }
}

function readLocale(): Locale {
  const saved = typeof localStorage === 'undefined' ? null : localStorage.getItem('locale');
  return saved === 'en' ? 'en' : 'zh';
}

export const i18n = new I18n();
