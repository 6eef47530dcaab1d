import { normalizeName } from '../../../shared/domain/names';
import { ApiError } from '../../../shared/api/errors';
import type { CallOutput, ParsedInput } from '../../../shared/api/contract';
import type { CallContext } from '../context';

/**
 * Streets whose name, or any word of it, begins with what was typed: «лен» finds «ул. Ленина» (stored as
 * «ул ленина»). A municipality has hundreds of streets, not millions: a scan is instant.
 */
export function listStreets(ctx: CallContext, input: ParsedInput<'streets.list'>): CallOutput<'streets.list'> {
  // normalizeName leaves letters, spaces and hyphens only: nothing LIKE would read as a wildcard.
  const prefix = normalizeName(input.prefix);
  return ctx
    .session()
    .open.sqlite.prepare(
      `SELECT id, locality, name FROM streets
       WHERE name_norm LIKE @p || '%' OR name_norm LIKE '% ' || @p || '%' OR name_norm LIKE '%-' || @p || '%'
       ORDER BY name_norm LIKE @p || '%' DESC, name_norm, locality LIMIT @limit`,
    )
    .all({ p: prefix, limit: input.limit }) as CallOutput<'streets.list'>;
}

export function addStreet(ctx: CallContext, input: ParsedInput<'streets.add'>): CallOutput<'streets.add'> {
  const { sqlite } = ctx.session().open;
  if (sqlite.prepare('SELECT 1 FROM streets WHERE locality = ? AND name = ?').get(input.locality, input.name)) {
    throw new ApiError('CONFLICT', `Улица «${input.name}» уже есть в справочнике (${input.locality})`);
  }
  return ctx.tx(() => {
    const id = Number(sqlite.prepare('INSERT INTO streets (locality, name, name_norm) VALUES (?, ?, ?)').run(input.locality, input.name, normalizeName(input.name)).lastInsertRowid);
    ctx.target('street', id, input);
    return { id, locality: input.locality, name: input.name };
  });
}
