import { basename } from 'node:path';
import type Database from 'better-sqlite3';
import { ApiError } from '../../../shared/api/errors';
import type { CallOutput, ParsedInput } from '../../../shared/api/contract';
import type { SubmissionRow, SubmissionSummary } from '../../../shared/api/intake';
import { formatRuDate } from '../../../shared/domain/dates';
import type { FieldId } from '../../../shared/intake/headers';
import type { ListRowValues } from '../../../shared/intake/listRow';
import { parseListRow } from '../../../shared/intake/parseRow';
import { findProfile, type ListKind } from '../../../shared/profiles';
import type { CallContext } from '../context';
import { conflictsFor } from './apply';
import { runPrepare, runRelink } from './inWorker';
import { Linker, personKey } from './link';
import { displayCell, draftRows, linkPart, type DraftRow, type RowToStore, type StoredCell } from './prepare';
import { openSql } from '../access';

interface SubmissionDb {
  id: number;
  org_id: number;
  list_kind: string;
  as_of: string;
  received_at: string;
  origin: 'file' | 'grid';
  file_name: string | null;
  file_hash: string | null;
  headers: string;
  mapping: string;
  status: SubmissionSummary['status'];
  source_id: number | null;
  effects: string;
  applied_at: string | null;
  undone_at: string | null;
}

export function listKinds(ctx: CallContext): readonly ListKind[] {
  const { sqlite } = ctx.session().open;
  const profileId = sqlite.prepare("SELECT value FROM meta WHERE key = 'profileId'").pluck().get() as string;
  const profile = findProfile(profileId);
  if (!profile) throw new ApiError('DAMAGED', `В базе указан неизвестный порядок учёта «${profileId}».`);
  return profile.listKinds;
}

function listKind(ctx: CallContext, id: string): ListKind {
  const kind = listKinds(ctx).find((k) => k.id === id);
  if (!kind) throw new ApiError('VALIDATION', `Неизвестный вид списка «${id}»`, { issues: [{ path: 'listKind', message: 'Выберите вид списка' }] });
  return kind;
}

export function submissionRow(sqlite: Database.Database, id: number): SubmissionDb {
  const row = sqlite.prepare('SELECT * FROM submissions WHERE id = ?').get(id) as SubmissionDb | undefined;
  if (!row) throw new ApiError('NOT_FOUND', 'Список не найден');
  return row;
}

export function summary(ctx: CallContext, id: number): SubmissionSummary {
  const { sqlite } = ctx.session().open;
  const s = submissionRow(sqlite, id);
  const counts = sqlite
    .prepare(
      `SELECT count(*) AS rows,
        coalesce(sum(has_errors AND NOT excluded), 0) AS errors,
        coalesce(sum(excluded), 0) AS excluded,
        coalesce(sum(decision = 'auto' AND NOT excluded AND NOT has_errors), 0) AS auto,
        coalesce(sum(decision = 'review' AND NOT excluded AND NOT has_errors), 0) AS review,
        coalesce(sum(decision = 'review' AND child_id IS NULL AND NOT excluded AND NOT has_errors), 0) AS undecided,
        coalesce(sum(decision = 'new' AND NOT excluded AND NOT has_errors), 0) AS new,
        coalesce(sum(decision = 'new' AND candidates != '[]' AND NOT excluded AND NOT has_errors), 0) AS newClose,
        coalesce(sum(decision = 'manual' AND NOT excluded AND NOT has_errors), 0) AS manual
       FROM submission_rows WHERE submission_id = ?`,
    )
    .get(id) as Omit<SubmissionSummary['counts'], 'conflicts'>;
  const orgName = sqlite.prepare('SELECT short_name FROM organizations WHERE id = ?').pluck().get(s.org_id) as string;
  const same = s.file_hash
    ? (sqlite
        .prepare("SELECT id, received_at AS receivedAt, status FROM submissions WHERE file_hash = ? AND id < ? AND status != 'discarded' ORDER BY id DESC LIMIT 1")
        .get(s.file_hash, s.id) as SubmissionSummary['sameFileAs'] | undefined)
    : undefined;
  const kind = listKinds(ctx).find((k) => k.id === s.list_kind);
  return {
    id: s.id,
    orgId: s.org_id,
    orgName,
    listKind: s.list_kind,
    listTitle: kind?.title ?? s.list_kind,
    asOf: s.as_of,
    receivedAt: s.received_at,
    origin: s.origin,
    fileName: s.file_name,
    status: s.status,
    headers: JSON.parse(s.headers) as string[],
    mapping: JSON.parse(s.mapping) as Record<string, string>,
    counts: { ...counts, conflicts: countConflicts(ctx, s) },
    sameFileAs: same ?? null,
    appliedAt: s.applied_at,
    undoneAt: s.undone_at,
  };
}

