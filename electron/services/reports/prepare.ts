import type Database from 'better-sqlite3';
import { isCompulsoryAge } from '../../../shared/domain/age';
import { compareRu } from '../../../shared/domain/collation';
import { addMonths, addYears, formatRuDate, isoParts, type IsoDate } from '../../../shared/domain/dates';
import { EDUCATION_FORMS, educationFormLabel, isEducationFormId, type EducationFormId } from '../../../shared/domain/educationForms';
import { LEVEL_LABELS_FULL, levelOfGrade, parseClassLabel, type EducationLevel } from '../../../shared/domain/levels';
import { schoolYearLabel, schoolYearStart, schoolYearStartYearOf } from '../../../shared/domain/schoolYear';
import { ApiError } from '../../../shared/api/errors';
import { continuationText } from '../../../shared/domain/movement';
import { inForceSql as registryInForceSql, standingSql } from '../access';
import { computeNotInEducation } from '../education/list';
import { PRINTED_GROUPS } from '../../../shared/domain/notInEducation';
import type { RegulationProfile } from '../../../shared/profiles/types';
import { childTerritories } from '../territories/resolve';
import { truancyFormRows } from '../attendance/forms';
import { asOfText, fillPlaceholders, headInitials } from '../../../shared/reports/format';
import {
  EMPTY_TEXT,
  type Cell,
  type FormDef,
  type FormSectionDef,
  type PreparedGroup,
  type PreparedSection,
  type PreparedTable,
  type RowSource,
} from '../../../shared/reports/types';

/** What a form is prepared for. */
export interface FormParamsInput {
  orgId?: number;
  asOf: IsoDate;
  year?: number;
}

/**
 * A fact row (table alias `t`) in force on the form's date @asOf: the registry's one definition
 * (shared/domain/inForce.ts, SQL twin in electron/services/access.ts).
 */
function inForceSql(t: string): string {
  return `(${registryInForceSql(t, '@asOf')})`;
}

/** The day a fact row starts, for ordering and periods: its own date, or the day it was recorded. */
function factStartSql(t: string): string {
  return `coalesce(${t}.valid_from, substr(${t}.recorded_at, 1, 10))`;
}

