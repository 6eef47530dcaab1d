import type Database from 'better-sqlite3';
import { ageOn, compulsoryWindow } from '../../../shared/domain/age';
import { compareRu } from '../../../shared/domain/collation';
import { addDays, addMonths, addYears, daysBetween, formatRuDate, type IsoDate } from '../../../shared/domain/dates';
import {
  classifyEducation,
  EDUCATING_ORG_KINDS,
  EXCUSING_CONDITIONS,
  OUTSIDE_FORMS,
  type ChildEducationFacts,
  type ConditionFact,
  type EducationGroup,
  type EducationVerdict,
  type FormFact,
  type StudyFact,
} from '../../../shared/domain/notInEducation';
import type { FactLife } from '../../../shared/domain/inForce';
import type { CaseViewStatus, NieRow, NieSource } from '../../../shared/api/education';
import { ORG_KIND_LABELS, type OrgKind } from '../../../shared/profiles/types';
import { inForceSql } from '../access';
import { loadTerritoryIndex, placeOfAddress, schoolOfPlace } from '../territories/resolve';
import { caseStatesOf } from './cases';

// The list of children not in education on a date. SQL picks the candidates (active, about compulsory age, with no
// educating fact in force); each candidate's facts then go through the one rule (shared/domain/notInEducation.ts),
// which decides the group. Nothing else here decides who is «не обучается».

const inList = (list: readonly string[]) => list.map((v) => `'${v}'`).join(', ');

/**
 * Candidates: active children born in a window a little wider than compulsory age, with no educating fact in force.
 * Three narrow reads — the birth window from children_birth_idx, the educating facts in force from covering indexes
 * (db/migrations/0012) — the difference taken here, then only the candidates' own rows are read from the table.
 */
const BORN_SQL = 'SELECT id FROM children INDEXED BY children_birth_idx WHERE birth_date <= @bornBy AND birth_date > @bornAfter';
const EDUCATING_SQL = `
  SELECT s.child_id FROM studies s INDEXED BY studies_in_force_idx
   WHERE s.org_id IN (SELECT id FROM organizations WHERE kind IN (${inList(EDUCATING_ORG_KINDS)})) AND ${inForceSql('s', '@on')}
  UNION ALL SELECT f.child_id FROM education_forms f INDEXED BY education_forms_in_force_idx WHERE f.form IN (${inList(OUTSIDE_FORMS)}) AND ${inForceSql('f', '@on')}
  UNION ALL SELECT k.child_id FROM conditions k INDEXED BY conditions_in_force_idx WHERE k.kind IN (${inList(EXCUSING_CONDITIONS)}) AND ${inForceSql('k', '@on')}`;
const CANDIDATE_ROWS_SQL = `
  SELECT c.id, c.surname, c.name, c.patronymic, c.birth_date, c.has_secondary_general, c.status, c.source_id, substr(c.created_at, 1, 10) AS created
    FROM children c WHERE c.id IN (SELECT value FROM json_each(?)) AND c.status = 'active' AND c.has_secondary_general = 0`;

function candidates(sqlite: Database.Database, asOf: IsoDate): CandidateRow[] {
  // A little wider than 6 y 6 m … 18 y: the rule decides the exact day (29 February, month ends).
  const born = sqlite.prepare(BORN_SQL).pluck().all({ bornBy: addDays(addMonths(asOf, -78), 3), bornAfter: addDays(addYears(asOf, -18), -3) }) as number[];
  const educating = new Set(sqlite.prepare(EDUCATING_SQL).pluck().all({ on: asOf }) as number[]);
  const ids = born.filter((id) => !educating.has(id));
  return sqlite.prepare(CANDIDATE_ROWS_SQL).all(JSON.stringify(ids)) as CandidateRow[];
}

interface CandidateRow {
  id: number;
  surname: string;
  name: string;
  patronymic: string | null;
  birth_date: string;
  has_secondary_general: number;
  status: string;
  source_id: number | null;
  created: string;
}

