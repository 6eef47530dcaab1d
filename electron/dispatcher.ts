import { ApiError, type CallResult } from '../shared/api/errors';
import { todayIso } from '../shared/domain/dates';
import { contract, isCallName, type CallName } from '../shared/api/contract';
import type { Workspace } from './app/workspace';
import { handlers } from './handlers';
import { appendAudit } from './services/audit';
import type { CallContext } from './services/context';

export type Dispatch = (name: string, input: unknown) => Promise<CallResult>;

interface AuditTarget {
  objectType: string;
  objectId: string | null;
  details: string | null;
}

/**
 * The single entry behind every transport: validates the input against the contract, checks the role,
 * calls the service, writes the audit entry, and turns every error into a typed one with a Russian message.
 */
export function createDispatcher(ws: Workspace): Dispatch {
  return async (name, rawInput) => {
    try {
      if (!isCallName(name)) throw new ApiError('NOT_FOUND', `Неизвестный вызов: ${name}`);
      return { ok: true, result: await run(ws, name, rawInput) };
    } catch (err) {
      return { ok: false, error: toApiError(err).toJSON() };
    }
  };
}

async function run(ws: Workspace, name: CallName, rawInput: unknown): Promise<unknown> {
  const def = contract[name];
  const parsed = def.input.safeParse(rawInput ?? {});
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    throw new ApiError('VALIDATION', issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; '), { issues });
  }

  if (def.access !== 'public') {
    const session = ws.require();
    if (def.access !== 'unlocked' && !def.access.includes(session.user.role)) {
      throw new ApiError('FORBIDDEN', `Недостаточно прав: «${def.title}» недоступно для вашей роли.`);
    }
  }

  let target: AuditTarget = { objectType: name.split('.')[0] ?? name, objectId: null, details: null };
  let audited = def.audit === 'none';
  const writeAudit = () => {
    const session = ws.current;
    if (!session || audited) return;
    appendAudit(session.open.sqlite, { userLogin: session.user.login, action: name, ...target });
    audited = true;
  };

  const ctx: CallContext = {
    ws,
    now: () => new Date(ws.now()),
    today: () => todayIso(new Date(ws.now())),
    session: () => ws.require(false),
    target(objectType, objectId, details) {
      target = {
        objectType,
        objectId: objectId === null ? null : String(objectId),
        details: details === undefined ? null : JSON.stringify(details),
      };
    },
    tx(fn) {
      const { sqlite } = ws.require(false).open;
      return sqlite
        .transaction(() => {
          const result = fn();
          writeAudit();
          return result;
        })
        .immediate();
    },
  };

  const result = await handlers[name](ctx, parsed.data as never);
  if (!audited && ws.current) {
    const { sqlite } = ws.current.open;
    sqlite.transaction(writeAudit).immediate();
  }
  return result;
}

function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  const code = (err as { code?: unknown } | null)?.code;
  if (code === 'SQLITE_CONSTRAINT_UNIQUE') return new ApiError('CONFLICT', 'Такая запись уже есть.');
  if (code === 'SQLITE_BUSY') return new ApiError('CONFLICT', 'База данных занята другой программой. Повторите через несколько секунд.');
  if (code === 'SQLITE_FULL') return new ApiError('INTERNAL', 'На диске нет места: изменения не сохранены.');
  // The message of an unexpected error may hold a child's data: only its kind is logged, unless debugging.
  if (process.env.UCHET_DEBUG) console.error(err);
  else console.error(`Внутренняя ошибка: ${(err as Error)?.name ?? 'Error'} ${typeof code === 'string' ? code : ''}`);
  return new ApiError('INTERNAL', 'Внутренняя ошибка приложения. Изменения не сохранены.');
}
