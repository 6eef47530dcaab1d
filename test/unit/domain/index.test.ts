import { describe, it, expect } from 'vitest';
import * as domain from '../../../shared/domain';

describe('shared/domain index', () => {
  it('re-exports every module', () => {
    for (const name of ['isValidIsoDate', 'parseRuDate', 'formatRuDate', 'addMonths', 'addYears', 'compareIso', 'todayIso',
      'ageOn', 'isCompulsoryAge', 'firstGradeAgeStatus', 'compulsoryWindow', 'levelOfGrade', 'parseClassLabel',
      'schoolYearOf', 'EDUCATION_FORMS', 'isInsideOrganization', 'normalizeName', 'layoutToCyrillic', 'compareRu',
      'sortKeyRu', 'normalizeSnils', 'validateSnils', 'formatSnils']) {
      expect(domain, name).toHaveProperty(name);
    }
  });
});
