/**
 * The monthly truancy list: pupils of a school (or of every school) who did not start the school year or
 * systematically miss lessons in a month, by the profile's rule (shared/domain/truancy.ts) over the attendance in
 * force. Read only; the caller checks who may read which school and journals the read.
 */
import type Database from 'better-sqlite3';
import { compareRu } from '../../../shared/domain/collation';
import type { IsoDate } from '../../../shared/domain/dates';
import { schoolYearStart, schoolYearStartYearOf } from '../../../shared/domain/schoolYear';
import { countedFrom, isSystematic, truancyStatus, unexcusedPercent, type MonthFigures, type TruancyRule, type TruancyStatus } from '../../../shared/domain/truancy';
import { inForceSql, recordCardsSql, recordOwners } from '../access';

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
  id: number;
  child_id: number;
  org_id: number;
  lessons_held: number;
  missed_total: number;
  missed_unexcused: number;
  school_mark: string | null;
}

interface PupilRow {
  child_id: number;
  org_id: number;
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

/**
 * A coarse SQL filter that keeps every month the rule (shared/domain/truancy.ts, which alone decides) could flag: every
 * lesson missed (not started?), the school's mark where the profile takes it, or unexcused above the threshold. It only
 * spares reading the other 95 % of a district's rows into JavaScript; a pupil it keeps may still be ruled out.
 */
function mayBeFlaggedSql(rule: TruancyRule): string {
  const parts = ['(a.lessons_held > 0 AND a.missed_total >= a.lessons_held)'];
  if (rule.markedBySchool) parts.push('a.school_mark IS NOT NULL');
  if (rule.thresholdPercent !== null) parts.push(`a.missed_unexcused * 100 > ${Number(rule.thresholdPercent)} * a.lessons_held`);
  return parts.join(' OR ');
}

/**
 * In three steps, so that a district of 200,000 pupils costs one pass over the month's figures: the month's figures
 * (the rule needs nothing else to rule a pupil out), then the flagged pupils' study at the school on the date (class,
 * enrolment; a pupil who left is not listed), then the earlier months of those who may not have started.
 */
export function truancyList(sqlite: Database.Database, rule: TruancyRule, q: TruancyQuery): TruancyRow[] {
  const orgCond = q.orgId === null ? '' : 'AND a.org_id = @org';
  const month = sqlite
    .prepare(
      `SELECT a.id, a.child_id, a.org_id, a.lessons_held, a.missed_total, a.missed_unexcused, a.school_mark
         FROM attendance a WHERE a.month = @month AND a.superseded_by IS NULL ${orgCond} AND (${mayBeFlaggedSql(rule)})`,
    )
    .all({ month: q.month, ...(q.orgId === null ? {} : { org: q.orgId }) }) as MonthRow[];
  const flagged = month.filter((r) => isSystematic(rule, figures(q.month, r)) || (r.lessons_held > 0 && r.missed_total >= r.lessons_held));
  if (flagged.length === 0) return [];
  const key = (childId: number, orgId: number) => `${childId}:${orgId}`;
  // A month written for a card merged since is the kept card's (access.ts); of two cards' entries the later written.
  const owners = recordOwners(sqlite, flagged.map((r) => r.child_id));
  const byPupil = new Map<string, MonthRow>();
  for (const r of flagged) {
    const own = { ...r, child_id: owners.get(r.child_id) ?? r.child_id };
    const had = byPupil.get(key(own.child_id, own.org_id));
    if (!had || had.id < own.id) byPupil.set(key(own.child_id, own.org_id), own);
  }
  const candidates = [...byPupil.values()];
  const pupils = new Map<string, PupilRow>();
  // CROSS JOIN keeps the list of ids the outer loop: the planner must not scan the table and probe the list.
  const readPupils = sqlite.prepare(
    `SELECT j.value ->> '$[0]' AS child_id, j.value ->> '$[1]' AS org_id, c.surname, c.name, c.patronymic, c.birth_date, s.class_label,
            coalesce(s.valid_from, s.enrol_order_date) AS enrolled_on
       FROM json_each(@pairs) j
       CROSS JOIN children c ON c.id = j.value ->> '$[0]' AND c.status = 'active'
       JOIN studies s ON s.id = (SELECT s2.id FROM studies s2 WHERE s2.child_id = c.id AND s2.org_id = j.value ->> '$[1]' AND ${inForceSql('s2', '@asOf')}
                                  ORDER BY coalesce(s2.valid_from, '') DESC, s2.id DESC LIMIT 1)`,
  );
  for (const p of readPupils.all({ pairs: JSON.stringify(candidates.map((r) => [r.child_id, r.org_id])), asOf: q.asOf }) as PupilRow[]) {
    pupils.set(key(p.child_id, p.org_id), p);
  }
  // Only a pupil who missed every lesson of the month can be «not started»: his earlier months are read, nobody else's.
  const yearStart = schoolYearStart(schoolYearStartYearOf(`${q.month}-01`)).slice(0, 7);
  const maybeNotStarted = candidates.filter((r) => {
    const p = pupils.get(key(r.child_id, r.org_id));
    return p && r.lessons_held > 0 && r.missed_total >= r.lessons_held && countedFrom(q.month, p.enrolled_on) < q.month;
  });
  const earlier = new Map<string, MonthFigures[]>();
  if (maybeNotStarted.length > 0) {
    const read = sqlite.prepare(
      `SELECT j.value AS child_id, a.org_id, a.month, a.lessons_held, a.missed_total, a.missed_unexcused
         FROM json_each(@ids) j CROSS JOIN attendance a INDEXED BY attendance_child_idx ON a.child_id IN ${recordCardsSql('j.value')}
        WHERE a.month >= @from AND a.month < @month AND a.superseded_by IS NULL ORDER BY a.id`,
    );
    const got = read.all({ ids: JSON.stringify([...new Set(maybeNotStarted.map((r) => r.child_id))]), from: yearStart, month: q.month }) as (MonthRow & { month: string })[];
    for (const g of got) {
      let list = earlier.get(key(g.child_id, g.org_id));
      if (!list) earlier.set(key(g.child_id, g.org_id), (list = []));
      list.push(figures(g.month, g));
    }
  }
  const out: TruancyRow[] = [];
  for (const r of candidates) {
    const p = pupils.get(key(r.child_id, r.org_id));
    if (!p) continue;
    const months = [...(earlier.get(key(r.child_id, r.org_id)) ?? []), figures(q.month, r)];
    const status = truancyStatus(rule, q.month, p.enrolled_on, months);
    if (!status) continue;
    out.push({
      childId: r.child_id,
      orgId: r.org_id,
      surname: p.surname,
      name: p.name,
      patronymic: p.patronymic,
      birthDate: p.birth_date,
      classLabel: p.class_label,
      enrolledOn: p.enrolled_on,
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
