import type Database from 'better-sqlite3';
import { ApiError } from '../../../shared/api/errors';
import type { CallOutput, ParsedInput } from '../../../shared/api/contract';
import type { TerritoryRule } from '../../../shared/api/territories';
import { assertMayReadChild } from '../access';
import { formatHouses, parseHouses, parseParity, placeKey, type Parity } from '../../../shared/domain/territory';
import type { CallContext } from '../context';
import { runReadTable } from '../intake/inWorker';
import { findTable, type ColumnRule } from '../tables/recognize';
import { childTerritory, livingAddresses, loadTerritoryIndex, placeOfAddress, schoolOfPlace } from './resolve';

// The territories screen: the rules of each school (add, edit, remove — every change in the journal), a spreadsheet
// of them, and the registry's addresses that no rule takes.

const RULE_SQL = `SELECT t.id, t.org_id AS orgId, o.short_name AS orgName, t.locality, t.street, t.houses, t.parity, t.updated_at AS updatedAt
  FROM territory_rules t JOIN organizations o ON o.id = t.org_id WHERE t.removed_at IS NULL`;

function ruleById(sqlite: Database.Database, id: number): TerritoryRule | undefined {
  return sqlite.prepare(`${RULE_SQL} AND t.id = ?`).get(id) as TerritoryRule | undefined;
}

export function listTerritories(ctx: CallContext, input: ParsedInput<'territories.list'>): CallOutput<'territories.list'> {
  const { sqlite } = ctx.session().open;
  const rows = sqlite.prepare(`${RULE_SQL} AND (@org IS NULL OR t.org_id = @org)`).all({ org: input.orgId }) as TerritoryRule[];
  const coll = new Intl.Collator('ru');
  return rows.sort((a, b) => coll.compare(a.orgName, b.orgName) || coll.compare(a.locality, b.locality) || coll.compare(a.street, b.street) || a.id - b.id);
}

function assertSchool(sqlite: Database.Database, orgId: number): string {
  const org = sqlite.prepare('SELECT kind, short_name AS name FROM organizations WHERE id = ?').get(orgId) as { kind: string; name: string } | undefined;
  if (!org) throw new ApiError('NOT_FOUND', 'Организация не найдена');
  if (org.kind !== 'school') throw new ApiError('VALIDATION', `«${org.name}» — не общеобразовательная организация: территория закрепляется за школами`);
  return org.name;
}

export function saveTerritory(ctx: CallContext, input: ParsedInput<'territories.save'>): CallOutput<'territories.save'> {
  const { sqlite } = ctx.session().open;
  assertSchool(sqlite, input.orgId);
  const houses = formatHouses(parseHouses(input.houses).ranges);
  const user = ctx.session().user.login;
  const id = ctx.tx(() => {
    if (input.id !== undefined) {
      const before = ruleById(sqlite, input.id);
      if (!before) throw new ApiError('NOT_FOUND', 'Строка территории не найдена (возможно, её уже исключили)');
      sqlite
        .prepare("UPDATE territory_rules SET org_id = ?, locality = ?, street = ?, houses = ?, parity = ?, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE id = ?")
        .run(input.orgId, input.locality, input.street, houses, input.parity, input.id);
      const after = { orgId: input.orgId, locality: input.locality, street: input.street, houses, parity: input.parity };
      const changed = Object.fromEntries(Object.entries(after).filter(([k, v]) => before[k as keyof TerritoryRule] !== v).map(([k, v]) => [k, { было: before[k as keyof TerritoryRule], стало: v }]));
      ctx.target('territory', input.id, changed);
      return input.id;
    }
    const newId = Number(
      sqlite.prepare('INSERT INTO territory_rules (org_id, locality, street, houses, parity, created_by) VALUES (?, ?, ?, ?, ?, ?)').run(input.orgId, input.locality, input.street, houses, input.parity, user).lastInsertRowid,
    );
    ctx.target('territory', newId, { orgId: input.orgId, locality: input.locality, street: input.street, houses, parity: input.parity });
    return newId;
  });
  return ruleById(sqlite, id)!;
}

