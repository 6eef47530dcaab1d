/**
 * The one definition of the regulation's calendar: when each deadline of a profile (RegulationProfile.deadlines)
 * falls, which period a duty covers, and the status of an (organization, period) on a date. Services only gather
 * the evidence (applied lists, registered printouts) and call these functions.
 *
 * - A yearly deadline falls on its day every year; a monthly one on its day of each listed month, or on the month's
 *   last day when the month has no such day («до 30 числа» in February: 28.02, 29.02 in a leap year).
 * - The period of an occurrence is the calendar month of its date: a list of the deadline's kind «по состоянию на»
 *   a day of that month answers it (a list as of 05.09 for «на 5 сентября», the October list for «до 28 октября»).
 * - On a date a duty is: received (evidence for the period dated on or before the date), late (not received and the
 *   date is past the deadline — from the day after it), soon (not received, the deadline is today or within
 *   SOON_DAYS), upcoming (later), or, for a duty the registry cannot see (evidence 'none'), passed once its day is over.
 */
import type { DeadlineDef, DeadlineSchedule } from '../profiles/types';
import { type IsoDate, addDays, daysBetween, daysInMonth, isoFromParts, isoParts } from './dates';
import { schoolYearOf } from './schoolYear';

/** «Due within 7 days»: the dashboard's horizon. */
export const SOON_DAYS = 7;

export type DeadlineStatus = 'received' | 'late' | 'soon' | 'upcoming' | 'passed';

export const DEADLINE_STATUS_LABELS: Readonly<Record<DeadlineStatus, string>> = {
  received: 'получено',
  late: 'просрочено',
  soon: 'срок в ближайшие 7 дней',
  upcoming: 'срок не наступил',
  passed: 'срок прошёл (отметка не ведётся)',
};

export interface DeadlineOccurrence {
  deadline: DeadlineDef;
  /** The day the duty falls due (on this day it is still in time). */
  due: IsoDate;
  /** The period it covers: the calendar month of `due`. */
  periodFrom: IsoDate;
  periodTo: IsoDate;
}

/** The day a schedule falls in a month, or null when the schedule does not fall in that month. */
export function dueInMonth(schedule: DeadlineSchedule, year: number, month: number): IsoDate | null {
  if (schedule.type === 'yearly') {
    if (schedule.month !== month) return null;
    return isoFromParts(year, month, Math.min(schedule.day, daysInMonth(year, month)));
  }
  if (!schedule.months.includes(month)) return null;
  return isoFromParts(year, month, Math.min(schedule.day, daysInMonth(year, month)));
}

function monthBounds(year: number, month: number): { from: IsoDate; to: IsoDate } {
  return { from: isoFromParts(year, month, 1), to: isoFromParts(year, month, daysInMonth(year, month)) };
}

/** Occurrences of one deadline whose day falls within [from, to] (inclusive), in date order. */
export function occurrencesOf(deadline: DeadlineDef, from: IsoDate, to: IsoDate): DeadlineOccurrence[] {
  const out: DeadlineOccurrence[] = [];
  if (from > to) return out;
  const a = isoParts(from);
  const b = isoParts(to);
  for (let i = a.year * 12 + a.month - 1; i <= b.year * 12 + b.month - 1; i += 1) {
    const year = Math.floor(i / 12);
    const month = (i % 12) + 1;
    const due = dueInMonth(deadline.schedule, year, month);
    if (due === null || due < from || due > to) continue;
    const { from: periodFrom, to: periodTo } = monthBounds(year, month);
    out.push({ deadline, due, periodFrom, periodTo });
  }
  return out;
}

/** Occurrences of every deadline within [from, to], by date, then in the profile's order. */
export function occurrencesIn(deadlines: readonly DeadlineDef[], from: IsoDate, to: IsoDate): DeadlineOccurrence[] {
  const all = deadlines.flatMap((d, order) => occurrencesOf(d, from, to).map((o) => ({ o, order })));
  all.sort((x, y) => (x.o.due < y.o.due ? -1 : x.o.due > y.o.due ? 1 : x.order - y.order));
  return all.map((x) => x.o);
}

/**
 * What the dashboard looks at on a date: every occurrence from the start of the school year that contains the date
 * (1 September) up to SOON_DAYS ahead.
 */
export function dashboardWindow(on: IsoDate): { from: IsoDate; to: IsoDate } {
  return { from: schoolYearOf(on).start, to: addDays(on, SOON_DAYS) };
}

/** Something that answers a duty: a list «по состоянию на» asOf, applied (or a form printed) on doneOn. */
export interface DeadlineEvidenceItem {
  asOf: IsoDate;
  doneOn: IsoDate;
}

export interface OccurrenceStatus {
  status: DeadlineStatus;
  /** Days from the date to the deadline (negative when past). */
  daysLeft: number;
  /** When received: the earliest day the evidence came. */
  receivedOn: IsoDate | null;
  /** Received after its deadline. */
  receivedLate: boolean;
}

/**
 * The status of one (organization, occurrence) on a date, given the organization's evidence of the deadline's kind
 * (any order; items outside the period or later than the date are ignored).
 */
export function occurrenceStatus(occ: DeadlineOccurrence, evidence: readonly DeadlineEvidenceItem[], on: IsoDate): OccurrenceStatus {
  const daysLeft = daysBetween(on, occ.due);
  let receivedOn: IsoDate | null = null;
  for (const e of evidence) {
    if (e.asOf < occ.periodFrom || e.asOf > occ.periodTo || e.doneOn > on) continue;
    if (receivedOn === null || e.doneOn < receivedOn) receivedOn = e.doneOn;
  }
  if (receivedOn !== null) return { status: 'received', daysLeft, receivedOn, receivedLate: receivedOn > occ.due };
  const status: DeadlineStatus =
    daysLeft < 0 ? (occ.deadline.evidence.type === 'none' ? 'passed' : 'late') : daysLeft <= SOON_DAYS ? 'soon' : 'upcoming';
  return { status, daysLeft, receivedOn: null, receivedLate: false };
}
