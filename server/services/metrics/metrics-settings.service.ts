import type { Knex } from '../../db/knex.ts';
import { getMetric } from '../../metrics/index.ts';
import { settingsSchema, type MetricSettings } from '../../metrics/settings.ts';
import { deleteSetting, writeSetting } from '../../repositories/metric.repository.ts';
import type { Actor } from '../auth/access.ts';
import { record } from '../audit/audit.service.ts';
import { getMetricSettings, MetricsQueryError } from './metrics.service.ts';

/**
 * Changes warning thresholds / the small-denominator minimum. `patch` holds the keys to change; a null value
 * restores that key's default. Validated as a whole before anything is written; audited.
 */
export async function updateMetricSettings(
  db: Knex,
  patch: Record<string, unknown>,
  actor: Pick<Actor, 'userId' | 'username' | 'role'> | null,
): Promise<MetricSettings> {
  const keys = Object.keys(settingsSchema.shape);
  const unknown = Object.keys(patch).filter((k) => !keys.includes(k));
  if (unknown.length) throw new MetricsQueryError(`unknown setting(s): ${unknown.join(', ')}`);
  const current = await getMetricSettings(db);
  const merged = { ...current };
  for (const [k, v] of Object.entries(patch)) if (v !== null) Object.assign(merged, { [k]: v });
  const next = settingsSchema.parse(merged);
  if (!getMetric(next.rank_metric) && next.rank_metric !== 'none') {
    throw new MetricsQueryError(`rank_metric: unknown metric ${next.rank_metric}`);
  }
  await db.transaction(async (trx) => {
    for (const [k, v] of Object.entries(patch)) {
      if (v === null) await deleteSetting(trx, k);
      else await writeSetting(trx, k, next[k as keyof MetricSettings], actor?.username ?? null);
    }
    await record(trx, {
      actor,
      ip: actor ? null : 'cli',
      action: 'settings.update',
      target: 'metric_setting',
      detail: { patch },
    });
  });
  return getMetricSettings(db);
}
