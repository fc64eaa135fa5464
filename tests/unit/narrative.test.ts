import { describe, expect, it } from 'vitest';
import type { MetricRow, MetricsResult } from '../../server/contracts/metrics.ts';
import {
  countChange,
  countChangeEn,
  narrate,
  pct,
  rateChange,
  rateChangeEn,
} from '../../server/services/metrics/narrative.service.ts';

/** A metric table around a hand-written total (the narrative reads only the total, filters and basis). */
function table(total: MetricRow, filters: Partial<MetricsResult['filters']> = {}): MetricsResult {
  return {
    period: { from: '2024-01-01', to: '2024-12-31', preset: 'year', label: { zh: '2024年', en: '2024' } },
    previous_year: { from: '2023-01-01', to: '2023-12-31' },
    previous_period: null,
    by: 'total',
    filters: { unit_ids: null, units: null, kinds: null, groups: null, instances: ['一审'], ...filters },
    basis: {
      lit_loss_rate: {
        id: 'A',
        label: { zh: '口径A 总体：败诉 ÷ 审结', en: 'Basis A (overall): losses ÷ concluded' },
      },
      substantive_resolution_rate: { id: 'local', label: { zh: '本地口径：…', en: 'local: …' } },
    },
    metrics: [],
    settings: {
      min_denominator: 3,
      loss_rate_warning: 0.15,
      loss_rate_warning_min_concluded: 3,
      head_appearance_warning: 1,
      rank_metric: 'lit_loss_rate',
    },
    rank_metric: null,
    partial_years: [],
    data_as_of: null,
    generated_at: '2025-01-01T00:00:00.000Z',
    source: 'rollup',
    rows: [],
    total,
  };
}

describe('narrative', () => {
  it('writes the meeting sentence of the issue from its figures', () => {
    // 86 filed (98 last year: −12.2%); 81 concluded, 7 lost = 8.6% (last year 10.7%: −2.1 points).
    const n = narrate(
      table({
        lit_filed: 86,
        lit_filed_prev_year: 98,
        lit_concluded: 81,
        lit_losses: 7,
        lit_loss_rate: 7 / 81,
        lit_loss_rate_prev_year: 0.107,
        lit_head_appearance_rate: 36 / 37,
        lit_head_appearance_rate_numerator: 36,
        lit_head_appearance_rate_denominator: 37,
        lit_head_appearance_rate_prev_year: 36 / 37,
        double_decline: '双降',
      }),
    );
    expect(n.sentences[0]!.text).toBe(
      '2024年全县新收一审行政诉讼案件86件，同比下降12.2%；审结81件，败诉7件，败诉率8.6%（口径A 总体），同比下降2.1个百分点。',
    );
    expect(n.sentences[1]!.text).toBe('行政机关负责人出庭应诉率97.3%（36/37），与去年同期持平。');
    expect(n.text).toContain('发案量和败诉率实现"双下降"。');
  });

  it('never says 下降 for a rise, nor 上升 for a fall', () => {
    const up = { lit_filed: 10, lit_filed_prev_year: 8, lit_loss_rate: 0.2, lit_loss_rate_prev_year: 0.1 };
    expect(countChange(up, 'lit_filed')).toBe('同比上升25.0%');
    expect(rateChange(up, 'lit_loss_rate')).toBe('同比上升10.0个百分点');
    const down = { lit_filed: 8, lit_filed_prev_year: 10, lit_loss_rate: 0.1, lit_loss_rate_prev_year: 0.2 };
    expect(countChange(down, 'lit_filed')).toBe('同比下降20.0%');
    expect(rateChange(down, 'lit_loss_rate')).toBe('同比下降10.0个百分点');
    // A rise too small to show at one decimal is still a rise.
    expect(rateChange({ r: 0.10004, r_prev_year: 0.1 }, 'r')).toBe('同比上升不足0.1个百分点');
    expect(countChange({ c: 5, c_prev_year: 0 }, 'c')).toBe('去年同期为0件');
    expect(countChange({ c: 5 }, 'c')).toBeNull(); // no comparison asked for: no clause
  });

  it('states no rate from an empty denominator', () => {
    const n = narrate(
      table({
        lit_filed: 2,
        lit_filed_prev_year: 2,
        lit_concluded: 0,
        lit_losses: 0,
        lit_loss_rate: null,
        lit_loss_rate_prev_year: 0.5,
        lit_head_appearance_rate: null,
        double_decline: '样本不足',
      }),
    );
    expect(n.text).not.toMatch(/败诉率|出庭应诉率\d/);
    expect(n.sentences[0]!.text).toBe('2024年全县新收一审行政诉讼案件2件，与去年同期持平；无审结案件。');
    expect(n.text).toContain('不计算负责人出庭应诉率');
    expect(n.text).toContain('暂不作"双下降"判断');
  });

  it('does not call a loss rate held at zero a fall, and names the unit of a one-unit table', () => {
    const n = narrate(
      table(
        {
          lit_filed: 3,
          lit_filed_prev_year: 5,
          lit_concluded: 4,
          lit_losses: 0,
          lit_loss_rate: 0,
          lit_loss_rate_prev_year: 0,
          double_decline: '双降',
        },
        { unit_ids: [7], units: [{ id: 7, code: 'A07', name: '示例县城市管理局' }] },
      ),
    );
    expect(n.subject).toBe('示例县城市管理局');
    expect(n.text).toContain('败诉率0.0%（口径A 总体），与去年同期持平');
    expect(n.text).toContain('发案量下降，败诉率保持为零。');
    expect(n.text).not.toContain('双下降');
  });

  it('formats rates with one decimal', () => {
    expect(pct(7 / 81)).toBe('8.6%');
    expect(pct(1)).toBe('100.0%');
    expect(pct(0)).toBe('0.0%');
  });
});

