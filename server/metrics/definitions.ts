/** The registry as data for clients: GET /api/metrics/definitions and `metrics definitions --json`. */
import { basisTextOf, FAMILIES, familiesOf, METRICS } from './index.ts';
import { PRESETS } from './period.ts';
import { DEFAULT_SETTINGS, DOUBLE_DECLINE, SETTING_LABELS, WARNINGS } from './settings.ts';
import { DIMENSIONS, type Label } from './types.ts';

export interface MetricDefinitionJson {
  id: string;
  name: Label;
  definition: Label;
  format: 'count' | 'rate';
  families: string[];
  better: 'lower' | 'higher' | null;
  /** Part of the DESIGN.md §4 table (false: a supporting count). */
  headline: boolean;
  /** For counts, the date that places a record in the period (「按结案日期计入统计期」); rates state it per basis. */
  counted_by?: Label;
  /** For rates, the default 口径's numerator and denominator ids (sums of counts). */
  numerator?: string[];
  denominator?: string[];
  bases?: { id: string; label: Label; numerator: string[]; denominator: string[]; default: boolean }[];
}

export function definitionsJson() {
  return {
    metrics: METRICS.map((m): MetricDefinitionJson => {
      const base = {
        id: m.id,
        name: m.name,
        definition: m.definition,
        families: familiesOf(m),
        better: m.better,
        headline: m.headline,
      };
      if (m.kind === 'count') return { ...base, format: 'count', counted_by: basisTextOf(m) };
      return {
        ...base,
        format: 'rate',
        numerator: [...m.bases[0].numerator],
        denominator: [...m.bases[0].denominator],
        bases: m.bases.map((b, i) => ({
          id: b.id,
          label: b.label,
          numerator: [...b.numerator],
          denominator: [...b.denominator],
          default: i === 0,
        })),
      };
    }),
    families: FAMILIES,
    dimensions: DIMENSIONS,
    presets: PRESETS,
    warnings: WARNINGS,
    double_decline: DOUBLE_DECLINE,
    settings: { defaults: DEFAULT_SETTINGS, labels: SETTING_LABELS },
    conventions: {
      period: {
        zh: '统计期为中国标准时间的自然日，起止日均含',
        en: 'Periods are CST calendar dates, both ends inclusive',
      },
      rates: {
        zh: '比率以 0–1 的小数表示；分母为 0 时为 null（显示为 —）',
        en: 'Rates are fractions 0–1; null when the denominator is 0',
      },
      changes: {
        zh: '计数的同比/环比为差值及相对变化（小数）；比率的同比为两个小数之差（−0.021 即下降2.1个百分点）',
        en: 'Count changes are differences and relative changes (fractions); rate changes are differences of fractions (−0.021 = −2.1 points)',
      },
      charging: {
        zh: '单位数据计入其作为被告的全部案件（共同被告各计一次）；合计及分类、分组、时间汇总每案只计一次；复议机关作为共同被告不计入',
        en: "A unit's figures count every case naming it as defendant; totals count each case once; the reconsideration organ as co-defendant is not charged",
      },
      instance: {
        zh: '默认仅统计一审案件',
        en: 'First instance only unless the instance filter says otherwise',
      },
    },
  };
}
