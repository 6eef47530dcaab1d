import { describe, it, expect } from 'vitest';
import {
  ageOn, ageInMonthsOn, dateOfAge, isCompulsoryAge, compulsoryWindow, firstGradeAgeStatus,
  firstGradeNeedsPermission, COMPULSORY_FROM_MONTHS,
} from '../../../shared/domain/age';
import { addDays } from '../../../shared/domain/dates';

const none = { hasSecondaryGeneral: false };

describe('ageOn', () => {
  it('counts full years and months', () => {
    expect(ageOn('2015-02-01', '2015-02-01')).toEqual({ years: 0, months: 0 });
    expect(ageOn('2015-02-01', '2021-08-01')).toEqual({ years: 6, months: 6 });
    expect(ageOn('2015-02-01', '2021-07-31')).toEqual({ years: 6, months: 5 });
    expect(ageOn('2015-02-01', '2033-01-31')).toEqual({ years: 17, months: 11 });
    expect(ageOn('2015-02-01', '2033-02-01')).toEqual({ years: 18, months: 0 });
    expect(ageOn('2015-12-15', '2016-01-14')).toEqual({ years: 0, months: 0 });
    expect(ageOn('2015-12-15', '2016-01-15')).toEqual({ years: 0, months: 1 });
  });

  it('treats a 29 February birthday as 1 March in non-leap years', () => {
    expect(ageOn('2016-02-29', '2017-02-28')).toEqual({ years: 0, months: 11 });
    expect(ageOn('2016-02-29', '2017-03-01')).toEqual({ years: 1, months: 0 });
    expect(ageOn('2016-02-29', '2020-02-28')).toEqual({ years: 3, months: 11 });
    expect(ageOn('2016-02-29', '2020-02-29')).toEqual({ years: 4, months: 0 });
    expect(ageOn('2016-02-29', '2034-02-28')).toEqual({ years: 17, months: 11 });
    expect(ageOn('2016-02-29', '2034-03-01')).toEqual({ years: 18, months: 0 });
  });

  it('applies the same rule to month ends (31st → 1st of the next month)', () => {
    expect(ageOn('2015-08-31', '2016-02-29')).toEqual({ years: 0, months: 5 });
    expect(ageOn('2015-08-31', '2016-03-01')).toEqual({ years: 0, months: 6 });
    expect(ageOn('2015-01-31', '2015-04-30')).toEqual({ years: 0, months: 2 });
    expect(ageOn('2015-01-31', '2015-05-01')).toEqual({ years: 0, months: 3 });
  });

  it('never decreases day by day', () => {
    const births = ['2016-02-29', '2015-01-31', '2015-08-30', '2015-03-01'];
    for (const birth of births) {
      let prev = -1;
      let day = birth;
      for (let i = 0; i < 800; i++) {
        const m = ageInMonthsOn(birth, day);
        expect(m === prev || m === prev + 1, `${birth} on ${day}`).toBe(true);
        prev = m;
        day = addDays(day, 1);
      }
    }
  });

  it('throws before birth', () => {
    expect(() => ageOn('2015-02-01', '2015-01-31')).toThrow(RangeError);
  });
});

describe('dateOfAge', () => {
  it('gives birthdays and 6 years 6 months', () => {
    expect(dateOfAge('2015-02-01', 6, 6)).toBe('2021-08-01');
    expect(dateOfAge('2015-02-01', 18)).toBe('2033-02-01');
    // «обучающийся, достигший возраста пятнадцати лет» (ЗАТО Свободный п. 1.7)
    expect(dateOfAge('2011-05-20', 15)).toBe('2026-05-20');
  });
  it('moves a missing day to the 1st of the next month', () => {
    expect(dateOfAge('2016-02-29', 1)).toBe('2017-03-01');
    expect(dateOfAge('2016-02-29', 4)).toBe('2020-02-29');
    expect(dateOfAge('2015-08-31', 0, 6)).toBe('2016-03-01');
    expect(dateOfAge('2015-12-31', 0, 6)).toBe('2016-07-01');
  });
  it('rejects negative or fractional ages', () => {
    expect(() => dateOfAge('2015-02-01', -1)).toThrow(RangeError);
    expect(() => dateOfAge('2015-02-01', 6.5)).toThrow(RangeError);
  });
});

