import { notifications } from '@mantine/notifications';
import { ApiError } from '../../shared/api';
import { errorText } from './api';

export function notifyError(e: unknown, title = 'Не получилось'): void {
  // LOCKED switches to the unlock screen by itself; a toast on top of it would only confuse.
  if (e instanceof ApiError && e.code === 'LOCKED') return;
  notifications.show({ color: 'red', title, message: errorText(e), autoClose: 8000 });
}

export function notifyOk(message: string): void {
  notifications.show({ color: 'green', message, autoClose: 3000 });
}

/**
 * Field messages from a VALIDATION error, keyed by the first path segment; messages that fit no
 * known field go under '' so the form can show them above its buttons.
 */
export function fieldErrors(e: unknown, fields: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  if (!(e instanceof ApiError) || !e.issues) return out;
  for (const issue of e.issues) {
    const head = issue.path.split(/[.[\]/]/).find((s) => s !== '') ?? '';
    const key = fields.includes(head) ? head : '';
    out[key] = out[key] ? `${out[key]}; ${issue.message}` : issue.message;
  }
  return out;
}
