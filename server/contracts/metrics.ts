/**
 * The metric table's shape (GET /api/metrics and every export of it): cells, rows, the JSON answer and its
 * column-shaped twin. Types only: the service in server/services/metrics/ builds them, the exports write them and
 * the web reads them with `import type`, so the three never drift apart.
 */
import type { MetricSettings } from '../metrics/settings.ts';
import type { PartialYear } from '../metrics/coverage.ts';
import type { Dimension, Period } from '../metrics/types.ts';

export type { PartialYear };

/** A cell of the metric table: counts, rates, n/N, 同比, labels, warnings. */
export type Cell = string | number | boolean | null | string[];
export type MetricRow = Record<string, Cell>;

export interface MetricsResult {
  period: { from: string; to: string; preset: string; label: { zh: string; en: string } };
  previous_year: Period | null;
  previous_period: Period | null;
  by: Dimension;
  filters: {
    unit_ids: number[] | null;
    /** The units of unit_ids, for labels ("示例县公安局2024年…"). */
    units: { id: number; code: string; name: string }[] | null;
    kinds: string[] | null;
    groups: string[] | null;
    instances: string[] | null;
  };
  /** The 口径 of every rate in the output, labelled. */
  basis: Record<string, { id: string; label: { zh: string; en: string } }>;
  metrics: string[];
  settings: MetricSettings;
  rank_metric: string | null;
  data_as_of: string | null;
  /**
   * by=year only (else empty): the years of the rows that the data of a shown family do not cover whole, from the
   * data's own first/last dates (server/metrics/coverage.ts), so a chart can mark 「2020年数据自9月起」.
   */
  partial_years: PartialYear[];
  generated_at: string;
  source: 'rollup' | 'raw' | 'mixed';
  rows: MetricRow[];
  total: MetricRow;
}

/**
 * The metric table with its rows as arrays in the order of `keys` (the total stays an object): what the
 * column-shaped outputs (shape=columns JSON, Arrow) write without building 10,000 row objects.
 */
export interface MetricsTable extends Omit<MetricsResult, 'rows'> {
  keys: string[];
  rows: Cell[][];
}
