import type Database from 'better-sqlite3';
import { ApiError } from '../../../shared/api/errors';
import type { CallOutput, ParsedInput } from '../../../shared/api/contract';
import type { MovementOverview, TransferNotice } from '../../../shared/api/movement';
import { firstGradeAgeStatus, isCompulsoryAge } from '../../../shared/domain/age';
import { addYears, compareIso, formatRuDate, isoParts, type IsoDate } from '../../../shared/domain/dates';
import { educationFormLabel, type EducationFormId } from '../../../shared/domain/educationForms';
import { parseClassLabel } from '../../../shared/domain/levels';
import {
  CONTINUATION_LABELS,
  FINISHED_REASONS,
  continuesEducation,
  daysOverdue,
  daysSince,
  leave15MeasuresDue,
  taskStatus,
  transferNoticeDue,
  unconfirmedIsCandidate,
  type ContinuationKind,
} from '../../../shared/domain/movement';
import { calendarIsOfficial } from '../../../shared/domain/workingDays';
import { findProfile, type RegulationProfile } from '../../../shared/profiles';
import { assertMayReadChild, readerScope } from '../access';
import type { CallContext } from '../context';
import { childRecord } from '../registry/card';
import { closeFact } from '../registry/service';
import { RegistryWriter, createSource } from '../registry/write';
import { CARD_SQL, CURRENT_SQL, continuationOf, currentRecord, dataOf, insertRecord, isChildsRecord, onCard, type MovementRow } from './records';

// Movement of pupils (issue 11, point 5). A school's user works on its own organization (access.ts readScope, the
// one definition); the movement lists of a school are of its own studies — they include pupils who have left it
// (an expelled pupil is no longer its current pupil, but its expulsion and the confirmation are its business).
// The department sees every school.

const FIO_SQL = "c.surname || ' ' || c.name || coalesce(' ' || nullif(c.patronymic, ''), '')";
const STANDING = (t: string) => `(${t}.superseded_by IS NULL AND ${t}.withdrawn_at IS NULL)`;
const START = (t: string) => `coalesce(${t}.valid_from, substr(${t}.recorded_at, 1, 10))`;

function profileOf(sqlite: Database.Database): RegulationProfile {
  const id = sqlite.prepare("SELECT value FROM meta WHERE key = 'profileId'").pluck().get() as string;
  const profile = findProfile(id);
  if (!profile) throw new ApiError('DAMAGED', `В базе указан неизвестный порядок учёта «${id}».`);
  return profile;
}

interface OrgRow {
  id: number;
  kind: string;
  full_name: string;
  short_name: string;
  address: string;
  head_position: string;
  head_name: string;
}

function orgRow(sqlite: Database.Database, id: number): OrgRow {
  const row = sqlite.prepare('SELECT id, kind, full_name, short_name, address, head_position, head_name FROM organizations WHERE id = ?').get(id) as OrgRow | undefined;
  if (!row) throw new ApiError('VALIDATION', `Организация № ${id} не найдена.`, { issues: [{ path: 'orgId', message: 'Нет такой организации' }] });
  return row;
}

/**
 * The organization a call works on: a school's user — its own (another one is refused); the department — the one
 * it names, or null (every school) where `required` is false.
 */
function workOrg(ctx: CallContext, orgId: number | null, required: true): number;
function workOrg(ctx: CallContext, orgId: number | null, required: false): number | null;
function workOrg(ctx: CallContext, orgId: number | null, required: boolean): number | null {
  const scope = readerScope(ctx);
  if (scope.orgId !== null) {
    if (scope.orgId === -1) throw new ApiError('FORBIDDEN', 'Пользователь организации не привязан к организации: обратитесь к администратору.');
    if (orgId !== null && orgId !== scope.orgId) throw new ApiError('FORBIDDEN', 'Движение обучающихся другой организации недоступно.');
    return scope.orgId;
  }
  if (required && orgId === null) throw new ApiError('VALIDATION', 'Выберите организацию', { issues: [{ path: 'orgId', message: 'Не выбрана организация' }] });
  return orgId;
}

function writer(ctx: CallContext): RegistryWriter {
  return new RegistryWriter(ctx.session().open.sqlite, ctx.today());
}

function orgName(sqlite: Database.Database, id: number | null, name: string | null): string | null {
  if (id !== null) return (sqlite.prepare('SELECT full_name FROM organizations WHERE id = ?').pluck().get(id) as string | undefined) ?? name;
  return name;
}

// ---- Reading --------------------------------------------------------------------------------------------