const LIFE = 'valid_from AS validFrom, valid_to AS validTo, superseded_by AS supersededBy, withdrawn_at AS withdrawnAt';

function chunks<T>(items: T[], size = 250_000): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function groupBy<T extends { childId: number }>(rows: T[]): Map<number, T[]> {
  const m = new Map<number, T[]>();
  for (const r of rows) {
    let a = m.get(r.childId);
    if (!a) m.set(r.childId, (a = []));
    a.push(r);
  }
  return m;
}

interface AddressFact extends FactLife {
  childId: number;
  kind: string;
  text: string;
  locality: string | null;
  street: string | null;
  house: string | null;
  recordedAt: string;
  id: number;
}

type Sourced = { sourceId: number | null };

/**
 * Every fact the rule needs, for the given children, of any period (with the source that said it). `ruleKindsOnly`:
 * of forms and conditions only the kinds the rule counts (a long list reads them from the covering indexes).
 */
export function factsOf(sqlite: Database.Database, ids: number[], ruleKindsOnly = false) {
  const studies: (StudyFact & Sourced & { childId: number; id: number; orgId: number; leaveReason: string | null; leaveOrderNumber: string | null; leaveOrderDate: string | null })[] = [];
  const forms: (FormFact & Sourced & { childId: number; id: number })[] = [];
  const conditions: (ConditionFact & Sourced & { childId: number; id: number })[] = [];
  const addresses: (AddressFact & Sourced)[] = [];
  const orgs = new Map((sqlite.prepare('SELECT id, kind, short_name AS name FROM organizations').all() as { id: number; kind: string; name: string }[]).map((o) => [o.id, o]));
  const st = sqlite.prepare(
    `SELECT s.id, s.child_id AS childId, ${LIFE}, s.org_id AS orgId, s.class_label AS classLabel, s.source_id AS sourceId,
            s.leave_reason AS leaveReason, s.leave_order_number AS leaveOrderNumber, s.leave_order_date AS leaveOrderDate
       FROM studies s WHERE s.child_id IN (SELECT value FROM json_each(?))`,
  );
  const fo = sqlite.prepare(
    `SELECT id, child_id AS childId, ${LIFE}, form, source_id AS sourceId FROM education_forms
      WHERE ${ruleKindsOnly ? `form IN (${inList(OUTSIDE_FORMS)}) AND ` : ''}child_id IN (SELECT value FROM json_each(?))`,
  );
  const co = sqlite.prepare(
    `SELECT id, child_id AS childId, ${LIFE}, kind, source_id AS sourceId FROM conditions
      WHERE ${ruleKindsOnly ? `kind IN (${inList(EXCUSING_CONDITIONS)}) AND ` : ''}child_id IN (SELECT value FROM json_each(?))`,
  );
  const ad = sqlite.prepare(
    `SELECT id, child_id AS childId, ${LIFE}, kind, text, locality, street, house, recorded_at AS recordedAt, source_id AS sourceId FROM addresses WHERE child_id IN (SELECT value FROM json_each(?))`,
  );
  for (const part of chunks(ids)) {
    const json = JSON.stringify(part);
    for (const r of st.all(json) as typeof studies) {
      const o = orgs.get(r.orgId);
      studies.push({ ...r, orgKind: o?.kind ?? '', orgName: o?.name ?? null });
    }
    forms.push(...(fo.all(json) as typeof forms));
    conditions.push(...(co.all(json) as typeof conditions));
    addresses.push(...(ad.all(json) as typeof addresses));
  }
  return { studies: groupBy(studies), forms: groupBy(forms), conditions: groupBy(conditions), addresses: groupBy(addresses) };
}

export type ChildFactsBundle = ReturnType<typeof factsOf>;

export function ruleFacts(child: { birth_date: string; has_secondary_general: number; status: string }, id: number, f: ChildFactsBundle): ChildEducationFacts {
  return {
    birthDate: child.birth_date,
    hasSecondaryGeneral: child.has_secondary_general === 1,
    status: child.status,
    studies: f.studies.get(id) ?? [],
    forms: f.forms.get(id) ?? [],
    conditions: f.conditions.get(id) ?? [],
    addresses: f.addresses.get(id) ?? [],
  };
}

