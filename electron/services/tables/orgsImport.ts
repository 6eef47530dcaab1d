import type Database from 'better-sqlite3';
import { ApiError } from '../../../shared/api/errors';
import type { CallOutput, ParsedInput } from '../../../shared/api/contract';
import type { OrgImportRow } from '../../../shared/api/territories';
import { ORG_KINDS, ORG_KIND_LABELS, type OrgKind } from '../../../shared/profiles/types';
import type { CallContext } from '../context';
import { runReadTable } from '../intake/inWorker';
import { findTable, type ColumnRule } from './recognize';

// The municipality's organizations from a spreadsheet (issue 10, point 4): a real district starts with none, and a
// list cannot be taken in before its sender exists. Checked row by row, shown, then applied all or nothing; the same
// organization again (by ИНН, else by short name) is updated, never added twice.

type OrgField = 'kind' | 'fullName' | 'shortName' | 'address' | 'headPosition' | 'headName' | 'inn';

const ORG_COLUMNS: readonly ColumnRule<OrgField>[] = [
  { field: 'inn', label: 'ИНН', match: (h) => h.word('инн') },
  { field: 'headPosition', label: 'Должность руководителя', match: (h) => h.has('должност') },
  { field: 'headName', label: 'ФИО руководителя', match: (h) => h.word('фио') || h.has('руководител') || h.has('директор') || h.has('заведующ') },
  { field: 'shortName', label: 'Краткое наименование', match: (h) => (h.has('кратк') || h.has('сокращ')) && (h.has('наимен') || h.has('назван')) },
  { field: 'fullName', label: 'Полное наименование', match: (h) => h.has('наимен') || h.has('назван') || h.word('организация') || h.word('учреждение') },
  { field: 'kind', label: 'Вид организации', match: (h) => h.word('вид') || h.word('тип') || h.has('категор') },
  { field: 'address', label: 'Адрес', match: (h) => h.has('адрес') || h.has('местонахожд') },
];

/** The kind as people write it: «школа», «СОШ», «детский сад», «ДОУ», «колледж», «ПДН», or the label itself. */
export function parseOrgKind(text: string, name = ''): OrgKind | null {
  const t = text.toLowerCase().replace(/ё/gu, 'е').trim();
  for (const k of ORG_KINDS) if (t === k || t === ORG_KIND_LABELS[k].toLowerCase().replace(/ё/gu, 'е')) return k;
  const probe = (s: string): OrgKind | null => {
    if (/колледж|техникум|профессиональн|училищ|поо\b|гбпоу|гапоу/u.test(s)) return 'college';
    if (/детск\S* сад|дошкольн|\bдоу\b|\bдоо\b|\bмбдоу\b|\bмадоу\b|ясли/u.test(s)) return 'kindergarten';
    if (/школ|общеобразоват|\bсош\b|\bоош\b|\bсш\b|гимнази|лице|\bмбоу\b|\bмаоу\b|\bмоу\b|\bоо\b/u.test(s)) return 'school';
    if (/полици|\bпдн\b|\bмвд\b|\bомвд\b|участков|внутренн/u.test(s)) return 'police';
    if (/миграц/u.test(s)) return 'migration';
    if (/кдн|комисси/u.test(s)) return 'commission';
    if (/больниц|поликлиник|здравоохр|\bцрб\b|медицин/u.test(s)) return 'hospital';
    if (/социальн|опек|соцзащ/u.test(s)) return 'social';
    if (/отдел|управлени|департамент|комитет/u.test(s) && /образован/u.test(s)) return 'department';
    if (/^(ин|друг|прочая?|иная)/u.test(s)) return 'other';
    return null;
  };
  return probe(t) ?? (t === '' ? probe(name.toLowerCase().replace(/ё/gu, 'е')) : null);
}

