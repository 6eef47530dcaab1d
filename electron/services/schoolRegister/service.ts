import type Database from 'better-sqlite3';
import type { CallOutput, ParsedInput } from '../../../shared/api/contract';
import { ApiError } from '../../../shared/api/errors';
import { RELATION_LABELS } from '../../../shared/api/registry';
import type { Printout } from '../../../shared/api/reports';
import { DOC_TITLES, DOCS_OF_KIND, type DocKind, type RegisterCard, type RegisterEntry } from '../../../shared/api/schoolRegister';
import { daysBetween, formatRuDate, type IsoDate } from '../../../shared/domain/dates';
import { schoolYearOf } from '../../../shared/domain/schoolYear';
import { letterOverdue, removalCheck, removalOnLeaving, standingOf, suggestNextStep, ENTRY_KIND_LABELS, type RegisterEvent } from '../../../shared/domain/schoolRegister';
import { assertMayReadChild, assertMayReadRegisterCard, inForceSql, readerScope, readScope, recordCardsSql, recordOwner, recordOwnerSql } from '../access';
import { attendanceOf } from '../attendance/read';
import type { CallContext } from '../context';
import { getPrintout, issuePrintout, recordCopy, sha256Hex } from '../reports/register';
import { prepared } from '../statements';
import { buildDocument, type DocData } from './documents';
import { currentEntries, entriesOf, toEvent, toRegisterEntry, type Entry } from './entries';

/**
 * The internal school register (issue 11): the escalation of the Инструкция's section 2, the карта учёта
 * (section 3) and the removal (section 4) as entries of one append-only history per pupil and school; their
 * documents printed under numbers of the printouts register. Who may read what is access.ts's: the child by the
 * read scope, the card's details by mayReadRegisterCard.
 */

interface ChildRow {
  id: number;
  surname: string;
  name: string;
  patronymic: string | null;
  birth_date: string;
  gender: 'm' | 'f' | null;
  status: string;
  cur_org_id: number | null;
  cur_class: string | null;
}

function childRow(sqlite: Database.Database, id: number): ChildRow {
  const row = sqlite.prepare('SELECT id, surname, name, patronymic, birth_date, gender, status, cur_org_id, cur_class FROM children WHERE id = ?').get(id) as ChildRow | undefined;
  if (!row || row.status === 'merged') throw new ApiError('NOT_FOUND', `Ребёнок № ${id} не найден.`);
  return row;
}

/**
 * The school whose card the user reads or keeps: a school's user its own; the department the school the pupil
 * studies in now (or, for a pupil who left, the school that kept the card last). Refused by access.ts's rule.
 */
function cardOrg(ctx: CallContext, child: ChildRow): { orgId: number; entriesOrg: number | null } {
  const { user, open } = ctx.session();
  readerScope(ctx);
  const fresh = childRow(open.sqlite, child.id);
  assertMayReadChild(user, fresh.cur_org_id);
  const scope = readScope(user);
  let orgId = scope.orgId ?? fresh.cur_org_id;
  if (orgId === null) {
    orgId = (prepared(open.sqlite, `SELECT org_id FROM school_register_entries INDEXED BY school_register_child_idx WHERE child_id IN ${recordCardsSql('?')} ORDER BY id DESC LIMIT 1`).pluck().get(child.id) as number | undefined) ?? null;
  }
  assertMayReadRegisterCard(user, orgId);
  if (orgId === null) throw new ApiError('VALIDATION', 'Ребёнок сейчас не обучается ни в одной организации: карту учёта ведёт школа, в которой он учится.');
  // The department reads every school's entries of the pupil; a school only its own card.
  return { orgId, entriesOrg: scope.orgId };
}

function orgRow(sqlite: Database.Database, id: number) {
  return sqlite.prepare('SELECT id, full_name AS fullName, short_name AS shortName, address, head_position AS headPosition, head_name AS headName FROM organizations WHERE id = ?').get(id) as
    | { id: number; fullName: string; shortName: string; address: string; headPosition: string; headName: string }
    | undefined;
}

function pupilAddress(sqlite: Database.Database, childId: number, on: IsoDate): string | null {
  const rows = sqlite.prepare(`SELECT kind, text FROM addresses WHERE child_id = @id AND ${inForceSql('', '@on')} ORDER BY id DESC`).all({ id: childId, on }) as { kind: string; text: string }[];
  return (rows.find((r) => r.kind === 'actual') ?? rows.find((r) => r.kind === 'stay') ?? rows.find((r) => r.kind === 'registration'))?.text ?? null;
}

