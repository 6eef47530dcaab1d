import type { FormDef } from '../reports/types';

/** Kinds of participants the regulations name. Stable ids: stored in the database. */
export const ORG_KINDS = [
  'department',
  'school',
  'college',
  'kindergarten',
  'police',
  'migration',
  'social',
  'hospital',
  'commission',
  'other',
] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

export const ORG_KIND_LABELS: Record<OrgKind, string> = {
  department: 'Орган управления образованием',
  school: 'Общеобразовательная организация',
  college: 'Профессиональная образовательная организация (колледж, техникум)',
  kindergarten: 'Дошкольная образовательная организация',
  police: 'Органы внутренних дел (ПДН, участковые)',
  migration: 'Миграционный пункт',
  social: 'Социальная политика, опека',
  hospital: 'Здравоохранение',
  commission: 'Комиссия по делам несовершеннолетних',
  other: 'Иная организация',
};

/** A participant pre-filled at set-up; everything is editable afterwards. */
export interface ProfileParticipant {
  /** Stable key within the profile, so a later profile update can find the row it created. */
  key: string;
  kind: OrgKind;
  fullName: string;
  shortName: string;
  headPosition: string;
  /** Where in the regulation the participant is named. */
  basis: string;
}

/**
 * What a row of a list says about the child beyond the columns it has (addresses, class, order numbers and
 * the form of education are read from their columns whatever the kind).
 */
export type ListClaim =
  | { type: 'study' } // the child studies in the sending organization
  | { type: 'form'; form: 'family' | 'self' } // the parents chose this form
  | { type: 'flag'; kind: 'pdn' | 'parents_pdn' | 'sop' | 'guardianship' | 'kdn' }
  | { type: 'condition'; kind: 'health' | 'rehab' }
  | { type: 'presence' }; // only that the child exists here (lives, is registered, is not studying…)

/** A list the regulation says a participant sends, with the date it is "as of". */
export interface ListKind {
  id: string;
  title: string;
  /** Who sends it. */
  orgKinds: readonly OrgKind[];
  claim: ListClaim;
  /** The regulation's «по состоянию на …», for people. */
  asOf: string;
  basis: string;
  /** The school's list of all its pupils: what the registry is reconciled with (Кстово п. 3.3; electron/services/territories/reconcile.ts). */
  pupilsList?: boolean;
}

/**
 * A date the regulation sets (shared/domain/deadlines.ts computes its occurrences and statuses): once a year on a
 * day of a month, or on a day of each listed month (a day the month lacks — the 30th in February — is its last day).
 */
export type DeadlineSchedule =
  | { type: 'yearly'; month: number; day: number }
  | { type: 'monthly'; day: number; months: readonly number[] };

/**
 * What shows a duty done: an applied list of that kind from the organization for the period (intake), a registered
 * printout of a form for the period (the department's own reports), or nothing the registry can see.
 */
export type DeadlineEvidence = { type: 'list'; listKind: string } | { type: 'form'; formId: string } | { type: 'none' };

/** A duty of the regulation with its date: who owes what to whom, where it is written. */
export interface DeadlineDef {
  /** Stable id within the profile. */
  id: string;
  /** What is owed, for people: «Список обучающихся по классам (приложение 2)». */
  what: string;
  /** Who owes it: every active organization of these kinds ('department' — the department's own duty). */
  from: readonly OrgKind[];
  /** To whom, in the regulation's words. */
  to: string;
  /** The regulation's wording of the date: «по состоянию на 1 февраля», «ежемесячно до 28 числа». */
  when: string;
  schedule: DeadlineSchedule;
  evidence: DeadlineEvidence;
  /** Пункт of the regulation. */
  basis: string;
}

export interface RegulationProfile {
  id: string;
  title: string;
  municipality: string;
  /** The regulation's own name of the body that keeps the registry. */
  departmentName: string;
  /** Which file of ../shared/regulations the profile encodes (for people reading the code). */
  source: string;
  participants: ProfileParticipant[];
  /** Share of missed lessons in the reporting period above which a pupil "systematically misses" (null: not set). */
  truancyThresholdPercent: number | null;
  /**
   * Whether a pupil «систематически пропускает» when the school marks him so (the regulation gives no number, the
   * school decides): the attendance screen offers the mark, and the truancy list takes marked pupils.
   */
  truancyMarkedBySchool: boolean;
  /** Where the regulation defines the truancy rule, for people («Инструкция, п. 3.4»). */
  truancyBasis: string;
  /**
   * Days after an expulsion without a confirmed continuation of education (an enrolment elsewhere, a form of
   * education; Кстово приложение 5 «Подтверждение о продолжении образования») after which the pupil is a
   * not-in-education candidate. Neither regulation gives a number: the municipality sets it here.
   */
  expelledUnconfirmedDays: number;
  listKinds: readonly ListKind[];
  /** The report forms of the regulation's appendices (shared/reports), rendered by one engine to PDF and XLSX. */
  forms: readonly FormDef[];
  /** The calendar the regulation implies (shared/domain/deadlines.ts). */
  deadlines: readonly DeadlineDef[];
}
