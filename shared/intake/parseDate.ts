/**
 * Dates as people (and spreadsheet readers) write them → IsoDate, or a Russian error
 * for the row report («Строка 17, «Дата рождения»: «31.02.2015» — такой даты нет»).
 */
import { addDays, daysInMonth, isoFromParts, parseRuDate, type IsoDate } from '../domain/dates';

export type ParseDateResult = { value: IsoDate; warning?: string } | { error: string };

export interface ParseDateOptions {
  /**
   * Year two-digit years are read against: «1.2.15» is the latest year ending in 15
   * not after it (a child's birth date is never in the future). Defaults to the
   * list's date (or the call's today): never the machine's clock.
   */
  referenceYear: number;
}

export const DATE_ERRORS = {
  empty: 'дата не указана',
  noSuchDate: 'такой даты нет',
  notADate: 'не похоже на дату',
  yearOnly: 'указан только год, нужна полная дата',
} as const;

/** Last serial of 9999-12-31 in the 1900 date system. */
const MAX_EXCEL_SERIAL = 2_958_465;

const MONTHS: ReadonlyArray<readonly [RegExp, number]> = [
  [/^янв/u, 1], [/^фев/u, 2], [/^мар/u, 3], [/^апр/u, 4], [/^ма[йя]/u, 5], [/^июн/u, 6],
  [/^июл/u, 7], [/^авг/u, 8], [/^сен/u, 9], [/^окт/u, 10], [/^ноя/u, 11], [/^дек/u, 12],
];

const MS_PER_DAY = 86_400_000;

function fromParts(year: number, month: number, day: number): ParseDateResult {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || year < 1 || year > 9999) {
    return { error: DATE_ERRORS.noSuchDate };
  }
  return { value: isoFromParts(year, month, day) };
}

/**
 * Excel 1900 date system. Excel counts a 29 February 1900 that never was (serial 60,
 * kept from Lotus 1-2-3), so serials from 61 on are one day ahead of a plain count.
 * A time-of-day fraction is dropped.
 */
export function excelSerialToIsoDate(serial: number): ParseDateResult {
  if (!Number.isFinite(serial)) return { error: DATE_ERRORS.notADate };
  const whole = Math.floor(serial);
  if (whole < 1 || whole > MAX_EXCEL_SERIAL) return { error: DATE_ERRORS.notADate };
  if (whole === 60) return { error: DATE_ERRORS.noSuchDate };
  return { value: whole < 60 ? addDays('1899-12-31', whole) : addDays('1899-12-30', whole) };
}

function fromNumber(n: number): ParseDateResult {
  // A bare year typed into a date column must not become a 1905 date.
  if (Number.isInteger(n) && n >= 1900 && n <= 2100) return { error: DATE_ERRORS.yearOnly };
  return excelSerialToIsoDate(n);
}

/**
 * A JS Date from a spreadsheet reader (exceljs gives UTC midnight). Rounded to the
 * nearest UTC day, so a local midnight in any zone from UTC−11 to UTC+12 lands on its
 * own calendar day.
 */
function fromJsDate(d: Date): ParseDateResult {
  const t = d.getTime();
  if (Number.isNaN(t)) return { error: DATE_ERRORS.notADate };
  const rounded = new Date(Math.round(t / MS_PER_DAY) * MS_PER_DAY);
  return fromParts(rounded.getUTCFullYear(), rounded.getUTCMonth() + 1, rounded.getUTCDate());
}

function expandYear(text: string, referenceYear: number): { year: number; warning?: string } {
  if (text.length === 4) return { year: Number(text) };
  const yy = Number(text);
  let year = Math.floor(referenceYear / 100) * 100 + yy;
  if (year > referenceYear) year -= 100;
  return { year, warning: `год «${text}» понят как ${year}` };
}

function withWarning(r: ParseDateResult, warning: string | undefined): ParseDateResult {
  return 'value' in r && warning !== undefined ? { value: r.value, warning } : r;
}

