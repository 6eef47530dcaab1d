/**
 * The school year runs from 1 September to 31 August (ФЗ-273 ст. 112 ч. 1 sets
 * 1 September as its start). A school year is named by the calendar year it starts in.
 */
import { type IsoDate, isoFromParts, isoParts } from './dates';

export interface SchoolYear {
  /** 2026 for «2026/2027». */
  startYear: number;
  /** «2026/2027». */
  label: string;
  /** 1 September of startYear. */
  start: IsoDate;
  /** 31 August of startYear + 1 (inclusive). */
  end: IsoDate;
}

export const SCHOOL_YEAR_START_MONTH = 9;

/** Start year of the school year containing the date. */
export function schoolYearStartYearOf(date: IsoDate): number {
  const { year, month } = isoParts(date);
  return month >= SCHOOL_YEAR_START_MONTH ? year : year - 1;
}

export function schoolYearLabel(startYear: number): string {
  return `${startYear}/${startYear + 1}`;
}

export function schoolYearStart(startYear: number): IsoDate {
  return isoFromParts(startYear, SCHOOL_YEAR_START_MONTH, 1);
}

export function schoolYearEnd(startYear: number): IsoDate {
  return isoFromParts(startYear + 1, 8, 31);
}

export function schoolYearByStart(startYear: number): SchoolYear {
  return {
    startYear,
    label: schoolYearLabel(startYear),
    start: schoolYearStart(startYear),
    end: schoolYearEnd(startYear),
  };
}

/** The school year containing the date. */
export function schoolYearOf(date: IsoDate): SchoolYear {
  return schoolYearByStart(schoolYearStartYearOf(date));
}

/**
 * «2026/2027», «2026-2027», «2026/27», «2026 – 2027 уч. г.» → 2026; null when the
 * second year does not follow the first (a typo we should not guess at).
 */
export function parseSchoolYearLabel(s: string): number | null {
  const m = /^\s*(\d{4})\s*[/\\\-\u2010-\u2015]\s*(\d{4}|\d{2})\s*(?:уч\.?\s*(?:г\.?|год)|учебный\s+год)?\s*$/iu.exec(s);
  if (!m) return null;
  const start = Number(m[1]);
  const second = m[2]!;
  const next = second.length === 4 ? Number(second) : (Math.floor((start + 1) / 100) * 100) + Number(second);
  return next === start + 1 && start >= 1 ? start : null;
}