interface StudyEventRow {
  study_id: number;
  child_id: number;
  fio: string;
  birth_date: string;
  class_label: string | null;
  org_id: number;
  valid_from: string | null;
  valid_to: string | null;
  enrol_order_number: string | null;
  enrol_order_date: string | null;
  leave_order_number: string | null;
  leave_order_date: string | null;
  leave_reason: string | null;
  prev_org_id: number | null;
  prev_org: string | null;
  next_org_id: number | null;
  next_org: string | null;
  next_class: string | null;
  next_form: string | null;
  transfer_from: string | null;
}

const prevSql = (col: string) => `(SELECT ${col} FROM studies p JOIN organizations po ON po.id = p.org_id
    WHERE p.child_id = s.child_id AND p.id != s.id AND ${STANDING('p')} AND p.valid_to IS NOT NULL AND p.valid_to <= ${START('s')}
    ORDER BY p.valid_to DESC, p.id DESC LIMIT 1)`;
const nextSql = (col: string) => `(SELECT ${col} FROM studies n JOIN organizations no ON no.id = n.org_id
    WHERE n.child_id = s.child_id AND n.id != s.id AND ${STANDING('n')} AND s.valid_to IS NOT NULL AND ${START('n')} >= s.valid_to
    ORDER BY ${START('n')}, n.id LIMIT 1)`;
const NEXT_FORM_SQL = `(SELECT f.form FROM education_forms f WHERE f.child_id = s.child_id AND ${STANDING('f')} AND f.form IN ('family', 'self')
    AND s.valid_to IS NOT NULL AND coalesce(f.valid_to, '9999-12-31') > s.valid_to ORDER BY ${START('f')} DESC LIMIT 1)`;

function studyEvents(sqlite: Database.Database, org: number | null, from: IsoDate, to: IsoDate): StudyEventRow[] {
  // The September contingent (a study from 1 September with no school before and not by transfer) is filtered in SQL:
  // in a district it is most of the rows that begin in the period.
  return sqlite
    .prepare(
      `SELECT * FROM (
        SELECT s.id AS study_id, c.id AS child_id, ${FIO_SQL} AS fio, c.birth_date, c.sort_key, s.class_label, s.org_id, s.valid_from, s.valid_to,
              s.enrol_order_number, s.enrol_order_date, s.leave_order_number, s.leave_order_date, s.leave_reason,
              ${prevSql('p.org_id')} AS prev_org_id, ${prevSql('po.full_name')} AS prev_org,
              ${nextSql('n.org_id')} AS next_org_id, ${nextSql('no.full_name')} AS next_org, ${nextSql('n.class_label')} AS next_class,
              ${NEXT_FORM_SQL} AS next_form,
              (SELECT coalesce(mo.full_name, m.counterpart_name) FROM movement_records m LEFT JOIN organizations mo ON mo.id = m.counterpart_org_id
                WHERE m.kind = 'transfer-notice' AND m.study_id = s.id AND ${CURRENT_SQL('m')} LIMIT 1) AS transfer_from
         FROM studies s JOIN children c ON c.id = s.child_id JOIN organizations o ON o.id = s.org_id
        WHERE ${STANDING('s')} AND c.status = 'active' AND o.kind = 'school' AND ${org === null ? '1' : 's.org_id = @org'}
          AND ((s.valid_from BETWEEN @from AND @to) OR (s.valid_to BETWEEN @from AND @to))
       ) e
       WHERE (e.valid_to BETWEEN @from AND @to)
          OR (e.valid_from BETWEEN @from AND @to AND NOT (substr(e.valid_from, 6) = '09-01' AND e.prev_org_id IS NULL AND e.transfer_from IS NULL))
       ORDER BY e.sort_key`,
    )
    .all({ org, from, to }) as StudyEventRow[];
}

function nextText(r: { next_org: string | null; next_class: string | null; next_form: string | null }): string | null {
  if (r.next_org) return r.next_org;
  if (r.next_form) return educationFormLabel(r.next_form as EducationFormId);
  return null;
}

function continuationView(sqlite: Database.Database, row: MovementRow | undefined) {
  if (!row) return null;
  const d = dataOf<{ kind: ContinuationKind }>(row);
  const kind = d.kind ?? 'other';
  return {
    id: row.id,
    kind,
    label: CONTINUATION_LABELS[kind],
    where: orgName(sqlite, row.counterpart_org_id, row.counterpart_name),
    orderNumber: row.order_number,
    orderDate: row.order_date,
    confirmedOn: row.done_on,
  };
}

