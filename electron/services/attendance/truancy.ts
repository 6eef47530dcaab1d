/**
 * The monthly truancy list: pupils of a school (or of every school) who did not start the school year or
 * systematically miss lessons in a month, by the profile's rule (shared/domain/truancy.ts) over the attendance in
 * force. Read only; the caller checks who may read which school and journals the read.
 */
import type Database from 'better-sqlite3';
import { compareRu } from '../../../shared/domain/collation';
import type { IsoDate } from '../../../shared/domain/dates';
import { schoolYearStart, schoolYearStartYearOf } from '../../../shared/domain/schoolYear';
import { countedFrom, truancyStatus, unexcusedPercent, type MonthFigures, type TruancyRule, type TruancyStatus } from '../../../shared/domain/truancy';
import { inForceSql } from '../access';

export interface TruancyRow {
  childId: number;
  orgId: number;
  surname: string;
  name: string;
  patronymic: string | null;
  birthDate: IsoDate;
  classLabel: string | null;
  /** The first day the pupil counts from at the school (his study's start), or null when unknown. */
  enrolledOn: IsoDate | null;
  lessonsHeld: number;
  missedTotal: number;
  missedUnexcused: number;
  /** Unexcused share of the month's lessons, %, one decimal; null when no lessons were held. */
  percent: number | null;
  status: TruancyStatus;
  schoolMark: boolean;
}

export interface TruancyQuery {
  /** One school, or null for every school. */
  orgId: number | null;
  /** YYYY-MM */
  month: string;
  /** The day the pupils are taken as of (their study at the school in force): the form's date or the month's last day. */
  asOf: IsoDate;
}

interface MonthRow {
  child_id: number;
  org_id: number;
  lessons_held: number;
  missed_total: number;
  missed_unexcused: number;
  school_mark: string | null;
  surname: string;
  name: string;
  patronymic: string | null;
  birth_date: string;
  class_label: string | null;
  enrolled_on: string | null;
}

const figures = (month: string, r: { lessons_held: number; missed_total: number; missed_unexcused: number; school_mark?: string | null }): MonthFigures => ({
  month,
  lessonsHeld: r.lessons_held,
  missedTotal: r.missed_total,
  missedUnexcused: r.missed_unexcused,
  schoolMark: (r.school_mark ?? null) !== null,
});

export function truancyList(sqlite: Database.Database, rule: TruancyRule, q: TruancyQuery): TruancyRow[] {
  const orgCond = q.orgId === null ? '' : 'AND a.org_id = @org';
  const rows = sqlite
    .prepare(
      `SELECT a.child_id, a.org_id, a.lessons_held, a.missed_total, a.missed_unexcused, a.school_mark,
              c.surname, c.name, c.patronymic, c.birth_date, s.class_label, coalesce(s.valid_from, s.enrol_order_date) AS enrolled_on
         FROM attendance a
         JOIN children c ON c.id = a.child_id AND c.status = 'active'
         JOIN studies s ON s.id = (SELECT s2.id FROM studies s2 WHERE s2.child_id = a.child_id AND s2.org_id = a.org_id AND ${inForceSql('s2', '@asOf')}
                                    ORDER BY coalesce(s2.valid_from, '') DESC, s2.id DESC LIMIT 1)
        WHERE a.month = @month AND a.superseded_by IS NULL ${orgCond}`,
    )
    .all({ month: q.month, asOf: q.asOf, ...(q.orgId === null ? {} : { org: q.orgId }) }) as MonthRow[];
  // Only a pupil who missed every lesson of the month can be «not started»: his earlier months are read, nobody else's.
  const yearStart = schoolYearStart(schoolYearStartYearOf(`${q.month}-01`)).slice(0, 7);
  const maybeNotStarted = rows.filter((r) => r.lessons_held > 0 && r.missed_total >= r.lessons_held && countedFrom(q.month, r.enrolled_on) < q.month);
  const earlier = new Map<string, MonthFigures[]>();
  if (maybeNotStarted.length > 0) {
    const read = sqlite.prepare(
      `SELECT a.child_id, a.org_id, a.month, a.lessons_held, a.missed_total, a.missed_unexcused
         FROM attendance a JOIN json_each(@ids) j ON j.value = a.child_id
        WHERE a.month >= @from AND a.month < @month AND a.superseded_by IS NULL`,
    );
    const got = read.all({ ids: JSON.stringify(maybeNotStarted.map((r) => r.child_id)), from: yearStart, month: q.month }) as (MonthRow & { month: string })[];
    for (const g of got) {
      const key = `${g.child_id}:${g.org_id}`;
      let list = earlier.get(key);
      if (!list) earlier.set(key, (list = []));
      list.push(figures(g.month, g));
    }
  }
  const out: TruancyRow[] = [];
  for (const r of rows) {
    const months = [...(earlier.get(`${r.child_id}:${r.org_id}`) ?? []), figures(q.month, r)];
    const status = truancyStatus(rule, q.month, r.enrolled_on, months);
    if (!status) continue;
    out.push({
      childId: r.child_id,
      orgId: r.org_id,
      surname: r.surname,
      name: r.name,
      patronymic: r.patronymic,
      birthDate: r.birth_date,
      classLabel: r.class_label,
      enrolledOn: r.enrolled_on,
      lessonsHeld: r.lessons_held,
      missedTotal: r.missed_total,
      missedUnexcused: r.missed_unexcused,
      percent: unexcusedPercent({ lessonsHeld: r.lessons_held, missedUnexcused: r.missed_unexcused }),
      status,
      schoolMark: r.school_mark !== null,
    });
  }
  return out.sort((a, b) => a.orgId - b.orgId || compareRu(`${a.surname} ${a.name} ${a.patronymic ?? ''}`, `${b.surname} ${b.name} ${b.patronymic ?? ''}`) || a.childId - b.childId);
}