function representativesOf(sqlite: Database.Database, childId: number, on: IsoDate) {
  const rows = sqlite
    .prepare(`SELECT relation, surname, name, patronymic, phone FROM representatives WHERE child_id = @id AND ${inForceSql('', '@on')} ORDER BY id`)
    .all({ id: childId, on }) as { relation: keyof typeof RELATION_LABELS; surname: string; name: string; patronymic: string | null; phone: string | null }[];
  return rows.map((r) => ({ relation: RELATION_LABELS[r.relation] ?? r.relation, fullName: [r.surname, r.name, r.patronymic].filter(Boolean).join(' '), phone: r.phone }));
}

interface Loaded {
  child: ChildRow;
  orgId: number;
  all: Entry[];
  current: Entry[];
  /** The recorded entries as events, with the removal on leaving the school (п. 4.2) when the study there ended. */
  events: RegisterEvent[];
}

/**
 * п. 4.2: the day the pupil's study at the school that keeps the card ended (finished or left), if it did by
 * `today` and the pupil does not study there again; the order's reason with it.
 */
function leftSchool(sqlite: Database.Database, childId: number, orgId: number, today: IsoDate): RegisterEvent | null {
  const last = sqlite
    .prepare(
      `SELECT valid_to AS validTo, leave_order_date AS orderDate, leave_reason AS reason FROM studies
        WHERE child_id = ? AND org_id = ? AND superseded_by IS NULL AND withdrawn_at IS NULL
        ORDER BY coalesce(valid_from, '') DESC, id DESC LIMIT 1`,
    )
    .get(childId, orgId) as { validTo: string | null; orderDate: string | null; reason: string | null } | undefined;
  if (!last?.validTo || last.validTo > today) return null;
  return removalOnLeaving(last.orderDate ?? last.validTo, last.reason);
}

function eventsOf(sqlite: Database.Database, childId: number, orgId: number, all: readonly Entry[], today: IsoDate): RegisterEvent[] {
  const events: RegisterEvent[] = all.map(toEvent);
  const left = leftSchool(sqlite, childId, orgId, today);
  if (left) {
    const s = standingOf(events);
    if (s.onRegister && s.registeredOn! <= left.onDate) events.push(left);
  }
  return events;
}

function load(ctx: CallContext, childId: number): Loaded {
  const sqlite = ctx.session().open.sqlite;
  const child = childRow(sqlite, childId);
  const { orgId, entriesOrg } = cardOrg(ctx, child);
  const all = entriesOf(sqlite, childId, entriesOrg);
  return { child: childRow(sqlite, childId), orgId, all, current: currentEntries(all), events: eventsOf(sqlite, childId, orgId, all, ctx.today()) };
}

function documentsOf(sqlite: Database.Database, childId: number) {
  return prepared(
    sqlite,
    `SELECT d.entry_id AS entryId, d.doc_kind AS docKind, p.id AS printoutId, p.number, p.issued_on AS issuedOn, p.form_title AS title
       FROM school_register_documents d INDEXED BY school_register_documents_child_idx JOIN printouts p ON p.id = d.printout_id WHERE d.child_id IN ${recordCardsSql('?')} ORDER BY d.id`,
  ).all(childId) as { entryId: number | null; docKind: string; printoutId: number; number: string; issuedOn: string; title: string }[];
}

function buildCardView(ctx: CallContext, l: Loaded): RegisterCard {
  const sqlite = ctx.session().open.sqlite;
  const today = ctx.today();
  const months = attendanceOf(sqlite, l.child.id);
  const events = l.events;
  const standing = standingOf(events);
  const replacedBy = new Map<number, number>();
  for (const e of l.all) if (e.row.replaces_id !== null) replacedBy.set(e.row.replaces_id, e.row.id);
  const docs = documentsOf(sqlite, l.child.id);
  const docsOf = (entryId: number | null): RegisterEntry['documents'] => docs.filter((d) => d.entryId === entryId).map(({ docKind, printoutId, number, issuedOn, title }) => ({ docKind, printoutId, number, issuedOn, title }));
  const org = l.child.cur_org_id !== null ? orgRow(sqlite, l.child.cur_org_id) : undefined;
  return {
    today,
    child: {
      id: l.child.id,
      surname: l.child.surname,
      name: l.child.name,
      patronymic: l.child.patronymic,
      birthDate: l.child.birth_date,
      classLabel: l.child.cur_class,
      orgId: l.child.cur_org_id,
      orgName: org?.shortName ?? null,
      address: pupilAddress(sqlite, l.child.id, today),
      representatives: representativesOf(sqlite, l.child.id, today),
    },
    standing: { onRegister: standing.onRegister, registeredOn: standing.registeredOn, lastStep: standing.lastStep, lastStepOn: standing.lastStepOn, removedOn: standing.removedOn, label: standing.label },
    next: suggestNextStep(events, months, today),
    removal: removalCheck(standing, months, today),
    attendance: months.map(({ month, lessonsHeld, missedTotal, missedUnexcused }) => ({ month, lessonsHeld, missedTotal, missedUnexcused })),
    entries: l.all.map((e) => toRegisterEntry(e, replacedBy, docsOf(e.row.id))),
    documents: docsOf(null),
  };
}