function noticeView(sqlite: Database.Database, r: MovementRow & { fio: string; class_label: string | null }, today: IsoDate): TransferNotice {
  const d = dataOf<{ printout: string }>(r);
  const due = r.due_date!;
  return {
    id: r.id,
    childId: r.child_id,
    fio: r.fio,
    classLabel: r.class_label,
    fromOrg: orgName(sqlite, r.counterpart_org_id, r.counterpart_name) ?? '',
    orderNumber: r.order_number,
    orderDate: r.order_date!,
    dueDate: due,
    sentOn: r.done_on,
    status: taskStatus(due, r.done_on, today),
    daysOverdue: daysOverdue(due, r.done_on, today),
    printoutNumber: d.printout ?? null,
    officialCalendar: calendarIsOfficial(isoParts(r.order_date!).year) && calendarIsOfficial(isoParts(due).year),
  };
}

function notices(sqlite: Database.Database, org: number | null, from: IsoDate, to: IsoDate, today: IsoDate): TransferNotice[] {
  const rows = sqlite
    .prepare(
      `SELECT m.*, c.id AS card_id, ${FIO_SQL} AS fio, s.class_label FROM movement_records m ${CARD_SQL('m')} LEFT JOIN studies s ON s.id = m.study_id
        WHERE m.kind = 'transfer-notice' AND ${CURRENT_SQL('m')} AND (@org IS NULL OR m.org_id = @org)
          AND (m.done_on IS NULL OR m.order_date BETWEEN @from AND @to)
        ORDER BY m.due_date, m.id`,
    )
    .all({ org, from, to }) as (MovementRow & { card_id: number; fio: string; class_label: string | null })[];
  return rows.map((r) => noticeView(sqlite, onCard(r), today));
}

export function unconfirmed(sqlite: Database.Database, org: number | null, today: IsoDate, afterDays: number): MovementOverview['unconfirmed'] {
  const rows = sqlite
    .prepare(
      `SELECT s.id AS study_id, c.id AS child_id, ${FIO_SQL} AS fio, c.birth_date, s.class_label, s.valid_to, s.leave_order_number, s.leave_order_date, s.leave_reason
         FROM studies s JOIN children c ON c.id = s.child_id JOIN organizations o ON o.id = s.org_id
        WHERE ${STANDING('s')} AND c.status = 'active' AND c.has_secondary_general = 0 AND o.kind = 'school' AND ${org === null ? '1' : 's.org_id = @org'}
          AND s.valid_to IS NOT NULL AND s.valid_to <= @today AND s.valid_to >= @since
          AND coalesce(s.leave_reason, '') NOT IN (SELECT value FROM json_each(@finished))
          AND NOT EXISTS (SELECT 1 FROM studies n WHERE n.child_id = s.child_id AND n.id != s.id AND ${STANDING('n')} AND ${START('n')} >= s.valid_to)
          AND NOT EXISTS (SELECT 1 FROM education_forms f WHERE f.child_id = s.child_id AND ${STANDING('f')} AND f.form IN ('family', 'self')
                AND coalesce(f.valid_to, '9999-12-31') > s.valid_to)
          AND NOT EXISTS (SELECT 1 FROM movement_records m WHERE m.kind = 'continuation' AND m.study_id = s.id AND ${CURRENT_SQL('m')}
                AND json_extract(m.data, '$.kind') IN (SELECT value FROM json_each(@continuing)))
        ORDER BY s.valid_to, c.sort_key`,
    )
    .all({
      org,
      today,
      since: addYears(today, -1),
      finished: JSON.stringify(FINISHED_REASONS),
      continuing: JSON.stringify((Object.keys(CONTINUATION_LABELS) as ContinuationKind[]).filter(continuesEducation)),
    }) as {
    study_id: number;
    child_id: number;
    fio: string;
    birth_date: string;
    class_label: string | null;
    valid_to: string;
    leave_order_number: string | null;
    leave_order_date: string | null;
    leave_reason: string | null;
  }[];
  return rows
    .filter((r) => isCompulsoryAge(r.birth_date, today, { hasSecondaryGeneral: false }))
    .map((r) => ({
      studyId: r.study_id,
      childId: r.child_id,
      fio: r.fio,
      birthDate: r.birth_date,
      classLabel: r.class_label,
      expelledOn: r.valid_to,
      orderNumber: r.leave_order_number,
      orderDate: r.leave_order_date,
      reason: r.leave_reason,
      days: daysSince(r.valid_to, today),
      candidate: unconfirmedIsCandidate(r.valid_to, today, afterDays),
    }));
}

