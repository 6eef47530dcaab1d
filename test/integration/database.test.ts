import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readKeyFile, unwrapWithPassword } from '../../db/keys';
import { openDatabase } from '../../db/open';
import { ADMIN_PASSWORD, setUp, workspace } from './helpers';

const NAME = 'Ёлкина Снежана';

function bytesOf(path: string): Buffer {
  return Buffer.concat([path, `${path}-wal`, `${path}.keys`].filter(existsSync).map((p) => readFileSync(p)));
}

describe('the encrypted database file', () => {
  it('holds no readable personal data: a name written through a service is absent from the bytes', async () => {
    const { ws, call } = await setUp();
    const school = (await call('orgs.list', {})).find((o) => o.kind === 'school')!;
    await call('orgs.update', { id: school.id, headName: NAME });
    await call('children.create', {
      child: { surname: 'Ёлкина', name: 'Снежана', patronymic: null, birthDate: '2015-02-01', gender: 'f' },
      facts: [{ type: 'study', orgId: school.id, classLabel: '5Б', validFrom: null, enrolOrderNumber: null, enrolOrderDate: null }],
    });
    // Read back through the service first: the names really are stored.
    expect((await call('orgs.list', {})).find((o) => o.id === school.id)!.headName).toBe(NAME);
    expect((await call('children.search', { query: 'Ёлкина' })).rows.map((r) => r.surname)).toEqual(['Ёлкина']);
    const before = bytesOf(ws.dbPath);
    ws.lock();
    const after = bytesOf(ws.dbPath);
    for (const bytes of [before, after]) {
      expect(bytes.length).toBeGreaterThan(4096);
      for (const needle of [NAME, 'Ёлкина', 'Снежана', 'Елкина']) {
        expect(bytes.includes(Buffer.from(needle, 'utf8'))).toBe(false);
        expect(bytes.includes(Buffer.from(needle, 'utf16le'))).toBe(false);
      }
      expect(bytes.subarray(0, 15).toString('latin1')).not.toBe('SQLite format 3');
    }
  });

  it('refuses a wrong password, then opens with the right one', async () => {
    const { ws, call, fails } = await setUp();
    await call('session.lock', {});
    const err = await fails('session.unlock', { login: 'admin', password: 'не тот пароль' });
    expect(err.code).toBe('WRONG_PASSWORD');
    expect(err.message).toBe('Неверный логин или пароль');
    expect((await fails('session.unlock', { login: 'nobody', password: ADMIN_PASSWORD })).code).toBe('WRONG_PASSWORD');
    expect(ws.state().state).toBe('locked');
    const user = await call('session.unlock', { login: 'admin', password: ADMIN_PASSWORD });
    expect(user.role).toBe('admin');
  });

  it('refuses a damaged key file with a clear error', async () => {
    const { ws, call, fails } = await setUp();
    await call('session.lock', {});
    const text = readFileSync(ws.keysPath, 'utf8');
    writeFileSync(ws.keysPath, text.slice(0, text.length / 2));
    const err = await fails('session.unlock', { login: 'admin', password: ADMIN_PASSWORD });
    expect(err.code).toBe('DAMAGED');
    expect(err.message).toMatch(/Файл ключей повреждён/);

    // A slot whose bytes were changed no longer opens: GCM's tag fails, nothing is decrypted wrongly.
    const json = JSON.parse(text);
    json.slots[0].wrappedKey = Buffer.alloc(48, 7).toString('base64');
    writeFileSync(ws.keysPath, JSON.stringify(json));
    expect((await fails('session.unlock', { login: 'admin', password: ADMIN_PASSWORD })).code).toBe('WRONG_PASSWORD');
  });

  it('refuses a key that does not belong to the file', async () => {
    const { ws } = await setUp();
    ws.lock();
    expect(() => openDatabase(ws.dbPath, Buffer.alloc(32, 1))).toThrow(/Ключ не подходит/);
  });

  it('applies migrations once: opening again changes nothing', async () => {
    const { ws } = await setUp();
    ws.lock();
    const key = await unwrapWithPassword(readKeyFile(ws.keysPath), 'admin', ADMIN_PASSWORD);
    const snapshot = () => {
      const open = openDatabase(ws.dbPath, key);
      const schema = open.sqlite.prepare('SELECT type, name, sql FROM sqlite_master ORDER BY name').all();
      const applied = open.sqlite.prepare('SELECT hash, created_at FROM __drizzle_migrations ORDER BY id').all();
      open.close();
      return { schema, applied };
    };
    const first = snapshot();
    const second = snapshot();
    expect(first.applied.length).toBeGreaterThanOrEqual(2);
    expect(second).toEqual(first);
  });

  it('keeps every committed change when the process is killed in the middle of writing', async () => {
    const { ws } = await setUp();
    ws.lock();
    const key = (await unwrapWithPassword(readKeyFile(ws.keysPath), 'admin', ADMIN_PASSWORD)).toString('hex');
    // A child process commits one organization per transaction and reports each commit; it is killed mid-stream.
    const script = `
      import { openDatabase } from './db/open.ts';
      const open = openDatabase(process.argv[1], Buffer.from(process.argv[2], 'hex'));
      const insert = open.sqlite.prepare("INSERT INTO organizations (kind, full_name, short_name) VALUES ('other', ?, ?)");
      for (let i = 1; ; i++) {
        open.sqlite.transaction(() => insert.run('Организация ' + i, 'О' + i))();
        process.stdout.write(i + '\\n');
      }`;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, ws.dbPath, key], { stdio: ['ignore', 'pipe', 'inherit'] });
    let committed = 0;
    await new Promise<void>((resolve) => {
      child.stdout.on('data', (chunk: Buffer) => {
        const last = chunk.toString().trim().split('\n').pop();
        committed = Math.max(committed, Number(last));
        if (committed >= 300 && !child.killed) child.kill('SIGKILL');
      });
      child.on('exit', () => resolve());
    });
    expect(committed).toBeGreaterThanOrEqual(300);
    const open = openDatabase(ws.dbPath, Buffer.from(key, 'hex'));
    expect(open.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    const count = open.sqlite.prepare("SELECT count(*) FROM organizations WHERE kind = 'other'").pluck().get() as number;
    open.close();
    expect(count).toBeGreaterThanOrEqual(committed);
  });

  it('does not open a database that does not exist, and set-up refuses to overwrite one', async () => {
    const { ws } = await setUp();
    ws.lock();
    const again = workspace(ws.dbPath);
    const err = await again.fails('setup.create', { profileId: 'kstovo', departmentName: 'x', adminLogin: 'admin2', adminName: 'x', password: 'длинный пароль' });
    expect(err.code).toBe('ALREADY_SET_UP');
    expect(readKeyFile(ws.keysPath).slots).toHaveLength(2);
  });
});
