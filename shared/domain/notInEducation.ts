/**
 * The one rule «ребёнок не получает образование на дату» (issue 10; DESIGN.md, section 1, point 3).
 *
 * Both regulations count children «от 6 лет 6 месяцев до 18 лет» who have no general education and do not study
 * (ЗАТО Свободный п. 2.3.x, 2.5, приложение 1: «дети, достигшие школьного возраста, не обучающиеся в
 * общеобразовательных учреждениях»; Кстово п. 2.4.1: «не имеющих общего образования и не обучающихся в нарушение
 * закона»), and list apart those not studying for health reasons and those in specialised/rehabilitation
 * institutions (Кстово п. 2.4.1, п. 3.1; ЗАТО Свободный п. 2.3.6). Compulsory age is shared/domain/age.ts; a fact
 * in force is shared/domain/inForce.ts. The service (electron/services/education/) pre-selects candidates in SQL
 * and gives each one's facts to `classifyEducation`; nothing else decides the group.
 */
import { dateOfAge, FIRST_GRADE_LATEST_YEARS, isCompulsoryAge } from './age';
import { compareIso, type IsoDate } from './dates';
import { isInForce, type FactLife } from './inForce';

export const EDUCATION_GROUPS = ['in-education', 'not-in-education', 'kindergarten-under-8', 'left-municipality?', 'not-compulsory'] as const;
export type EducationGroup = (typeof EDUCATION_GROUPS)[number];

export const EDUCATION_GROUP_LABELS: Record<EducationGroup, string> = {
  'in-education': 'Получает образование',
  'not-in-education': 'Не обучается',
  'kindergarten-under-8': 'Не приступил к обучению, ещё в ДОО — до 8 лет',
  'left-municipality?': 'Выбыл за пределы округа?',
  'not-compulsory': 'Не подлежит обязательному обучению',
};

/** The groups the «Не обучаются» list shows (the rest are in education or outside compulsory age). */
export const LISTED_GROUPS: readonly EducationGroup[] = ['not-in-education', 'left-municipality?', 'kindergarten-under-8'];

/** Organization kinds a study at which is education (general: 'school'; professional: 'college'). */
export const EDUCATING_ORG_KINDS: readonly string[] = ['school', 'college'];
/** Forms of education outside an organization (parents' choice, ФЗ-273 ст. 17). */
export const OUTSIDE_FORMS: readonly string[] = ['family', 'self'];
/** Conditions that excuse: not studying for health reasons; a stay in a rehabilitation centre. */
export const EXCUSING_CONDITIONS: readonly string[] = ['health', 'rehab'];

export interface StudyFact extends FactLife {
  orgKind: string;
  orgName?: string | null;
  classLabel?: string | null;
}
export interface FormFact extends FactLife {
  form: string;
}
export interface ConditionFact extends FactLife {
  kind: string;
}

/** What the rule needs to know about a child (facts of any period; the rule picks those in force). */
export interface ChildEducationFacts {
  birthDate: IsoDate;
  hasSecondaryGeneral: boolean;
  /** children.status: only 'active' records are counted (a merged-away or removed record is not a child). */
  status: string;
  studies: readonly StudyFact[];
  forms: readonly FormFact[];
  conditions: readonly ConditionFact[];
  /** Addresses of any kind (registration, stay, actual). */
  addresses: readonly FactLife[];
}

export type EducationBasis =
  | { kind: 'study'; orgKind: string; orgName: string | null; classLabel: string | null }
  | { kind: 'form'; form: string }
  | { kind: 'condition'; condition: string };

export interface EducationVerdict {
  group: EducationGroup;
  /** Why: for people, Russian. */
  reason: string;
  /** What makes the child in education (group 'in-education'), or the kindergarten (group 'kindergarten-under-8'). */
  basis: EducationBasis | null;
}

const FORM_WORDS: Record<string, string> = { family: 'семейное образование', self: 'самообразование' };
const CONDITION_WORDS: Record<string, string> = {
  health: 'не обучается по состоянию здоровья',
  rehab: 'в реабилитационном центре',
};

function newestInForce<T extends FactLife>(facts: readonly T[], on: IsoDate): T | null {
  let best: T | null = null;
  for (const f of facts) {
    if (!isInForce(f, on)) continue;
    if (!best || compareIso(f.validFrom ?? '', best.validFrom ?? '') > 0) best = f;
  }
  return best;
}

