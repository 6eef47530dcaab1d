import { createCipheriv, randomBytes, scrypt } from 'node:crypto';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  KDF_PARAMS,
  isLegacySlot,
  parseKeyFile,
  pendingKeyFilePath,
  readKeyFile,
  rewrapAll,
  unwrapWithPassword,
  unwrapWithRecoveryCode,
  writeKeyFile,
  type KeyFile,
  type LegacyKeySlot,
} from '../../db/keys';
import { openDatabase, writeRekeyedCopy } from '../../db/open';
import { Workspace } from '../../electron/app/workspace';
import { fileURLToPath } from 'node:url';
import { ADMIN_PASSWORD, setUp } from './helpers';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

const IVANOV = { login: 'ivanov', displayName: 'Иванов Пётр Сергеевич', role: 'operator' as const, orgId: null, password: 'пароль Иванова 1' };
const PETROVA = { login: 'petrova', displayName: 'Петрова Анна Ивановна', role: 'inspector' as const, orgId: null, password: 'пароль Петровой 1' };

async function setUpWithIvanov() {
  const w = await setUp();
  const ivanov = await w.call('users.add', IVANOV);
  return { ...w, ivanov };
}

describe('re-keying the database', () => {
  it('deactivating a user re-keys: the old key file with that password (or any other) no longer opens the database', async () => {
    const { ws, call, fails, ivanov, recoveryCode } = await setUpWithIvanov();
    const oldKeysText = readFileSync(ws.keysPath, 'utf8');
    const oldKeyBuffer = ws.current!.dbKey;

    const updated = await call('users.update', { id: ivanov.id, active: false });
    expect(updated.active).toBe(false);
    expect(updated.rekey).toEqual({ generation: 1, needNewPassword: [], recoveryCode: null });
    // The key that was in memory is zeroed, not left behind.
    expect(oldKeyBuffer.every((b) => b === 0)).toBe(true);
    // Written after the re-key: what the old key must not reach.
    await call('users.add', PETROVA);
    await call('session.lock', {});

    const oldKeys = parseKeyFile(oldKeysText, 'старая копия');
    const oldKey = await unwrapWithPassword(oldKeys, 'ivanov', IVANOV.password);
    expect(() => openDatabase(ws.dbPath, oldKey)).toThrow(/Ключ не подходит/);
    const oldByRecovery = await unwrapWithRecoveryCode(oldKeys, recoveryCode);
    expect(() => openDatabase(ws.dbPath, oldByRecovery)).toThrow(/Ключ не подходит/);

    // The same through the app, with the old key file put back in place of the new one.
    const newKeysText = readFileSync(ws.keysPath, 'utf8');
    writeFileSync(ws.keysPath, oldKeysText);
    expect((await fails('session.unlock', { login: 'ivanov', password: IVANOV.password })).code).toBe('DAMAGED');
    expect((await fails('session.unlock', { login: 'admin', password: ADMIN_PASSWORD })).code).toBe('DAMAGED');
    writeFileSync(ws.keysPath, newKeysText);

    // With the current key file: the deactivated user has no slot; the others, and the recovery code, open it.
    expect((await fails('session.unlock', { login: 'ivanov', password: IVANOV.password })).code).toBe('WRONG_PASSWORD');
    expect((await call('session.unlock', { login: 'petrova', password: PETROVA.password })).login).toBe('petrova');
    await call('session.lock', {});
    await call('session.recover', { recoveryCode, login: 'admin', newPassword: 'новый пароль админа' });
    expect((await call('users.list', {})).map((u) => u.login)).toEqual(['admin', 'ivanov', 'petrova']);
    const { entries } = await call('audit.list', { action: 'users.update' });
    expect(entries).toHaveLength(1);
    // Reactivating needs a new password: it gets a slot for the current key.
    await call('users.resetPassword', { login: 'ivanov', password: 'новый пароль Иванова' });
    await call('session.lock', {});
    expect((await call('session.unlock', { login: 'ivanov', password: 'новый пароль Иванова' })).login).toBe('ivanov');
  });

  it('«Сменить ключ базы» re-encrypts the whole file: WAL kept, data intact, every remaining user and the recovery code still open it', async () => {
    const { ws, call, fails, recoveryCode } = await setUpWithIvanov();
    await call('users.add', PETROVA);
    const oldKeysText = readFileSync(ws.keysPath, 'utf8');
    ws.current!.open.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    const before = readFileSync(ws.dbPath);

    const result = await call('users.rekey', {});
    expect(result).toEqual({ generation: 1, needNewPassword: [], recoveryCode: null });
    const { sqlite } = ws.current!.open;
    expect(sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    // Every page is encrypted anew: not one 4 KiB page of the old file is left as it was.
    const after = readFileSync(ws.dbPath);
    for (let off = 0; off + 4096 <= Math.min(before.length, after.length); off += 4096) {
      expect(after.subarray(off, off + 4096).equals(before.subarray(off, off + 4096))).toBe(false);
    }
    expect(existsSync(pendingKeyFilePath(ws.dbPath))).toBe(false);
    await call('users.rekey', {});
    expect(readKeyFile(ws.keysPath).generation).toBe(2);
    await call('session.lock', {});

    const oldKey = await unwrapWithPassword(parseKeyFile(oldKeysText, 'старая копия'), 'admin', ADMIN_PASSWORD);
    expect(() => openDatabase(ws.dbPath, oldKey)).toThrow(/Ключ не подходит/);
    for (const u of [IVANOV, PETROVA, { login: 'admin', password: ADMIN_PASSWORD }]) {
      expect((await call('session.unlock', { login: u.login, password: u.password })).login).toBe(u.login);
      await call('session.lock', {});
    }
    await call('session.recover', { recoveryCode, login: 'admin', newPassword: 'новый пароль админа' });
    expect((await call('users.list', {})).length).toBe(3);
    const { entries } = await call('audit.list', { action: 'users.rekey' });
    expect(entries).toHaveLength(2);
    // Only an administrator may re-key.
    await call('session.lock', {});
    await call('session.unlock', { login: 'ivanov', password: IVANOV.password });
    expect((await fails('users.rekey', {})).code).toBe('FORBIDDEN');
  });

  it('a re-key cut short after the database was swapped finishes at the next unlock; one cut short before leaves nothing behind', async () => {
    const { ws, call } = await setUp();
    const copy = `${ws.dbPath}.rekey`;
    // As a crash would leave it: the new key file beside the old one, the re-keyed copy already renamed over the database.
    let s = ws.current!;
    let newKey = randomBytes(32);
    writeKeyFile(pendingKeyFilePath(ws.dbPath), rewrapAll(s.keys, newKey).file);
    writeRekeyedCopy(s.open, s.dbKey, newKey, copy);
    ws.lock();
    renameSync(copy, ws.dbPath);
    expect((await call('session.unlock', { login: 'admin', password: ADMIN_PASSWORD })).login).toBe('admin');
    expect(existsSync(pendingKeyFilePath(ws.dbPath))).toBe(false);
    expect(readKeyFile(ws.keysPath).generation).toBe(1);

    // A crash before the swap: the pending key file and the copy are stray files, removed at the next unlock.
    s = ws.current!;
    newKey = randomBytes(32);
    writeKeyFile(pendingKeyFilePath(ws.dbPath), rewrapAll(s.keys, newKey).file);
    writeRekeyedCopy(s.open, s.dbKey, newKey, copy);
    ws.lock();
    expect((await call('session.unlock', { login: 'admin', password: ADMIN_PASSWORD })).login).toBe('admin');
    expect(existsSync(pendingKeyFilePath(ws.dbPath))).toBe(false);
    expect(existsSync(copy)).toBe(false);
    expect(readKeyFile(ws.keysPath).generation).toBe(1);
  });

  it('a process killed at any moment of a re-key leaves a database that opens, whole, with the password', async () => {
    const { ws, call } = await setUp();
    // Some megabytes, so that the re-key takes long enough to be cut in the middle.
    const name = 'Организация для объёма '.repeat(80);
    const insert = ws.current!.open.sqlite.prepare("INSERT INTO organizations (kind, full_name, short_name) VALUES ('other', ?, ?)");
    ws.current!.open.sqlite.transaction(() => {
      for (let i = 0; i < 4000; i++) insert.run(`${name}${i}`, `О${i}`);
    })();
    const count = () => ws.current!.open.sqlite.prepare('SELECT count(*) FROM organizations').pluck().get() as number;
    const expected = count();
    await call('session.lock', {});
    const script = `
      import { Workspace } from './electron/app/workspace.ts';
      const ws = new Workspace(process.argv[1]);
      await ws.unlock('admin', process.argv[2]);
      process.stdout.write('start\\n');
      await ws.rekey();
      process.stdout.write('done\\n');`;
    const outcomes: string[] = [];
    for (const delay of [0, 30, 60, 100, 150, 220, 320, 480]) {
      const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, ws.dbPath, ADMIN_PASSWORD], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
      let out = '';
      await new Promise<void>((resolve) => {
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          if (out.includes('start') && !child.killed) setTimeout(() => child.kill('SIGKILL'), delay);
        });
        child.on('exit', () => resolve());
      });
      outcomes.push(out.includes('done') ? 'done' : 'killed');
      const after = new Workspace(ws.dbPath);
      await after.unlock('admin', ADMIN_PASSWORD);
      const { sqlite } = after.current!.open;
      expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(sqlite.prepare('SELECT count(*) FROM organizations').pluck().get()).toBe(expected);
      after.lock();
      expect(existsSync(pendingKeyFilePath(ws.dbPath))).toBe(false);
      expect(existsSync(`${ws.dbPath}.rekey`)).toBe(false);
    }
    // At least one run was cut in the middle (not every kill came after the end).
    expect(outcomes).toContain('killed');
    rmSync(`${ws.dbPath}.rekey`, { force: true });
  });

  it('a key file of version 1 is upgraded slot by slot; a re-key drops the slots it cannot reach and issues a new recovery code', async () => {
    const { ws, call, fails, recoveryCode } = await setUpWithIvanov();
    const dbKey = Buffer.from(ws.current!.dbKey);
    const file = readKeyFile(ws.keysPath);
    const legacy: KeyFile = {
      ...file,
      version: 1,
      slots: [
        await legacySlot(dbKey, file.dbId, 'password', 'admin', ADMIN_PASSWORD),
        await legacySlot(dbKey, file.dbId, 'password', 'ivanov', IVANOV.password),
        await legacySlot(dbKey, file.dbId, 'recovery', null, recoveryCode),
      ],
    };
    ws.lock();
    writeFileSync(ws.keysPath, JSON.stringify(legacy));

    await call('session.unlock', { login: 'admin', password: ADMIN_PASSWORD });
    const upgraded = readKeyFile(ws.keysPath);
    expect(upgraded.version).toBe(2);
    expect(upgraded.slots.map((s) => `${s.login ?? 'recovery'}:${isLegacySlot(s) ? 1 : 2}`).sort()).toEqual(['admin:2', 'ivanov:1', 'recovery:1']);

    const result = await call('users.rekey', {});
    expect(result.needNewPassword).toEqual(['ivanov']);
    expect(result.recoveryCode).toMatch(/^[0-9A-Z]{5}(-[0-9A-Z]{5}){4}$/);
    await call('session.lock', {});
    expect((await fails('session.unlock', { login: 'ivanov', password: IVANOV.password })).code).toBe('WRONG_PASSWORD');
    expect((await fails('session.recover', { recoveryCode, login: 'admin', newPassword: 'новый пароль админа' })).code).toBe('WRONG_PASSWORD');
    await call('session.recover', { recoveryCode: result.recoveryCode!, login: 'admin', newPassword: 'новый пароль админа' });
    expect(readKeyFile(ws.keysPath).slots.every((s) => !isLegacySlot(s))).toBe(true);
  });

  it('refuses a key file whose scrypt parameters ask for too much, in Russian, before deriving anything', async () => {
    const { ws, call, fails } = await setUp();
    await call('session.lock', {});
    const text = readFileSync(ws.keysPath, 'utf8');
    const doctored: [number, number, number][] = [
      [2 ** 30, 8, 1],
      [2 ** 20, 16, 1], // each bound alone, but 2 GiB together
      [2 ** 17, 1000, 1],
      [2 ** 17, 8, 100],
      [100_000, 8, 1],
      [2 ** 10, 8, 1],
    ];
    for (const [N, r, p] of doctored) {
      const json = JSON.parse(text);
      json.kdf = { ...json.kdf, N, r, p };
      writeFileSync(ws.keysPath, JSON.stringify(json));
      const t = performance.now();
      const err = await fails('session.unlock', { login: 'admin', password: ADMIN_PASSWORD });
      expect(err.code).toBe('DAMAGED');
      expect(err.message).toContain(`требует параметры scrypt вне допустимых пределов (N=${N}, r=${r}, p=${p}`);
      expect(performance.now() - t).toBeLessThan(1000);
    }
    writeFileSync(ws.keysPath, text);
    expect((await call('session.unlock', { login: 'admin', password: ADMIN_PASSWORD })).login).toBe('admin');
  });

  it('locking zeroes the key held in memory', async () => {
    const { ws, call } = await setUp();
    const key = ws.current!.dbKey;
    expect(key.some((b) => b !== 0)).toBe(true);
    await call('session.lock', {});
    expect(key.every((b) => b === 0)).toBe(true);
  });
});