function leave15List(sqlite: Database.Database, org: number | null, today: IsoDate): MovementOverview['leave15'] {
  const rows = sqlite
    .prepare(
      `SELECT m.*, c.id AS card_id, ${FIO_SQL} AS fio, c.birth_date, o.short_name AS org_name FROM movement_records m ${CARD_SQL('m')}
         LEFT JOIN organizations o ON o.id = m.org_id
        WHERE m.kind = 'leave15' AND ${CURRENT_SQL('m')} AND (@org IS NULL OR m.org_id = @org) ORDER BY coalesce(m.due_date, '9999'), m.id`,
    )
    .all({ org }) as (MovementRow & { card_id: number; fio: string; birth_date: string; org_name: string | null })[];
  return rows.map(onCard).map((r) => {
    const d = dataOf<Record<string, string | null>>(r);
    return {
      id: r.id,
      childId: r.child_id,
      fio: r.fio,
      birthDate: r.birth_date,
      orgName: r.org_name,
      parentsConsentOn: d.parentsConsentOn ?? null,
      commissionConsentOn: d.commissionConsentOn ?? null,
      commissionDecision: d.commissionDecision ?? null,
      departmentConsentOn: d.departmentConsentOn ?? null,
      departmentDecision: d.departmentDecision ?? null,
      leftOn: d.leftOn ?? null,
      measuresDue: r.due_date,
      measuresOn: r.done_on,
      measures: d.measures ?? null,
      status: r.due_date ? taskStatus(r.due_date, r.done_on, today) : null,
    };
  });
}

function firstGradeList(sqlite: Database.Database, org: number | null): MovementOverview['firstGrade'] {
  const rows = sqlite
    .prepare(
      `SELECT m.*, c.id AS card_id, ${FIO_SQL} AS fio, c.birth_date, o.short_name AS org_name FROM movement_records m ${CARD_SQL('m')}
         LEFT JOIN organizations o ON o.id = m.org_id
        WHERE m.kind = 'first-grade' AND ${CURRENT_SQL('m')} AND (@org IS NULL OR m.org_id = @org) ORDER BY m.order_date DESC, m.id DESC`,
    )
    .all({ org }) as (MovementRow & { card_id: number; fio: string; birth_date: string; org_name: string | null })[];
  return rows.map(onCard).map((r) => {
    const d = dataOf<{ startOn: string; applicant: string | null; decision: 'granted' | 'refused' | null; decisionNumber: string | null }>(r);
    const startOn = d.startOn ?? r.order_date!;
    return {
      id: r.id,
      childId: r.child_id,
      fio: r.fio,
      birthDate: r.birth_date,
      orgName: r.org_name,
      startOn,
      ageStatus: firstGradeAgeStatus(r.birth_date, startOn),
      applicant: d.applicant ?? null,
      applicationOn: r.order_date!,
      decision: d.decision ?? null,
      decisionOn: r.done_on,
      decisionNumber: d.decisionNumber ?? null,
    };
  });
}

