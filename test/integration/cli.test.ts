import { spawnSync } from 'node:child_process';
import { parse as parseCsv } from 'csv-parse/sync';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, setUp, tempDir, workspace } from './helpers';

const BIN = join(import.meta.dirname, '../../bin/uchet.js');

function uchet(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, UCHET_PASSWORD: '', ...env } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('the command line', () => {
  it('creates a database, manages users and organizations, verifies the journal, backs up and restores', async () => {
    const dir = tempDir();
    const db = join(dir, 'district.db');
    const env = { UCHET_PASSWORD: 'пароль администратора' };

    const init = uchet(['init', '--db', db, '--profile', 'kstovo', '--admin', 'chief', '--name', 'Начальник Тестовый'], env);
    expect(init.err).toBe('');
    expect(init.code).toBe(0);
    const code = /([0-9A-Z]{5}(-[0-9A-Z]{5}){4})/.exec(init.out)?.[1];
    expect(code).toBeTruthy();

    const orgs = uchet(['orgs', 'list', '--db', db, '--user', 'chief', '--json'], env);
    expect(orgs.code).toBe(0);
    expect(JSON.parse(orgs.out).map((o: { kind: string }) => o.kind)).toContain('department');

    const added = uchet(['orgs', 'add', '--db', db, '--user', 'chief', '--kind', 'school', '--full-name', 'МБОУ «Школа № 1» (тест)', '--short-name', 'Школа № 1'], env);
    expect(added.code).toBe(0);
    const user = uchet(['users', 'add', '--db', db, '--user', 'chief', '--login', 'school1', '--name', 'Завуч', '--role', 'school', '--org', 'Школа № 1'], { ...env, UCHET_NEW_PASSWORD: 'пароль школы 1' });
    expect(user.err).toBe('');
    expect(user.code).toBe(0);
    const users = uchet(['users', 'list', '--db', db, '--user', 'chief', '--json'], env);
    expect(JSON.parse(users.out).map((u: { login: string }) => u.login).sort()).toEqual(['chief', 'school1']);

    const verify = uchet(['audit', 'verify', '--db', db, '--user', 'chief'], env);
    expect(verify.code).toBe(0);
    expect(verify.out).toMatch(/Журнал цел/);

    const backup = join(dir, 'copy.uchetbak');
    expect(uchet(['backup', '--db', db, '--user', 'chief', '--to', backup], env).code).toBe(0);
    expect(readFileSync(backup).includes(Buffer.from('Школа № 1'))).toBe(false);

    // On "another machine": restore with the recovery code alone, then with a user's password.
    const codeFile = join(dir, 'code.txt');
    writeFileSync(codeFile, `${code}\n`);
    const restored = join(dir, 'restored.db');
    const r1 = uchet(['restore', '--from', backup, '--db', restored, '--recovery-code-file', codeFile]);
    expect(r1.err).toBe('');
    expect(r1.code).toBe(0);
    const list = uchet(['orgs', 'list', '--db', restored, '--user', 'school1'], { UCHET_PASSWORD: 'пароль школы 1' });
    expect(list.out).toMatch(/Школа № 1/);
    const restored2 = join(dir, 'restored2.db');
    expect(uchet(['restore', '--from', backup, '--db', restored2, '--user', 'chief'], env).code).toBe(0);
    // Restore never overwrites.
    const again = uchet(['restore', '--from', backup, '--db', restored2, '--user', 'chief'], env);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/уже существует/);
  }, 300_000); // a dozen command-line processes, each loading the whole app through tsx (3–4 s each here)

  it('reports errors in Russian on stderr with a non-zero exit code, and never takes a password as an argument', () => {
    const dir = tempDir();
    const missing = uchet(['orgs', 'list', '--db', join(dir, 'none.db')], { UCHET_PASSWORD: 'x' });
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/Файл базы данных не найден/);
    const noPassword = uchet(['init', '--db', join(dir, 'a.db'), '--profile', 'kstovo', '--admin', 'a']);
    expect(noPassword.code).toBe(2);
    expect(noPassword.err).toMatch(/UCHET_PASSWORD/);
    const argPassword = uchet(['init', '--db', join(dir, 'a.db'), '--profile', 'kstovo', '--admin', 'a', '--password', 'secret123']);
    expect(argPassword.code).toBe(2);
    expect(argPassword.err).toMatch(/виден другим программам/);
    const badProfile = uchet(['init', '--db', join(dir, 'a.db'), '--profile', 'moscow', '--admin', 'a'], { UCHET_PASSWORD: 'пароль пароль' });
    expect(badProfile.code).toBe(2);
    expect(badProfile.err).toMatch(/Неизвестный профиль «moscow»/);
  }, 60_000);

  it('goes through the dispatcher: a school user’s backup, exports and check are refused and journaled; an administrator’s are journaled', async () => {
    const dir = tempDir();
    const db = join(dir, 'district.db');
    const chief = { UCHET_PASSWORD: 'пароль администратора' };
    const school = { UCHET_PASSWORD: 'пароль школы 1' };
    expect(uchet(['init', '--db', db, '--profile', 'kstovo', '--admin', 'chief'], chief).code).toBe(0);
    expect(uchet(['orgs', 'add', '--db', db, '--user', 'chief', '--kind', 'school', '--full-name', 'Школа № 1 (тест)', '--short-name', 'Школа № 1'], chief).code).toBe(0);
    expect(uchet(['users', 'add', '--db', db, '--user', 'chief', '--login', 'school1', '--name', 'Завуч', '--role', 'school', '--org', 'Школа № 1'], { ...chief, UCHET_NEW_PASSWORD: 'пароль школы 1' }).code).toBe(0);

    const refusedBackup = join(dir, 'school.uchetbak');
    for (const args of [
      ['backup', '--to', refusedBackup],
      ['links', 'export', '--format', 'csv'],
      ['children', 'export', '--format', 'csv'],
      ['audit', 'verify'],
    ]) {
      const r = uchet([...args, '--db', db, '--user', 'school1'], school);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.err).toMatch(/Недостаточно прав/);
    }
    expect(existsSync(refusedBackup)).toBe(false);

    const backup = join(dir, 'copy.uchetbak');
    const made = uchet(['backup', '--db', db, '--user', 'chief', '--to', backup], chief);
    expect(made.code, made.err).toBe(0);
    // The check holds the journal against the key file's seal and the backup's.
    const verify = uchet(['audit', 'verify', '--db', db, '--user', 'chief', '--backup', backup], chief);
    expect(verify.err).toBe('');
    expect(verify.out).toMatch(/Журнал цел.*Совпадает с печатями: файл ключей \(№ \d+\), резервная копия copy\.uchetbak/);
    const forged = uchet(['audit', 'verify', '--db', db, '--user', 'chief', '--seal', `1/1/${'0'.repeat(64)}`], chief);
    expect(forged.code).toBe(1);
    expect(forged.err).toMatch(/не совпадает с печатью журнала \(распечатка/);

    // Only an administrator of the copy restores it; the restore is the restored database's newest entry.
    const bySchool = join(dir, 'by-school.db');
    const refusedRestore = uchet(['restore', '--from', backup, '--db', bySchool, '--user', 'school1'], school);
    expect(refusedRestore.code).toBe(1);
    expect(refusedRestore.err).toMatch(/только администратор/);
    expect(existsSync(bySchool) || existsSync(`${bySchool}.keys`)).toBe(false);
    const restored = join(dir, 'restored.db');
    expect(uchet(['restore', '--from', backup, '--db', restored, '--user', 'chief'], chief).code).toBe(0);

    const w = workspace(db);
    await w.call('session.unlock', { login: 'chief', password: chief.UCHET_PASSWORD });
    const { entries } = await w.call('audit.list', { limit: 500 });
    const refused = entries.filter((e) => e.action === 'access.denied' && e.userLogin === 'school1').map((e) => JSON.parse(e.details!).call);
    expect(refused.sort()).toEqual(['audit.verify', 'backup.create', 'children.exportPlain', 'intake.exportLinks']);
    expect(entries.find((e) => e.action === 'backup.create')).toMatchObject({ userLogin: 'chief', objectType: 'database' });
    expect(JSON.parse(entries.find((e) => e.action === 'backup.create')!.details!)).toMatchObject({ file: 'copy.uchetbak' });
    w.ws.lock();
    const r = workspace(restored);
    await r.call('session.unlock', { login: 'chief', password: chief.UCHET_PASSWORD });
    const [session, restoredEntry] = (await r.call('audit.list', { limit: 2 })).entries;
    expect(session!.action).toBe('session.unlock');
    expect(restoredEntry).toMatchObject({ action: 'backup.restore', userLogin: 'chief' });
    expect((await r.call('audit.verify', {})).ok).toBe(true);
    r.ws.lock();
  }, 180_000);

  it('neutralizes formula-looking cells in the plain and links exports, and quotes fields properly', async () => {
    const w = await setUp();
    const school = (await w.call('orgs.list', {})).find((o) => o.kind === 'school')!;
    const evil = { surname: "+cmd|' /C calc'!A0", name: '=HYPERLINK("http://example.invalid/?q=1";"Открыть")', patronymic: '-2+3' };
    await w.call('children.create', {
      child: { ...evil, birthDate: '2015-02-03', gender: 'm' },
      facts: [{ type: 'study', orgId: school.id, classLabel: '@SUM(1;2)', validFrom: '2025-09-01' }],
    });
    // A list whose file name is itself a formula (the links export writes file names).
    const fileName = '=HYPERLINK("evil.invalid";"x");1.csv';
    const list = 'Фамилия;Имя;Отчество;Дата рождения;Класс\r\nТестова;Анна;Петровна;01.02.2015;4А\r\n';
    await w.call('intake.upload', { orgId: school.id, listKind: 'school-pupils', asOf: '2026-09-01', fileName, base64: Buffer.from(list, 'utf8').toString('base64') });
    w.ws.lock();
    const env = { UCHET_PASSWORD: ADMIN_PASSWORD };

    const plain = uchet(['children', 'export', '--db', w.ws.dbPath, '--format', 'csv'], env);
    expect(plain.code, plain.err).toBe(0);
    const rows = parseCsv(plain.out, { delimiter: ';', bom: true }) as string[][];
    const row = rows.find((r) => r[1]!.includes('cmd'))!;
    expect(row.slice(1, 4)).toEqual([`'${evil.surname}`, `'${evil.name}`, `'${evil.patronymic}`]);
    expect(row[6]).toBe(`'@SUM(1;2)`);
    expect(rows.every((r) => r.length === 8)).toBe(true);
    expect(rows.flat().filter((c) => /^[=+\-@\t\r]/.test(c))).toEqual([]);

    const links = uchet(['links', 'export', '--db', w.ws.dbPath, '--format', 'csv'], env);
    expect(links.code, links.err).toBe(0);
    const lrows = parseCsv(links.out, { delimiter: ';' }) as string[][];
    expect(lrows[0]).toEqual(['file', 'row', 'child_id', 'decision', 'score']);
    expect(lrows[1]![0]).toBe(`'${fileName}`);
    expect(lrows.every((r) => r.length === 5)).toBe(true);
  }, 120_000);
  it('deactivates a user and re-keys the database: the old key file with that password no longer opens it', async () => {
    const dir = tempDir();
    const db = join(dir, 'district.db');
    const env = { UCHET_PASSWORD: 'пароль администратора' };
    expect(uchet(['init', '--db', db, '--profile', 'kstovo', '--admin', 'chief', '--name', 'Начальник Тестовый'], env).code).toBe(0);
    const add = uchet(['users', 'add', '--db', db, '--user', 'chief', '--login', 'ivanov', '--name', 'Иванов', '--role', 'operator'], { ...env, UCHET_NEW_PASSWORD: 'пароль Иванова 1' });
    expect(add.code).toBe(0);
    const oldKeys = readFileSync(`${db}.keys`, 'utf8');

    const off = uchet(['users', 'deactivate', '--db', db, '--user', 'chief', '--login', 'ivanov'], env);
    expect(off.err).toBe('');
    expect(off.out).toMatch(/Пользователь ivanov отключён\.\nКлюч базы сменён \(поколение 1\)/);
    const { parseKeyFile, unwrapWithPassword } = await import('../../db/keys');
    const { openDatabase } = await import('../../db/open');
    const oldKey = await unwrapWithPassword(parseKeyFile(oldKeys, 'старая копия'), 'ivanov', 'пароль Иванова 1');
    expect(() => openDatabase(db, oldKey)).toThrow(/Ключ не подходит/);
    expect(uchet(['orgs', 'list', '--db', db, '--user', 'ivanov'], { UCHET_PASSWORD: 'пароль Иванова 1' }).code).not.toBe(0);

    const rekey = uchet(['users', 'rekey', '--db', db, '--user', 'chief'], env);
    expect(rekey.out).toMatch(/поколение 2/);
    expect(uchet(['users', 'rekey', '--db', db, '--user', 'ivanov'], { UCHET_PASSWORD: 'пароль Иванова 1' }).code).not.toBe(0);
    expect(uchet(['users', 'list', '--db', db, '--user', 'chief'], env).out).toMatch(/ivanov/);
  });
});
