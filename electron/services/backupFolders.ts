import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { homedir, tmpdir, userInfo } from 'node:os';
import { basename, dirname, join, parse, resolve } from 'node:path';
import { readBackup, restoreBackup } from '../../db/backup';
import { readKeyFile } from '../../db/keys';
import { openDatabase } from '../../db/open';
import { ApiError } from '../../shared/api/errors';
import type { CallOutput, ParsedInput } from '../../shared/api/contract';
import { isoFromParts, todayIso } from '../../shared/domain/dates';
import { homeOf, switchDatabase } from '../app/dataHome';
import { Workspace } from '../app/workspace';
import { createDispatcher } from '../dispatcher';
import { createBackup } from './backup';
import type { CallContext } from './context';

/** A backup older than this is a reminder on the settings page. */
export const BACKUP_STALE_DAYS = 7;
export const BACKUP_EXT = '.uchetbak';
const MAX_ENTRIES = 500;

/** Where the last backup was made; kept in meta (plain key-value table), written with the backup's journal entry. */
const META_AT = 'lastBackupAt';
const META_FILE = 'lastBackupFile';
const META_FOLDER = 'backupFolder';

function readMeta(ctx: CallContext, key: string): string | null {
  const v = ctx.session().open.sqlite.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(key) as string | undefined;
  return v ?? null;
}

/** Called by every backup (the app's and the command line's) inside its journal transaction. */
export function recordBackup(ctx: CallContext, file: string): string {
  const at = ctx.now().toISOString();
  const upsert = ctx.session().open.sqlite.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
  upsert.run(META_AT, at);
  upsert.run(META_FILE, resolve(file));
  upsert.run(META_FOLDER, dirname(resolve(file)));
  return at;
}

/**
 * Proves a backup by reopening it: read back from the disk, its key file the open database's, its copy restored
 * into a temporary folder and opened with the database key, integrity_check passed (db/backup.ts restoreBackup).
 */