/** Rows whose child the registry says something else about: one query, not a check per row. */
function countConflicts(ctx: CallContext, s: SubmissionDb): number {
  if (s.status !== 'draft') return 0;
  const { sqlite } = ctx.session().open;
  const claim = listKind(ctx, s.list_kind).claim;
  const active = openSql('x');
  const otherSchool = `EXISTS (SELECT 1 FROM studies x WHERE x.child_id = r.child_id AND x.org_id != @org AND ${active})`;
  const anySchool = `EXISTS (SELECT 1 FROM studies x WHERE x.child_id = r.child_id AND ${active})`;
  const health = `EXISTS (SELECT 1 FROM conditions x WHERE x.child_id = r.child_id AND x.kind = 'health' AND ${active})`;
  const otherForm = `EXISTS (SELECT 1 FROM education_forms x WHERE x.child_id = r.child_id AND x.form != @form AND ${active})`;
  // Rows that may carry a conflict only the row can say (conflictsFor words and decides them): another enrolment
  // order at the same school, an address of a kind the child has from another list of the same date.
  const otherOrder = `EXISTS (SELECT 1 FROM studies x WHERE x.child_id = r.child_id AND x.org_id = @org AND ${active} AND x.enrol_order_number IS NOT NULL
    AND json_extract(r.vals, '$.enrolOrderNumber') IS NOT NULL AND x.enrol_order_number != json_extract(r.vals, '$.enrolOrderNumber'))`;
  const sameDateAddress = `EXISTS (SELECT 1 FROM addresses x JOIN sources so ON so.id = x.source_id WHERE x.child_id = r.child_id AND ${active}
    AND so.kind = 'list' AND so.as_of = @asOf
    AND x.text NOT IN (coalesce(json_extract(r.vals, '$.addressRegistration'), ''), coalesce(json_extract(r.vals, '$.addressActual'), ''), coalesce(json_extract(r.vals, '$.addressResidence'), '')))`;
  const rowOnly = `(${claim.type === 'study' ? `${otherOrder} OR ` : ''}${sameDateAddress})`;
  // Mirrors conflictsFor() in apply.ts, which words each conflict for the person.
  const condition =
    claim.type === 'study' ? `(${otherSchool} OR ${health})` : claim.type === 'condition' && claim.kind === 'health' ? anySchool : claim.type === 'form' ? otherForm : null;
  const params = { id: s.id, org: s.org_id, form: claim.type === 'form' ? claim.form : '', asOf: s.as_of };
  const base = `SELECT r.child_id AS childId, r.vals FROM submission_rows r WHERE r.submission_id = @id AND r.child_id IS NOT NULL AND NOT r.excluded`;
  const sure = condition ? (sqlite.prepare(`SELECT count(*) FROM submission_rows r WHERE r.submission_id = @id AND r.child_id IS NOT NULL AND NOT r.excluded AND ${condition}`).pluck().get(params) as number) : 0;
  const kind = listKind(ctx, s.list_kind);
  const maybe = sqlite.prepare(`${base} AND ${rowOnly}${condition ? ` AND NOT ${condition}` : ''}`).all(params) as { childId: number; vals: string }[];
  return sure + maybe.filter((r) => conflictsFor(sqlite, r.childId, s.org_id, kind, JSON.parse(r.vals) as ListRowValues, s.as_of).length > 0).length;
}

/** Links the rows (in this thread: a paper form, a changed mapping) and writes the draft. */
function storeRows(ctx: CallContext, submissionId: number, rows: RowToStore[]): void {
  const { sqlite } = ctx.session().open;
  insertRows(sqlite, submissionId, draftRows(new Linker(sqlite, rows.length), rows));
}

