import type Database from 'better-sqlite3';
import { ApiError } from '../../../shared/api/errors';
import type { CallOutput, ParsedInput } from '../../../shared/api/contract';
import type { ReconcileItem, ReconcileKind, ReconcileResult } from '../../../shared/api/territories';
import { formatRuDate, type IsoDate } from '../../../shared/domain/dates';
import { educationFormLabel, isEducationFormId } from '../../../shared/domain/educationForms';
import { formatClassLabel, parseClassLabel } from '../../../shared/domain/levels';
import type { ListRowValues } from '../../../shared/intake/listRow';
import { findProfile } from '../../../shared/profiles';
import { inForceSql, newestFirstSql, recordOwner, recordOwners, refreshCurrent } from '../access';
import type { CallContext } from '../context';
import { openCase } from '../education/cases';
import { createSource } from '../registry/write';

// Reconciliation of the registry with a school's pupils list (Кстово п. 3.3, by 25 September): the list (a received
// submission, draft or applied) against the children the registry has as the school's pupils on the list's date.
// Every difference gets an action, kept in reconciliation_actions (append-only); «open a case» opens the child's
// case (education/cases.ts).

interface ListInfo {
  submissionId: number;
  orgId: number;
  orgName: string;
  listKind: string;
  listTitle: string;
  asOf: IsoDate;
  status: string;
  rows: number;
}

function profileOf(sqlite: Database.Database) {
  const id = sqlite.prepare("SELECT value FROM meta WHERE key = 'profileId'").pluck().get() as string | undefined;
  return id ? findProfile(id) : undefined;
}

/** The profile's lists of all a school's pupils (pupilsList): what the registry is reconciled with. */
function pupilListKinds(sqlite: Database.Database): Map<string, string> {
  const profile = profileOf(sqlite);
  return new Map((profile?.listKinds ?? []).filter((k) => k.pupilsList === true).map((k) => [k.id, k.title]));
}

const LIST_SQL = `SELECT s.id AS submissionId, s.org_id AS orgId, o.short_name AS orgName, s.list_kind AS listKind, s.as_of AS asOf, s.status,
  (SELECT count(*) FROM submission_rows r WHERE r.submission_id = s.id AND r.excluded = 0) AS rows
  FROM submissions s JOIN organizations o ON o.id = s.org_id WHERE o.kind = 'school' AND s.status IN ('draft', 'applied')`;

export function reconcileLists(ctx: CallContext): CallOutput<'reconcile.lists'> {
  const { sqlite } = ctx.session().open;
  const kinds = pupilListKinds(sqlite);
  const rows = sqlite.prepare(`${LIST_SQL} ORDER BY s.as_of DESC, o.short_name, s.id DESC`).all() as Omit<ListInfo, 'listTitle'>[];
  return rows.filter((r) => kinds.has(r.listKind)).map((r) => ({ ...r, listTitle: kinds.get(r.listKind)! }));
}

function listInfo(sqlite: Database.Database, submissionId: number): ListInfo {
  const row = sqlite.prepare(`${LIST_SQL} AND s.id = ?`).get(submissionId) as Omit<ListInfo, 'listTitle'> | undefined;
  if (!row) throw new ApiError('NOT_FOUND', 'Список не найден, или он отменён: сверять можно принятый список школы');
  const kinds = pupilListKinds(sqlite);
  const title = kinds.get(row.listKind);
  if (!title) throw new ApiError('VALIDATION', 'Сверка ведётся по списку обучающихся школы (например, «Обучающиеся по классам» на 1 сентября), а это список другого вида');
  return { ...row, listTitle: title };
}

/** «5 б», «5-Б», «5B» → «5Б»; what is not a class stays as written, without spaces, upper case. */
const classKey = (s: string | null): string | null => {
  if (!s || s.trim() === '') return null;
  const c = parseClassLabel(s);
  return c ? formatClassLabel(c) : s.replace(/[\s-]+/gu, '').toUpperCase();
};

interface Current {
  orgId: number;
  classLabel: string | null;
  studyId: number;
  studyFrom: string | null;
}


