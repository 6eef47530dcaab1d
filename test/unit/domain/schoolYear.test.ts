import { describe, it, expect } from 'vitest';
import {
  schoolYearOf, schoolYearStartYearOf, schoolYearLabel, schoolYearStart, schoolYearEnd, schoolYearByStart,
  parseSchoolYearLabel,
} from '../../../shared/domain/schoolYear';

describe('schoolYearOf', () => {
  it('starts on 1 September', () => {
    expect(schoolYearOf('2026-09-01')).toEqual({
      startYear: 2026, label: '2026/2027', start: '2026-09-01', end: '2027-08-31',
    });
  });
  it('ends on 31 August', () => {
    expect(schoolYearOf('2026-08-31').label).toBe('2025/2026');
    expect(schoolYearOf('2027-08-31').label).toBe('2026/2027');
  });
  it('places the regulation dates in the right year', () => {
    // Кстово: 1 января / 1 февраля / 1 марта belong to the year that began the previous September
    expect(schoolYearStartYearOf('2027-01-01')).toBe(2026);
    expect(schoolYearStartYearOf('2027-02-01')).toBe(2026);
    expect(schoolYearStartYearOf('2027-03-01')).toBe(2026);
    // 10 сентября, 25 сентября, 1 октября: the year that has just begun
    expect(schoolYearStartYearOf('2026-09-10')).toBe(2026);
    expect(schoolYearStartYearOf('2026-09-25')).toBe(2026);
    expect(schoolYearStartYearOf('2026-10-01')).toBe(2026);
    expect(schoolYearStartYearOf('2026-12-31')).toBe(2026);
  });
});

describe('labels and bounds', () => {
  it('builds them from the start year', () => {
    expect(schoolYearLabel(2026)).toBe('2026/2027');
    expect(schoolYearStart(2026)).toBe('2026-09-01');
    expect(schoolYearEnd(2026)).toBe('2027-08-31');
    expect(schoolYearByStart(1999).label).toBe('1999/2000');
  });
});

describe('parseSchoolYearLabel', () => {
  it('accepts common spellings', () => {
    expect(parseSchoolYearLabel('2026/2027')).toBe(2026);
    expect(parseSchoolYearLabel('2026-2027')).toBe(2026);
    expect(parseSchoolYearLabel('2026 – 2027')).toBe(2026);
    expect(parseSchoolYearLabel('2026/27')).toBe(2026);
    expect(parseSchoolYearLabel('1999/00')).toBe(1999);
    expect(parseSchoolYearLabel('2026/2027 уч. г.')).toBe(2026);
    expect(parseSchoolYearLabel('2026-2027 учебный год')).toBe(2026);
  });
  it('rejects inconsistent or malformed labels', () => {
    for (const s of ['2026/2028', '2027/2026', '2026', '26/27', '2026/2027/2028', '', 'текущий']) {
      expect(parseSchoolYearLabel(s), s).toBeNull();
    }
  });
  it('round-trips', () => {
    expect(parseSchoolYearLabel(schoolYearLabel(2031))).toBe(2031);
  });
});
