import { addDays, compareIso, formatRuDate } from '../../../shared/domain/dates';
import { normalizeName } from '../../../shared/domain/names';
import { editDistanceWithin } from '../../../shared/domain/editDistance';
import { ApiError } from '../../../shared/api/errors';
import type { CallOutput, ParsedInput } from '../../../shared/api/contract';
import { MERGE_FIELDS, type ChildCore, type Fact, type FactType, type SimilarChild } from '../../../shared/api/registry';
import type { CallContext } from '../context';
import { assertMayReadChild, maySeeFlags, readerScope, scopeSql } from '../access';
import { FIELD_LABELS, buildCard, childRecord } from './card';
import { searchChildren } from './search';
import { FACT_TABLES, RegistryWriter, createSource, snake } from './write';

const writers = new WeakMap<object, RegistryWriter>();
function writer(ctx: CallContext): RegistryWriter {
  const { sqlite } = ctx.session().open;
  let w = writers.get(sqlite);
  if (!w) writers.set(sqlite, (w = new RegistryWriter(sqlite, ctx.today())));
  w.today = ctx.today();
  return w;
}

function manualSource(ctx: CallContext): number {
  const { open, user } = ctx.session();
  return createSource(open.sqlite, { kind: 'manual', userLogin: user.login, orgId: user.orgId });
}

function checkFactAllowed(ctx: CallContext, fact: Fact): void {
  const { user } = ctx.session();
  if (fact.type === 'flag' && !maySeeFlags(user)) throw new ApiError('FORBIDDEN', 'Отметки ПДН, СОП, опеки и КДН может вносить только специалист отдела.');
  if (fact.type === 'study' && user.role === 'school' && fact.orgId !== user.orgId) {
    throw new ApiError('FORBIDDEN', 'Пользователь организации записывает обучение только в своей организации.');
  }
  const orgIds = [fact.type === 'study' ? fact.orgId : null, fact.type === 'form' ? fact.attestationOrgId : null, fact.type === 'attestation' ? fact.orgId : null];
  for (const id of orgIds) {
    if (id !== null && !ctx.session().open.sqlite.prepare('SELECT 1 FROM organizations WHERE id = ?').get(id)) {
      throw new ApiError('VALIDATION', 'Нет такой организации', { issues: [{ path: 'fact.orgId', message: 'Нет такой организации' }] });
    }
  }
}

/** A child the caller may read and change; a merged card is read-only. */
function editableChild(ctx: CallContext, id: number) {
  const { open, user } = ctx.session();
  readerScope(ctx);
  const child = childRecord(open.sqlite, id);
  if (!child) throw new ApiError('NOT_FOUND', 'Ребёнок не найден');
  assertMayReadChild(user, child.curOrgId);
  if (child.status === 'merged') throw new ApiError('CONFLICT', `Карточка объединена с № ${child.mergedInto}: изменяйте ту карточку.`);
  return child;
}

export function search(ctx: CallContext, input: ParsedInput<'children.search'>): CallOutput<'children.search'> {
  const { open } = ctx.session();
  const result = searchChildren(open.sqlite, input, readerScope(ctx), ctx.today());
  // The journal records that the registry was read and how much, not the names that were typed.
  ctx.target('registry', null, { shown: result.rows.length, total: result.total, withQuery: input.query !== '' });
  return result;
}

export function card(ctx: CallContext, input: ParsedInput<'children.card'>): CallOutput<'children.card'> {
  const result = buildCard(ctx, input.id);
  ctx.target('child', input.id);
  return result;
}

export function create(ctx: CallContext, input: ParsedInput<'children.create'>): CallOutput<'children.create'> {
  const { user } = ctx.session();
  const facts = [...input.facts];
  // A school's own new pupil must stay visible to it: it studies there unless the form said otherwise.
  if (user.role === 'school' && !facts.some((f) => f.type === 'study')) facts.push({ type: 'study', orgId: user.orgId!, classLabel: null, validFrom: null, enrolOrderNumber: null, enrolOrderDate: null });
  for (const f of facts) checkFactAllowed(ctx, f);
  const id = ctx.tx(() => {
    const childId = writer(ctx).addChild(input.child, facts, manualSource(ctx));
    ctx.target('child', childId, { fields: Object.keys(input.child), facts: facts.map((f) => f.type) });
    return childId;
  });
  return buildCard(ctx, id);
}

export function update(ctx: CallContext, input: ParsedInput<'children.update'>): CallOutput<'children.update'> {
  const before = editableChild(ctx, input.id);
  if (before.version !== input.version) {
    throw new ApiError('CONFLICT', 'Карточку уже изменили (другим окном или пользователем). Откройте её заново и повторите правку.');
  }
  const changed = MERGE_FIELDS.filter((f) => input.child[f] !== before[f]);
  if (!changed.length) return buildCard(ctx, input.id);
  ctx.target('child', input.id, { changed });
  ctx.tx(() => writePerson(ctx, input.id, before, input.child, changed, manualSource(ctx)));
  return buildCard(ctx, input.id);
}

