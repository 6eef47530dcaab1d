import { eq } from 'drizzle-orm';
import { setPasswordSlot } from '../../db/keys';
import { organizations, users } from '../../db/schema';
import { ApiError } from '../../shared/api/errors';
import type { CallOutput, ParsedInput } from '../../shared/api/contract';
import type { Role } from '../../shared/api/roles';
import type { User } from '../../shared/api/schemas';
import type { CallContext } from './context';

function toUser(row: typeof users.$inferSelect): User {
  return {
    id: row.id,
    login: row.login,
    displayName: row.displayName,
    role: row.role as Role,
    orgId: row.orgId,
    active: row.active,
    createdAt: row.createdAt,
  };
}

export function listUsers(ctx: CallContext): CallOutput<'users.list'> {
  return ctx.session().open.db.select().from(users).orderBy(users.login).all().map(toUser);
}

/** A school user is bound to exactly one organization; department roles to none. */
function checkOrgBinding(ctx: CallContext, role: Role, orgId: number | null): void {
  if (role !== 'school') {
    if (orgId !== null) throw new ApiError('VALIDATION', 'Организация указывается только для пользователя организации', { issues: [{ path: 'orgId', message: 'Уберите организацию или выберите роль «Пользователь организации»' }] });
    return;
  }
  if (orgId === null) throw new ApiError('VALIDATION', 'Выберите организацию пользователя', { issues: [{ path: 'orgId', message: 'Выберите организацию' }] });
  const org = ctx.session().open.db.select().from(organizations).where(eq(organizations.id, orgId)).get();
  if (!org) throw new ApiError('VALIDATION', 'Нет такой организации', { issues: [{ path: 'orgId', message: 'Нет такой организации' }] });
}

function findByLogin(ctx: CallContext, login: string) {
  return ctx.session().open.db.select().from(users).where(eq(users.login, login)).get();
}

export async function addUser(ctx: CallContext, input: ParsedInput<'users.add'>): Promise<CallOutput<'users.add'>> {
  checkOrgBinding(ctx, input.role, input.orgId);
  // In the key-file queue: the login is checked, the slot derived (slow) and the row written on the key file as
  // the previous change left it, so two additions at once both keep their slots.
  return ctx.ws.updateKeys(async (keys, dbKey) => {
    if (findByLogin(ctx, input.login)) {
      throw new ApiError('CONFLICT', `Логин «${input.login}» уже занят`, { issues: [{ path: 'login', message: 'Логин уже занят' }] });
    }
    const nextKeys = await setPasswordSlot(keys, dbKey, input.login, input.password);
    ctx.target('user', input.login, { role: input.role, orgId: input.orgId });
    const row = ctx.tx(() =>
      ctx.session().open.db.insert(users).values({ login: input.login, displayName: input.displayName, role: input.role, orgId: input.orgId }).returning().get(),
    );
    return { keys: nextKeys, result: toUser(row) };
  });
}

export async function updateUser(ctx: CallContext, input: ParsedInput<'users.update'>): Promise<CallOutput<'users.update'>> {
  const { open, user: me } = ctx.session();
  const row = open.db.select().from(users).where(eq(users.id, input.id)).get();
  if (!row) throw new ApiError('NOT_FOUND', 'Пользователь не найден');
  const role = input.role ?? (row.role as Role);
  const orgId = input.orgId !== undefined ? input.orgId : role === 'school' ? row.orgId : null;
  checkOrgBinding(ctx, role, orgId);
  if (row.id === me.id && (input.active === false || (input.role && input.role !== 'admin'))) {
    throw new ApiError('CONFLICT', 'Нельзя отключить себя или снять с себя роль администратора');
  }
  const { id: _id, ...changes } = input;
  ctx.target('user', row.login, changes);
  const updated = ctx.tx(() =>
    open.db
      .update(users)
      .set({ displayName: input.displayName ?? row.displayName, role, orgId, active: input.active ?? row.active })
      .where(eq(users.id, row.id))
      .returning()
      .get(),
  );
  // A deactivated user's password, and any old copy of the key file, must no longer open the database: their
  // slot goes and the database is re-keyed. Reactivation needs a new password (users.resetPassword).
  if (input.active === false && row.active) {
    try {
      return { ...toUser(updated), rekey: await ctx.ws.rekey(row.login) };
    } catch (err) {
      throw new ApiError(
        'INTERNAL',
        `Пользователь «${row.login}» отключён, но ключ базы сменить не удалось (${err instanceof ApiError ? err.message : 'ошибка записи'}). Нажмите «Сменить ключ базы» на странице «Пользователи».`,
      );
    }
  }
  return toUser(updated);
}

/** «Сменить ключ базы»: a new database key, wrapped to every remaining slot; old key files stop working. */
export async function rekeyDatabase(ctx: CallContext): Promise<CallOutput<'users.rekey'>> {
  ctx.session();
  const result = await ctx.ws.rekey();
  ctx.target('database', null, { generation: result.generation, needNewPassword: result.needNewPassword, newRecoveryCode: result.recoveryCode !== null });
  return result;
}

export async function resetPassword(ctx: CallContext, input: ParsedInput<'users.resetPassword'>): Promise<CallOutput<'users.resetPassword'>> {
  const row = findByLogin(ctx, input.login);
  if (!row) throw new ApiError('NOT_FOUND', `Нет пользователя «${input.login}»`);
  return ctx.ws.updateKeys(async (keys, dbKey) => {
    const next = await setPasswordSlot(keys, dbKey, row.login, input.password);
    ctx.target('user', row.login);
    ctx.tx(() => {
      if (!row.active) ctx.session().open.db.update(users).set({ active: true }).where(eq(users.id, row.id)).run();
    });
    return { keys: next, result: { ok: true as const } };
  });
}
