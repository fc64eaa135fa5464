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
  /** Condition every counted row meets (e.g. reconsideration: accepted). */
  base: string | null;
  /** Litigation rows carry an instance (一审 …) that filters and keys its rollups. */
  hasInstance: boolean;
}

/** A closed date range in China Standard Time, both ends inclusive: 'YYYY-MM-DD'. */
export interface Period {
  from: string;
  to: string;
}

/** The dimensions a metric table can be grouped by (`by=`): the API, CLI and definitions list these. */
export const DIMENSIONS = [
  'unit',
  'kind',
  'group',
  'month',
  'quarter',
  'year',
  'cause',
  'domain',
  'closing',
  'loss_reason',
  'total',
] as const;
export type Dimension = (typeof DIMENSIONS)[number];
