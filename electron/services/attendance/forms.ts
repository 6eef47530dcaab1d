/**
 * The rows of the monthly truancy lists (ЗАТО Свободный Приложение 1 к Инструкции, Кстово Приложение 3) for the
 * report engine's `truancy` row source (reports/prepare.ts): the month of the form's date, the pupils of the
 * school on that date, the profile's rule; the cause and the measures from the school register's recorded steps.
 */
import type Database from 'better-sqlite3';
import type { IsoDate } from '../../../shared/domain/dates';
import { formatRuDate } from '../../../shared/domain/dates';
import { TRUANCY_STATUS_LABELS, truancyRuleOf } from '../../../shared/domain/truancy';
import type { RegulationProfile } from '../../../shared/profiles/types';
import { measuresTaken } from '../schoolRegister/measures';
import { truancyList, type TruancyRow } from './truancy';

export interface TruancyFormRow {
  id: number;
  fio: string;
  birth_date: string;
  class_label: string | null;
  cells: { classLabel: string | null; absence: string; missedShare: number | null; reasonMeasures: string };
}

const pct = (n: number | null): string => (n === null ? '—' : `${String(n).replace('.', ',')} %`);

/** What the attendance says, where no cause or measure is recorded. */
export function attendanceReason(r: TruancyRow, profile: RegulationProfile): string {
  if (r.status === 'not-started') {
    return `Не приступил к обучению${r.enrolledOn ? ` (зачислен ${formatRuDate(r.enrolledOn)})` : ''}: за месяц пропущено ${r.missedTotal} из ${r.lessonsHeld} уроков, без уважительной причины — ${r.missedUnexcused}`;
  }
  const share = `пропущено без уважительной причины ${r.missedUnexcused} из ${r.lessonsHeld} уроков (${pct(r.percent)})`;
  return r.schoolMark && profile.truancyMarkedBySchool ? `Отмечен школой как систематически пропускающий; ${share}` : `Систематические пропуски: ${share}`;
}

export function truancyFormRows(sqlite: Database.Database, profile: RegulationProfile, orgId: number, asOf: IsoDate, periodFrom: IsoDate | null): TruancyFormRow[] {
  const month = asOf.slice(0, 7);
  const from = periodFrom ?? `${month}-01`;
  const rows = truancyList(sqlite, truancyRuleOf(profile), { orgId, month, asOf });
  return rows.map((r) => {
    const steps = measuresTaken(sqlite, r.childId, from, asOf);
    return {
      id: r.childId,
      fio: [r.surname, r.name, r.patronymic].filter(Boolean).join(' '),
      birth_date: r.birthDate,
      class_label: r.classLabel,
      cells: {
        classLabel: r.classLabel,
        absence: TRUANCY_STATUS_LABELS[r.status],
        missedShare: r.percent,
        reasonMeasures: reasonAndMeasures(steps, attendanceReason(r, profile)),
      },
    };
  });
}

/**
 * «Причины пропусков, принятые меры»: the cause the school found out (a contact with the parents, a home visit) or,
 * without one, what the attendance shows; then the steps recorded in the period (schoolRegister/measures.ts).
 */
export function reasonAndMeasures(steps: { cause: string; measures: string }, fromAttendance: string): string {
  const cause = steps.cause.trim() ? `Причина: ${steps.cause.trim()}` : fromAttendance;
  return steps.measures ? `${cause}. Принятые меры: ${steps.measures}` : cause;
}