const innOk = (inn: string): boolean => {
  const d = inn.split('').map(Number);
  const sum = (w: number[], n: number) => (w.reduce((s, x, i) => s + x * d[i]!, 0) % 11) % 10 === d[n];
  if (d.length === 10) return sum([2, 4, 10, 3, 5, 9, 4, 6, 8], 9);
  if (d.length === 12) return sum([7, 2, 4, 10, 3, 5, 9, 4, 6, 8], 10) && sum([3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8], 11);
  return false;
};

const normName = (s: string) => s.toLowerCase().replace(/ё/gu, 'е').replace(/[«»"“”'„]/gu, '').replace(/\s+/gu, ' ').trim();

interface Existing {
  id: number;
  kind: string;
  full_name: string;
  short_name: string;
  address: string;
  head_position: string;
  head_name: string;
  inn: string | null;
}

const FIELD_LABEL: Record<string, string> = { kind: 'вид', fullName: 'полное наименование', shortName: 'краткое наименование', address: 'адрес', headPosition: 'должность руководителя', headName: 'руководитель', inn: 'ИНН' };

async function readOrgFile(sqlite: Database.Database, input: ParsedInput<'orgs.importPreview'>): Promise<CallOutput<'orgs.importPreview'>> {
  const rows = await runReadTable(input.fileName, input.base64);
  const table = findTable(input.fileName, rows, ORG_COLUMNS, ['fullName']);
  const col = (f: OrgField) => table.columnName[f] ?? ORG_COLUMNS.find((r) => r.field === f)!.label;
  const existing = sqlite.prepare('SELECT id, kind, full_name, short_name, address, head_position, head_name, inn FROM organizations').all() as Existing[];
  const byInn = new Map(existing.filter((o) => o.inn).map((o) => [o.inn!, o]));
  const byShort = new Map<string, Existing[]>();
  for (const o of existing) byShort.set(normName(o.short_name), [...(byShort.get(normName(o.short_name)) ?? []), o]);
  const seenInn = new Map<string, number>();
  const seenShort = new Map<string, number>();
  const out: OrgImportRow[] = [];
  for (const r of table.rows) {
    const errors: { column: string; message: string }[] = [];
    const fullName = r.get('fullName');
    const shortName = r.get('shortName') || fullName;
    const inn = r.get('inn').replace(/\s+/gu, '');
    const kindText = r.get('kind');
    const kind = parseOrgKind(kindText, `${fullName} ${shortName}`);
    if (fullName === '') errors.push({ column: col('fullName'), message: 'Не заполнено наименование организации' });
    if (fullName.length > 1000) errors.push({ column: col('fullName'), message: 'Наименование длиннее 1000 символов' });
    if (shortName.length > 200) errors.push({ column: col('shortName'), message: 'Краткое наименование длиннее 200 символов' });
    if (kind === null) {
      errors.push({
        column: col('kind'),
        message: kindText === '' ? 'Не указан вид организации, и по названию его не понять: напишите «школа», «детский сад», «колледж», «ПДН»…' : `Вид «${kindText}» не понят: напишите «школа», «детский сад», «колледж», «ПДН», «КДН», «больница», «соцзащита»…`,
      });
    }
    if (inn !== '' && !/^\d{10}(\d{2})?$/u.test(inn)) errors.push({ column: col('inn'), message: `ИНН «${inn}»: должно быть 10 цифр (организация) или 12` });
    else if (inn !== '' && !innOk(inn)) errors.push({ column: col('inn'), message: `ИНН «${inn}»: не сходится контрольная цифра — проверьте номер` });
    if (inn !== '' && seenInn.has(inn)) errors.push({ column: col('inn'), message: `ИНН повторяет строку ${seenInn.get(inn)} этого файла` });
    else if (inn === '' && shortName !== '' && seenShort.has(normName(shortName))) errors.push({ column: col('shortName'), message: `Краткое наименование повторяет строку ${seenShort.get(normName(shortName))} этого файла` });
    if (inn !== '') seenInn.set(inn, r.fileRowNo);
    if (shortName !== '') seenShort.set(normName(shortName), r.fileRowNo);

    // The same organization: by ИНН first, else by its short name (when exactly one has it).
    let found: Existing | null = inn !== '' ? (byInn.get(inn) ?? null) : null;
    if (found === null) {
      const named = (byShort.get(normName(shortName)) ?? []).filter((o) => !o.inn || inn === '' || o.inn === inn);
      if (named.length === 1) found = named[0]!;
      else if (named.length > 1) errors.push({ column: col('shortName'), message: `Организаций с кратким наименованием «${shortName}» несколько: укажите ИНН` });
    }
    const vals = { kind: kind ?? 'other', fullName, shortName, address: r.get('address'), headPosition: r.get('headPosition'), headName: r.get('headName'), inn };
    const changes: string[] = [];
    if (found) {
      const before: Record<string, string> = { kind: found.kind, fullName: found.full_name, shortName: found.short_name, address: found.address, headPosition: found.head_position, headName: found.head_name, inn: found.inn ?? '' };
      for (const [k, v] of Object.entries(vals)) {
        // An empty cell leaves what the directory has: a shorter file does not wipe addresses or heads.
        if (v !== '' && v !== before[k]) changes.push(FIELD_LABEL[k]!);
      }
    }
    out.push({ rowNo: r.rowNo, fileRowNo: r.fileRowNo, ...vals, kind, action: found ? (changes.length ? 'update' : 'same') : 'add', existingId: found?.id ?? null, changes, errors });
  }
  if (out.length === 0) throw new ApiError('VALIDATION', `В файле «${input.fileName}» под заголовком нет ни одной организации`);
  return {
    fileName: input.fileName,
    headers: table.headers,
    rows: out,
    errorRows: out.filter((r) => r.errors.length > 0).length,
    added: out.filter((r) => r.action === 'add' && r.errors.length === 0).length,
    updated: out.filter((r) => r.action === 'update' && r.errors.length === 0).length,
    applied: false,
  };
}

export function previewOrgImport(ctx: CallContext, input: ParsedInput<'orgs.importPreview'>): Promise<CallOutput<'orgs.importPreview'>> {
  return readOrgFile(ctx.session().open.sqlite, input);
}

/** Applies the file in one transaction, or nothing when any row has an error. */
export async function applyOrgImport(ctx: CallContext, input: ParsedInput<'orgs.importApply'>): Promise<CallOutput<'orgs.importApply'>> {
  const { sqlite } = ctx.session().open;
  const read = await readOrgFile(sqlite, input);
  if (read.errorRows > 0) {
    const first = read.rows.find((r) => r.errors.length > 0)!;
    throw new ApiError('VALIDATION', `Файл «${input.fileName}» не загружен: ошибки в ${read.errorRows} строках. Первая — строка ${first.fileRowNo}, столбец «${first.errors[0]!.column}»: ${first.errors[0]!.message}`);
  }
  ctx.tx(() => {
    const insert = sqlite.prepare('INSERT INTO organizations (kind, full_name, short_name, address, head_position, head_name, inn) VALUES (?, ?, ?, ?, ?, ?, ?)');
    const update = sqlite.prepare(
      `UPDATE organizations SET kind = ?, full_name = coalesce(nullif(?, ''), full_name), short_name = coalesce(nullif(?, ''), short_name), address = coalesce(nullif(?, ''), address),
       head_position = coalesce(nullif(?, ''), head_position), head_name = coalesce(nullif(?, ''), head_name), inn = coalesce(nullif(?, ''), inn), updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE id = ?`,
    );
    const added: number[] = [];
    const updated: number[] = [];
    for (const r of read.rows) {
      if (r.action === 'add') added.push(Number(insert.run(r.kind, r.fullName, r.shortName, r.address, r.headPosition, r.headName, r.inn || null).lastInsertRowid));
      else if (r.action === 'update') {
        update.run(r.kind, r.fullName, r.shortName, r.address, r.headPosition, r.headName, r.inn, r.existingId);
        updated.push(r.existingId!);
      }
    }
    ctx.target('organization', null, { file: input.fileName, added, updated });
  });
  return { ...read, applied: true };
}
