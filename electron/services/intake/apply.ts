import type Database from 'better-sqlite3';
import { addDays } from '../../../shared/domain/dates';
import { ApiError } from '../../../shared/api/errors';
import type { CallOutput, ParsedInput } from '../../../shared/api/contract';
import type { Fact } from '../../../shared/api/registry';
import type { ListRowValues } from '../../../shared/intake/listRow';
import type { ListKind } from '../../../shared/profiles';
import { compareAddresses } from '../../../shared/intake/linkage';
import { plural } from '../../../shared/text';
import type { CallContext } from '../context';
import { FACT_TABLES, RegistryWriter, createSource } from '../registry/write';
import { draft, listKind, submissionRow, summary } from './service';
import { openSql, recordOwners } from '../access';


/** An enrolment order number as written, for comparing («№ 12-у» = «12-у»). */
export const orderKey = (s: string): string => s.replace(/[\s№]/gu, '').toLowerCase();

/**
 * The date a current fact speaks for: a list's «по состоянию на», else the day it starts, else the day it was
 * written. A list with a later date is newer than the fact; an earlier one is older; the same date cannot decide.
 */
const FACT_DATE = `CASE WHEN so.kind = 'list' AND so.as_of IS NOT NULL THEN so.as_of ELSE coalesce(x.valid_from, substr(x.recorded_at, 1, 10)) END`;

interface CurrentAddress {
  id: number;
  kind: string;
  text: string;
  factDate: string;
  /** 1 when a list said it (only two lists of one date are undecidable; a typed fact of that day stands). */
  fromList: number;
}

function currentAddresses(sqlite: Database.Database, childId: number): CurrentAddress[] {
  return sqlite
    .prepare(
      `SELECT x.id, x.kind, x.text, ${FACT_DATE} AS factDate, so.kind = 'list' AS fromList
       FROM addresses x LEFT JOIN sources so ON so.id = x.source_id WHERE x.child_id = ? AND ${openSql('x')}`,
    )
    .all(childId) as CurrentAddress[];
}

/** The same address written otherwise («ул.»/«улица», «5-12», without the town) or less exactly (without the flat). */
function sameAddress(a: string, b: string): boolean {
  if (norm(a) === norm(b)) return true;
  const level = compareAddresses([a], [b]);
  return level === 'exact' || level === 'similar';
}

/** Another list of the same date says another address of this kind: a date cannot decide. */
const undecidable = (a: CurrentAddress, asOf: string): boolean => a.fromList === 1 && a.factDate === asOf;

const ADDRESS_WORDS: Record<string, string> = { registration: 'регистрации', actual: 'фактического проживания', stay: 'пребывания' };

/**
 * What applying the row would contradict in the registry: shown to the person, never overwritten. `values` and
 * `asOf` (the row and its list's date) add what only the row can say: another enrolment order for the same study,
 * another address of the same kind as of the same date (which one is right, a date cannot decide).
 */
export function conflictsFor(sqlite: Database.Database, childId: number, orgId: number, kind: ListKind, values?: ListRowValues, asOf?: string): string[] {
  const out: string[] = [];
  const studies = sqlite
    .prepare(`SELECT s.org_id AS orgId, o.short_name AS org FROM studies s JOIN organizations o ON o.id = s.org_id WHERE s.child_id = ? AND ${openSql('s')}`)
    .all(childId) as { orgId: number; org: string }[];
  if (kind.claim.type === 'study') {
    for (const st of studies) if (st.orgId !== orgId) out.push(`уже обучается в ${st.org}: две организации считают ребёнка своим`);
    const health = sqlite.prepare(`SELECT 1 FROM conditions WHERE child_id = ? AND kind = 'health' AND ${openSql('')}`).get(childId);
    if (health) out.push('в реестре отмечен как не обучающийся по состоянию здоровья');
    const listed = values?.enrolOrderNumber;
    if (listed) {
      const orders = sqlite
        .prepare(`SELECT enrol_order_number FROM studies WHERE child_id = ? AND org_id = ? AND enrol_order_number IS NOT NULL AND ${openSql('')}`)
        .pluck()
        .all(childId, orgId) as string[];
      for (const order of orders) {
        if (orderKey(order) !== orderKey(listed)) out.push(`другой номер приказа о зачислении: в реестре № ${order.replace(/^№\s*/u, '')}, в списке № ${listed.replace(/^№\s*/u, '')}`);
      }
    }
  }
  if (values && asOf) {
    const known = currentAddresses(sqlite, childId);
    for (const fact of addressFacts(values)) {
      if (known.some((a) => a.kind === fact.kind && sameAddress(a.text, fact.text))) continue;
      for (const a of known) {
        if (a.kind === fact.kind && undecidable(a, asOf)) {
          out.push(`другой адрес ${ADDRESS_WORDS[a.kind] ?? a.kind} на ту же дату: в реестре «${a.text}», в списке «${fact.text}»`);
        }
      }
    }
  }
  if (kind.claim.type === 'condition' && kind.claim.kind === 'health') {
    for (const st of studies) out.push(`по данным реестра обучается в ${st.org}`);
  }
  if (kind.claim.type === 'form') {
    const form = sqlite.prepare(`SELECT form FROM education_forms WHERE child_id = ? AND ${openSql('')} ORDER BY id DESC LIMIT 1`).pluck().get(childId) as string | undefined;
    if (form && form !== kind.claim.form) out.push('в реестре указана другая форма получения образования');
  }
  return out;
}

