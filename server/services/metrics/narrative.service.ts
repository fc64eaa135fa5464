/**
 * The meeting's standard sentences, written from a metric table's total (e.g. "2024年全县新收一审行政诉讼案件86件，
 * 同比下降12.2%；审结81件，败诉7件，败诉率8.6%，同比下降2.1个百分点；…"). Pure. Every clause is backed by a figure
 * in the table: the direction word comes from the sign of the exact change, a rate from an empty denominator is
 * never stated (the clause says there were no such cases instead), and a 同比 without last year's figure is left out.
 */
import { getMetric } from '../../metrics/index.ts';
import type { MetricRow, MetricsResult } from '../../contracts/metrics.ts';

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

const num = (r: MetricRow, id: string): number => (typeof r[id] === 'number' ? r[id] : 0);
const val = (r: MetricRow, id: string): number | null => (typeof r[id] === 'number' ? r[id] : null);

/** 8.6% — one decimal, as the meeting prints rates. */
export function pct(fraction: number): string {
  return `${(Math.round(fraction * 1000) / 10).toFixed(1)}%`;
}

/** "同比下降12.2%" / "同比上升3件" … for a count; null when last year's figure is absent. */
export function countChange(r: MetricRow, id: string, unit = '件'): string | null {
  const prev = val(r, `${id}_prev_year`);
  if (prev === null) return null;
  const cur = num(r, id);
  if (cur === prev) return '与去年同期持平';
  if (prev === 0) return `去年同期为0${unit}`;
  const rel = Math.abs((cur - prev) / prev);
  const word = cur > prev ? '上升' : '下降';
  const shown = pct(rel);
  return shown === '0.0%' ? `同比${word}不足0.1%` : `同比${word}${shown}`;
}

/** "同比下降2.1个百分点" for a rate; null when either year's rate is undefined. */
export function rateChange(r: MetricRow, id: string): string | null {
  const cur = val(r, id);
  const prev = val(r, `${id}_prev_year`);
  if (cur === null || prev === null) return null;
  if (cur === prev) return '与去年同期持平';
  const points = Math.round(Math.abs(cur - prev) * 1000) / 10;
  const word = cur > prev ? '上升' : '下降';
  return points === 0 ? `同比${word}不足0.1个百分点` : `同比${word}${points.toFixed(1)}个百分点`;
}

function rateClause(
  r: MetricRow,
  id: string,
  result: MetricsResult,
  { basis = false, counts = false } = {},
): string | null {
  const v = val(r, id);
  if (v === null) return null;
  const m = getMetric(id)!;
  const notes: string[] = [];
  // The 口径 in its short form ("口径A 总体", "本地口径"): the part before the formula.
  if (basis && result.basis[id]) notes.push(result.basis[id].label.zh.split('：')[0]!);
  if (counts) notes.push(`${num(r, `${id}_numerator`)}/${num(r, `${id}_denominator`)}`);
  const change = rateChange(r, id);
  return `${m.name.zh}${pct(v)}${notes.length ? `（${notes.join('，')}）` : ''}${change ? `，${change}` : ''}`;
}

function subjectOf(result: MetricsResult): string {
  const f = result.filters;
  if (f.units?.length === 1) return f.units[0]!.name;
  if (f.unit_ids?.length) return '所选单位';
  if (f.groups?.length) return `${f.groups.join('、')}各单位`;
  if (f.kinds?.length) return `全县${f.kinds.join('、')}`;
  return '全县';
}

export type NarrativeLocale = 'zh' | 'en';

/**
 * Writes the standard sentences for `result.total` (a table computed with 同比), in Chinese (the meeting's
 * language) or English. Both languages state the same figures under the same rules.
 */
export function narrate(result: MetricsResult, locale: NarrativeLocale = 'zh'): Narrative {
  return locale === 'en' ? narrateEn(result) : narrateZh(result);
}

