/** The three record families; each has its own raw table(s) and rollups. */
export type Family = 'litigation' | 'reconsideration' | 'prelitigation';

export const FAMILIES: readonly Family[] = ['litigation', 'reconsideration', 'prelitigation'];

export interface Label {
  zh: string;
  en: string;
}

/**
 * A counted figure: the number of records of `family` whose `stream` date falls in the period and that meet
 * `when` (an SQL condition over the raw row, alias `c`; constants only, never user input).
 */
export interface CountMetric {
  id: string;
  kind: 'count';
  family: Family;
  stream: string;
  when: string;
  name: Label;
  definition: Label;
  /** Which way is good news: decides 同比 wording, rankings and warnings. */
  better: 'lower' | 'higher' | null;
  /** Shown in the contract table of DESIGN.md §4 (false: a supporting count, e.g. a rate's numerator). */
  headline: boolean;
}

/** A 口径 of a rate: which counts its numerator and denominator sum. */
export interface RateBasis {
  id: string;
  label: Label;
  numerator: readonly string[];
  denominator: readonly string[];
}

/** A rate: a fraction 0–1, null when its denominator is 0 (shown as —, never 0). */
export interface RateMetric {
  id: string;
  kind: 'rate';
  name: Label;
  /** Default 口径 first. */
  bases: readonly [RateBasis, ...RateBasis[]];
  definition: Label;
  better: 'lower' | 'higher' | null;
  headline: true;
}

export type MetricDefinition = CountMetric | RateMetric;

/** A raw record table and the dates its counters hang on (one "stream" per date column). */
export interface FamilySpec {
  family: Family;
  /** Prefix of its metric ids and rollup tables: lit, rec, pre. */
  prefix: string;
  table: string;
  /** The column naming the charged unit (litigation: via litigation_defendant instead). */
  unitColumn: string | null;
  streams: Record<string, string>;
  /** What each stream's date is called, for the 口径 line of a count (「按结案日期计入统计期」). */
  streamLabels: Record<string, Label>;
  /** Condition every counted row meets (e.g. reconsideration: accepted). */
  base: string | null;
  /** Litigation rows carry an instance (一审 …) that filters and keys its rollups. */
  hasInstance: boolean;
  /** The record attributes its metrics can be split by (`by=`): each is a text column of `table`. */
  attributes: readonly AttributeDimension[];
}

/** A closed date range in China Standard Time, both ends inclusive: 'YYYY-MM-DD'. */
export interface Period {
  from: string;
  to: string;
}

/**
 * Record attributes a metric table can be split by, each a column of one or more families' record tables (the
 * families list theirs in FamilySpec.attributes): litigation 案由/管理领域/结案方式/败诉原因, reconsideration
 * 申请事项/决定类型, pre-litigation 来源/争议领域/结果. Only metrics of families holding the attribute split by it.
 */
export const ATTRIBUTE_DIMENSIONS = [
  'cause',
  'domain',
  'closing',
  'loss_reason',
  'matter',
  'decision',
  'source',
  'result',
] as const;
export type AttributeDimension = (typeof ATTRIBUTE_DIMENSIONS)[number];

/** The dimensions a metric table can be grouped by (`by=`): the API, CLI and definitions list these. */
export const DIMENSIONS = [
  'unit',
  'kind',
  'group',
  'month',
  'quarter',
  'year',
  ...ATTRIBUTE_DIMENSIONS,
  'total',
] as const;
export type Dimension = (typeof DIMENSIONS)[number];
