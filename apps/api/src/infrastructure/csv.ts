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
 * A cell a spreadsheet could run as a formula (CSV injection, OWASP): a formula sign (= + - @, or
 * their fullwidth forms ＝ ＋ － ＠, which some spreadsheets fold to ASCII) as the first character
 * after any blanks (spaces, no-break spaces, tabs), or a cell that starts with a line break or tab.
 */
const FORMULA_START = /^(?:[\s\u00a0\u2000-\u200b\u3000\ufeff]*[=+\-@\uff1d\uff0b\uff0d\uff20]|[\t\r\n])/;

/**
 * RFC 4180 CSV: CRLF line ends, fields quoted when needed. A cell that a spreadsheet would run as
 * a formula (FORMULA_START) is prefixed with an apostrophe.
 */
export function toCsv<Row>(columns: readonly CsvColumn<Row>[], rows: readonly Row[]): string {
  const lines = [columns.map((c) => cell(c.header)).join(',')];
  for (const row of rows) lines.push(columns.map((c) => cell(c.value(row))).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

function cell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
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
