/**
 * The meeting's standard sentences, written from a metric table's total (e.g. "2024年全县新收一审行政诉讼案件86件，
 * 同比下降12.2%；审结81件，败诉7件，败诉率8.6%，同比下降2.1个百分点；…"). Pure. Every clause is backed by a figure
 * in the table: the direction word comes from the sign of the exact change, a rate from an empty denominator is
 * never stated (the clause says there were no such cases instead), and a 同比 without last year's figure is left out.
 *
 * Each sentence is one entry of TEMPLATES (narrative-templates.ts) with its Chinese and its English text; `narrate` decides which
 * clauses to state once and fills the chosen language's texts, so a rule about wording holds in both languages.
 */
import { codeLabel } from '../../domain/code-list-labels.ts';
import { getMetric } from '../../metrics/index.ts';
import type { MetricRow, MetricsResult } from '../../contracts/metrics.ts';
import { fill, type Bilingual, type NarrativeLocale } from './narrative-templates.ts';

export interface NarrativeSentence {
  /** Stable id of the sentence: litigation, appearance, resolution, reconsideration, prelitigation, status. */
  id: string;
  text: string;
  /** The metric ids the sentence states. */
  metrics: string[];
}

export interface Narrative {
  period: MetricsResult['period'];
  subject: string;
  sentences: NarrativeSentence[];
  /** The sentences joined into one paragraph. */
  text: string;
}

export type { NarrativeLocale };

/** How each language names a metric and the short form of a 口径 ("口径A 总体" / "Basis A, overall"). */
const WORDING: Record<
  NarrativeLocale,
  { metric: (id: string) => string; basis: (label: Bilingual) => string; sentence: (s: string) => string }
> = {
  zh: {
    metric: (id) => getMetric(id)!.name.zh,
    // The part before the formula.
    basis: (label) => label.zh.split('：')[0]!,
    sentence: (s) => s,
  },
  en: {
    metric: (id) => {
      const en = getMetric(id)!.name.en;
      return en.charAt(0).toLowerCase() + en.slice(1);
    },
    basis: (label) => label.en.split(':')[0]!.replace(/\s*\((.+)\)$/, ', $1'),
    sentence: (s) => s.charAt(0).toUpperCase() + s.slice(1),
  },
};

const num = (r: MetricRow, id: string): number => (typeof r[id] === 'number' ? r[id] : 0);
const val = (r: MetricRow, id: string): number | null => (typeof r[id] === 'number' ? r[id] : null);

/** 8.6% — one decimal, as the meeting prints rates. */
export function pct(fraction: number): string {
  return `${(Math.round(fraction * 1000) / 10).toFixed(1)}%`;
}

/** The direction of an exact change, in words: never "down" for a rise however small. */
const direction = (lang: NarrativeLocale, cur: number, prev: number) =>
  fill(lang, cur > prev ? 'up' : 'down');

/** The 同比 of a count ("同比下降12.2%" / "down 12.2% year on year"); null when last year's figure is absent. */
function countChangeIn(lang: NarrativeLocale, r: MetricRow, id: string, unit = '件'): string | null {
  const prev = val(r, `${id}_prev_year`);
  if (prev === null) return null;
  const cur = num(r, id);
  if (cur === prev) return fill(lang, 'same');
  if (prev === 0) return fill(lang, 'countFromZero', { unit });
  const shown = pct(Math.abs((cur - prev) / prev));
  const dir = direction(lang, cur, prev);
  return shown === '0.0%'
    ? fill(lang, 'countChangeTiny', { dir })
    : fill(lang, 'countChange', { dir, pct: shown });
}

/** The 同比 of a rate in percentage points; null when either year's rate is undefined. */
function rateChangeIn(lang: NarrativeLocale, r: MetricRow, id: string): string | null {
  const cur = val(r, id);
  const prev = val(r, `${id}_prev_year`);
  if (cur === null || prev === null) return null;
  if (cur === prev) return fill(lang, 'same');
  const points = Math.round(Math.abs(cur - prev) * 1000) / 10;
  const dir = direction(lang, cur, prev);
  return points === 0
    ? fill(lang, 'rateChangeTiny', { dir })
    : fill(lang, 'rateChange', { dir, points: points.toFixed(1) });
}