export function overview(ctx: CallContext, input: ParsedInput<'movement.overview'>): CallOutput<'movement.overview'> {
  const { sqlite } = ctx.session().open;
  const org = workOrg(ctx, input.orgId, false);
  const today = ctx.today();
  const profile = profileOf(sqlite);
  const rows = studyEvents(sqlite, org, input.from, input.to);
  const events: MovementOverview['events'] = [];
  const grade9: MovementOverview['grade9'] = [];
  const inPeriod = (d: string | null) => d !== null && d >= input.from && d <= input.to;
  for (const r of rows) {
    if (inPeriod(r.valid_from) && r.prev_org_id !== r.org_id) {
      // A pupil recorded on 1 September with no school before is the year's contingent (the September list), not an
      // enrolment during the year — the rule of Кстово приложение 5 (reports/prepare.ts `enrolled`); unless by transfer.
      const contingent = r.prev_org_id === null && r.transfer_from === null && r.valid_from!.slice(5) === '09-01';
      if (!contingent) {
        events.push({
          studyId: r.study_id,
          childId: r.child_id,
          fio: r.fio,
          birthDate: r.birth_date,
          classLabel: r.class_label,
          kind: 'enrol',
          date: r.valid_from!,
          orderNumber: r.enrol_order_number,
          orderDate: r.enrol_order_date,
          reason: r.transfer_from ? 'в порядке перевода' : null,
          other: r.transfer_from ?? r.prev_org,
          open: r.valid_to === null || r.valid_to > today,
        });
      }
    }
    if (inPeriod(r.valid_to) && r.next_org_id !== r.org_id) {
      const cont = continuationView(sqlite, continuationOf(sqlite, r.study_id));
      events.push({
        studyId: r.study_id,
        childId: r.child_id,
        fio: r.fio,
        birthDate: r.birth_date,
        classLabel: r.class_label,
        kind: 'expel',
        date: r.valid_to!,
        orderNumber: r.leave_order_number,
        orderDate: r.leave_order_date,
        reason: r.leave_reason,
        other: nextText(r) ?? cont?.where ?? (cont ? cont.label : null),
        open: false,
      });
      const grade = r.class_label ? parseClassLabel(r.class_label)?.grade : null;
      const nextGrade = r.next_class ? parseClassLabel(r.next_class)?.grade : null;
      if (grade === 9 && !(nextGrade !== null && nextGrade !== undefined && nextGrade <= 9)) {
        grade9.push({
          studyId: r.study_id,
          childId: r.child_id,
          fio: r.fio,
          birthDate: r.birth_date,
          classLabel: r.class_label,
          leftOn: r.valid_to!,
          reason: r.leave_reason,
          registry: r.next_org ? [r.next_org, r.next_class ? `${r.next_class} класс` : ''].filter(Boolean).join(', ') : r.next_form ? educationFormLabel(r.next_form as EducationFormId) : null,
          continuation: cont,
        });
      }
    }
  }
  events.sort((a, b) => compareIso(a.date, b.date) || a.fio.localeCompare(b.fio, 'ru'));
  ctx.target('movement', org, { periodFrom: input.from, periodTo: input.to, events: events.length });
  return {
    orgId: org,
    today,
    from: input.from,
    to: input.to,
    unconfirmedDays: profile.expelledUnconfirmedDays,
    events,
    notices: notices(sqlite, org, input.from, input.to, today),
    unconfirmed: unconfirmed(sqlite, org, today, profile.expelledUnconfirmedDays),
    grade9,
    leave15: leave15List(sqlite, org, today),
    firstGrade: firstGradeList(sqlite, org),
  };
}

/**
 * The school's open studies (for an expulsion): its pupils, and a pupil already enrolled elsewhere by transfer whose
 * study here the school has not ended yet (its expulsion order is still to be recorded).
 */
export function pupils(ctx: CallContext, input: ParsedInput<'movement.pupils'>): CallOutput<'movement.pupils'> {
  const org = workOrg(ctx, input.orgId, true);
  const today = ctx.today();
  const rows = ctx
    .session()
    .open.sqlite.prepare(
      `SELECT s.id AS studyId, c.id AS childId, ${FIO_SQL} AS fio, c.birth_date AS birthDate, s.class_label AS classLabel
         FROM studies s JOIN children c ON c.id = s.child_id
        WHERE s.org_id = @org AND c.status = 'active' AND ${STANDING('s')} AND s.valid_to IS NULL AND coalesce(s.valid_from, '') <= @today
        ORDER BY c.sort_key`,
    )
    .all({ org, today }) as CallOutput<'movement.pupils'>;
  ctx.target('movement', org, { pupils: rows.length });
  return rows;
}

// ---- Changes --------------------------------------------------------------------------------------------

function continuationRecord(ctx: CallContext, study: { id: number; child_id: number; org_id: number }, c: NonNullable<ParsedInput<'movement.expel'>['continuation']>, replaces: number | null) {
  const { sqlite } = ctx.session().open;
  if (c.orgId !== null) orgRow(sqlite, c.orgId);
  if (c.orderDate && compareIso(c.confirmedOn, c.orderDate) < 0) {
    throw new ApiError('VALIDATION', 'Подтверждение получено раньше даты приказа о зачислении', { issues: [{ path: 'continuation.confirmedOn', message: 'Раньше даты приказа' }] });
  }
  return insertRecord(sqlite, {
    kind: 'continuation',
    child_id: study.child_id,
    org_id: study.org_id,
    study_id: study.id,
    counterpart_org_id: c.orgId,
    counterpart_name: c.name,
    order_number: c.orderNumber,
    order_date: c.orderDate,
    due_date: null,
    done_on: c.confirmedOn,
    data: { kind: c.kind, note: c.note },
    replaces,
    created_by: ctx.session().user.login,
  });
}