export function card(ctx: CallContext, input: ParsedInput<'school.card'>): CallOutput<'school.card'> {
  const l = load(ctx, input.childId);
  ctx.target('child', input.childId, { registerCard: true, orgId: l.orgId });
  return buildCardView(ctx, l);
}

export function addEntry(ctx: CallContext, input: ParsedInput<'school.addEntry'>): CallOutput<'school.addEntry'> {
  const { open, user } = ctx.session();
  const sqlite = open.sqlite;
  const today = ctx.today();
  const l = load(ctx, input.childId);
  if (input.onDate > today) throw new ApiError('VALIDATION', `Дата ${formatRuDate(input.onDate)} ещё не наступила: запись вносится о том, что уже сделано.`);
  if (input.replacesId !== null) {
    const old = l.all.find((e) => e.row.id === input.replacesId);
    if (!old) throw new ApiError('NOT_FOUND', `Исправляемая запись № ${input.replacesId} не найдена в карте учёта этого обучающегося.`);
    if (old.row.kind !== input.kind) throw new ApiError('VALIDATION', `Запись № ${old.row.id} — «${ENTRY_KIND_LABELS[old.row.kind]}»: исправление должно быть того же вида.`);
    if (l.all.some((e) => e.row.replaces_id === old.row.id)) throw new ApiError('CONFLICT', `Запись № ${old.row.id} уже исправлена: исправляйте последнюю редакцию.`);
  } else {
    const standing = standingOf(l.events);
    const months = attendanceOf(sqlite, l.child.id);
    if (input.kind === 'registered' && standing.onRegister) throw new ApiError('CONFLICT', `Обучающийся уже состоит на внутришкольном учёте с ${formatRuDate(standing.registeredOn!)}.`);
    if ((input.kind === 'removalPetition' || input.kind === 'removed') && !standing.onRegister) throw new ApiError('VALIDATION', 'Обучающийся не состоит на внутришкольном учёте: снимать с учёта некого.');
    if (input.kind === 'removed' && input.data.reason === 'council') {
      const check = removalCheck(standing, months, input.onDate)!;
      if (!check.eligible) throw new ApiError('VALIDATION', `Снятие по решению Совета профилактики возможно не ранее ${formatRuDate(check.dueOn)}: шесть месяцев без пропусков по неуважительной причине ещё не прошли (п. 4.1).`);
    }
    if (standing.registeredOn && (input.kind === 'removalPetition' || input.kind === 'removed') && input.onDate < standing.registeredOn) {
      throw new ApiError('VALIDATION', `Дата ${formatRuDate(input.onDate)} раньше постановки на учёт (${formatRuDate(standing.registeredOn)}).`);
    }
  }
  if (input.kind === 'answer') {
    const letter = currentEntries(l.all).find((e) => e.row.id === input.refId && e.row.kind === 'letter');
    if (!letter) throw new ApiError('NOT_FOUND', 'Обращение, на которое получен ответ, не найдено в карте учёта.');
    if (input.onDate < letter.row.on_date) throw new ApiError('VALIDATION', `Ответ не может быть получен раньше обращения (${formatRuDate(letter.row.on_date)}).`);
  }
  ctx.tx(() => {
    const res = sqlite
      .prepare(
        `INSERT INTO school_register_entries (child_id, org_id, kind, on_date, actor, data, due_on, ref_id, replaces_id, created_by, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(input.childId, l.orgId, input.kind, input.onDate, input.actor, JSON.stringify(input.data), input.kind === 'letter' ? input.dueOn : null, input.kind === 'answer' ? input.refId : null, input.replacesId, user.login, ctx.now().toISOString());
    const newId = Number(res.lastInsertRowid);
    // The journal names the pupil, the kind and the entry, never what it says.
    ctx.target('child', input.childId, { entry: input.kind, entryId: newId, orgId: l.orgId, ...(input.replacesId !== null ? { replaces: input.replacesId } : {}) });
    return newId;
  });
  return buildCardView(ctx, load(ctx, input.childId));
}

/** The printout register's form id of a school register document: «school-register.warning». */
export const DOCUMENT_FORM_PREFIX = 'school-register.';

/** Checks that `doc` is printed from `entryId` (null: the карта учёта) of the loaded card, and returns the entry. */
function entryFor(l: Loaded, doc: DocKind, entryId: number | null): Entry | null {
  if (entryId === null) {
    if (doc !== 'card') throw new ApiError('VALIDATION', `Документ «${DOC_TITLES[doc]}» составляется по записи: выберите её.`);
    return null;
  }
  const entry = l.all.find((e) => e.row.id === entryId);
  if (!entry) throw new ApiError('NOT_FOUND', `Запись № ${entryId} не найдена в карте учёта этого обучающегося.`);
  if (!(DOCS_OF_KIND[entry.row.kind] ?? []).includes(doc)) throw new ApiError('VALIDATION', `По записи «${ENTRY_KIND_LABELS[entry.row.kind]}» документ «${DOC_TITLES[doc]}» не составляется.`);
  return entry;
}

/**
 * The document's content as of `asOf` (an entry's day, or the day the карта учёта is printed): the pupil's
 * address and parents then, the attendance of the months up to its month, the entries dated up to it and
 * recorded by `recordedBy` (the instant it was first printed), where the pupil stood. A reprint gives the same
 * document unless attendance of those months was entered or corrected since (then sameContent says so).
 */
function documentSpec(sqlite: Database.Database, l: Loaded, doc: DocKind, entry: Entry | null, asOf: IsoDate, issuedOn: IsoDate, recordedBy: string) {
  const org = orgRow(sqlite, l.orgId);
  if (!org) throw new ApiError('NOT_FOUND', `Организация № ${l.orgId} не найдена.`);
  const department = (sqlite.prepare("SELECT value FROM meta WHERE key = 'departmentName'").pluck().get() as string | undefined) ?? 'Отдел образования';
  const months = attendanceOf(sqlite, l.child.id).filter((m) => m.month <= asOf.slice(0, 7));
  const known = new Set(l.all.filter((e) => e.row.created_at <= recordedBy).map((e) => e.row.id));
  const standing = standingOf(l.events.filter((e) => e.onDate <= asOf && (known.has(e.id) || e.id === Number.MAX_SAFE_INTEGER)));
  const data: DocData = {
    org,
    department,
    pupil: {
      surname: l.child.surname,
      name: l.child.name,
      patronymic: l.child.patronymic,
      birthDate: l.child.birth_date,
      gender: l.child.gender,
      classLabel: l.child.cur_class,
      address: pupilAddress(sqlite, l.child.id, asOf),
      representatives: representativesOf(sqlite, l.child.id, asOf),
    },
    attendance: months,
    entries: currentEntries(l.all.filter((e) => known.has(e.row.id))).filter((e) => e.row.on_date <= asOf),
    standing,
    removal: removalCheck(standing, months, asOf),
    today: issuedOn,
  };
  return buildDocument(doc, entry, data);
}

const documentFileName = (doc: DocKind, surname: string, number: string) => `${DOC_TITLES[doc]} ${surname} № ${number}.pdf`.replace(/[\\/:*?"<>|]/g, '_');

/** Prints a document of the pupil's register under the next printout number, and links it to the entry. */
export async function print(ctx: CallContext, input: ParsedInput<'school.print'>): Promise<CallOutput<'school.print'>> {
  const sqlite = ctx.session().open.sqlite;
  const today = ctx.today();
  const l = load(ctx, input.childId);
  const entry = entryFor(l, input.doc, input.entryId);
  if (entry && l.all.some((e) => e.row.replaces_id === entry.row.id)) throw new ApiError('VALIDATION', 'Запись исправлена: распечатайте документ по исправленной записи.');
  if (entry?.data.cancelled) throw new ApiError('VALIDATION', 'Запись отменена: документа по ней нет.');
  const asOf = entry?.row.on_date ?? today;
  const spec = documentSpec(sqlite, l, input.doc, entry, asOf, today, ctx.now().toISOString());
  const formId = `${DOCUMENT_FORM_PREFIX}${input.doc}`;
  const { renderDocumentPdf } = await import('../reports/pdf');
  const { printout, bytes } = await issuePrintout(
    ctx,
    { formId, formTitle: DOC_TITLES[input.doc], params: { formId, orgId: l.orgId, asOf, year: null }, format: 'pdf', childCount: 1, tableSha: sha256Hex(JSON.stringify(spec)) },
    (stamp) => renderDocumentPdf(spec, stamp),
  );
  ctx.tx(() => {
    sqlite
      .prepare('INSERT INTO school_register_documents (child_id, org_id, entry_id, doc_kind, printout_id, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(l.child.id, l.orgId, entry?.row.id ?? null, input.doc, printout.id, ctx.session().user.login, ctx.now().toISOString());
  });
  return { printout, fileName: documentFileName(input.doc, l.child.surname, printout.number), base64: Buffer.from(bytes).toString('base64') };
}

/**
 * «Напечатать снова» from the printouts register (reports.reprint) for a school register document: the same
 * document, number and date made again from the card; sameContent says whether the card still gives what was
 * issued, sameFile whether the file is byte for byte the one issued (a different one is registered as a copy).
 */
export async function reprintDocument(ctx: CallContext, p: Printout & { tableSha: string }): Promise<CallOutput<'reports.reprint'>> {
  const sqlite = ctx.session().open.sqlite;
  const link = sqlite.prepare('SELECT child_id AS childId, entry_id AS entryId, doc_kind AS doc FROM school_register_documents WHERE printout_id = ?').get(p.id) as
    | { childId: number; entryId: number | null; doc: DocKind }
    | undefined;
  if (!link) throw new ApiError('NOT_FOUND', `Документ № ${p.number} не найден во внутришкольном учёте.`);
  // Printed from a card merged since: the card it belongs to now holds its entries (access.ts).
  link.childId = recordOwner(sqlite, link.childId);
  const l = load(ctx, link.childId);
  const entry = entryFor(l, link.doc, link.entryId);
  const spec = documentSpec(sqlite, l, link.doc, entry, p.asOf, p.issuedOn, p.createdAt);
  const { renderDocumentPdf } = await import('../reports/pdf');
  const bytes = await renderDocumentPdf(spec, { number: p.number, date: p.issuedOn });
  const contentSha = sha256Hex(JSON.stringify(spec));
  const sameFile = sha256Hex(bytes) === p.sha256;
  ctx.target('child', link.childId, { reprint: p.number, entry: link.doc });
  if (!sameFile) recordCopy(ctx, p, bytes, contentSha);
  const after = getPrintout(sqlite, p.id);
  return { printout: after, fileName: documentFileName(link.doc, l.child.surname, p.number), base64: Buffer.from(bytes).toString('base64'), sameContent: contentSha === p.tableSha, sameFile };
}

interface PupilRow extends ChildRow {
  missed: number | null;
  last_missed: string | null;
}

/** The school's pupils with unexcused absences this school year or with register entries, where each stands. */
export function pupils(ctx: CallContext, input: ParsedInput<'school.pupils'>): CallOutput<'school.pupils'> {
  const { open } = ctx.session();
  const sqlite = open.sqlite;
  const scope = readerScope(ctx);
  if (scope.orgId === -1) throw new ApiError('FORBIDDEN', 'Пользователь организации не привязан к организации: обратитесь к администратору.');
  const orgId = scope.orgId ?? input.orgId;
  if (orgId === null) throw new ApiError('VALIDATION', 'Выберите школу.');
  const today = ctx.today();
  const year = schoolYearOf(today);
  const fromMonth = year.start.slice(0, 7);
  const args: Record<string, unknown> = { from: fromMonth, org: orgId };
  let where = `c.status = 'active' AND c.cur_org_id = @org`;
  if (input.query) {
    where += ` AND c.surname_norm LIKE @q ESCAPE '\\'`;
    args.q = `${input.query.toLowerCase().replace(/ё/gu, 'е').replace(/[\\%_]/g, '\\$&')}%`;
  }
  // Each pupil's months and entries with those of the cards merged into his card (access.ts recordCardsSql).
  const mine = (alias: string) => `${alias}.child_id IN ${recordCardsSql('c.id')}`;
  const rows = sqlite
    .prepare(
      `SELECT * FROM (
         SELECT c.id, c.surname, c.name, c.patronymic, c.birth_date, c.gender, c.status, c.cur_org_id, c.cur_class, c.sort_key,
                (SELECT SUM(x.missed_unexcused) FROM attendance x INDEXED BY attendance_child_idx WHERE ${mine('x')} AND x.superseded_by IS NULL AND x.month >= @from) AS missed,
                (SELECT MAX(x.month) FROM attendance x INDEXED BY attendance_child_idx WHERE ${mine('x')} AND x.superseded_by IS NULL AND x.month >= @from AND x.missed_unexcused > 0) AS last_missed,
                EXISTS (SELECT 1 FROM school_register_entries e INDEXED BY school_register_child_idx WHERE ${mine('e')} AND e.org_id = c.cur_org_id) AS has_entries
           FROM children c
          WHERE ${where})
        ${input.all ? '' : 'WHERE missed > 0 OR has_entries'}
        ORDER BY sort_key`,
    )
    .all(args) as PupilRow[];
  const out = rows.map((r) => {
    const entries = entriesOf(sqlite, r.id, orgId);
    const events = eventsOf(sqlite, r.id, orgId, entries, today);
    const months = attendanceOf(sqlite, r.id);
    const standing = standingOf(events);
    const cur = currentEntries(entries);
    const overdueLetters = cur.filter((e) => e.row.kind === 'letter' && letterOverdue(e.row.due_on, cur.some((a) => a.row.kind === 'answer' && a.row.ref_id === e.row.id) ? e.row.on_date : null, today)).length;
    return {
      childId: r.id,
      surname: r.surname,
      name: r.name,
      patronymic: r.patronymic,
      birthDate: r.birth_date,
      classLabel: r.cur_class,
      standing: standing.label,
      onRegister: standing.onRegister,
      missedUnexcused: r.missed ?? 0,
      lastMissedMonth: r.last_missed,
      next: suggestNextStep(events, months, today),
      overdueLetters,
    };
  });
  ctx.target('schoolRegister', orgId, { orgId, shown: out.length, allPupils: input.all });
  return { rows: out, today, orgId };
}

/** п. 5.3: letters to the prevention bodies whose written answer is past due. Card details: refused where access.ts says. */
export function overdueLetters(ctx: CallContext, input: ParsedInput<'school.overdueLetters'>): CallOutput<'school.overdueLetters'> {
  const { open, user } = ctx.session();
  const scope = readerScope(ctx);
  const orgId = scope.orgId ?? input.orgId;
  assertMayReadRegisterCard(user, orgId ?? null);
  const today = ctx.today();
  const rows = open.sqlite
    .prepare(
      `SELECT e.id, c.id AS child_id, e.on_date, e.due_on, e.data, c.surname, c.name, c.patronymic, c.cur_class
         FROM school_register_entries e JOIN children c ON c.id = ${recordOwnerSql('e.child_id')}
        WHERE e.kind = 'letter' AND e.due_on < ? ${orgId !== null ? 'AND e.org_id = ?' : ''}
          AND NOT EXISTS (SELECT 1 FROM school_register_entries r WHERE r.replaces_id = e.id)
          AND NOT EXISTS (SELECT 1 FROM school_register_entries a WHERE a.kind = 'answer' AND a.ref_id = e.id
                            AND NOT EXISTS (SELECT 1 FROM school_register_entries r2 WHERE r2.replaces_id = a.id))
        ORDER BY e.due_on, e.id`,
    )
    .all(...(orgId !== null ? [today, orgId] : [today])) as { id: number; child_id: number; on_date: string; due_on: string; data: string; surname: string; name: string; patronymic: string | null; cur_class: string | null }[];
  const out = rows
    .map((r) => ({ r, d: JSON.parse(r.data) as { addressee?: string; outNumber?: string; cancelled?: boolean } }))
    .filter(({ d }) => !d.cancelled)
    .map(({ r, d }) => ({
      entryId: r.id,
      childId: r.child_id,
      surname: r.surname,
      name: r.name,
      patronymic: r.patronymic,
      classLabel: r.cur_class,
      onDate: r.on_date,
      addressee: d.addressee ?? '',
      outNumber: d.outNumber ?? '',
      dueOn: r.due_on,
      daysOverdue: daysBetween(r.due_on, today),
    }));
  ctx.target('schoolRegister', orgId, { orgId, overdueLetters: out.length });
  return out;
}