/** "同比下降12.2%" / "同比上升3件" … for a count; null when last year's figure is absent. */
export const countChange = (r: MetricRow, id: string, unit = '件') => countChangeIn('zh', r, id, unit);
/** "同比下降2.1个百分点" for a rate; null when either year's rate is undefined. */
export const rateChange = (r: MetricRow, id: string) => rateChangeIn('zh', r, id);
/** "down 12.2% year on year" / "up from 0 in the same period last year" …; null without last year's figure. */
export const countChangeEn = (r: MetricRow, id: string) => countChangeIn('en', r, id);
/** "down 2.1 percentage points year on year"; null when either year's rate is undefined. */
export const rateChangeEn = (r: MetricRow, id: string) => rateChangeIn('en', r, id);

/** "败诉率8.6%（口径A 总体），同比下降2.1个百分点"; null for an empty denominator (no rate is stated). */
function rateClause(
  lang: NarrativeLocale,
  result: MetricsResult,
  id: string,
  { basis = false, counts = false } = {},
): string | null {
  const r = result.total;
  const v = val(r, id);
  if (v === null) return null;
  const notes: string[] = [];
  const b = result.basis[id];
  if (basis && b) notes.push(WORDING[lang].basis(b.label));
  if (counts) notes.push(`${num(r, `${id}_numerator`)}/${num(r, `${id}_denominator`)}`);
  const clause = fill(lang, 'rate', {
    name: WORDING[lang].metric(id),
    value: pct(v),
    notes: notes.length ? fill(lang, 'notes', { notes: notes.join(fill(lang, 'items')) }) : '',
  });
  const change = rateChangeIn(lang, r, id);
  return change ? clause + fill(lang, 'items') + change : clause;
}

function subjectOf(lang: NarrativeLocale, result: MetricsResult): string {
  const f = result.filters;
  if (f.units?.length === 1) return f.units[0]!.name;
  if (f.unit_ids?.length) return fill(lang, 'selectedUnits');
  if (f.groups?.length) return fill(lang, 'groupUnits', { groups: f.groups.join(fill(lang, 'names')) });
  if (f.kinds?.length) {
    const kinds = f.kinds.map((k) => (lang === 'en' ? codeLabel('unitKinds', k, lang).toLowerCase() : k));
    return fill(lang, 'countyKinds', { kinds: kinds.join(fill(lang, 'and')) });
  }
  return fill(lang, 'county');
}

/** The instances asked for, before "行政诉讼" / "administrative": all of them, or their names. */
function instancesOf(lang: NarrativeLocale, result: MetricsResult): string {
  const inst = result.filters.instances;
  if (!inst) return fill(lang, 'allInstances');
  const names = inst.map((i) =>
    lang === 'en' ? codeLabel('instances', i, lang).toLowerCase().replace(/ /g, '-') : i,
  );
  return names.join(fill(lang, 'and')) + (lang === 'en' && names.length ? ' ' : '');
}

interface Plan {
  id: string;
  metrics: string[];
  /** The sentence's clauses, each already in the language asked for. */
  clauses: (lang: NarrativeLocale) => string[];
}