interface Effect {
  table: string;
  id: number;
  validTo: null;
}

type AddressFact = Extract<Fact, { type: 'address' }>;

/** The addresses one row brings. */
function addressFacts(v: ListRowValues): AddressFact[] {
  const facts: AddressFact[] = [];
  const addr = (k: 'registration' | 'actual', text: string | null) => {
    if (text) facts.push({ type: 'address', kind: k, text, locality: null, street: null, house: null, building: null, flat: null, validFrom: null });
  };
  addr('registration', v.addressRegistration ?? v.addressResidence);
  if (v.addressRegistration && v.addressResidence && v.addressResidence !== v.addressRegistration) addr('actual', v.addressResidence);
  addr('actual', v.addressActual);
  return facts;
}

/** The facts one row brings: its addresses, what the list kind claims, and the form of education if a column says it. */
function factsOf(v: ListRowValues, kind: ListKind, orgId: number): Fact[] {
  const facts: Fact[] = addressFacts(v);
  const c = kind.claim;
  if (c.type === 'study') {
    facts.push({ type: 'study', orgId, classLabel: v.classLabel, validFrom: v.enrolOrderDate, enrolOrderNumber: v.enrolOrderNumber, enrolOrderDate: v.enrolOrderDate });
  }
  if (c.type === 'form') facts.push({ type: 'form', form: c.form, basis: 'заявление родителей (законных представителей)', basisDate: null, notifiedAt: null, attestationOrgId: null, validFrom: null });
  else if (v.educationForm) facts.push({ type: 'form', form: v.educationForm, basis: null, basisDate: null, notifiedAt: null, attestationOrgId: null, validFrom: null });
  if (c.type === 'flag') facts.push({ type: 'flag', kind: c.kind, note: null, validFrom: null });
  if (c.type === 'condition') facts.push({ type: 'condition', kind: c.kind, note: null, validFrom: null });
  return facts;
}

const norm = (s: unknown) => String(s ?? '').toLowerCase().replace(/ё/g, 'е').replace(/[\s.,]+/g, ' ').trim();

/**
 * Applies a draft in one transaction. Facts the registry already has (same kind, same value, still current)
 * are not added again, so a list imported twice, or corrected and imported again, adds nothing twice. A new
 * class in the same organization ends the old class the day before the list's date.
 */