const SOURCE_KIND_WORD: Record<string, string> = { manual: 'Введено вручную', merge: 'Объединение карточек', demo: 'Демонстрационные данные' };

interface SourceRow {
  id: number;
  kind: string;
  userLogin: string;
  orgId: number | null;
  orgName: string | null;
  orgKind: string | null;
  title: string | null;
  asOf: string | null;
  created: string;
}

export function sourceText(s: { kind: string; orgName: string | null; title: string | null; asOf: string | null; userLogin: string; created: string }): string {
  if (s.kind === 'list') return `Список «${s.title ?? 'без названия'}»${s.orgName ? ` от ${s.orgName}` : ''}${s.asOf ? `, на ${formatRuDate(s.asOf)}` : ''}`;
  if (s.kind === 'manual') return `Введено вручную: ${s.userLogin}, ${formatRuDate(s.created)}`;
  return SOURCE_KIND_WORD[s.kind] ?? s.kind;
}

type NamingSource = NieSource & { orgId: number | null; day: string };

/**
 * Which lists (and hand entries) name each child: the standing facts it has (studies, forms, conditions, addresses,
 * flags), later lists that confirmed them, and the list that made the record.
 */
export function namingSources(sqlite: Database.Database, ids: number[], facts: ChildFactsBundle, recordSource: Map<number, number | null>): Map<number, NamingSource[]> {
  const byChild = new Map<number, Set<number>>();
  const add = (child: number, source: number | null) => {
    if (source === null) return;
    let set = byChild.get(child);
    if (!set) byChild.set(child, (set = new Set()));
    set.add(source);
  };
  const factOwner = new Map<string, number>();
  const tables = [
    ['studies', facts.studies],
    ['education_forms', facts.forms],
    ['conditions', facts.conditions],
    ['addresses', facts.addresses],
  ] as const;
  for (const [table, map] of tables) {
    for (const [child, list] of map) {
      for (const f of list as (FactLife & Sourced & { id: number })[]) {
        if (f.withdrawnAt !== null) continue;
        add(child, f.sourceId);
        factOwner.set(`${table}:${f.id}`, child);
      }
    }
  }
  for (const [child, source] of recordSource) add(child, source);
  const flagStmt = sqlite.prepare('SELECT child_id AS childId, source_id AS sourceId FROM flags WHERE withdrawn_at IS NULL AND child_id IN (SELECT value FROM json_each(?))');
  for (const part of chunks(ids)) for (const r of flagStmt.all(JSON.stringify(part)) as { childId: number; sourceId: number | null }[]) add(r.childId, r.sourceId);
  for (const r of sqlite.prepare('SELECT fact_table AS t, fact_id AS id, source_id AS sourceId FROM fact_confirmations WHERE withdrawn_at IS NULL').all() as { t: string; id: number; sourceId: number }[]) {
    const child = factOwner.get(`${r.t}:${r.id}`);
    if (child !== undefined) add(child, r.sourceId);
  }
  const allIds = new Set<number>();
  for (const set of byChild.values()) for (const id of set) allIds.add(id);
  const rows = sqlite
    .prepare(
      `SELECT so.id, so.kind, so.user_login AS userLogin, so.org_id AS orgId, o.short_name AS orgName, o.kind AS orgKind, so.title, so.as_of AS asOf, substr(so.created_at, 1, 10) AS created
         FROM sources so LEFT JOIN organizations o ON o.id = so.org_id WHERE so.id IN (SELECT value FROM json_each(?)) AND so.kind != 'merge'`,
    )
    .all(JSON.stringify([...allIds])) as SourceRow[];
  const sources = new Map(rows.map((r) => [r.id, { orgName: r.orgName, orgKind: r.orgKind, title: r.title, asOf: r.asOf, label: sourceText(r), orgId: r.orgId, day: r.asOf ?? r.created }]));
  const out = new Map<number, NamingSource[]>();
  for (const [child, set] of byChild) {
    const list = [...set].map((id) => sources.get(id)).filter((s): s is NamingSource => s !== undefined);
    list.sort((x, y) => (x.day < y.day ? -1 : x.day > y.day ? 1 : x.label < y.label ? -1 : x.label > y.label ? 1 : 0));
    out.set(child, list);
  }
  return out;
}