/** Writes new person fields, keeping the previous ones as a version with who changed them. */
function writePerson(ctx: CallContext, id: number, before: Record<string, unknown>, next: ChildCore, changed: readonly string[], sourceId: number): void {
  const { sqlite } = ctx.session().open;
  const previous = Object.fromEntries(MERGE_FIELDS.map((f) => [f, before[f]]));
  sqlite.prepare('INSERT INTO child_versions (child_id, data, changed, source_id) VALUES (?, ?, ?, ?)').run(id, JSON.stringify(previous), JSON.stringify(changed), sourceId);
  writer(ctx).updatePerson(id, next);
}

export function addFact(ctx: CallContext, input: ParsedInput<'facts.add'>): CallOutput<'facts.add'> {
  editableChild(ctx, input.childId);
  checkFactAllowed(ctx, input.fact);
  const { ends } = input;
  const ending = ends ? openFact(ctx, input.fact.type, ends.id, ends.validTo) : null;
  if (ending && ending.child_id !== input.childId) throw new ApiError('VALIDATION', 'Заканчиваемая запись относится к другому ребёнку');
  ctx.tx(() => {
    if (ends) closeFact(ctx, input.fact.type, ends.id, ends);
    const id = writer(ctx).addFact(input.childId, input.fact, manualSource(ctx));
    ctx.target('child', input.childId, { added: input.fact.type, factId: id, ...(ends ? { ended: ends.id } : {}) });
  });
  return buildCard(ctx, input.childId, true);
}

function factRow(ctx: CallContext, table: string, id: number) {
  const row = ctx.session().open.sqlite.prepare(`SELECT * FROM ${table} WHERE id = ?`).get(id) as Record<string, unknown> | undefined;
  if (!row) throw new ApiError('NOT_FOUND', 'Такой записи нет');
  if (row.superseded_by !== null || row.withdrawn_at !== null) throw new ApiError('CONFLICT', 'Эта запись уже заменена или отозвана.');
  return row;
}

/** A current record that may be ended on `validTo`, or a Russian reason why not. */
function openFact(ctx: CallContext, type: FactType, id: number, validTo: string) {
  const row = factRow(ctx, FACT_TABLES[type].table, id);
  editableChild(ctx, row.child_id as number);
  if (type === 'flag' && !maySeeFlags(ctx.session().user)) throw new ApiError('FORBIDDEN', 'Недостаточно прав для отметок ПДН, СОП, опеки и КДН.');
  if (row.valid_to !== null) throw new ApiError('CONFLICT', `Период уже окончен ${formatRuDate(row.valid_to as string)}.`);
  if (row.valid_from && compareIso(validTo, row.valid_from as string) < 0) {
    throw new ApiError('VALIDATION', `Дата окончания раньше начала (${formatRuDate(row.valid_from as string)})`, { issues: [{ path: 'validTo', message: 'Раньше даты начала' }] });
  }
  return row as Record<string, unknown> & { child_id: number };
}

type Leave = { validTo: string; leaveOrderNumber?: string | undefined; leaveOrderDate?: string | undefined; leaveReason?: string | undefined };

export function closeFact(ctx: CallContext, type: FactType, id: number, leave: Leave): void {
  const { sqlite } = ctx.session().open;
  const { table } = FACT_TABLES[type];
  sqlite.prepare(`UPDATE ${table} SET valid_to = ?, ended_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE id = ?`).run(leave.validTo, id);
  if (type === 'study') {
    sqlite.prepare('UPDATE studies SET leave_order_number = ?, leave_order_date = ?, leave_reason = ? WHERE id = ?').run(leave.leaveOrderNumber ?? null, leave.leaveOrderDate ?? null, leave.leaveReason ?? null, id);
  }
  writer(ctx).refreshCurrent(sqlite.prepare(`SELECT child_id FROM ${table} WHERE id = ?`).pluck().get(id) as number);
}

export function endFact(ctx: CallContext, input: ParsedInput<'facts.end'>): CallOutput<'facts.end'> {
  const row = openFact(ctx, input.type, input.id, input.validTo);
  ctx.target('child', row.child_id, { ended: input.type, factId: input.id });
  ctx.tx(() => closeFact(ctx, input.type, input.id, input));
  return buildCard(ctx, row.child_id, true);
}