/** Every number a text states (years, counts, percentages, n/N), in order of size: the two languages must agree. */
const figures = (text: string) => (text.match(/\d+(?:\.\d+)?/g) ?? []).sort();

describe('narrative in English', () => {
  const issue = table({
    lit_filed: 86,
    lit_filed_prev_year: 98,
    lit_concluded: 81,
    lit_losses: 7,
    lit_loss_rate: 7 / 81,
    lit_loss_rate_prev_year: 0.107,
    lit_head_appearance_rate: 36 / 37,
    lit_head_appearance_rate_numerator: 36,
    lit_head_appearance_rate_denominator: 37,
    lit_head_appearance_rate_prev_year: 36 / 37,
    rec_received: 12,
    rec_received_prev_year: 0,
    rec_concluded: 0,
    rec_corrected: 0,
    rec_correction_rate: null,
    double_decline: '双降',
  });

  it('writes the meeting sentences in English from the same figures', () => {
    const n = narrate(issue, 'en');
    expect(n.subject).toBe('the county');
    expect(n.sentences.map((s) => s.text)).toEqual([
      'In 2024, the county faced 86 new first-instance administrative lawsuits, down 12.2% year on year; 81 concluded, 7 lost; the loss rate was 8.6% (Basis A, overall), down 2.1 percentage points year on year.',
      'The head appearance rate was 97.3% (36/37), unchanged year on year.',
      'Reconsideration cases accepted: 12, up from 0 in the same period last year; none was concluded.',
      'Both the number of lawsuits and the loss rate fell: a "double decline".',
    ]);
    // Sentence for sentence, the Chinese states the same ids and the same numbers.
    const zh = narrate(issue);
    expect(n.sentences.map((s) => [s.id, s.metrics])).toEqual(zh.sentences.map((s) => [s.id, s.metrics]));
    n.sentences.forEach((s, i) => expect(figures(s.text), s.id).toEqual(figures(zh.sentences[i]!.text)));
  });

  it('never says down for a rise, and states no rate from an empty denominator', () => {
    const up = { lit_filed: 10, lit_filed_prev_year: 8, lit_loss_rate: 0.2, lit_loss_rate_prev_year: 0.1 };
    expect(countChangeEn(up, 'lit_filed')).toBe('up 25.0% year on year');
    expect(rateChangeEn(up, 'lit_loss_rate')).toBe('up 10.0 percentage points year on year');
    expect(rateChangeEn({ r: 0.09996, r_prev_year: 0.1 }, 'r')).toBe(
      'down by less than 0.1 percentage points year on year',
    );
    expect(countChangeEn({ c: 5 }, 'c')).toBeNull();

    const empty = table({
      lit_filed: 1,
      lit_filed_prev_year: 2,
      lit_concluded: 0,
      lit_losses: 0,
      lit_loss_rate: null,
      lit_loss_rate_prev_year: 0.5,
      lit_head_appearance_rate: null,
      double_decline: '样本不足',
    });
    const n = narrate(empty, 'en');
    expect(n.text).not.toMatch(/loss rate was|appearance rate was/);
    expect(n.sentences[0]!.text).toBe(
      'In 2024, the county faced 1 new first-instance administrative lawsuit, down 50.0% year on year; none was concluded.',
    );
    expect(n.text).toContain('no head appearance rate is computed');
    expect(n.text).toContain('Too few cases were concluded');
    narrate(empty).sentences.forEach((s, i) =>
      expect(figures(n.sentences[i]!.text)).toEqual(figures(s.text)),
    );
  });

  it('names the unit, a kind in English, and a loss rate held at zero', () => {
    const zeroHeld = {
      lit_filed: 3,
      lit_filed_prev_year: 5,
      lit_concluded: 4,
      lit_losses: 0,
      lit_loss_rate: 0,
      lit_loss_rate_prev_year: 0,
      double_decline: '双降',
    };
    const unit = narrate(
      table(zeroHeld, { unit_ids: [7], units: [{ id: 7, code: 'A07', name: '示例县城市管理局' }] }),
      'en',
    );
    expect(unit.text).toContain('In 2024, 示例县城市管理局 faced 3 new');
    expect(unit.text).toContain('the loss rate was 0.0% (Basis A, overall), unchanged year on year');
    expect(unit.text).toContain('The number of lawsuits fell and the loss rate stayed at zero.');
    expect(unit.text).not.toContain('double decline');
    expect(narrate(table(zeroHeld, { kinds: ['乡镇街道'] }), 'en').subject).toBe(
      "the county's townships and streets",
    );
  });
});

