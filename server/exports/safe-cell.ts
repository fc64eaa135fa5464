/**
 * Formula-injection ("CSV injection") escaping for every text cell the product writes to CSV or XLSX (issue #3).
 * A cell whose text starts with `=`, `+`, `-`, `@`, a tab or a carriage return is run as a formula by Excel,
 * WPS and LibreOffice; a litigant's name or a free-text cause imported from a source file could carry one. Such
 * text gets a leading apostrophe (OWASP's advice: shown as text, not evaluated). Real numbers stay numbers: a
 * JavaScript number is never touched, and text that is exactly a plain decimal number ("-5", "+3.5", "1e3")
 * is left alone, since a spreadsheet reads it as that number and nothing else.
 *
 * Exporters: `safeCellText(s)` for any string going into a cell, `csvField(v)` for one CSV field (escaping and
 * RFC 4180 quoting), `csvLine(values)` for a row, `safeXlsxValue(v)` for an exceljs cell value.
 */

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** The text, with a leading `'` when a spreadsheet would otherwise evaluate it. */
export function safeCellText(text: string): string {
  if (!FORMULA_START.test(text) || PLAIN_NUMBER.test(text)) return text;
  return `'${text}`;
}

export type CellValue = string | number | boolean | null | undefined | Date;

/** One CSV field: numbers as numbers, text escaped and quoted when it holds `,` `"` or a line break. */
export function csvField(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = safeCellText(value instanceof Date ? value.toISOString() : value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A CSV row ending in CRLF (RFC 4180; Excel on Windows expects it). */
export function csvLine(values: readonly CellValue[]): string {
  return values.map(csvField).join(',') + '\r\n';
}

/** A value for an exceljs cell: strings escaped, numbers, booleans, dates and nulls unchanged. */
export function safeXlsxValue<T extends CellValue>(value: T): T | string {
  return typeof value === 'string' ? safeCellText(value) : value;
}
