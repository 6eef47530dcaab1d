/**
 * Forms of receiving general education (ФЗ-273 ст. 17; ЗАТО Свободный п. 1.5):
 * in an organization — очная, очно-заочная, заочная (п. 1.5.1);
 * outside organizations — семейное образование, самообразование (п. 1.5.2).
 * Plain data, no zod here: schemas are built from EDUCATION_FORM_IDS elsewhere.
 */
export const EDUCATION_FORMS = [
  { id: 'full_time', label: 'очная', insideOrganization: true },
  { id: 'part_time', label: 'очно-заочная', insideOrganization: true },
  { id: 'extramural', label: 'заочная', insideOrganization: true },
  { id: 'family', label: 'семейное образование', insideOrganization: false },
  { id: 'self', label: 'самообразование', insideOrganization: false },
] as const;

export type EducationForm = (typeof EDUCATION_FORMS)[number];
export type EducationFormId = EducationForm['id'];

export const EDUCATION_FORM_IDS: readonly EducationFormId[] = EDUCATION_FORMS.map((f) => f.id);

export type EducationFormPlace = 'inside' | 'outside';

export const EDUCATION_FORM_PLACE_LABELS: Readonly<Record<EducationFormPlace, string>> = {
  inside: 'в организации, осуществляющей образовательную деятельность',
  outside: 'вне организаций, осуществляющих образовательную деятельность',
};

export function isEducationFormId(s: unknown): s is EducationFormId {
  return typeof s === 'string' && (EDUCATION_FORM_IDS as readonly string[]).includes(s);
}

export function educationForm(id: EducationFormId): EducationForm {
  const f = EDUCATION_FORMS.find((x) => x.id === id);
  if (!f) throw new RangeError(`Неизвестная форма получения образования: ${String(id)}`);
  return f;
}

export function educationFormLabel(id: EducationFormId): string {
  return educationForm(id).label;
}

/** очная, очно-заочная, заочная: the child is a pupil of an organization. */
export function isInsideOrganization(id: EducationFormId): boolean {
  return educationForm(id).insideOrganization;
}

/** семейное образование, самообразование: the child is outside organizations. */
export function isOutsideOrganization(id: EducationFormId): boolean {
  return !isInsideOrganization(id);
}

export function educationFormPlace(id: EducationFormId): EducationFormPlace {
  return isInsideOrganization(id) ? 'inside' : 'outside';
}

/**
 * Form written in a list cell («Очно-заочная», «семейная форма», «самообр.»)
 * → id, or null (guessing no abbreviations). Order matters: «очно-заочная» contains both «очн» and «заочн».
 */
export function parseEducationForm(text: string): EducationFormId | null {
  const t = text
    .toLowerCase()
    .replace(/ё/gu, 'е')
    .replace(/[\u2010-\u2015]/gu, '-')
    .replace(/\s+/gu, ' ')
    .trim();
  if (t === '') return null;
  if (/очно\s*-?\s*заочн|вечерн/u.test(t)) return 'part_time';
  if (/заочн/u.test(t)) return 'extramural';
  if (/семейн/u.test(t)) return 'family';
  if (/самообр/u.test(t)) return 'self';
  if (/^очн|\sочн/u.test(t)) return 'full_time';
  return null;
}
