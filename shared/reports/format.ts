import { formatRuDate, type IsoDate } from '../domain/dates';
import type { Cell, ColumnKind } from './types';

/**
 * «Иванова Мария Петровна» → «М.П. Иванова» (as a signature is deciphered); a name already written with
 * initials («М.П. Иванова», «Иванова М.П.») is brought to the same order; '' stays ''.
 */
export function headInitials(fullName: string): string {
  const parts = fullName.replace(/\s+/gu, ' ').trim().split(' ').filter(Boolean);
  if (parts.length === 0) return '';
  const isInitials = (s: string) => /^(?:\p{Lu}\.){1,2}$/u.test(s);
  if (isInitials(parts[0]!) && parts.length >= 2) return `${parts[0]} ${parts.slice(1).join(' ')}`;
  if (parts.length >= 2 && isInitials(parts.at(-1)!)) return `${parts.at(-1)} ${parts.slice(0, -1).join(' ')}`;
  if (parts.length === 1) return parts[0]!;
  const [surname, ...given] = parts;
  return `${given.map((g) => `${g[0]!.toUpperCase()}.`).join('')} ${surname}`;
}

/** The text a cell prints as: dates ДД.ММ.ГГГГ, numbers as digits (a fraction with the Russian comma: 77,5), empty as ''. */
export function cellText(cell: Cell, kind: ColumnKind): string {
  if (cell === null || cell === undefined) return '';
  if (kind === 'date' && typeof cell === 'string' && /^\d{4}-\d{2}-\d{2}$/u.test(cell)) return formatRuDate(cell);
  if (typeof cell === 'number' && !Number.isInteger(cell)) return String(cell).replace('.', ',');
  return String(cell);
}

/** Fills {name} placeholders of a form's heading; unknown ones are left as written. */
export function fillPlaceholders(text: string, values: Readonly<Record<string, string>>): string {
  return text.replace(/\{(\w+)\}/gu, (whole, name: string) => values[name] ?? whole);
}

/** «по состоянию на 01.09.2026». */
export function asOfText(asOf: IsoDate): string {
  return `по состоянию на ${formatRuDate(asOf)}`;
}

/** «Стр. 2 из 7». */
export function pageText(page: number, pages: number): string {
  return `Стр. ${page} из ${pages}`;
}

/** The footer line with the printout's register number and date: «№ 2026-000123 от 03.12.2026». */
export function stampText(stamp: { number: string; date: IsoDate }): string {
  const number = stamp.number.startsWith('№') ? stamp.number : `№ ${stamp.number}`;
  return `${number} от ${formatRuDate(stamp.date)}`;
}
