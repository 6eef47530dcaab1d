import { ApiError, type CallResult } from '../shared/api/errors';
import { todayIso } from '../shared/domain/dates';
import { contract, isCallName, type CallName } from '../shared/api/contract';
import type { Workspace } from './app/workspace';
import { handlers } from './handlers';
import { appendAudit } from './services/audit';
import { noteReadJournaled, pagedReadKey, readJournaledRecently, refusalEntry, sealJournal } from './services/journalPolicy';
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

  let target: AuditTarget = { objectType: name.split('.')[0] ?? name, objectId: null, details: null };
  try {
    if (def.access !== 'public') {
      const session = ws.require();
      if (def.access !== 'unlocked' && !def.access.includes(session.user.role)) {
        throw new ApiError('FORBIDDEN', `Недостаточно прав: «${def.title}» недоступно для вашей роли.`);
      }
    }
    return await runAudited(ws, name, parsed.data, (t) => (target = t), () => target);
  } catch (err) {
    // A refusal (the role check, or a service's scope check) is journaled too: who tried what, and why not.
    const session = ws.current;
    if (err instanceof ApiError && err.code === 'FORBIDDEN' && session) {
      session.open.sqlite.transaction(() => appendAudit(session.open.sqlite, refusalEntry(session.user.login, name, parsed.data, target, err.message))).immediate();
      sealJournal(ws);
    }
    throw err;
  }
}

async function runAudited(
  ws: Workspace,
  name: CallName,
  input: unknown,
  setTarget: (t: AuditTarget) => void,
  getTarget: () => AuditTarget,
): Promise<unknown> {
  const def = contract[name];
  // Pages of one list fetched while scrolling are one search: journaled once (cards are always journaled).
  const readKey = pagedReadKey(name, def.audit, input);
  const reader = ws.current?.user.login;
  let audited = def.audit === 'none' || (readKey !== null && reader !== undefined && readJournaledRecently(ws, reader, readKey));
  const writeAudit = () => {
    const session = ws.current;
    if (!session || audited) return;
    appendAudit(session.open.sqlite, { userLogin: session.user.login, action: name, ...getTarget() });
    if (readKey) noteReadJournaled(ws, session.user.login, readKey);
    audited = true;
  };

  const ctx: CallContext = {
    ws,
    now: () => new Date(ws.now()),
    today: () => todayIso(new Date(ws.now())),
    session: () => ws.require(false),
    target(objectType, objectId, details) {
      setTarget({
        objectType,
        objectId: objectId === null ? null : String(objectId),
        details: details === undefined ? null : JSON.stringify(details),
      });
    },
    tx(fn) {
      const { sqlite } = ws.require(false).open;
      const wasAudited = audited;
      const result = sqlite
        .transaction(() => {
          const result = fn();
          writeAudit();
          return result;
        })
        .immediate();
      // Sealed after the commit: a seal must never name an entry that was rolled back.
      if (!wasAudited && audited) sealJournal(ws);
      return result;
    },
  };

  const result = await handlers[name](ctx, input as never);
  if (!audited && ws.current) {
    const { sqlite } = ws.current.open;
    sqlite.transaction(writeAudit).immediate();
    sealJournal(ws);
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
