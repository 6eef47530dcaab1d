/**
 * The worker that reads and links an uploaded list (electron/services/intake/inWorker.ts): a file that gets past
 * every size limit and still needs more memory than the worker may take ends that worker with a Russian message,
 * while this process, the database and the next upload go on. All people here are made up.
 */
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/api/errors';
import { LIMIT_ERRORS } from '../../electron/services/intake/fileLimits';
import { TWO_WORKERS_FROM_BYTES, runPrepare } from '../../electron/services/intake/inWorker';
import { prepareUpload } from '../../electron/services/intake/prepare';
import { setUp } from './helpers';

const SURNAMES = ['Иванов', 'Петров', 'Сидоров', 'Кузнецов', 'Смирнов', 'Попов', 'Лебедев'];

/** A plain CSV list of `n` made-up children. */
function csvList(n: number): string {
  const lines = ['№;Фамилия;Имя;Отчество;Дата рождения;Адрес регистрации'];
  for (let i = 1; i <= n; i++) {
    lines.push(`${i};${SURNAMES[i % SURNAMES.length]};Пётр;Сергеевич;${String((i % 28) + 1).padStart(2, '0')}.0${(i % 9) + 1}.2015;п. Свободный, ул. Ленина, д. ${i}`);
  }
  return `${lines.join('\r\n')}\r\n`;
}

describe('intake worker', () => {
  it('a list needing more memory than the worker may take ends it with a Russian message; the app and the next upload go on', async () => {
    const w = await setUp();
    const school = (await w.call('orgs.list', {})).find((o) => o.kind === 'school')!;
    const { open, dbKey } = w.ws.require();
    const big = Buffer.from(csvList(100_000), 'utf8');
    const err = await runPrepare(
      { fileName: 'большой.csv', base64: big.toString('base64'), asOf: '2026-09-01', saved: null, db: { path: open.path, key: new Uint8Array(dbKey) } },
      { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 8 },
    ).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).message).toBe(LIMIT_ERRORS.outOfMemory('большой.csv', 64));
    expect((err as ApiError).message).toMatch(/«большой\.csv» не прочитан: на его разбор не хватило отведённой памяти \(64 МБ\)/);

    // The same process goes on: the session is open, and a list of a normal size is taken in by the worker.
    const small = Buffer.from(csvList(3), 'utf8').toString('base64');
    const s = await w.call('intake.upload', { orgId: school.id, listKind: 'school-pupils', asOf: '2026-09-01', fileName: 'малый.csv', base64: small });
    expect(s.counts).toMatchObject({ rows: 3, new: 3, errors: 0 });
    expect((await w.call('intake.rows', { submissionId: s.id })).rows.map((r) => r.values.surname)).toEqual(['Петров', 'Сидоров', 'Кузнецов']);
  });

  it('a long list, parsed in one worker while another reads the registry, is decided exactly as by one worker', async () => {
    const w = await setUp();
    for (const i of [3, 700, 4001]) {
      await w.call('children.create', {
        child: { surname: SURNAMES[i % SURNAMES.length]!, name: 'Пётр', patronymic: 'Сергеевич', birthDate: `2015-0${(i % 9) + 1}-${String((i % 28) + 1).padStart(2, '0')}`, gender: 'm' },
        facts: [{ type: 'address', kind: 'registration', text: `п. Свободный, ул. Ленина, д. ${i}` }],
      });
    }
    const { open, dbKey } = w.ws.require();
    const file = Buffer.from(csvList(5000), 'utf8');
    expect(file.byteLength).toBeGreaterThanOrEqual(TWO_WORKERS_FROM_BYTES);
    const job = { fileName: 'длинный.csv', base64: file.toString('base64'), asOf: '2026-09-01', saved: null };
    const split = await runPrepare({ ...job, db: { path: open.path, key: new Uint8Array(dbKey) } });
    const single = await prepareUpload({ ...job, kind: 'upload', db: { path: open.path, key: new Uint8Array(dbKey) } });
    expect(split.rows.length).toBe(5000);
    // Every stored column of every draft row: cells, values, issues, decision, child, score, reasons, candidates.
    expect(split.rows).toEqual(single.rows);
    const linked = split.rows.filter((r) => r.decision === 'auto' && r.childId !== null).map((r) => r.rowNo);
    expect(linked).toEqual(expect.arrayContaining([3, 700, 4001]));
  });

  it('a file the reader refuses comes back from the worker as the reader’s own message', async () => {
    const w = await setUp();
    const school = (await w.call('orgs.list', {})).find((o) => o.kind === 'school')!;
    const err = await w.fails('intake.upload', { orgId: school.id, listKind: 'school-pupils', asOf: '2026-09-01', fileName: 'пусто.csv', base64: Buffer.from('   \r\n').toString('base64') });
    expect(err.code).toBe('VALIDATION');
    expect(err.message).toBe('Файл «пусто.csv» пустой. Проверьте, что выбран нужный файл, и загрузите его снова.');
  });
});
