import type Database from 'better-sqlite3';
import { addDays } from '../../../shared/domain/dates';
import { ApiError } from '../../../shared/api/errors';
import type { CallOutput, ParsedInput } from '../../../shared/api/contract';
import type { Fact } from '../../../shared/api/registry';
import type { ListRowValues } from '../../../shared/intake/listRow';
import type { ListKind } from '../../../shared/profiles';
import { plural } from '../../../shared/text';
import type { CallContext } from '../context';
import { FACT_TABLES, RegistryWriter, createSource } from '../registry/write';
import { draft, listKind, submissionRow, summary } from './service';

const ACTIVE = 'valid_to IS NULL AND superseded_by IS NULL AND withdrawn_at IS NULL';

/** What applying the row would contradict in the registry: shown to the person, never overwritten. */
export function conflictsFor(sqlite: Database.Database, childId: number, orgId: number, kind: ListKind): string[] {
  const out: string[] = [];
  const studies = sqlite
    .prepare(`SELECT s.org_id AS orgId, o.short_name AS org FROM studies s JOIN organizations o ON o.id = s.org_id WHERE s.child_id = ? AND s.${ACTIVE}`)
    .all(childId) as { orgId: number; org: string }[];
  if (kind.claim.type === 'study') {
    for (const st of studies) if (st.orgId !== orgId) out.push(`уже обучается в ${st.org}: две организации считают ребёнка своим`);
    const health = sqlite.prepare(`SELECT 1 FROM conditions WHERE child_id = ? AND kind = 'health' AND ${ACTIVE}`).get(childId);
    if (health) out.push('в реестре отмечен как не обучающийся по состоянию здоровья');
  }
  if (kind.claim.type === 'condition' && kind.claim.kind === 'health') {
    for (const st of studies) out.push(`по данным реестра обучается в ${st.org}`);
  }
  if (kind.claim.type === 'form') {
    const form = sqlite.prepare(`SELECT form FROM education_forms WHERE child_id = ? AND ${ACTIVE} ORDER BY id DESC LIMIT 1`).pluck().get(childId) as string | undefined;
    if (form && form !== kind.claim.form) out.push('в реестре указана другая форма получения образования');
  }
  return out;
}

interface Effect {
  table: string;
  id: number;
  validTo: null;
}

/** The facts one row brings: its addresses, what the list kind claims, and the form of education if a column says it. */
function factsOf(v: ListRowValues, kind: ListKind, orgId: number): Fact[] {
  const facts: Fact[] = [];
  const addr = (k: 'registration' | 'actual', text: string | null) => {
    if (text) facts.push({ type: 'address', kind: k, text, locality: null, street: null, house: null, building: null, flat: null, validFrom: null });
  };
  addr('registration', v.addressRegistration ?? v.addressResidence);
  if (v.addressRegistration && v.addressResidence && v.addressResidence !== v.addressRegistration) addr('actual', v.addressResidence);
  addr('actual', v.addressActual);
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
    const writer = new RegistryWriter(sqlite);
    const setChild = sqlite.prepare('UPDATE submission_rows SET child_id = ? WHERE id = ?');
    const childOfRow = new Map<number, number>();
    const effects: Effect[] = [];
    for (const r of rows) {
      const v = JSON.parse(r.vals) as ListRowValues;
      let childId = r.childId ?? (r.sameAsRow !== null ? (childOfRow.get(r.sameAsRow) ?? null) : null);
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
        if (alreadyKnown(sqlite, childId, fact)) continue;
        if (fact.type === 'study') {
          // The same organization says a new class: the old class ends the day before the list's date.
          const old = sqlite.prepare(`SELECT id FROM studies WHERE child_id = ? AND org_id = ? AND ${ACTIVE}`).pluck().all(childId, fact.orgId) as number[];
          for (const id of old) {
            sqlite.prepare("UPDATE studies SET valid_to = ?, ended_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE id = ?").run(addDays(s.as_of, -1), id);
            effects.push({ table: 'studies', id, validTo: null });
          }
          if (!fact.validFrom) fact.validFrom = old.length ? s.as_of : null;
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

/** Whether the child already has this fact, current, with the same value. */
function alreadyKnown(sqlite: Database.Database, childId: number, fact: Fact): boolean {
  const { table } = FACT_TABLES[fact.type];
  const rows = sqlite.prepare(`SELECT * FROM ${table} WHERE child_id = ? AND ${ACTIVE}`).all(childId) as Record<string, unknown>[];
  return rows.some((r) => {
    switch (fact.type) {
      case 'address':
        return r.kind === fact.kind && norm(r.text) === norm(fact.text);
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
      if (e.table === 'studies') sqlite.prepare('UPDATE studies SET valid_to = NULL, ended_at = NULL WHERE id = ?').run(e.id);
    }
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
    const writer = new RegistryWriter(sqlite);
    for (const childId of touched) writer.refreshCurrent(childId);
    sqlite.prepare("UPDATE submissions SET status = 'undone', undone_at = strftime('%Y-%m-%dT%H:%M:%fZ','now'), undone_by = ? WHERE id = ?").run(user.login, s.id);
  });
  return { ...summary(ctx, s.id), withdrawnFacts, removedChildren };
}