/** Which sentences to write, in order, and which clauses each states: decided once for both languages. */
function plan(result: MetricsResult): Plan[] {
  const t = result.total;
  const has = (id: string) => t[id] !== undefined;
  const plans: Plan[] = [];
  const withChange = (lang: NarrativeLocale, text: string, change: string | null) =>
    change ? text + fill(lang, 'items') + change : text;
  const withRate = (lang: NarrativeLocale, text: string, rate: string | null) =>
    rate ? text + fill(lang, 'withRate') + rate : text;

  if (has('lit_filed')) {
    plans.push({
      id: 'litigation',
      metrics: ['lit_filed', 'lit_concluded', 'lit_losses', 'lit_loss_rate'],
      clauses: (lang) => {
        const p = result.period;
        const when =
          p.preset === 'custom' || p.preset === 'ytd'
            ? fill(lang, 'periodRange', { label: p.label[lang], from: p.from, to: p.to })
            : fill(lang, 'period', { label: p.label[lang] });
        const n = num(t, 'lit_filed');
        const filed = fill(lang, 'litFiled', {
          when,
          subject: subjectOf(lang, result),
          instances: instancesOf(lang, result),
          n,
          s: n === 1 ? '' : 's',
        });
        const concluded = num(t, 'lit_concluded');
        return [
          withChange(lang, filed, countChangeIn(lang, t, 'lit_filed')),
          concluded === 0
            ? fill(lang, 'litNoneConcluded')
            : withRate(
                lang,
                fill(lang, 'litConcluded', { concluded, losses: num(t, 'lit_losses') }),
                rateClause(lang, result, 'lit_loss_rate', { basis: true }),
              ),
        ];
      },
    });
  }

  if (has('lit_head_appearance_rate')) {
    plans.push({
      id: 'appearance',
      metrics: ['lit_head_appearance_rate', 'lit_head_spoke_rate', 'lit_principal_share'],
      clauses: (lang) => {
        const appear = rateClause(lang, result, 'lit_head_appearance_rate', { counts: true });
        if (!appear) return [fill(lang, 'appearanceNone')];
        const rates = [
          appear,
          rateClause(lang, result, 'lit_head_spoke_rate'),
          rateClause(lang, result, 'lit_principal_share'),
        ].filter((x): x is string => x !== null);
        return [fill(lang, 'appearance', { rates: rates.join(fill(lang, 'ratesList')) })];
      },
    });
  }

  const resolution = ['lit_mediation_withdrawal_rate', 'substantive_resolution_rate'].filter(
    (id) => has(id) && val(t, id) !== null,
  );
  if (resolution.length) {
    plans.push({
      id: 'resolution',
      metrics: ['lit_mediation_withdrawal_rate', 'substantive_resolution_rate'],
      clauses: (lang) => [
        resolution
          .map((id) => rateClause(lang, result, id, { basis: id === 'substantive_resolution_rate' })!)
          .join(fill(lang, 'ratesList')),
      ],
    });
  }

  if (has('rec_received')) {
    plans.push({
      id: 'reconsideration',
      metrics: ['rec_received', 'rec_concluded', 'rec_corrected', 'rec_correction_rate'],
      clauses: (lang) => {
        const concluded = num(t, 'rec_concluded');
        return [
          withChange(
            lang,
            fill(lang, 'recReceived', { n: num(t, 'rec_received') }),
            countChangeIn(lang, t, 'rec_received'),
          ),
          concluded === 0
            ? fill(lang, 'recNoneConcluded')
            : withRate(
                lang,
                fill(lang, 'recConcluded', { concluded, corrected: num(t, 'rec_corrected') }),
                rateClause(lang, result, 'rec_correction_rate'),
              ),
        ];
      },
    });
  }

  if (has('pre_registered')) {
    plans.push({
      id: 'prelitigation',
      metrics: ['pre_registered', 'pre_concluded', 'pre_resolved', 'pre_resolution_rate'],
      clauses: (lang) => {
        const concluded = num(t, 'pre_concluded');
        return [
          fill(lang, 'preRegistered', { n: num(t, 'pre_registered') }),
          concluded === 0
            ? fill(lang, 'preNoneConcluded')
            : withRate(
                lang,
                fill(lang, 'preConcluded', { concluded, resolved: num(t, 'pre_resolved') }),
                rateClause(lang, result, 'pre_resolution_rate', { basis: true }),
              ),
        ];
      },
    });
  }

  const status = t.double_decline;
  if (typeof status === 'string') {
    const filedFell = num(t, 'lit_filed') < num(t, 'lit_filed_prev_year');
    const zero = val(t, 'lit_loss_rate') === 0 && val(t, 'lit_loss_rate_prev_year') === 0;
    plans.push({
      id: 'status',
      metrics: ['lit_filed', 'lit_loss_rate'],
      clauses: (lang) => [
        status === '双降'
          ? fill(lang, zero ? 'statusDoubleZero' : 'statusDouble')
          : status === '单降'
            ? fill(lang, 'statusSingle', {
                which: fill(lang, filedFell ? 'singleFiled' : zero ? 'singleRateZero' : 'singleRate'),
              })
            : status === '未降'
              ? fill(lang, 'statusNone')
              : fill(lang, 'statusInsufficient'),
      ],
    });
  }
  return plans;
}

/**
 * Writes the standard sentences for `result.total` (a table computed with 同比), in Chinese (the meeting's
 * language) or English: the same sentences and clauses from the same figures, only the texts differ.
 */
export function narrate(result: MetricsResult, locale: NarrativeLocale = 'zh'): Narrative {
  const sentences = plan(result).map(({ id, metrics, clauses }) => ({
    id,
    text: WORDING[locale].sentence(clauses(locale).join(fill(locale, 'clauses'))) + fill(locale, 'stop'),
    metrics,
  }));
  return {
    period: result.period,
    subject: subjectOf(locale, result),
    sentences,
    text: sentences.map((s) => s.text).join(fill(locale, 'between')),
  };
}
