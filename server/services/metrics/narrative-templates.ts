/**
 * The narrative's sentence templates (narrative.service.ts fills them): one entry per sentence or clause with its
 * Chinese and its English text, so a wording rule is written once for both languages.
 */
export type NarrativeLocale = 'zh' | 'en';

export type Bilingual = Record<NarrativeLocale, string>;

/** Every text of the narrative, `{name}` marking a figure or a clause filled in by `fill`. */
const TEMPLATES = {
  // Punctuation: a sentence's clauses, the items of a list, a name list, the end of a sentence, between sentences.
  clauses: { zh: '；', en: '; ' },
  items: { zh: '，', en: ', ' },
  ratesList: { zh: '，', en: '; ' },
  names: { zh: '、', en: ', ' },
  and: { zh: '、', en: ' and ' },
  stop: { zh: '。', en: '.' },
  between: { zh: '', en: ' ' },
  notes: { zh: '（{notes}）', en: ' ({notes})' },

  // Year-on-year changes: the direction word comes from `direction` only.
  up: { zh: '上升', en: 'up' },
  down: { zh: '下降', en: 'down' },
  same: { zh: '与去年同期持平', en: 'unchanged year on year' },
  countFromZero: { zh: '去年同期为0{unit}', en: 'up from 0 in the same period last year' },
  countChange: { zh: '同比{dir}{pct}', en: '{dir} {pct} year on year' },
  countChangeTiny: { zh: '同比{dir}不足0.1%', en: '{dir} by less than 0.1% year on year' },
  rateChange: { zh: '同比{dir}{points}个百分点', en: '{dir} {points} percentage points year on year' },
  rateChangeTiny: {
    zh: '同比{dir}不足0.1个百分点',
    en: '{dir} by less than 0.1 percentage points year on year',
  },
  rate: { zh: '{name}{value}{notes}', en: 'the {name} was {value}{notes}' },

  // Who and when.
  period: { zh: '{label}', en: 'In {label}' },
  periodRange: { zh: '{label}', en: 'From {from} to {to}' },
  county: { zh: '全县', en: 'the county' },
  selectedUnits: { zh: '所选单位', en: 'the selected units' },
  groupUnits: { zh: '{groups}各单位', en: 'the units of {groups}' },
  countyKinds: { zh: '全县{kinds}', en: "the county's {kinds}" },
  allInstances: { zh: '各审级', en: '' },

  // The sentences.
  litFiled: {
    zh: '{when}{subject}新收{instances}行政诉讼案件{n}件',
    en: '{when}, {subject} faced {n} new {instances}administrative lawsuit{s}',
  },
  litNoneConcluded: { zh: '无审结案件', en: 'none was concluded' },
  litConcluded: { zh: '审结{concluded}件，败诉{losses}件', en: '{concluded} concluded, {losses} lost' },
  withRate: { zh: '，', en: '; ' },
  appearance: { zh: '行政机关{rates}', en: '{rates}' },
  appearanceNone: {
    zh: '统计期内无开庭审理的审结案件，不计算负责人出庭应诉率',
    en: 'no concluded case had a hearing in the period, so no head appearance rate is computed',
  },
  recReceived: { zh: '受理行政复议案件{n}件', en: 'Reconsideration cases accepted: {n}' },
  recNoneConcluded: { zh: '无审结复议案件', en: 'none was concluded' },
  recConcluded: {
    zh: '审结{concluded}件，纠错{corrected}件',
    en: '{concluded} concluded, {corrected} corrected',
  },
  preRegistered: {
    zh: '诉前化解登记行政争议{n}件',
    en: 'Disputes registered for pre-litigation resolution: {n}',
  },
  preNoneConcluded: { zh: '无办结争议', en: 'none was concluded' },
  preConcluded: {
    zh: '办结{concluded}件，化解成功{resolved}件',
    en: '{concluded} concluded, {resolved} resolved',
  },

  // The 双降 status. doubleDecline() counts a loss rate held at zero as not risen: say so rather than "fell".
  statusDouble: {
    zh: '发案量和败诉率实现"双下降"',
    en: 'Both the number of lawsuits and the loss rate fell: a "double decline"',
  },
  statusDoubleZero: {
    zh: '发案量下降，败诉率保持为零',
    en: 'The number of lawsuits fell and the loss rate stayed at zero',
  },
  statusSingle: { zh: '实现"单降"：{which}', en: 'A "single decline": {which}' },
  singleFiled: { zh: '发案量下降，败诉率未下降', en: 'the number of lawsuits fell, the loss rate did not' },
  singleRate: {
    zh: '败诉率下降，发案量未下降',
    en: 'the loss rate fell, the number of lawsuits did not fall',
  },
  singleRateZero: {
    zh: '败诉率保持为零，发案量未下降',
    en: 'the loss rate stayed at zero, the number of lawsuits did not fall',
  },
  statusNone: { zh: '发案量和败诉率均未下降', en: 'Neither the number of lawsuits nor the loss rate fell' },
  statusInsufficient: {
    zh: '审结案件较少，暂不作"双下降"判断',
    en: 'Too few cases were concluded to judge the "double decline"',
  },
} satisfies Record<string, Bilingual>;

export type TemplateId = keyof typeof TEMPLATES;

/** The template's text in `lang` with each `{name}` replaced by its value (a missing value is a bug: thrown). */
export function fill(
  lang: NarrativeLocale,
  id: TemplateId,
  values: Record<string, string | number> = {},
): string {
  return TEMPLATES[id][lang].replace(/\{(\w+)\}/g, (_, name: string) => {
    const v = values[name];
    if (v === undefined) throw new Error(`narrative template ${id} lacks {${name}}`);
    return String(v);
  });
}
