import type { OpenDatabase } from '../../../db/open';
import type { CallOutput, ParsedInput } from '../../../shared/api/contract';
import { readerScope, scopeSql, type ReadScope } from '../access';
import type { CallContext } from '../context';
import { toCsv } from '../csv';

/** One child as the checking export writes it: the current organization, class and form as the registry keeps them. */
export interface PlainChild {
  id: number;
  surname: string;
  name: string;
  patronymic: string | null;
  birthDate: string;
  /** Short name of the organization that teaches the child now, or null. */
  org: string | null;
  classLabel: string | null;
  /** Id of the form of education (full_time, part_time, extramural, family, self), or null. */
  form: string | null;
}

/** Every active child the user may read (access.ts), in the registry's order (Russian collation of ФИО, then birth date). One query. */
export function exportChildren(open: OpenDatabase, scope: ReadScope): PlainChild[] {
  const scoped = scopeSql(scope);
  return open.sqlite
    .prepare(
      `SELECT c.id, c.surname, c.name, c.patronymic, c.birth_date AS birthDate, o.short_name AS org, c.cur_class AS classLabel, c.cur_form AS form
       FROM children c LEFT JOIN organizations o ON o.id = c.cur_org_id
       WHERE c.status = 'active' AND ${scoped.sql}
       ORDER BY c.sort_key, c.id`,
    )
    .all(...scoped.args) as PlainChild[];
}

export const PLAIN_CSV_HEADER = ['id', 'Фамилия', 'Имя', 'Отчество', 'Дата рождения', 'Организация', 'Класс, группа', 'Форма получения образования'];

/** `;`-separated, UTF-8 with a byte order mark and CRLF line ends, so that Excel opens it as it is; formula-looking cells neutralized. */
export function plainChildrenCsv(rows: readonly PlainChild[]): string {
  return toCsv(
    PLAIN_CSV_HEADER,
    rows.map((r) => [r.id, r.surname, r.name, r.patronymic, r.birthDate, r.org, r.classLabel, r.form]),
    { bom: true, eol: '\r\n' },
  );
}

/** A JSON array, one child per line. */
export function plainChildrenJson(rows: readonly PlainChild[]): string {
  return rows.length === 0 ? '[]\n' : `[\n${rows.map((r) => JSON.stringify(r)).join(',\n')}\n]\n`;
}

/** `children.exportPlain`: every child, for checking by a program or a person; journaled as a read. */
export function exportPlain(ctx: CallContext, input: ParsedInput<'children.exportPlain'>): CallOutput<'children.exportPlain'> {
  const rows = exportChildren(ctx.session().open, readerScope(ctx));
  ctx.target('registry', null, { format: input.format, rows: rows.length });
  return { text: input.format === 'csv' ? plainChildrenCsv(rows) : plainChildrenJson(rows), rows: rows.length };
}