function currentOn(sqlite: Database.Database, ids: number[], on: IsoDate): { study: Map<number, Current>; form: Map<number, { form: string; id: number; from: string | null }> } {
  const study = new Map<number, Current>();
  const form = new Map<number, { form: string; id: number; from: string | null }>();
  const json = JSON.stringify(ids);
  for (const r of sqlite
    .prepare(
      `SELECT s.child_id AS childId, s.org_id AS orgId, s.class_label AS classLabel, s.id AS studyId, s.valid_from AS studyFrom FROM studies s
       WHERE s.child_id IN (SELECT value FROM json_each(@ids)) AND ${inForceSql('s', '@on')} ORDER BY s.child_id, ${newestFirstSql('s')}`,
    )
    .all({ ids: json, on }) as (Current & { childId: number })[]) {
    if (!study.has(r.childId)) study.set(r.childId, r);
  }
  for (const r of sqlite
    .prepare(`SELECT f.child_id AS childId, f.form, f.id, f.valid_from AS "from" FROM education_forms f WHERE f.child_id IN (SELECT value FROM json_each(@ids)) AND ${inForceSql('f', '@on')} ORDER BY f.child_id, ${newestFirstSql('f')}`)
    .all({ ids: json, on }) as { childId: number; form: string; id: number; from: string | null }[]) {
    if (!form.has(r.childId)) form.set(r.childId, r);
  }
  return { study, form };
}

const formLabel = (f: string | null | undefined): string | null => (f && isEducationFormId(f) ? educationFormLabel(f) : (f ?? null));

interface Computed {
  info: ListInfo;
  items: ReconcileItem[];
  counts: ReconcileResult['counts'];
  /** list row → its values, for accepting them. */
  rowVals: Map<number, { vals: ListRowValues; childId: number | null }>;
  current: ReturnType<typeof currentOn>;
}

const actionKey = (kind: string, childId: number | null, rowNo: number | null) => `${kind}|${childId ?? ''}|${rowNo ?? ''}`;

