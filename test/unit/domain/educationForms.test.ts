import { describe, it, expect } from 'vitest';
import {
  EDUCATION_FORMS, EDUCATION_FORM_IDS, educationFormLabel, isInsideOrganization, isOutsideOrganization,
  isEducationFormId, educationFormPlace, parseEducationForm, EDUCATION_FORM_PLACE_LABELS,
} from '../../../shared/domain/educationForms';
import type { EducationFormId } from '../../../shared/domain/educationForms';

describe('EDUCATION_FORMS', () => {
  it('lists the five forms with Russian labels, in the law\'s order', () => {
    expect(EDUCATION_FORMS.map((f) => [f.id, f.label])).toEqual([
      ['full_time', 'очная'],
      ['part_time', 'очно-заочная'],
      ['extramural', 'заочная'],
      ['family', 'семейное образование'],
      ['self', 'самообразование'],
    ]);
    expect(EDUCATION_FORM_IDS).toEqual(['full_time', 'part_time', 'extramural', 'family', 'self']);
  });

  it('«В общеобразовательном учреждении: в очной, очно-заочной, заочной формах» (ЗАТО Свободный п. 1.5.1)', () => {
    const inside = EDUCATION_FORM_IDS.filter(isInsideOrganization);
    expect(inside).toEqual(['full_time', 'part_time', 'extramural']);
  });

  it('«Вне общеобразовательного учреждения: в форме семейного образования, самообразования» (п. 1.5.2)', () => {
    const outside = EDUCATION_FORM_IDS.filter(isOutsideOrganization);
    expect(outside).toEqual(['family', 'self']);
    expect(educationFormPlace('family')).toBe('outside');
    expect(educationFormPlace('full_time')).toBe('inside');
    expect(EDUCATION_FORM_PLACE_LABELS.outside).toMatch(/^вне организаций/);
  });

  it('gives labels by id', () => {
    expect(educationFormLabel('part_time')).toBe('очно-заочная');
    expect(educationFormLabel('self')).toBe('самообразование');
  });

  it('guards ids', () => {
    expect(isEducationFormId('family')).toBe(true);
    expect(isEducationFormId('distance')).toBe(false);
    expect(isEducationFormId(undefined)).toBe(false);
    const id: unknown = 'self';
    if (isEducationFormId(id)) {
      const typed: EducationFormId = id;
      expect(typed).toBe('self');
    }
  });
});

describe('parseEducationForm', () => {
  it('reads the column headers of Кстово прил. 6', () => {
    // «Очная | Очно-заочная | Семейное образование | Самообразование»
    expect(parseEducationForm('Очная')).toBe('full_time');
    expect(parseEducationForm('Очно-заочная')).toBe('part_time');
    expect(parseEducationForm('Семейное образование')).toBe('family');
    expect(parseEducationForm('Самообразование')).toBe('self');
  });
  it('reads other spellings', () => {
    expect(parseEducationForm('очно–заочная')).toBe('part_time');
    expect(parseEducationForm('очно заочная форма')).toBe('part_time');
    expect(parseEducationForm('вечерняя (сменная)')).toBe('part_time');
    expect(parseEducationForm('ЗАОЧНАЯ')).toBe('extramural');
    expect(parseEducationForm('семейная форма')).toBe('family');
    expect(parseEducationForm('форма семейного образования')).toBe('family');
    expect(parseEducationForm('самообр.')).toBe('self');
    expect(parseEducationForm('  очная форма обучения ')).toBe('full_time');
    expect(parseEducationForm('в очной форме')).toBe('full_time');
  });
  it('returns null for what it cannot tell', () => {
    for (const s of ['', '  ', 'дистанционная', 'СО', 'домашнее', '-']) expect(parseEducationForm(s), s).toBeNull();
  });
});