export function correctFact(ctx: CallContext, input: ParsedInput<'facts.correct'>): CallOutput<'facts.correct'> {
  const { open } = ctx.session();
  const { table } = FACT_TABLES[input.fact.type];
  const row = factRow(ctx, table, input.id);
  const childId = row.child_id as number;
  editableChild(ctx, childId);
  checkFactAllowed(ctx, input.fact);
  ctx.tx(() => {
    const newId = writer(ctx).addFact(childId, input.fact, manualSource(ctx));
    open.sqlite.prepare(`UPDATE ${table} SET superseded_by = ? WHERE id = ?`).run(newId, input.id);
    if (row.valid_to) open.sqlite.prepare(`UPDATE ${table} SET valid_to = ? WHERE id = ?`).run(row.valid_to, newId);
    writer(ctx).refreshCurrent(childId);
    ctx.target('child', childId, { corrected: input.fact.type, factId: input.id, newFactId: newId });
  });
  return buildCard(ctx, childId, true);
}

function swapDayMonth(iso: string): string | null {
  const [y, m, d] = iso.split('-');
  if (!y || !m || !d || Number(d) > 12 || d === m) return null;
  return `${y}-${d}-${m}`;
}

/** Children who may be the same person as the one being entered: same or close name and birth date. */
export function findSimilar(ctx: CallContext, input: ParsedInput<'children.findSimilar'>): CallOutput<'children.findSimilar'> {
  const { open } = ctx.session();
  // Only children the user may read are offered: a school sees its own pupils' names, nobody else's.
  const scope = scopeSql(readerScope(ctx));
  const surname = normalizeName(input.surname);
  const name = normalizeName(input.name);
  const patronymic = normalizeName(input.patronymic ?? '');
  if (!surname || !name) return [];
  const birth = /^\d{4}-\d{2}-\d{2}$/.test(input.birthDate) ? input.birthDate : null;
  const dates = birth ? [birth, swapDayMonth(birth), addDays(birth, 1), addDays(birth, -1)].filter((d): d is string => d !== null) : [];
  const rows = open.sqlite
    .prepare(
      `SELECT c.id, c.surname, c.name, c.patronymic, c.birth_date AS birthDate, o.short_name AS orgName, c.surname_norm AS s, c.name_norm AS n,
         c.patronymic_norm AS p, c.cur_org_id AS curOrgId
       FROM children c LEFT JOIN organizations o ON o.id = c.cur_org_id
       WHERE c.status = 'active' AND c.id != ? AND (c.birth_date IN (SELECT value FROM json_each(?)) OR (c.surname_norm = ? AND c.name_norm = ?)) AND ${scope.sql}
       LIMIT 200`,
    )
    .all(input.excludeId ?? -1, JSON.stringify(dates), surname, name, ...scope.args) as (SimilarChild & { s: string; n: string; p: string; curOrgId: number | null })[];
  const out: SimilarChild[] = [];
  for (const r of rows) {
    const sameSurname = r.s === surname;
    const closeSurname = sameSurname || editDistanceWithin(r.s, surname, 2) <= 2;
    const sameName = r.n === name;
    const closeName = sameName || editDistanceWithin(r.n, name, 1) <= 1;
    const sameBirth = r.birthDate === birth;
    const reasons: string[] = [];
    let strong = false;
    if (sameSurname && sameName && sameBirth) {
      reasons.push('то же ФИО и дата рождения');
      strong = !patronymic || !r.p || r.p === patronymic;
    } else if (closeSurname && closeName && birth && dates.includes(r.birthDate)) {
      reasons.push(sameSurname && sameName ? 'то же ФИО' : 'похожие фамилия и имя');
      reasons.push(sameBirth ? 'та же дата рождения' : 'близкая дата рождения (ошибка в дне или переставлены день и месяц)');
    } else if (sameSurname && sameName) {
      reasons.push(`то же ФИО, другая дата рождения (${formatRuDate(r.birthDate)})`);
    } else continue;
    if (patronymic && r.p && r.p !== patronymic) reasons.push('отчество отличается');
    const { s: _s, n: _n, p: _p, curOrgId: _c, ...rest } = r;
    out.push({ ...rest, reason: reasons.join('; '), strong });
  }
  return out.sort((a, b) => Number(b.strong) - Number(a.strong)).slice(0, 10);
}

export function classes(ctx: CallContext, input: ParsedInput<'registry.classes'>): CallOutput<'registry.classes'> {
  const rows = ctx
    .session()
    .open.sqlite.prepare("SELECT DISTINCT class_label FROM studies WHERE org_id = ? AND class_label IS NOT NULL AND class_label != '' ORDER BY class_label")
    .pluck()
    .all(input.orgId) as string[];
  return rows.sort((a, b) => (parseInt(a, 10) || 0) - (parseInt(b, 10) || 0) || a.localeCompare(b, 'ru'));
}

export { snake, FIELD_LABELS };