function fromText(raw: string, referenceYear: number): ParseDateResult {
  const strict = parseRuDate(raw);
  if (strict !== null) return { value: strict };
  const s = raw
    .normalize('NFC')
    .toLowerCase()
    .replace(/\u00a0/gu, ' ')
    .trim()
    // «01.02.2015 г.», «1 февраля 2015 года»
    .replace(/(?<=\d)\s*(?:г\.?|года?|гг\.?)\s*$/u, '')
    // a time part: «01.02.2015 0:00:00», «2015-02-01T00:00:00.000Z»
    .replace(/(?:[t\s]+)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:z|[+-]\d{2}:?\d{2})?$/u, '')
    .trim();
  if (s === '') return { error: DATE_ERRORS.empty };

  if (/^\d+(?:[.,]\d+)?$/u.test(s)) {
    // «42036» is a serial that lost its format in a CSV; «01022015» / «010215» typed without dots.
    if (/^\d{8}$/u.test(s)) {
      const dmy = fromParts(Number(s.slice(4)), Number(s.slice(2, 4)), Number(s.slice(0, 2)));
      const ymd = fromParts(Number(s.slice(0, 4)), Number(s.slice(4, 6)), Number(s.slice(6, 8)));
      const plausible = (r: ParseDateResult): boolean => 'value' in r && r.value >= '1900' && r.value < '2101';
      if (plausible(dmy)) return dmy;
      if (plausible(ymd)) return ymd;
      return { error: DATE_ERRORS.noSuchDate };
    }
    if (/^\d{6}$/u.test(s)) {
      const y = expandYear(s.slice(4), referenceYear);
      return withWarning(fromParts(y.year, Number(s.slice(2, 4)), Number(s.slice(0, 2))), y.warning);
    }
    // «15.03» has no year; a serial with a time fraction has at least three digits before it.
    if (/^\d{1,2}[.,]\d+$/u.test(s)) return { error: DATE_ERRORS.notADate };
    return fromNumber(Number(s.replace(',', '.')));
  }

  let m = /^(\d{4})\s*[-./]\s*(\d{1,2})\s*[-./]\s*(\d{1,2})$/u.exec(s);
  if (m) return fromParts(Number(m[1]), Number(m[2]), Number(m[3]));

  m = /^(\d{1,2})\s*[-./,]\s*(\d{1,2})\s*[-./,]\s*(\d{4}|\d{2})$/u.exec(s);
  if (m) {
    const y = expandYear(m[3] as string, referenceYear);
    return withWarning(fromParts(y.year, Number(m[2]), Number(m[1])), y.warning);
  }

  m = /^(\d{1,2})\s*([а-я]+)\.?\s*(\d{4}|\d{2})$/u.exec(s);
  if (m) {
    const word = m[2] as string;
    const month = MONTHS.find(([re]) => re.test(word))?.[1];
    if (month !== undefined) {
      const y = expandYear(m[3] as string, referenceYear);
      return withWarning(fromParts(y.year, month, Number(m[1])), y.warning);
    }
  }
  if (/^\d{4}$/u.test(s)) return { error: DATE_ERRORS.yearOnly };
  return { error: DATE_ERRORS.notADate };
}

/**
 * Parses a date cell: an Excel serial (number or numeric text), a JS Date, or text
 * in «ДД.ММ.ГГГГ», «Д.М.ГГ», «ГГГГ-ММ-ДД», «ДД/ММ/ГГГГ», «ДД-ММ-ГГГГ», «… г.»,
 * «1 февраля 2015». Day comes before month: Russian lists never write month first.
 */
export function parseDate(input: Date | number): ParseDateResult;
export function parseDate(input: unknown, options: ParseDateOptions): ParseDateResult;
export function parseDate(input: unknown, options?: ParseDateOptions): ParseDateResult {
  // Only text can hold a two-digit year; a Date or a serial never needs the reference year.
  const referenceYear = options?.referenceYear ?? Number.NaN;
  if (input === null || input === undefined) return { error: DATE_ERRORS.empty };
  if (input instanceof Date) return fromJsDate(input);
  if (typeof input === 'number') return fromNumber(input);
  if (typeof input === 'string') return fromText(input, referenceYear);
  return { error: DATE_ERRORS.notADate };
}