export function verifyBackupFile(file: string, dbKey: Buffer, dbId: string): void {
  const backup = readBackup(file);
  if (backup.keys.dbId !== dbId) throw new ApiError('DAMAGED', `Проверка копии не прошла: в файле ${file} копия другой базы.`);
  const dir = mkdtempSync(join(tmpdir(), 'uchet-check-'));
  try {
    const target = join(dir, 'check.db');
    restoreBackup(backup, dbKey, target);
    const open = openDatabase(target, dbKey);
    try {
      open.sqlite.prepare('SELECT count(*) FROM users').get();
    } finally {
      open.close();
    }
  } catch (err) {
    if (err instanceof ApiError) throw new ApiError('DAMAGED', `Проверка копии не прошла: ${err.message}`);
    throw new ApiError('DAMAGED', `Проверка копии не прошла: копия не открывается (${(err as Error).name}).`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function backupStatus(ctx: CallContext): CallOutput<'backup.status'> {
  const lastAt = readMeta(ctx, META_AT);
  const now = ctx.now();
  const madeToday = lastAt !== null && todayIso(new Date(lastAt)) === ctx.today();
  const stale = lastAt === null || now.getTime() - Date.parse(lastAt) > BACKUP_STALE_DAYS * 86_400_000;
  return { lastAt, lastFile: readMeta(ctx, META_FILE), folder: readMeta(ctx, META_FOLDER), madeToday, stale };
}

function two(n: number): string {
  return String(n).padStart(2, '0');
}

/** «uchet-2026-09-15-1204.uchetbak», with «-2», «-3»… when a copy of that minute is already there. */
function backupName(folder: string, now: Date): string {
  const stem = `uchet-${isoFromParts(now.getFullYear(), now.getMonth() + 1, now.getDate())}-${two(now.getHours())}${two(now.getMinutes())}`;
  for (let i = 1; ; i++) {
    const name = `${stem}${i === 1 ? '' : `-${i}`}${BACKUP_EXT}`;
    if (!existsSync(join(folder, name))) return join(folder, name);
  }
}

function checkFolder(folder: string): string {
  const path = resolve(folder);
  let isDir = false;
  try {
    isDir = statSync(path).isDirectory();
  } catch {
    throw new ApiError('NOT_FOUND', `Папка не найдена: ${path}. Проверьте, что флешка вставлена, или выберите другую папку.`);
  }
  if (!isDir) throw new ApiError('VALIDATION', `${path} — не папка. Выберите папку.`);
  return path;
}

/** A backup into a folder (a USB stick), named by the date, verified by reopening, remembered with its folder. */
export function backupToFolder(ctx: CallContext, input: ParsedInput<'backup.toFolder'>): CallOutput<'backup.toFolder'> {
  const folder = checkFolder(input.folder);
  const file = backupName(folder, ctx.now());
  let made;
  try {
    made = createBackup(ctx, { to: file });
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'ENOSPC') throw new ApiError('VALIDATION', `В папке ${folder} не хватает места для копии.`);
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') throw new ApiError('VALIDATION', `В папку ${folder} нельзя записать: нет прав или носитель защищён от записи.`);
    throw err;
  }
  return { file: made.file, bytes: made.bytes, at: readMeta(ctx, META_AT) ?? ctx.now().toISOString(), verified: true };
}

/** Folders (and backup files) of one folder, for choosing where to save or what to restore in browser mode. */
export function backupFolders(ctx: CallContext, input: ParsedInput<'backup.folders'>): CallOutput<'backup.folders'> {
  const start = input.path?.trim() || readMeta(ctx, META_FOLDER) || homedir();
  let path = resolve(start);
  if (!existsSync(path) && !input.path) path = homedir();
  path = checkFolder(path);
  let entries;
  try {
    entries = readdirSync(path, { withFileTypes: true });
  } catch {
    throw new ApiError('FORBIDDEN', `Папку ${path} нельзя открыть: нет прав.`);
  }
  const folders: { name: string; path: string }[] = [];
  const backups: { name: string; path: string; bytes: number; modifiedAt: string }[] = [];
  for (const e of entries) {
    if (e.name.startsWith('.')) continue;
    const full = join(path, e.name);
    if (e.isDirectory()) folders.push({ name: e.name, path: full });
    else if (e.isFile() && e.name.toLowerCase().endsWith(BACKUP_EXT)) {
      try {
        const st = statSync(full);
        backups.push({ name: e.name, path: full, bytes: st.size, modifiedAt: st.mtime.toISOString() });
      } catch {
        // Gone meanwhile.
      }
    }
  }
  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, 'ru');
  folders.sort(byName);
  backups.sort((a, b) => (a.modifiedAt < b.modifiedAt ? 1 : -1));
  const parent = dirname(path) === path ? null : dirname(path);
  return { path, parent, folders: folders.slice(0, MAX_ENTRIES), backups: backups.slice(0, MAX_ENTRIES), places: places() };
}

/** The home folder, USB sticks and other mounted media, drives on Windows. */
function places(): { label: string; path: string }[] {
  const out = [{ label: 'Домашняя папка', path: homedir() }];
  if (process.platform === 'win32') {
    for (const letter of 'CDEFGHIJKLMNOPQRSTUVWXYZ') {
      const drive = `${letter}:\\`;
      if (existsSync(drive)) out.push({ label: `Диск ${letter}:`, path: drive });
    }
    return out;
  }
  let user = '';
  try {
    user = userInfo().username;
  } catch {
    user = '';
  }
  for (const base of [join('/media', user), join('/run/media', user), '/media', '/mnt', '/Volumes']) {
    try {
      for (const e of readdirSync(base, { withFileTypes: true })) {
        const p = join(base, e.name);
        if (e.isDirectory() && !out.some((o) => o.path === p) && p !== join('/media', user) && p !== join('/run/media', user)) out.push({ label: `Носитель «${e.name}»`, path: p });
      }
    } catch {
      // No such place here.
    }
  }
  return out;
}

/** Where restored databases go: the data folder's «restored», or beside the open file (command line). */
function restoredDir(ctx: CallContext): string {
  return homeOf(ctx.ws)?.restoredDir ?? join(dirname(ctx.ws.dbPath), 'restored');
}

/**
 * Restores a backup into a NEW file, never over the open database, which stays open. The restore itself is the
 * same call as the command line's (backup.restore through the dispatcher, on a workspace of its own): checked
 * (only an administrator of the copy, or its recovery code), verified by integrity_check, and the first entry
 * journaled in the restored database. This database's journal records that a copy was restored from here.
 */
export async function restoreCopy(ctx: CallContext, input: ParsedInput<'backup.restoreCopy'>): Promise<CallOutput<'backup.restoreCopy'>> {
  const from = resolve(input.from);
  const dir = restoredDir(ctx);
  mkdirSync(dir, { recursive: true });
  const now = ctx.now();
  const stem = `uchet-${isoFromParts(now.getFullYear(), now.getMonth() + 1, now.getDate())}-${two(now.getHours())}${two(now.getMinutes())}${two(now.getSeconds())}`;
  let file = join(dir, `${stem}.db`);
  for (let i = 2; existsSync(file) || existsSync(`${file}.keys`); i++) file = join(dir, `${stem}-${i}.db`);
  const other = new Workspace(file, ctx.ws.now);
  try {
    const res = await createDispatcher(other)('backup.restore', {
      from,
      ...(input.login ? { login: input.login } : {}),
      ...(input.recoveryCode ? { recoveryCode: input.recoveryCode } : { password: input.password }),
    });
    if (!res.ok) throw ApiError.from(res.error);
  } finally {
    other.lock();
  }
  ctx.target('database', ctx.session().keys.dbId, { from: basename(from), to: parse(file).base });
  return { file, label: readKeyFile(`${file}.keys`).label };
}

/** Turns the app to a restored database (only one in the folder of restored copies); its login comes next. */
export function openRestored(ctx: CallContext, input: ParsedInput<'backup.openRestored'>): CallOutput<'backup.openRestored'> {
  const home = homeOf(ctx.ws);
  const file = resolve(input.file);
  const allowed = home ? home.isRestored(file) : false;
  if (!allowed || !existsSync(file)) throw new ApiError('NOT_FOUND', 'Восстановленная база не найдена в папке восстановленных копий.');
  ctx.target('database', ctx.session().keys.dbId, { open: parse(file).base });
  // Journaled in the database being left, before it is locked.
  ctx.tx(() => undefined);
  switchDatabase(ctx.ws, file);
  return { ok: true };
}