export function enrol(ctx: CallContext, input: ParsedInput<'movement.enrol'>): CallOutput<'movement.enrol'> {
  const { open, user } = ctx.session();
  const sqlite = open.sqlite;
  const org = workOrg(ctx, input.orgId, true);
  const school = orgRow(sqlite, org);
  if (school.kind !== 'school') throw new ApiError('VALIDATION', `«${school.short_name}» — не общеобразовательная организация: зачисление в неё здесь не ведётся.`);
  if (input.childId !== null) {
    const child = childRecord(sqlite, input.childId);
    if (!child || child.status !== 'active') throw new ApiError('NOT_FOUND', 'Ребёнок не найден');
    assertMayReadChild(user, child.curOrgId);
  }
  const t = input.transfer;
  if (t?.fromOrgId !== null && t?.fromOrgId !== undefined) {
    if (t.fromOrgId === org) throw new ApiError('VALIDATION', 'Исходная организация совпадает с принимающей', { issues: [{ path: 'transfer.fromOrgId', message: 'Та же организация' }] });
    orgRow(sqlite, t.fromOrgId);
  }
  if (compareIso(input.date, input.orderDate) < 0) {
    throw new ApiError('VALIDATION', `Дата зачисления раньше даты приказа (${formatRuDate(input.orderDate)})`, { issues: [{ path: 'date', message: 'Раньше даты приказа' }] });
  }
  const result = ctx.tx(() => {
    const sourceId = createSource(sqlite, { kind: 'manual', userLogin: user.login, orgId: user.orgId });
    const w = writer(ctx);
    const childId = input.childId ?? w.addChild(input.child!, [], sourceId);
    const studyId = w.addFact(childId, { type: 'study', orgId: org, classLabel: input.classLabel, validFrom: input.date, enrolOrderNumber: input.orderNumber, enrolOrderDate: input.orderDate }, sourceId);
    let noticeId: number | null = null;
    if (t) {
      noticeId = insertRecord(sqlite, {
        kind: 'transfer-notice',
        child_id: childId,
        org_id: org,
        study_id: studyId,
        counterpart_org_id: t.fromOrgId,
        counterpart_name: t.fromOrgName,
        order_number: input.orderNumber,
        order_date: input.orderDate,
        due_date: transferNoticeDue(input.orderDate),
        done_on: null,
        data: {},
        created_by: user.login,
      });
    }
    ctx.target('child', childId, { movement: 'enrol', orgId: org, studyId, transfer: t !== null, ...(input.childId === null ? { created: true } : {}) });
    return { childId, studyId, noticeId };
  });
  return { childId: result.childId, studyId: result.studyId, notice: result.noticeId === null ? null : noticeById(ctx, result.noticeId) };
}

function noticeById(ctx: CallContext, id: number): TransferNotice {
  const { sqlite } = ctx.session().open;
  const r = sqlite
    .prepare(`SELECT m.*, c.id AS card_id, ${FIO_SQL} AS fio, s.class_label FROM movement_records m ${CARD_SQL('m')} LEFT JOIN studies s ON s.id = m.study_id WHERE m.id = ?`)
    .get(id) as MovementRow & { card_id: number; fio: string; class_label: string | null };
  return noticeView(sqlite, onCard(r), ctx.today());
}

interface StudyRow {
  id: number;
  child_id: number;
  org_id: number;
  class_label: string | null;
  valid_from: string | null;
  valid_to: string | null;
  superseded_by: number | null;
  withdrawn_at: string | null;
}

function studyOf(ctx: CallContext, id: number): StudyRow {
  const row = ctx.session().open.sqlite.prepare('SELECT id, child_id, org_id, class_label, valid_from, valid_to, superseded_by, withdrawn_at FROM studies WHERE id = ?').get(id) as StudyRow | undefined;
  if (!row || row.superseded_by !== null || row.withdrawn_at !== null) throw new ApiError('NOT_FOUND', 'Запись об обучении не найдена (или заменена).');
  workOrg(ctx, row.org_id, true);
  return row;
}