function narrateZh(result: MetricsResult): Narrative {
  const t = result.total;
  const has = (id: string) => t[id] !== undefined;
  const subject = subjectOf(result);
  const sentences: NarrativeSentence[] = [];
  const instance =
    result.filters.instances?.length === 1
      ? result.filters.instances[0]!
      : result.filters.instances
        ? ''
        : '各审级';

  if (has('lit_filed')) {
    const parts: string[] = [];
    const filed = `${result.period.label.zh}${subject}新收${instance}行政诉讼案件${num(t, 'lit_filed')}件`;
    const fc = countChange(t, 'lit_filed');
    parts.push(fc ? `${filed}，${fc}` : filed);
    const concluded = num(t, 'lit_concluded');
    if (concluded === 0) {
      parts.push('无审结案件');
    } else {
      const loss = rateClause(t, 'lit_loss_rate', result, { basis: true });
      parts.push(`审结${concluded}件，败诉${num(t, 'lit_losses')}件${loss ? `，${loss}` : ''}`);
    }
    sentences.push({
      id: 'litigation',
      text: parts.join('；') + '。',
      metrics: ['lit_filed', 'lit_concluded', 'lit_losses', 'lit_loss_rate'],
    });
  }

  if (has('lit_head_appearance_rate')) {
    const appear = rateClause(t, 'lit_head_appearance_rate', result, { counts: true });
    const parts: string[] = [];
    if (appear) {
      parts.push(`行政机关${appear}`);
      const spoke = rateClause(t, 'lit_head_spoke_rate', result);
      if (spoke) parts.push(spoke);
      const principal = rateClause(t, 'lit_principal_share', result);
      if (principal) parts.push(principal);
    } else {
      parts.push('统计期内无开庭审理的审结案件，不计算负责人出庭应诉率');
    }
    sentences.push({
      id: 'appearance',
      text: parts.join('，') + '。',
      metrics: ['lit_head_appearance_rate', 'lit_head_spoke_rate', 'lit_principal_share'],
    });
  }

  const resolution = ['lit_mediation_withdrawal_rate', 'substantive_resolution_rate']
    .filter(has)
    .map((id) => rateClause(t, id, result, { basis: id === 'substantive_resolution_rate' }))
    .filter((x): x is string => x !== null);
  if (resolution.length) {
    sentences.push({
      id: 'resolution',
      text: resolution.join('，') + '。',
      metrics: ['lit_mediation_withdrawal_rate', 'substantive_resolution_rate'],
    });
  }

  if (has('rec_received')) {
    const parts = [`受理行政复议案件${num(t, 'rec_received')}件`];
    const rc = countChange(t, 'rec_received');
    if (rc) parts[0] += `，${rc}`;
    const concluded = num(t, 'rec_concluded');
    if (concluded === 0) parts.push('无审结复议案件');
    else {
      const corr = rateClause(t, 'rec_correction_rate', result);
      parts.push(`审结${concluded}件，纠错${num(t, 'rec_corrected')}件${corr ? `，${corr}` : ''}`);
    }
    sentences.push({
      id: 'reconsideration',
      text: parts.join('；') + '。',
      metrics: ['rec_received', 'rec_concluded', 'rec_corrected', 'rec_correction_rate'],
    });
  }

  if (has('pre_registered')) {
    const parts = [`诉前化解登记行政争议${num(t, 'pre_registered')}件`];
    const concluded = num(t, 'pre_concluded');
    if (concluded === 0) parts.push('无办结争议');
    else {
      const res = rateClause(t, 'pre_resolution_rate', result, { basis: true });
      parts.push(`办结${concluded}件，化解成功${num(t, 'pre_resolved')}件${res ? `，${res}` : ''}`);
    }
    sentences.push({
      id: 'prelitigation',
      text: parts.join('；') + '。',
      metrics: ['pre_registered', 'pre_concluded', 'pre_resolved', 'pre_resolution_rate'],
    });
  }

  const status = t.double_decline;
  if (typeof status === 'string') {
    const filedFell = num(t, 'lit_filed') < num(t, 'lit_filed_prev_year');
    // doubleDecline() counts a loss rate held at zero as not risen: say so rather than "下降".
    const zero = val(t, 'lit_loss_rate') === 0 && val(t, 'lit_loss_rate_prev_year') === 0;
    const rate = zero ? '败诉率保持为零' : '败诉率下降';
    const text =
      status === '双降'
        ? zero
          ? '发案量下降，败诉率保持为零。'
          : '发案量和败诉率实现"双下降"。'
        : status === '单降'
          ? `实现"单降"：${filedFell ? '发案量下降，败诉率未下降' : `${rate}，发案量未下降`}。`
          : status === '未降'
            ? '发案量和败诉率均未下降。'
            : '审结案件较少，暂不作"双下降"判断。';
    sentences.push({ id: 'status', text, metrics: ['lit_filed', 'lit_loss_rate'] });
  }

  return {
    period: result.period,
    subject,
    sentences,
    text: sentences.map((s) => s.text).join(''),
  };
}

