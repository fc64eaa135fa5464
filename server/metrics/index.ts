/**
 * The metric registry (DESIGN.md §4): every figure the product shows is defined here — id, names, definition
 * text, 口径 variants, format and the SQL condition it counts — and nothing outside this folder computes one.
 * The API, CLI, exports, narrative and web all read these definitions.
 */
import { litigationCounts, litigationFamily, litigationRates } from './litigation.metric.ts';
import { prelitigationCounts, prelitigationFamily, prelitigationRates } from './prelitigation.metric.ts';
import {
  reconsiderationCounts,
  reconsiderationFamily,
  reconsiderationRates,
} from './reconsideration.metric.ts';
import type {
  CountMetric,
  Family,
  FamilySpec,
  Label,
  MetricDefinition,
  RateBasis,
  RateMetric,
} from './types.ts';

export type {
  CountMetric,
  Family,
  FamilySpec,
  MetricDefinition,
  Period,
  RateBasis,
  RateMetric,
} from './types.ts';
export { FAMILIES } from './types.ts';

export const FAMILY_SPECS: Record<Family, FamilySpec> = {
  litigation: litigationFamily,
  reconsideration: reconsiderationFamily,
  prelitigation: prelitigationFamily,
};

export const COUNTS: Record<Family, readonly CountMetric[]> = {
  litigation: litigationCounts,
  reconsideration: reconsiderationCounts,
  prelitigation: prelitigationCounts,
};

export const RATES: readonly RateMetric[] = [
  ...litigationRates,
  ...reconsiderationRates,
  ...prelitigationRates,
];

/** Every metric in display order: each family's counts, then its rates. */
export const METRICS: readonly MetricDefinition[] = [
  ...litigationCounts,
  ...litigationRates,
  ...reconsiderationCounts,
  ...reconsiderationRates,
  ...prelitigationCounts,
  ...prelitigationRates,
];

const byId = new Map(METRICS.map((m) => [m.id, m]));

export function getMetric(id: string): MetricDefinition | undefined {
  return byId.get(id);
}

/** The families a rate reads (substantive_resolution_rate spans litigation and pre-litigation). */
export function familiesOf(m: MetricDefinition): Family[] {
  if (m.kind === 'count') return [m.family];
  const ids = m.bases.flatMap((b) => [...b.numerator, ...b.denominator]);
  return [...new Set(ids.map((id) => (byId.get(id) as CountMetric).family))];
}

/** The chosen 口径 of a rate, or its default. */
export function basisOf(m: RateMetric, chosen: string | undefined): RateBasis {
  return m.bases.find((b) => b.id === chosen) ?? m.bases[0];
}

/** A rate basis's formula from its counts' names: 「败诉 ÷ 审结」, 「（调撤 + 诉前化解成功）÷（审结 + 诉前办结）」. */
export function formulaOf(b: RateBasis): Label {
  const side = (ids: readonly string[], lang: keyof Label) => {
    const names = ids.map((id) => byId.get(id)!.name[lang]);
    if (names.length === 1) return names[0]!;
    return lang === 'zh' ? `（${names.join(' + ')}）` : `(${names.join(' + ')})`;
  };
  return {
    zh: `${side(b.numerator, 'zh')} ÷ ${side(b.denominator, 'zh')}`,
    en: `${side(b.numerator, 'en')} ÷ ${side(b.denominator, 'en')}`,
  };
}

/**
 * The 口径 of a metric as printed beside it (definitions slide, workbook, tooltips): for a rate its chosen basis's
 * label, for a count the date that places a record in the period (「按结案日期计入统计期」).
 */
export function basisTextOf(m: MetricDefinition, chosen?: string): Label {
  if (m.kind === 'rate') return basisOf(m, chosen).label;
  const date = FAMILY_SPECS[m.family].streamLabels[m.stream]!;
  return { zh: `按${date.zh}计入统计期`, en: `counted by ${date.en}` };
}
