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

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

// English-layout keys for Russian letters, to type a query as someone who forgot to switch the layout.
const RU = 'йцукенгшщзхъфывапролджэячсмитьбю';
const EN = "qwertyuiop[]asdfghjkl;'zxcvbnm,.";
const toLatin = (s: string) => [...s.toLowerCase()].map((c) => EN[RU.indexOf(c)] ?? c).join('');

/**
 * The registry on a synthetic district of 200,000 children (uchet demo): search latency through the API
 * (as the screen calls it, audit entry included) over 200 typed queries, and the first page of the screen.
 */
export async function benchRegistry(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'uchet-bench-registry-'));
  try {
    const ws = new Workspace(join(dir, 'district.db'), clockFromEnv());
    const dispatch = createDispatcher(ws);
    let t = performance.now();
    must(await dispatch('setup.demo', { children: CHILDREN, seed: 7, profileId: 'kstovo' }));
    report(`демо-муниципалитет из ${CHILDREN} детей (uchet demo / setup.demo)`, (performance.now() - t) / 1000, 'с');
    ws.lock();
    report('размер файла базы', statSync(ws.dbPath).size / 1024 / 1024, 'МиБ');

    must(await dispatch('session.unlock', { login: DEMO_LOGIN, password: DEMO_PASSWORD }));
    t = performance.now();
    const first = must(await dispatch('children.search', { limit: 100 })) as { total: number };
    report(`первая страница реестра (100 строк из ${first.total}, сортировка по ФИО)`, performance.now() - t, 'мс');
    t = performance.now();
    must(await dispatch('children.search', { limit: 100, offset: 150_000 }));
    report('страница в середине списка (смещение 150 000)', performance.now() - t, 'мс');
    t = performance.now();
    must(await dispatch('children.search', { limit: 100, sort: 'birthDate', dir: 'desc', ageFrom: 6, ageTo: 17, noOrg: true }));
    report('фильтр «6–17 лет, не в организации», сортировка по дате рождения', performance.now() - t, 'мс');

    // 40 children spread over the registry; each typed the way people type: growing prefixes, a typo, ё/е, wrong layout.
    const sample = ws.current!.open.sqlite.prepare("SELECT surname, name FROM children WHERE id % 4999 = 11 AND status = 'active' LIMIT 40").all() as { surname: string; name: string }[];
    const queries: string[] = [];
    for (const { surname, name } of sample) {
      queries.push(surname.slice(0, 3), surname.slice(0, 5), surname, `${surname} ${name.slice(0, 2)}`);
      const typo = surname.length > 5 ? `${surname.slice(0, 2)}${surname[3]}${surname[2]}${surname.slice(4)}` : toLatin(surname);
      queries.push(queries.length % 3 ? typo : toLatin(`${surname} ${name}`));
    }
    t = performance.now();
    must(await dispatch('children.search', { query: queries[0]!, limit: 50 }));
    report('первый поиск по имени (строится словарь имён)', performance.now() - t, 'мс');

    const times: number[] = [];
    let found = 0;
    for (const query of queries.slice(0, 200)) {
      t = performance.now();
      const res = must(await dispatch('children.search', { query, limit: 50 })) as { total: number };
      times.push(performance.now() - t);
      if (res.total > 0) found += 1;
    }
    times.sort((a, b) => a - b);
    report(`поиск: ${times.length} набранных запросов, медиана`, percentile(times, 50), 'мс');
    report('поиск: 95-й процентиль', percentile(times, 95), 'мс');
    report('поиск: самый долгий', times.at(-1)!, 'мс');
    report('поиск: запросов, нашедших хотя бы одного ребёнка', found, `из ${times.length}`);

    t = performance.now();
    const xlsx = must(await dispatch('children.exportXlsx', { ageFrom: 6, ageTo: 17 })) as { rows: number; base64: string };
    report(`выгрузка в XLSX (${xlsx.rows} строк)`, (performance.now() - t) / 1000, 'с');
    report('размер XLSX', (xlsx.base64.length * 0.75) / 1024 / 1024, 'МиБ');
    ws.lock();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
