import { describe, expect, it } from 'vitest';
import * as lists from '../../server/domain/code-lists.ts';
import { CODE_LABELS_EN, codeLabel } from '../../server/domain/code-list-labels.ts';

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

  it('give a value that sits in two lists the same English label', () => {
    const seen = new Map<string, string>();
    for (const labels of Object.values(CODE_LABELS_EN))
      for (const [code, en] of Object.entries(labels)) {
        expect(seen.get(code) ?? en, code).toBe(en);
        seen.set(code, en);
      }
  });

  it('show the code in Chinese, its label in English, and anything else as it is', () => {
    expect(codeLabel('准予撤诉', 'zh')).toBe('准予撤诉');
    expect(codeLabel('准予撤诉', 'en')).toBe('Withdrawal permitted');
    expect(codeLabel('乡镇街道', 'en')).toBe('Townships and streets');
    expect(codeLabel('示例县城市管理局', 'en')).toBe('示例县城市管理局');
  });
});
