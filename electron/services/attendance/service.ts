/**
 * Attendance and truancy behind the API contract: the class grid, saving it, importing a journal's report
 * (preview, then all or nothing), the school's truancy list, and the department's overview of every school.
 * A school's user works on its own pupils only (access.ts readScope); every call is journaled by the dispatcher
 * with the school and month as its target, never a child's data.
 */
import type Database from 'better-sqlite3';
import { ApiError } from '../../../shared/api/errors';
import type { CallOutput, ParsedInput } from '../../../shared/api/contract';
import type { IsoDate } from '../../../shared/domain/dates';
import { compareRu } from '../../../shared/domain/collation';
import { monthEnd, monthsBetween, truancyRuleOf, unexcusedPercent, type TruancyRule } from '../../../shared/domain/truancy';
import { schoolYearStart, schoolYearStartYearOf } from '../../../shared/domain/schoolYear';
import { findProfile, type RegulationProfile } from '../../../shared/profiles';
import { keepCurrent, readScope, readerScope, recordCardsSql } from '../access';
import type { CallContext } from '../context';
import { applyJournal, linkJournal, pupilsOf } from './importRows';
import { readJournal } from './readJournal';
import { saveAttendance } from './store';
import { truancyList, type TruancyRow } from './truancy';

export function profileOfDb(sqlite: Database.Database): RegulationProfile {
  const profileId = sqlite.prepare("SELECT value FROM meta WHERE key = 'profileId'").pluck().get() as string;
  const profile = findProfile(profileId);
  if (!profile) throw new ApiError('DAMAGED', `В базе указан неизвестный порядок учёта «${profileId}».`);
  return profile;
}

export function ruleView(profile: RegulationProfile): TruancyRule & { basis: string } {
  return { ...truancyRuleOf(profile), basis: profile.truancyBasis };
}

/** The school a call works on: a school's user its own (another is refused); the department names one. */
export function schoolOf(sqlite: Database.Database, scopeOrgId: number | null, asked: number | null): { id: number; shortName: string } {
  if (scopeOrgId === -1) throw new ApiError('FORBIDDEN', 'Пользователь организации не привязан к организации: обратитесь к администратору.');
  if (scopeOrgId !== null && asked !== null && asked !== scopeOrgId) {
    throw new ApiError('FORBIDDEN', 'Недостаточно прав: посещаемость ведётся только по своей организации.');
  }
  const id = scopeOrgId ?? asked;
  if (id === null) throw new ApiError('VALIDATION', 'Выберите школу', { issues: [{ path: 'orgId', message: 'Не выбрана школа' }] });
  const org = sqlite.prepare('SELECT id, kind, short_name FROM organizations WHERE id = ?').get(id) as { id: number; kind: string; short_name: string } | undefined;
  if (!org) throw new ApiError('NOT_FOUND', `Организация № ${id} не найдена.`);
  if (org.kind !== 'school') throw new ApiError('VALIDATION', `«${org.short_name}» — не общеобразовательная организация: посещаемость ведут школы.`);
  return { id: org.id, shortName: org.short_name };
}

function classSort(a: string, b: string): number {
  return (parseInt(a, 10) || 0) - (parseInt(b, 10) || 0) || compareRu(a, b);
}

/** The day a month's pupils and statuses are taken as of: its last day, or today while the month is going on. */
export function monthAsOf(month: string, today: IsoDate): IsoDate {
  const end = monthEnd(month);
  return end < today ? end : today;
}

