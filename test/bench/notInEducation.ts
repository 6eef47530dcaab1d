import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { CallResult } from '../../shared/api/errors';
import { clockFromEnv } from '../../electron/app/clock';
import { Workspace } from '../../electron/app/workspace';
import { createDispatcher } from '../../electron/dispatcher';
import { DEMO_LOGIN, DEMO_PASSWORD } from '../../electron/services/demo';
import { computeNotInEducation } from '../../electron/services/education/list';
import { report } from './report';

const CHILDREN = Number(process.env.BENCH_CHILDREN ?? 200_000);

function must(res: CallResult): unknown {
  if (!res.ok) throw new Error(res.error.message);
  return res.result;
}

/**
 * «Не обучаются» on the synthetic district (uchet demo, 200,000 children): the list on a date as the screen asks
 * for it (through the API, audit entry included), the whole list as the command line takes it, the query alone, and
 * one child's evidence. Median of 5 runs each, after one warm-up.
 */
export async function benchNotInEducation(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'uchet-bench-nie-'));
  try {
    const ws = new Workspace(join(dir, 'district.db'), clockFromEnv());
    const dispatch = createDispatcher(ws);
    must(await dispatch('setup.demo', { children: CHILDREN, seed: 7, profileId: 'kstovo' }));
    ws.lock();
    must(await dispatch('session.unlock', { login: DEMO_LOGIN, password: DEMO_PASSWORD }));
    const asOf = process.env.UCHET_TODAY ?? '2026-09-15';
    const median = async (fn: () => unknown | Promise<unknown>) => {
      await fn();
      const times: number[] = [];
      for (let i = 0; i < 5; i++) {
        const t = performance.now();
        await fn();
        times.push(performance.now() - t);
      }
      return times.sort((a, b) => a - b)[2]!;
    };
    let shown = 0;
    const screen = await median(async () => {
      const r = must(await dispatch('education.list', { asOf })) as { total: number; byGroup: Record<string, number> };
      shown = r.total;
    });
    report(`«Не обучаются» на дату: список экрана через API (${shown} детей из ${CHILDREN})`, screen, 'мс');
    const whole = await median(async () => must(await dispatch('education.list', { asOf, groups: ['not-in-education', 'left-municipality?', 'kindergarten-under-8'], limit: 1_000_000 })));
    report('весь список со всеми группами (как uchet not-in-education)', whole, 'мс');
    const sqlite = ws.current!.open.sqlite;
    let n = 0;
    const query = await median(() => (n = computeNotInEducation(sqlite, asOf).length));
    report(`запрос без API и журнала (${n} строк)`, query, 'мс');
    const first = (must(await dispatch('education.list', { asOf, limit: 1 })) as { rows: { childId: number }[] }).rows[0];
    if (first) report('карточка ребёнка: сведения и дело', await median(async () => must(await dispatch('education.child', { childId: first.childId, asOf }))), 'мс');
    ws.lock();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
