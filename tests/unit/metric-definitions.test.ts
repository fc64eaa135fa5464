/**
 * Every definition and 口径 the product prints (deck, workbook, CSV notes, tooltips) comes from the registry; this
 * walks every registered metric and fails on an empty or placeholder part (issue #21 item 2: the deck once printed
 * 「复议纠错率：分子 ÷ 复议审结」 and a blank 本期口径 for every count).
 */
import { describe, expect, it } from 'vitest';
import { basisTextOf, formulaOf, METRICS } from '../../server/metrics/index.ts';

const PLACEHOLDER = /分子|分母|numerator|denominator|TODO|TBD|xxx|^\s*÷|÷\s*$|\?\?/i;
const squash = (s: string) => s.replace(/\s+/g, '').toLowerCase();

describe('metric registry texts', () => {
  for (const m of METRICS) {
    describe(m.id, () => {
      it('has a name and definition in both languages, none a placeholder', () => {
        for (const text of [m.name.zh, m.name.en, m.definition.zh, m.definition.en]) {
          expect(text.trim().length, `${m.id}: empty text`).toBeGreaterThan(1);
          expect(text, `${m.id}: placeholder in «${text}»`).not.toMatch(PLACEHOLDER);
        }
      });

      it('states its 口径 in both languages', () => {
        const bases = m.kind === 'rate' ? m.bases.map((b) => b.id) : [undefined];
        for (const b of bases) {
          const text = basisTextOf(m, b);
          for (const t of [text.zh, text.en]) {
            expect(t.trim().length, `${m.id}/${b}: empty 口径`).toBeGreaterThan(3);
            expect(t, `${m.id}/${b}: placeholder in «${t}»`).not.toMatch(PLACEHOLDER);
          }
        }
      });

      if (m.kind === 'rate') {
        it('names the real numerator and denominator in every 口径 label', () => {
          for (const b of m.bases) {
            const f = formulaOf(b);
            expect(squash(b.label.zh), `${m.id}/${b.id}`).toContain(squash(f.zh));
            expect(squash(b.label.en), `${m.id}/${b.id}`).toContain(squash(f.en));
          }
          // The definition shows the default formula too, so a tooltip without the basis line still says it.
          expect(squash(m.definition.zh)).toContain(squash(formulaOf(m.bases[0]).zh));
        });
      }
    });
  }

  it('formulaOf brackets a sum', () => {
    const rate = METRICS.find((m) => m.id === 'substantive_resolution_rate');
    expect(rate?.kind).toBe('rate');
    if (rate?.kind === 'rate')
      expect(formulaOf(rate.bases[0]).zh).toBe('（调撤 + 诉前化解成功） ÷ （审结 + 诉前办结）');
  });
});