describe('narrative rules hold in both languages (one template table, #19)', () => {
  const langs = ['zh', 'en'] as const;
  const DOWN = { zh: /下降/, en: /\b(down|fell)\b/ };
  const UP = { zh: /上升/, en: /\bup\b/ };

  it.each(langs)('%s: a rise is never called a fall, and a fall never a rise', (lang) => {
    const rise = table({
      lit_filed: 10,
      lit_filed_prev_year: 8,
      lit_concluded: 5,
      lit_losses: 1,
      lit_loss_rate: 0.2,
      lit_loss_rate_prev_year: 0.1,
      double_decline: '未降',
    });
    expect(narrate(rise, lang).sentences[0]!.text).not.toMatch(DOWN[lang]);
    expect(narrate(rise, lang).sentences[0]!.text).toMatch(UP[lang]);
    const fall = table({
      lit_filed: 8,
      lit_filed_prev_year: 10,
      lit_concluded: 5,
      lit_losses: 1,
      lit_loss_rate: 0.2,
      lit_loss_rate_prev_year: 0.25,
    });
    expect(narrate(fall, lang).text).not.toMatch(UP[lang]);
    expect(narrate(fall, lang).text).toMatch(DOWN[lang]);
  });

  it.each(langs)('%s: no rate from an empty denominator, in every sentence', (lang) => {
    const n = narrate(
      table({
        lit_filed: 2,
        lit_concluded: 0,
        lit_losses: 0,
        lit_loss_rate: null,
        lit_head_appearance_rate: null,
        lit_mediation_withdrawal_rate: null,
        rec_received: 3,
        rec_concluded: 0,
        rec_corrected: 0,
        rec_correction_rate: null,
        pre_registered: 1,
        pre_concluded: 0,
        pre_resolved: 0,
        pre_resolution_rate: null,
      }),
      lang,
    );
    expect(n.text).not.toMatch(/%/);
    expect(n.sentences.map((s) => s.id)).toEqual([
      'litigation',
      'appearance',
      'reconsideration',
      'prelitigation',
    ]);
  });

  it.each(langs)('%s: a single decline with a loss rate held at zero says it stayed at zero', (lang) => {
    const n = narrate(
      table({
        lit_filed: 6,
        lit_filed_prev_year: 5,
        lit_concluded: 4,
        lit_losses: 0,
        lit_loss_rate: 0,
        lit_loss_rate_prev_year: 0,
        double_decline: '单降',
      }),
      lang,
    );
    const status = n.sentences.at(-1)!.text;
    expect(status).toBe(
      lang === 'zh'
        ? '实现"单降"：败诉率保持为零，发案量未下降。'
        : 'A "single decline": the loss rate stayed at zero, the number of lawsuits did not fall.',
    );
  });

  it('names several instances in both languages, and all instances in neither', () => {
    const two = table({ lit_filed: 4 }, { instances: ['一审', '二审'] });
    expect(narrate(two).text).toBe('2024年全县新收一审、二审行政诉讼案件4件；无审结案件。');
    expect(narrate(two, 'en').text).toBe(
      'In 2024, the county faced 4 new first-instance and second-instance administrative lawsuits; none was concluded.',
    );
    const all = table({ lit_filed: 1 }, { instances: null });
    expect(narrate(all).text).toContain('全县新收各审级行政诉讼案件1件');
    expect(narrate(all, 'en').text).toContain('the county faced 1 new administrative lawsuit;');
  });
});
