/**
 * A metric table as an Apache Arrow IPC stream (GET /api/metrics with Accept: application/vnd.apache.arrow.stream):
 * one record batch, columns as in the JSON rows (numbers Float64, text Utf8, flags Bool, warnings joined by ';'),
 * the total as the last row; period, basis and data-as-of travel in the schema metadata, and under `result` the
 * whole answer but its rows and total (filters, settings, rank metric…), so a client rebuilds the JSON answer.
 */
import { Bool, Float64, Table, Utf8, tableToIPC, vectorFromArray, type Vector } from 'apache-arrow';
import { columnsOf } from '../metrics/columns.ts';
import type { MetricsResult } from '../services/metrics.service.ts';

export const ARROW_STREAM = 'application/vnd.apache.arrow.stream';

export function metricsArrow(result: MetricsResult): Uint8Array {
  const rows = [...result.rows, result.total];
  const vectors: Record<string, Vector> = {};
  for (const c of columnsOf(rows)) {
    const values = rows.map((r) => r[c.key]);
    if (c.format === 'text' || c.format === 'list') {
      vectors[c.key] = vectorFromArray(
        values.map((v) =>
          v === null || v === undefined ? null : Array.isArray(v) ? v.join(';') : String(v),
        ),
        new Utf8(),
      );
    } else if (c.format === 'boolean') {
      vectors[c.key] = vectorFromArray(
        values.map((v) => (typeof v === 'boolean' ? v : null)),
        new Bool(),
      );
    } else {
      vectors[c.key] = vectorFromArray(
        values.map((v) => (typeof v === 'number' ? v : null)),
        new Float64(),
      );
    }
  }
  const table = new Table(vectors);
  table.schema.metadata.set('period', JSON.stringify(result.period));
  table.schema.metadata.set('basis', JSON.stringify(result.basis));
  table.schema.metadata.set('data_as_of', result.data_as_of ?? '');
  const { rows: _rows, total: _total, ...rest } = result;
  table.schema.metadata.set('result', JSON.stringify(rest));
  return tableToIPC(table, 'stream');
}