export function grid(ctx: CallContext, input: ParsedInput<'attendance.grid'>): CallOutput<'attendance.grid'> {
  const scope = readerScope(ctx);
  const { open } = ctx.session();
  const sqlite = open.sqlite;
  const org = schoolOf(sqlite, scope.orgId, input.orgId);
  const profile = profileOfDb(sqlite);
  const classes = (
    sqlite.prepare("SELECT DISTINCT cur_class FROM children WHERE cur_org_id = ? AND status = 'active' AND cur_class IS NOT NULL AND cur_class != ''").pluck().all(org.id) as string[]
  ).sort(classSort);
  const classLabel = input.classLabel !== null && classes.includes(input.classLabel) ? input.classLabel : (classes[0] ?? null);
  ctx.target('attendance', org.id, { month: input.month, classLabel });
  const pupils =
    classLabel === null
      ? []
      : (sqlite
          .prepare(
            `SELECT c.id, c.surname, c.name, c.patronymic, c.birth_date, c.cur_class,
                    a.lessons_held, a.missed_total, a.missed_unexcused, a.school_mark,
                    (SELECT count(*) FROM attendance h INDEXED BY attendance_child_idx WHERE h.child_id IN ${recordCardsSql('c.id')} AND h.org_id = @org AND h.month = @month AND h.superseded_by IS NOT NULL) AS replaced
               FROM children c
               LEFT JOIN attendance a ON a.id = (SELECT max(x.id) FROM attendance x WHERE x.child_id IN ${recordCardsSql('c.id')} AND x.org_id = @org AND x.month = @month AND x.superseded_by IS NULL)
              WHERE c.cur_org_id = @org AND c.status = 'active' AND c.cur_class = @cls
              ORDER BY c.sort_key, c.id`,
          )
          .all({ org: org.id, month: input.month, cls: classLabel }) as {
          id: number;
          surname: string;
          name: string;
          patronymic: string | null;
          birth_date: string;
          cur_class: string | null;
          lessons_held: number | null;
          missed_total: number | null;
          missed_unexcused: number | null;
          school_mark: string | null;
          replaced: number;
        }[]);
  const statuses = new Map(truancyList(sqlite, truancyRuleOf(profile), { orgId: org.id, month: input.month, asOf: ctx.today() }).map((r) => [r.childId, r.status]));
  return {
    orgId: org.id,
    orgName: org.shortName,
    month: input.month,
    classes,
    classLabel,
    rule: ruleView(profile),
    rows: pupils.map((p) => ({
      childId: p.id,
      fio: [p.surname, p.name, p.patronymic].filter(Boolean).join(' '),
      birthDate: p.birth_date,
      classLabel: p.cur_class,
      lessonsHeld: p.lessons_held,
      missedTotal: p.missed_total,
      missedUnexcused: p.missed_unexcused,
      schoolMark: p.school_mark !== null,
      percent: p.lessons_held === null || p.missed_unexcused === null ? null : unexcusedPercent({ lessonsHeld: p.lessons_held, missedUnexcused: p.missed_unexcused }),
      status: statuses.get(p.id) ?? null,
      replaced: p.replaced,
    })),
  };
}

export function save(ctx: CallContext, input: ParsedInput<'attendance.save'>): CallOutput<'attendance.save'> {
  const scope = readerScope(ctx);
  const { open, user } = ctx.session();
  const sqlite = open.sqlite;
  const org = schoolOf(sqlite, scope.orgId, input.orgId);
  const profile = profileOfDb(sqlite);
  const current = new Set((sqlite.prepare("SELECT id FROM children WHERE cur_org_id = ? AND status = 'active'").pluck().all(org.id) as number[]));
  for (const r of input.rows) {
    if (!current.has(r.childId)) throw new ApiError('FORBIDDEN', `Ученик № ${r.childId} не обучается в «${org.shortName}»: его посещаемость здесь не вносится.`);
  }
  ctx.target('attendance', org.id, { month: input.month, rows: input.rows.length, origin: 'grid' });
  return ctx.tx(() =>
    saveAttendance(sqlite, {
      orgId: org.id,
      month: input.month,
      // The mark is the school's where the profile relies on it; elsewhere it is not taken.
      entries: input.rows.map((r) => ({ ...r, ...(profile.truancyMarkedBySchool ? {} : { schoolMark: undefined }) })),
      origin: 'grid',
      fileName: null,
      sourceId: null,
      userLogin: user.login,
    }),
  );
}

export async function importPreview(ctx: CallContext, input: ParsedInput<'attendance.importPreview'>): Promise<CallOutput<'attendance.importPreview'>> {
  const scope = readerScope(ctx);
  const sqlite = ctx.session().open.sqlite;
  const org = schoolOf(sqlite, scope.orgId, input.orgId);
  const file = await readJournal(input.fileName, input.base64);
  ctx.target('attendance', org.id, { month: input.month, file: input.fileName, preview: true });
  return linkJournal(sqlite, org.id, input.month, file).result;
}