export function expel(ctx: CallContext, input: ParsedInput<'movement.expel'>): CallOutput<'movement.expel'> {
  const { sqlite } = ctx.session().open;
  // The study is the school's own (studyOf checks it): ending it is the school's business even when the pupil is
  // already enrolled elsewhere by transfer.
  const study = studyOf(ctx, input.studyId);
  const child = childRecord(sqlite, study.child_id)!;
  if (child.status !== 'active') throw new ApiError('CONFLICT', 'Карточка ребёнка объединена с другой: отчисление вносится в ту карточку.');
  if (study.valid_to !== null) throw new ApiError('CONFLICT', `Обучение уже окончено ${formatRuDate(study.valid_to)}.`);
  if (study.valid_from && compareIso(input.date, study.valid_from) < 0) {
    throw new ApiError('VALIDATION', `Дата отчисления раньше зачисления (${formatRuDate(study.valid_from)})`, { issues: [{ path: 'date', message: 'Раньше зачисления' }] });
  }
  ctx.tx(() => {
    closeFact(ctx, 'study', study.id, { validTo: input.date, leaveOrderNumber: input.orderNumber, leaveOrderDate: input.orderDate, leaveReason: input.reason });
    if (input.continuation) continuationRecord(ctx, study, input.continuation, null);
    ctx.target('child', study.child_id, { movement: 'expel', orgId: study.org_id, studyId: study.id, confirmed: input.continuation !== null });
  });
  return { id: study.id };
}

export function confirm(ctx: CallContext, input: ParsedInput<'movement.confirm'>): CallOutput<'movement.confirm'> {
  const { sqlite } = ctx.session().open;
  const study = studyOf(ctx, input.studyId);
  if (study.valid_to === null) throw new ApiError('CONFLICT', 'Обучающийся ещё не отчислен: подтверждение о продолжении образования вносится после отчисления.');
  const prev = continuationOf(sqlite, study.id);
  const id = ctx.tx(() => {
    const newId = continuationRecord(ctx, study, input.continuation, prev?.id ?? null);
    ctx.target('child', study.child_id, { movement: 'continuation', studyId: study.id, continuation: input.continuation.kind, recordId: newId });
    return newId;
  });
  return { id };
}

function ownNotice(ctx: CallContext, id: number): MovementRow {
  const row = currentRecord(ctx.session().open.sqlite, id, 'transfer-notice');
  if (!row) throw new ApiError('NOT_FOUND', 'Уведомление не найдено или уже изменено: обновите список.');
  workOrg(ctx, row.org_id, true);
  return row;
}

function newVersion(ctx: CallContext, row: MovementRow, change: Partial<Pick<MovementRow, 'done_on' | 'due_date'>>, data: Record<string, unknown>): number {
  const { id: _id, created_at: _c, created_by: _b, replaces: _r, data: old, ...rest } = row;
  return insertRecord(ctx.session().open.sqlite, { ...rest, ...change, data: { ...(JSON.parse(old) as Record<string, unknown>), ...data }, replaces: row.id, created_by: ctx.session().user.login });
}

export function noticeSent(ctx: CallContext, input: ParsedInput<'movement.noticeSent'>): CallOutput<'movement.noticeSent'> {
  const row = ownNotice(ctx, input.id);
  if (row.done_on) throw new ApiError('CONFLICT', `Уведомление уже отмечено отправленным ${formatRuDate(row.done_on)}.`);
  if (compareIso(input.sentOn, row.order_date!) < 0) throw new ApiError('VALIDATION', 'Дата отправки раньше приказа о зачислении', { issues: [{ path: 'sentOn', message: 'Раньше приказа' }] });
  const id = ctx.tx(() => {
    const newId = newVersion(ctx, row, { done_on: input.sentOn }, { sentNote: input.note });
    ctx.target('child', row.child_id, { movement: 'notice-sent', recordId: newId });
    return newId;
  });
  return noticeById(ctx, id);
}

export function notice(ctx: CallContext, id: number): { row: MovementRow; school: OrgRow; from: OrgRow | null; fio: string; birthDate: string; classLabel: string | null; enrolledOn: string | null } {
  const { sqlite } = ctx.session().open;
  const row = ownNotice(ctx, id);
  const school = orgRow(sqlite, row.org_id!);
  const from = row.counterpart_org_id !== null ? orgRow(sqlite, row.counterpart_org_id) : null;
  const c = sqlite
    .prepare(`SELECT ${FIO_SQL} AS fio, c.birth_date AS birthDate, s.class_label AS classLabel, s.valid_from AS enrolledOn FROM children c LEFT JOIN studies s ON s.id = ? WHERE c.id = ?`)
    .get(row.study_id, row.child_id) as { fio: string; birthDate: string; classLabel: string | null; enrolledOn: string | null };
  return { row, school, from, ...c };
}

/** After a notice is printed: its register number kept with it (a new version). */
export function notePrinted(ctx: CallContext, row: MovementRow, printoutNumber: string): void {
  ctx.tx(() => {
    newVersion(ctx, row, {}, { printout: printoutNumber });
  });
}

