import type { CallOutput, ParsedInput } from '../../../shared/api/contract';
import { OPEN_CASE_STATUSES, type CaseViewStatus, type NieChild, type NieRow } from '../../../shared/api/education';
import { ApiError } from '../../../shared/api/errors';
import { classifyEducation, EDUCATING_ORG_KINDS, EXCUSING_CONDITIONS, OUTSIDE_FORMS, type EducationVerdict } from '../../../shared/domain/notInEducation';
import { formatRuDate, type IsoDate } from '../../../shared/domain/dates';
import type Database from 'better-sqlite3';
import type { CallContext } from '../context';
import { inForceSql, readerScope, recordOwnerSql, type ReadScope } from '../access';
import { childTerritory } from '../territories/resolve';
import { addCaseEntry, caseOf, openCase } from './cases';
import { computeNotInEducation, factsOf, ruleFacts, sourcesOf, sourceText } from './list';

// The «Не обучаются» calls: the list on a date, one child's evidence and case, a case entry. Reads are audited as
// 'read' (the contract), changes as 'change'; a school user gets the children of its territory and those it reported.

function strip({ verdict: _v, ...row }: NieRow & { verdict?: EducationVerdict }): NieRow {
  return row;
}

export function listNotInEducation(ctx: CallContext, input: ParsedInput<'education.list'>): CallOutput<'education.list'> {
  const { open } = ctx.session();
  const scope = readerScope(ctx);
  const asOf = input.asOf ?? ctx.today();
  const all = computeNotInEducation(open.sqlite, asOf, { orgId: scope.orgId, groups: ['not-in-education', 'left-municipality?', 'kindergarten-under-8'] });
  const byGroup: Record<string, number> = {};
  for (const r of all) byGroup[r.group] = (byGroup[r.group] ?? 0) + 1;
  const groups = input.groups ?? ['not-in-education', 'left-municipality?'];
  const rows = all.filter(
    (r) =>
      groups.includes(r.group) &&
      (input.ageFrom === undefined || r.ageYears >= input.ageFrom) &&
      (input.ageTo === undefined || r.ageYears <= input.ageTo) &&
      (input.sourceKind === undefined || r.sources.some((s) => s.orgKind === input.sourceKind)) &&
      (input.caseStatus === undefined || r.caseStatus === input.caseStatus) &&
      (input.minDaysSinceFound === undefined || r.daysSinceFound >= input.minDaysSinceFound) &&
      (input.territoryOrgId === undefined || r.territoryOrgId === input.territoryOrgId),
  );
  const territories = (open.sqlite.prepare('SELECT count(*) FROM territory_rules WHERE removed_at IS NULL').pluck().get() as number) > 0;
  const listed = new Set(all.map((r) => r.childId));
  const closedCases: CallOutput<'education.list'>['closedCases'] = [];
  const open_ = open.sqlite
    .prepare(
      `SELECT DISTINCT ${recordOwnerSql('c.child_id')} AS childId FROM education_cases c
        WHERE (SELECT e.status FROM education_case_entries e WHERE e.case_id = c.id AND e.kind = 'status' ORDER BY e.id DESC LIMIT 1) IN (${OPEN_CASE_STATUSES.map((x) => `'${x}'`).join(', ')})`,
    )
    .pluck()
    .all() as number[];
  for (const childId of open_) {
    if (listed.has(childId)) continue;
    const c = childRow(open.sqlite, childId);
    if (scope.orgId !== null) {
      try {
        assertMayRead(open.sqlite, scope, childId, c.cur_org_id, asOf);
      } catch {
        continue;
      }
    }
    const ev = childEvidence(open.sqlite, childId, asOf);
    if (ev.case?.view === 'closed-auto') {
      closedCases.push({ childId, fio: [c.surname, c.name, c.patronymic].filter(Boolean).join(' '), birthDate: c.birth_date, caseId: ev.case.id, note: ev.case.closedNote ?? '' });
    }
  }
  ctx.target('registry', null, { list: 'not-in-education', asOf, shown: Math.min(rows.length, input.limit), total: rows.length, closedCases: closedCases.length });
  return { asOf, total: rows.length, byGroup, rows: rows.slice(0, input.limit).map(strip), territories, closedCases };
}

function reportedBy(sqlite: Database.Database, childId: number, orgId: number): boolean {
  return (sourcesOf(sqlite, [childId]).get(childId) ?? []).some((s) => s.orgId === orgId);
}

