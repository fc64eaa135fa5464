/**
 * A metric table as CSV (UTF-8 with BOM, so Excel and WPS read the Chinese): '#' lines first carry the title,
 * period, data-as-of time, the 口径 of every rate and each column's definition; then one header row of column
 * keys (the metric ids of DESIGN.md §4) and the data rows, the total last. Values are the JSON values unchanged
 * (rates as fractions), so the CSV reproduces the API's figures exactly.
 */
import { columnsOf, metricOfColumn } from '../metrics/columns.ts';
import { basisTextOf } from '../metrics/index.ts';
import type { MetricsResult } from '../contracts/metrics.ts';
import { csvLine, type CellValue } from './safe-cell.ts';

export function metricsCsv(result: MetricsResult): string {
  const rows = [...result.rows, result.total];
  const columns = columnsOf(rows);
  const out: string[] = ['\uFEFF'];
  const note = (text: string) => out.push(csvLine([`# ${text}`]));
  note(`双降指标表 · ${result.period.label.zh}（${result.period.from}至${result.period.to}）`);
  note(`数据截至 data as of: ${result.data_as_of ?? '—'}；生成于 generated at: ${result.generated_at}`);
  note(`分组 by: ${result.by}；审级 instance: ${result.filters.instances?.join('、') ?? '全部'}`);
  if (result.previous_year)
    note(`同比基期 previous year: ${result.previous_year.from}至${result.previous_year.to}`);
  for (const [id, b] of Object.entries(result.basis)) note(`口径 ${id}: ${b.id} ${b.label.zh}`);
  for (const c of columns) {
    const m = metricOfColumn(c.key);
    const def =
      m && m.id === c.key ? ` — ${m.definition.zh}（${basisTextOf(m, result.basis[m.id]?.id).zh}）` : '';
    note(`${c.key}: ${c.label.zh}${def}`);
  }
  out.push(csvLine(columns.map((c) => c.key)));
  for (const r of rows) {
    out.push(
      csvLine(
        columns.map((c): CellValue => {
          const v = r[c.key];
          return Array.isArray(v) ? v.join(';') : (v ?? null);
        }),
      ),
    );
  }
  return out.join('');
}

/** Reads back the data part of metricsCsv (tests, scripts): header keys → values, numbers parsed. */
export function parseMetricsCsv(text: string): Record<string, string | number | boolean | null>[] {
  const lines = text
    .replace(/^\uFEFF/, '')
    .split('\r\n')
    .filter((l) => l && !l.startsWith('#') && !l.startsWith('"#'));
  const [header, ...data] = lines.map(splitCsv);
  return data.map((cells): Record<string, string | number | boolean | null> =>
    Object.fromEntries(
      (header ?? []).map((k, i): [string, string | number | boolean | null] => {
        const v = cells[i] ?? '';
        if (v === 'true' || v === 'false') return [k, v === 'true'];
        return [k, v === '' ? null : /^-?\d+(\.\d+)?(e-?\d+)?$/.test(v) ? Number(v) : v];
      }),
    ),
  );
}

function splitCsv(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}