export function removeTerritory(ctx: CallContext, input: ParsedInput<'territories.remove'>): CallOutput<'territories.remove'> {
  const { sqlite } = ctx.session().open;
  const before = ruleById(sqlite, input.id);
  if (!before) throw new ApiError('NOT_FOUND', 'Строка территории не найдена (возможно, её уже исключили)');
  ctx.tx(() => {
    sqlite.prepare("UPDATE territory_rules SET removed_at = strftime('%Y-%m-%dT%H:%M:%fZ','now'), removed_by = ? WHERE id = ?").run(ctx.session().user.login, input.id);
    ctx.target('territory', input.id, { removed: { orgId: before.orgId, locality: before.locality, street: before.street, houses: before.houses, parity: before.parity } });
  });
  return { ok: true };
}

// ---------- a spreadsheet of territories ----------

type TerritoryField = 'org' | 'locality' | 'street' | 'houses' | 'parity';

const TERRITORY_COLUMNS: readonly ColumnRule<TerritoryField>[] = [
  { field: 'houses', label: 'Дома', match: (h) => h.has('дом') || h.word('д') || h.has('номер') },
  { field: 'parity', label: 'Чётность', match: (h) => h.has('четн') || h.has('нечетн') || h.has('сторон') },
  { field: 'org', label: 'Организация', match: (h) => h.has('организац') || h.has('учрежден') || h.has('школ') || h.word('оо') || h.word('оу') },
  { field: 'locality', label: 'Населённый пункт', match: (h) => h.has('населен') || h.has('поселен') || (h.has('пункт') && !h.has('миграц')) || h.has('город') || h.word('нп') },
  { field: 'street', label: 'Улица', match: (h) => h.has('улиц') || h.has('проспект') || h.has('переул') },
];

