import type Database from 'better-sqlite3';
import { formatRuDate } from '../../../shared/domain/dates';
import { educationFormLabel, isEducationFormId } from '../../../shared/domain/educationForms';
import { formatPhone } from '../../../shared/domain/phone';
import { formatSnils } from '../../../shared/domain/snils';
import {
  ADDRESS_KIND_LABELS,
  CONDITION_LABELS,
  FACT_TYPES,
  FLAG_LABELS,
  RELATION_LABELS,
  type ChildCard,
  type ChildRecord,
  type FactRow,
  type FactType,
  type SourceInfo,
} from '../../../shared/api/registry';
import { ApiError } from '../../../shared/api/errors';
import { isInForce } from '../../../shared/domain/inForce';
import { assertMayReadChild, readerScope } from '../access';
import type { CallContext } from '../context';
import { carriedByMerge } from './mergeRecords';
import { FACT_TABLES, camel } from './write';

const FIELD_LABELS: Record<string, string> = {
  surname: 'фамилия',
  name: 'имя',
  patronymic: 'отчество',
  birthDate: 'дата рождения',
  gender: 'пол',
  snils: 'СНИЛС',
  birthCertSeries: 'серия свидетельства',
  birthCertNumber: 'номер свидетельства',
  hasSecondaryGeneral: 'среднее общее образование',
};
export { FIELD_LABELS };

interface SourceRow {
  id: number;
  kind: SourceInfo['kind'];
  userLogin: string;
  userName: string | null;
  submissionId: number | null;
  orgName: string | null;
  title: string | null;
  asOf: string | null;
  createdAt: string;
}

export function sourceLabel(s: Omit<SourceInfo, 'label'>): string {
  const when = formatRuDate(s.createdAt.slice(0, 10));
  // The person, as the users list names them; the login only when the user is not in it.
  const who = s.userName || s.userLogin;
  switch (s.kind) {
    case 'manual':
      return `Введено вручную: ${who}, ${when}`;
    case 'list':
      if (s.submissionId) {
        // «Список № 3 от 01.09.2026»: the number and date by which the list is found in «Списки».
        return `Список № ${s.submissionId} от ${s.asOf ? formatRuDate(s.asOf) : when}: «${s.title ?? 'без названия'}»${s.orgName ? `, ${s.orgName}` : ''}`;
      }
      return `Список «${s.title ?? 'без названия'}»${s.orgName ? ` от ${s.orgName}` : ''}${s.asOf ? `, по состоянию на ${formatRuDate(s.asOf)}` : ''}`;
    case 'merge':
      return `Объединение карточек: ${who}, ${when}`;
    case 'demo':
      return 'Демонстрационные данные';
  }
}

function sourcesById(sqlite: Database.Database, ids: number[]): Map<number, SourceInfo> {
  const unique = [...new Set(ids.filter((i) => i !== null))];
  if (!unique.length) return new Map();
  const rows = sqlite
    .prepare(
      `SELECT s.id, s.kind, s.user_login AS userLogin, u.display_name AS userName, o.short_name AS orgName, s.title, s.as_of AS asOf,
        s.submission_id AS submissionId, s.created_at AS createdAt
       FROM sources s LEFT JOIN organizations o ON o.id = s.org_id LEFT JOIN users u ON u.login = s.user_login
       WHERE s.id IN (SELECT value FROM json_each(?))`,
    )
    .all(JSON.stringify(unique)) as SourceRow[];
  return new Map(rows.map((r) => [r.id, { ...r, label: sourceLabel(r) }]));
}

export function orgNames(sqlite: Database.Database): Map<number, string> {
  const rows = sqlite.prepare('SELECT id, short_name AS n FROM organizations').all() as { id: number; n: string }[];
  return new Map(rows.map((r) => [r.id, r.n]));
}

/** A fact in one Russian line, as a person reads it on the card and in the timeline. */
export function factSummary(type: FactType, d: Record<string, unknown>, orgs: Map<number, string>): string {
  const org = (id: unknown) => (typeof id === 'number' ? (orgs.get(id) ?? `организация № ${id}`) : '');
  const date = (v: unknown) => (typeof v === 'string' && v ? formatRuDate(v) : '');
  const parts = (...xs: (string | false | null | undefined)[]) => xs.filter(Boolean).join(', ');
  switch (type) {
    case 'address':
      return `${ADDRESS_KIND_LABELS[d.kind as keyof typeof ADDRESS_KIND_LABELS] ?? d.kind}: ${d.text}`;
    case 'representative':
      return parts(`${RELATION_LABELS[d.relation as keyof typeof RELATION_LABELS] ?? d.relation}: ${[d.surname, d.name, d.patronymic].filter(Boolean).join(' ')}`, typeof d.phone === 'string' && d.phone ? `тел. ${formatPhone(d.phone)}` : null);
    case 'study':
      return parts(
        `Обучается: ${org(d.orgId)}`,
        d.classLabel ? `класс/группа ${d.classLabel}` : null,
        d.enrolOrderNumber ? `приказ о зачислении № ${d.enrolOrderNumber}${d.enrolOrderDate ? ` от ${date(d.enrolOrderDate)}` : ''}` : null,
        d.leaveOrderNumber ? `приказ об отчислении № ${d.leaveOrderNumber}${d.leaveOrderDate ? ` от ${date(d.leaveOrderDate)}` : ''}` : null,
        d.leaveReason ? `причина: ${d.leaveReason}` : null,
      );
    case 'form':
      return parts(
        `Форма получения образования: ${isEducationFormId(d.form) ? educationFormLabel(d.form) : String(d.form)}`,
        d.basis ? `основание: ${d.basis}${d.basisDate ? ` от ${date(d.basisDate)}` : ''}` : null,
        d.notifiedAt ? `уведомление от ${date(d.notifiedAt)}` : null,
        d.attestationOrgId ? `аттестация: ${org(d.attestationOrgId)}` : null,
      );
    case 'attestation':
      return parts(`Аттестация ${date(d.date)}: ${d.result}`, d.orgId ? org(d.orgId) : null);
    case 'condition':
      return parts(CONDITION_LABELS[d.kind as keyof typeof CONDITION_LABELS] ?? String(d.kind), d.note as string);
    case 'flag':
      return parts(FLAG_LABELS[d.kind as keyof typeof FLAG_LABELS] ?? String(d.kind), d.note as string);
  }
}

