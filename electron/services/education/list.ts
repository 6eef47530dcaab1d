import type Database from 'better-sqlite3';
import { ageOn, compulsoryWindow } from '../../../shared/domain/age';
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

/** Candidates: active children born in a window a little wider than compulsory age, with no educating fact in force. */
const CANDIDATES_SQL = `
  SELECT c.id, c.surname, c.name, c.patronymic, c.birth_date, c.has_secondary_general, c.status, substr(c.created_at, 1, 10) AS created
    FROM children c
   WHERE c.status = 'active' AND c.has_secondary_general = 0 AND c.birth_date <= @bornBy AND c.birth_date > @bornAfter
     AND c.id NOT IN (
       SELECT s.child_id FROM studies s JOIN organizations o ON o.id = s.org_id WHERE o.kind IN (${inList(EDUCATING_ORG_KINDS)}) AND ${inForceSql('s', '@on')}
       UNION ALL SELECT f.child_id FROM education_forms f WHERE f.form IN (${inList(OUTSIDE_FORMS)}) AND ${inForceSql('f', '@on')}
       UNION ALL SELECT k.child_id FROM conditions k WHERE k.kind IN (${inList(EXCUSING_CONDITIONS)}) AND ${inForceSql('k', '@on')})`;

interface CandidateRow {
  id: number;
  surname: string;
  name: string;
  patronymic: string | null;
  birth_date: string;
  has_secondary_general: number;
  status: string;
  created: string;
}

const LIFE = 'valid_from AS validFrom, valid_to AS validTo, superseded_by AS supersededBy, withdrawn_at AS withdrawnAt';

