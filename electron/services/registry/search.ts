import type Database from 'better-sqlite3';
import { addYears, parseRuDate, todayIso } from '../../../shared/domain/dates';
import { layoutToCyrillic, normalizeName } from '../../../shared/domain/names';
import { normalizeSnils } from '../../../shared/domain/snils';
import type { ChildRow } from '../../../shared/api/registry';
import type { RegistryFilter } from '../../../shared/api/registry';
import type { z } from 'zod';
import type { registrySearchSchema } from '../../../shared/api/registry';
import { nameIndexFor } from './nameIndex';

export type SearchInput = z.output<typeof registrySearchSchema>;
type Filter = Omit<SearchInput, 'sort' | 'dir' | 'offset' | 'limit'>;

const LATIN = /[a-z[\];',.`]/i;

/** A typed query split into what it says: name words, a birth date, a birth year, a СНИЛС. */
export function parseQuery(query: string): { words: string[]; birthDate: string | null; birthYear: number | null; snils: string | null } {
  const words: string[] = [];
  let birthDate: string | null = null;
  let birthYear: number | null = null;
  let snils: string | null = null;
  const compact = query.replace(/\s+/g, ' ').trim();
  const asSnils = normalizeSnils(compact);
  if (asSnils) return { words, birthDate, birthYear, snils: asSnils };
  for (const raw of compact.split(' ')) {
    if (!raw) continue;
    if (/^\d{1,2}\.\d{1,2}\.\d{4}$/.test(raw)) {
      const [d, m, y] = raw.split('.');
      birthDate = parseRuDate(`${d!.padStart(2, '0')}.${m!.padStart(2, '0')}.${y}`);
      continue;
    }
    if (/^(19|20)\d\d$/.test(raw)) {
      birthYear = Number(raw);
      continue;
    }
    // «Bdfyjd» typed on the English layout means «Иванов».
    const text = LATIN.test(raw) && !/[а-яё]/i.test(raw) ? layoutToCyrillic(raw) : raw;
    for (const part of normalizeName(text).split(/[\s-]+/)) if (part) words.push(part);
  }
  return { words, birthDate, birthYear, snils };
}

/** Builds the WHERE clause shared by the page query, the count and the export. */
export function buildWhere(sqlite: Database.Database, f: Filter, scopeOrgId: number | null): { where: string; args: unknown[]; rank: { sql: string; args: unknown[] } | null } {
  const conds: string[] = ['c.status = ?'];
  const args: unknown[] = [f.status];
  let rank: { sql: string; args: unknown[] } | null = null;

  if (scopeOrgId !== null) (conds.push('c.cur_org_id = ?'), args.push(scopeOrgId));
  if (f.orgId !== undefined) (conds.push('c.cur_org_id = ?'), args.push(f.orgId));
  if (f.noOrg) conds.push('c.cur_org_id IS NULL');
  if (f.classLabel) (conds.push('c.cur_class = ?'), args.push(f.classLabel));
  if (f.form === 'none') conds.push('c.cur_form IS NULL');
  else if (f.form) (conds.push('c.cur_form = ?'), args.push(f.form));
  if (f.birthYear) (conds.push("c.birth_date >= ? AND c.birth_date < ?"), args.push(`${f.birthYear}-01-01`, `${f.birthYear + 1}-01-01`));
  const on = f.ageOn ?? todayIso(new Date());
  // Full years on a date: age ≥ a ⇔ born on or before (on − a years); age ≤ b ⇔ born after (on − (b+1) years).
  if (f.ageFrom !== undefined) (conds.push('c.birth_date <= ?'), args.push(addYears(on, -f.ageFrom)));
  if (f.ageTo !== undefined) (conds.push('c.birth_date > ?'), args.push(addYears(on, -(f.ageTo + 1))));
  const active = 'valid_to IS NULL AND superseded_by IS NULL AND withdrawn_at IS NULL';
  if (f.flag) (conds.push(`EXISTS (SELECT 1 FROM flags x WHERE x.child_id = c.id AND x.kind = ? AND x.${active})`), args.push(f.flag));
  if (f.condition) (conds.push(`EXISTS (SELECT 1 FROM conditions x WHERE x.child_id = c.id AND x.kind = ? AND x.${active})`), args.push(f.condition));

  const q = parseQuery(f.query);
  if (q.snils) (conds.push('c.snils = ?'), args.push(q.snils));
  if (q.birthDate) (conds.push('c.birth_date = ?'), args.push(q.birthDate));
  if (q.birthYear) (conds.push('c.birth_date >= ? AND c.birth_date < ?'), args.push(`${q.birthYear}-01-01`, `${q.birthYear + 1}-01-01`));
  if (q.words.length) {
    const index = nameIndexFor(sqlite);
    for (const word of q.words) {
      if (word.length <= 2) {
        // One or two letters: a prefix range on each name column, with its index.
        const hi = `${word}\uffff`;
        conds.push('((c.surname_norm >= ? AND c.surname_norm < ?) OR (c.name_norm >= ? AND c.name_norm < ?) OR (c.patronymic_norm >= ? AND c.patronymic_norm < ?))');
        args.push(word, hi, word, hi, word, hi);
        continue;
      }
      const expanded = index.expand(word);
      if (!expanded.length) {
        conds.push('0');
        continue;
      }
      const list = JSON.stringify(expanded);
      conds.push('(c.surname_norm IN (SELECT value FROM json_each(?)) OR c.name_norm IN (SELECT value FROM json_each(?)) OR c.patronymic_norm IN (SELECT value FROM json_each(?)))');
      args.push(list, list, list);
    }
    // Exact words first: «Иванов» before «Иванова» and «Иваненко».
    const exact = q.words.map(() => '(c.surname_norm = ? OR c.name_norm = ? OR c.patronymic_norm = ?)').join(' + ');
    rank = { sql: `(${exact}) DESC, `, args: q.words.flatMap((w) => [w, w, w]) };
  }
  return { where: conds.join(' AND '), args, rank };
}

const ORDER: Record<SearchInput['sort'], string> = {
  name: 'c.sort_key',
  birthDate: 'c.birth_date',
  org: 'o.short_name',
  class: 'c.cur_grade',
};

export function orderBy(sort: SearchInput['sort'], dir: SearchInput['dir']): string {
  const d = dir === 'desc' ? 'DESC' : 'ASC';
  const tail = sort === 'class' ? `, c.cur_class ${d}` : '';
  return `${ORDER[sort]} ${d}${tail}, c.sort_key ${d}, c.id`;
}

export const ROW_COLUMNS = `c.id, c.surname, c.name, c.patronymic, c.birth_date AS birthDate, c.cur_org_id AS orgId, o.short_name AS orgName,
  c.cur_class AS classLabel, c.cur_form AS form, c.status`;

export function searchChildren(sqlite: Database.Database, input: SearchInput, scopeOrgId: number | null): { rows: ChildRow[]; total: number } {
  const { where, args, rank } = buildWhere(sqlite, input, scopeOrgId);
  const total = sqlite.prepare(`SELECT count(*) FROM children c WHERE ${where}`).pluck().get(...args) as number;
  const rankSql = rank && input.sort === 'name' && input.dir === 'asc' ? rank : null;
  const rows = sqlite
    .prepare(
      `SELECT ${ROW_COLUMNS} FROM children c LEFT JOIN organizations o ON o.id = c.cur_org_id
       WHERE ${where} ORDER BY ${rankSql?.sql ?? ''}${orderBy(input.sort, input.dir)} LIMIT ? OFFSET ?`,
    )
    .all(...args, ...(rankSql?.args ?? []), input.limit, input.offset) as ChildRow[];
  return { rows, total };
}

export type { RegistryFilter };
