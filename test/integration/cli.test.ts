import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from './helpers';

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
  }, 120_000);

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
});
