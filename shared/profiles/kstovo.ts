import { KSTOVO_FORMS } from '../reports/forms-kstovo';
import type { RegulationProfile } from './types';

const DEPT = 'Департамент образования';
/** Months of the school year with lessons (September to May): «каждого месяца текущего учебного года». */
const SCHOOL_MONTHS = [9, 10, 11, 12, 1, 2, 3, 4, 5] as const;

/**
 * Порядок организации учёта детей Кстовского муниципального округа, п. 2.1–2.4. The regulation does not name
 * individual schools and kindergartens: the administrator adds them after set-up.
 */
export const kstovo: RegulationProfile = {
  id: 'kstovo',
  title: 'Кстовский муниципальный округ (Нижегородская область)',
  municipality: 'Кстовский муниципальный округ',
  departmentName: 'Департамент образования администрации Кстовского муниципального округа Нижегородской области',
  source: 'kstovo-poryadok.txt',
  truancyThresholdPercent: null,
  truancyMarkedBySchool: true,
  truancyBasis: 'п. 3.2, приложение 3: доля пропусков не установлена — систематически пропускающих отмечает школа',
  expelledUnconfirmedDays: 10,
  forms: KSTOVO_FORMS,
  listKinds: [
    { id: 'preschool-5-7', title: 'Дети 5–7 лет, завершающие дошкольное образование и подлежащие приёму в 1-й класс', orgKinds: ['kindergarten', 'school'], claim: { type: 'study' }, asOf: 'на 1 января', basis: 'п. 3.1' },
    { id: 'territory-5-18', title: 'Дети 5–18 лет, проживающие на закреплённой территории (приложение 1)', orgKinds: ['school'], claim: { type: 'presence' }, asOf: 'на 1 февраля', basis: 'п. 3.1, приложение 1' },
    { id: 'pupils-by-class', title: 'Обучающиеся по классам (приложение 2)', orgKinds: ['school'], claim: { type: 'study' }, asOf: 'на 1 сентября', basis: 'п. 3.1, приложение 2', pupilsList: true },
    { id: 'health', title: 'Не получающие образование по состоянию здоровья', orgKinds: ['school', 'hospital'], claim: { type: 'condition', kind: 'health' }, asOf: 'на 10 сентября', basis: 'п. 3.1' },
    { id: 'not-studying', title: 'Не имеющие общего образования и не обучающиеся в нарушение закона', orgKinds: ['school', 'commission', 'police', 'social'], claim: { type: 'presence' }, asOf: 'на 10 сентября', basis: 'п. 3.1' },
    { id: 'truancy', title: 'Не посещающие или систематически пропускающие занятия (приложение 3)', orgKinds: ['school'], claim: { type: 'presence' }, asOf: 'на 20 число месяца', basis: 'п. 3.2, приложение 3' },
    { id: 'grade9-leavers', title: 'Окончившие 9 класс и продолжение образования (приложение 4)', orgKinds: ['school'], claim: { type: 'presence' }, asOf: 'на 1 сентября', basis: 'п. 3.2, приложение 4' },
    { id: 'movement', title: 'Зачисленные и отчисленные в течение учебного года (приложение 5)', orgKinds: ['school'], claim: { type: 'study' }, asOf: 'на 10 сентября', basis: 'п. 3.2, приложение 5' },
    { id: 'family-education', title: 'Дети на семейном образовании', orgKinds: ['school', 'department'], claim: { type: 'form', form: 'family' }, asOf: 'на 10 сентября', basis: 'п. 2.4.1, 3.1' },
    { id: 'self-education', title: 'Дети на самообразовании', orgKinds: ['school', 'department'], claim: { type: 'form', form: 'self' }, asOf: 'на 10 сентября', basis: 'п. 2.4.2' },
    { id: 'pdn', title: 'Несовершеннолетние на учёте в ПДН', orgKinds: ['police'], claim: { type: 'flag', kind: 'pdn' }, asOf: 'на дату списка', basis: 'п. 4.4' },
    { id: 'kdn', title: 'Несовершеннолетние на учёте в КДНиЗП', orgKinds: ['commission'], claim: { type: 'flag', kind: 'kdn' }, asOf: 'на дату списка', basis: 'п. 4.4' },
    { id: 'guardianship', title: 'Дети под опекой (попечительством)', orgKinds: ['social'], claim: { type: 'flag', kind: 'guardianship' }, asOf: 'на дату списка', basis: 'п. 4.4' },
    { id: 'rehab', title: 'Дети в специализированных и лечебно-профилактических учреждениях', orgKinds: ['hospital', 'social'], claim: { type: 'condition', kind: 'rehab' }, asOf: 'на дату списка', basis: 'п. 2.4.1' },
  ],
  deadlines: [
    { id: 'preschool-jan1', what: 'Дети 5–7 лет, завершающие дошкольное образование и подлежащие приёму в 1-й класс', from: ['kindergarten', 'school'], to: DEPT, when: 'по состоянию на 1 января текущего года', schedule: { type: 'yearly', month: 1, day: 1 }, evidence: { type: 'list', listKind: 'preschool-5-7' }, basis: 'п. 3.1' },
    { id: 'territory-feb1', what: 'Дети 5–18 лет, проживающие на закреплённой территории (приложение 1)', from: ['school'], to: DEPT, when: 'по состоянию на 1 февраля текущего года', schedule: { type: 'yearly', month: 2, day: 1 }, evidence: { type: 'list', listKind: 'territory-5-18' }, basis: 'п. 3.1, приложение 1' },
    { id: 'base-mar1', what: 'Сформировать единую информационную базу данных по результатам первичного учёта', from: ['department'], to: 'департамент образования (своя работа с единой базой данных)', when: 'не позднее 1 марта текущего года', schedule: { type: 'yearly', month: 3, day: 1 }, evidence: { type: 'none' }, basis: 'п. 4.1.2' },
    { id: 'pupils-sep1', what: 'Список обучающихся по классам (приложение 2)', from: ['school'], to: DEPT, when: 'по состоянию на 1 сентября текущего года', schedule: { type: 'yearly', month: 9, day: 1 }, evidence: { type: 'list', listKind: 'pupils-by-class' }, basis: 'п. 3.1, приложение 2' },
    { id: 'grade9-sep1', what: 'Окончившие 9 класс и распределение по формам получения среднего общего образования (приложение 4)', from: ['school'], to: DEPT, when: 'по состоянию на 1 сентября текущего года', schedule: { type: 'yearly', month: 9, day: 1 }, evidence: { type: 'list', listKind: 'grade9-leavers' }, basis: 'п. 3.2, приложение 4' },
    { id: 'health-sep10', what: 'Не получающие образование по состоянию здоровья', from: ['school'], to: DEPT, when: 'по состоянию на 10 сентября текущего года', schedule: { type: 'yearly', month: 9, day: 10 }, evidence: { type: 'list', listKind: 'health' }, basis: 'п. 3.1' },
    { id: 'not-studying-sep10', what: 'Не имеющие общего образования и не обучающиеся в нарушение закона', from: ['school'], to: DEPT, when: 'по состоянию на 10 сентября текущего года', schedule: { type: 'yearly', month: 9, day: 10 }, evidence: { type: 'list', listKind: 'not-studying' }, basis: 'п. 3.1' },
    { id: 'family-sep10', what: 'Выбор родителями формы получения общего образования (семейное образование)', from: ['school'], to: DEPT, when: 'по состоянию на 10 сентября текущего года', schedule: { type: 'yearly', month: 9, day: 10 }, evidence: { type: 'list', listKind: 'family-education' }, basis: 'п. 3.1' },
    { id: 'movement-sep10', what: 'Зачисленные и отчисленные в течение учебного года (приложение 5)', from: ['school'], to: DEPT, when: 'по состоянию на 10 сентября текущего года', schedule: { type: 'yearly', month: 9, day: 10 }, evidence: { type: 'list', listKind: 'movement' }, basis: 'п. 3.2, приложение 5' },
    { id: 'forms-sep10', what: 'Численность обучающихся по формам получения образования (приложение 6)', from: ['school'], to: DEPT, when: 'по состоянию на 10 сентября текущего года', schedule: { type: 'yearly', month: 9, day: 10 }, evidence: { type: 'form', formId: 'kstovo-app6' }, basis: 'п. 3.2, приложение 6' },
    { id: 'truancy-20', what: 'Не посещающие или систематически пропускающие занятия (приложение 3)', from: ['school'], to: DEPT, when: 'по состоянию на 20 число каждого месяца учебного года', schedule: { type: 'monthly', day: 20, months: SCHOOL_MONTHS }, evidence: { type: 'list', listKind: 'truancy' }, basis: 'п. 3.2, приложение 3' },
    { id: 'reconcile-sep25', what: 'Сверка единой информационной базы данных со списками обучающихся образовательных организаций', from: ['department'], to: 'департамент образования (своя работа с единой базой данных)', when: 'ежегодно до 25 сентября', schedule: { type: 'yearly', month: 9, day: 25 }, evidence: { type: 'none' }, basis: 'п. 3.3' },
    { id: 'correct-oct1', what: 'Корректировка единой информационной базы данных', from: ['department'], to: 'департамент образования (своя работа с единой базой данных)', when: 'по состоянию на 1 октября текущего года', schedule: { type: 'yearly', month: 10, day: 1 }, evidence: { type: 'none' }, basis: 'п. 4.1.2' },
  ],
  participants: [
    {
      key: 'department',
      kind: 'department',
      fullName: 'Департамент образования администрации Кстовского муниципального округа Нижегородской области',
      shortName: 'Департамент образования',
      headPosition: 'Директор департамента',
      basis: 'п. 2.1, 2.2',
    },
    {
      key: 'commission',
      kind: 'commission',
      fullName: 'Комиссия по делам несовершеннолетних и защите их прав Кстовского муниципального округа',
      shortName: 'КДНиЗП',
      headPosition: 'Председатель комиссии',
      basis: 'п. 2.3, 4.4 (система профилактики)',
    },
    {
      key: 'police',
      kind: 'police',
      fullName: 'Подразделение по делам несовершеннолетних органа внутренних дел Кстовского муниципального округа',
      shortName: 'ПДН',
      headPosition: 'Начальник подразделения',
      basis: 'п. 2.3, 4.4 (система профилактики)',
    },
    {
      key: 'social',
      kind: 'social',
      fullName: 'Орган социальной защиты населения Кстовского муниципального округа',
      shortName: 'Соцзащита',
      headPosition: 'Руководитель',
      basis: 'п. 2.3, 4.4 (система профилактики)',
    },
    {
      key: 'guardianship',
      kind: 'social',
      fullName: 'Орган опеки и попечительства Кстовского муниципального округа',
      shortName: 'Опека',
      headPosition: 'Руководитель',
      basis: 'п. 2.3, 4.4 (система профилактики)',
    },
    {
      key: 'hospital',
      kind: 'hospital',
      fullName: 'Учреждение здравоохранения Кстовского муниципального округа',
      shortName: 'Больница',
      headPosition: 'Главный врач',
      basis: 'п. 2.4.1 (дети в лечебно-профилактических учреждениях)',
    },
  ],
};
