import { describe, it, expect } from 'vitest';
import {
  isValidIsoDate, parseRuDate, formatRuDate, addMonths, addYears, addDays, daysBetween,
  compareIso, todayIso, isoFromParts, isoParts, isLeapYear, daysInMonth,
} from '../../../shared/domain/dates';

describe('isValidIsoDate', () => {
  it('accepts real calendar days', () => {
    for (const d of ['2015-02-01', '2024-02-29', '2000-02-29', '2026-12-31', '0001-01-01', '9999-12-31']) {
      expect(isValidIsoDate(d)).toBe(true);
    }
  });
  it('rejects impossible days and other shapes', () => {
    for (const d of ['2015-02-31', '2023-02-29', '1900-02-29', '2015-04-31', '2015-13-01', '2015-00-10',
      '2015-01-00', '0000-01-01', '2015-1-01', '2015-01-1', '15-01-01', '2015/01/01', ' 2015-01-01',
      '2015-01-01T00:00', '01.02.2015', '', '２０１５-01-01']) {
      expect(isValidIsoDate(d), d).toBe(false);
    }
  });
  it('rejects non-strings', () => {
    expect(isValidIsoDate(null)).toBe(false);
    expect(isValidIsoDate(20150101)).toBe(false);
    expect(isValidIsoDate(new Date(2015, 0, 1))).toBe(false);
  });
});

describe('leap years and month lengths', () => {
  it('follows the Gregorian rule', () => {
    expect(isLeapYear(2024)).toBe(true);
    expect(isLeapYear(2023)).toBe(false);
    expect(isLeapYear(1900)).toBe(false);
    expect(isLeapYear(2000)).toBe(true);
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2025, 2)).toBe(28);
    expect(daysInMonth(2025, 4)).toBe(30);
    expect(daysInMonth(2025, 8)).toBe(31);
  });
});

describe('isoFromParts / isoParts', () => {
  it('round-trips and pads', () => {
    expect(isoFromParts(2015, 2, 1)).toBe('2015-02-01');
    expect(isoFromParts(987, 5, 6)).toBe('0987-05-06');
    expect(isoParts('2015-02-01')).toEqual({ year: 2015, month: 2, day: 1 });
  });
  it('throws on impossible dates', () => {
    expect(() => isoFromParts(2015, 2, 31)).toThrow(RangeError);
    expect(() => isoParts('2015-02-31')).toThrow(RangeError);
    expect(() => isoParts('01.02.2015')).toThrow(/ГГГГ-ММ-ДД/);
  });
});

describe('parseRuDate', () => {
  it('parses ДД.ММ.ГГГГ', () => {
    expect(parseRuDate('01.02.2015')).toBe('2015-02-01');
    expect(parseRuDate('29.02.2024')).toBe('2024-02-29');
    expect(parseRuDate('31.12.2010')).toBe('2010-12-31');
    // the regulation's own deadlines, ЗАТО Свободный п. 3.3.1 and Кстово п. 3.1
    expect(parseRuDate('05.09.2026')).toBe('2026-09-05');
    expect(parseRuDate('10.09.2026')).toBe('2026-09-10');
  });
  it('ignores surrounding whitespace of a spreadsheet cell', () => {
    expect(parseRuDate(' 01.02.2015\t')).toBe('2015-02-01');
  });
  it('rejects impossible days', () => {
    expect(parseRuDate('31.02.2015')).toBeNull();
    expect(parseRuDate('29.02.2023')).toBeNull();
    expect(parseRuDate('31.04.2015')).toBeNull();
    expect(parseRuDate('00.01.2015')).toBeNull();
    expect(parseRuDate('01.13.2015')).toBeNull();
  });
  it('is strict about the shape', () => {
    for (const s of ['1.2.2015', '01.02.15', '01/02/2015', '01-02-2015', '2015-02-01', '01.02.2015г.',
      '01. 02.2015', '01.02.2015 00:00', '', 'завтра']) {
      expect(parseRuDate(s), s).toBeNull();
    }
  });
});

describe('formatRuDate', () => {
  it('formats as ДД.ММ.ГГГГ', () => {
    expect(formatRuDate('2015-02-01')).toBe('01.02.2015');
    expect(formatRuDate('2026-09-25')).toBe('25.09.2026');
  });
  it('round-trips with parseRuDate', () => {
    for (const s of ['01.01.2000', '29.02.2016', '31.08.2027']) expect(formatRuDate(parseRuDate(s)!)).toBe(s);
  });
  it('throws on invalid input', () => {
    expect(() => formatRuDate('2015-02-31')).toThrow(RangeError);
  });
});

describe('addMonths / addYears', () => {
  it('keeps the day of month', () => {
    expect(addMonths('2015-02-01', 1)).toBe('2015-03-01');
    expect(addMonths('2015-11-15', 3)).toBe('2016-02-15');
    expect(addMonths('2015-03-15', -3)).toBe('2014-12-15');
    expect(addMonths('2015-03-15', 0)).toBe('2015-03-15');
    expect(addMonths('2015-03-15', -15)).toBe('2013-12-15');
  });
  it('clamps to the end of a shorter month', () => {
    expect(addMonths('2015-01-31', 1)).toBe('2015-02-28');
    expect(addMonths('2016-01-31', 1)).toBe('2016-02-29');
    expect(addMonths('2015-08-31', 1)).toBe('2015-09-30');
    expect(addMonths('2015-03-31', -1)).toBe('2015-02-28');
  });
  it('maps 29 February to 28 February in non-leap years', () => {
    expect(addYears('2016-02-29', 1)).toBe('2017-02-28');
    expect(addYears('2016-02-29', 4)).toBe('2020-02-29');
    expect(addYears('2016-02-29', -1)).toBe('2015-02-28');
    expect(addYears('2000-02-29', 100)).toBe('2100-02-28');
  });
  it('adds years', () => {
    expect(addYears('2008-09-01', 18)).toBe('2026-09-01');
  });
  it('rejects fractional amounts', () => {
    expect(() => addMonths('2015-01-01', 1.5)).toThrow(RangeError);
    expect(() => addYears('2015-01-01', 0.5)).toThrow(RangeError);
  });
});

describe('addDays / daysBetween', () => {
  it('crosses months, years and leap days', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('0050-01-01', 1)).toBe('0050-01-02');
  });
  it('counts days', () => {
    expect(daysBetween('2026-09-01', '2026-09-25')).toBe(24);
    expect(daysBetween('2026-09-25', '2026-09-01')).toBe(-24);
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
    // across a DST change in zones that have one: the count is still whole
    expect(daysBetween('2026-03-01', '2026-04-01')).toBe(31);
  });
});

describe('compareIso', () => {
  it('orders dates', () => {
    expect(compareIso('2015-02-01', '2015-02-02')).toBe(-1);
    expect(compareIso('2015-02-01', '2015-02-01')).toBe(0);
    expect(compareIso('2016-01-01', '2015-12-31')).toBe(1);
    expect(['2026-09-10', '2026-01-01', '2026-03-01', '2025-10-01'].sort(compareIso))
      .toEqual(['2025-10-01', '2026-01-01', '2026-03-01', '2026-09-10']);
  });
});

describe('todayIso', () => {
  it('takes the local calendar date', () => {
    expect(todayIso(new Date(2026, 8, 1, 0, 0, 1))).toBe('2026-09-01');
    expect(todayIso(new Date(2026, 7, 31, 23, 59, 59))).toBe('2026-08-31');
    expect(todayIso(new Date(2024, 1, 29, 12))).toBe('2024-02-29');
  });
});