function compute(sqlite: Database.Database, submissionId: number): Computed {
  const info = listInfo(sqlite, submissionId);
  const on = info.asOf;
  const rows = sqlite
    .prepare('SELECT row_no AS rowNo, child_id AS childId, vals FROM submission_rows WHERE submission_id = ? AND excluded = 0 ORDER BY row_no')
    .all(submissionId) as { rowNo: number; childId: number | null; vals: string }[];
  // A list row linked to a card merged away since counts for the card kept (access.ts recordOwners, at any depth).
  const merged = recordOwners(sqlite, rows.flatMap((r) => (r.childId === null ? [] : [r.childId])));
  const rowVals = new Map<number, { vals: ListRowValues; childId: number | null }>();
  for (const r of rows) {
    const childId = r.childId === null ? null : (merged.get(r.childId) ?? r.childId);
    rowVals.set(r.rowNo, { vals: JSON.parse(r.vals) as ListRowValues, childId });
  }
  // The registry's pupils of the school that day: a study there in force (index on org), then checked to be the newest.
  const atSchool = sqlite.prepare(`SELECT DISTINCT s.child_id FROM studies s JOIN children c ON c.id = s.child_id WHERE s.org_id = @org AND c.status = 'active' AND ${inForceSql('s', '@on')}`).pluck().all({ org: info.orgId, on }) as number[];
  const listed = [...rowVals.values()].map((r) => r.childId).filter((x): x is number => x !== null);
  const current = currentOn(sqlite, [...new Set([...atSchool, ...listed])], on);
  const people = new Map(
    (sqlite.prepare('SELECT id, surname, name, patronymic, birth_date AS birthDate FROM children WHERE id IN (SELECT value FROM json_each(?))').all(JSON.stringify(atSchool)) as {
      id: number;
      surname: string;
      name: string;
      patronymic: string | null;
      birthDate: string;
    }[]).map((p) => [p.id, p]),
  );
  const orgNames = new Map((sqlite.prepare('SELECT id, short_name FROM organizations').all() as { id: number; short_name: string }[]).map((o) => [o.id, o.short_name]));
  const actions = new Map<string, { action: string; note: string | null; createdAt: string; createdBy: string }>();
  for (const a of sqlite
    .prepare('SELECT kind, child_id AS childId, row_no AS rowNo, action, note, created_at AS createdAt, created_by AS createdBy FROM reconciliation_actions WHERE submission_id = ? ORDER BY id')
    .all(submissionId) as { kind: string; childId: number | null; rowNo: number | null; action: string; note: string | null; createdAt: string; createdBy: string }[]) {
    // An action taken on a card merged since settles the difference of the card kept.
    actions.set(actionKey(a.kind, a.childId === null ? null : recordOwner(sqlite, a.childId), a.rowNo), a);
  }
  const items: ReconcileItem[] = [];
  const push = (kind: ReconcileKind, childId: number | null, rowNo: number | null, who: { surname: string | null; name: string | null; patronymic: string | null; birthDate: string | null }, listValue: string | null, registryValue: string | null, settled = false) => {
    const a = actions.get(actionKey(kind, childId, rowNo));
    items.push({
      kind,
      settled,
      childId,
      rowNo,
      surname: who.surname ?? '',
      name: who.name ?? '',
      patronymic: who.patronymic,
      birthDate: who.birthDate,
      listValue,
      registryValue,
      action: (a?.action as ReconcileItem['action']) ?? null,
      actionNote: a?.note ?? null,
      actedAt: a?.createdAt ?? null,
      actedBy: a?.createdBy ?? null,
    });
  };
  const listedAtSchool = new Set<number>();
  let matched = 0;
  for (const [rowNo, { vals, childId }] of rowVals) {
    const cur = childId === null ? undefined : current.study.get(childId);
    const listClass = vals.classLabel;
    if (childId === null || cur?.orgId !== info.orgId) {
      const reg = childId === null ? 'нет в реестре' : cur ? `${orgNames.get(cur.orgId) ?? 'другая организация'}${cur.classLabel ? `, ${cur.classLabel}` : ''}` : 'в реестре не обучается';
      push('not_in_registry', childId, rowNo, vals, `${info.orgName}${listClass ? `, ${listClass}` : ''}`, reg);
      continue;
    }
    matched += 1;
    listedAtSchool.add(childId);
    if (classKey(listClass) !== null && classKey(listClass) !== classKey(cur.classLabel)) push('class', childId, rowNo, vals, listClass, cur.classLabel ?? 'не указан');
    const regForm = current.form.get(childId)?.form ?? null;
    if (vals.educationForm && vals.educationForm !== regForm) push('form', childId, rowNo, vals, formLabel(vals.educationForm), formLabel(regForm) ?? 'не указана');
  }
  const listedAll = new Set(listed);
  for (const id of atSchool) {
    const cur = current.study.get(id);
    if (cur?.orgId !== info.orgId || listedAll.has(id)) continue;
    const p = people.get(id)!;
    push('missing_from_list', id, null, p, null, `${info.orgName}${cur.classLabel ? `, ${cur.classLabel}` : ''}`);
  }
  // A difference settled by its action (a class accepted, a pupil marked moved) is gone from the comparison; it stays in
  // the reconciliation as done, with who did what.
  const present = new Set(items.map((i) => actionKey(i.kind, i.childId, i.rowNo)));
  const settled = [...actions.entries()].filter(([k]) => !present.has(k));
  if (settled.length > 0) {
    const ids = settled.map(([k]) => Number(k.split('|')[1])).filter((n) => n > 0);
    const who = new Map(
      (sqlite.prepare('SELECT id, surname, name, patronymic, birth_date AS birthDate FROM children WHERE id IN (SELECT value FROM json_each(?))').all(JSON.stringify(ids)) as {
        id: number;
        surname: string;
        name: string;
        patronymic: string | null;
        birthDate: string;
      }[]).map((p) => [p.id, p]),
    );
    for (const [k] of settled) {
      const [kind, child, row] = k.split('|') as [ReconcileKind, string, string];
      const childId = child === '' ? null : Number(child);
      const rowNo = row === '' ? null : Number(row);
      const person = (childId !== null ? who.get(childId) : undefined) ?? (rowNo !== null ? rowVals.get(rowNo)?.vals : undefined) ?? { surname: '', name: '', patronymic: null, birthDate: null };
      push(kind, childId, rowNo, person, null, null, true);
    }
  }
  const registryPupils = atSchool.filter((id) => current.study.get(id)?.orgId === info.orgId).length;
  const coll = new Intl.Collator('ru');
  items.sort((a, b) => a.kind.localeCompare(b.kind) || coll.compare(`${a.surname} ${a.name}`, `${b.surname} ${b.name}`));
  const count = (k: ReconcileKind) => items.filter((i) => i.kind === k).length;
  return {
    info,
    items,
    rowVals,
    current,
    counts: {
      listRows: rowVals.size,
      registryPupils,
      matched,
      notInRegistry: count('not_in_registry'),
      missingFromList: count('missing_from_list'),
      classDiffs: count('class'),
      formDiffs: count('form'),
      done: items.filter((i) => i.action !== null).length,
    },
  };
}

