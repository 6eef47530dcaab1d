import { ApiError, createClient, type CallName, type CallResult, type Transport } from '../../shared/api';

/** What the Electron preload exposes (contextIsolation: the renderer sees only this). */
interface UchetBridge {
  call(name: string, input: unknown): Promise<CallResult>;
}

declare global {
  interface Window {
    uchet?: UchetBridge;
  }
}

export const TOKEN_MESSAGE = 'Откройте адрес, который напечатала команда запуска';
const NO_SERVER_MESSAGE = 'Нет связи с программой «Учёт детей». Проверьте, что она запущена, и обновите страницу.';
const TOKEN_KEY = 'uchet.token';

/** Code of an error the server never sends: the browser-mode token is missing or wrong. */
export const NO_TOKEN = 'NO_TOKEN';

/** Browser mode: the token comes once in the address (#token=…); it is kept for this tab only and hidden from the address bar. */
function takeToken(): string | null {
  const match = /(?:^#|&)token=([^&]+)/.exec(window.location.hash);
  if (match?.[1]) {
    const token = decodeURIComponent(match[1]);
    sessionStorage.setItem(TOKEN_KEY, token);
    history.replaceState(null, '', window.location.pathname + window.location.search);
    return token;
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

function isCallResult(v: unknown): v is CallResult {
  if (typeof v !== 'object' || v === null || !('ok' in v)) return false;
  const r = v as { ok: unknown; error?: unknown };
  return r.ok === true || (r.ok === false && typeof r.error === 'object' && r.error !== null);
}

function failure(code: string, message: string): CallResult {
  // NO_TOKEN is not an ErrorCode of the contract; the UI checks for it by value.
  return { ok: false, error: { code: code as 'INTERNAL', message } };
}

function httpTransport(): Transport {
  const token = takeToken();
  return async (name, input) => {
    let res: Response;
    try {
      res = await fetch(`/api/call/${encodeURIComponent(name)}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Uchet-Token': token ?? '' },
        body: JSON.stringify(input ?? {}),
      });
    } catch {
      return failure('INTERNAL', NO_SERVER_MESSAGE);
    }
    if (res.status === 401 || res.status === 403) return failure(NO_TOKEN, TOKEN_MESSAGE);
    let body: unknown;
    try {
      body = await res.json();
    } catch {
      return failure('INTERNAL', `Программа ответила ошибкой (HTTP ${res.status}). Обновите страницу.`);
    }
    return isCallResult(body) ? body : failure('INTERNAL', 'Непонятный ответ программы. Обновите страницу.');
  };
}

type Listener = (code: string) => void;
const listeners = new Set<Listener>();

/** Tells the app when any call finds the session locked or the token refused, so it can switch screens. */
export function onSessionLost(fn: Listener): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

function watching(inner: Transport): Transport {
  return async (name: CallName, input: unknown) => {
    const res = await inner(name, input);
    if (!res.ok && (res.error.code === 'LOCKED' || (res.error.code as string) === NO_TOKEN)) {
      for (const fn of listeners) fn(res.error.code);
    }
    return res;
  };
}

const bridge = window.uchet;
const transport: Transport = bridge?.call
  ? (name, input) => bridge.call(name, input)
  : httpTransport();

export const api = createClient(watching(transport));

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

/** The Russian text of any failure, for a notification or an inline message. */
export function errorText(e: unknown): string {
  if (e instanceof ApiError) return e.message;
  if (e instanceof Error && e.message) return `Ошибка: ${e.message}`;
  return 'Неизвестная ошибка';
}
