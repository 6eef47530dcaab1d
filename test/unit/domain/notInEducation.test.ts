import { describe, expect, it } from 'vitest';
import { addDays } from '../../../shared/domain/dates';
import { classifyEducation, formColumnWord, type ChildEducationFacts, type StudyFact } from '../../../shared/domain/notInEducation';

const life = (validFrom: string | null, validTo: string | null = null) => ({ validFrom, validTo, supersededBy: null, withdrawnAt: null });
const address = life('2015-01-01');

/** A child born 01.03.2015: 6 years 6 months on 01.09.2021, 8 on 01.03.2023, 18 on 01.03.2033. */
function child(over: Partial<ChildEducationFacts> = {}): ChildEducationFacts {
  return { birthDate: '2015-03-01', hasSecondaryGeneral: false, status: 'active', studies: [], forms: [], conditions: [], addresses: [address], ...over };
}
const school = (from: string | null, to: string | null = null): StudyFact => ({ ...life(from, to), orgKind: 'school', orgName: 'МБОУ СШ № 25', classLabel: '5А' });
const kindergarten = (from: string | null, to: string | null = null): StudyFact => ({ ...life(from, to), orgKind: 'kindergarten', orgName: 'МБДОУ', classLabel: 'подготовительная' });

describe('classifyEducation: compulsory age (from 6 years 6 months to 18, ЗАТО Свободный п. 1.7, Кстово п. 1.2)', () => {
  it('the day before 6 years 6 months: not compulsory; on the day: not in education', () => {
    expect(classifyEducation(child(), '2021-08-31').group).toBe('not-compulsory');
    expect(classifyEducation(child(), '2021-09-01').group).toBe('not-in-education');
  });

  it('the 18th birthday ends compulsory age; the day before it still counts', () => {
    expect(classifyEducation(child(), '2033-02-28').group).toBe('not-in-education');
    const v = classifyEducation(child(), '2033-03-01');
    expect(v.group).toBe('not-compulsory');
    expect(v.reason).toBe('исполнилось 18 лет');
  });

  it('secondary general education completed: not compulsory at 16', () => {
    expect(classifyEducation(child({ hasSecondaryGeneral: true }), '2031-06-01').group).toBe('not-compulsory');
  });

  it('a merged-away or removed record is not counted', () => {
    expect(classifyEducation(child({ status: 'merged' }), '2024-01-01').group).toBe('not-compulsory');
    expect(classifyEducation(child({ status: 'removed' }), '2024-01-01').group).toBe('not-compulsory');
  });
});

describe('classifyEducation: in education on the date', () => {
  it('a study that ended the day before the date no longer counts; ending on the date is already ended', () => {
    const on = '2024-02-10';
    expect(classifyEducation(child({ studies: [school('2022-09-01', addDays(on, 1))] }), on).group).toBe('in-education');
    expect(classifyEducation(child({ studies: [school('2022-09-01', on)] }), on).group).toBe('not-in-education');
    expect(classifyEducation(child({ studies: [school('2022-09-01', addDays(on, -1))] }), on).group).toBe('not-in-education');
  });

  it('a study that starts after the date does not count yet', () => {
    expect(classifyEducation(child({ studies: [school('2024-09-01')] }), '2024-08-31').group).toBe('not-in-education');
    expect(classifyEducation(child({ studies: [school('2024-09-01')] }), '2024-09-01').group).toBe('in-education');
  });

  it('a college (professional organization) counts as education', () => {
    const v = classifyEducation(child({ studies: [{ ...life('2030-09-01'), orgKind: 'college', orgName: 'Колледж' }] }), '2031-01-10');
    expect(v.group).toBe('in-education');
    expect(v.reason).toContain('профессиональной');
  });

  it('family education from the date counts on that date, not the day before', () => {
    const forms = [{ ...life('2024-03-15'), form: 'family' }];
    expect(classifyEducation(child({ forms }), '2024-03-14').group).toBe('not-in-education');
    const v = classifyEducation(child({ forms }), '2024-03-15');
    expect(v.group).toBe('in-education');
    expect(v.basis).toEqual({ kind: 'form', form: 'family' });
  });

  it('self-education counts; a full-time form without a school does not', () => {
    expect(classifyEducation(child({ forms: [{ ...life(null), form: 'self' }] }), '2032-01-01').group).toBe('in-education');
    expect(classifyEducation(child({ forms: [{ ...life(null), form: 'full_time' }] }), '2024-01-01').group).toBe('not-in-education');
  });

  it('a health exemption in force excuses; one that ended does not', () => {
    const conditions = [{ ...life('2023-09-01', '2024-01-01'), kind: 'health' }];
    expect(classifyEducation(child({ conditions }), '2023-12-31').group).toBe('in-education');
    expect(classifyEducation(child({ conditions }), '2024-01-01').group).toBe('not-in-education');
  });

  it('a stay in a rehabilitation centre excuses', () => {
    expect(classifyEducation(child({ conditions: [{ ...life('2024-01-01'), kind: 'rehab' }] }), '2024-02-01').reason).toBe('в реабилитационном центре');
  });

  it('a superseded or withdrawn study does not count', () => {
    expect(classifyEducation(child({ studies: [{ ...school('2022-09-01'), supersededBy: 9 }] }), '2024-01-01').group).toBe('not-in-education');
    expect(classifyEducation(child({ studies: [{ ...school('2022-09-01'), withdrawnAt: '2024-01-01T00:00:00Z' }] }), '2024-01-01').group).toBe('not-in-education');
  });
});

describe('classifyEducation: kindergarten and addresses', () => {
  it('a kindergarten child of 7 years 11 months is a separate group; at 8 it is not in education', () => {
    const studies = [kindergarten('2019-09-01')];
    const v = classifyEducation(child({ studies }), '2023-02-28');
    expect(v.group).toBe('kindergarten-under-8');
    expect(v.reason).toBe('не приступил к обучению, ещё в ДОО — до 8 лет');
    const at8 = classifyEducation(child({ studies }), '2023-03-01');
    expect(at8.group).toBe('not-in-education');
    expect(at8.reason).toContain('8 лет');
  });

  it('compulsory age with addresses that all ended: «выбыл за пределы округа?»', () => {
    expect(classifyEducation(child({ addresses: [life('2015-03-01', '2023-06-01')] }), '2024-01-01').group).toBe('left-municipality?');
    // Before the address ended the child lived here.
    expect(classifyEducation(child({ addresses: [life('2015-03-01', '2023-06-01')] }), '2023-05-31').group).toBe('not-in-education');
    // Nobody ever gave an address: not known to have left.
    expect(classifyEducation(child({ addresses: [] }), '2024-01-01').group).toBe('not-in-education');
  });

  it('a child in education who has no address is in education all the same', () => {
    expect(classifyEducation(child({ addresses: [], studies: [school(null)] }), '2024-01-01').group).toBe('in-education');
  });
});

describe('formColumnWord: «форма не указана» is not «не обучается»', () => {
  it('words', () => {
    expect(formColumnWord({ compulsory: true, orgKind: 'school', form: null, formLabel: null })).toBe('форма не указана');
    expect(formColumnWord({ compulsory: true, orgKind: 'kindergarten', form: null, formLabel: null })).toBe('дошкольное');
    expect(formColumnWord({ compulsory: true, orgKind: null, form: null, formLabel: null })).toBe('не обучается');
    expect(formColumnWord({ compulsory: false, orgKind: null, form: null, formLabel: null })).toBe('—');
    expect(formColumnWord({ compulsory: true, orgKind: 'school', form: 'full_time', formLabel: 'очная' })).toBe('очная');
  });
});
