/**
 * The shape of a metric table: which rows it has (every unit in scope, every bucket, every value present), the
 * label fields that lead each row, and the rows as objects for the JSON answer.
 */
import type { Cell, MetricRow, MetricsResult, MetricsTable } from '../../contracts/metrics.ts';
import type { Knex } from '../../db/knex.ts';
import { byKindOrder } from '../../metrics/kind-comparison.ts';
import { bucketLabels, type ResolvedPeriod } from '../../metrics/period.ts';
import type { UnitFilter } from '../../metrics/sql.ts';
import type { Dimension } from '../../metrics/types.ts';
import { listUnitValues, type MetricUnit } from '../../repositories/metric.repository.ts';
import type { Counts } from './metrics-derive.ts';

const TIME_DIMS = ['month', 'quarter', 'year'] as const;
export type TimeDim = (typeof TIME_DIMS)[number];
export const isTime = (d: Dimension): d is TimeDim => (TIME_DIMS as readonly string[]).includes(d);

/** The rows as objects (the JSON shape of DESIGN.md §6), every row with the same fields in the same order. */
export function rowObjects(table: MetricsTable): MetricsResult {
  const { keys, rows, ...rest } = table;
  // Copies of one template share one object shape, which V8 keeps in fast mode (a row of ~150 fields built key
  // by key falls back to a dictionary: several times slower to build and to serialise).
  const template: MetricRow = Object.fromEntries(keys.map((k) => [k, null]));
  const objects = new Array<MetricRow>(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const values = rows[i]!;
    const o = { ...template };
    for (let j = 0; j < keys.length; j++) o[keys[j]!] = values[j]!;
    objects[i] = o;
  }
  return { ...rest, rows: objects };
}

export interface RowKey {
  key: string;
  unit?: MetricUnit;
}

export async function rowKeys(
  db: Knex,
  by: Dimension,
  period: ResolvedPeriod,
  units: MetricUnit[],
  filter: UnitFilter,
  cur: Map<string, Counts> | null,
  prev: Map<string, Counts> | null,
): Promise<RowKey[]> {
  if (by === 'total' || !cur) return [];
  if (by === 'unit') {
    const inFilter = (u: MetricUnit) =>
      (!filter.unitIds || filter.unitIds.includes(u.id)) &&
      (!filter.kinds || filter.kinds.includes(u.kind)) &&
      (!filter.groups || filter.groups.includes(u.peer_group ?? ''));
    return units.filter(inFilter).map((u) => ({ key: String(u.id), unit: u }));
  }
  if (isTime(by)) return bucketLabels(period, by).map((key) => ({ key }));
  const present = new Set([...cur.keys(), ...(prev?.keys() ?? [])]);
  // A kind or group with no cases still gets its row.
  if (by === 'kind' || by === 'group') {
    for (const v of await listUnitValues(db, by === 'kind' ? 'kind' : 'peer_group', filter)) present.add(v);
  }
  // Kinds in the comparison's fixed order (县直部门, 乡镇街道, then the others), whatever their collation.
  const keys = by === 'kind' ? [...present].sort(byKindOrder) : [...present].sort();
  return keys.map((key) => ({ key }));
}

/** The label fields of a row, in output order. */
export function rowLabelKeys(by: Dimension): string[] {
  if (by === 'unit') return ['key', 'unit_code', 'unit_name', 'unit_kind', 'unit_group'];
  return ['key', by === 'kind' ? 'unit_kind' : by === 'group' ? 'unit_group' : by, 'label'];
}

/** Writes a row's label fields (the first fields of its layout, see rowLabelKeys). */
export function rowLabel(out: Cell[], by: Dimension, key: string, unit?: MetricUnit): void {
  if (unit) {
    out[0] = unit.code;
    out[1] = unit.code;
    out[2] = unit.name;
    out[3] = unit.kind;
    out[4] = unit.peer_group;
    return;
  }
  out[0] = key;
  out[1] = key === '' ? null : key;
  out[2] = key === '' ? '（未填）' : key;
}
