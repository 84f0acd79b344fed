import type { FastifyReply, FastifyRequest } from 'fastify';

/** A CSV column: its header and how to read the value from a row. */
export interface CsvColumn<Row> {
  readonly header: string;
  readonly value: (row: Row) => string | number | boolean | null | undefined;
}

/** Does the client ask for CSV (`?format=csv` or `Accept: text/csv`)? */
export function wantsCsv(request: Pick<FastifyRequest, 'headers' | 'query'>): boolean {
  const format = (request.query as Record<string, unknown> | undefined)?.format;
  if (format === 'csv') return true;
  const accept = request.headers.accept ?? '';
  return /\btext\/csv\b/.test(accept) && !/\bapplication\/(problem\+)?json\b/.test(accept);
}

/**
 * RFC 4180 CSV: CRLF line ends, fields quoted when needed. A cell that a spreadsheet would run as
 * a formula (=, +, -, @, tab, CR) is prefixed with an apostrophe (CSV injection, OWASP).
 */
export function toCsv<Row>(columns: readonly CsvColumn<Row>[], rows: readonly Row[]): string {
  const lines = [columns.map((c) => cell(c.header)).join(',')];
  for (const row of rows) lines.push(columns.map((c) => cell(c.value(row))).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

function cell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Sends rows as a CSV attachment named `<name>.csv`. */
export function sendCsv<Row>(
  reply: FastifyReply,
  name: string,
  columns: readonly CsvColumn<Row>[],
  rows: readonly Row[],
): string {
  reply.header('Content-Type', 'text/csv; charset=utf-8');
  reply.header('Content-Disposition', `attachment; filename="${name}.csv"`);
  return toCsv(columns, rows);
}
