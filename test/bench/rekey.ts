import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { CallResult } from '../../shared/api/errors';
import { clockFromEnv } from '../../electron/app/clock';
import { Workspace } from '../../electron/app/workspace';
import { createDispatcher } from '../../electron/dispatcher';
import { DEMO_LOGIN, DEMO_PASSWORD } from '../../electron/services/demo';
import { report } from './report';

const CHILDREN = Number(process.env.BENCH_CHILDREN ?? 200_000);

function must(res: CallResult): unknown {
  if (!res.ok) throw new Error(res.error.message);
  return res.result;
}

/**
 * «Сменить ключ базы» (users.rekey, also run when a user is deactivated) on a district of BENCH_CHILDREN
 * children: every page of the file is re-encrypted while the call waits, so this is how long the screen waits.
 */
export async function benchRekey(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'uchet-bench-rekey-'));
  try {
    const ws = new Workspace(join(dir, 'district.db'), clockFromEnv());
    const dispatch = createDispatcher(ws);
    must(await dispatch('setup.demo', { children: CHILDREN, seed: 7, profileId: 'kstovo' }));
    ws.lock();
    must(await dispatch('session.unlock', { login: DEMO_LOGIN, password: DEMO_PASSWORD }));
    ws.current!.open.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    const mib = statSync(ws.dbPath).size / 1024 / 1024;
    const t = performance.now();
    must(await dispatch('users.rekey', {}));
    const ms = performance.now() - t;
    report(`смена ключа базы (users.rekey) на ${CHILDREN} детях, файл ${mib.toFixed(0)} МиБ`, ms / 1000, 'с');
    report('скорость перешифрования', mib / (ms / 1000), 'МиБ/с');
    ws.lock();
    const u = performance.now();
    must(await dispatch('session.unlock', { login: DEMO_LOGIN, password: DEMO_PASSWORD }));
    report('вход после смены ключа', performance.now() - u, 'мс');
    ws.lock();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
