import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { KDF_PARAMS, readKeyFile, unwrapWithPassword } from '../../db/keys';
import { openDatabase } from '../../db/open';
import { clockFromEnv } from '../../electron/app/clock';
import { Workspace } from '../../electron/app/workspace';
import { createDispatcher } from '../../electron/dispatcher';
import { report } from './report';

/** Creating and unlocking a database, and bulk writes of child-sized rows in one transaction. */
export async function benchFoundation(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'uchet-bench-'));
  try {
    const ws = new Workspace(join(dir, 'bench.db'), clockFromEnv());
    const dispatch = createDispatcher(ws);
    const password = 'пароль для замера';

    let t = performance.now();
    const created = await dispatch('setup.create', { profileId: 'kstovo', departmentName: 'Замер', adminLogin: 'admin', adminName: 'Замер', password });
    if (!created.ok) throw new Error(created.error.message);
    report('создание базы (setup.create: 2 ключа scrypt, миграции, организации)', performance.now() - t, 'мс');
    ws.lock();

    const runs: number[] = [];
    for (let i = 0; i < 5; i++) {
      t = performance.now();
      const r = await dispatch('session.unlock', { login: 'admin', password });
      if (!r.ok) throw new Error(r.error.message);
      runs.push(performance.now() - t);
      ws.lock();
    }
    runs.sort((a, b) => a - b);
    report(`разблокировка (session.unlock), медиана из 5`, runs[2]!, 'мс');

    t = performance.now();
    const key = await unwrapWithPassword(readKeyFile(ws.keysPath), 'admin', password);
    report(`scrypt N=2^${Math.log2(KDF_PARAMS.N)} r=${KDF_PARAMS.r} p=${KDF_PARAMS.p} (одно выведение ключа)`, performance.now() - t, 'мс');

    const open = openDatabase(ws.dbPath, key);
    const N = 200_000;
    const insert = open.sqlite.prepare(
      'INSERT INTO children (surname, name, patronymic, birth_date, gender) VALUES (?, ?, ?, ?, ?)',
    );
    t = performance.now();
    open.sqlite.transaction(() => {
      for (let i = 0; i < N; i++) {
        insert.run(`Фамилия${i % 5000}`, `Имя${i % 300}`, `Отчество${i % 200}`, `20${String(8 + (i % 11)).padStart(2, '0')}-0${1 + (i % 9)}-1${i % 10}`, i % 2 ? 'm' : 'f');
      }
    })();
    const ms = performance.now() - t;
    report(`запись ${N} строк детей одной транзакцией`, ms, 'мс');
    report('скорость записи', Math.round(N / (ms / 1000)), 'строк/с');
    open.close();
    report('размер файла базы после записи', statSync(ws.dbPath).size / 1024 / 1024, 'МиБ');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