export function runReconcile(ctx: CallContext, input: ParsedInput<'reconcile.run'>): CallOutput<'reconcile.run'> {
  const c = compute(ctx.session().open.sqlite, input.submissionId);
  ctx.target('submission', input.submissionId, { reconcile: c.info.orgName, asOf: c.info.asOf });
  return { list: c.info, counts: c.counts, items: c.items };
}

/** Ends a study on `on` (or replaces it when it began that very day), as the list's source says. */
function endStudyOn(sqlite: Database.Database, studyId: number, from: string | null, on: IsoDate, sourceId: number, reason: string | null, replacedBy: number | null): void {
  if (from !== null && from >= on && replacedBy !== null) {
    sqlite.prepare('UPDATE studies SET superseded_by = ? WHERE id = ?').run(replacedBy, studyId);
    return;
  }
  sqlite
    .prepare("UPDATE studies SET valid_to = ?, ended_at = strftime('%Y-%m-%dT%H:%M:%fZ','now'), ended_by_source = ?, leave_reason = coalesce(?, leave_reason) WHERE id = ?")
    .run(on, sourceId, reason, studyId);
}

export function actReconcile(ctx: CallContext, input: ParsedInput<'reconcile.act'>): CallOutput<'reconcile.act'> {
  const { sqlite } = ctx.session().open;
  const user = ctx.session().user.login;
  const c = compute(sqlite, input.submissionId);
  const item = c.items.find((i) => i.kind === input.kind && i.childId === input.childId && i.rowNo === input.rowNo);
  if (!item) throw new ApiError('NOT_FOUND', 'Такого расхождения в сверке нет (возможно, его уже устранили)');
  if (item.settled && (input.action === 'accept' || input.action === 'moved')) throw new ApiError('CONFLICT', 'Это расхождение уже устранено');
  const on = c.info.asOf;
  const childId = item.childId;
  let caseId: number | null = null;
  ctx.tx(() => {
    const source = () => createSource(sqlite, { kind: 'list', userLogin: user, orgId: c.info.orgId, title: `Сверка со списком «${c.info.listTitle}» на ${formatRuDate(on)}`, asOf: on, submissionId: input.submissionId });
    if (input.action === 'accept') {
      if (childId === null) throw new ApiError('VALIDATION', 'Ребёнка из этой строки нет в реестре: примените список (раздел «Списки»), тогда его можно будет принять');
      if (item.kind === 'missing_from_list') throw new ApiError('VALIDATION', 'Ребёнка нет в списке, принимать нечего: отметьте его выбывшим или откройте дело');
      const vals = c.rowVals.get(item.rowNo!)!.vals;
      const cur = c.current.study.get(childId);
      const src = source();
      if (item.kind === 'class' || item.kind === 'not_in_registry') {
        const newId = Number(
          sqlite.prepare('INSERT INTO studies (child_id, valid_from, source_id, org_id, class_label) VALUES (?, ?, ?, ?, ?)').run(childId, on, src, c.info.orgId, vals.classLabel ?? cur?.classLabel ?? null).lastInsertRowid,
        );
        if (cur) endStudyOn(sqlite, cur.studyId, cur.studyFrom, on, src, item.kind === 'not_in_registry' ? `По списку обучающихся ${c.info.orgName}` : null, newId);
      } else if (item.kind === 'form') {
        const old = c.current.form.get(childId);
        const newId = Number(sqlite.prepare('INSERT INTO education_forms (child_id, valid_from, source_id, form) VALUES (?, ?, ?, ?)').run(childId, on, src, vals.educationForm).lastInsertRowid);
        if (old) {
          if (old.from !== null && old.from >= on) sqlite.prepare('UPDATE education_forms SET superseded_by = ? WHERE id = ?').run(newId, old.id);
          else sqlite.prepare("UPDATE education_forms SET valid_to = ?, ended_at = strftime('%Y-%m-%dT%H:%M:%fZ','now'), ended_by_source = ? WHERE id = ?").run(on, src, old.id);
        }
      }
      refreshCurrent(sqlite, childId, ctx.today());
    } else if (input.action === 'moved') {
      if (item.kind !== 'missing_from_list' || childId === null) throw new ApiError('VALIDATION', 'Выбывшим отмечают ученика, которого нет в списке школы');
      const cur = c.current.study.get(childId)!;
      endStudyOn(sqlite, cur.studyId, cur.studyFrom, on, source(), `Нет в списке обучающихся ${c.info.orgName} на ${formatRuDate(on)} (сверка)`, null);
      refreshCurrent(sqlite, childId, ctx.today());
    } else if (input.action === 'case') {
      if (childId === null) throw new ApiError('VALIDATION', 'Ребёнка из этой строки нет в реестре: дело открывается на карточку ребёнка');
      caseId = openCase(sqlite, childId, user, ctx.today(), input.note ?? `Сверка со списком ${c.info.orgName} на ${formatRuDate(on)}: ${item.registryValue ?? ''}`).id;
    }
    sqlite
      .prepare('INSERT INTO reconciliation_actions (submission_id, org_id, kind, child_id, row_no, action, note, case_id, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(input.submissionId, c.info.orgId, input.kind, childId, input.rowNo, input.action, input.note, caseId, user);
    ctx.target('submission', input.submissionId, { reconcile: input.kind, action: input.action, child: childId, row: input.rowNo, caseId });
  });
  const after = compute(sqlite, input.submissionId);
  return { list: after.info, counts: after.counts, items: after.items };
}

/** Per school: its latest pupils list of the school year (from 1 August) and the counts of the reconciliation. */
export function reconcileSummary(ctx: CallContext, input: ParsedInput<'reconcile.summary'>): CallOutput<'reconcile.summary'> {
  const { sqlite } = ctx.session().open;
  const today = ctx.today();
  const year = input.year ?? (Number(today.slice(5, 7)) >= 8 ? Number(today.slice(0, 4)) : Number(today.slice(0, 4)) - 1);
  const lists = reconcileLists(ctx).filter((l) => l.asOf >= `${year}-08-01` && l.asOf < `${year + 1}-08-01`);
  const schools = sqlite.prepare("SELECT id, short_name AS name FROM organizations WHERE kind = 'school' AND active = 1").all() as { id: number; name: string }[];
  const coll = new Intl.Collator('ru');
  return {
    year,
    schools: schools
      .sort((a, b) => coll.compare(a.name, b.name))
      .map((s) => {
        // The newest list of the year, applied before draft.
        const mine = lists.filter((l) => l.orgId === s.id).sort((a, b) => b.asOf.localeCompare(a.asOf) || (a.status === 'applied' ? -1 : 1) - (b.status === 'applied' ? -1 : 1) || b.submissionId - a.submissionId);
        const list = mine[0] ?? null;
        return { orgId: s.id, orgName: s.name, list, counts: list ? compute(sqlite, list.submissionId).counts : null };
      }),
  };
}