function chunks<T>(items: T[], size = 5000): T[][] {
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

/** Every fact the rule needs, for the given children, of any period. */
export function factsOf(sqlite: Database.Database, ids: number[]) {
  const studies: (StudyFact & { childId: number; id: number; orgId: number; leaveReason: string | null; leaveOrderNumber: string | null; leaveOrderDate: string | null })[] = [];
  const forms: (FormFact & { childId: number })[] = [];
  const conditions: (ConditionFact & { childId: number })[] = [];
  const addresses: AddressFact[] = [];
  const st = sqlite.prepare(
    `SELECT s.id, s.child_id AS childId, ${LIFE}, o.kind AS orgKind, o.short_name AS orgName, s.org_id AS orgId, s.class_label AS classLabel,
            s.leave_reason AS leaveReason, s.leave_order_number AS leaveOrderNumber, s.leave_order_date AS leaveOrderDate
       FROM studies s JOIN organizations o ON o.id = s.org_id WHERE s.child_id IN (SELECT value FROM json_each(?))`,
  );
  const fo = sqlite.prepare(`SELECT child_id AS childId, ${LIFE}, form FROM education_forms WHERE child_id IN (SELECT value FROM json_each(?))`);
  const co = sqlite.prepare(`SELECT child_id AS childId, ${LIFE}, kind FROM conditions WHERE child_id IN (SELECT value FROM json_each(?))`);
  const ad = sqlite.prepare(
    `SELECT id, child_id AS childId, ${LIFE}, kind, text, locality, street, house, recorded_at AS recordedAt FROM addresses WHERE child_id IN (SELECT value FROM json_each(?))`,
  );
  for (const part of chunks(ids)) {
    const json = JSON.stringify(part);
    studies.push(...(st.all(json) as typeof studies));
    forms.push(...(fo.all(json) as typeof forms));
    conditions.push(...(co.all(json) as typeof conditions));
    addresses.push(...(ad.all(json) as AddressFact[]));
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
  childId: number;
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

/** Which lists (and hand entries) name each child: any standing fact, a confirmation, or the record itself. */
export function sourcesOf(sqlite: Database.Database, ids: number[]): Map<number, (NieSource & { orgId: number | null; day: string })[]> {
  const stmt = sqlite.prepare(
    `SELECT DISTINCT x.child_id AS childId, so.id, so.kind, so.user_login AS userLogin, so.org_id AS orgId, o.short_name AS orgName, o.kind AS orgKind,
            so.title, so.as_of AS asOf, substr(so.created_at, 1, 10) AS created
       FROM (SELECT child_id, source_id FROM addresses WHERE withdrawn_at IS NULL AND child_id IN (SELECT value FROM json_each(@ids))
             UNION SELECT child_id, source_id FROM studies WHERE withdrawn_at IS NULL AND child_id IN (SELECT value FROM json_each(@ids))
             UNION SELECT child_id, source_id FROM education_forms WHERE withdrawn_at IS NULL AND child_id IN (SELECT value FROM json_each(@ids))
             UNION SELECT child_id, source_id FROM conditions WHERE withdrawn_at IS NULL AND child_id IN (SELECT value FROM json_each(@ids))
             UNION SELECT child_id, source_id FROM flags WHERE withdrawn_at IS NULL AND child_id IN (SELECT value FROM json_each(@ids))
             UNION SELECT child_id, source_id FROM representatives WHERE withdrawn_at IS NULL AND child_id IN (SELECT value FROM json_each(@ids))
             UNION SELECT a.child_id, fc.source_id FROM fact_confirmations fc JOIN addresses a ON fc.fact_table = 'addresses' AND a.id = fc.fact_id
                    WHERE fc.withdrawn_at IS NULL AND a.child_id IN (SELECT value FROM json_each(@ids))
             UNION SELECT id, source_id FROM children WHERE id IN (SELECT value FROM json_each(@ids))) x
       JOIN sources so ON so.id = x.source_id LEFT JOIN organizations o ON o.id = so.org_id
      WHERE so.kind != 'merge'`,
  );
  const out = new Map<number, (NieSource & { orgId: number | null; day: string })[]>();
  for (const part of chunks(ids, 2000)) {
    for (const r of stmt.all({ ids: JSON.stringify(part) }) as SourceRow[]) {
      let a = out.get(r.childId);
      if (!a) out.set(r.childId, (a = []));
      a.push({ orgName: r.orgName, orgKind: r.orgKind, title: r.title, asOf: r.asOf, label: sourceText(r), orgId: r.orgId, day: r.asOf ?? r.created });
    }
  }
  for (const a of out.values()) a.sort((x, y) => x.day.localeCompare(y.day) || x.label.localeCompare(y.label, 'ru'));
  return out;
}

const KIND_RANK: Record<string, number> = { actual: 0, stay: 1, registration: 2 };

function addressesInForce(list: AddressFact[] | undefined, on: IsoDate): AddressFact[] {
  return (list ?? [])
    .filter((a) => a.supersededBy === null && a.withdrawnAt === null && (a.validFrom === null || a.validFrom <= on) && (a.validTo === null || on < a.validTo))
    .sort((a, b) => (KIND_RANK[a.kind] ?? 3) - (KIND_RANK[b.kind] ?? 3) || (b.validFrom ?? b.recordedAt).localeCompare(a.validFrom ?? a.recordedAt) || b.id - a.id);
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
  // A little wider than 6 y 6 m … 18 y: the rule decides the exact day (29 February, month ends).
  const candidates = sqlite
    .prepare(CANDIDATES_SQL)
    .all({ on: asOf, bornBy: addDays(addMonths(asOf, -78), 3), bornAfter: addDays(addYears(asOf, -18), -3) }) as CandidateRow[];
  const ids = candidates.map((c) => c.id);
  const facts = factsOf(sqlite, ids);
  const kept: { c: CandidateRow; verdict: EducationVerdict }[] = [];
  for (const c of candidates) {
    const verdict = classifyEducation(ruleFacts(c, c.id, facts), asOf);
    if (groups.includes(verdict.group)) kept.push({ c, verdict });
  }
  const keptIds = kept.map((k) => k.c.id);
  const sources = sourcesOf(sqlite, keptIds);
  const cases = caseStatesOf(sqlite, keptIds);
  const orgNames = new Map((sqlite.prepare('SELECT id, short_name FROM organizations').all() as { id: number; short_name: string }[]).map((o) => [o.id, o.short_name]));
  const idx = loadTerritoryIndex(sqlite);
  const keyCache = new Map<string, string>();
  const out: NieComputed[] = [];
  for (const { c, verdict } of kept) {
    const src = sources.get(c.id) ?? [];
    const living = addressesInForce(facts.addresses.get(c.id), asOf);
    const home = living[0] ?? null;
    const territoryOrgId = home && idx.ruleCount > 0 ? schoolOfPlace(idx, placeOfAddress(idx, home, keyCache)) : null;
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
    const firstKnown = src.length ? src.reduce((m, s) => (s.day < m ? s.day : m), src[0]!.day) : c.created;
    const cs = cases.get(c.id);
    const foundOn = [firstKnown, cs?.openedOn].filter((d): d is string => !!d && d <= asOf).sort()[0] ?? asOf;
    let since = lastEnd ?? firstKnown;
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
  out.sort((a, b) => b.daysWithout - a.daysWithout || a.surname.localeCompare(b.surname, 'ru') || a.name.localeCompare(b.name, 'ru') || a.childId - b.childId);
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
