import { stringify as stringifyStream, type Options, type Stringifier } from 'csv-stringify';
import { stringify } from 'csv-stringify/sync';

/**
 * Text a spreadsheet program would run as a formula (OWASP CSV injection): a cell starting with
 * =, +, -, @, tab, CR or LF — also after leading spaces, which Excel and LibreOffice skip before
 * reading a formula — gets a leading apostrophe. Numbers stay numbers.
 */
export function safeCell(value: string | number | null | undefined): string | number {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return value;
  return /^[\t\r\n]|^[\p{Zs}\uFEFF]*[=+\-@]/u.test(value) ? `'${value}` : value;
}

/**
 * RFC 4180 with CRLF between records, every text cell through safeCell, and any cell holding a
 * separator, a quote, a CR or an LF quoted: csv-stringify by default quotes a line break only when
 * it is the whole record delimiter, so a bare LF or CR inside a name would start a new row.
 */
const OPTIONS: Options = {
  record_delimiter: '\r\n',
  quoted_match: /[\r\n]/,
  bom: true,
  cast: { string: (value) => String(safeCell(value)) },
};

/** A whole CSV file (UTF-8 with a byte-order mark, so Excel reads the accents) from its rows. */
export function csvText(rows: unknown[][]): string {
  return stringify(rows, OPTIONS);
}

/** The same CSV as a stream: write rows into it, read the file out. */
export function csvStream(): Stringifier {
  return stringifyStream(OPTIONS);
}