/** First day of the reporting period that ends on asOf. */
export function periodStart(period: FormDef['period'], asOf: IsoDate): IsoDate | null {
  if (period === 'month') {
    const { year, month } = isoParts(asOf);
    return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-01`;
  }
  // The school year being reported on: a list as of 1 or 10 September still reports the year just ended.
  if (period === 'school-year') return schoolYearStart(schoolYearStartYearOf(addMonths(asOf, -1)));
  return null;
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

/** A row as a query gives it: cells by column key, and what sorting and grouping need. */
interface SourceRow {
  cells: Record<string, Cell>;
  fio: string;
  birthDate: IsoDate | null;
  classLabel: string | null;
  form: string | null;
  id: number;
}

interface QueryEnv {
  sqlite: Database.Database;
  org: OrgRow | null;
  asOf: IsoDate;
  periodFrom: IsoDate | null;
  source: RowSource;
  profile: RegulationProfile;
}

const FIO_SQL = "c.surname || ' ' || c.name || coalesce(' ' || nullif(c.patronymic, ''), '')";

function addressSql(kinds: readonly string[]): string {
  // The most recent address in force of the first kind that has one.
  const order = kinds.map((k, i) => `WHEN '${k}' THEN ${i}`).join(' ');
  return `(SELECT a.text FROM addresses a WHERE a.child_id = c.id AND a.kind IN (${kinds.map((k) => `'${k}'`).join(', ')}) AND ${inForceSql('a')}
    ORDER BY CASE a.kind ${order} END, ${factStartSql('a')} DESC, a.id DESC LIMIT 1)`;
}
/** «Адрес места жительства»: where the child actually lives, else the registered address. */
const LIVING_ADDRESS = addressSql(['actual', 'registration', 'stay']);
const ACTUAL_ADDRESS = addressSql(['actual']);

/** The form of education in force (latest start wins). */
const FORM_SQL = `(SELECT f.form FROM education_forms f WHERE f.child_id = c.id AND ${inForceSql('f')} ORDER BY ${factStartSql('f')} DESC, f.id DESC LIMIT 1)`;
const FORM_ID_SQL = `(SELECT f.id FROM education_forms f WHERE f.child_id = c.id AND ${inForceSql('f')} ORDER BY ${factStartSql('f')} DESC, f.id DESC LIMIT 1)`;

function order(number: string | null, date: string | null): string {
  const parts = [number ? `№ ${number}` : '', date ? `от ${formatRuDate(date)}` : ''].filter(Boolean);
  return parts.join(' ');
}

function ageRange(asOf: IsoDate, source: RowSource): { sql: string; args: Record<string, string> } {
  const conds: string[] = [];
  const args: Record<string, string> = {};
  if (source.ageFrom !== undefined) {
    conds.push('c.birth_date <= @bornBy');
    args.bornBy = addYears(asOf, -source.ageFrom);
  }
  if (source.ageTo !== undefined) {
    conds.push('c.birth_date > @bornAfter');
    args.bornAfter = addYears(asOf, -(source.ageTo + 1));
  }
  if (source.compulsoryAge) {
    // A coarse range here; the exact rule (shared/domain/age) filters the rows afterwards.
    conds.push('c.birth_date <= @compFrom AND c.birth_date > @compTo AND c.has_secondary_general = 0');
    args.compFrom = addMonths(asOf, -78);
    args.compTo = addYears(asOf, -19);
  }
  return { sql: conds.length ? conds.join(' AND ') : '1', args };
}

function compulsoryFilter(env: QueryEnv, rows: { birth_date: string; has_secondary_general: number }[]): void {
  if (!env.source.compulsoryAge) return;
  for (let i = rows.length - 1; i >= 0; i--) {
    const r = rows[i]!;
    if (!isCompulsoryAge(r.birth_date, env.asOf, { hasSecondaryGeneral: r.has_secondary_general === 1 })) rows.splice(i, 1);
  }
}

function requireOrg(env: QueryEnv): OrgRow {
  if (!env.org) throw new ApiError('VALIDATION', 'Для этой формы выберите организацию', { issues: [{ path: 'orgId', message: 'Не выбрана организация' }] });
  return env.org;
}

/** Whether the organization speaks for the whole municipality (the department): its forms cover every child. */
function isMunicipal(org: OrgRow): boolean {
  return org.kind === 'department';
}

function childRow(r: { id: number; fio: string; birth_date: string; class_label?: string | null; form?: string | null }, cells: Record<string, Cell>): SourceRow {
  return { id: r.id, fio: r.fio, birthDate: r.birth_date, classLabel: r.class_label ?? null, form: r.form ?? null, cells: { fio: r.fio, birthDate: r.birth_date, ...cells } };
}

// ---- Row sources -------------------------------------------------------------------------------------------

type Query = (env: QueryEnv) => SourceRow[];

interface StudyRow {
  id: number;
  fio: string;
  birth_date: string;
  has_secondary_general: number;
  study_id: number;
  class_label: string | null;
  enrol_order_number: string | null;
  enrol_order_date: string | null;
  leave_order_number: string | null;
  leave_order_date: string | null;
  leave_reason: string | null;
  start: string;
  valid_to: string | null;
  address: string | null;
}

const pupils: Query = (env) => {
  const org = requireOrg(env);
  const rows = env.sqlite
    .prepare(
      `SELECT c.id, ${FIO_SQL} AS fio, c.birth_date, c.has_secondary_general, s.class_label, s.enrol_order_number, s.enrol_order_date, ${LIVING_ADDRESS} AS address
         FROM studies s JOIN children c ON c.id = s.child_id
        WHERE s.org_id = @org AND ${inForceSql('s')} AND c.status = 'active'`,
    )
    .all({ org: org.id, asOf: env.asOf }) as StudyRow[];
  return rows.map((r) =>
    childRow(r, { classLabel: r.class_label, enrolOrder: order(r.enrol_order_number, r.enrol_order_date), address: r.address }),
  );
};

/**
 * Кстово приложение 1: children of the age range living on the school's territory (the territory directory and its one
 * resolver, electron/services/territories/resolve.ts). A school without a territory yet keeps the older reading: its
 * pupils and the children whose address it reported.
 */
const territoryChildren: Query = (env) => {
  const org = requireOrg(env);
  const age = ageRange(env.asOf, env.source);
  const hasTerritory = env.sqlite.prepare('SELECT 1 FROM territory_rules WHERE org_id = ? AND removed_at IS NULL LIMIT 1').get(org.id) !== undefined;
  const ids = hasTerritory ? [...childTerritories(env.sqlite, env.asOf)].filter(([, school]) => school === org.id).map(([id]) => id) : [];
  const onTerritory = hasTerritory
    ? 'c.id IN (SELECT value FROM json_each(@ids))'
    : `(EXISTS (SELECT 1 FROM studies s WHERE s.child_id = c.id AND s.org_id = @org AND ${inForceSql('s')})
            OR EXISTS (SELECT 1 FROM addresses a JOIN sources so ON so.id = a.source_id WHERE a.child_id = c.id AND so.org_id = @org AND ${inForceSql('a')}))`;
  const rows = env.sqlite
    .prepare(
      `SELECT c.id, ${FIO_SQL} AS fio, c.birth_date, c.has_secondary_general, ${LIVING_ADDRESS} AS address,
              (SELECT o.short_name || coalesce(' / ' || nullif(s.class_label, ''), '') || char(9) || o.kind FROM studies s JOIN organizations o ON o.id = s.org_id
                WHERE s.child_id = c.id AND ${inForceSql('s')} ORDER BY ${factStartSql('s')} DESC, s.id DESC LIMIT 1) AS studies_at,
              ${FORM_SQL} AS form
         FROM children c
        WHERE c.status = 'active' AND ${age.sql} AND ${onTerritory}`,
    )
    .all({ org: org.id, asOf: env.asOf, ids: JSON.stringify(ids), ...age.args }) as (StudyRow & { studies_at: string | null; form: string | null })[];
  const nextSept1 = schoolYearStart(schoolYearStartYearOf(env.asOf) + 1);
  return rows.map((r) => {
    const [where = '', kind = ''] = (r.studies_at ?? '').split('\t');
    const inSchool = kind === 'school';
    const outside = r.form === 'family' || r.form === 'self';
    let studiesAt = where;
    if (!where && outside) studiesAt = educationFormLabel(r.form as EducationFormId);
    // Whether the child starts first grade on the next 1 September: of age then (6.5–8) and not yet at school.
    const firstGrade = inSchool || outside ? 'нет' : isCompulsoryAge(r.birth_date, nextSept1, { hasSecondaryGeneral: false }) && r.birth_date > addYears(nextSept1, -8) ? 'да' : 'нет';
    return childRow(r, { address: r.address, studiesAt: studiesAt || 'не обучается', firstGrade });
  });
};

/** Pupils not attending or systematically missing in the month of the date (attendance + the profile's rule). */
const truancy: Query = (env) => {
  const org = requireOrg(env);
  const rows = truancyFormRows(env.sqlite, env.profile, org.id, env.asOf, env.periodFrom);
  const address = env.sqlite.prepare(`SELECT ${LIVING_ADDRESS} AS address, ${ACTUAL_ADDRESS} AS actual FROM children c WHERE c.id = @id`);
  return rows.map((r) => {
    const a = address.get({ id: r.id, asOf: env.asOf }) as { address: string | null; actual: string | null };
    return childRow(r, { ...r.cells, address: a.address, actualAddress: a.actual });
  });
};

interface MoveRow extends StudyRow {
  next_org: string | null;
  next_org_address: string | null;
  next_class: string | null;
  next_enrol_number: string | null;
  next_enrol_date: string | null;
  next_same: number | null;
  next_form: string | null;
  next_form_from: string | null;
  /** Where the pupil continued, as the school recorded it (movement_records, issue 11): organization, kind, order. */
  cont_where: string | null;
  cont_kind: string | null;
  cont_order_number: string | null;
  cont_order_date: string | null;
}

/** The current continuation the school recorded for the study `s` (electron/services/movement). */
const continuationSql = (col: string) => `(SELECT ${col} FROM movement_records m LEFT JOIN organizations mo ON mo.id = m.counterpart_org_id
    WHERE m.kind = 'continuation' AND m.study_id = s.id AND NOT EXISTS (SELECT 1 FROM movement_records rr WHERE rr.replaces = m.id) ORDER BY m.id DESC LIMIT 1)`;

/** Studies of the organization that ended within the period, with the study (or form) that followed. */
function endedStudies(env: QueryEnv): MoveRow[] {
  const org = requireOrg(env);
  const next = (col: string) => `(SELECT ${col} FROM studies n JOIN organizations o ON o.id = n.org_id
      WHERE n.child_id = c.id AND n.id != s.id AND ${standingSql('n')} AND ${factStartSql('n')} >= ${factStartSql('s')} AND ${factStartSql('n')} >= coalesce(s.valid_to, '')
      ORDER BY ${factStartSql('n')}, n.id LIMIT 1)`;
  const rows = env.sqlite
    .prepare(
      `SELECT c.id, ${FIO_SQL} AS fio, c.birth_date, c.has_secondary_general, s.class_label, s.leave_order_number, s.leave_order_date, s.leave_reason, s.valid_to,
              ${LIVING_ADDRESS} AS address,
              ${next('o.full_name')} AS next_org, ${next("nullif(o.address, '')")} AS next_org_address, ${next('n.class_label')} AS next_class,
              ${next('n.enrol_order_number')} AS next_enrol_number, ${next('n.enrol_order_date')} AS next_enrol_date, ${next('n.org_id = s.org_id')} AS next_same,
              (SELECT f.form FROM education_forms f WHERE f.child_id = c.id AND ${standingSql('f')} AND f.form IN ('family', 'self') AND ${factStartSql('f')} >= s.valid_to ORDER BY ${factStartSql('f')} LIMIT 1) AS next_form,
              (SELECT ${factStartSql('f')} FROM education_forms f WHERE f.child_id = c.id AND ${standingSql('f')} AND f.form IN ('family', 'self') AND ${factStartSql('f')} >= s.valid_to ORDER BY ${factStartSql('f')} LIMIT 1) AS next_form_from,
              ${continuationSql('coalesce(mo.full_name, m.counterpart_name)')} AS cont_where, ${continuationSql("json_extract(m.data, '$.kind')")} AS cont_kind,
              ${continuationSql('m.order_number')} AS cont_order_number, ${continuationSql('m.order_date')} AS cont_order_date
         FROM studies s JOIN children c ON c.id = s.child_id
        WHERE s.org_id = @org AND ${standingSql('s')} AND s.valid_to >= @from AND s.valid_to <= @asOf AND c.status = 'active'`,
    )
    .all({ org: org.id, asOf: env.asOf, from: env.periodFrom ?? env.asOf }) as MoveRow[];
  return rows;
}

function whereNext(r: MoveRow): string {
  if (r.next_org) return [r.next_org, r.next_org_address].filter(Boolean).join(', ');
  if (r.next_form) return educationFormLabel(r.next_form as EducationFormId);
  return continuationText(r.cont_kind, r.cont_where);
}

const grade9Leavers: Query = (env) =>
  endedStudies(env)
    .filter((r) => {
      const c = r.class_label ? parseClassLabel(r.class_label) : null;
      if (c?.grade !== 9) return false;
      // Moved to another 9th grade: a transfer, not the end of basic general education.
      const next = r.next_class ? parseClassLabel(r.next_class) : null;
      return !(next && next.grade <= 9);
    })
    .map((r) =>
      childRow(r, {
        // «Класс (выпуск)»: the class and the year it finished.
        classLabel: `${r.class_label} (${r.valid_to!.slice(0, 4)})`,
        address: r.address,
        wentTo: r.next_org ?? (r.next_form ? educationFormLabel(r.next_form as EducationFormId) : continuationText(r.cont_kind, r.cont_where)),
        note: [r.next_same === 1 && r.next_class ? `${r.next_class} класс` : '', r.leave_reason ?? ''].filter(Boolean).join('; '),
      }),
    );

const expelled: Query = (env) =>
  endedStudies(env)
    // A move between the organization's own classes is not an expulsion.
    .filter((r) => r.next_same !== 1)
    .map((r) =>
      childRow(r, {
        classLabel: r.class_label,
        // The last day is shown when the order does not already say it.
        leaveOrder: [order(r.leave_order_number, r.leave_order_date), r.valid_to && r.valid_to !== r.leave_order_date ? `(по ${formatRuDate(r.valid_to)})` : ''].filter(Boolean).join(' '),
        wentTo: whereNext(r),
        leaveReason: r.leave_reason,
        confirmation: r.next_org
          ? ['зачислен(а)', order(r.next_enrol_number, r.next_enrol_date)].filter(Boolean).join(' ')
          : r.next_form
            ? `${educationFormLabel(r.next_form as EducationFormId)} с ${formatRuDate(r.next_form_from!)}`
            : r.cont_kind
              ? [r.cont_kind === 'school' || r.cont_kind === 'spo' ? 'зачислен(а)' : continuationText(r.cont_kind, null), order(r.cont_order_number, r.cont_order_date)].filter(Boolean).join(' ')
              : 'нет сведений',
      }),
    );

const enrolled: Query = (env) => {
  const org = requireOrg(env);
  const prev = (col: string) => `(SELECT ${col} FROM studies p JOIN organizations o ON o.id = p.org_id
      WHERE p.child_id = c.id AND p.id != s.id AND ${standingSql('p')} AND p.valid_to IS NOT NULL AND p.valid_to <= ${factStartSql('s')}
      ORDER BY p.valid_to DESC, p.id DESC LIMIT 1)`;
  const rows = env.sqlite
    .prepare(
      `SELECT c.id, ${FIO_SQL} AS fio, c.birth_date, c.has_secondary_general, s.class_label, s.enrol_order_number, s.enrol_order_date, ${factStartSql('s')} AS start,
              ${prev('o.full_name')} AS prev_org, ${prev("nullif(o.address, '')")} AS prev_address, ${prev('p.org_id = s.org_id')} AS prev_same,
              (SELECT coalesce(mo.full_name, m.counterpart_name) FROM movement_records m LEFT JOIN organizations mo ON mo.id = m.counterpart_org_id
                WHERE m.kind = 'transfer-notice' AND m.study_id = s.id AND NOT EXISTS (SELECT 1 FROM movement_records rr WHERE rr.replaces = m.id)) AS transfer_from
         FROM studies s JOIN children c ON c.id = s.child_id
        WHERE s.org_id = @org AND ${standingSql('s')} AND ${factStartSql('s')} >= @from AND ${factStartSql('s')} <= @asOf AND c.status = 'active'`,
    )
    .all({ org: org.id, asOf: env.asOf, from: env.periodFrom ?? env.asOf }) as (StudyRow & { prev_org: string | null; prev_address: string | null; prev_same: number | null; transfer_from: string | null })[];
  return rows
    // A move between its own classes is not an enrolment; nor is a pupil recorded on the school year's first day
    // with no school before (the year's contingent from the September list), unless they came from elsewhere (a school
    // in the registry, or the sending school of a transfer recorded on «Движение обучающихся»).
    .filter((r) => r.prev_same !== 1 && (r.start > (env.periodFrom ?? '') || r.prev_org !== null || r.transfer_from !== null))
    .map((r) =>
      childRow(r, {
        classLabel: r.class_label,
        enrolOrder: order(r.enrol_order_number, r.enrol_order_date),
        cameFrom: r.prev_org ? [r.prev_org, r.prev_address].filter(Boolean).join(', ') : (r.transfer_from ?? 'нет сведений'),
      }),
    );
};

interface FormChild {
  id: number;
  fio: string;
  birth_date: string;
  has_secondary_general: number;
  org_id: number | null;
  class_label: string | null;
  form: string | null;
  form_id: number | null;
  att_org: number | null;
  form_src_org: number | null;
}

/**
 * Children with their study and form of education in force. A pupil without a form in the registry studies
 * full-time (the form is recorded when it is not); family and self-education belong to the school that attests
 * the child, else to the organization that reported the form.
 */
function formChildren(env: QueryEnv, orgIds: number[] | null): FormChild[] {
  const age = ageRange(env.asOf, env.source);
  const inOrgs = orgIds ? `IN (${orgIds.map(Number).join(', ')})` : 'IS NOT NULL';
  const rows = env.sqlite
    .prepare(
      `SELECT * FROM (
         SELECT c.id, ${FIO_SQL} AS fio, c.birth_date, c.has_secondary_general,
                (SELECT s.org_id FROM studies s JOIN organizations o ON o.id = s.org_id WHERE s.child_id = c.id AND o.kind = 'school' AND ${inForceSql('s')} ORDER BY ${factStartSql('s')} DESC, s.id DESC LIMIT 1) AS org_id,
                (SELECT s.class_label FROM studies s JOIN organizations o ON o.id = s.org_id WHERE s.child_id = c.id AND o.kind = 'school' AND ${inForceSql('s')} ORDER BY ${factStartSql('s')} DESC, s.id DESC LIMIT 1) AS class_label,
                ${FORM_SQL} AS form, ${FORM_ID_SQL} AS form_id
           FROM children c WHERE c.status = 'active' AND ${age.sql}) x
       LEFT JOIN (SELECT f.id AS fid, f.attestation_org_id AS att_org, so.org_id AS form_src_org FROM education_forms f LEFT JOIN sources so ON so.id = f.source_id) ff ON ff.fid = x.form_id
       WHERE x.org_id ${inOrgs} OR (x.form IN ('family', 'self') AND ${orgIds ? `coalesce(ff.att_org, ff.form_src_org) ${inOrgs}` : '1'})`,
    )
    .all({ asOf: env.asOf, ...age.args }) as FormChild[];
  compulsoryFilter(env, rows);
  return rows;
}

/** The organization a child counts for: its school, or for family/self-education the attesting one. */
function formOrg(r: FormChild): number | null {
  if (r.form === 'family' || r.form === 'self') return r.att_org ?? r.form_src_org ?? r.org_id;
  return r.org_id;
}

/** The form a child is counted under (none recorded at school: full-time). */
function countedForm(r: FormChild): { form: EducationFormId; assumed: boolean } | null {
  if (r.form && isEducationFormId(r.form)) return { form: r.form, assumed: false };
  return r.org_id !== null ? { form: 'full_time', assumed: true } : null;
}

/** Footnote figures of the counting forms, by placeholder name. */
type Counters = Record<string, number>;

function schoolsFor(env: QueryEnv): OrgRow[] {
  const org = requireOrg(env);
  if (!isMunicipal(org)) return [org];
  return env.sqlite.prepare("SELECT * FROM organizations WHERE kind = 'school' AND active = 1 ORDER BY short_name").all() as OrgRow[];
}

function formCountsByOrg(env: QueryEnv, counters: Counters): SourceRow[] {
  const schools = schoolsFor(env);
  const rows = formChildren(env, schools.map((s) => s.id));
  const by = new Map<number, Record<string, number>>(schools.map((s) => [s.id, { full_time: 0, part_time: 0, family: 0, self: 0, total: 0 }]));
  counters.extramural = 0;
  counters.noForm = 0;
  for (const r of rows) {
    const counted = countedForm(r);
    const target = by.get(formOrg(r) ?? -1);
    if (!counted || !target) continue;
    // Заочная has no column of its own in приложение 6: it is counted with очно-заочная (README, «Формы отчётов»).
    const column = counted.form === 'extramural' ? 'part_time' : counted.form;
    if (counted.form === 'extramural') counters.extramural++;
    if (counted.assumed) counters.noForm++;
    target[column]!++;
    target.total!++;
  }
  return schools
    .sort((a, b) => compareRu(a.full_name, b.full_name))
    .map((s, i) => ({ id: i, fio: s.full_name, birthDate: null, classLabel: null, form: null, cells: { orgName: s.full_name, ...by.get(s.id)! } }));
}

function formCountsByLevel(env: QueryEnv, counters: Counters): SourceRow[] {
  const org = requireOrg(env);
  const rows = formChildren(env, [org.id]);
  const levels: (EducationLevel | 'unknown')[] = ['primary', 'basic', 'secondary', 'unknown'];
  const empty = () => Object.fromEntries([...EDUCATION_FORMS.map((f) => f.id), 'total'].map((k) => [k, 0])) as Record<string, number>;
  const by = new Map(levels.map((l) => [l, empty()]));
  counters.noForm = 0;
  const yearStart = schoolYearStart(schoolYearStartYearOf(env.asOf));
  for (const r of rows) {
    if (formOrg(r) !== org.id) continue;
    const counted = countedForm(r);
    if (!counted) continue;
    if (counted.assumed) counters.noForm++;
    const grade = r.class_label ? parseClassLabel(r.class_label)?.grade : undefined;
    // Without a class (family and self-education), the level the age corresponds to on 1 September.
    const level = (grade !== undefined ? levelOfGrade(grade) : levelByAge(r.birth_date, yearStart)) ?? 'unknown';
    const t = by.get(level)!;
    t[counted.form]!++;
    t.total!++;
  }
  return levels
    .filter((l) => l !== 'unknown' || by.get(l)!.total! > 0)
    .map((l, i) => ({
      id: i,
      fio: '',
      birthDate: null,
      classLabel: null,
      form: null,
      cells: { level: l === 'unknown' ? 'Класс не указан' : LEVEL_LABELS_FULL[l], ...by.get(l)! },
    }));
}

/**
 * The consolidated report (Кстово п. 4.1.8): for each school (all of them for the department) its pupils by level of
 * education and by form, counted as приложение 6 counts them (family and self-education at the attesting school).
 */
function countsByOrgLevel(env: QueryEnv, counters: Counters): SourceRow[] {
  const schools = schoolsFor(env);
  const rows = formChildren(env, schools.map((s) => s.id));
  const keys = ['primary', 'basic', 'secondary', 'unknown', ...EDUCATION_FORMS.map((f) => f.id), 'total'];
  const by = new Map<number, Record<string, number>>(schools.map((s) => [s.id, Object.fromEntries(keys.map((k) => [k, 0]))]));
  counters.noForm = 0;
  const yearStart = schoolYearStart(schoolYearStartYearOf(env.asOf));
  for (const r of rows) {
    const counted = countedForm(r);
    const t = by.get(formOrg(r) ?? -1);
    if (!counted || !t) continue;
    if (counted.assumed) counters.noForm++;
    const grade = r.class_label ? parseClassLabel(r.class_label)?.grade : undefined;
    const level = (grade !== undefined ? levelOfGrade(grade) : levelByAge(r.birth_date, yearStart)) ?? 'unknown';
    t[level]!++;
    t[counted.form]!++;
    t.total!++;
  }
  return schools
    .sort((a, b) => compareRu(a.full_name, b.full_name))
    .map((s, i) => ({ id: i, fio: s.full_name, birthDate: null, classLabel: null, form: null, cells: { orgName: s.full_name, ...by.get(s.id)! } }));
}

function levelByAge(birth: IsoDate, sept1: IsoDate): EducationLevel | null {
  const years = isoParts(sept1).year - isoParts(birth).year - (birth.slice(5) > sept1.slice(5) ? 1 : 0);
  return levelOfGrade(Math.min(11, Math.max(1, years - 6)));
}

const formsOfEducation: Query = (env) => {
  const org = requireOrg(env);
  const municipal = isMunicipal(org);
  const rows = formChildren(env, municipal ? null : [org.id]);
  const orgNames = new Map((env.sqlite.prepare('SELECT id, short_name FROM organizations').all() as { id: number; short_name: string }[]).map((o) => [o.id, o.short_name]));
  const basisById = new Map<number, { basis: string | null; basis_date: string | null }>();
  const ids = rows.map((r) => r.form_id).filter((id): id is number => id !== null);
  const basisStmt = env.sqlite.prepare('SELECT id, basis, basis_date FROM education_forms WHERE id IN (SELECT value FROM json_each(?))');
  for (let i = 0; i < ids.length; i += 5000) {
    for (const b of basisStmt.all(JSON.stringify(ids.slice(i, i + 5000))) as { id: number; basis: string | null; basis_date: string | null }[]) basisById.set(b.id, b);
  }
  const wanted = env.source.forms;
  const out: SourceRow[] = [];
  const addressStmt = env.sqlite.prepare(`SELECT ${ACTUAL_ADDRESS} FROM children c WHERE c.id = ?`).pluck();
  for (const r of rows) {
    const counted = countedForm(r);
    if (!counted) continue;
    if (wanted && !wanted.includes(counted.form)) continue;
    const whose = formOrg(r);
    if (!municipal && whose !== org.id) continue;
    const b = r.form_id !== null ? basisById.get(r.form_id) : undefined;
    const basis = b ? [b.basis ?? '', b.basis_date ? `от ${formatRuDate(b.basis_date)}` : ''].filter(Boolean).join(' ') : '';
    out.push({
      ...childRow({ ...r, form: counted.form }, {
        actualAddress: addressStmt.get({ asOf: env.asOf }, r.id) as string | null,
        org: whose !== null ? (orgNames.get(whose) ?? '') : '',
        classLabel: r.class_label,
        basis: basis || (counted.assumed ? 'форма в реестре не указана' : ''),
      }),
    });
  }
  return out;
};

/**
 * Приложение 1 (ЗАТО Свободный): the «Не обучаются» list of electron/services/education (the one rule), so the
 * printed form and the screen give the same children. The department lists every child of the municipality; another
 * organization those living on its territory (a school) or those it reported itself.
 */
const notInSchool: Query = (env) => {
  const org = requireOrg(env);
  const rows = computeNotInEducation(env.sqlite, env.asOf, { orgId: isMunicipal(org) ? null : org.id, groups: PRINTED_GROUPS });
  return rows.map((r) =>
    childRow(
      { id: r.childId, fio: [r.surname, r.name, r.patronymic].filter(Boolean).join(' '), birth_date: r.birthDate },
      { registrationAddress: r.registrationAddress, actualAddress: r.actualAddress },
    ),
  );
};

// ---- Sorting, grouping, numbering ---------------------------------------------------------------------------

function byName(a: SourceRow, b: SourceRow): number {
  return compareRu(a.fio, b.fio) || (a.birthDate ?? '').localeCompare(b.birthDate ?? '') || a.id - b.id;
}

function classOrder(a: string | null, b: string | null): number {
  const pa = a ? parseClassLabel(a) : null;
  const pb = b ? parseClassLabel(b) : null;
  if (pa && pb) return pa.grade - pb.grade || compareRu(pa.letter ?? '', pb.letter ?? '');
  if (pa || pb) return pa ? -1 : 1;
  return compareRu(a ?? '', b ?? '');
}

interface Grouped {
  key: string;
  heading: string | null;
  rows: SourceRow[];
}

function groupRows(rows: SourceRow[], grouping: FormSectionDef['group']): Grouped[] {
  if (!grouping) return [{ key: '', heading: null, rows }];
  const map = new Map<string, Grouped>();
  for (const r of rows) {
    let key: string;
    let heading: string;
    if (grouping === 'birth-year') {
      key = r.birthDate?.slice(0, 4) ?? '';
      heading = key ? `${key} год рождения` : 'Год рождения не указан';
    } else if (grouping === 'class') {
      key = r.classLabel ?? '';
      heading = key ? `${key} класс` : 'Класс не указан';
    } else {
      key = r.form ?? '';
      heading = r.form && isEducationFormId(r.form) ? `Форма получения образования: ${educationFormLabel(r.form)}` : 'Форма получения образования не указана';
    }
    let g = map.get(key);
    if (!g) map.set(key, (g = { key, heading, rows: [] }));
    g.rows.push(r);
  }
  const groups = [...map.values()];
  const formIndex = (k: string) => {
    const i = EDUCATION_FORMS.findIndex((f) => f.id === k);
    return i < 0 ? 99 : i;
  };
  groups.sort((a, b) => {
    if (grouping === 'birth-year') return (a.key || '9999').localeCompare(b.key || '9999');
    if (grouping === 'class') return classOrder(a.key || null, b.key || null);
    return formIndex(a.key) - formIndex(b.key);
  });
  return groups;
}

const QUERIES: Record<Exclude<RowSource['query'], 'form-counts-by-org' | 'form-counts-by-level' | 'counts-by-org-level'>, Query> = {
  'territory-children': territoryChildren,
  pupils,
  truancy,
  'grade9-leavers': grade9Leavers,
  expelled,
  enrolled,
  'forms-of-education': formsOfEducation,
  'not-in-school': notInSchool,
};

function runQuery(env: QueryEnv, counters: Counters): SourceRow[] {
  const q = env.source.query;
  if (q === 'form-counts-by-org') return formCountsByOrg(env, counters);
  if (q === 'form-counts-by-level') return formCountsByLevel(env, counters);
  if (q === 'counts-by-org-level') return countsByOrgLevel(env, counters);
  return QUERIES[q](env);
}

function prepareSection(env: QueryEnv, def: FormSectionDef, counters: Counters): PreparedSection {
  const rows = runQuery(env, counters);
  if (def.sort === 'name') rows.sort(byName);
  else if (def.sort === 'class-name') rows.sort((a, b) => classOrder(a.classLabel, b.classLabel) || byName(a, b));
  const grouped = groupRows(rows, def.group);
  let n = 0;
  const groups: PreparedGroup[] = grouped.map((g) => ({
    heading: g.heading,
    rows: g.rows.map((r) => {
      n++;
      return def.columns.map((c) => (c.kind === 'index' ? n : (r.cells[c.key] ?? null)));
    }),
  }));
  const totals: Cell[][] = [];
  if (def.totals && rows.length > 0) {
    const labelAt = def.columns.findIndex((c) => c.kind === 'text');
    totals.push(
      def.columns.map((c, i) => {
        if (i === labelAt) return def.totals!.label;
        if (!def.totals!.sum.includes(c.key)) return null;
        return rows.reduce((s, r) => s + (typeof r.cells[c.key] === 'number' ? (r.cells[c.key] as number) : 0), 0);
      }),
    );
  } else if (def.listsChildren && rows.length > 0) {
    // A list of children ends with how many it lists, in the ФИО column.
    const at = Math.max(0, def.columns.findIndex((c) => c.key === 'fio'));
    totals.push(def.columns.map((_, i) => (i === at ? `Всего: ${rows.length}` : null)));
  }
  return {
    heading: def.heading ?? null,
    columns: def.columns.map((c) => ({ ...c })),
    groups: rows.length === 0 ? [] : groups,
    totals,
    rowCount: rows.length,
    listsChildren: def.listsChildren,
  };
}

function findForm(profile: RegulationProfile, formId: string): FormDef {
  const form = profile.forms.find((f) => f.id === formId);
  if (!form) throw new ApiError('NOT_FOUND', `Форма «${formId}» не найдена в профиле «${profile.title}»`);
  return form;
}

/**
 * Runs a form of the profile over the registry as of the date: the one prepared table both renderers print.
 * Reads only; the caller checks who may see which organization. Takes the connection or the open database.
 */
export function prepareForm(db: Database.Database | { sqlite: Database.Database }, profile: RegulationProfile, formId: string, params: FormParamsInput): PreparedTable {
  const sqlite = 'sqlite' in db ? db.sqlite : db;
  const form = findForm(profile, formId);
  const org = params.orgId !== undefined ? ((sqlite.prepare('SELECT * FROM organizations WHERE id = ?').get(params.orgId) as OrgRow | undefined) ?? null) : null;
  if (params.orgId !== undefined && !org) throw new ApiError('NOT_FOUND', `Организация № ${params.orgId} не найдена`);
  if (form.params.org === 'required' && !org) {
    throw new ApiError('VALIDATION', `Для формы «${form.title}» выберите организацию`, { issues: [{ path: 'orgId', message: 'Не выбрана организация' }] });
  }
  const asOf = params.asOf;
  const periodFrom = periodStart(form.period, asOf);
  const counters: Counters = {};
  const sections = form.sections.map((def) => prepareSection({ sqlite, org, asOf, periodFrom, source: def.source, profile }, def, counters));
  const values: Record<string, string> = {
    asOf: formatRuDate(asOf),
    year: String(isoParts(asOf).year),
    schoolYear: schoolYearLabel(schoolYearStartYearOf(asOf)),
    ...(periodFrom ? { periodFrom: formatRuDate(periodFrom) } : {}),
    ...Object.fromEntries(Object.entries(counters).map(([k, v]) => [k, String(v)])),
  };
  const first = sections[0]!;
  return {
    formId: form.id,
    profileId: profile.id,
    title: form.title,
    orientation: form.orientation,
    attachment: [...form.attachment],
    heading: form.heading.map((h) => fillPlaceholders(h, values)),
    orgFullName: org?.full_name ?? null,
    orgCaption: form.orgCaption,
    asOf,
    asOfLine: form.asOfLine ? asOfText(asOf) : null,
    params: { orgId: org?.id ?? null, asOf, year: params.year ?? null },
    periodFrom,
    columns: first.columns,
    groups: first.groups,
    totals: first.totals,
    sections,
    childCount: sections.reduce((s, x) => s + (x.listsChildren ? x.rowCount : 0), 0),
    signature: {
      position: org?.head_position.trim() || form.signature.fallbackPosition,
      name: headInitials(org?.head_name ?? ''),
      stamp: form.signature.stamp,
      dated: form.signature.date,
    },
    footnotes: (form.footnotes ?? []).map((f) => fillPlaceholders(f, values)),
    emptyText: EMPTY_TEXT,
  };
}
