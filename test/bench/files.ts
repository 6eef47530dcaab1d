/**
 * Hostile files of the intake tests (test/integration/hostileFiles.ts) taken in as the app takes them —
 * `intake.upload` through the dispatcher, read and linked in the worker — each in a process of its own, so
 * that its peak memory is its own: the XFD workbook of issue 7, zip bombs with an honest and a lying
 * directory, and a 250 MB cell. `node --import tsx test/bench/files.ts KIND` measures one and prints JSON.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { clockFromEnv } from '../../electron/app/clock';
import { Workspace } from '../../electron/app/workspace';
import { createDispatcher } from '../../electron/dispatcher';
import { peakRssDuring, xfdWorkbook, zipBomb } from '../integration/hostileFiles';
import { report } from './report';

const FILES = {
  xfd: { title: 'книга 200 КБ с ячейкой в столбце XFD в каждой строке', make: async () => xfdWorkbook() },
  bomb: { title: 'zip-бомба: лист 300 МБ, честный размер в оглавлении', make: () => zipBomb(300) },
  lyingBomb: { title: 'zip-бомба: лист 300 МБ, в оглавлении 4 КБ', make: () => zipBomb(300, true) },
  longCell: { title: 'ячейка 250 МБ (в пределе распакованного размера)', make: () => zipBomb(250) },
} as const;
type Kind = keyof typeof FILES;

interface Measured {
  bytes: number;
  ms: number;
  peakMiB: number;
  outcome: string;
}

async function measure(kind: Kind): Promise<Measured> {
  const dir = mkdtempSync(join(tmpdir(), 'uchet-bench-files-'));
  try {
    const ws = new Workspace(join(dir, 'bench.db'), clockFromEnv());
    const dispatch = createDispatcher(ws);
    const created = await dispatch('setup.create', { profileId: 'zato-svobodny', departmentName: 'Замер', adminLogin: 'admin', adminName: 'Замер', password: 'пароль для замера' });
    if (!created.ok) throw new Error(created.error.message);
    const orgs = await dispatch('orgs.list', {});
    if (!orgs.ok) throw new Error(orgs.error.message);
    const school = (orgs.result as { id: number; kind: string }[]).find((o) => o.kind === 'school')!;
    const bytes = await FILES[kind].make();
    const base64 = bytes.toString('base64');
    const t = performance.now();
    const { result, peakMiB } = await peakRssDuring(() => dispatch('intake.upload', { orgId: school.id, listKind: 'school-pupils', asOf: '2026-09-01', fileName: `${kind}.xlsx`, base64 }));
    const ms = performance.now() - t;
    ws.lock();
    const outcome = result.ok ? `принят, строк: ${(result.result as { counts: { rows: number } }).counts.rows}` : `отказ: ${result.error.message.slice(0, 60)}…`;
    return { bytes: bytes.length, ms, peakMiB, outcome };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchFiles(): Promise<void> {
  let worst = 0;
  for (const kind of Object.keys(FILES) as Kind[]) {
    const child = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), kind], { encoding: 'utf8', env: process.env });
    if (child.status !== 0) throw new Error(`files ${kind}: ${child.stderr}`);
    const m = JSON.parse(child.stdout.trim().split('\n').at(-1)!) as Measured;
    console.log(`  ${FILES[kind].title} (${Math.round(m.bytes / 1024)} КБ): ${m.outcome}`);
    report(`    время intake.upload`, m.ms, 'мс');
    report(`    пиковая память сверх исходной (RSS процесса с рабочим потоком)`, m.peakMiB, 'МиБ');
    worst = Math.max(worst, m.peakMiB);
  }
  report('пиковая память чтения худшей таблицы из тестов (сверх исходной)', worst, 'МиБ');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const kind = process.argv[2] as Kind;
  if (!(kind in FILES)) {
    console.error(`usage: node --import tsx test/bench/files.ts ${Object.keys(FILES).join('|')}`);
    process.exit(2);
  }
  console.log(JSON.stringify(await measure(kind)));
}