// ---- English ----------------------------------------------------------------------------------------------
// The same sentences, clause for clause: a clause appears in English exactly when it appears in Chinese.

const KIND_EN: Record<string, string> = {
  县直部门: 'county departments',
  乡镇街道: 'townships and streets',
  县政府: 'the county government',
  垂管单位: 'vertically managed units',
};
const INSTANCE_EN: Record<string, string> = {
  一审: 'first-instance',
  二审: 'second-instance',
  再审: 'retrial',
  其他: 'other',
};

/** "down 12.2% year on year" / "up 3 from none" …; null when last year's figure is absent. */
export function countChangeEn(r: MetricRow, id: string): string | null {
  const prev = val(r, `${id}_prev_year`);
  if (prev === null) return null;
  const cur = num(r, id);
  if (cur === prev) return 'unchanged year on year';
  if (prev === 0) return 'up from 0 in the same period last year';
  const word = cur > prev ? 'up' : 'down';
  const shown = pct(Math.abs((cur - prev) / prev));
  return shown === '0.0%' ? `${word} by less than 0.1% year on year` : `${word} ${shown} year on year`;
}

/** "down 2.1 percentage points year on year"; null when either year's rate is undefined. */
export function rateChangeEn(r: MetricRow, id: string): string | null {
  const cur = val(r, id);
  const prev = val(r, `${id}_prev_year`);
  if (cur === null || prev === null) return null;
  if (cur === prev) return 'unchanged year on year';
  const points = Math.round(Math.abs(cur - prev) * 1000) / 10;
  const word = cur > prev ? 'up' : 'down';
  return points === 0
    ? `${word} by less than 0.1 percentage points year on year`
    : `${word} ${points.toFixed(1)} percentage points year on year`;
}

/** "the loss rate was 8.6% (Basis A), down 2.1 percentage points year on year"; null for an empty denominator. */
function rateClauseEn(
  r: MetricRow,
  id: string,
  result: MetricsResult,
  { basis = false, counts = false } = {},
): string | null {
  const v = val(r, id);
  if (v === null) return null;
  const m = getMetric(id)!;
  const notes: string[] = [];
  // The 口径 in its short form: "Basis A, overall", "local" (the part before the formula).
  const short = result.basis[id]?.label.en.split(':')[0]!.replace(/\s*\((.+)\)$/, ', $1');
  if (basis && short) notes.push(short);
  if (counts) notes.push(`${num(r, `${id}_numerator`)}/${num(r, `${id}_denominator`)}`);
  const change = rateChangeEn(r, id);
  const name = m.name.en.charAt(0).toLowerCase() + m.name.en.slice(1);
  return `the ${name} was ${pct(v)}${notes.length ? ` (${notes.join(', ')})` : ''}${change ? `, ${change}` : ''}`;
}

