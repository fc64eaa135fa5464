import { describe, expect, it } from 'vitest';
import * as lists from '../../server/domain/code-lists.ts';
import {
  CODE_LABELS_EN,
  codeLabel,
  DIMENSION_LISTS,
  VALUE_LABELS_EN,
} from '../../server/domain/code-list-labels.ts';
import { DIMENSIONS } from '../../server/metrics/types.ts';
import { generateDemoCounty } from '../../server/demo/demo-county.ts';
import { categoryName, dimensionName } from '../../web/src/lib/i18n/bilingual.ts';
import { DEMO_AS_OF } from '../support/demo.ts';

const LISTS: Record<keyof typeof CODE_LABELS_EN, readonly string[]> = {
  unitKinds: lists.UNIT_KINDS,
  instances: lists.INSTANCES,
  closings: lists.CLOSINGS,
  judgments: lists.JUDGMENTS,
  withdrawalReasons: lists.WITHDRAWAL_REASONS,
  lossReasons: lists.LOSS_REASONS,
  headTitles: lists.HEAD_TITLES,
  recIntakes: lists.REC_INTAKES,
  recDecisions: lists.REC_DECISIONS,
  preSources: lists.PRE_SOURCES,
  preResults: lists.PRE_RESULTS,
  causes: lists.CAUSES,
};

describe('English labels of the code lists', () => {
  it('label every code of every list, and nothing else', () => {
    const exported = Object.entries(lists).filter(([, v]) => Array.isArray(v)).length;
    expect(Object.keys(LISTS)).toHaveLength(exported); // a new code list needs its labels too
    for (const [name, codes] of Object.entries(LISTS)) {
      const labels: Record<string, string> = CODE_LABELS_EN[name as keyof typeof CODE_LABELS_EN];
      expect(Object.keys(labels).sort(), name).toEqual([...codes].sort());
      for (const code of codes) expect(labels[code], `${name}.${code}`).toMatch(/^[\x20-\x7e]+$/);
    }
  });

  it('label the usual values of the free-text fields in plain English', () => {
    for (const [name, labels] of Object.entries(VALUE_LABELS_EN))
      for (const [value, en] of Object.entries(labels))
        expect(en, `${name}.${value}`).toMatch(/^[\x20-\x7e]+$/);
  });

  it('look each list up on its own (issue #21: the domains chart mixed languages)', () => {
    // 政府信息公开 is a cause and a domain: the domains chart names it as a domain, beside the other domains.
    expect(codeLabel('domains', '政府信息公开', 'en')).toBe('Government information disclosure');
    expect(codeLabel('domains', '征收拆迁', 'en')).toBe('Expropriation and demolition');
    // 撤销 is a judgment and a decision; a value another list holds is not borrowed.
    expect(codeLabel('judgments', '撤销', 'en')).toBe('Revoked');
    expect(codeLabel('unitKinds', '撤销', 'en')).toBe('撤销');
    expect(codeLabel('closings', '行政处罚', 'en')).toBe('行政处罚');
  });

  it('name every value the demo county charts in English', () => {
    const county = generateDemoCounty(DEMO_AS_OF);
    const values: Record<string, Set<string>> = {
      domain: new Set(
        [...county.litigation, ...county.prelitigation].map((c) => c.domain ?? '').filter(Boolean),
      ),
      matter: new Set(county.reconsideration.map((c) => c.matter ?? '').filter(Boolean)),
      cause: new Set(county.litigation.map((c) => c.cause ?? '').filter(Boolean)),
    };
    for (const [by, set] of Object.entries(values)) {
      const show = dimensionName('en', by);
      for (const v of set) expect(show(v), `${by}: ${v}`).toMatch(/^[\x20-\x7e]+$/);
    }
  });

  it('know the list of every record-attribute dimension of the registry', () => {
    const attributes = DIMENSIONS.filter(
      (d) => !['unit', 'group', 'month', 'quarter', 'year', 'total'].includes(d),
    );
    for (const d of attributes) expect(DIMENSION_LISTS[d], d).toBeDefined();
    expect(dimensionName('en', 'group')('执法一组')).toBe('执法一组');
  });

  it('show the code in Chinese, its label in English, and anything else as it is', () => {
    expect(codeLabel('closings', '准予撤诉', 'zh')).toBe('准予撤诉');
    expect(codeLabel('closings', '准予撤诉', 'en')).toBe('Withdrawal permitted');
    expect(categoryName('en', 'unitKinds')('乡镇街道')).toBe('Townships and streets');
    expect(categoryName('en', 'causes')('示例县城市管理局')).toBe('示例县城市管理局');
  });
});
