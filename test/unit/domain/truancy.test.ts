import { describe, expect, it } from 'vitest';
import { kstovo } from '../../../shared/profiles/kstovo';
import { zatoSvobodny } from '../../../shared/profiles/zato-svobodny';
import {
  countedFrom,
  figuresIssues,
  isSystematic,
  monthEnd,
  notStarted,
  truancyRuleOf,
  truancyStatus,
  unexcusedPercent,
  type MonthFigures,
} from '../../../shared/domain/truancy';

const zato = truancyRuleOf(zatoSvobodny);
const kst = truancyRuleOf(kstovo);
const m = (month: string, lessonsHeld: number, missedTotal: number, missedUnexcused: number, schoolMark = false): MonthFigures => ({
  month,
  lessonsHeld,
  missedTotal,
  missedUnexcused,
  schoolMark,
});

describe('systematic missing, ЗАТО Свободный (more than 75 % without good reason)', () => {
  it('reads the threshold and the mark rule from the profiles', () => {
    expect(zato).toEqual({ thresholdPercent: 75, markedBySchool: false });
    expect(kst).toEqual({ thresholdPercent: null, markedBySchool: true });
  });
  it('75 % exactly is not above the threshold; one lesson more is', () => {
    expect(isSystematic(zato, m('2026-10', 80, 60, 60))).toBe(false);
    expect(unexcusedPercent(m('2026-10', 80, 60, 60))).toBe(75);
    expect(isSystematic(zato, m('2026-10', 80, 61, 61))).toBe(true);
    expect(unexcusedPercent(m('2026-10', 80, 61, 61))).toBe(76.3);
    // 3 of 4 is 75 % exactly, no rounding makes it more
    expect(isSystematic(zato, m('2026-10', 4, 3, 3))).toBe(false);
    // just above with an odd count: 76 of 101 = 75.2 %
    expect(isSystematic(zato, m('2026-10', 101, 76, 76))).toBe(true);
  });
  it('counts only lessons missed without a good reason', () => {
    // 90 % missed, but only 50 % without a good reason
    expect(isSystematic(zato, m('2026-10', 100, 90, 50))).toBe(false);
  });
  it('a period with no lessons is never above the threshold and has no share', () => {
    expect(isSystematic(zato, m('2027-01', 0, 0, 0))).toBe(false);
    expect(unexcusedPercent(m('2027-01', 0, 0, 0))).toBeNull();
    expect(truancyStatus(zato, '2027-01', '2026-09-01', [m('2027-01', 0, 0, 0)])).toBeNull();
  });
  it('the school mark does not count where the profile has a number', () => {
    expect(isSystematic(zato, m('2026-10', 80, 10, 10, true))).toBe(false);
  });
});

describe('systematic missing, Кстово (the school marks the pupil)', () => {
  it('is the school mark, whatever the share', () => {
    expect(isSystematic(kst, m('2026-10', 80, 79, 79))).toBe(false);
    expect(isSystematic(kst, m('2026-10', 80, 10, 10, true))).toBe(true);
  });
});

describe('not started (enrolled for the school year, no lesson attended since its start)', () => {
  it('every month since 1 September missed in full', () => {
    const months = [m('2026-09', 90, 90, 90), m('2026-10', 80, 80, 40)];
    expect(notStarted('2026-10', '2026-09-01', months)).toBe(true);
    expect(truancyStatus(zato, '2026-10', '2026-09-01', months)).toBe('not-started');
  });
  it('one lesson attended in September is a start', () => {
    const months = [m('2026-09', 90, 89, 89), m('2026-10', 80, 80, 80)];
    expect(notStarted('2026-10', '2026-09-01', months)).toBe(false);
    expect(truancyStatus(zato, '2026-10', '2026-09-01', months)).toBe('systematic');
  });
  it('a month without figures since the start is not guessed at', () => {
    expect(notStarted('2026-10', '2026-09-01', [m('2026-10', 80, 80, 80)])).toBe(false);
  });
  it('a school year with no lessons held yet is not «not started»', () => {
    expect(notStarted('2026-09', '2026-09-01', [m('2026-09', 0, 0, 0)])).toBe(false);
  });
  it('counts from the new school year: last year’s months do not matter', () => {
    const months = [m('2026-05', 80, 0, 0), m('2026-09', 90, 90, 90)];
    expect(countedFrom('2026-09', '2020-09-01')).toBe('2026-09');
    expect(notStarted('2026-09', '2020-09-01', months)).toBe(true);
  });
});

describe('a pupil enrolled in the middle of the month', () => {
  it('is counted from the month of his enrolment, on the lessons held for him', () => {
    // enrolled 15 October: September is not his; 40 lessons held since, all missed
    expect(countedFrom('2026-10', '2026-10-15')).toBe('2026-10');
    expect(truancyStatus(zato, '2026-10', '2026-10-15', [m('2026-10', 40, 40, 40)])).toBe('not-started');
    // attended 9 of his 40: 31 unexcused = 77.5 %, above 75 %
    expect(truancyStatus(zato, '2026-10', '2026-10-15', [m('2026-10', 40, 31, 31)])).toBe('systematic');
    // 30 of 40 is 75 % exactly: not listed
    expect(truancyStatus(zato, '2026-10', '2026-10-15', [m('2026-10', 40, 30, 30)])).toBeNull();
  });
  it('enrolled after the month is not judged for it', () => {
    expect(notStarted('2026-10', '2026-11-02', [m('2026-10', 40, 40, 40)])).toBe(false);
  });
});

describe('figures as entered', () => {
  it('holds missed within held and unexcused within missed', () => {
    expect(figuresIssues({ lessonsHeld: 80, missedTotal: 10, missedUnexcused: 4 })).toEqual([]);
    expect(figuresIssues({ lessonsHeld: 80, missedTotal: 81, missedUnexcused: 4 })[0]?.field).toBe('missedTotal');
    expect(figuresIssues({ lessonsHeld: 80, missedTotal: 10, missedUnexcused: 11 })[0]?.field).toBe('missedUnexcused');
    expect(figuresIssues({ lessonsHeld: -1, missedTotal: 0, missedUnexcused: 0 })[0]?.field).toBe('lessonsHeld');
    expect(figuresIssues({ lessonsHeld: 1.5, missedTotal: 0, missedUnexcused: 0 })[0]?.field).toBe('lessonsHeld');
  });
  it('knows the last day of a month', () => {
    expect(monthEnd('2027-02')).toBe('2027-02-28');
    expect(monthEnd('2028-02')).toBe('2028-02-29');
    expect(monthEnd('2026-12')).toBe('2026-12-31');
  });
});
