import { stringify } from 'csv-stringify/sync';

export type CsvCell = string | number | null | undefined;

/**
 * A text cell a spreadsheet would read as a formula (=, +, -, @, or a leading tab or carriage return) gets a
 * leading apostrophe, per OWASP «CSV Injection»: `=HYPERLINK(…)` is then shown as text, never run.
 * Numbers are written as numbers.
 */
export function neutralizeCell(v: CsvCell): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return String(v);
  return /^[=+\-@\t\r]/u.test(v) ? `'${v}` : v;
}

export interface CsvOptions {
  delimiter?: string;
  /** '\r\n' and a byte order mark for files people open in Excel; '\n' for files programs read. */
  eol?: '\r\n' | '\n';
  bom?: boolean;
}

/** The one way the app writes CSV: every cell neutralized, fields quoted by csv-stringify where they need it. */
export function toCsv(header: readonly string[], rows: Iterable<readonly CsvCell[]>, { delimiter = ';', eol = '\r\n', bom = false }: CsvOptions = {}): string {
  const records: string[][] = [header.map(neutralizeCell)];
  for (const r of rows) records.push(r.map(neutralizeCell));
  return (bom ? '\uFEFF' : '') + stringify(records, { delimiter, record_delimiter: eol === '\r\n' ? 'windows' : 'unix' });
}
