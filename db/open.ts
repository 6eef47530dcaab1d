import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { chmodSync, closeSync, existsSync, fsyncSync, openSync, readSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ApiError } from '../shared/api/errors';
import * as schema from './schema';

export type Db = BetterSQLite3Database<typeof schema>;

export interface OpenDatabase {
  path: string;
  sqlite: Database.Database;
  db: Db;
  close(): void;
}

/** The bundled Electron shell sets UCHET_MIGRATIONS_DIR: its code no longer sits beside the migrations. */
export function migrationsDir(): string {
  return process.env.UCHET_MIGRATIONS_DIR ?? fileURLToPath(new URL('./migrations', import.meta.url));
}

const PLAIN_SQLITE_HEADER = Buffer.from('SQLite format 3\u0000', 'latin1');

/**
 * SQLCipher's raw-key form x'<64 hex digits>' (no passphrase derivation), built in a Buffer that is zeroed after
 * use, so the key never becomes a JavaScript string that lingers in the heap after lock.
 */
function rawKeyMaterial(key: Buffer): Buffer {
  const hex = '0123456789abcdef';
  const out = Buffer.alloc(key.length * 2 + 3);
  out[0] = 0x78; // x
  out[1] = 0x27; // '
  for (let i = 0; i < key.length; i++) {
    out[2 + 2 * i] = hex.charCodeAt(key[i]! >> 4);
    out[3 + 2 * i] = hex.charCodeAt(key[i]! & 15);
  }
  out[out.length - 1] = 0x27;
  return out;
}

/** The ciphers build's key()/rekey(), which its type definitions (those of plain better-sqlite3) do not list. */
interface CipherConnection {
  key(material: Buffer): number;
  rekey(material: Buffer): number;
}
const ciphers = (sqlite: Database.Database) => sqlite as unknown as CipherConnection;

/** The cipher is chosen explicitly: SQLCipher v4 defaults keep the file openable by standard SQLCipher tools. */
function applyKey(sqlite: Database.Database, key: Buffer): void {
  sqlite.pragma(`cipher='sqlcipher'`);
  sqlite.pragma('legacy=4');
  const material = rawKeyMaterial(key);
  try {
    ciphers(sqlite).key(material);
  } finally {
    material.fill(0);
  }
}

/**
 * Writes a copy of the open database to `target`, encrypted with `newKey`: a snapshot (VACUUM INTO, with the
 * current key), then SQLCipher rekey of the copy alone, flushed to disk. The open database is not touched.
 *
 * Why a copy: the ciphers build re-keys in place page by page, and a process killed in the middle leaves a file
 * that neither the old key nor the new one opens (seen in test/integration/keys.test.ts's kill test before this
 * was changed). A copy that is cut short is just a stray file. It also cannot re-key in WAL mode; the copy is
 * re-keyed with a rollback journal. The caller swaps the copy in (Workspace.rekey).
 */
export function writeRekeyedCopy(open: OpenDatabase, currentKey: Buffer, newKey: Buffer, target: string): void {
  const { sqlite, path } = open;
  rmSync(target, { force: true });
  rmSync(`${target}-journal`, { force: true });
  // Everything committed moves into the file; another connection holding the WAL would keep its own view.
  const [checkpoint] = sqlite.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
  if (checkpoint && checkpoint.busy !== 0) {
    throw new ApiError('CONFLICT', `База ${path} сейчас читается другой операцией или программой: ключ не сменён. Повторите через минуту.`);
  }
  try {
    sqlite.prepare('VACUUM INTO ?').run(target);
    chmodSync(target, 0o600);
    const copy = new Database(target);
    try {
      applyKey(copy, currentKey);
      if (copy.pragma('journal_mode = DELETE', { simple: true }) !== 'delete') throw new Error('journal mode');
      const material = rawKeyMaterial(newKey);
      try {
        ciphers(copy).rekey(material);
      } finally {
        material.fill(0);
      }
    } finally {
      copy.close();
    }
    const check = new Database(target);
    try {
      applyKey(check, newKey);
      check.prepare('SELECT count(*) FROM sqlite_master').get();
      assertEncrypted(check, target);
    } finally {
      if (check.open) check.close();
    }
    const fd = openSync(target, 'r+');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch (err) {
    rmSync(target, { force: true });
    rmSync(`${target}-journal`, { force: true });
    throw err;
  }
}

/**
 * A plain SQLite silently loaded in place of the ciphers build would accept PRAGMA key and write clear text.
 * So before the connection is used: the ciphers extension must answer, the cipher must be SQLCipher, and the
 * file's first bytes must not be the plain SQLite header.
 */
function assertEncrypted(sqlite: Database.Database, path: string): void {
  let version: unknown;
  try {
    version = sqlite.prepare('SELECT sqlite3mc_version() AS v').pluck().get();
  } catch {
    version = null;
  }
  const cipher = sqlite.pragma('cipher', { simple: true });
  if (typeof version !== 'string' || cipher !== 'sqlcipher') {
    sqlite.close();
    throw new ApiError('INTERNAL', 'Загружена SQLite без шифрования: база данных не будет открыта.');
  }
  if (existsSync(path)) {
    const head = Buffer.alloc(16);
    const fd = openSync(path, 'r');
    const read = readSync(fd, head, 0, 16, 0);
    closeSync(fd);
    if (read === 16 && head.equals(PLAIN_SQLITE_HEADER)) {
      sqlite.close();
      throw new ApiError('DAMAGED', `Файл ${path} не зашифрован: такой файл приложение не открывает.`);
    }
  }
}

export interface OpenOptions {
  /** Create the file if it does not exist (set-up and restore only). */
  create?: boolean;
  readonly?: boolean;
}

export function openDatabase(path: string, key: Buffer, options: OpenOptions = {}): OpenDatabase {
  if (!options.create && !existsSync(path)) {
    throw new ApiError('NOT_FOUND', `Файл базы данных не найден: ${path}`);
  }
  const isNew = !existsSync(path);
  const sqlite = new Database(path, { readonly: options.readonly ?? false });
  // Only the owner may read the file, even though its contents are encrypted.
  if (isNew) chmodSync(path, 0o600);
  applyKey(sqlite, key);
  try {
    sqlite.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch {
    sqlite.close();
    throw new ApiError('DAMAGED', `Ключ не подходит к файлу ${path}, или файл повреждён.`);
  }
  assertEncrypted(sqlite, path);
  if (!options.readonly) {
    sqlite.pragma('journal_mode = WAL');
    // FULL: a committed change survives a power cut, not only a crash of the process.
    sqlite.pragma('synchronous = FULL');
  }
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // Every page read is decrypted: a 64 MiB cache keeps the registry's indexes decrypted in memory.
  sqlite.pragma('cache_size = -65536');
  const db = drizzle(sqlite, { schema });
  if (!options.readonly) {
    migrate(db, { migrationsFolder: migrationsDir() });
    // Statistics for the query planner, refreshed only where tables changed much; bounded so opening stays fast.
    sqlite.pragma('analysis_limit = 1000');
    sqlite.pragma('optimize = 0x10002');
  }
  assertEncrypted(sqlite, path);
  return { path, sqlite, db, close: () => sqlite.close() };
}