/** The same for a few children (a card): reads their facts itself. */
export function sourcesOf(sqlite: Database.Database, ids: number[]): Map<number, NamingSource[]> {
  const facts = factsOf(sqlite, ids);
  const record = new Map<number, number | null>();
  const stmt = sqlite.prepare('SELECT id, source_id FROM children WHERE id IN (SELECT value FROM json_each(?))');
  for (const r of stmt.all(JSON.stringify(ids)) as { id: number; source_id: number | null }[]) record.set(r.id, r.source_id);
  return namingSources(sqlite, ids, facts, record);
}

const KIND_RANK: Record<string, number> = { actual: 0, stay: 1, registration: 2 };
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function addressesInForce(list: AddressFact[] | undefined, on: IsoDate): AddressFact[] {
  return (list ?? [])
    .filter((a) => a.supersededBy === null && a.withdrawnAt === null && (a.validFrom === null || a.validFrom <= on) && (a.validTo === null || on < a.validTo))
    .sort((a, b) => (KIND_RANK[a.kind] ?? 3) - (KIND_RANK[b.kind] ?? 3) || cmp(b.validFrom ?? b.recordedAt, a.validFrom ?? a.recordedAt) || b.id - a.id);
}

export interface NieOptions {
  /** Only children a school may see: those living on its territory, or those it reported itself (null: everyone). */
  orgId?: number | null;
  /** Groups to keep (default: every group of the list — not in education, «выбыл?», kindergarten under 8). */
  groups?: readonly EducationGroup[];
}

export interface NieComputed extends NieRow {
  verdict: EducationVerdict;
}

/**
 * Children on the «Не обучаются» list on `asOf`, with the evidence the list shows, sorted by how long the child has
 * been without education (longest first). One pass: candidates in SQL, their facts in batches, the rule per child.
 */