/** A person field's value as the card shows it. */
function personValue(field: string, v: unknown): string {
  if (v === null || v === undefined || v === '') {
    return field === 'snils' || field === 'gender' ? 'не указан' : field === 'birthDate' ? 'не указана' : field === 'hasSecondaryGeneral' ? 'нет' : 'не указано';
  }
  if (field === 'birthDate' && typeof v === 'string') return formatRuDate(v);
  if (field === 'snils' && typeof v === 'string') return formatSnils(v) ?? v;
  if (field === 'gender') return v === 'm' ? 'мужской' : v === 'f' ? 'женский' : String(v);
  if (typeof v === 'boolean' || typeof v === 'number') return field === 'hasSecondaryGeneral' ? (v ? 'есть' : 'нет') : String(v);
  return String(v);
}

const COMMON = ['id', 'child_id', 'valid_from', 'valid_to', 'source_id', 'recorded_at', 'superseded_by', 'withdrawn_at', 'ended_at', 'ended_by_source'];

export function childRecord(sqlite: Database.Database, id: number): (ChildRecord & { curOrgId: number | null; curClass: string | null; curForm: string | null; sourceId: number | null }) | undefined {
  const row = sqlite
    .prepare(
      `SELECT id, surname, name, patronymic, birth_date AS birthDate, gender, snils, birth_cert_series AS birthCertSeries,
        birth_cert_number AS birthCertNumber, has_secondary_general AS hasSecondaryGeneral, status, merged_into AS mergedInto,
        version, created_at AS createdAt, updated_at AS updatedAt, cur_org_id AS curOrgId, cur_class AS curClass, cur_form AS curForm,
        source_id AS sourceId
       FROM children WHERE id = ?`,
    )
    .get(id) as (ChildRecord & { hasSecondaryGeneral: number | boolean; curOrgId: number | null; curClass: string | null; curForm: string | null; sourceId: number | null }) | undefined;
  if (!row) return undefined;
  return { ...row, hasSecondaryGeneral: Boolean(row.hasSecondaryGeneral) };
}

/**
 * The card as the calling user may read it (access.ts decides). `scopeChecked`: the caller already checked the
 * scope before a change that may have moved the child out of it.
 */
