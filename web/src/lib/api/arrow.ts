/**
 * The metric table as Apache Arrow (GET /api/metrics with Accept: application/vnd.apache.arrow.stream) for the
 * large tables (every unit, up to a province's 10,000): a compact binary answer instead of JSON. apache-arrow is
 * imported on demand, so it never weighs on the main bundle.
 */
import type { Table } from 'apache-arrow';
import { ApiError, session, type Cell, type MetricRow, type MetricsResult } from './client.ts';

export const ARROW_STREAM = 'application/vnd.apache.arrow.stream';

/**
 * Rebuilds the JSON answer from the Arrow table: one row per record batch row, the last row is the total, the
 * warnings column (joined by ';' on the wire) back to a list, and the rest of the answer from the schema metadata.
 */
export function resultFromArrow(table: Table): MetricsResult {
  const names = table.schema.fields.map((f) => f.name);
  const columns = names.map((n) => [...(table.getChild(n) ?? [])] as (Cell | bigint)[]);
  const rows: MetricRow[] = [];
  for (let i = 0; i < table.numRows; i++) {
    const row: MetricRow = {};
    names.forEach((n, j) => {
      const v = columns[j]![i];
      row[n] =
        n === 'warnings'
          ? typeof v === 'string'
            ? v.split(';').filter(Boolean)
            : []
          : typeof v === 'bigint'
            ? Number(v)
            : (v ?? null);
    });
    rows.push(row);
  }
  const rest = JSON.parse(table.schema.metadata.get('result') ?? '{}') as Omit<
    MetricsResult,
    'rows' | 'total'
  >;
  const total = rows.pop() ?? {};
  return { ...rest, rows, total };
}

/** GET /api/metrics?<query> as Arrow, decoded; errors as ApiError like the JSON client. */
export async function metricsArrow(query: string): Promise<MetricsResult> {
  const [res, arrow] = await Promise.all([
    fetch(`/api/metrics?${query}`, { headers: { Accept: ARROW_STREAM }, credentials: 'same-origin' }),
    import('apache-arrow'),
  ]);
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: { code: string; message: string } } | null;
    if (res.status === 401) session.onUnauthorized();
    throw new ApiError(res.status, body?.error?.code ?? 'http_error', body?.error?.message ?? res.statusText);
  }
  return resultFromArrow(arrow.tableFromIPC(new Uint8Array(await res.arrayBuffer())));
}