export function apply(ctx: CallContext, input: ParsedInput<'intake.apply'>): CallOutput<'intake.apply'> {
  const { open, user } = ctx.session();
  const { sqlite } = open;
  const s = draft(ctx, input.submissionId);
  const kind = listKind(ctx, s.list_kind);
  const pending = summary(ctx, s.id).counts;
  if (pending.errors > 0 || pending.undecided > 0) {
    const parts = [];
    if (pending.errors) parts.push(`${pending.errors} ${plural(pending.errors, 'строка', 'строки', 'строк')} с ошибками (исправьте или не принимайте)`);
    if (pending.undecided) parts.push(`${pending.undecided} ${plural(pending.undecided, 'строка ждёт', 'строки ждут', 'строк ждут')} решения на проверке`);
    throw new ApiError('CONFLICT', `Список не применён: ${parts.join('; ')}.`);
  }
  const rows = sqlite
    .prepare('SELECT id, row_no AS rowNo, vals, decision, child_id AS childId, same_as_row AS sameAsRow FROM submission_rows WHERE submission_id = ? AND NOT excluded AND NOT has_errors ORDER BY row_no')
    .all(s.id) as { id: number; rowNo: number; vals: string; decision: string; childId: number | null; sameAsRow: number | null }[];
  ctx.target('submission', s.id, { rows: rows.length, kind: s.list_kind });

  ctx.tx(() => {
    const sourceId = createSource(sqlite, { kind: 'list', userLogin: user.login, orgId: s.org_id, title: kind.title, asOf: s.as_of, submissionId: s.id });
    const writer = new RegistryWriter(sqlite, ctx.today());
    const setChild = sqlite.prepare('UPDATE submission_rows SET child_id = ? WHERE id = ?');
    const confirm = sqlite.prepare('INSERT INTO fact_confirmations (fact_table, fact_id, source_id) VALUES (?, ?, ?)');
    const endFact: Record<string, Database.Statement> = Object.fromEntries(
      ['studies', 'addresses'].map((t) => [t, sqlite.prepare(`UPDATE ${t} SET valid_to = ?, ended_by_source = ?, ended_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE id = ?`)]),
    );
    const childOfRow = new Map<number, number>();
    // A card merged into another since its row was linked: the row's facts go to the card it was merged into.
    const mergedSince = recordOwners(sqlite, rows.flatMap((r) => (r.childId === null ? [] : [r.childId])));
    const effects: Effect[] = [];
    for (const r of rows) {
      const v = JSON.parse(r.vals) as ListRowValues;
      const linked = r.childId === null ? null : (mergedSince.get(r.childId) ?? r.childId);
      let childId = linked ?? (r.sameAsRow !== null ? (childOfRow.get(r.sameAsRow) ?? null) : null);
      if (childId === null) {
        childId = writer.addChild(
          {
            surname: v.surname!,
            name: v.name!,
            patronymic: v.patronymic,
            birthDate: v.birthDate!,
            gender: v.gender,
            snils: v.snils,
            birthCertSeries: v.birthCertSeries,
            birthCertNumber: v.birthCertNumber,
            hasSecondaryGeneral: false,
          },
          [],
          sourceId,
        );
      }
      childOfRow.set(r.rowNo, childId);
      if (r.childId !== childId) setChild.run(childId, r.id);
      for (const fact of factsOf(v, kind, s.org_id)) {
        const known = alreadyKnown(sqlite, childId, fact);
        if (known !== null) {
          // Said again by this list: a confirmation the card shows — unless the enrolment order differs (a conflict, shown before apply).
          const sameOrder = fact.type !== 'study' || !fact.enrolOrderNumber || known.enrolOrderNumber === null || orderKey(known.enrolOrderNumber) === orderKey(fact.enrolOrderNumber);
          if (sameOrder) confirm.run(FACT_TABLES[fact.type].table, known.id, sourceId);
          continue;
        }
        if (fact.type === 'study') {
          // The same organization says a new class: the old class ends the day before the list's date.
          const old = sqlite.prepare(`SELECT id FROM studies WHERE child_id = ? AND org_id = ? AND ${openSql('')}`).pluck().all(childId, fact.orgId) as number[];
          for (const id of old) {
            endFact.studies!.run(addDays(s.as_of, -1), sourceId, id);
            effects.push({ table: 'studies', id, validTo: null });
          }
          if (!fact.validFrom) fact.validFrom = old.length ? s.as_of : null;
        }
        if (fact.type === 'address') {
          // One current address of a kind: a newer list's address ends the older one (kept in history, this list
          // the reason); an older list's address goes into history only; the same date cannot decide (a conflict).
          const same = currentAddresses(sqlite, childId).filter((a) => a.kind === fact.kind);
          if (same.some((a) => undecidable(a, s.as_of))) continue;
          // A typed fact of the list's own day stands too: the list does not override it.
          const newer = same.filter((a) => a.factDate >= s.as_of);
          if (newer.length > 0) {
            const id = writer.addFact(childId, fact, sourceId);
            const until = newer.map((a) => a.factDate).sort()[0]!;
            endFact.addresses!.run(addDays(until, -1), null, id);
            continue;
          }
          for (const a of same) {
            endFact.addresses!.run(addDays(s.as_of, -1), sourceId, a.id);
            effects.push({ table: 'addresses', id: a.id, validTo: null });
          }
        }
        writer.addFact(childId, fact, sourceId);
      }
      writer.refreshCurrent(childId);
    }
    sqlite
      .prepare("UPDATE submissions SET status = 'applied', source_id = ?, effects = ?, applied_at = strftime('%Y-%m-%dT%H:%M:%fZ','now'), applied_by = ? WHERE id = ?")
      .run(sourceId, JSON.stringify(effects), user.login, s.id);
  });
  return summary(ctx, s.id);
}