export function buildCard(ctx: CallContext, id: number, scopeChecked = false): ChildCard {
  const { open, user } = ctx.session();
  const { sqlite } = open;
  const scope = readerScope(ctx);
  const today = ctx.today();
  const child = childRecord(sqlite, id);
  if (!child) throw new ApiError('NOT_FOUND', 'Ребёнок не найден');
  if (!scopeChecked) assertMayReadChild(user, child.curOrgId);
  const sensitive = scope.flags;
  const orgs = orgNames(sqlite);

  const raw: { type: FactType; row: Record<string, unknown> }[] = [];
  for (const type of FACT_TYPES) {
    if (type === 'flag' && !sensitive) continue;
    const { table } = FACT_TABLES[type];
    for (const row of sqlite.prepare(`SELECT * FROM ${table} WHERE child_id = ? ORDER BY coalesce(valid_from, recorded_at), id`).all(id) as Record<string, unknown>[]) {
      raw.push({ type, row });
    }
  }
  const versions = sqlite.prepare('SELECT data, changed, source_id AS sourceId, recorded_at AS recordedAt FROM child_versions WHERE child_id = ? ORDER BY id').all(id) as {
    data: string;
    changed: string;
    sourceId: number | null;
    recordedAt: string;
  }[];
  // Lists that confirmed a fact (issue 8), by table and fact id.
  const confirmations = sqlite
    .prepare(
      `SELECT fact_table AS t, fact_id AS f, source_id AS s FROM fact_confirmations WHERE withdrawn_at IS NULL AND fact_id IN (SELECT value FROM json_each(?)) ORDER BY id`,
    )
    .all(JSON.stringify(raw.map((r) => r.row.id))) as { t: string; f: number; s: number }[];
  const sources = sourcesById(sqlite, [
    child.sourceId ?? 0,
    ...raw.map((r) => r.row.source_id as number),
    ...raw.map((r) => (r.row.ended_by_source as number | null) ?? 0),
    ...confirmations.map((c) => c.s),
    ...versions.map((v) => v.sourceId ?? 0),
  ]);

  const facts: (FactRow & { endedAt: string | null })[] = raw.map(({ type, row }) => {
    const data: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(row)) if (!COMMON.includes(k)) data[camel(k)] = v;
    const validTo = row.valid_to as string | null;
    const supersededBy = row.superseded_by as number | null;
    const withdrawnAt = row.withdrawn_at as string | null;
    return {
      id: row.id as number,
      type,
      validFrom: row.valid_from as string | null,
      validTo,
      recordedAt: row.recorded_at as string,
      supersededBy,
      withdrawnAt,
      endedAt: (row.ended_at as string | null) ?? null,
      current: isInForce({ validFrom: row.valid_from as string | null, validTo, supersededBy, withdrawnAt }, today),
      data,
      summary: factSummary(type, data, orgs),
      source: sources.get(row.source_id as number) ?? null,
      confirmedBy: confirmations.filter((c) => c.t === FACT_TABLES[type].table && c.f === row.id).flatMap((c) => sources.get(c.s) ?? []),
      endedBy: sources.get((row.ended_by_source as number | null) ?? 0) ?? null,
    };
  });

  const timeline: ChildCard['timeline'] = [{ at: child.createdAt, text: 'Карточка создана', source: sources.get(child.sourceId ?? 0) ?? null }];
  // Each version keeps the fields as they were before the change; the value after is the next version's, or today's.
  // The values are the child's own data, shown to whoever may read this card (assertMayReadChild above).
  const person = child as unknown as Record<string, unknown>;
  versions.forEach((v, i) => {
    const changed = JSON.parse(v.changed) as string[];
    const before = JSON.parse(v.data) as Record<string, unknown>;
    const after = i + 1 < versions.length ? (JSON.parse((versions[i + 1] as { data: string }).data) as Record<string, unknown>) : person;
    timeline.push({
      at: v.recordedAt,
      text: `Изменено: ${changed.map((f) => FIELD_LABELS[f] ?? f).join(', ')}`,
      source: sources.get(v.sourceId ?? 0) ?? null,
      changes: changed.map((f) => ({ field: f, label: FIELD_LABELS[f] ?? f, before: personValue(f, before[f]), after: personValue(f, after[f]) })),
    });
  });
  for (const f of facts) {
    timeline.push({ at: f.recordedAt, text: `${f.summary}${f.validFrom ? ` (с ${formatRuDate(f.validFrom)})` : ''}`, source: f.source });
    // Placed at the moment someone ended it (ended_at); without one, at the start of its last day.
    if (f.validTo) timeline.push({ at: f.endedAt ?? `${f.validTo}T00:00:00.000Z`, text: `Окончено ${formatRuDate(f.validTo)}: ${f.summary}`, source: f.source });
    if (f.withdrawnAt) timeline.push({ at: f.withdrawnAt, text: `Отозвано (список отменён): ${f.summary}`, source: f.source });
  }
  const mergeRows = sqlite
    .prepare('SELECT id, kept_id AS keptId, merged_id AS mergedId, merged_at AS mergedAt, undone_at AS undoneAt, snapshot FROM merges WHERE kept_id = ? OR merged_id = ? ORDER BY id')
    .all(id, id) as (ChildCard['merges'][number] & { snapshot: string })[];
  const merges: ChildCard['merges'] = mergeRows.map(({ snapshot: _s, ...m }) => m);
  for (const m of mergeRows) {
    // While the merge stands, the kept card's history says what came with the merged card.
    const carried = m.keptId === id && !m.undoneAt ? carriedByMerge(sqlite, m.mergedId, m.snapshot, scope.registerCards) : '';
    const text = m.keptId === id ? `Присоединена карточка № ${m.mergedId}${carried ? `: ${carried}` : ''}` : `Карточка объединена с № ${m.keptId}`;
    timeline.push({ at: m.mergedAt, text, source: null });
    if (m.undoneAt) timeline.push({ at: m.undoneAt, text: `Объединение с карточкой № ${m.keptId === id ? m.mergedId : m.keptId} отменено`, source: null });
  }
  // Newest first; entries of the same moment keep the order they happened in (the card's creation last).
  const order = new Map(timeline.map((t, i) => [t, i]));
  timeline.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : order.get(b)! - order.get(a)!));

  const { curOrgId, curClass, curForm, sourceId: _s, ...record } = child;
  return {
    // endedAt orders the timeline; the card's facts keep the contract's shape.
    child: record,
    current: { orgId: curOrgId, orgName: curOrgId ? (orgs.get(curOrgId) ?? null) : null, classLabel: curClass, form: isEducationFormId(curForm) ? curForm : null },
    facts: facts.map(({ endedAt: _e, ...f }) => f),
    timeline,
    flagsHidden: !sensitive,
    merges,
  };
}