/** The group of a child on a date. Pure: the same facts and date always give the same answer. */
export function classifyEducation(child: ChildEducationFacts, on: IsoDate): EducationVerdict {
  if (child.status !== 'active') return { group: 'not-compulsory', reason: 'запись не действует (объединена или удалена)', basis: null };
  if (compareIso(on, child.birthDate) < 0) return { group: 'not-compulsory', reason: 'ещё не родился на эту дату', basis: null };
  if (child.hasSecondaryGeneral) return { group: 'not-compulsory', reason: 'среднее общее образование получено', basis: null };
  if (!isCompulsoryAge(child.birthDate, on, { hasSecondaryGeneral: false })) {
    return { group: 'not-compulsory', reason: compareIso(on, dateOfAge(child.birthDate, 18)) >= 0 ? 'исполнилось 18 лет' : 'младше 6 лет 6 месяцев', basis: null };
  }
  const study = newestInForce(
    child.studies.filter((s) => EDUCATING_ORG_KINDS.includes(s.orgKind)),
    on,
  );
  if (study) {
    const where = study.orgKind === 'college' ? 'профессиональной образовательной организации' : 'общеобразовательной организации';
    return {
      group: 'in-education',
      reason: `обучается в ${where}${study.orgName ? ` (${study.orgName})` : ''}`,
      basis: { kind: 'study', orgKind: study.orgKind, orgName: study.orgName ?? null, classLabel: study.classLabel ?? null },
    };
  }
  const form = newestInForce(
    child.forms.filter((f) => OUTSIDE_FORMS.includes(f.form)),
    on,
  );
  if (form) return { group: 'in-education', reason: FORM_WORDS[form.form]!, basis: { kind: 'form', form: form.form } };
  const condition = newestInForce(
    child.conditions.filter((c) => EXCUSING_CONDITIONS.includes(c.kind)),
    on,
  );
  if (condition) return { group: 'in-education', reason: CONDITION_WORDS[condition.kind]!, basis: { kind: 'condition', condition: condition.kind } };

  const kindergarten = newestInForce(
    child.studies.filter((s) => s.orgKind === 'kindergarten'),
    on,
  );
  // «не позже достижения ими возраста восьми лет»: from the 8th birthday a kindergarten child is not in education.
  if (kindergarten && compareIso(on, dateOfAge(child.birthDate, FIRST_GRADE_LATEST_YEARS)) < 0) {
    return {
      group: 'kindergarten-under-8',
      reason: 'не приступил к обучению, ещё в ДОО — до 8 лет',
      basis: { kind: 'study', orgKind: 'kindergarten', orgName: kindergarten.orgName ?? null, classLabel: kindergarten.classLabel ?? null },
    };
  }
  // Lived in the municipality (an address was known) but no address holds on the date any more.
  const known = child.addresses.filter((a) => a.supersededBy === null && a.withdrawnAt === null && (a.validFrom === null || a.validFrom <= on));
  if (known.length > 0 && !known.some((a) => isInForce(a, on))) {
    return { group: 'left-municipality?', reason: 'нет действующего адреса в округе — выбыл за пределы округа? (уточнить)', basis: null };
  }
  return {
    group: 'not-in-education',
    reason: kindergarten ? 'исполнилось 8 лет, а ребёнок всё ещё в ДОО' : 'нет обучения, семейного образования или самообразования',
    basis: null,
  };
}

/** A short word for the form column of the registry table (issue 10, п. 1, last paragraph). */
export function formColumnWord(input: { compulsory: boolean; orgKind: string | null; form: string | null; formLabel: string | null }): string {
  if (input.form && input.formLabel) return input.formLabel;
  if (input.orgKind === 'kindergarten') return 'дошкольное';
  if (input.orgKind && EDUCATING_ORG_KINDS.includes(input.orgKind)) return 'форма не указана';
  return input.compulsory ? 'не обучается' : '—';
}

/** The groups printed as «не обучающиеся» (ЗАТО Свободный приложение 1): a kindergarten child under 8 is not an alarm. */
export const PRINTED_GROUPS: readonly EducationGroup[] = ['not-in-education', 'left-municipality?'];
