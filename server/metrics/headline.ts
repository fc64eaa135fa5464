/**
 * The headline figures, in the order of the bureau's monthly table: the dashboard's KPI strip (web
 * OverviewPage; the unit ranking's columns are its lawsuit and reconsideration figures) and the meeting report's
 * 总体情况 slide and table read this one list, so the meeting shows what the dashboard shows. Pure and
 * dependency-free: the web bundle imports it too.
 */
export const HEADLINE_METRICS = [
  'lit_filed',
  'lit_concluded',
  'lit_losses',
  'lit_loss_rate',
  'lit_head_appearance_rate',
  'lit_head_spoke_rate',
  'lit_mediation_withdrawal_rate',
  'rec_correction_rate',
  'pre_resolution_rate',
  'substantive_resolution_rate',
] as const;