/** Writes rows already validated and linked: nothing reaches the registry before apply. */
function insertRows(sqlite: Database.Database, submissionId: number, rows: readonly DraftRow[]): void {
  const insert = sqlite.prepare(
    `INSERT INTO submission_rows (submission_id, row_no, file_row_no, cells, vals, issues, has_errors, decision, child_id, same_as_row, score, reasons, candidates)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const r of rows) {
    insert.run(submissionId, r.rowNo, r.fileRowNo, r.cells, r.values, r.issues, r.hasErrors ? 1 : 0, r.decision, r.childId, r.sameAsRow, r.score, r.reasons, r.candidates);
  }
}

/**
 * A list file: read, parsed and linked in a worker with memory limits (inWorker.ts), so a hostile or broken
 * file ends there with a Russian message while other calls are answered; the draft is written here.
 */
export async function upload(ctx: CallContext, input: ParsedInput<'intake.upload'>): Promise<CallOutput<'intake.upload'>> {
  const { open, user, dbKey } = ctx.session();
  const { sqlite } = open;
  listKind(ctx, input.listKind);
  if (!sqlite.prepare('SELECT 1 FROM organizations WHERE id = ?').get(input.orgId)) throw new ApiError('VALIDATION', 'Нет такой организации');
  const fileName = basename(input.fileName);
  const saved = sqlite.prepare('SELECT headers, mapping FROM intake_mappings WHERE org_id = ? AND list_kind = ?').get(input.orgId, input.listKind) as
    | { headers: string; mapping: string }
    | undefined;
  const list = await runPrepare({
    fileName,
    base64: input.base64,
    asOf: input.asOf,
    saved: saved ?? null,
    db: { path: open.path, key: new Uint8Array(dbKey) },
  });
  // The session may have been locked while the worker ran: ctx.session() says so.
  const { sqlite: db } = ctx.session().open;
  const id = ctx.tx(() => {
    const submissionId = Number(
      db
        .prepare("INSERT INTO submissions (org_id, list_kind, as_of, origin, file_name, file_hash, headers, mapping, created_by) VALUES (?, ?, ?, 'file', ?, ?, ?, ?, ?)")
        .run(input.orgId, input.listKind, input.asOf, fileName, list.hash, JSON.stringify(list.headers), JSON.stringify(list.mapping), user.login).lastInsertRowid,
    );
    insertRows(db, submissionId, list.rows);
    ctx.target('submission', submissionId, { file: fileName, rows: list.rows.length, kind: input.listKind });
    return submissionId;
  });
  return summary(ctx, id);
}

const GRID_HEADERS = ['Фамилия', 'Имя', 'Отчество', 'Дата рождения', 'Адрес регистрации', 'Адрес фактического проживания', 'Класс/группа', 'Примечание'];
const GRID_MAPPING: Record<number, FieldId> = { 0: 'surname', 1: 'name', 2: 'patronymic', 3: 'birthDate', 4: 'addressRegistration', 5: 'addressActual', 6: 'classOrGroup', 7: 'notes' };

export function grid(ctx: CallContext, input: ParsedInput<'intake.grid'>): CallOutput<'intake.grid'> {
  const { open, user } = ctx.session();
  const { sqlite } = open;
  listKind(ctx, input.listKind);
  if (!sqlite.prepare('SELECT 1 FROM organizations WHERE id = ?').get(input.orgId)) throw new ApiError('VALIDATION', 'Нет такой организации');
  const referenceYear = Number(input.asOf.slice(0, 4));
  const id = ctx.tx(() => {
    const submissionId = Number(
      sqlite
        .prepare("INSERT INTO submissions (org_id, list_kind, as_of, origin, headers, mapping, created_by) VALUES (?, ?, ?, 'grid', ?, ?, ?)")
        .run(input.orgId, input.listKind, input.asOf, JSON.stringify(GRID_HEADERS), JSON.stringify(GRID_MAPPING), user.login).lastInsertRowid,
    );
    const rows = input.rows
      .map((r, i) => ({ rowNo: i + 1, cells: [r.surname, r.name, r.patronymic, r.birthDate, r.addressRegistration, r.addressActual, r.classLabel, r.notes] }))
      .filter((r) => r.cells.some((c) => c.trim() !== ''));
    storeRows(
      ctx,
      submissionId,
      rows.map((r) => ({ rowNo: r.rowNo, fileRowNo: null, cells: r.cells, ...parseListRow(r.cells, GRID_MAPPING, GRID_HEADERS, { referenceYear, asOf: input.asOf }) })),
    );
    ctx.target('submission', submissionId, { grid: rows.length, kind: input.listKind });
    return submissionId;
  });
  return summary(ctx, id);
}

function draft(ctx: CallContext, id: number): SubmissionDb {
  const s = submissionRow(ctx.session().open.sqlite, id);
  if (s.status !== 'draft') throw new ApiError('CONFLICT', 'Список уже применён или отменён: изменять его строки нельзя.');
  return s;
}

/**
 * A new mapping re-reads every row from the cells kept as received (in the worker, as an upload: a long list
 * is linked again off the answering thread); decisions made by hand are dropped.
 */
export async function setMapping(ctx: CallContext, input: ParsedInput<'intake.setMapping'>): Promise<CallOutput<'intake.setMapping'>> {
  const { open, dbKey } = ctx.session();
  const s = draft(ctx, input.submissionId);
  const headers = JSON.parse(s.headers) as string[];
  const mapping: Record<number, FieldId> = {};
  for (const [col, field] of Object.entries(input.mapping)) if (field) mapping[Number(col)] = field as FieldId;
  const stored = open.sqlite.prepare('SELECT row_no AS rowNo, file_row_no AS fileRowNo, cells FROM submission_rows WHERE submission_id = ? ORDER BY row_no').all(s.id) as {
    rowNo: number;
    fileRowNo: number | null;
    cells: string;
  }[];
  ctx.target('submission', s.id, { mapping });
  const linked = await runRelink({
    fileName: s.file_name ?? 'бумажный список',
    rows: stored.map((r) => ({ rowNo: r.rowNo, fileRowNo: r.fileRowNo, cells: JSON.parse(r.cells) as StoredCell[] })),
    mapping,
    headers,
    asOf: s.as_of,
    db: { path: open.path, key: new Uint8Array(dbKey) },
  });
  const { sqlite } = ctx.session().open;
  ctx.tx(() => {
    // Applied or discarded while the rows were read again: nothing is changed.
    draft(ctx, s.id);
    sqlite.prepare('UPDATE submissions SET mapping = ? WHERE id = ?').run(JSON.stringify(mapping), s.id);
    sqlite.prepare('DELETE FROM submission_rows WHERE submission_id = ?').run(s.id);
    insertRows(sqlite, s.id, linked);
    if (s.origin === 'file') {
      sqlite
        .prepare('INSERT INTO intake_mappings (org_id, list_kind, headers, mapping) VALUES (?, ?, ?, ?) ON CONFLICT(org_id, list_kind) DO UPDATE SET headers = excluded.headers, mapping = excluded.mapping, updated_at = excluded.updated_at')
        .run(s.org_id, s.list_kind, s.headers, JSON.stringify(mapping));
    }
  });
  return summary(ctx, s.id);
}

const FILTERS: Record<ParsedInput<'intake.rows'>['filter'], string> = {
  all: '1',
  errors: 'has_errors AND NOT excluded',
  review: "decision = 'review' AND NOT excluded AND NOT has_errors",
  new: "decision = 'new' AND NOT excluded AND NOT has_errors",
  // A row decided «new» keeps candidates only when one scored above the review threshold (link.ts).
  newClose: "decision = 'new' AND candidates != '[]' AND NOT excluded AND NOT has_errors",
  linked: "decision IN ('auto', 'manual') AND NOT excluded AND NOT has_errors",
  excluded: 'excluded',
  conflicts: 'child_id IS NOT NULL AND NOT excluded',
};

interface RowDb {
  id: number;
  row_no: number;
  file_row_no: number | null;
  cells: string;
  vals: string;
  issues: string;
  has_errors: number;
  excluded: number;
  decision: SubmissionRow['decision'];
  child_id: number | null;
  same_as_row: number | null;
  score: number | null;
  reasons: string;
  candidates: string;
  submission_id: number;
}

function toRow(ctx: CallContext, r: RowDb, s: SubmissionDb): SubmissionRow {
  const { sqlite } = ctx.session().open;
  return {
    id: r.id,
    rowNo: r.row_no,
    fileRowNo: r.file_row_no,
    cells: (JSON.parse(r.cells) as StoredCell[]).map(displayCell),
    values: JSON.parse(r.vals) as SubmissionRow['values'],
    issues: JSON.parse(r.issues) as SubmissionRow['issues'],
    hasErrors: Boolean(r.has_errors),
    excluded: Boolean(r.excluded),
    decision: r.decision,
    childId: r.child_id,
    sameAsRow: r.same_as_row,
    score: r.score === null ? null : r.score / 10,
    reasons: JSON.parse(r.reasons) as string[],
    candidates: JSON.parse(r.candidates) as SubmissionRow['candidates'],
    conflicts: r.child_id && s.status === 'draft' ? conflictsFor(sqlite, r.child_id, s.org_id, listKind(ctx, s.list_kind), JSON.parse(r.vals) as ListRowValues, s.as_of) : [],
  };
}

export function rows(ctx: CallContext, input: ParsedInput<'intake.rows'>): CallOutput<'intake.rows'> {
  const { sqlite } = ctx.session().open;
  const s = submissionRow(sqlite, input.submissionId);
  const where = `submission_id = ? AND ${FILTERS[input.filter]}`;
  ctx.target('submission', s.id, { filter: input.filter });
  if (input.filter === 'conflicts') {
    const all = (sqlite.prepare(`SELECT * FROM submission_rows WHERE ${where} ORDER BY row_no`).all(s.id) as RowDb[]).map((r) => toRow(ctx, r, s)).filter((r) => r.conflicts.length);
    return { rows: all.slice(input.offset, input.offset + input.limit), total: all.length };
  }
  const total = sqlite.prepare(`SELECT count(*) FROM submission_rows WHERE ${where}`).pluck().get(s.id) as number;
  const page = sqlite.prepare(`SELECT * FROM submission_rows WHERE ${where} ORDER BY row_no LIMIT ? OFFSET ?`).all(s.id, input.limit, input.offset) as RowDb[];
  return { rows: page.map((r) => toRow(ctx, r, s)), total };
}

function rowById(ctx: CallContext, rowId: number): { row: RowDb; s: SubmissionDb } {
  const { sqlite } = ctx.session().open;
  const row = sqlite.prepare('SELECT * FROM submission_rows WHERE id = ?').get(rowId) as RowDb | undefined;
  if (!row) throw new ApiError('NOT_FOUND', 'Строка списка не найдена');
  return { row, s: draft(ctx, row.submission_id) };
}

/** A row fixed in place: the new values are validated and linked again as if the file had said them. */
export function fixRow(ctx: CallContext, input: ParsedInput<'intake.fixRow'>): CallOutput<'intake.fixRow'> {
  const { sqlite } = ctx.session().open;
  const { row, s } = rowById(ctx, input.rowId);
  const values = { ...(JSON.parse(row.vals) as ListRowValues), ...input.values };
  // Re-validate the edited values through the same parser, reading them as the cells of a plain form.
  const fields: [FieldId, keyof ListRowValues][] = [
    ['surname', 'surname'],
    ['name', 'name'],
    ['patronymic', 'patronymic'],
    ['birthDate', 'birthDate'],
    ['snils', 'snils'],
    ['addressRegistration', 'addressRegistration'],
    ['addressActual', 'addressActual'],
    ['addressResidence', 'addressResidence'],
    ['classOrGroup', 'classLabel'],
    ['notes', 'notes'],
  ];
  const cells = fields.map(([, key]) => {
    const v = values[key];
    return key === 'birthDate' && typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? formatRuDate(v) : (v ?? '');
  });
  const mapping = Object.fromEntries(fields.map(([field], i) => [i, field])) as Record<number, FieldId>;
  const headers = (JSON.parse(s.headers) as string[]).length ? fields.map(([f]) => headerFor(s, f)) : fields.map(([f]) => f);
  const parsed = parseListRow(cells, mapping, headers, { referenceYear: Number(s.as_of.slice(0, 4)), asOf: s.as_of });
  const merged: ListRowValues = { ...values, ...Object.fromEntries(fields.map(([, key]) => [key, parsed.values[key]])), gender: parsed.values.gender ?? values.gender };
  const hasErrors = parsed.issues.some((i) => i.severity === 'error');
  const link = hasErrors ? null : new Linker(sqlite).link(row.row_no, merged);
  ctx.target('submission', s.id, { row: row.row_no, fixed: Object.keys(input.values) });
  ctx.tx(() =>
    sqlite
      .prepare('UPDATE submission_rows SET vals = ?, issues = ?, has_errors = ?, decision = ?, child_id = ?, score = ?, reasons = ?, candidates = ?, decided_by = NULL WHERE id = ?')
      .run(
        JSON.stringify(merged),
        JSON.stringify(parsed.issues),
        hasErrors ? 1 : 0,
        link?.decision ?? null,
        link?.childId ?? null,
        link?.score === null || link?.score === undefined ? null : Math.round(link.score * 10),
        JSON.stringify(link?.reasons ?? []),
        JSON.stringify(link?.candidates ?? []),
        row.id,
      ),
  );
  return toRow(ctx, sqlite.prepare('SELECT * FROM submission_rows WHERE id = ?').get(row.id) as RowDb, s);
}

function headerFor(s: SubmissionDb, field: FieldId): string {
  const headers = JSON.parse(s.headers) as string[];
  const mapping = JSON.parse(s.mapping) as Record<string, string>;
  const col = Object.entries(mapping).find(([, f]) => f === field)?.[0];
  return col !== undefined ? (headers[Number(col)] ?? field) : field;
}

export function excludeRow(ctx: CallContext, input: ParsedInput<'intake.excludeRow'>): CallOutput<'intake.excludeRow'> {
  const { sqlite } = ctx.session().open;
  const { row, s } = rowById(ctx, input.rowId);
  ctx.target('submission', s.id, { row: row.row_no, excluded: input.excluded });
  ctx.tx(() => sqlite.prepare('UPDATE submission_rows SET excluded = ? WHERE id = ?').run(input.excluded ? 1 : 0, row.id));
  return toRow(ctx, { ...row, excluded: input.excluded ? 1 : 0 }, s);
}

/** A person's decision on an uncertain row. «Это разные дети» is remembered for the pair and the row is linked again. */
export function decide(ctx: CallContext, input: ParsedInput<'intake.decide'>): CallOutput<'intake.decide'> {
  const { sqlite, } = ctx.session().open;
  const { user } = ctx.session();
  const { row, s } = rowById(ctx, input.rowId);
  const values = JSON.parse(row.vals) as ListRowValues;
  const d = input.decision;
  ctx.target('submission', s.id, { row: row.row_no, decision: d.type, childId: 'childId' in d ? d.childId : null });
  ctx.tx(() => {
    if (d.type === 'link') {
      if (!sqlite.prepare("SELECT 1 FROM children WHERE id = ? AND status = 'active'").get(d.childId)) throw new ApiError('NOT_FOUND', 'Ребёнок не найден');
      sqlite
        .prepare("UPDATE submission_rows SET decision = 'manual', child_id = ?, same_as_row = NULL, decided_by = ?, decided_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE id = ?")
        .run(d.childId, user.login, row.id);
    } else if (d.type === 'new') {
      sqlite
        .prepare("UPDATE submission_rows SET decision = 'new', child_id = NULL, same_as_row = NULL, decided_by = ?, decided_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE id = ?")
        .run(user.login, row.id);
    } else {
      sqlite.prepare('INSERT OR IGNORE INTO distinct_pairs (child_id, other_key, decided_by) VALUES (?, ?, ?)').run(d.childId, personKey(values), user.login);
      const link = linkPart(new Linker(sqlite).link(row.row_no, values));
      sqlite
        .prepare('UPDATE submission_rows SET decision = ?, child_id = ?, score = ?, reasons = ?, candidates = ?, decided_by = ? WHERE id = ?')
        .run(link.decision, link.childId, link.score, link.reasons, link.candidates, user.login, row.id);
    }
  });
  return toRow(ctx, sqlite.prepare('SELECT * FROM submission_rows WHERE id = ?').get(row.id) as RowDb, s);
}

export function list(ctx: CallContext): CallOutput<'intake.list'> {
  const ids = ctx.session().open.sqlite.prepare('SELECT id FROM submissions ORDER BY id DESC LIMIT 500').pluck().all() as number[];
  return ids.map((id) => summary(ctx, id));
}

export function discard(ctx: CallContext, input: ParsedInput<'intake.discard'>): CallOutput<'intake.discard'> {
  const s = draft(ctx, input.submissionId);
  ctx.target('submission', s.id);
  ctx.tx(() => ctx.session().open.sqlite.prepare("UPDATE submissions SET status = 'discarded' WHERE id = ?").run(s.id));
  return summary(ctx, s.id);
}

export { draft, listKind };