function subjectEn(result: MetricsResult): string {
  const f = result.filters;
  if (f.units?.length === 1) return f.units[0]!.name;
  if (f.unit_ids?.length) return 'the selected units';
  if (f.groups?.length) return `the units of ${f.groups.join(', ')}`;
  if (f.kinds?.length) return `the county's ${f.kinds.map((k) => KIND_EN[k] ?? k).join(' and ')}`;
  return 'the county';
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function narrateEn(result: MetricsResult): Narrative {
  const t = result.total;
  const has = (id: string) => t[id] !== undefined;
  const subject = subjectEn(result);
  const sentences: NarrativeSentence[] = [];
  const p = result.period;
  const when = p.preset === 'custom' || p.preset === 'ytd' ? `From ${p.from} to ${p.to}` : `In ${p.label.en}`;
  const inst = result.filters.instances;
  const instance =
    inst === null ? 'administrative' : `${inst.map((i) => INSTANCE_EN[i] ?? i).join(' and ')} administrative`;

  if (has('lit_filed')) {
    const parts: string[] = [];
    const filed = `${when}, ${subject} faced ${num(t, 'lit_filed')} new ${instance} lawsuit${num(t, 'lit_filed') === 1 ? '' : 's'}`;
    const fc = countChangeEn(t, 'lit_filed');
    parts.push(fc ? `${filed}, ${fc}` : filed);
    const concluded = num(t, 'lit_concluded');
    if (concluded === 0) {
      parts.push('none was concluded');
    } else {
      const loss = rateClauseEn(t, 'lit_loss_rate', result, { basis: true });
      parts.push(`${concluded} concluded, ${num(t, 'lit_losses')} lost${loss ? `; ${loss}` : ''}`);
    }
    sentences.push({
      id: 'litigation',
      text: parts.join('; ') + '.',
      metrics: ['lit_filed', 'lit_concluded', 'lit_losses', 'lit_loss_rate'],
    });
  }

  if (has('lit_head_appearance_rate')) {
    const appear = rateClauseEn(t, 'lit_head_appearance_rate', result, { counts: true });
    const parts: string[] = [];
    if (appear) {
      parts.push(appear);
      const spoke = rateClauseEn(t, 'lit_head_spoke_rate', result);
      if (spoke) parts.push(spoke);
      const principal = rateClauseEn(t, 'lit_principal_share', result);
      if (principal) parts.push(principal);
    } else {
      parts.push('no concluded case had a hearing in the period, so no head appearance rate is computed');
    }
    sentences.push({
      id: 'appearance',
      text: capital(parts.join('; ')) + '.',
      metrics: ['lit_head_appearance_rate', 'lit_head_spoke_rate', 'lit_principal_share'],
    });
  }

  const resolution = ['lit_mediation_withdrawal_rate', 'substantive_resolution_rate']
    .filter(has)
    .map((id) => rateClauseEn(t, id, result, { basis: id === 'substantive_resolution_rate' }))
    .filter((x): x is string => x !== null);
  if (resolution.length) {
    sentences.push({
      id: 'resolution',
      text: capital(resolution.join('; ')) + '.',
      metrics: ['lit_mediation_withdrawal_rate', 'substantive_resolution_rate'],
    });
  }

  if (has('rec_received')) {
    const parts = [`Reconsideration cases accepted: ${num(t, 'rec_received')}`];
    const rc = countChangeEn(t, 'rec_received');
    if (rc) parts[0] += `, ${rc}`;
    const concluded = num(t, 'rec_concluded');
    if (concluded === 0) parts.push('none was concluded');
    else {
      const corr = rateClauseEn(t, 'rec_correction_rate', result);
      parts.push(`${concluded} concluded, ${num(t, 'rec_corrected')} corrected${corr ? `; ${corr}` : ''}`);
    }
    sentences.push({
      id: 'reconsideration',
      text: parts.join('; ') + '.',
      metrics: ['rec_received', 'rec_concluded', 'rec_corrected', 'rec_correction_rate'],
    });
  }

  if (has('pre_registered')) {
    const parts = [`Disputes registered for pre-litigation resolution: ${num(t, 'pre_registered')}`];
    const concluded = num(t, 'pre_concluded');
    if (concluded === 0) parts.push('none was concluded');
    else {
      const res = rateClauseEn(t, 'pre_resolution_rate', result, { basis: true });
      parts.push(`${concluded} concluded, ${num(t, 'pre_resolved')} resolved${res ? `; ${res}` : ''}`);
    }
    sentences.push({
      id: 'prelitigation',
      text: parts.join('; ') + '.',
      metrics: ['pre_registered', 'pre_concluded', 'pre_resolved', 'pre_resolution_rate'],
    });
  }

  const status = t.double_decline;
  if (typeof status === 'string') {
    const filedFell = num(t, 'lit_filed') < num(t, 'lit_filed_prev_year');
    const zero = val(t, 'lit_loss_rate') === 0 && val(t, 'lit_loss_rate_prev_year') === 0;
    const rate = zero ? 'the loss rate stayed at zero' : 'the loss rate fell';
    const text =
      status === '双降'
        ? zero
          ? 'The number of lawsuits fell and the loss rate stayed at zero.'
          : 'Both the number of lawsuits and the loss rate fell: a "double decline".'
        : status === '单降'
          ? `A "single decline": ${filedFell ? 'the number of lawsuits fell, the loss rate did not' : `${rate}, the number of lawsuits did not fall`}.`
          : status === '未降'
            ? 'Neither the number of lawsuits nor the loss rate fell.'
            : 'Too few cases were concluded to judge the "double decline".';
    sentences.push({ id: 'status', text, metrics: ['lit_filed', 'lit_loss_rate'] });
  }

  return { period: result.period, subject, sentences, text: sentences.map((s) => s.text).join(' ') };
}
