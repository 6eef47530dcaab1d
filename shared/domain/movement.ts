import { addMonths, daysBetween, type IsoDate } from './dates';
import { addWorkingDays } from './workingDays';

/**
 * Movement of pupils (ЗАТО Свободный Инструкция п. 2.6, Порядок п. 1.7, 3.2.6; Кстово п. 4.1.4–4.1.5,
 * приложения 4 и 5): the rules the movement service and the screens share.
 */

/**
 * The receiving school tells the sending one the number and date of its enrolment order «в течение двух
 * рабочих дней с даты издания распорядительного акта» (Инструкция п. 2.6; Порядок перевода, приказ
 * Минобрнауки от 12.03.2014 № 177, п. 12).
 */
export const TRANSFER_NOTICE_WORKING_DAYS = 2;

export function transferNoticeDue(orderDate: IsoDate): IsoDate {
  return addWorkingDays(orderDate, TRANSFER_NOTICE_WORKING_DAYS);
}

/** Where a task with a due date stands on `today`. */
export type TaskStatus = 'open' | 'overdue' | 'done' | 'done-late';

export function taskStatus(due: IsoDate, doneOn: IsoDate | null, today: IsoDate): TaskStatus {
  if (doneOn) return doneOn > due ? 'done-late' : 'done';
  return today > due ? 'overdue' : 'open';
}

export const TASK_STATUS_LABELS: Record<TaskStatus, string> = {
  open: 'в срок',
  overdue: 'просрочено',
  done: 'выполнено',
  'done-late': 'выполнено с опозданием',
};

/** Days past the due date (0 while not overdue). */
export function daysOverdue(due: IsoDate, doneOn: IsoDate | null, today: IsoDate): number {
  return Math.max(0, daysBetween(due, doneOn ?? today));
}

/**
 * The department's measures for a pupil of 15 who left school before basic general education: «не позднее чем в
 * месячный срок» (ЗАТО Свободный п. 3.2.6, Кстово п. 4.1.5), counted from the day the pupil left; a month ends on
 * the same day of the next month (ГК РФ ст. 192 п. 3).
 */
export function leave15MeasuresDue(leftOn: IsoDate): IsoDate {
  return addMonths(leftOn, 1);
}

/** Reasons of an expulsion, as the order words them (stored as text in studies.leave_reason). */
export const EXPULSION_REASONS = [
  'перевод в другую образовательную организацию',
  'выбытие за пределы муниципалитета',
  'переход на семейное образование',
  'переход на самообразование',
  'получение основного общего образования',
  'получение среднего общего образования',
  'оставление школы по достижении 15 лет',
  'отчисление как мера дисциплинарного взыскания',
  'по заявлению родителей (законных представителей)',
] as const;

/** Reasons after which no confirmation of further education is expected (the pupil finished school). */
export const FINISHED_REASONS: readonly string[] = ['получение среднего общего образования'];

/** Where a pupil continued education after leaving (Кстово приложения 4 и 5). */
export const CONTINUATION_KINDS = ['school', 'spo', 'family', 'self', 'work', 'moved', 'other'] as const;
export type ContinuationKind = (typeof CONTINUATION_KINDS)[number];

export const CONTINUATION_LABELS: Record<ContinuationKind, string> = {
  school: 'общеобразовательная организация',
  spo: 'профессиональная образовательная организация (СПО)',
  family: 'семейное образование',
  self: 'самообразование',
  work: 'трудоустройство',
  moved: 'выбыл за пределы муниципалитета',
  other: 'иное',
};

/** Kinds that continue education (a confirmation of an enrolment elsewhere or of a form of education). */
export function continuesEducation(kind: ContinuationKind): boolean {
  return kind === 'school' || kind === 'spo' || kind === 'family' || kind === 'self' || kind === 'moved';
}

/** Whole days since the pupil's expulsion. */
export function daysSince(date: IsoDate, today: IsoDate): number {
  return Math.max(0, daysBetween(date, today));
}

/**
 * An expelled pupil without a confirmed continuation becomes a not-in-education candidate once `afterDays`
 * (the profile's `expelledUnconfirmedDays`) have passed since the expulsion.
 */
export function unconfirmedIsCandidate(expelledOn: IsoDate, today: IsoDate, afterDays: number): boolean {
  return daysSince(expelledOn, today) >= afterDays;
}

export const FIRST_GRADE_DECISIONS = ['granted', 'refused'] as const;
export type FirstGradeDecision = (typeof FIRST_GRADE_DECISIONS)[number];
export const FIRST_GRADE_DECISION_LABELS: Record<FirstGradeDecision, string> = { granted: 'разрешено', refused: 'отказано' };

/** «Где продолжает обучение» as the forms print it: the organization's name, or the kind when there is none. */
export function continuationText(kind: string | null, where: string | null): string {
  if (where) return where;
  return kind && kind in CONTINUATION_LABELS ? CONTINUATION_LABELS[kind as ContinuationKind] : '';
}
