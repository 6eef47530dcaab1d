import { describe, expect, it } from 'vitest';
import { addDays } from '../../../shared/domain/dates';
import { addWorkingDays, calendarIsOfficial, isWorkingDay, workingDaysBetween } from '../../../shared/domain/workingDays';

/** Every day of a year that is not a working day, as the постановление's press release lists them (plus weekends). */
function daysOff(year: number): string[] {
  const out: string[] = [];
  for (let d = `${year}-01-01`; d <= `${year}-12-31`; d = addDays(d, 1)) if (!isWorkingDay(d)) out.push(d);
  return out;
}

function workingCount(year: number): number {
  let n = 0;
  for (let d = `${year}-01-01`; d <= `${year}-12-31`; d = addDays(d, 1)) if (isWorkingDay(d)) n++;
  return n;
}

describe('production calendar', () => {
  it('2025 (постановление № 1335): the published days off and 247 working days', () => {
    const off = new Set(daysOff(2025));
    for (const d of ['2025-01-01', '2025-01-08', '2025-05-02', '2025-05-08', '2025-05-09', '2025-06-12', '2025-06-13', '2025-11-03', '2025-11-04', '2025-12-31']) {
      expect(off.has(d), d).toBe(true);
    }
    // 23 Feb (Sunday) and 8 Mar (Saturday) were moved to 8 May and 13 June: the Mondays after them work.
    expect(isWorkingDay('2025-02-24')).toBe(true);
    expect(isWorkingDay('2025-03-10')).toBe(true);
    // Saturday 1 November is a working day.
    expect(isWorkingDay('2025-11-01')).toBe(true);
    expect(workingCount(2025)).toBe(247);
  });

  it('2026 (постановление № 1466): 9 January off, 9 March and 11 May off by ТК ст. 112, 247 working days', () => {
    for (const d of ['2026-01-09', '2026-02-23', '2026-03-09', '2026-05-01', '2026-05-11', '2026-06-12', '2026-11-04', '2026-12-31']) {
      expect(isWorkingDay(d), d).toBe(false);
    }
    expect(isWorkingDay('2026-01-12')).toBe(true);
    expect(workingCount(2026)).toBe(247);
    expect(calendarIsOfficial(2026)).toBe(true);
  });

  it('2027 without its постановление: the Labour Code moves 1 May, 9 May, 12 June to Mondays; marked provisional', () => {
    expect(isWorkingDay('2027-05-03')).toBe(false);
    expect(isWorkingDay('2027-05-10')).toBe(false);
    expect(isWorkingDay('2027-06-14')).toBe(false);
    expect(isWorkingDay('2027-01-11')).toBe(true);
    expect(calendarIsOfficial(2027)).toBe(false);
  });
});

describe('two working days (Инструкция п. 2.6)', () => {
  it('across a weekend: an order of Friday is due on Tuesday', () => {
    expect(addWorkingDays('2026-03-13', 2)).toBe('2026-03-17');
    // Thursday → Friday, Monday.
    expect(addWorkingDays('2026-03-12', 2)).toBe('2026-03-16');
  });

  it('across the New Year holidays: an order of 30 December 2025 is due on 13 January 2026', () => {
    // 31 Dec 2025 and 1–11 Jan 2026 are days off: Monday 12 and Tuesday 13 January are the two working days.
    expect(addWorkingDays('2025-12-30', 2)).toBe('2026-01-13');
    expect(workingDaysBetween('2025-12-30', '2026-01-13')).toBe(2);
  });

  it('across a moved working day: Saturday 1 November 2025 counts', () => {
    // Thursday 30 October → Friday 31 October, Saturday 1 November (working); without the move it would be 5 November.
    expect(addWorkingDays('2025-10-30', 2)).toBe('2025-11-01');
    // Friday 31 October → Saturday 1 November, then 3–4 November off → Wednesday 5 November.
    expect(addWorkingDays('2025-10-31', 2)).toBe('2025-11-05');
  });

  it('across a day off moved by the постановление: 8 May 2025 is off', () => {
    expect(addWorkingDays('2025-05-06', 2)).toBe('2025-05-12');
  });

  it('refuses a count that is not a positive whole number', () => {
    expect(() => addWorkingDays('2026-01-01', 0)).toThrow(/рабочих дней/);
  });
});
