import { describe, expect, it } from 'vitest';
import { continuationText, daysOverdue, leave15MeasuresDue, taskStatus, transferNoticeDue, unconfirmedIsCandidate } from '../../../shared/domain/movement';
import { contract } from '../../../shared/api/contract';
import { kstovo } from '../../../shared/profiles/kstovo';
import { zatoSvobodny } from '../../../shared/profiles/zato-svobodny';

describe('movement rules', () => {
  it('the transfer notice is due two working days after the order (production calendar)', () => {
    expect(transferNoticeDue('2026-10-20')).toBe('2026-10-22'); // Tuesday → Thursday
    expect(transferNoticeDue('2026-10-23')).toBe('2026-10-27'); // Friday → Tuesday
    // 31 Dec 2026 (a moved day off), 1–8 Jan 2027 (holidays), 9–10 Jan (a weekend): Monday 11 and Tuesday 12 January.
    expect(transferNoticeDue('2026-12-30')).toBe('2027-01-12');
  });

  it('a task is open until its due day, overdue the day after; done late when done after it', () => {
    expect(taskStatus('2026-10-22', null, '2026-10-22')).toBe('open');
    expect(taskStatus('2026-10-22', null, '2026-10-23')).toBe('overdue');
    expect(taskStatus('2026-10-22', '2026-10-22', '2026-11-01')).toBe('done');
    expect(taskStatus('2026-10-22', '2026-10-23', '2026-11-01')).toBe('done-late');
    expect(daysOverdue('2026-10-22', null, '2026-10-27')).toBe(5);
    expect(daysOverdue('2026-10-22', null, '2026-10-20')).toBe(0);
    expect(daysOverdue('2026-10-22', '2026-10-23', '2026-12-01')).toBe(1);
  });

  it('the measures after leaving at 15 are due within a month (the same day of the next month, the last day of a shorter one)', () => {
    expect(leave15MeasuresDue('2026-09-30')).toBe('2026-10-30');
    expect(leave15MeasuresDue('2027-01-31')).toBe('2027-02-28');
  });

  it('an unconfirmed expulsion is a candidate from the profile’s day on', () => {
    for (const p of [kstovo, zatoSvobodny]) expect(p.expelledUnconfirmedDays).toBeGreaterThan(0);
    expect(unconfirmedIsCandidate('2026-10-17', '2026-10-26', 10)).toBe(false);
    expect(unconfirmedIsCandidate('2026-10-17', '2026-10-27', 10)).toBe(true);
  });

  it('prints where a pupil continued: the organization, else the kind', () => {
    expect(continuationText('spo', 'Техникум')).toBe('Техникум');
    expect(continuationText('work', null)).toBe('трудоустройство');
    expect(continuationText(null, null)).toBe('');
  });

  it('every call name can be routed by the browser-mode server (letters and dots: /api/call/NAME)', () => {
    for (const name of Object.keys(contract)) expect(name, name).toMatch(/^[a-zA-Z.]+$/);
  });
});
