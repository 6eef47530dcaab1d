import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { CallResult } from '../../shared/api/errors';
import { truancyRuleOf } from '../../shared/domain/truancy';
import { kstovo } from '../../shared/profiles/kstovo';
import { zatoSvobodny } from '../../shared/profiles/zato-svobodny';
import { clockFromEnv } from '../../electron/app/clock';
import { Workspace } from '../../electron/app/workspace';
import { createDispatcher } from '../../electron/dispatcher';
import { truancyList } from '../../electron/services/attendance/truancy';
import { report } from './report';

const CHILDREN = Number(process.env.BENCH_CHILDREN ?? 200_000);
/** The months of attendance generated for every pupil: September to January, the list taken for January. */
const MONTHS = ['2026-09', '2026-10', '2026-11', '2026-12', '2027-01'];
const MONTH = '2027-01';
const AS_OF = '2027-01-31';

function must(res: CallResult): unknown {
  if (!res.ok) throw new Error(res.error.message);
  return res.result;
}

async function median(runs: number, fn: () => unknown | Promise<unknown>): Promise<number> {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
}

/** A small deterministic generator, so runs compare. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The monthly truancy list (issue 11) on the synthetic 200,000-child district (uchet demo, Кстово): attendance of every
 * pupil for five months is generated (about 1 % not started, 3 % above 75 % without good reason and marked by the
 * school, the rest attending), then the list of one month is made for the largest school and for every school of the
 * district — through the API as the screen and `uchet truancy` ask for it (journal entry included), and the query alone
 * under both profiles' rules. Median of 5 runs (3 for the district), after one warm-up.
 */
export async function benchTruancy(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'uchet-bench-truancy-'));
  try {
    const ws = new Workspace(join(dir, 'district.db'), clockFromEnv());
    const dispatch = createDispatcher(ws);
    let t = performance.now();
    must(await dispatch('setup.demo', { children: CHILDREN, seed: 7, profileId: 'kstovo' }));
    report(`реестр: демо-муниципалитет из ${CHILDREN} детей (setup.demo)`, (performance.now() - t) / 1000, 'с');
    const sqlite = ws.current!.open.sqlite;
    const pupils = sqlite
      .prepare("SELECT c.id, c.cur_org_id AS org FROM children c JOIN organizations o ON o.id = c.cur_org_id WHERE o.kind = 'school' AND c.status = 'active' ORDER BY c.id")
      .all() as { id: number; org: number }[];
    t = performance.now();
    const random = rng(11);
    const insert = sqlite.prepare(
      `INSERT INTO attendance (child_id, org_id, month, lessons_held, missed_total, missed_unexcused, school_mark, origin, recorded_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, 'file', 'bench')`,
    );
    let rows = 0;
    sqlite.transaction(() => {
      for (const p of pupils) {
        const kind = random();
        for (const m of MONTHS) {
          const held = 60 + Math.floor(random() * 30);
          if (kind < 0.01) insert.run(p.id, p.org, m, held, held, held, null);
          else if (kind < 0.04) {
            const u = Math.ceil(held * 0.76) + Math.floor(random() * (held - Math.ceil(held * 0.76)));
            insert.run(p.id, p.org, m, held, u, u, 'systematic');
          } else {
            const missed = Math.floor(random() * 12);
            insert.run(p.id, p.org, m, held, missed, Math.floor(missed * random()), null);
          }
          rows++;
        }
      }
    })();
    report(`посещаемость: ${rows} строк (${pupils.length} учеников × ${MONTHS.length} мес.) записано`, (performance.now() - t) / 1000, 'с');
    sqlite.exec('ANALYZE');

    const bySchool = new Map<number, number>();
    for (const p of pupils) bySchool.set(p.org, (bySchool.get(p.org) ?? 0) + 1);
    const [largest, size] = [...bySchool.entries()].sort((a, b) => b[1] - a[1])[0]!;
    // The school nearest to 2,000 pupils (a large town school), as the issue asks.
    const [typical, typicalSize] = [...bySchool.entries()].sort((a, b) => Math.abs(a[1] - 2000) - Math.abs(b[1] - 2000))[0]!;
    let n = 0;
    const near = await median(5, async () => (n = (must(await dispatch('attendance.truancy', { orgId: typical, month: MONTH })) as { rows: unknown[] }).rows.length));
    report(`список за месяц, школа из ${typicalSize} учеников, через API (${n} в списке)`, near, 'мс');
    const api = await median(5, async () => (n = (must(await dispatch('attendance.truancy', { orgId: largest, month: MONTH })) as { rows: unknown[] }).rows.length));
    report(`список за месяц, школа из ${size} учеников, через API (${n} в списке)`, api, 'мс');
    const kst = truancyRuleOf(kstovo);
    const zato = truancyRuleOf(zatoSvobodny);
    const one = await median(5, () => (n = truancyList(sqlite, zato, { orgId: largest, month: MONTH, asOf: AS_OF }).length));
    report(`  то же, запрос без API, правило 75 % (${n} в списке)`, one, 'мс');
    const all = await median(3, () => (n = truancyList(sqlite, kst, { orgId: null, month: MONTH, asOf: AS_OF }).length));
    report(`список за месяц, все ${bySchool.size} школ района (${pupils.length} учеников), отметки школ (${n} в списке)`, all, 'мс');
    const all75 = await median(3, () => (n = truancyList(sqlite, zato, { orgId: null, month: MONTH, asOf: AS_OF }).length));
    report(`  то же, правило 75 % (${n} в списке)`, all75, 'мс');
    let schools = 0;
    const overview = await median(3, async () => (schools = (must(await dispatch('attendance.overview', { month: MONTH })) as { schools: unknown[] }).schools.length));
    report(`сводка отдела по ${schools} школам за ${MONTHS.length} мес. через API`, overview, 'мс');
    t = performance.now();
    const made = must(await dispatch('reports.make', { formId: 'kstovo-app3', orgId: largest, asOf: '2027-01-20', year: null, format: 'pdf' })) as { printout: { childCount: number } };
    report(`Приложение 3 (PDF) крупнейшей школы на 20.01.2027 (${made.printout.childCount} детей)`, performance.now() - t, 'мс');
    ws.lock();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