function leave15Scope(ctx: CallContext, childId: number, orgId: number | null): number | null {
  const { sqlite } = ctx.session().open;
  const child = childRecord(sqlite, childId);
  if (!child || child.status !== 'active') throw new ApiError('NOT_FOUND', 'Ребёнок не найден');
  const scope = readerScope(ctx);
  if (scope.orgId === null) return orgId ?? child.curOrgId;
  // A school's own pupil, or one who has left it.
  const own = sqlite.prepare(`SELECT 1 FROM studies s WHERE s.child_id = ? AND s.org_id = ? AND ${STANDING('s')}`).get(childId, scope.orgId);
  if (!own) throw new ApiError('FORBIDDEN', 'Этот ребёнок не обучался в вашей организации.');
  return scope.orgId;
}

export function saveLeave15(ctx: CallContext, input: ParsedInput<'movement.leaveSchool'>): CallOutput<'movement.leaveSchool'> {
  const { sqlite, } = ctx.session().open;
  const { user } = ctx.session();
  const org = leave15Scope(ctx, input.childId, input.orgId);
  const prev = input.id !== null ? currentRecord(sqlite, input.id, 'leave15') : undefined;
  if (input.id !== null && (!prev || !isChildsRecord(sqlite, prev, input.childId))) throw new ApiError('NOT_FOUND', 'Запись не найдена или уже изменена: обновите список.');
  const prevData = prev ? dataOf<Record<string, string | null>>(prev) : {};
  // The measures are the department's (ЗАТО Свободный п. 3.2.6, Кстово п. 4.1.5): a school's user keeps what is recorded.
  const department = readerScope(ctx).orgId === null;
  const measuresOn = department ? input.measuresOn : (prev?.done_on ?? null);
  const measures = department ? input.measures : (prevData.measures ?? null);
  if (input.leftOn && measuresOn && compareIso(measuresOn, input.leftOn) < 0) {
    throw new ApiError('VALIDATION', 'Меры приняты раньше, чем обучающийся оставил школу', { issues: [{ path: 'measuresOn', message: 'Раньше даты ухода' }] });
  }
  const id = ctx.tx(() => {
    const newId = insertRecord(sqlite, {
      kind: 'leave15',
      child_id: input.childId,
      org_id: org,
      study_id: null,
      counterpart_org_id: null,
      counterpart_name: null,
      order_number: input.departmentDecision,
      order_date: input.departmentConsentOn,
      due_date: input.leftOn ? leave15MeasuresDue(input.leftOn) : null,
      done_on: measuresOn,
      data: {
        parentsConsentOn: input.parentsConsentOn,
        commissionConsentOn: input.commissionConsentOn,
        commissionDecision: input.commissionDecision,
        departmentConsentOn: input.departmentConsentOn,
        departmentDecision: input.departmentDecision,
        leftOn: input.leftOn,
        measures,
      },
      replaces: prev?.id ?? null,
      created_by: user.login,
    });
    ctx.target('child', input.childId, { movement: 'leave15', recordId: newId });
    return newId;
  });
  return { id };
}

export function saveFirstGrade(ctx: CallContext, input: ParsedInput<'movement.firstGrade'>): CallOutput<'movement.firstGrade'> {
  const { sqlite } = ctx.session().open;
  const child = childRecord(sqlite, input.childId);
  if (!child || child.status !== 'active') throw new ApiError('NOT_FOUND', 'Ребёнок не найден');
  if (input.orgId !== null) orgRow(sqlite, input.orgId);
  const prev = input.id !== null ? currentRecord(sqlite, input.id, 'first-grade') : undefined;
  if (input.id !== null && (!prev || !isChildsRecord(sqlite, prev, input.childId))) throw new ApiError('NOT_FOUND', 'Запись не найдена или уже изменена: обновите список.');
  const id = ctx.tx(() => {
    const newId = insertRecord(sqlite, {
      kind: 'first-grade',
      child_id: input.childId,
      org_id: input.orgId,
      study_id: null,
      counterpart_org_id: null,
      counterpart_name: null,
      order_number: null,
      order_date: input.applicationOn,
      due_date: null,
      done_on: input.decisionOn,
      data: { startOn: input.startOn, applicant: input.applicant, decision: input.decision, decisionNumber: input.decisionNumber, ageStatus: firstGradeAgeStatus(child.birthDate, input.startOn) },
      replaces: prev?.id ?? null,
      created_by: ctx.session().user.login,
    });
    ctx.target('child', input.childId, { movement: 'first-grade', recordId: newId, decision: input.decision });
    return newId;
  });
  return { id };
}
