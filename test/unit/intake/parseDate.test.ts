import { describe, it, expect } from 'vitest';
import { parseDate, excelSerialToIsoDate, DATE_ERRORS } from '../../../shared/intake/parseDate';

const ref = { referenceYear: 2025 };
const value = (input: unknown, opts = ref): string | undefined => {
  const r = parseDate(input, opts);
  return 'value' in r ? r.value : undefined;
};
const error = (input: unknown, opts = ref): string | undefined => {
  const r = parseDate(input, opts);
  return 'error' in r ? r.error : undefined;
};

describe('excelSerialToIsoDate (1900 date system)', () => {
  it('maps known serials', () => {
    expect(excelSerialToIsoDate(1)).toEqual({ value: '1900-01-01' });
    expect(excelSerialToIsoDate(59)).toEqual({ value: '1900-02-28' });
    expect(excelSerialToIsoDate(61)).toEqual({ value: '1900-03-01' });
    expect(excelSerialToIsoDate(42036)).toEqual({ value: '2015-02-01' });
    expect(excelSerialToIsoDate(45658)).toEqual({ value: '2025-01-01' });
    expect(excelSerialToIsoDate(2958465)).toEqual({ value: '9999-12-31' });
  });

  it('rejects the fictitious 29.02.1900 (serial 60) that Excel inherited from Lotus', () => {
    expect(excelSerialToIsoDate(60)).toEqual({ error: DATE_ERRORS.noSuchDate });
  });

  it('drops the time-of-day fraction', () => {
    expect(excelSerialToIsoDate(42036.75)).toEqual({ value: '2015-02-01' });
  });

  it('rejects out-of-range and non-finite serials', () => {
    expect('error' in excelSerialToIsoDate(0)).toBe(true);
    expect('error' in excelSerialToIsoDate(-5)).toBe(true);
    expect('error' in excelSerialToIsoDate(2958466)).toBe(true);
    expect('error' in excelSerialToIsoDate(Number.NaN)).toBe(true);
    expect('error' in excelSerialToIsoDate(Number.POSITIVE_INFINITY)).toBe(true);
  });
});

