import { describe, expect, it } from 'vitest';
import { describeAuditEntry } from '../../../shared/api/auditText';
import {
  currentEvents,
  lastUnexcusedDay,
  letterOverdue,
  removalCheck,
  removalDueOn,
  removalOnLeaving,
  standingOf,
  suggestNextStep,
  type AttendanceMonthLike,
  type RegisterEvent,
} from '../../../shared/domain/schoolRegister';

const m = (month: string, missedUnexcused: number, lessonsHeld = 80): AttendanceMonthLike => ({ month, lessonsHeld, missedUnexcused });
let nextId = 1;
const ev = (kind: RegisterEvent['kind'], onDate: string, more: Partial<RegisterEvent> = {}): RegisterEvent => ({ id: nextId++, kind, onDate, replacesId: null, ...more });

describe('six months without unexcused absences, counted from the last one (п. 4.1)', () => {
  it('runs from the day after the last absence to the same day six months later; removal from the next day', () => {
    expect(removalDueOn('2026-01-15', '2025-12-01')).toBe('2026-07-16');
  });
  it('a month end counts to the end of a shorter month (31.08 → 28.02, leap year 29.02)', () => {
    expect(removalDueOn('2026-08-31', '2026-05-01')).toBe('2027-03-01');
    expect(removalDueOn('2027-08-31', '2027-05-01')).toBe('2028-03-01'); // 29.02.2028 ends it
    expect(removalDueOn('2027-08-30', '2027-05-01')).toBe('2028-03-01');
  });
  it('without any recorded absence counts from the day the pupil was put on the register', () => {
    expect(removalDueOn(null, '2026-02-10')).toBe('2026-08-11');
  });
  it('attendance by month: the last absence is the last day of the last month with one', () => {
    expect(lastUnexcusedDay([m('2026-01', 3), m('2026-02', 0), m('2025-11', 5)])).toBe('2026-01-31');
    expect(lastUnexcusedDay([m('2026-01', 0)])).toBeNull();
    expect(lastUnexcusedDay([m('2024-02', 1)])).toBe('2024-02-29');
  });
  it('an absence after the placing on the register restarts the count; eligible only from the due day', () => {
    const events = [ev('registered', '2025-11-20')];
    const s = standingOf(events);
    const months = [m('2025-10', 40), m('2025-11', 12), m('2025-12', 2), m('2026-01', 0)];
    const before = removalCheck(s, months, '2026-06-30')!;
    expect(before.dueOn).toBe('2026-07-01');
    expect(before.eligible).toBe(false);
    expect(removalCheck(s, months, '2026-07-01')!.eligible).toBe(true);
    // A new absence in March moves the day to October.
    expect(removalCheck(s, [...months, m('2026-03', 1)], '2026-07-01')).toMatchObject({ dueOn: '2026-10-01', eligible: false });
  });
  it('no check when the pupil is not on the register', () => {
    expect(removalCheck(standingOf([ev('contact', '2026-01-10')]), [], '2027-01-01')).toBeNull();
  });
});