export function computeNotInEducation(sqlite: Database.Database, asOf: IsoDate, options: NieOptions = {}): NieComputed[] {
  const groups = options.groups ?? ['not-in-education', 'left-municipality?', 'kindergarten-under-8'];
  const cands = candidates(sqlite, asOf);
  const ids = cands.map((c) => c.id);
  const facts = factsOf(sqlite, ids, true);
  const kept: { c: CandidateRow; verdict: EducationVerdict }[] = [];
  for (const c of cands) {
    const verdict = classifyEducation(ruleFacts(c, c.id, facts), asOf);
    if (groups.includes(verdict.group)) kept.push({ c, verdict });
  }
  const keptIds = kept.map((k) => k.c.id);
  const sources = namingSources(sqlite, keptIds, facts, new Map(kept.map((k) => [k.c.id, k.c.source_id])));
  const cases = caseStatesOf(sqlite, keptIds);
  const orgNames = new Map((sqlite.prepare('SELECT id, short_name FROM organizations').all() as { id: number; short_name: string }[]).map((o) => [o.id, o.short_name]));
  const idx = loadTerritoryIndex(sqlite);
  const keyCache = new Map<string, string>();
  const territoryMemo = new Map<string, number | null>();
  const out: NieComputed[] = [];
  for (const { c, verdict } of kept) {
    const src = sources.get(c.id) ?? [];
    const living = addressesInForce(facts.addresses.get(c.id), asOf);
    const home = living[0] ?? null;
    let territoryOrgId: number | null = null;
    if (home && idx.ruleCount > 0) {
      const memoKey = `${home.locality ?? ''}\u0001${home.street ?? ''}\u0001${home.house ?? ''}\u0001${home.street ? '' : home.text}`;
      const known = territoryMemo.get(memoKey);
      if (known !== undefined) territoryOrgId = known;
      else territoryMemo.set(memoKey, (territoryOrgId = schoolOfPlace(idx, placeOfAddress(idx, home, keyCache))));
    }
    if (options.orgId !== undefined && options.orgId !== null) {
      const reported = src.some((s) => s.orgId === options.orgId);
      if (territoryOrgId !== options.orgId && !reported) continue;
    }
    const compFrom = compulsoryWindow(c.birth_date).from;
    // The last educating fact that ended on or before the date.
    let lastEnd: string | null = null;
    for (const s of facts.studies.get(c.id) ?? []) {
      if (EDUCATING_ORG_KINDS.includes(s.orgKind) && s.supersededBy === null && s.withdrawnAt === null && s.validTo && s.validTo <= asOf && (!lastEnd || s.validTo > lastEnd)) lastEnd = s.validTo;
    }
    for (const f of facts.forms.get(c.id) ?? []) {
      if (OUTSIDE_FORMS.includes(f.form) && f.supersededBy === null && f.withdrawnAt === null && f.validTo && f.validTo <= asOf && (!lastEnd || f.validTo > lastEnd)) lastEnd = f.validTo;
    }
    // Known to live here since: the earliest list naming the child or the earliest address it has (whichever is first).
    const firstNamed = src.length ? src.reduce((m, s) => (s.day < m ? s.day : m), src[0]!.day) : c.created;
    let knownHere = firstNamed;
    for (const a of facts.addresses.get(c.id) ?? []) if (a.validFrom && a.withdrawnAt === null && a.validFrom < knownHere) knownHere = a.validFrom;
    const cs = cases.get(c.id);
    const foundOn = [firstNamed, cs?.openedOn].filter((d): d is string => !!d && d <= asOf).sort()[0] ?? asOf;
    let since = lastEnd ?? knownHere;
    if (since < compFrom) since = compFrom;
    if (since > asOf) since = asOf;
    const age = ageOn(c.birth_date, asOf);
    const registration = living.find((a) => a.kind === 'registration' || a.kind === 'stay') ?? null;
    const actual = living.find((a) => a.kind === 'actual') ?? null;
    out.push({
      childId: c.id,
      surname: c.surname,
      name: c.name,
      patronymic: c.patronymic,
      birthDate: c.birth_date,
      ageYears: age.years,
      ageMonths: age.months,
      group: verdict.group,
      reason: verdict.reason,
      sources: src.map(({ orgName, orgKind, title, asOf: d, label }) => ({ orgName, orgKind, title, asOf: d, label })),
      territoryOrgId,
      territoryName: territoryOrgId !== null ? (orgNames.get(territoryOrgId) ?? null) : null,
      address: home?.text ?? null,
      registrationAddress: registration?.text ?? null,
      actualAddress: actual?.text ?? null,
      withoutSince: since,
      daysWithout: daysBetween(since, asOf),
      foundOn,
      daysSinceFound: daysBetween(foundOn, asOf),
      caseId: cs?.id ?? null,
      caseStatus: (cs?.status ?? 'none') as CaseViewStatus,
      verdict,
    });
  }
  const fio = new Map(out.map((r) => [r.childId, `${r.surname} ${r.name} ${r.patronymic ?? ''}`]));
  out.sort((a, b) => b.daysWithout - a.daysWithout || compareRu(fio.get(a.childId)!, fio.get(b.childId)!) || a.childId - b.childId);
  return out;
}

/** «Миграционный пункт; ПДН» — the senders of the lists naming the child, for a table cell or a CSV column. */
export function sourcesCell(sources: readonly NieSource[]): string {
  const names: string[] = [];
  for (const s of sources) {
    const n = s.orgName ?? (s.orgKind ? ORG_KIND_LABELS[s.orgKind as OrgKind] : null) ?? s.label;
    if (!names.includes(n)) names.push(n);
  }
  return names.join('; ');
}