describe('no lost writes', () => {
  it('twelve wrong passwords at once for one login: the pause holds; another login is not paused', async () => {
    const { call, dispatch } = await setUpWithIvanov();
    await call('session.lock', {});
    const answers = await Promise.all(Array.from({ length: 12 }, () => dispatch('session.unlock', { login: 'admin', password: 'неверный пароль' })));
    const codes = answers.map((a) => (a.ok ? 'OK' : a.error.code));
    expect(codes).toContain('THROTTLED');
    // No more wrong-password checks than the free attempts: the others were refused before any derivation.
    expect(codes.filter((c) => c === 'WRONG_PASSWORD').length).toBeLessThanOrEqual(3);
    expect(codes.every((c) => c === 'THROTTLED' || c === 'WRONG_PASSWORD')).toBe(true);
    // One person's mistakes do not lock the others out.
    expect((await call('session.unlock', { login: 'ivanov', password: IVANOV.password })).login).toBe('ivanov');
  });

  it('two users added at once can both log in; a password reset at the same time is kept too', async () => {
    const { ws, call } = await setUpWithIvanov();
    await Promise.all([
      call('users.add', PETROVA),
      call('users.add', { login: 'sidorov', displayName: 'Сидоров Олег Павлович', role: 'operator', orgId: null, password: 'пароль Сидорова 1' }),
      call('users.resetPassword', { login: 'ivanov', password: 'новый пароль Иванова' }),
    ]);
    expect(readKeyFile(ws.keysPath).slots.filter((s) => s.type === 'password').map((s) => s.login).sort()).toEqual(['admin', 'ivanov', 'petrova', 'sidorov']);
    await call('session.lock', {});
    for (const [login, password] of [
      ['petrova', PETROVA.password],
      ['sidorov', 'пароль Сидорова 1'],
      ['ivanov', 'новый пароль Иванова'],
    ] as const) {
      expect((await call('session.unlock', { login, password })).login).toBe(login);
      await call('session.lock', {});
    }
  });

  it('a user added while the database is re-keyed gets a slot for the new key', async () => {
    const { call } = await setUp();
    await Promise.all([call('users.rekey', {}), call('users.add', PETROVA), call('users.rekey', {})]);
    await call('session.lock', {});
    expect((await call('session.unlock', { login: 'petrova', password: PETROVA.password })).login).toBe('petrova');
  });
});

/** A slot as version 1 wrote it: the database key wrapped directly by the password's scrypt key. */
async function legacySlot(dbKey: Buffer, dbId: string, type: 'password' | 'recovery', login: string | null, secret: string): Promise<LegacyKeySlot> {
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const kek = await new Promise<Buffer>((resolve, reject) =>
    scrypt(secret.normalize('NFC'), salt, 32, { N: KDF_PARAMS.N, r: KDF_PARAMS.r, p: KDF_PARAMS.p, maxmem: 256 * 1024 * 1024 }, (e, k) => (e ? reject(e) : resolve(k))),
  );
  const cipher = createCipheriv('aes-256-gcm', kek, iv);
  cipher.setAAD(Buffer.from(`uchet-keys|1|${dbId}|${type}|${login ?? ''}`, 'utf8'));
  const wrapped = Buffer.concat([cipher.update(dbKey), cipher.final()]);
  return { type, login, salt: salt.toString('base64'), iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), wrapped: wrapped.toString('base64') };
}