describe('parseDate', () => {
  it('reads Excel serials given as numbers and as numeric text (CSV)', () => {
    expect(value(42036)).toBe('2015-02-01');
    expect(value('42036')).toBe('2015-02-01');
    expect(value(' 42036 ')).toBe('2015-02-01');
    expect(value('42036,5')).toBe('2015-02-01');
    expect(value('42036.5')).toBe('2015-02-01');
  });

  it('does not turn a bare year into a 1905 date', () => {
    expect(error(2015)).toBe(DATE_ERRORS.yearOnly);
    expect(error('2015')).toBe(DATE_ERRORS.yearOnly);
    expect(error('2015 г.')).toBe(DATE_ERRORS.yearOnly);
  });

  it('reads «ДД.ММ.ГГГГ» and its variants', () => {
    expect(value('01.02.2015')).toBe('2015-02-01');
    expect(value('1.2.2015')).toBe('2015-02-01');
    expect(value('01.02.2015 г.')).toBe('2015-02-01');
    expect(value('01.02.2015г')).toBe('2015-02-01');
    expect(value('01.02.2015 года')).toBe('2015-02-01');
    expect(value('01/02/2015')).toBe('2015-02-01');
    expect(value('01-02-2015')).toBe('2015-02-01');
    expect(value('01,02,2015')).toBe('2015-02-01');
    expect(value('01. 02. 2015')).toBe('2015-02-01');
    expect(value('\u00a001.02.2015\u00a0')).toBe('2015-02-01');
  });

  it('reads ISO and year-first dates, with or without a time part', () => {
    expect(value('2015-02-01')).toBe('2015-02-01');
    expect(value('2015-2-1')).toBe('2015-02-01');
    expect(value('2015.02.01')).toBe('2015-02-01');
    expect(value('2015/02/01')).toBe('2015-02-01');
    expect(value('2015-02-01T00:00:00.000Z')).toBe('2015-02-01');
    expect(value('01.02.2015 0:00:00')).toBe('2015-02-01');
    expect(value('01.02.2015 00:00')).toBe('2015-02-01');
  });

  it('reads dates typed without separators', () => {
    expect(value('01022015')).toBe('2015-02-01');
    expect(value('20150201')).toBe('2015-02-01');
    expect(value('20012015')).toBe('2015-01-20');
    expect(value('010215')).toBe('2015-02-01');
  });

  it('reads month names', () => {
    expect(value('1 февраля 2015')).toBe('2015-02-01');
    expect(value('1 февраля 2015 г.')).toBe('2015-02-01');
    expect(value('15 мая 2016 года')).toBe('2016-05-15');
    expect(value('3 сент. 2014')).toBe('2014-09-03');
    expect(value('7 ДЕКАБРЯ 2013')).toBe('2013-12-07');
    expect(error('1 брюмера 2015')).toBe(DATE_ERRORS.notADate);
  });

  it('pivots two-digit years so a birth date is never in the future', () => {
    expect(value('1.2.15')).toBe('2015-02-01');
    expect(value('01.02.25')).toBe('2025-02-01');
    expect(value('01.02.26')).toBe('1926-02-01');
    expect(value('01.02.99')).toBe('1999-02-01');
    expect(value('1.2.15', { referenceYear: 2101 })).toBe('2015-02-01');
    expect(value('1.2.15', { referenceYear: 2014 })).toBe('1915-02-01');
  });

  it('says how a two-digit year was read', () => {
    expect(parseDate('1.2.15', ref)).toEqual({ value: '2015-02-01', warning: 'год «15» понят как 2015' });
    expect(parseDate('01.02.2015', ref)).toEqual({ value: '2015-02-01' });
  });

  it('reads a JS Date at UTC midnight (exceljs)', () => {
    expect(value(new Date(Date.UTC(2015, 1, 1)))).toBe('2015-02-01');
    expect(value(new Date(Date.UTC(2016, 1, 29)))).toBe('2016-02-29');
  });

  it('reads a JS Date at a local midnight of another zone as that calendar day', () => {
    // Moscow midnight of 01.02.2015 is 21:00 UTC the day before.
    expect(value(new Date(Date.UTC(2015, 0, 31, 21)))).toBe('2015-02-01');
    // UTC−5 midnight is 05:00 UTC the same day.
    expect(value(new Date(Date.UTC(2015, 1, 1, 5)))).toBe('2015-02-01');
  });

  it('rejects an invalid JS Date', () => {
    expect(error(new Date('nonsense'))).toBe(DATE_ERRORS.notADate);
  });

  it('says «такой даты нет» for impossible days', () => {
    expect(error('31.02.2015')).toBe('такой даты нет');
    expect(error('29.02.2015')).toBe('такой даты нет');
    expect(error('31.04.2015')).toBe('такой даты нет');
    expect(error('00.01.2015')).toBe('такой даты нет');
    expect(error('12.13.2015')).toBe('такой даты нет');
    expect(error('2015-02-30')).toBe('такой даты нет');
    expect(error('30.02.15')).toBe('такой даты нет');
    expect(error('31022015')).toBe('такой даты нет');
    expect(error('32 января 2015')).toBe('такой даты нет');
  });

  it('accepts 29 February in leap years', () => {
    expect(value('29.02.2016')).toBe('2016-02-29');
    expect(value('29.02.2000')).toBe('2000-02-29');
    expect(error('29.02.1900')).toBe('такой даты нет');
  });

  it('says «не похоже на дату» for text that is not a date', () => {
    expect(error('не знаю')).toBe('не похоже на дату');
    expect(error('01.02')).toBe('не похоже на дату');
    expect(error('15.3')).toBe('не похоже на дату');
    expect(error('01.02.2015.03')).toBe('не похоже на дату');
    expect(error('2015-02')).toBe('не похоже на дату');
    expect(error(true)).toBe('не похоже на дату');
    expect(error({})).toBe('не похоже на дату');
  });

  it('says the date is missing for empty cells', () => {
    expect(error(null)).toBe(DATE_ERRORS.empty);
    expect(error(undefined)).toBe(DATE_ERRORS.empty);
    expect(error('')).toBe(DATE_ERRORS.empty);
    expect(error('   ')).toBe(DATE_ERRORS.empty);
  });

  it('reads a two-digit year against the reference year it is given, not the machine clock', () => {
    expect(parseDate('1.2.30', { referenceYear: 2026 })).toMatchObject({ value: '1930-02-01' });
    expect(parseDate('1.2.30', { referenceYear: 2031 })).toMatchObject({ value: '2030-02-01' });
  });
});
