/**
 * Truancy: «не приступил к обучению» and «систематически пропускает», from a pupil's attendance and the
 * regulation profile. The one definition; the attendance screen, the monthly lists, the department's overview,
 * the command line and the bench all call it.
 *
 * - ЗАТО Свободный, Инструкция п. 3.4: «не посещающие — не приступившие к обучению в текущем учебном году»;
 *   «систематически пропускающие — доля пропущенных без уважительной причины занятий составляет более 75 % от
 *   общего числа занятий за отчетный период» (strictly more: exactly 75 % is not).
 * - Кстово, п. 3.2 and приложение 3: no number; the school marks the pupil (`truancyMarkedBySchool`).
 */
import { schoolYearStart, schoolYearStartYearOf } from './schoolYear';
import { daysInMonth, type IsoDate } from './dates';

/** What the profile says (shared/profiles/types.ts). */
export interface TruancyRule {
  /** Unexcused share of the period's lessons above which a pupil systematically misses; null: no number. */
  thresholdPercent: number | null;
  /** The school's own mark makes a pupil systematically missing. */
  markedBySchool: boolean;
}

export function truancyRuleOf(profile: { truancyThresholdPercent: number | null; truancyMarkedBySchool: boolean }): TruancyRule {
  return { thresholdPercent: profile.truancyThresholdPercent, markedBySchool: profile.truancyMarkedBySchool };
}

/** A pupil's month at a school: the lessons held for the pupil (from enrolment, if enrolled during the month). */
export interface MonthFigures {
  /** YYYY-MM */
  month: string;
  lessonsHeld: number;
  missedTotal: number;
  missedUnexcused: number;
  /** The school marked the pupil «систематически пропускает» for the month. */
  schoolMark?: boolean;
}

export type TruancyStatus = 'not-started' | 'systematic';

export const TRUANCY_STATUS_LABELS: Record<TruancyStatus, string> = {
  'not-started': 'Не посещает (не приступил к обучению)',
  systematic: 'Систематически пропускает',
};

/** Problems with figures as entered, in Russian, by field; empty when they hold together. */
export function figuresIssues(f: { lessonsHeld: number; missedTotal: number; missedUnexcused: number }): { field: 'lessonsHeld' | 'missedTotal' | 'missedUnexcused'; message: string }[] {
  const out: { field: 'lessonsHeld' | 'missedTotal' | 'missedUnexcused'; message: string }[] = [];
  const whole = (n: number) => Number.isInteger(n) && n >= 0 && n <= 10_000;
  if (!whole(f.lessonsHeld)) out.push({ field: 'lessonsHeld', message: 'Число проведённых уроков — целое число от 0' });
  if (!whole(f.missedTotal)) out.push({ field: 'missedTotal', message: 'Число пропущенных уроков — целое число от 0' });
  if (!whole(f.missedUnexcused)) out.push({ field: 'missedUnexcused', message: 'Число пропусков без уважительной причины — целое число от 0' });
  if (out.length) return out;
  if (f.missedTotal > f.lessonsHeld) out.push({ field: 'missedTotal', message: `Пропущено (${f.missedTotal}) больше, чем проведено уроков (${f.lessonsHeld})` });
  if (f.missedUnexcused > f.missedTotal) {
    out.push({ field: 'missedUnexcused', message: `Без уважительной причины (${f.missedUnexcused}) больше, чем пропущено всего (${f.missedTotal})` });
  }
  return out;
}

/** Share of the month's lessons missed without a good reason, in percent (one decimal); null when no lessons were held. */
export function unexcusedPercent(f: { lessonsHeld: number; missedUnexcused: number }): number | null {
  if (f.lessonsHeld <= 0) return null;
  return Math.round((f.missedUnexcused * 1000) / f.lessonsHeld) / 10;
}

/**
 * Whether the month's figures make the pupil «систематически пропускает»: above the threshold (compared in whole
 * numbers, so 75 % exactly is not above it), or the school's mark where the profile relies on it. A period with
 * no lessons is never above a threshold.
 */
export function isSystematic(rule: TruancyRule, f: MonthFigures): boolean {
  if (rule.markedBySchool && f.schoolMark) return true;
  if (rule.thresholdPercent === null || f.lessonsHeld <= 0) return false;
  return f.missedUnexcused * 100 > rule.thresholdPercent * f.lessonsHeld;
}

const monthOf = (d: IsoDate): string => d.slice(0, 7);

function nextMonth(m: string): string {
  const y = Number(m.slice(0, 4));
  const mo = Number(m.slice(5, 7));
  return mo === 12 ? `${y + 1}-01` : `${m.slice(0, 4)}-${String(mo + 1).padStart(2, '0')}`;
}

/** The months from the start month to the end month, inclusive. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let m = from; m <= to && out.length < 240; m = nextMonth(m)) out.push(m);
  return out;
}

/** The months a pupil is counted from in the school year of `month`: its 1 September, or the month he was enrolled. */
export function countedFrom(month: string, enrolledOn: IsoDate | null): string {
  const yearStart = monthOf(schoolYearStart(schoolYearStartYearOf(`${month}-01`)));
  const enrolled = enrolledOn ? monthOf(enrolledOn) : yearStart;
  return enrolled > yearStart ? enrolled : yearStart;
}

/**
 * «Не приступил к обучению»: enrolled for the school year, and not one lesson attended since its start (or since
 * his enrolment, if later). Every month from then to `month` must be known, with lessons held and all of them
 * missed — a month without figures could hold the lesson he came to, so the rule does not guess.
 */
export function notStarted(month: string, enrolledOn: IsoDate | null, months: readonly MonthFigures[]): boolean {
  if (enrolledOn !== null && monthOf(enrolledOn) > month) return false;
  const byMonth = new Map(months.map((m) => [m.month, m]));
  let held = 0;
  for (const m of monthsBetween(countedFrom(month, enrolledOn), month)) {
    const f = byMonth.get(m);
    if (!f) return false;
    if (f.missedTotal < f.lessonsHeld) return false;
    held += f.lessonsHeld;
  }
  return held > 0;
}

/**
 * The pupil's status for `month`: not started (first: it says more), systematically missing, or null. `months`
 * are his figures at the school in the school year (other months are ignored).
 */
export function truancyStatus(rule: TruancyRule, month: string, enrolledOn: IsoDate | null, months: readonly MonthFigures[]): TruancyStatus | null {
  if (notStarted(month, enrolledOn, months)) return 'not-started';
  const f = months.find((m) => m.month === month);
  return f && isSystematic(rule, f) ? 'systematic' : null;
}

/** YYYY-MM, a real month. */
export function isMonth(s: unknown): s is string {
  return typeof s === 'string' && /^\d{4}-(0[1-9]|1[0-2])$/u.test(s);
}

/** «октябрь 2026» */
export function monthLabel(month: string): string {
  const names = ['январь', 'февраль', 'март', 'апрель', 'май', 'июнь', 'июль', 'август', 'сентябрь', 'октябрь', 'ноябрь', 'декабрь'];
  return `${names[Number(month.slice(5, 7)) - 1] ?? month} ${month.slice(0, 4)}`;
}

/** The last day of a month. */
export function monthEnd(month: string): IsoDate {
  return `${month}-${String(daysInMonth(Number(month.slice(0, 4)), Number(month.slice(5, 7)))).padStart(2, '0')}`;
}
