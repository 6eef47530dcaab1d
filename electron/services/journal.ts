import type { CallOutput, ParsedInput } from '../../shared/api/contract';
import { readKeyFile } from '../../db/keys';
import type { ShownSeal } from '../../shared/api/journalSeal';
import { journalHead, verifyAudit } from './audit';
import type { CallContext } from './context';

export function listAudit(ctx: CallContext, f: ParsedInput<'audit.list'>): CallOutput<'audit.list'> {
  const conditions: [string, unknown][] = [];
  if (f.userLogin) conditions.push(['user_login = ?', f.userLogin]);
  if (f.action) conditions.push(['action = ?', f.action]);
  if (f.objectType) conditions.push(['object_type = ?', f.objectType]);
  if (f.objectId) conditions.push(['object_id = ?', f.objectId]);
  if (f.fromAt) conditions.push(['at >= ?', new Date(f.fromAt).toISOString()]);
  if (f.toAt) conditions.push(['at < ?', new Date(f.toAt).toISOString()]);
  const where = conditions.map(([c]) => c);
  const args = conditions.map(([, a]) => a);
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const { sqlite } = ctx.session().open;
  const total = sqlite.prepare(`SELECT count(*) FROM audit_log ${clause}`).pluck().get(...args) as number;
  const entries = sqlite
    .prepare(
      `SELECT id, at, user_login AS userLogin, action, object_type AS objectType, object_id AS objectId, details FROM audit_log ${clause} ORDER BY id DESC LIMIT ? OFFSET ?`,
    )
    .all(...args, f.limit, f.offset) as CallOutput<'audit.list'>['entries'];
  return { entries, total };
}

/**
 * Walks the chain and holds it against the seal in the key file (read from disk now, not the session's copy)
 * and against every seal shown (a backup's, a printout's).
 */
export function verifyJournal(ctx: CallContext, input: ParsedInput<'audit.verify'>): CallOutput<'audit.verify'> {
  const { sqlite } = ctx.session().open;
  const keyFileSeal = readKeyFile(ctx.ws.keysPath).journalSeal;
  const seals: ShownSeal[] = [...(keyFileSeal ? [{ ...keyFileSeal, source: 'файл ключей' }] : []), ...input.seals];
  const verdict = verifyAudit(sqlite, seals);
  ctx.target('audit', null, { ok: verdict.ok, count: verdict.count, seals: seals.map((s) => s.source) });
  return { ...verdict, seal: journalHead(sqlite) };
}
