import { meta } from '../../db/schema';
import { ApiError } from '../../shared/api/errors';
import type { CallOutput, ParsedInput } from '../../shared/api/contract';
import { findProfile } from '../../shared/profiles';
import { homeOf, switchDatabase } from '../app/dataHome';
import type { Workspace } from '../app/workspace';
import { planDemo } from '../demo/generate';
import { populateDemo } from '../demo/populate';
import type { CallContext } from './context';
import { seedDemoTerritories } from './territories/demo';
import { createDatabase } from './setup';

/** The demo database's administrator. The password is shown to the user: the data in it are made up. */
export const DEMO_LOGIN = 'demo';
export const DEMO_NAME = 'Демонстрационный пользователь';
export const DEMO_PASSWORD = 'demo-demo-demo';

export type DemoProgress = (done: number, total: number) => void;

const watchers = new WeakMap<Workspace, DemoProgress>();

/**
 * Progress of a demo database being filled in this workspace (the command line prints it). The call goes
 * through the dispatcher like any other; this is only a side channel for the count. Returns the unsubscribe.
 */
export function watchDemoProgress(ws: Workspace, fn: DemoProgress): () => void {
  watchers.set(ws, fn);
  return () => {
    if (watchers.get(ws) === fn) watchers.delete(ws);
  };
}

/**
 * Creates a database as set-up does, marks it as a demo (meta 'demo' = '1') and fills it with a synthetic
 * municipality of `children` children for the chosen profile, as of the call's today (UCHET_TODAY
 * makes it a stated date). Either all of it exists afterwards
 * or none of it: a failure while filling removes the new files.
 */
export async function createDemoDatabase(ctx: CallContext, input: ParsedInput<'setup.demo'>): Promise<CallOutput<'setup.demo'>> {
  const profile = findProfile(input.profileId);
  if (!profile) throw new ApiError('VALIDATION', `Неизвестный порядок учёта: ${input.profileId}`);
  // In the app the demo has a folder of its own, never the real database's place; made once, then opened again.
  const home = homeOf(ctx.ws);
  if (home) {
    switchDatabase(ctx.ws, home.demoPath);
    if (ctx.ws.exists()) {
      const user = await ctx.ws.unlock(DEMO_LOGIN, DEMO_PASSWORD);
      const children = ctx.session().open.sqlite.prepare('SELECT count(*) FROM children').pluck().get() as number;
      ctx.target('database', ctx.session().keys.dbId, { demo: true, reopened: true });
      return { login: DEMO_LOGIN, password: DEMO_PASSWORD, user, children };
    }
  }
  const created = await createDatabase(ctx, {
    profileId: profile.id,
    departmentName: `Демо: ${profile.departmentName}`,
    adminLogin: DEMO_LOGIN,
    adminName: DEMO_NAME,
    password: DEMO_PASSWORD,
  });
  try {
    const { open, keys } = ctx.session();
    const asOf = ctx.today();
    const demo = planDemo({ children: input.children, seed: input.seed, profile, asOf });
    ctx.target('database', keys.dbId, { profile: profile.id, demo: true, seed: input.seed, children: input.children });
    const result = ctx.tx(() => {
      open.db.insert(meta).values({ key: 'demo', value: '1' }).onConflictDoUpdate({ target: meta.key, set: { value: '1' } }).run();
      const filled = populateDemo(open, demo, { userLogin: DEMO_LOGIN, asOf, onProgress: watchers.get(ctx.ws) });
      seedDemoTerritories(open.sqlite, DEMO_LOGIN);
      return filled;
    });
    return { login: DEMO_LOGIN, password: DEMO_PASSWORD, user: created.user, children: result.children };
  } catch (err) {
    ctx.ws.discardFiles();
    throw err;
  }
}
