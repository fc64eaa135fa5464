import { formatCount, formatRate } from '../format.ts';
import { translate, type Locale, type MessageKey } from './messages.ts';

/** The UI language: Chinese by default, English on request; remembered in localStorage. */
class I18n {
  locale = $state<Locale>(readLocale());

  /** A UI string; `{name}` placeholders are filled from `vars`. */
  t = (key: MessageKey, vars?: Record<string, string | number>): string => translate(this.locale, key, vars);

  /** Picks the current language from a { zh, en } pair (registry names, period labels). */
  pick = (b: { zh: string; en: string } | undefined): string => (b ? b[this.locale] : '');

  toggle(): void {
    this.locale = this.locale === 'zh' ? 'en' : 'zh';
    localStorage.setItem('locale', this.locale);
    document.documentElement.lang = this.locale === 'zh' ? 'zh-CN' : 'en';
  }

  /** Counts with thousands separators; rates as percentages with one decimal; null as —. */
  number(n: number | null): string {
    return formatCount(n, this.locale);
  }

  /**
   * A number of records in words: 59件 / 59 cases / 1 case (charts' labels); the records of `family`
   * prelitigation are disputes (59 disputes), lawsuits and reconsiderations are cases.
   */
  cases = (n: number, family?: string): string => {
    const disputes = family === 'prelitigation';
    const key =
      n === 1
        ? disputes
          ? 'chart.disputes.one'
          : 'chart.count.one'
        : disputes
          ? 'chart.disputes'
          : 'chart.count';
    return this.t(key, { n: formatCount(n, this.locale) });
  };

  percent(r: number | null): string {
    return formatRate(r);
  }
}

function readLocale(): Locale {
  const saved = typeof localStorage === 'undefined' ? null : localStorage.getItem('locale');
  return saved === 'en' ? 'en' : 'zh';
}

export const i18n = new I18n();
