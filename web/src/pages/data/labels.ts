/** Labels shared by the data page's panels (record kinds, statuses, durations), all through the i18n table. */
import type { ImportEntry, ImportStatus, JobRun } from '../../lib/api/data-types.ts';
import { i18n } from '../../lib/i18n/i18n.svelte.ts';

export const kindLabel = (k: string): string =>
  k === 'units' || k === 'litigation' || k === 'reconsideration' || k === 'prelitigation'
    ? i18n.t(`data.kind.${k}`)
    : k;

export const importStatusLabel = (s: ImportStatus): string => i18n.t(`data.status.${s}`);

export const runStatusLabel = (s: JobRun['status']): string => i18n.t(`data.runStatus.${s}`);

/** Milliseconds as seconds with one decimal ("1.2秒" / "1.2 s"); — when unknown. */
export function duration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '—';
  return i18n.t('data.seconds', { n: (ms / 1000).toFixed(ms < 10_000 ? 1 : 0) });
}

/** Who or what made an import: the user's name, or the web/CLI/pull channel when there is no user. */
export function importBy(e: Pick<ImportEntry, 'created_by' | 'source'>): string {
  if (e.created_by) return e.created_by;
  if (e.source === 'upload' || e.source === 'cli') return i18n.t(`data.ledger.source.${e.source}`);
  if (e.source.startsWith('job:')) return i18n.t('data.ledger.source.job', { name: e.source.slice(4) });
  return e.source;
}

/** The counts every import reports, in the order the summary and the ledger show them. */
export const COUNTS = ['inserted', 'updated', 'unchanged', 'rejected', 'unmatched'] as const;