/** The child's current fact with this value (its id, and its enrolment order for a study), or null. */
function alreadyKnown(sqlite: Database.Database, childId: number, fact: Fact): { id: number; enrolOrderNumber: string | null } | null {
  const { table } = FACT_TABLES[fact.type];
  const rows = sqlite.prepare(`SELECT * FROM ${table} WHERE child_id = ? AND ${openSql('')}`).all(childId) as Record<string, unknown>[];
  const hit = rows.find((r) => {
    switch (fact.type) {
      case 'address':
        return r.kind === fact.kind && sameAddress(String(r.text), fact.text);
      case 'study':
        return r.org_id === fact.orgId && norm(r.class_label) === norm(fact.classLabel);
      case 'form':
        return r.form === fact.form;
      case 'flag':
      case 'condition':
        return r.kind === fact.kind;
      default:
        return false;
    }
  });
  return hit ? { id: hit.id as number, enrolOrderNumber: (hit.enrol_order_number as string | null | undefined) ?? null } : null;
}

/**
 * Undoes an applied list: every fact it brought is withdrawn (kept, marked), periods it ended are reopened,
 * and children it created that nothing else names are marked removed. Audited like every change.
 */
export function undo(ctx: CallContext, input: ParsedInput<'intake.undo'>): CallOutput<'intake.undo'> {
  const { open, user } = ctx.session();
  const { sqlite } = open;
  const s = submissionRow(sqlite, input.submissionId);
  if (s.status !== 'applied' || s.source_id === null) throw new ApiError('CONFLICT', 'Отменить можно только применённый список.');
  const sourceId = s.source_id;
  let withdrawnFacts = 0;
  let removedChildren = 0;
  ctx.target('submission', s.id);
  ctx.tx(() => {
    const touched = new Set<number>();
    for (const { table } of Object.values(FACT_TABLES)) {
      for (const id of sqlite.prepare(`SELECT child_id FROM ${table} WHERE source_id = ? AND withdrawn_at IS NULL`).pluck().all(sourceId) as number[]) touched.add(id);
      withdrawnFacts += sqlite.prepare(`UPDATE ${table} SET withdrawn_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE source_id = ? AND withdrawn_at IS NULL`).run(sourceId).changes;
    }
    for (const e of JSON.parse(s.effects) as Effect[]) {
      // Periods this list ended (an old class, an older address) are open again.
      if (e.table === 'studies' || e.table === 'addresses') sqlite.prepare(`UPDATE ${e.table} SET valid_to = NULL, ended_at = NULL, ended_by_source = NULL WHERE id = ?`).run(e.id);
    }
    sqlite.prepare("UPDATE fact_confirmations SET withdrawn_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE source_id = ? AND withdrawn_at IS NULL").run(sourceId);
    const created = sqlite.prepare("SELECT id FROM children WHERE source_id = ? AND status = 'active'").pluck().all(sourceId) as number[];
    for (const childId of created) {
      touched.add(childId);
      const namedElsewhere =
        Object.values(FACT_TABLES).some(({ table }) => sqlite.prepare(`SELECT 1 FROM ${table} WHERE child_id = ? AND withdrawn_at IS NULL`).get(childId)) ||
        sqlite.prepare("SELECT 1 FROM submission_rows r JOIN submissions x ON x.id = r.submission_id WHERE r.child_id = ? AND x.id != ? AND x.status IN ('applied', 'draft')").get(childId, s.id) ||
        sqlite.prepare('SELECT 1 FROM child_versions WHERE child_id = ?').get(childId) ||
        sqlite.prepare('SELECT 1 FROM merges WHERE kept_id = ? OR merged_id = ?').get(childId, childId);
      if (!namedElsewhere) {
        sqlite.prepare("UPDATE children SET status = 'removed', updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE id = ?").run(childId);
        removedChildren += 1;
      }
    }
    const writer = new RegistryWriter(sqlite, ctx.today());
    for (const childId of touched) writer.refreshCurrent(childId);
    sqlite.prepare("UPDATE submissions SET status = 'undone', undone_at = strftime('%Y-%m-%dT%H:%M:%fZ','now'), undone_by = ? WHERE id = ?").run(user.login, s.id);
  });
  return { ...summary(ctx, s.id), withdrawnFacts, removedChildren };
}
