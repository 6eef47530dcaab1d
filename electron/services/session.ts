import { setPasswordSlot, unwrapWithPassword } from '../../db/keys';
import type { CallOutput, ParsedInput } from '../../shared/api/contract';
import { appendAudit } from './audit';
import type { CallContext } from './context';

/** Failed attempts could not be written while the database was locked; the first unlock writes them. */
function journalFailedAttempts(ctx: CallContext): void {
  const failed = ctx.ws.takeFailedAttempts();
  const { sqlite } = ctx.session().open;
  ctx.tx(() => {
    for (const f of failed) appendAudit(sqlite, { userLogin: f.login, action: 'session.failed', objectType: 'user', objectId: f.login, details: null }, f.at);
  });
}

export async function unlock(ctx: CallContext, input: ParsedInput<'session.unlock'>): Promise<CallOutput<'session.unlock'>> {
  const user = await ctx.ws.unlock(input.login, input.password);
  ctx.target('user', user.login);
  journalFailedAttempts(ctx);
  return user;
}

export async function recover(ctx: CallContext, input: ParsedInput<'session.recover'>): Promise<CallOutput<'session.recover'>> {
  const user = await ctx.ws.recover(input.recoveryCode, input.login, input.newPassword);
  ctx.target('user', user.login, { via: 'recovery-code' });
  journalFailedAttempts(ctx);
  return user;
}

export function lock(ctx: CallContext): CallOutput<'session.lock'> {
  const { user } = ctx.session();
  ctx.target('user', user.login);
  ctx.tx(() => undefined);
  ctx.ws.lock();
  return { ok: true };
}

export async function changePassword(
  ctx: CallContext,
  input: ParsedInput<'session.changePassword'>,
): Promise<CallOutput<'session.changePassword'>> {
  const { user } = ctx.session();
  return ctx.ws.updateKeys(async (keys, dbKey) => {
    (await unwrapWithPassword(keys, user.login, input.oldPassword)).fill(0);
    const next = await setPasswordSlot(keys, dbKey, user.login, input.newPassword);
    ctx.target('user', user.login);
    ctx.tx(() => undefined);
    return { keys: next, result: { ok: true as const } };
  });
}
