import { readKeyFile, setPasswordSlot, unwrapWithPassword } from '../../db/keys';
import { ApiError } from '../../shared/api/errors';
import { otherLayout } from '../../shared/domain/names';
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
  let user;
  try {
    user = await ctx.ws.unlock(input.login, input.password);
  } catch (err) {
    throw await layoutHint(ctx, input, err);
  }
  ctx.target('user', user.login);
  journalFailedAttempts(ctx);
  return user;
}

/**
 * A wrong password that is right in the other keyboard layout (the same keys with ЙЦУКЕН on instead of QWERTY, or
 * the other way round — the search's own map, shared/domain/names.ts) gets the hint «Проверьте раскладку
 * клавиатуры». It stays a failed attempt: nothing is unlocked, and the pause counts as for any wrong password.
 */
async function layoutHint(ctx: CallContext, input: ParsedInput<'session.unlock'>, err: unknown): Promise<unknown> {
  if (!(err instanceof ApiError) || err.code !== 'WRONG_PASSWORD') return err;
  const other = otherLayout(input.password);
  if (!other) return err;
  try {
    (await unwrapWithPassword(readKeyFile(ctx.ws.keysPath), input.login, other)).fill(0);
  } catch {
    return err;
  }
  const pause = err.retryAfterMs ? ` Следующая попытка — через ${Math.ceil(err.retryAfterMs / 1000)} с.` : '';
  return new ApiError('WRONG_PASSWORD', `Неверный пароль. Проверьте раскладку клавиатуры: пароль набран не на том языке.${pause}`, err.retryAfterMs ? { retryAfterMs: err.retryAfterMs } : undefined);
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
