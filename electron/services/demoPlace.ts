import type { CallOutput } from '../../shared/api/contract';
import { homeOf, switchDatabase } from '../app/dataHome';
import type { CallContext } from './context';

/**
 * From the demo to the real database, without touching folders: the demo is locked and stays in its folder; the
 * app turns to the real database's place — the set-up wizard when there is none yet, its login when there is.
 * Anywhere but in the demo it does nothing.
 */
export function leaveDemo(ctx: CallContext): CallOutput<'setup.leaveDemo'> {
  const home = homeOf(ctx.ws);
  if (home?.isDemo(ctx.ws.dbPath)) switchDatabase(ctx.ws, home.realPath);
  return { ok: true };
}