/** A school user reaches a child it teaches, one living on its territory, or one it reported itself. */
function assertMayRead(sqlite: Database.Database, scope: ReadScope, childId: number, curOrgId: number | null, asOf: IsoDate): void {
  if (scope.orgId === null || curOrgId === scope.orgId) return;
  if (childTerritory(sqlite, childId, asOf) === scope.orgId || reportedBy(sqlite, childId, scope.orgId)) return;
  throw new ApiError('FORBIDDEN', 'Этот ребёнок не относится к вашей организации или её территории: его данные недоступны.');
}

interface ChildRow {
  id: number;
  surname: string;
  name: string;
  patronymic: string | null;
  birth_date: string;
  has_secondary_general: number;
  status: string;
  cur_org_id: number | null;
}

function childRow(sqlite: Database.Database, id: number): ChildRow {
  const c = sqlite.prepare('SELECT id, surname, name, patronymic, birth_date, has_secondary_general, status, cur_org_id FROM children WHERE id = ?').get(id) as ChildRow | undefined;
  if (!c) throw new ApiError('NOT_FOUND', 'Такого ребёнка в реестре нет');
  return c;
}

/** The fact in force that puts the child in education, with the list (or hand entry) that said it. */
function educatingSource(sqlite: Database.Database, childId: number, on: IsoDate): string | null {
  const q = (sql: string) =>
    sqlite
      .prepare(
        `SELECT so.kind, so.user_login AS userLogin, o.short_name AS orgName, so.title, so.as_of AS asOf, substr(so.created_at, 1, 10) AS created
           FROM (${sql}) x JOIN sources so ON so.id = x.source_id LEFT JOIN organizations o ON o.id = so.org_id ORDER BY x.start DESC LIMIT 1`,
      )
      .get({ id: childId, on }) as { kind: string; userLogin: string; orgName: string | null; title: string | null; asOf: string | null; created: string } | undefined;
  const list = (xs: readonly string[]) => xs.map((v) => `'${v}'`).join(', ');
  const row =
    q(`SELECT s.source_id, coalesce(s.valid_from, '') AS start FROM studies s JOIN organizations o ON o.id = s.org_id WHERE s.child_id = @id AND o.kind IN (${list(EDUCATING_ORG_KINDS)}) AND ${inForceSql('s', '@on')}`) ??
    q(`SELECT f.source_id, coalesce(f.valid_from, '') AS start FROM education_forms f WHERE f.child_id = @id AND f.form IN (${list(OUTSIDE_FORMS)}) AND ${inForceSql('f', '@on')}`) ??
    q(`SELECT k.source_id, coalesce(k.valid_from, '') AS start FROM conditions k WHERE k.child_id = @id AND k.kind IN (${list(EXCUSING_CONDITIONS)}) AND ${inForceSql('k', '@on')}`);
  return row ? sourceText(row) : null;
}

