import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { CallResult } from '../../shared/api/errors';
import { Workspace } from '../../electron/app/workspace';
import { createDispatcher } from '../../electron/dispatcher';
import { heading, report } from './report';

const CHILDREN = Number(process.env.BENCH_CHILDREN ?? 50_000);

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
 * «Внутришкольный учёт» of the largest demo school through the API as the screen calls it: every pupil with
 * three months of attendance (a tenth of them with unexcused absences), a hundred pupils with register entries.
 * Run alone: `BENCH_CHILDREN=50000 npx tsx test/bench/schoolRegister.ts`.
 */
export async function benchSchoolRegister(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'uchet-bench-register-'));
  try {
    const now = Date.parse('2026-12-01T09:00:00Z');
    const ws = new Workspace(join(dir, 'district.db'), () => now);
    const dispatch = createDispatcher(ws);
    must(await dispatch('setup.demo', { children: CHILDREN, seed: 7, profileId: 'kstovo' }));
    const sqlite = ws.current!.open.sqlite;
    const big = sqlite.prepare("SELECT cur_org_id AS id, count(*) AS n FROM children c JOIN organizations o ON o.id = c.cur_org_id WHERE o.kind = 'school' GROUP BY cur_org_id ORDER BY n DESC LIMIT 1").get() as { id: number; n: number };
    const ids = sqlite.prepare('SELECT id FROM children WHERE cur_org_id = ?').pluck().all(big.id) as number[];
    const att = sqlite.prepare("INSERT INTO attendance (child_id, org_id, month, lessons_held, missed_total, missed_unexcused, origin, recorded_by) VALUES (?, ?, ?, 80, ?, ?, 'grid', 'bench')");
    const entry = sqlite.prepare("INSERT INTO school_register_entries (child_id, org_id, kind, on_date, actor, data, created_by) VALUES (?, ?, ?, ?, 'Классный руководитель', '{}', 'bench')");
    sqlite.transaction(() => {
      ids.forEach((id, i) => {
        for (const [k, month] of ['2026-09', '2026-10', '2026-11'].entries()) att.run(id, big.id, month, i % 10 === 0 ? 10 + k : 2, i % 10 === 0 ? 8 + k : 0);
        if (i % 10 === 0 && i < 1000) {
          entry.run(id, big.id, 'contact', '2026-09-20');
          entry.run(id, big.id, 'warning', '2026-10-20');
        }
      });
    })();
    let shown = 0;
    const list = await median(5, async () => (shown = (must(await dispatch('school.pupils', { orgId: big.id, all: false })) as { rows: unknown[] }).rows.length));
    report(`школа (${big.n} обучающихся): обучающиеся с пропусками и записями учёта, где каждый стоит, следующий шаг (${shown} строк)`, list, 'мс');
    const all = await median(3, async () => (shown = (must(await dispatch('school.pupils', { orgId: big.id, all: true })) as { rows: unknown[] }).rows.length));
    report(`та же школа, все обучающиеся (${shown} строк)`, all, 'мс');
    const card = await median(10, async () => must(await dispatch('school.card', { childId: ids[0]! })));
    report('карта учёта одного обучающегося', card, 'мс');
    const print = await median(5, async () => must(await dispatch('school.print', { childId: ids[0]!, entryId: null, doc: 'card' })));
    report('печать карты учёта (PDF, номер в реестре)', print, 'мс');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  heading('Внутришкольный учёт');
  await benchSchoolRegister();
}
