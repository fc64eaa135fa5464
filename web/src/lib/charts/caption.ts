import { codeLabel } from '../../../../server/domain/code-list-labels.ts';
import type { MetricsResult } from '../api/client.ts';
import { formatDateTime, type Locale } from '../format.ts';

/**
 * What every chart states: the period and 口径 in its subtitle, the data-as-of time and source in its footer,
 * so an exported image still says what it shows.
 */
/** The instance names of DESIGN.md's code list, in English for the English mode. */
const INSTANCE_EN: Record<string, string> = {
  一审: 'first instance',
  二审: 'second instance',
  再审: 'retrial',
  其他: 'other',
};

export type ScopeFilters = Pick<MetricsResult['filters'], 'kinds' | 'groups'> &
  Partial<Pick<MetricsResult['filters'], 'units' | 'unit_ids'>>;

/**
 * Whose figures these are, as page titles, the warnings line and chart subtitles name them: one unit's name, the
 * selected units, a peer group, a unit kind (乡镇街道 / Townships and streets), or 全县 / County. Read from the
 * answer's own filters where there is one, so a unit user's view names their unit whatever the URL says.
 */
export function scopeName(f: ScopeFilters, l: Locale): string {
  const zh = l === 'zh';
  if (f.units?.length === 1) return f.units[0]!.name;
  if (f.unit_ids?.length) return zh ? '所选单位' : 'Selected units';
  const kinds = (f.kinds ?? []).map((k) => codeLabel('unitKinds', k, l)).join(zh ? '、' : ', ');
  const groups = (f.groups ?? []).join(zh ? '、' : ', ');
  if (kinds && groups) return `${kinds} · ${groups}`;
  return kinds || groups || (zh ? '全县' : 'Whole county');
}

export function chartSubtitle(
  result: Pick<MetricsResult, 'period' | 'filters' | 'basis'>,
  l: Locale,
  rateIds: string[] = [],
  periodOverride?: string,
  /** False for reconsideration and pre-litigation charts: instances are a litigation notion. */
  withInstance = true,
  /** False where the chart's title already names its one unit (the unit page). */
  withScope = true,
): string {
  const parts = withScope ? [scopeName(result.filters, l)] : [];
  parts.push(periodOverride ?? result.period.label[l]);
  const inst = result.filters.instances;
  if (withInstance) {
    parts.push(
      inst === null
        ? l === 'zh'
          ? '全部审级'
          : 'all instances'
        : l === 'zh'
          ? inst.join('、')
          : inst.map((i) => INSTANCE_EN[i] ?? i).join(', '),
    );
  }
  for (const id of rateIds) {
    const b = result.basis[id];
    if (b) parts.push(b.label[l]);
  }
  return parts.join(' · ');
}

export function chartFooter(result: Pick<MetricsResult, 'data_as_of'>, l: Locale, source: string): string {
  const asOf = formatDateTime(result.data_as_of, l);
  return l === 'zh' ? `数据截至 ${asOf}\u3000${source}` : `Data as of ${asOf}   ${source}`;
}