/** One child's evidence and case on a date (no audit, no scope: callers check). */
export function childEvidence(sqlite: Database.Database, childId: number, asOf: IsoDate): NieChild {
  const c = childRow(sqlite, childId);
  const facts = factsOf(sqlite, [childId]);
  const verdict = classifyEducation(ruleFacts(c, childId, facts), asOf);
  const sources = (sourcesOf(sqlite, [childId]).get(childId) ?? []).map(({ orgName, orgKind, title, asOf: d, label }) => ({ orgName, orgKind, title, asOf: d, label }));
  const studies = [...(facts.studies.get(childId) ?? [])]
    .filter((s) => s.supersededBy === null && s.withdrawnAt === null && (s.validFrom === null || s.validFrom <= asOf))
    .sort((a, b) => (b.validFrom ?? '').localeCompare(a.validFrom ?? '') || b.id - a.id);
  const last = studies[0];
  const addressRows = sqlite
    .prepare(
      `SELECT a.kind, a.text, a.valid_from AS "from", a.valid_to AS "to", (${inForceSql('a', '@on')}) AS current, a.source_id AS sourceId
         FROM addresses a WHERE a.child_id = @id AND a.superseded_by IS NULL AND a.withdrawn_at IS NULL ORDER BY current DESC, coalesce(a.valid_from, '') DESC, a.id DESC`,
    )
    .all({ id: childId, on: asOf }) as { kind: string; text: string; from: string | null; to: string | null; current: number; sourceId: number | null }[];
  const srcStmt = sqlite.prepare(
    'SELECT so.kind, so.user_login AS userLogin, o.short_name AS orgName, so.title, so.as_of AS asOf, substr(so.created_at, 1, 10) AS created FROM sources so LEFT JOIN organizations o ON o.id = so.org_id WHERE so.id = ?',
  );
  const territory = childTerritory(sqlite, childId, asOf);
  const territoryName = territory !== null ? ((sqlite.prepare('SELECT short_name FROM organizations WHERE id = ?').pluck().get(territory) as string | undefined) ?? null) : null;
  const kase = caseOf(sqlite, childId);
  let view: CaseViewStatus | null = null;
  let closedNote: string | null = null;
  if (kase) {
    view = kase.status;
    const settled = verdict.group === 'in-education' || verdict.group === 'not-compulsory';
    if (OPEN_CASE_STATUSES.includes(kase.status) && settled) {
      view = 'closed-auto';
      const from = verdict.group === 'in-education' ? educatingSource(sqlite, childId, asOf) : null;
      closedNote = `Дело закрыто само на ${formatRuDate(asOf)}: ${verdict.reason}${from ? ` — ${from}` : ''}.`;
    }
  }
  return {
    asOf,
    child: { id: c.id, surname: c.surname, name: c.name, patronymic: c.patronymic, birthDate: c.birth_date },
    group: verdict.group,
    reason: verdict.reason,
    sources,
    lastStudy: last
      ? {
          orgName: last.orgName ?? '',
          orgKind: last.orgKind,
          classLabel: last.classLabel ?? null,
          from: last.validFrom,
          to: last.validTo,
          leaveReason: last.leaveReason,
          leaveOrder: [last.leaveOrderNumber ? `№ ${last.leaveOrderNumber}` : '', last.leaveOrderDate ? `от ${formatRuDate(last.leaveOrderDate)}` : ''].filter(Boolean).join(' ') || null,
        }
      : null,
    addresses: addressRows.map((a) => {
      const s = a.sourceId !== null ? (srcStmt.get(a.sourceId) as Parameters<typeof sourceText>[0] | undefined) : undefined;
      return { kind: a.kind, text: a.text, from: a.from, to: a.to, current: a.current === 1, source: s ? sourceText(s) : null };
    }),
    territoryName,
    case: kase ? { id: kase.id, openedOn: kase.openedOn, openedBy: kase.openedBy, status: kase.status, view: view!, closedNote, entries: kase.entries } : null,
  };
}

export function childNotInEducation(ctx: CallContext, input: ParsedInput<'education.child'>): CallOutput<'education.child'> {
  const { open } = ctx.session();
  const scope = readerScope(ctx);
  const asOf = input.asOf ?? ctx.today();
  const c = childRow(open.sqlite, input.childId);
  assertMayRead(open.sqlite, scope, input.childId, c.cur_org_id, asOf);
  ctx.target('child', input.childId, { view: 'not-in-education', asOf });
  return childEvidence(open.sqlite, input.childId, asOf);
}

export function addNotInEducationEntry(ctx: CallContext, input: ParsedInput<'education.caseAdd'>): CallOutput<'education.child'> {
  const { open, user } = ctx.session();
  const scope = readerScope(ctx);
  const today = ctx.today();
  const c = childRow(open.sqlite, input.childId);
  if (c.status !== 'active') throw new ApiError('CONFLICT', 'Карточка ребёнка не действует (объединена или удалена): дело ведётся по действующей карточке.');
  assertMayRead(open.sqlite, scope, input.childId, c.cur_org_id, today);
  if (input.onDate > today) throw new ApiError('VALIDATION', `Дата записи позже сегодняшней (${formatRuDate(today)})`, { issues: [{ path: 'onDate', message: 'Дата в будущем' }] });
  ctx.tx(() => {
    const opened = openCase(open.sqlite, input.childId, user.login, input.onDate);
    // Opening a case is itself «выявлен»: a status entry of the same status adds nothing.
    const skip = opened.created && input.kind === 'status' && input.status === 'found' && !input.note;
    const entryId = skip ? null : addCaseEntry(open.sqlite, opened.id, input, user.login);
    ctx.target('child', input.childId, { case: opened.id, opened: opened.created, entry: input.kind, ...(input.status ? { status: input.status } : {}), entryId });
  });
  return childEvidence(open.sqlite, input.childId, today);
}
