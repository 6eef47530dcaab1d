import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/api/errors';
import type { CallInput, CallName, CallOutput } from '../../shared/api/contract';
import { layoutToCyrillic } from '../../shared/domain/names';
import { openWorkspace } from '../../electron/app/dataHome';
import { createDispatcher } from '../../electron/dispatcher';
import { ADMIN_PASSWORD, setUp, tempDir } from './helpers';

const BIN = join(import.meta.dirname, '../../bin/uchet.js');

/** The app's workspace in a data folder (browser mode and the shell open it so), through the real dispatcher. */
function app(dir: string, now: () => number = Date.now) {
  const ws = openWorkspace(dir, now);
  const dispatch = createDispatcher(ws);
  async function call<N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutput<N>> {
    const res = await dispatch(name, input);
    if (!res.ok) throw ApiError.from(res.error);
    return res.result as CallOutput<N>;
  }
  async function fails(name: CallName, input: unknown): Promise<ApiError> {
    const res = await dispatch(name, input);
    if (res.ok) throw new Error(`${name} should have failed`);
    return ApiError.from(res.error);
  }
  return { ws, call, fails };
}

const CREATE = { profileId: 'zato-svobodny', departmentName: 'Отдел образования (тест)', adminLogin: 'admin', adminName: 'Администратор Тестовый', password: ADMIN_PASSWORD };

