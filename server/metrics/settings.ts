import { z } from 'zod';

/**
 * Configurable thresholds of warnings and rankings (DESIGN.md §4), with their defaults. Overrides live in the
 * metric_setting table; a key absent there takes the default below.
 */
export const settingsSchema = z.object({
  /** Rankings exclude or flag units whose rate denominator is below this (a unit with 1 loss in 2 cases). */
  min_denominator: z.number().int().min(1).max(1000),
  /** Warn when the loss rate is above this fraction… */
  loss_rate_warning: z.number().min(0).max(1),
  /** …and at least this many cases were concluded. */
  loss_rate_warning_min_concluded: z.number().int().min(0).max(1000),
  /** Warn when the head appearance rate is below this fraction (1 = anything short of 100%). */
  head_appearance_warning: z.number().min(0).max(1),
  /** The metric rankings order by. */
  rank_metric: z.string().min(1),
});

export type MetricSettings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: MetricSettings = {
  min_denominator: 3,
  loss_rate_warning: 0.15,
  loss_rate_warning_min_concluded: 3,
  head_appearance_warning: 1,
  rank_metric: 'lit_loss_rate',
};

export const SETTING_LABELS: Record<keyof MetricSettings, { zh: string; en: string }> = {
  min_denominator: { zh: '排名最小分母', en: 'Minimum denominator for rankings' },
  loss_rate_warning: { zh: '败诉率预警线', en: 'Loss-rate warning line' },
  loss_rate_warning_min_concluded: {
    zh: '败诉率预警最少审结数',
    en: 'Minimum concluded cases for the loss-rate warning',
  },
  head_appearance_warning: { zh: '负责人出庭率预警线', en: 'Head-appearance warning line' },
  rank_metric: { zh: '排名指标', en: 'Ranking metric' },
};

/** Warning codes a row can carry, with the text shown beside them. */
export const WARNINGS = {
  loss_rate_high: { zh: '败诉率超过预警线', en: 'Loss rate above the warning line' },
  head_appearance_low: { zh: '负责人出庭应诉率未达标', en: 'Head appearance rate below target' },
  filed_up: { zh: '新收一审案件同比上升', en: 'First-instance filings up year over year' },
  head_absent: { zh: '存在负责人未出庭的开庭案件（可能引发司法建议）', en: 'A head was absent at a hearing' },
} as const;

export type WarningCode = keyof typeof WARNINGS;

/** Double-decline status (DESIGN.md §4), in the words the meeting uses. */
export const DOUBLE_DECLINE = {
  双降: { en: 'double decline', colour: 'green' },
  单降: { en: 'single decline', colour: 'amber' },
  未降: { en: 'no decline', colour: 'red' },
  样本不足: { en: 'too few cases', colour: 'grey' },
} as const;

export type DoubleDecline = keyof typeof DOUBLE_DECLINE;
