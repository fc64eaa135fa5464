/** A metric of DESIGN.md §4: its id is the contract users script against. */
export interface MetricDefinition {
  id: string;
  name: { zh: string; en: string };
  /** The definition shown beside every figure (default 口径). */
  definition: { zh: string; en: string };
  format: 'count' | 'rate';
  /** For rates: the metric ids of numerator and denominator. */
  numerator?: string;
  denominator?: string;
}

/** A closed date range in China Standard Time, both ends inclusive: 'YYYY-MM-DD'. */
export interface Period {
  from: string;
  to: string;
}
