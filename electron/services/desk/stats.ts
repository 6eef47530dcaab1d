import type Database from 'better-sqlite3';
import type { Forecast, ForecastRow, Statistics, StatCount } from '../../../shared/api/desk';
import { ageOn, firstGradeAgeStatus, isCompulsoryAge } from '../../../shared/domain/age';
import { compareRu } from '../../../shared/domain/collation';
import { addDays, isoParts, type IsoDate } from '../../../shared/domain/dates';
import { EDUCATION_FORMS, isEducationFormId, type EducationFormId } from '../../../shared/domain/educationForms';
import { EDUCATION_LEVELS, LEVEL_LABELS, levelOfGrade, parseClassLabel } from '../../../shared/domain/levels';
import { schoolYearLabel, schoolYearStart } from '../../../shared/domain/schoolYear';
import { inForceSql } from '../access';
import type { CallContext } from '../context';
import { childTerritories, loadTerritoryIndex } from '../territories/resolve';

/** The newest of a child's rows (by start, then id): [start, id]. */
function newer(a: [string, number] | undefined, start: string, id: number): boolean {
  return a === undefined || start > a[0] || (start === a[0] && id > a[1]);
}

/**
 * Counts of the children in education on `asOf`: pupils of schools (their study in force) and children on family
 * education or self-education (the form in force). A pupil without a form in the registry counts as очная, as in the
 * counting forms (Кстово приложение 6). Level and class from the class label; age in full years on the date.
 */
export function statisticsOn(sqlite: Database.Database, asOf: IsoDate): Statistics {
  const active = new Map<number, [string, number]>(
    (sqlite.prepare("SELECT id, birth_date, has_secondary_general FROM children WHERE status = 'active'").raw().all() as [number, string, number][]).map((r) => [r[0], [r[1], r[2]]]),
  );
  const study = new Map<number, [string, number, number, string | null]>(); // child → [start, id, org, class]
  for (const [child, start, id, org, cls] of sqlite
    .prepare(
      `SELECT s.child_id, coalesce(s.valid_from, ''), s.id, s.org_id, s.class_label FROM studies s JOIN organizations o ON o.id = s.org_id
        WHERE o.kind = 'school' AND ${inForceSql('s', '@on')}`,
    )
    .raw()
    .all({ on: asOf }) as [number, string, number, number, string | null][]) {
    const cur = study.get(child);
    if (newer(cur ? [cur[0], cur[1]] : undefined, start, id)) study.set(child, [start, id, org, cls]);
  }
  const form = new Map<number, [string, number, string, number | null]>(); // child → [start, id, form, attesting org]
  for (const [child, start, id, f, att] of sqlite
    .prepare(`SELECT f.child_id, coalesce(f.valid_from, ''), f.id, f.form, f.attestation_org_id FROM education_forms f WHERE ${inForceSql('f', '@on')}`)
    .raw()
    .all({ on: asOf }) as [number, string, number, string, number | null][]) {
    const cur = form.get(child);
    if (newer(cur ? [cur[0], cur[1]] : undefined, start, id)) form.set(child, [start, id, f, att]);
  }
  const orgNames = new Map((sqlite.prepare('SELECT id, short_name FROM organizations').raw().all() as [number, string][]).map((r) => [r[0], r[1]]));

  const byForm = new Map<string, number>();
  const byLevel = new Map<string, number>();
  const byGrade = new Map<number, number>();
  const byAge = new Map<number, number>();
  const byOrg = new Map<number | null, Record<string, number>>();
  let total = 0;
  let noFormAssumed = 0;
  const inc = <K>(m: Map<K, number>, k: K) => m.set(k, (m.get(k) ?? 0) + 1);
  // A few hundred class labels and a few thousand birth dates among 100,000 pupils: each read once.
  const grades = new Map<string, number | undefined>();
  const gradeOf = (label: string) => {
    if (!grades.has(label)) grades.set(label, parseClassLabel(label)?.grade);
    return grades.get(label);
  };
  const ages = new Map<string, number>();
  const ageOf = (birth: string) => {
    let a = ages.get(birth);
    if (a === undefined) ages.set(birth, (a = ageOn(birth, asOf).years));
    return a;
  };
  for (const [child, [birth]] of active) {
    if (birth > asOf) continue;
    const s = study.get(child);
    const f = form.get(child);
    const outside = f && (f[2] === 'family' || f[2] === 'self');
    if (!s && !outside) continue;
    let counted: EducationFormId;
    if (f && isEducationFormId(f[2])) counted = f[2];
    else {
      counted = 'full_time';
      noFormAssumed++;
    }
    total++;
    inc(byForm, counted);
    const grade = s?.[3] ? gradeOf(s[3]) : undefined;
    inc(byLevel, grade !== undefined ? (levelOfGrade(grade) ?? 'unknown') : 'unknown');
    inc(byGrade, grade ?? 0);
    inc(byAge, ageOf(birth));
    const org = outside ? (f[3] ?? s?.[2] ?? null) : (s?.[2] ?? null);
    const row = byOrg.get(org) ?? Object.fromEntries(EDUCATION_FORMS.map((x) => [x.id, 0]));
    row[counted] = (row[counted] ?? 0) + 1;
    byOrg.set(org, row);
  }
  const list = <K>(m: Map<K, number>, keys: K[], label: (k: K) => string): StatCount[] => keys.filter((k) => m.has(k)).map((k) => ({ key: String(k), label: label(k), count: m.get(k)! }));
  return {
    asOf,
    total,
    byForm: list(byForm, EDUCATION_FORMS.map((x) => x.id), (k) => EDUCATION_FORMS.find((x) => x.id === k)!.label),
    byLevel: list(byLevel, [...EDUCATION_LEVELS, 'unknown'], (k) => (k === 'unknown' ? 'класс не указан' : LEVEL_LABELS[k as (typeof EDUCATION_LEVELS)[number]])),
    byGrade: list(byGrade, [...Array.from({ length: 12 }, (_, i) => i + 1), 0], (k) => (k === 0 ? 'без класса' : `${k} класс`)),
    byAge: list(byAge, [...byAge.keys()].sort((a, b) => a - b), (k) => `${k} лет`),
    byOrg: [...byOrg.entries()]
      .map(([orgId, forms]) => ({ orgId, name: orgId === null ? 'вне организаций' : (orgNames.get(orgId) ?? `№ ${orgId}`), total: Object.values(forms).reduce((a, b) => a + b, 0), forms }))
      .sort((a, b) => (a.orgId === null ? 1 : b.orgId === null ? -1 : compareRu(a.name, b.name))),
    noFormAssumed,
  };
}

