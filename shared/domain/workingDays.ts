import { addDays, isoParts, type IsoDate } from './dates';
import { NON_WORKING_HOLIDAYS, PRODUCTION_YEARS, type ProductionYear } from './productionCalendar';

/**
 * Working days on the Russian production calendar (five-day week): Saturdays and Sundays are days off, so are
 * the holidays of ТК РФ ст. 112 ч. 1 and the days the year's постановление moves a day off to; a weekend day
 * the постановление moves away from becomes a working day (unless it is a holiday). A holiday falling on a
 * Saturday or Sunday moves that day off to the next working day (ст. 112 ч. 2), except the January holidays
 * (their weekend days are moved by the постановление) and a weekend day the постановление moves itself.
 */

export interface CalendarData {
  holidays: readonly string[];
  years: readonly ProductionYear[];
}

const DEFAULT: CalendarData = { holidays: NON_WORKING_HOLIDAYS, years: PRODUCTION_YEARS };

interface YearDays {
  off: Set<IsoDate>;
  working: Set<IsoDate>;
}

const cache = new WeakMap<CalendarData, Map<number, YearDays>>();

function weekday(iso: IsoDate): number {
  const { year, month, day } = isoParts(iso);
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  return d.getUTCDay();
}

function isWeekend(iso: IsoDate): boolean {
  const w = weekday(iso);
  return w === 0 || w === 6;
}

function yearDays(cal: CalendarData, year: number): YearDays {
  let byYear = cache.get(cal);
  if (!byYear) cache.set(cal, (byYear = new Map()));
  const known = byYear.get(year);
  if (known) return known;
  const pad = String(year).padStart(4, '0');
  const holidays = new Set(cal.holidays.map((md) => `${pad}-${md}`));
  const transfers = cal.years.find((y) => y.year === year)?.transfers ?? [];
  const off = new Set<IsoDate>(holidays);
  const working = new Set<IsoDate>();
  const movedAway = new Set(transfers.map((t) => t.from));
  for (const t of transfers) {
    off.add(t.to);
    if (!holidays.has(t.from)) working.add(t.from);
  }
  const isOff = (d: IsoDate) => off.has(d) || (isWeekend(d) && !working.has(d));
  // ст. 112 ч. 2: a holiday on a weekend day gives the next working day off (not the January holidays, not a
  // weekend day the постановление has already moved).
  for (const h of [...holidays].sort()) {
    if (h.slice(5, 7) === '01' || !isWeekend(h) || movedAway.has(h) || working.has(h)) continue;
    let d = addDays(h, 1);
    while (isOff(d)) d = addDays(d, 1);
    off.add(d);
  }
  const days = { off, working };
  byYear.set(year, days);
  return days;
}

export function isWorkingDay(iso: IsoDate, cal: CalendarData = DEFAULT): boolean {
  const { off, working } = yearDays(cal, isoParts(iso).year);
  if (off.has(iso)) return false;
  if (working.has(iso)) return true;
  return !isWeekend(iso);
}

/**
 * The day a term of `n` working days counted from the event on `from` ends: the term begins on the next day
 * (ГК РФ ст. 191), so the result is the n-th working day after `from`. Two working days from an order of Friday
 * end on Tuesday.
 */
export function addWorkingDays(from: IsoDate, n: number, cal: CalendarData = DEFAULT): IsoDate {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`Число рабочих дней должно быть целым и больше нуля: ${n}`);
  let d = from;
  let left = n;
  while (left > 0) {
    d = addDays(d, 1);
    if (isWorkingDay(d, cal)) left--;
  }
  return d;
}

/** Working days after `from` up to and including `to` (0 when `to` is not later). */
export function workingDaysBetween(from: IsoDate, to: IsoDate, cal: CalendarData = DEFAULT): number {
  let n = 0;
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (isWorkingDay(d, cal)) n++;
  return n;
}

/** Whether the calendar of the year is the official one (its постановление is in the data). */
export function calendarIsOfficial(year: number, cal: CalendarData = DEFAULT): boolean {
  const y = cal.years.find((x) => x.year === year);
  return y !== undefined && !y.provisional;
}
