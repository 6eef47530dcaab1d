import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { CallResult } from '../../shared/api/errors';
import type { Deadlines, Forecast, Statistics } from '../../shared/api/desk';
import { clockFromEnv } from '../../electron/app/clock';
import { Workspace } from '../../electron/app/workspace';
import { createDispatcher } from '../../electron/dispatcher';
import { DEMO_LOGIN } from '../../electron/services/demo';
import { heading, report } from './report';

const CHILDREN = Number(process.env.BENCH_CHILDREN ?? 200_000);

function must(res: CallResult): unknown {
  if (!res.ok) throw new Error(res.error.message);
  return res.result;
}

async function median(times: number, fn: () => Promise<unknown>): Promise<number> {
  await fn(); // warms statements and the page cache
  const t: number[] = [];
  for (let i = 0; i < times; i++) {
    const s = performance.now();
    await fn();
    t.push(performance.now() - s);
  }
  t.sort((a, b) => a - b);
  return t[Math.floor(t.length / 2)]!;
}

/**
 * The department's desk on the 200,000-child district, through the API as the screens call it: the home dashboard
 * (every organization's deadlines from 1 September with the lists received), the statistics on a date and the
 * first-grade forecast for two school years. Runs on a district already built (benchTerritories' hook) or builds one.
 */
export async function benchDesk(given?: Workspace, givenDispatch?: ReturnType<typeof createDispatcher>): Promise<void> {
  const dir = given ? null : mkdtempSync(join(tmpdir(), 'uchet-bench-desk-'));
  try {
    const ws = given ?? new Workspace(join(dir!, 'district.db'), clockFromEnv());
    const dispatch = givenDispatch ?? createDispatcher(ws);
    if (!given) must(await dispatch('setup.demo', { children: CHILDREN, seed: 7, profileId: 'kstovo' }));
    heading('Рабочий стол отдела: сроки, статистика, прогноз');
    const sqlite = ws.current!.open.sqlite;
    const asOf = process.env.UCHET_TODAY ?? '2026-09-15';
    // Every school sent its 1 September pupils list and a monthly truancy list (bench rows, as applied lists leave them).
    sqlite.exec(`INSERT INTO submissions (org_id, list_kind, as_of, origin, status, created_by, applied_at, applied_by)
      SELECT id, 'pupils-by-class', '2026-09-01', 'file', 'applied', '${DEMO_LOGIN}', '2026-09-02T08:00:00.000Z', '${DEMO_LOGIN}' FROM organizations WHERE kind = 'school'
      UNION ALL SELECT id, 'truancy', '2026-09-20', 'file', 'applied', '${DEMO_LOGIN}', '2026-09-21T08:00:00.000Z', '${DEMO_LOGIN}' FROM organizations WHERE kind = 'school' AND id % 2 = 0`);
    const orgs = sqlite.prepare("SELECT count(*) FROM organizations WHERE active = 1 AND kind IN ('school', 'kindergarten')").pluck().get() as number;
    let d: Deadlines | null = null;
    const home = await median(5, async () => (d = must(await dispatch('desk.deadlines', { asOf })) as Deadlines));
    report(`главная: сроки на ${asOf} (${orgs} школ и садов, ${d!.items.length} строк), медиана из 5`, home, 'мс');
    const monthly = '2027-05-25';
    const late = await median(3, async () => (d = must(await dispatch('desk.deadlines', { asOf: monthly })) as Deadlines));
    report(`главная: сроки на ${monthly} (учебный год целиком, ${d!.items.length} строк), медиана из 3`, late, 'мс');
    let s: Statistics | null = null;
    const stats = await median(3, async () => (s = must(await dispatch('desk.statistics', { asOf })) as Statistics));
    report(`статистика на дату (${s!.total} обучающихся), медиана из 3`, stats, 'мс');
    let f: Forecast | null = null;
    const year = Number(asOf.slice(0, 4)) + 1;
    const forecast = await median(3, async () => (f = must(await dispatch('desk.forecast', { year })) as Forecast));
    report(`прогноз приёма в 1 класс на ${year} и ${year + 1} (${f!.years[0]!.totals.total} + ${f!.years[1]!.totals.total} детей, по территориям: ${f!.territoryBy}), медиана из 3`, forecast, 'мс');
    if (!given) ws.lock();
  } finally {
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

// Run alone: `npx tsx test/bench/desk.ts` (BENCH_CHILDREN to change the size).
if (import.meta.url === `file://${process.argv[1]}`) {
  process.env.UCHET_TODAY ??= '2026-09-15';
  await benchDesk();
}