const UNKNOWN_TERRITORY = 'территория не определена';

/**
 * The first-grade intake forecast for the school years starting on 1 September of `year` and of `year + 1`, by school
 * territory, from the registry as it is on `today` (or on 31 August before that September, for a past year).
 * Counted: active children never at school (no school study begun by then) and not on family or self-education, who
 * - in `year`: are of first-grade age on 1 September (6 years 6 months reached, 8 years not passed — shared/domain/age
 *   firstGradeAgeStatus 'normal'), or are older than 8 and still of compulsory age (have not started: 'late');
 * - in `year + 1`: reach first-grade age by that 1 September and were too young on the one before (the rest are
 *   already counted in `year`).
 * Territory: the school territories directory (electron/services/territories) when it has rules; otherwise the school
 * that reported the child's living address in force.
 */
export function forecastFor(sqlite: Database.Database, year: number, today: IsoDate): Forecast {
  const sept = [schoolYearStart(year), schoolYearStart(year + 1)] as const;
  const eve = addDays(sept[0], -1);
  const on = today < eve ? today : eve;
  // Born late enough to be under 18 on the first 1 September, early enough to be 6.5 on the second.
  const bornAfter = `${year - 19}-01-01`;
  const bornBy = `${year - 5}-12-31`;
  const kids = sqlite
    .prepare("SELECT id, birth_date FROM children WHERE status = 'active' AND has_secondary_general = 0 AND birth_date > ? AND birth_date <= ?")
    .raw()
    .all(bornAfter, bornBy) as [number, string][];
  const atSchool = new Set(
    sqlite
      .prepare(
        `SELECT DISTINCT s.child_id FROM studies s JOIN organizations o ON o.id = s.org_id
          WHERE o.kind = 'school' AND s.superseded_by IS NULL AND s.withdrawn_at IS NULL AND (s.valid_from IS NULL OR s.valid_from <= ?)`,
      )
      .pluck()
      .all(on) as number[],
  );
  const outside = new Set(sqlite.prepare(`SELECT f.child_id FROM education_forms f WHERE f.form IN ('family', 'self') AND ${inForceSql('f', '@on')}`).pluck().all({ on }) as number[]);

  const counts = [new Map<number | null, { ofAge: number; late: number }>(), new Map<number | null, { ofAge: number; late: number }>()];
  const counted: [number, 0 | 1, 'ofAge' | 'late'][] = [];
  for (const [id, birth] of kids) {
    if (atSchool.has(id) || outside.has(id)) continue;
    const first = firstGradeAgeStatus(birth, sept[0]);
    if (first === 'normal') counted.push([id, 0, 'ofAge']);
    else if (first === 'late' && isCompulsoryAge(birth, sept[0], { hasSecondaryGeneral: false })) counted.push([id, 0, 'late']);
    else if (first === 'early' && firstGradeAgeStatus(birth, sept[1]) === 'normal') counted.push([id, 1, 'ofAge']);
  }

  const idx = loadTerritoryIndex(sqlite);
  const territoryBy: Forecast['territoryBy'] = idx.ruleCount > 0 ? 'territories' : 'reporting-school';
  const territory = new Map<number, number | null>();
  if (territoryBy === 'territories') {
    const all = childTerritories(sqlite, on, idx, counted.map((c) => c[0]));
    for (const [id] of counted) territory.set(id, all.get(id) ?? null);
  } else {
    // The school whose list gave the living address in force (actual first, then stay, then registration).
    const stmt = sqlite.prepare(
      `SELECT so.org_id FROM addresses a JOIN sources so ON so.id = a.source_id JOIN organizations o ON o.id = so.org_id
        WHERE a.child_id = ? AND o.kind = 'school' AND ${inForceSql('a', '@on')}
        ORDER BY CASE a.kind WHEN 'actual' THEN 0 WHEN 'stay' THEN 1 ELSE 2 END, coalesce(a.valid_from, '') DESC, a.id DESC LIMIT 1`,
    );
    for (const [id] of counted) territory.set(id, (stmt.pluck().get(id, { on }) as number | undefined) ?? null);
  }
  for (const [id, y, what] of counted) {
    const org = territory.get(id) ?? null;
    const c = counts[y]!.get(org) ?? { ofAge: 0, late: 0 };
    c[what]++;
    counts[y]!.set(org, c);
  }
  const names = new Map((sqlite.prepare('SELECT id, short_name FROM organizations').raw().all() as [number, string][]).map((r) => [r[0], r[1]]));
  const schools = sqlite.prepare("SELECT id FROM organizations WHERE kind = 'school' AND active = 1").pluck().all() as number[];
  return {
    on,
    territoryBy,
    years: [0, 1].map((i) => {
      const m = counts[i]!;
      for (const s of schools) if (!m.has(s)) m.set(s, { ofAge: 0, late: 0 });
      const rows: ForecastRow[] = [...m.entries()]
        .map(([orgId, c]) => ({ orgId, name: orgId === null ? UNKNOWN_TERRITORY : (names.get(orgId) ?? `№ ${orgId}`), ofAge: c.ofAge, late: c.late, total: c.ofAge + c.late }))
        .sort((a, b) => (a.orgId === null ? 1 : b.orgId === null ? -1 : compareRu(a.name, b.name)));
      const totals = rows.reduce((t, r) => ({ ofAge: t.ofAge + r.ofAge, late: t.late + r.late, total: t.total + r.total }), { ofAge: 0, late: 0, total: 0 });
      return { year: year + i, label: schoolYearLabel(year + i), september1: sept[i]!, rows, totals };
    }),
  };
}

export function deskStatistics(ctx: CallContext, input: { asOf: IsoDate }): Statistics {
  return statisticsOn(ctx.session().open.sqlite, input.asOf);
}

export function deskForecast(ctx: CallContext, input: { year: number }): Forecast {
  return forecastFor(ctx.session().open.sqlite, input.year, ctx.today());
}

/** The year the forecast starts from by default: the coming 1 September (this year's until 31 August). */
export function nextIntakeYear(today: IsoDate): number {
  const { year, month } = isoParts(today);
  return month >= 9 ? year + 1 : year;
}