describe('next step of section 2', () => {
  it('nothing without absences; the class teacher’s contact after the first unexcused absence', () => {
    expect(suggestNextStep([], [m('2026-09', 0)], '2026-10-01')).toBeNull();
    expect(suggestNextStep([], [m('2026-09', 2)], '2026-10-01')?.kind).toBe('contact');
  });
  it('a written warning only when absences go on after the contact (attendance by month)', () => {
    const events = [ev('contact', '2026-09-20')];
    // Contact late in September: September's absences are the ones it answered.
    expect(suggestNextStep(events, [m('2026-09', 4)], '2026-09-30')).toBeNull();
    // Contact early in the month: most of the month's lessons came after it.
    expect(suggestNextStep([ev('contact', '2026-09-15')], [m('2026-09', 4)], '2026-10-01')?.kind).toBe('warning');
    expect(suggestNextStep([ev('contact', '2026-09-16')], [m('2026-09', 4)], '2026-10-01')).toBeNull();
    const next = suggestNextStep(events, [m('2026-09', 4), m('2026-10', 6)], '2026-11-02');
    expect(next?.kind).toBe('warning');
    expect(next?.reason).toContain('п. 2.2.1');
    expect(next?.reason).toContain('10.2026 — 6');
  });
  it('warning and home visit go together (п. 2.2); then the ходатайство when absences go on, then the decision', () => {
    const months = [m('2026-09', 4), m('2026-10', 6), m('2026-11', 9), m('2026-12', 10)];
    const events = [ev('contact', '2026-09-20'), ev('warning', '2026-10-25')];
    expect(suggestNextStep(events, months, '2026-10-26')?.kind).toBe('visit');
    events.push(ev('visit', '2026-10-28'));
    expect(suggestNextStep(events, months.slice(0, 2), '2026-10-30')).toBeNull();
    expect(suggestNextStep(events, months, '2026-12-05')?.kind).toBe('petition');
    events.push(ev('petition', '2026-12-05'));
    expect(suggestNextStep(events, months, '2026-12-06')?.kind).toBe('registered');
    events.push(ev('registered', '2026-12-10'));
    expect(standingOf(events).label).toBe('На внутришкольном учёте с 10.12.2026');
    // Absences go on after the placing: the report about the parents (п. 2.4), then letters (п. 5.3).
    const more = [...months, m('2027-01', 5)];
    expect(suggestNextStep(events, more, '2027-02-01')?.kind).toBe('report');
    events.push(ev('report', '2027-02-20'));
    expect(suggestNextStep(events, [...more, m('2027-02', 3)], '2027-03-01')).toBeNull(); // the report's own month, late in it
    expect(suggestNextStep(events, [...more, m('2027-03', 3)], '2027-04-01')?.kind).toBe('letter');
  });
  it('on the register six months clean: the ходатайство о снятии, then the council’s decision; after removal a new round', () => {
    const events = [ev('contact', '2025-09-10'), ev('registered', '2025-11-01')];
    const months = [m('2025-09', 5), m('2025-10', 8), m('2025-11', 0), m('2025-12', 0)];
    expect(suggestNextStep(events, months, '2026-05-01')?.kind).toBe('removalPetition');
    events.push(ev('removalPetition', '2026-05-02'));
    expect(suggestNextStep(events, months, '2026-05-03')?.kind).toBe('removed');
    events.push(ev('removed', '2026-05-10', { reason: 'council' }));
    const s = standingOf(events);
    expect(s.onRegister).toBe(false);
    expect(s.label).toBe('Снят с внутришкольного учёта 10.05.2026');
    // Old absences do not start a new round; a new one does.
    expect(suggestNextStep(events, months, '2026-06-01')).toBeNull();
    expect(suggestNextStep(events, [...months, m('2026-09', 2)], '2026-10-01')?.kind).toBe('contact');
  });
});

describe('leaving the school removes from its register (п. 4.2)', () => {
  it('finishing basic or secondary general education is graduation; any other reason is leaving', () => {
    expect(removalOnLeaving('2027-06-30', 'получение среднего общего образования')).toMatchObject({ kind: 'removed', onDate: '2027-06-30', reason: 'graduated' });
    expect(removalOnLeaving('2027-06-30', 'получение основного общего образования')).toMatchObject({ reason: 'graduated' });
    expect(removalOnLeaving('2026-11-10', 'перевод в другую образовательную организацию')).toMatchObject({ reason: 'left' });
    expect(removalOnLeaving('2026-11-10', null)).toMatchObject({ reason: 'left' });
    const s = standingOf([ev('registered', '2026-10-01'), removalOnLeaving('2026-11-10', null)]);
    expect(s).toMatchObject({ onRegister: false, label: 'Снят с внутришкольного учёта 10.11.2026 (выбыл из школы)' });
  });
});

describe('history: corrections and withdrawals', () => {
  it('a corrected entry no longer counts; a withdrawn one neither', () => {
    const a = ev('registered', '2026-01-10');
    const b = ev('registered', '2026-01-12', { replacesId: a.id });
    expect(currentEvents([a, b]).map((e) => e.onDate)).toEqual(['2026-01-12']);
    expect(standingOf([a, b]).registeredOn).toBe('2026-01-12');
    const c = ev('registered', '2026-01-12', { replacesId: b.id, cancelled: true });
    expect(standingOf([a, b, c]).onRegister).toBe(false);
  });
  it('a letter is overdue the day after its answer was due, unless answered', () => {
    expect(letterOverdue('2026-03-10', null, '2026-03-10')).toBe(false);
    expect(letterOverdue('2026-03-10', null, '2026-03-11')).toBe(true);
    expect(letterOverdue('2026-03-10', '2026-03-12', '2026-04-01')).toBe(false);
  });
});

describe('the journal in Russian words', () => {
  it('names the kind of a register entry and the pupil, never what it says', () => {
    const e = { action: 'school.addEntry', objectType: 'child', objectId: '12', details: JSON.stringify({ entry: 'warning', entryId: 5, orgId: 3, replaces: 4 }) };
    expect(describeAuditEntry(e, { orgName: () => 'МБОУ «СШ № 25»' })).toEqual({
      action: 'Запись в карту учёта',
      object: 'Ребёнок № 12',
      details: 'запись: Письменное предупреждение родителям об административной ответственности; номер записи: № 5; организация: МБОУ «СШ № 25»; исправляет запись: № 4',
    });
    const list = { action: 'school.pupils', objectType: 'schoolRegister', objectId: '3', details: JSON.stringify({ orgId: 3, shown: 7, allPupils: false }) };
    expect(describeAuditEntry(list).object).toBe('Внутришкольный учёт № 3');
    expect(describeAuditEntry(list).details).toBe('организация: № 3; показано: 7; все обучающиеся школы: нет');
  });
});
