import { describe, expect, it } from 'vitest';
import { dashboardWindow, dueInMonth, occurrenceStatus, occurrencesIn, occurrencesOf } from '../../../shared/domain/deadlines';
import { findProfile, PROFILES, type DeadlineDef } from '../../../shared/profiles';

const zato = findProfile('zato-svobodny')!;
const kstovo = findProfile('kstovo')!;
const def = (p: typeof zato, id: string): DeadlineDef => p.deadlines.find((d) => d.id === id)!;

describe('deadline occurrences', () => {
  it('ЗАТО Свободный: 5 September once a year, the 28th and the 30th of each school month', () => {
    const occ = occurrencesIn(zato.deadlines, '2026-09-01', '2027-08-31');
    expect(occ.filter((o) => o.deadline.id === 'forms-sep5').map((o) => o.due)).toEqual(['2026-09-05']);
    const d28 = occ.filter((o) => o.deadline.id === 'truancy-28').map((o) => o.due);
    expect(d28).toHaveLength(9);
    expect(d28[0]).toBe('2026-09-28');
    expect(d28.at(-1)).toBe('2027-05-28');
    expect(occ.filter((o) => o.deadline.id === 'ministry-30').map((o) => o.due)).toContain('2027-04-30');
  });

  it('the 30th in February is its last day (28th, 29th in a leap year); months outside the school year have none', () => {
    const d = def(zato, 'ministry-30');
    expect(dueInMonth(d.schedule, 2027, 2)).toBe('2027-02-28');
    expect(dueInMonth(d.schedule, 2028, 2)).toBe('2028-02-29');
    expect(dueInMonth(d.schedule, 2027, 6)).toBeNull();
    expect(dueInMonth(d.schedule, 2027, 7)).toBeNull();
    const feb = occurrencesOf(d, '2027-02-01', '2027-02-28');
    expect(feb).toEqual([{ deadline: d, due: '2027-02-28', periodFrom: '2027-02-01', periodTo: '2027-02-28' }]);
  });

  it('Кстово: 1 January, 1 February, 1 March, 1 and 10 September, the 20th, 25 September, 1 October', () => {
    const days = new Set(occurrencesIn(kstovo.deadlines, '2026-09-01', '2027-08-31').map((o) => o.due.slice(5)));
    for (const d of ['01-01', '02-01', '03-01', '09-01', '09-10', '09-20', '05-20', '09-25', '10-01']) expect(days.has(d), d).toBe(true);
    expect(days.has('06-20')).toBe(false);
  });

  it('occurrences are in date order and bounded by the range, inclusive', () => {
    const occ = occurrencesIn(kstovo.deadlines, '2026-09-10', '2026-09-20');
    expect(occ.map((o) => o.due)).toEqual(['2026-09-10', '2026-09-10', '2026-09-10', '2026-09-10', '2026-09-10', '2026-09-20']);
    expect(occurrencesIn(kstovo.deadlines, '2026-09-11', '2026-09-10')).toEqual([]);
  });

  it('the dashboard window starts on 1 September of the school year of the date (the boundary)', () => {
    expect(dashboardWindow('2026-08-31')).toEqual({ from: '2025-09-01', to: '2026-09-07' });
    expect(dashboardWindow('2026-09-01')).toEqual({ from: '2026-09-01', to: '2026-09-08' });
    // on 31 August the coming 1 September is within the week and already shown
    const occ = occurrencesIn(kstovo.deadlines, dashboardWindow('2026-08-31').from, dashboardWindow('2026-08-31').to);
    expect(occ.at(-1)!.due).toBe('2026-09-01');
    expect(occ[0]!.due).toBe('2025-09-01');
  });

  it('every deadline names its пункт, its addressee and an existing list kind or form', () => {
    for (const p of PROFILES) {
      expect(p.deadlines.length).toBeGreaterThan(0);
      for (const d of p.deadlines) {
        expect(d.basis).toMatch(/п\. \d/u);
        expect(d.to.length).toBeGreaterThan(3);
        if (d.evidence.type === 'list') { const k = d.evidence.listKind; expect(p.listKinds.some((x) => x.id === k), `${p.id}/${d.id}`).toBe(true); }
        if (d.evidence.type === 'form') { const f = d.evidence.formId; expect(p.forms.some((x) => x.id === f), `${p.id}/${d.id}`).toBe(true); }
      }
    }
  });
});

describe('status of an (organization, period) on a date', () => {
  const d = def(kstovo, 'pupils-sep1');
  const [occ] = occurrencesOf(d, '2026-09-01', '2026-09-01');

  it('not yet due more than 7 days ahead; due within 7 days; on the day itself still due', () => {
    expect(occurrenceStatus(occ!, [], '2026-08-24').status).toBe('upcoming');
    expect(occurrenceStatus(occ!, [], '2026-08-25')).toMatchObject({ status: 'soon', daysLeft: 7 });
    expect(occurrenceStatus(occ!, [], '2026-09-01')).toMatchObject({ status: 'soon', daysLeft: 0 });
  });

  it('late from the day after', () => {
    expect(occurrenceStatus(occ!, [], '2026-09-02')).toMatchObject({ status: 'late', daysLeft: -1 });
  });

  it('received by a list as of a day of the period, from the day it was applied; late receipt is marked', () => {
    const ev = [{ asOf: '2026-09-01', doneOn: '2026-09-03' }];
    expect(occurrenceStatus(occ!, ev, '2026-09-02').status).toBe('late');
    expect(occurrenceStatus(occ!, ev, '2026-09-03')).toMatchObject({ status: 'received', receivedOn: '2026-09-03', receivedLate: true });
    expect(occurrenceStatus(occ!, [{ asOf: '2026-09-01', doneOn: '2026-09-01' }], '2026-09-01')).toMatchObject({ status: 'received', receivedLate: false });
  });

  it('a list of another period does not answer it: last year\'s, or August\'s', () => {
    expect(occurrenceStatus(occ!, [{ asOf: '2025-09-01', doneOn: '2025-09-01' }], '2026-09-02').status).toBe('late');
    expect(occurrenceStatus(occ!, [{ asOf: '2026-08-31', doneOn: '2026-08-31' }], '2026-09-02').status).toBe('late');
    expect(occurrenceStatus(occ!, [{ asOf: '2026-09-30', doneOn: '2026-09-30' }], '2026-09-30').status).toBe('received');
  });

  it('a duty the registry cannot see is «passed», not «late», after its day', () => {
    const [rec] = occurrencesOf(def(kstovo, 'reconcile-sep25'), '2026-09-01', '2026-09-30');
    expect(occurrenceStatus(rec!, [], '2026-09-25').status).toBe('soon');
    expect(occurrenceStatus(rec!, [], '2026-09-26').status).toBe('passed');
  });

  it('February\'s 30th: late on 1 March, in time on 28 February', () => {
    const [feb] = occurrencesOf(def(zato, 'ministry-30'), '2027-02-01', '2027-02-28');
    expect(occurrenceStatus(feb!, [], '2027-02-28').status).toBe('soon');
    expect(occurrenceStatus(feb!, [], '2027-03-01').status).toBe('late');
  });
});