export async function importApply(ctx: CallContext, input: ParsedInput<'attendance.importApply'>): Promise<CallOutput<'attendance.importApply'>> {
  const scope = readerScope(ctx);
  const { open, user } = ctx.session();
  const sqlite = open.sqlite;
  const org = schoolOf(sqlite, scope.orgId, input.orgId);
  const file = await readJournal(input.fileName, input.base64);
  const result = ctx.tx(() => applyJournal(sqlite, org.id, input.month, file, user.login));
  ctx.target('attendance', org.id, { month: input.month, file: input.fileName, sha256: file.sha256, applied: result.applied, saved: result.saved, rowsWithErrors: result.rowsWithErrors });
  return result;
}

const rowView = (r: TruancyRow) => ({
  childId: r.childId,
  orgId: r.orgId,
  fio: [r.surname, r.name, r.patronymic].filter(Boolean).join(' '),
  surname: r.surname,
  name: r.name,
  patronymic: r.patronymic,
  birthDate: r.birthDate,
  classLabel: r.classLabel,
  lessonsHeld: r.lessonsHeld,
  missedUnexcused: r.missedUnexcused,
  percent: r.percent,
  status: r.status,
});

export function truancy(ctx: CallContext, input: ParsedInput<'attendance.truancy'>): CallOutput<'attendance.truancy'> {
  const scope = readerScope(ctx);
  const sqlite = ctx.session().open.sqlite;
  const org = schoolOf(sqlite, scope.orgId, input.orgId);
  const profile = profileOfDb(sqlite);
  ctx.target('truancy', org.id, { month: input.month });
  const rows = truancyList(sqlite, truancyRuleOf(profile), { orgId: org.id, month: input.month, asOf: monthAsOf(input.month, ctx.today()) });
  return { orgId: org.id, month: input.month, rows: rows.map(rowView), rule: ruleView(profile) };
}

/**
 * The department's view (admin, operator): each school, month by month from 1 September to the month, how many
 * pupils did not start or systematically miss; and the month's list of them across schools.
 */
export function overview(ctx: CallContext, input: ParsedInput<'attendance.overview'>): CallOutput<'attendance.overview'> {
  const { open, user } = ctx.session();
  if (readScope(user).orgId !== null) throw new ApiError('FORBIDDEN', 'Сводка по школам доступна только специалистам отдела.');
  const sqlite = open.sqlite;
  keepCurrent(sqlite, ctx.today());
  const profile = profileOfDb(sqlite);
  const rule = truancyRuleOf(profile);
  const from = schoolYearStart(schoolYearStartYearOf(`${input.month}-01`)).slice(0, 7);
  const months = monthsBetween(from, input.month);
  const schools = sqlite.prepare("SELECT id, short_name FROM organizations WHERE kind = 'school' AND active = 1 ORDER BY short_name").all() as { id: number; short_name: string }[];
  const entered = sqlite.prepare('SELECT DISTINCT org_id || \':\' || month FROM attendance WHERE month >= ? AND month <= ? AND superseded_by IS NULL').pluck().all(from, input.month) as string[];
  const has = new Set(entered);
  const counts = new Map<string, { notStarted: number; systematic: number }>();
  let last: TruancyRow[] = [];
  for (const m of months) {
    const rows = truancyList(sqlite, rule, { orgId: null, month: m, asOf: monthAsOf(m, ctx.today()) });
    for (const r of rows) {
      const k = `${r.orgId}:${m}`;
      const c = counts.get(k) ?? { notStarted: 0, systematic: 0 };
      if (r.status === 'not-started') c.notStarted++;
      else c.systematic++;
      counts.set(k, c);
    }
    if (m === input.month) last = rows;
  }
  ctx.target('truancy', null, { month: input.month, schools: schools.length });
  const names = new Map(schools.map((s) => [s.id, s.short_name]));
  return {
    month: input.month,
    months,
    rule: ruleView(profile),
    schools: schools.map((s) => ({
      orgId: s.id,
      name: s.short_name,
      counts: months.map((m) => (has.has(`${s.id}:${m}`) ? (counts.get(`${s.id}:${m}`) ?? { notStarted: 0, systematic: 0 }) : null)),
    })),
    rows: last.map((r) => ({ ...rowView(r), orgName: names.get(r.orgId) ?? '' })),
  };
}

/** For the command line: the school's current pupils (count), after bringing the current columns up to the day. */
export function schoolPupilCount(sqlite: Database.Database, orgId: number, today: IsoDate): number {
  keepCurrent(sqlite, today);
  return pupilsOf(sqlite, orgId).count;
}