describe('the first week: demo apart, backups from the app, unlock hints, the command line in a pipe', () => {
  it('makes the demo in its own folder, and goes from it to creating the real database; the demo stays', async () => {
    const dir = tempDir();
    const a = app(dir);
    const demo = await a.call('setup.demo', { children: 10, seed: 3, profileId: 'zato-svobodny' });
    expect(demo.children).toBeGreaterThan(0);
    expect(a.ws.dbPath).toBe(join(dir, 'demo', 'uchet.db'));
    expect(existsSync(join(dir, 'uchet.db'))).toBe(false);
    expect((await a.call('app.state', {})).demo).toBe(true);

    await a.call('setup.leaveDemo', {});
    const state = await a.call('app.state', {});
    expect(state).toMatchObject({ state: 'no-database', demo: false });
    await a.call('setup.create', CREATE);
    expect(existsSync(join(dir, 'uchet.db'))).toBe(true);
    expect(existsSync(join(dir, 'demo', 'uchet.db'))).toBe(true);

    // The next start opens the real database; the wizard's demo button opens the same demo again.
    a.ws.lock();
    const again = app(dir);
    expect(again.ws.dbPath).toBe(join(dir, 'uchet.db'));
    const reopened = await again.call('setup.demo', { children: 10, seed: 3, profileId: 'zato-svobodny' });
    expect(reopened.children).toBe(demo.children);
    again.ws.lock();
  }, 120_000);

  it('backs up into a folder (verified, dated, remembered) and restores into a new file that then opens', async () => {
    const dir = tempDir();
    const usb = tempDir();
    // A week and a day after the backup the reminder shows again.
    let offset = 0;
    const a = app(dir, () => Date.now() + offset);
    await a.call('setup.create', CREATE);
    const before = await a.call('backup.status', {});
    expect(before).toMatchObject({ lastAt: null, madeToday: false, stale: true });

    const made = await a.call('backup.toFolder', { folder: usb });
    expect(made.verified).toBe(true);
    expect(dirname(made.file)).toBe(usb);
    expect(made.file).toMatch(/uchet-\d{4}-\d{2}-\d{2}-\d{4}\.uchetbak$/);
    const after = await a.call('backup.status', {});
    expect(after).toMatchObject({ lastFile: made.file, folder: usb, madeToday: true, stale: false });
    // A second copy the same minute gets a name of its own.
    const second = await a.call('backup.toFolder', { folder: usb });
    expect(second.file).not.toBe(made.file);

    const listed = await a.call('backup.folders', { path: usb });
    expect(listed.backups.map((b) => b.path).sort()).toEqual([made.file, second.file].sort());
    expect((await a.fails('backup.toFolder', { folder: join(usb, 'нет такой') })).message).toMatch(/Папка не найдена/);

    // Eight days later (the idle lock has closed it meanwhile): the reminder is back.
    offset = 8 * 86_400_000;
    await a.call('session.unlock', { login: 'admin', password: ADMIN_PASSWORD });
    expect(await a.call('backup.status', {})).toMatchObject({ madeToday: false, stale: true });
    offset = 0;

    // A file that is not a backup: one Russian line, nothing made.
    const junk = join(usb, 'junk.uchetbak');
    writeFileSync(junk, 'not a backup');
    expect((await a.fails('backup.restoreCopy', { from: junk, login: 'admin', password: ADMIN_PASSWORD })).message).toMatch(/не резервная копия/);
    expect((await a.fails('backup.restoreCopy', { from: made.file, login: 'admin', password: 'не тот пароль' })).code).toBe('WRONG_PASSWORD');

    const realDb = a.ws.dbPath;
    const restored = await a.call('backup.restoreCopy', { from: made.file, login: 'admin', password: ADMIN_PASSWORD });
    expect(dirname(restored.file)).toBe(join(dir, 'restored'));
    expect(readdirSync(join(dir, 'restored')).filter((f) => f.endsWith('.db'))).toHaveLength(1);
    // The open database was not touched and is still open.
    expect(a.ws.dbPath).toBe(realDb);
    expect((await a.call('app.state', {})).state).toBe('unlocked');

    // Only a restored copy may be opened so.
    expect((await a.fails('backup.openRestored', { file: realDb })).code).toBe('NOT_FOUND');
    await a.call('backup.openRestored', { file: restored.file });
    expect(a.ws.dbPath).toBe(restored.file);
    expect((await a.call('app.state', {})).state).toBe('locked');
    await a.call('session.unlock', { login: 'admin', password: ADMIN_PASSWORD });
    const journal = await a.call('audit.list', { limit: 5, offset: 0 });
    expect(journal.entries.map((e) => e.action)).toContain('backup.restore');
    a.ws.lock();
    // The next start opens the restored database again.
    expect(app(dir).ws.dbPath).toBe(restored.file);
  }, 120_000);

  it('says «Проверьте раскладку клавиатуры» for a password typed in the other layout, and still does not let in', async () => {
    const { call, fails, ws } = await setUp();
    await call('session.lock', {});
    // ADMIN_PASSWORD is Cyrillic: typed with the English layout on, the same keys give Latin letters.
    const wrongLayout = [...ADMIN_PASSWORD].map((ch) => [...'qwertyuiop[]asdfghjkl;\'zxcvbnm,./QWERTYUIOP{}ASDFGHJKL:"ZXCVBNM<>'].find((k) => layoutToCyrillic(k) === ch) ?? ch).join('');
    expect(wrongLayout).not.toBe(ADMIN_PASSWORD);
    const err = await fails('session.unlock', { login: 'admin', password: wrongLayout });
    expect(err.code).toBe('WRONG_PASSWORD');
    expect(err.message).toMatch(/Проверьте раскладку клавиатуры/);
    expect(ws.current).toBeNull();
    const plain = await fails('session.unlock', { login: 'admin', password: 'совсем другой пароль' });
    expect(plain.message).not.toMatch(/раскладк/);
  }, 60_000);

  it('npm start says on the first start that it builds the interface, and how long it took; not again once built', () => {
    // scripts/start.js in a folder of its own: the build (npx vite) and the server are stand-ins, the script is the real one.
    const dir = tempDir();
    for (const d of ['scripts', 'renderer', 'shared', 'electron/web', 'bin']) mkdirSync(join(dir, d), { recursive: true });
    copyFileSync(join(import.meta.dirname, '../../scripts/start.js'), join(dir, 'scripts/start.js'));
    symlinkSync(join(import.meta.dirname, '../../node_modules'), join(dir, 'node_modules'));
    writeFileSync(join(dir, 'renderer/main.tsx'), '');
    writeFileSync(join(dir, 'shared/index.ts'), '');
    writeFileSync(join(dir, 'electron/web/main.ts'), "console.log('сервер запущен', process.argv.includes('--open') ? 'с --open' : 'без --open');\n");
    writeFileSync(join(dir, 'bin/npx'), '#!/bin/sh\nmkdir -p dist/renderer && touch dist/renderer/index.html\n');
    chmodSync(join(dir, 'bin/npx'), 0o755);
    const env = { ...process.env, PATH: `${join(dir, 'bin')}:${process.env.PATH ?? ''}` };
    const first = spawnSync(process.execPath, ['scripts/start.js', '--web'], { cwd: dir, env, encoding: 'utf8' });
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/Первый запуск: собираю интерфейс программы\. Это делается один раз и занимает от 10 секунд/);
    expect(first.stdout).toMatch(/Интерфейс собран за \d+ с\./);
    expect(first.stdout).toContain('сервер запущен с --open');
    const second = spawnSync(process.execPath, ['scripts/start.js', '--web'], { cwd: dir, env, encoding: 'utf8' });
    expect(second.stdout).not.toMatch(/собираю/);
    expect(second.stdout).toContain('сервер запущен');
  }, 60_000);

  it('ends quietly when the reader of its output goes away (| head -1): no EPIPE, no stack trace', async () => {
    const dir = tempDir();
    const db = join(dir, 'district.db');
    const { ws } = await setUp('kstovo', db);
    ws.lock();
    for (const args of [
      ['orgs', 'list', '--db', db],
      ['--help'],
    ]) {
      const proc = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, UCHET_PASSWORD: ADMIN_PASSWORD }, stdio: ['ignore', 'pipe', 'pipe'] });
      // The pipe is closed before the command writes a line, as `head -1` does after its line.
      proc.stdout.destroy();
      let stderr = '';
      proc.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
      const code = await new Promise<number | null>((r) => proc.on('close', r));
      expect(stderr, args.join(' ')).toBe('');
      expect(code, args.join(' ')).toBe(0);
    }
    // Every error stays one Russian line.
    const bad = spawn(process.execPath, [BIN, 'orgs', 'list', '--bogus'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    bad.stderr.on('data', (c: Buffer) => (err += c.toString()));
    expect(await new Promise((r) => bad.on('close', r))).toBe(2);
    expect(err.trim().split('\n')).toHaveLength(1);
    expect(err).toMatch(/^Ошибка: неизвестный параметр --bogus\. Справка: uchet --help/);
  }, 60_000);
});