/** An organization's name as the file writes it: the short name, the full name, or the number «СОШ № 5» / «школа 5». */
function orgMatcher(sqlite: Database.Database): (text: string) => { id: number } | 'none' | 'many' {
  const orgs = sqlite.prepare("SELECT id, short_name AS s, full_name AS f FROM organizations WHERE kind = 'school' AND active = 1").all() as { id: number; s: string; f: string }[];
  const norm = (x: string) => x.toLowerCase().replace(/ё/gu, 'е').replace(/[«»"“”'„]/gu, '').replace(/\s+/gu, ' ').trim();
  const num = (x: string) => /№\s*(\d+)/u.exec(x)?.[1] ?? null;
  return (text) => {
    const t = norm(text);
    if (t === '') return 'none';
    const exact = orgs.filter((o) => norm(o.s) === t || norm(o.f) === t);
    if (exact.length === 1) return { id: exact[0]!.id };
    const n = num(text) ?? /^(?:школа|сош|оош|мбоу|моу)\D*(\d+)$/u.exec(t)?.[1] ?? null;
    if (n !== null) {
      const byNum = orgs.filter((o) => num(o.s) === n || num(o.f) === n);
      if (byNum.length === 1) return { id: byNum[0]!.id };
      if (byNum.length > 1) return 'many';
    }
    const part = orgs.filter((o) => norm(o.s).includes(t) || norm(o.f).includes(t));
    if (part.length === 1) return { id: part[0]!.id };
    return part.length > 1 ? 'many' : 'none';
  };
}

async function readTerritoryFile(ctx: CallContext, input: ParsedInput<'territories.importPreview'>): Promise<CallOutput<'territories.importPreview'>> {
  const rows = await runReadTable(input.fileName, input.base64);
  const table = findTable(input.fileName, rows, TERRITORY_COLUMNS, ['org', 'street']);
  const { sqlite } = ctx.session().open;
  const match = orgMatcher(sqlite);
  const existing = new Set(
    (sqlite.prepare('SELECT org_id, locality, street, houses, parity FROM territory_rules WHERE removed_at IS NULL').all() as { org_id: number; locality: string; street: string; houses: string; parity: string }[]).map(
      (r) => `${r.org_id}|${placeKey(r.locality)}|${placeKey(r.street)}|${r.houses}|${r.parity}`,
    ),
  );
  const col = (f: TerritoryField) => table.columnName[f] ?? TERRITORY_COLUMNS.find((r) => r.field === f)!.label;
  let already = 0;
  const out: CallOutput<'territories.importPreview'>['rows'] = [];
  const seen = new Map<string, number>();
  for (const r of table.rows) {
    const errors: { column: string; message: string }[] = [];
    const orgName = r.get('org');
    const found = match(orgName);
    if (orgName === '') errors.push({ column: col('org'), message: 'Не указана организация' });
    else if (found === 'none') errors.push({ column: col('org'), message: `Школа «${orgName}» не найдена среди организаций: добавьте её на странице «Организации» или исправьте название` });
    else if (found === 'many') errors.push({ column: col('org'), message: `«${orgName}» подходит к нескольким школам: напишите краткое наименование полностью` });
    const locality = r.get('locality');
    const street = r.get('street');
    if (locality === '' && street === '') errors.push({ column: col('street'), message: 'Не указаны ни населённый пункт, ни улица' });
    // «2–40 (чётные)» in the houses column says the parity too.
    const parityInHouses = /\(?\s*((?:не)?ч[её]тн\S*)(?:\s*сторона)?\s*\)?/iu.exec(r.get('houses'));
    const housesText = parityInHouses ? r.get('houses').replace(parityInHouses[0], ' ').trim() : r.get('houses');
    const houses = parseHouses(housesText);
    if (houses.error) errors.push({ column: col('houses'), message: houses.error });
    const parityText = r.get('parity') || (parityInHouses?.[1] ?? '');
    const parity = parseParity(parityText) ?? (parityText === '' ? 'all' : null);
    if (parity === null) errors.push({ column: col('parity'), message: `Чётность «${parityText}» не понята: пишите «чётные», «нечётные» или «все»` });
    const orgId = typeof found === 'object' ? found.id : null;
    const formatted = formatHouses(houses.ranges);
    const key = `${orgId}|${placeKey(locality)}|${placeKey(street)}|${formatted}|${parity ?? 'all'}`;
    if (errors.length === 0 && seen.has(key)) errors.push({ column: col('street'), message: `Повторяет строку ${seen.get(key)} этого файла` });
    seen.set(key, r.rowNo);
    if (errors.length === 0 && existing.has(key)) already += 1;
    out.push({ rowNo: r.rowNo, fileRowNo: r.fileRowNo, orgName, orgId, locality, street, houses: formatted, parity: (parity ?? 'all') as Parity, errors });
  }
  if (out.length === 0) throw new ApiError('VALIDATION', `В файле «${input.fileName}» под заголовком нет ни одной строки территории`);
  return { fileName: input.fileName, headers: table.headers, rows: out, errorRows: out.filter((r) => r.errors.length > 0).length, already };
}

export function previewTerritoryImport(ctx: CallContext, input: ParsedInput<'territories.importPreview'>): Promise<CallOutput<'territories.importPreview'>> {
  return readTerritoryFile(ctx, input);
}

/** All rows or none: a file with an error in any row changes nothing; rows already in the directory are not added twice. */
export async function applyTerritoryImport(ctx: CallContext, input: ParsedInput<'territories.importApply'>): Promise<CallOutput<'territories.importApply'>> {
  const read = await readTerritoryFile(ctx, input);
  if (read.errorRows > 0) {
    const first = read.rows.find((r) => r.errors.length > 0)!;
    throw new ApiError('VALIDATION', `Файл «${input.fileName}» не загружен: ошибки в ${read.errorRows} строках. Первая — строка ${first.fileRowNo}, столбец «${first.errors[0]!.column}»: ${first.errors[0]!.message}`);
  }
  const { sqlite } = ctx.session().open;
  const user = ctx.session().user.login;
  const existing = new Set(
    (sqlite.prepare('SELECT org_id, locality, street, houses, parity FROM territory_rules WHERE removed_at IS NULL').all() as { org_id: number; locality: string; street: string; houses: string; parity: string }[]).map(
      (r) => `${r.org_id}|${placeKey(r.locality)}|${placeKey(r.street)}|${r.houses}|${r.parity}`,
    ),
  );
  let added = 0;
  ctx.tx(() => {
    const insert = sqlite.prepare('INSERT INTO territory_rules (org_id, locality, street, houses, parity, created_by) VALUES (?, ?, ?, ?, ?, ?)');
    for (const r of read.rows) {
      const key = `${r.orgId}|${placeKey(r.locality)}|${placeKey(r.street)}|${r.houses}|${r.parity}`;
      if (existing.has(key)) continue;
      insert.run(r.orgId, r.locality, r.street, r.houses, r.parity, user);
      existing.add(key);
      added += 1;
    }
    ctx.target('territory', null, { file: input.fileName, rows: read.rows.length, added });
  });
  return { ...read, added };
}

// ---------- addresses no rule takes ----------

export function unresolvedAddresses(ctx: CallContext, input: ParsedInput<'territories.unresolved'>): CallOutput<'territories.unresolved'> {
  const { sqlite } = ctx.session().open;
  const asOf = input.asOf ?? ctx.today();
  const idx = loadTerritoryIndex(sqlite);
  const living = livingAddresses(sqlite, asOf);
  const children = sqlite.prepare("SELECT count(*) FROM children WHERE status = 'active'").pluck().get() as number;
  const groups = new Map<string, { locality: string; street: string; count: number; example: string }>();
  const keys = new Map<string, string>();
  let resolved = 0;
  for (const a of living.values()) {
    const place = placeOfAddress(idx, a, keys);
    if (schoolOfPlace(idx, place) !== null) {
      resolved += 1;
      continue;
    }
    // Grouped by settlement and street as written (structured) or as recognized; an address not understood stands alone.
    const locality = a.street ? (a.locality ?? '') : place.locality;
    const street = a.street ?? place.street;
    const key = street !== '' || locality !== '' ? `${placeKey(locality)}|${placeKey(street)}` : `?|${a.text}`;
    const g = groups.get(key);
    if (g) g.count += 1;
    else groups.set(key, { locality, street, count: 1, example: a.street ? [a.locality, a.street].filter(Boolean).join(', ') : a.text.replace(/,?\s*(кв\.?|квартира)\s*\d+\S*$/iu, '') });
  }
  ctx.target('territory', null, { unresolved: asOf });
  return {
    asOf,
    children,
    resolved,
    noAddress: children - living.size,
    groups: [...groups.values()].sort((a, b) => b.count - a.count || a.locality.localeCompare(b.locality, 'ru') || a.street.localeCompare(b.street, 'ru')),
  };
}

export function territoryOfChildCall(ctx: CallContext, input: ParsedInput<'territories.ofChild'>): CallOutput<'territories.ofChild'> {
  const { sqlite } = ctx.session().open;
  const child = sqlite.prepare('SELECT cur_org_id AS org FROM children WHERE id = ?').get(input.childId) as { org: number | null } | undefined;
  if (!child) throw new ApiError('NOT_FOUND', 'Ребёнок не найден');
  assertMayReadChild(ctx.session().user, child.org);
  const orgId = childTerritory(sqlite, input.childId, ctx.today());
  if (orgId === null) return null;
  const orgName = sqlite.prepare('SELECT short_name FROM organizations WHERE id = ?').pluck().get(orgId) as string;
  return { orgId, orgName };
}
