/**
 * Age rules of ФЗ-273 ст. 67 ч. 1 and ст. 66 ч. 5 as both regulations repeat them:
 * primary education starts at 6 years 6 months and not later than 8 years
 * (earlier or later only with the department's permission); compulsory
 * education lasts until 18 unless secondary general education is already had.
 *
 * Anniversaries. A child reaches an age of N months on the same day number N
 * months after birth; when that month has no such day (born 29.02 or on the
 * 31st), on the 1st of the following month — the child has not lived the full
 * period on 28.02. So a 29.02 child turns N on 01.03 in non-leap years. This
 * differs on purpose from addMonths (which clamps to 28.02, as for deadlines).
 */
import { type IsoDate, addDays, compareIso, daysInMonth, isoFromParts, isoParts } from './dates';

export interface Age {
  years: number;
  months: number; // 0..11, full months beyond the full years
}

/** Compulsory education starts at 6 years 6 months (ЗАТО Свободный п. 1.7; Кстово п. 1.2). */
export const COMPULSORY_FROM_MONTHS = 6 * 12 + 6;
/** …and keeps force until 18 (both regulations, п. 1.7 / п. 1.2). */
export const COMPULSORY_UNTIL_YEARS = 18;
/** First grade "не позже достижения ими возраста восьми лет" (ЗАТО Свободный п. 1.7). */
export const FIRST_GRADE_LATEST_YEARS = 8;

/** The day a child born on `birth` reaches the age of `years` years and `months` months. */
export function dateOfAge(birth: IsoDate, years: number, months = 0): IsoDate {
  const total = years * 12 + months;
  if (!Number.isInteger(years) || !Number.isInteger(months) || total < 0) throw new RangeError(`Неверный возраст: ${years} г. ${months} мес.`);
  const b = isoParts(birth);
  const index = b.year * 12 + (b.month - 1) + total;
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  if (b.day <= daysInMonth(y, m)) return isoFromParts(y, m, b.day);
  return addDays(isoFromParts(y, m, daysInMonth(y, m)), 1);
}

/** Full years and months on a date. Throws RangeError when `on` is before the birth. */
export function ageOn(birth: IsoDate, on: IsoDate): Age {
  const b = isoParts(birth);
  const d = isoParts(on);
  if (compareIso(on, birth) < 0) throw new RangeError(`Дата ${on} раньше даты рождения ${birth}`);
  let total = (d.year - b.year) * 12 + (d.month - b.month);
  if (compareIso(on, dateOfAge(birth, 0, total)) < 0) total -= 1;
  return { years: Math.floor(total / 12), months: total % 12 };
}

/** Age in full months (for comparisons like "6,6 лет" = 78 months). */
export function ageInMonthsOn(birth: IsoDate, on: IsoDate): number {
  const a = ageOn(birth, on);
  return a.years * 12 + a.months;
}

export interface CompulsoryWindow {
  /** First day of compulsory age: the day the child is 6 years 6 months old. */
  from: IsoDate;
  /** Last day of compulsory age (inclusive): the day before the 18th birthday. */
  to: IsoDate;
}

/** Both ends inclusive, so `from <= on && on <= to` (or SQL BETWEEN) tests a date. */
export function compulsoryWindow(birth: IsoDate): CompulsoryWindow {
  return {
    from: dateOfAge(birth, 0, COMPULSORY_FROM_MONTHS),
    to: addDays(dateOfAge(birth, COMPULSORY_UNTIL_YEARS), -1),
  };
}

export interface CompulsoryOptions {
  /** Secondary general education (11 classes) already received: the obligation ends early. */
  hasSecondaryGeneral: boolean;
}

/** From 6 years 6 months (inclusive) to 18 years (exclusive), unless secondary general is had. */
export function isCompulsoryAge(birth: IsoDate, on: IsoDate, options: CompulsoryOptions): boolean {
  if (options.hasSecondaryGeneral) return false;
  const w = compulsoryWindow(birth);
  return compareIso(w.from, on) <= 0 && compareIso(on, w.to) <= 0;
}

/**
 * Age at the start of first grade:
 * 'early' — younger than 6 years 6 months; 'late' — older than 8 years (the day
 * after the 8th birthday onwards); both need the department's permission
 * (ЗАТО Свободный п. 1.7, 3.2.7). A child exactly 8 on that day is 'normal':
 * "не позже достижения возраста восьми лет" includes the day it is reached.
 */
export type FirstGradeAgeStatus = 'early' | 'normal' | 'late';

export function firstGradeAgeStatus(birth: IsoDate, onSeptember1: IsoDate): FirstGradeAgeStatus {
  if (compareIso(onSeptember1, dateOfAge(birth, 0, COMPULSORY_FROM_MONTHS)) < 0) return 'early';
  if (compareIso(onSeptember1, dateOfAge(birth, FIRST_GRADE_LATEST_YEARS)) > 0) return 'late';
  return 'normal';
}

/** True when the first-grade status needs the department's permission. */
export function firstGradeNeedsPermission(status: FirstGradeAgeStatus): boolean {
  return status !== 'normal';
}
