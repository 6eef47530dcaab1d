import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { CallResult } from '../../shared/api/errors';
import type { MovementOverview } from '../../shared/api/movement';
import { clockFromEnv } from '../../electron/app/clock';
import { Workspace } from '../../electron/app/workspace';
import { createDispatcher } from '../../electron/dispatcher';
import { heading, report } from './report';

const CHILDREN = Number(process.env.BENCH_CHILDREN ?? 200_000);

function must(res: CallResult): unknown {
  if (!res.ok) throw new Error(res.error.message);
  return res.result;
}

async function median(times: number, fn: () => Promise<unknown>): Promise<number> {
  await fn();
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
 * «Движение обучающихся» on the demo district, through the API as the screen calls it: the school year's enrolments,
 * expulsions, notices and unconfirmed expulsions of the largest school, and of every school (the department).
 * Run alone: `BENCH_CHILDREN=200000 npx tsx test/bench/movement.ts`.
 */
export async function benchMovement(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'uchet-bench-movement-'));
  try {
    const ws = new Workspace(join(dir, 'district.db'), clockFromEnv());
    const dispatch = createDispatcher(ws);
    must(await dispatch('setup.demo', { children: CHILDREN, seed: 7, profileId: 'kstovo' }));
    const sqlite = ws.current!.open.sqlite;
    const today = process.env.UCHET_TODAY ?? '2026-09-15';
    const big = sqlite
      .prepare("SELECT s.org_id AS id, count(*) AS n FROM studies s JOIN organizations o ON o.id = s.org_id WHERE o.kind = 'school' AND s.valid_to IS NULL GROUP BY s.org_id ORDER BY n DESC LIMIT 1")
      .get() as { id: number; n: number };
    const from = '2025-09-01';
    let v: MovementOverview | null = null;
    const one = await median(5, async () => (v = must(await dispatch('movement.overview', { orgId: big.id, from, to: today })) as MovementOverview));
    report(`школа (${big.n} обучающихся): движение за ${from}…${today} (${v!.events.length} событий, ${v!.unconfirmed.length} без подтверждения)`, one, 'мс');
    const all = await median(3, async () => (v = must(await dispatch('movement.overview', { orgId: null, from, to: today })) as MovementOverview));
    report(`все школы (${CHILDREN} детей): движение за тот же период (${v!.events.length} событий, ${v!.unconfirmed.length} без подтверждения)`, all, 'мс');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.env.UCHET_TODAY ??= '2026-09-15';
  heading('Движение обучающихся');
  await benchMovement();
}
