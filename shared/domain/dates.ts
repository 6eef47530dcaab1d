/**
 * Calendar dates. Everywhere in the app a date is an ISO string 'YYYY-MM-DD'
 * (no time, no zone): it sorts as text, stores as SQLite TEXT and survives JSON.
 */
export type IsoDate = string;

const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})$/u;
const RU_RE = /^(\d{2})\.(\d{2})\.(\d{4})$/u;

export interface DateParts {
  year: number;
  month: number; // 1..12
  day: number; // 1..31
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function validParts(year: number, month: number, day: number): boolean {
  return (
    Number.isInteger(year) && Number.isInteger(month) && Number.isInteger(day) &&
    year >= 1 && year <= 9999 && month >= 1 && month <= 12 &&
    day >= 1 && day <= daysInMonth(year, month)
  );
}

/** Strict: exactly 'YYYY-MM-DD', a real calendar day, years 0001..9999. */
export function isValidIsoDate(s: unknown): s is IsoDate {
  if (typeof s !== 'string') return false;
  const m = ISO_RE.exec(s);
  return m !== null && validParts(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** Builds an IsoDate; throws RangeError for a day that does not exist. */
export function isoFromParts(year: number, month: number, day: number): IsoDate {
  if (!validParts(year, month, day)) {
    throw new RangeError(`Нет такой даты: ${year}-${month}-${day}`);
  }
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Splits a valid IsoDate; throws RangeError otherwise (a bug upstream, not user input). */
export function isoParts(iso: IsoDate): DateParts {
  const m = ISO_RE.exec(iso);
  const parts = m ? { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) } : null;
  if (!parts || !validParts(parts.year, parts.month, parts.day)) {
    throw new RangeError(`Неверная дата: «${iso}» (ожидается ГГГГ-ММ-ДД)`);
  }
  return parts;
}

/**
 * 'ДД.ММ.ГГГГ' → IsoDate, or null. Strict about the shape (two-digit day and
 * month, four-digit year) so that a mistyped date is flagged, not guessed;
 * only surrounding whitespace (common in spreadsheet cells) is ignored.
 */
export function parseRuDate(s: string): IsoDate | null {
  const m = RU_RE.exec(s.trim());
  if (!m) return null;
  const day = Number(m[1]);
  const month = Number(m[2]);
  const year = Number(m[3]);
  return validParts(year, month, day) ? isoFromParts(year, month, day) : null;
}

/** IsoDate → 'ДД.ММ.ГГГГ' (the form printed on every report). */
export function formatRuDate(iso: IsoDate): string {
  const { year, month, day } = isoParts(iso);
  return `${String(day).padStart(2, '0')}.${String(month).padStart(2, '0')}.${String(year).padStart(4, '0')}`;
}

/**
 * Calendar month arithmetic for deadlines and periods: the day is kept, or
 * clamped to the last day of a shorter month (31.01 + 1 month → 28/29.02,
 * 29.02.2024 + 1 year → 28.02.2025), as ГК РФ ст. 192 п. 3 ends month periods.
 * Ages use a different rule (see age.ts).
 */
export function addMonths(iso: IsoDate, months: number): IsoDate {
  if (!Number.isInteger(months)) throw new RangeError(`Число месяцев должно быть целым: ${months}`);
  const { year, month, day } = isoParts(iso);
  const total = year * 12 + (month - 1) + months;
  const y = Math.floor(total / 12);
  const m = total - y * 12 + 1;
  return isoFromParts(y, m, Math.min(day, daysInMonth(y, m)));
}

export function addYears(iso: IsoDate, years: number): IsoDate {
  if (!Number.isInteger(years)) throw new RangeError(`Число лет должно быть целым: ${years}`);
  return addMonths(iso, years * 12);
}

const MS_PER_DAY = 86_400_000;

function toUtcMs(iso: IsoDate): number {
  const { year, month, day } = isoParts(iso);
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day); // Date.UTC would map years 0..99 to 1900s
  return d.getTime();
}

export function addDays(iso: IsoDate, days: number): IsoDate {
  if (!Number.isInteger(days)) throw new RangeError(`Число дней должно быть целым: ${days}`);
  const d = new Date(toUtcMs(iso) + days * MS_PER_DAY);
  return isoFromParts(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** Whole days from a to b (positive when b is later). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return Math.round((toUtcMs(b) - toUtcMs(a)) / MS_PER_DAY);
}

/** -1, 0 or 1. Valid ISO dates order as plain strings. */
export function compareIso(a: IsoDate, b: IsoDate): -1 | 0 | 1 {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The local calendar date of an instant (the user's wall clock, not UTC). */
export function todayIso(now: Date): IsoDate {
  return isoFromParts(now.getFullYear(), now.getMonth() + 1, now.getDate());
}
