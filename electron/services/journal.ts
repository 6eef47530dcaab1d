import type { CallOutput, ParsedInput } from '../../shared/api/contract';
import { verifyAudit } from './audit';
import type { CallContext } from './context';

export function listAudit(ctx: CallContext, f: ParsedInput<'audit.list'>): CallOutput<'audit.list'> {
  const where: string[] = [];
  const args: unknown[] = [];
  if (f.userLogin) (where.push('user_login = ?'), args.push(f.userLogin));
  if (f.action) (where.push('action = ?'), args.push(f.action));
  if (f.objectType) (where.push('object_type = ?'), args.push(f.objectType));
  if (f.objectId) (where.push('object_id = ?'), args.push(f.objectId));
  // Dates are calendar days; entries are stored in UTC ISO, so the day's end is the next day's start.
  if (f.from) (where.push('at >= ?'), args.push(`${f.from}T00:00:00`));
  if (f.to) (where.push("at < date(?, '+1 day')"), args.push(f.to));
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

export function verifyJournal(ctx: CallContext): CallOutput<'audit.verify'> {
  const verdict = verifyAudit(ctx.session().open.sqlite);
  ctx.target('audit', null, { ok: verdict.ok, count: verdict.count });
  return verdict;
}