describe('compulsory age: «от 6 лет 6 месяцев до 18 лет» (Кстово п. 3.2; ЗАТО Свободный «от 6,6 до 18 лет», п. 2.3)', () => {
  it('"6,6 лет" means 6 years 6 months (78 months), not 6.6 years', () => {
    expect(COMPULSORY_FROM_MONTHS).toBe(78);
  });

  it('starts on the day the child is 6 years 6 months old (inclusive)', () => {
    expect(isCompulsoryAge('2015-02-01', '2021-07-31', none)).toBe(false);
    expect(isCompulsoryAge('2015-02-01', '2021-08-01', none)).toBe(true);
  });

  it('ends on the 18th birthday (exclusive)', () => {
    expect(isCompulsoryAge('2008-09-10', '2026-09-09', none)).toBe(true);
    expect(isCompulsoryAge('2008-09-10', '2026-09-10', none)).toBe(false);
  });

  it('does not apply once secondary general education is received (ЗАТО Свободный п. 1.7)', () => {
    // «…сохраняет силу до достижения им возраста восемнадцати лет, если соответствующее
    // образование не было получено обучающимся ранее»
    expect(isCompulsoryAge('2009-03-15', '2026-07-01', { hasSecondaryGeneral: true })).toBe(false);
    expect(isCompulsoryAge('2009-03-15', '2026-07-01', none)).toBe(true);
  });

  it('is false before birth and for toddlers', () => {
    expect(isCompulsoryAge('2026-05-01', '2026-01-01', none)).toBe(false);
    expect(isCompulsoryAge('2022-05-01', '2026-01-01', none)).toBe(false);
  });

  it('handles 29 February births', () => {
    // 6 y 6 m after 29.02.2020 is 29.08.2026; 18th birthday in 2038 (not leap) is 01.03.2038
    expect(isCompulsoryAge('2020-02-29', '2026-08-28', none)).toBe(false);
    expect(isCompulsoryAge('2020-02-29', '2026-08-29', none)).toBe(true);
    expect(isCompulsoryAge('2020-02-29', '2038-02-28', none)).toBe(true);
    expect(isCompulsoryAge('2020-02-29', '2038-03-01', none)).toBe(false);
  });
});

describe('compulsoryWindow', () => {
  it('gives inclusive first and last days', () => {
    expect(compulsoryWindow('2015-02-01')).toEqual({ from: '2021-08-01', to: '2033-01-31' });
    expect(compulsoryWindow('2020-02-29')).toEqual({ from: '2026-08-29', to: '2038-02-28' });
    expect(compulsoryWindow('2019-08-31')).toEqual({ from: '2026-03-01', to: '2037-08-30' });
  });
  it('agrees with isCompulsoryAge at both ends', () => {
    for (const birth of ['2015-02-01', '2020-02-29', '2019-08-31', '2010-12-31']) {
      const w = compulsoryWindow(birth);
      expect(isCompulsoryAge(birth, w.from, none)).toBe(true);
      expect(isCompulsoryAge(birth, addDays(w.from, -1), none)).toBe(false);
      expect(isCompulsoryAge(birth, w.to, none)).toBe(true);
      expect(isCompulsoryAge(birth, addDays(w.to, 1), none)).toBe(false);
    }
  });
});

describe('firstGradeAgeStatus: «по достижении … шести лет и шести месяцев …, но не позже … восьми лет» (ЗАТО Свободный п. 1.7)', () => {
  const sep1 = '2026-09-01';
  it('is early under 6 years 6 months on 1 September', () => {
    expect(firstGradeAgeStatus('2020-03-02', sep1)).toBe('early'); // 6 y 5 m
    expect(firstGradeAgeStatus('2020-08-15', sep1)).toBe('early');
  });
  it('is normal from exactly 6 years 6 months', () => {
    expect(firstGradeAgeStatus('2020-03-01', sep1)).toBe('normal');
    expect(firstGradeAgeStatus('2020-01-10', sep1)).toBe('normal');
  });
  it('is normal up to and including the 8th birthday', () => {
    expect(firstGradeAgeStatus('2018-09-02', sep1)).toBe('normal'); // 7 y 11 m
    expect(firstGradeAgeStatus('2018-09-01', sep1)).toBe('normal'); // exactly 8
  });
  it('is late when older than 8 years', () => {
    expect(firstGradeAgeStatus('2018-08-31', sep1)).toBe('late');
    expect(firstGradeAgeStatus('2017-01-01', sep1)).toBe('late');
  });
  it('handles a 29 February birth', () => {
    // 29.02.2020 + 6 y 6 m = 29.08.2026: normal on 01.09.2026
    expect(firstGradeAgeStatus('2020-02-29', sep1)).toBe('normal');
    // 29.02.2018 is not a date; 28.02.2018 + 8 y = 28.02.2026 → late
    expect(firstGradeAgeStatus('2018-02-28', sep1)).toBe('late');
  });
  it('says when the department\'s permission is needed (п. 3.2.7)', () => {
    expect(firstGradeNeedsPermission('early')).toBe(true);
    expect(firstGradeNeedsPermission('late')).toBe(true);
    expect(firstGradeNeedsPermission('normal')).toBe(false);
  });
});
