import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { ApiError } from '../shared/api/errors';
import { keyFilePath, parseKeyFile, readKeyFile, writeKeyFile, type KeyFile } from './keys';
import { openDatabase, type OpenDatabase } from './open';

/**
 * A backup is one file: a short header, the key file (only wrapped keys), and an encrypted copy of the
 * database. It restores on another machine with a user's password or the recovery code alone.
 *
 * The copy is made with VACUUM INTO, a consistent snapshot that the ciphers build writes encrypted with the
 * same key. SQLite's online backup API refuses here on purpose: its target is opened without a key, and the
 * ciphers build will not copy encrypted pages into a plain file.
 */
const MAGIC = Buffer.from('UCHETBAK1\n', 'latin1');

export function writeBackup(open: OpenDatabase, keys: KeyFile, target: string): { bytes: number } {
  if (existsSync(target)) throw new ApiError('CONFLICT', `Файл ${target} уже существует: выберите другое имя.`);
  const snapshot = `${target}.tmp-db`;
  rmSync(snapshot, { force: true });
  try {
    open.sqlite.prepare('VACUUM INTO ?').run(snapshot);
    const dbBytes = readFileSync(snapshot);
    const keyBytes = Buffer.from(JSON.stringify(keys), 'utf8');
    const len = Buffer.alloc(4);
    len.writeUInt32BE(keyBytes.length);
    const out = Buffer.concat([MAGIC, len, keyBytes, dbBytes]);
    writeFileSync(target, out, { mode: 0o600, flush: true });
    return { bytes: out.length };
  } finally {
    rmSync(snapshot, { force: true });
  }
}

export function readBackup(file: string): { keys: KeyFile; dbBytes: Buffer } {
  let buf: Buffer;
  try {
    buf = readFileSync(file);
  } catch {
    throw new ApiError('NOT_FOUND', `Файл резервной копии не найден: ${file}`);
  }
  if (buf.length < MAGIC.length + 4 || !buf.subarray(0, MAGIC.length).equals(MAGIC)) {
    throw new ApiError('DAMAGED', `${file} — не резервная копия «Учёта детей».`);
  }
  const len = buf.readUInt32BE(MAGIC.length);
  const start = MAGIC.length + 4;
  if (start + len > buf.length) throw new ApiError('DAMAGED', `Резервная копия ${file} обрезана.`);
  const keys = parseKeyFile(buf.subarray(start, start + len).toString('utf8'), file);
  return { keys, dbBytes: buf.subarray(start + len) };
}

/**
 * Writes the database and its key file from a backup, then proves them by opening with the given key and
 * running integrity_check. Nothing is left behind when that fails.
 */
export function restoreBackup(backup: { keys: KeyFile; dbBytes: Buffer }, dbKey: Buffer, targetDb: string): void {
  const targetKeys = keyFilePath(targetDb);
  if (existsSync(targetDb) || existsSync(targetKeys)) {
    throw new ApiError('CONFLICT', `База ${targetDb} уже существует: восстановление не перезаписывает данные. Укажите другой файл.`);
  }
  writeFileSync(targetDb, backup.dbBytes, { mode: 0o600, flush: true });
  try {
    const open = openDatabase(targetDb, dbKey);
    try {
      const check = open.sqlite.pragma('integrity_check', { simple: true });
      if (check !== 'ok') throw new ApiError('DAMAGED', `Резервная копия повреждена: ${String(check)}`);
    } finally {
      open.close();
    }
    writeKeyFile(targetKeys, backup.keys);
  } catch (err) {
    for (const suffix of ['', '-wal', '-shm']) rmSync(targetDb + suffix, { force: true });
    throw err;
  }
}

export { readKeyFile };
