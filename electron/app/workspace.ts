import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, openSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { eq } from 'drizzle-orm';
import {
  generateRecoveryCode,
  keyFilePath,
  pendingKeyFilePath,
  readKeyFile,
  removePasswordSlot,
  rewrapAll,
  setPasswordSlot,
  setRecoverySlot,
  unwrapWithPassword,
  unwrapWithRecoveryCode,
  upgradeSlot,
  writeKeyFile,
  type KeyFile,
} from '../../db/keys';
import { openDatabase, writeRekeyedCopy, type OpenDatabase } from '../../db/open';
import { users } from '../../db/schema';
import { ApiError } from '../../shared/api/errors';
import type { AppState } from '../../shared/api/contract';
import type { Role } from '../../shared/api/roles';
import type { SessionUser } from '../../shared/api/schemas';

export const DEFAULT_IDLE_MINUTES = 15;

/** Failures before attempts are slowed down, and the longest wait between attempts. */
const FREE_ATTEMPTS = 3;
const MAX_WAIT_MS = 60_000;
/** Logins whose failures are remembered; beyond it, those whose pause has ended are forgotten first. */
const MAX_TRACKED_LOGINS = 1000;
/** Recovery-code attempts are paused under this name, apart from every login. */
const RECOVERY_KEY = '\u0000recovery';

/** One login's failures: the pause is per login, so one person's mistakes do not lock out the others. */
interface LoginAttempts {
  failures: number;
  retryAt: number;
  /** An attempt for this login is being checked: a second one at the same time is refused, not raced. */
  busy: boolean;
}

/** What a re-key did: users whose old (version 1) slot could not be carried over, and a new recovery code if one was needed. */
export interface RekeyResult {
  generation: number;
  needNewPassword: string[];
  recoveryCode: string | null;
}

export interface Unlocked {
  open: OpenDatabase;
  keys: KeyFile;
  dbKey: Buffer;
  user: SessionUser;
}

/**
 * One database file and who has it open. The key lives in memory only while unlocked; lock() drops it and
 * closes the connection. Shared by every transport: Electron IPC, browser mode and the command line.
 */
export class Workspace {
  private session: Unlocked | null = null;
  private lastActivity = 0;
  private idleMinutes = DEFAULT_IDLE_MINUTES;
  private attempts = new Map<string, LoginAttempts>();
  /** Every change of the key file runs in this queue, one after another, on the file as the previous one left it. */
  private keysQueue: Promise<unknown> = Promise.resolve();
  /** Failed attempts made while locked; written to the journal by the next successful unlock. */
  private failedAttempts: { login: string; at: string }[] = [];

  constructor(
    /** The database file; changed only by useDatabase (the demo and the real database live in folders of their own). */
    public dbPath: string,
    /** The clock of every call (CallContext.now/today) and of idle locks; see clock.ts. */
    readonly now: () => number = Date.now,
  ) {}

  get keysPath(): string {
    return keyFilePath(this.dbPath);
  }

  exists(): boolean {
    return existsSync(this.dbPath) || existsSync(this.keysPath);
  }

  /** The state without the day, which the dispatcher's clock adds (handlers.ts, app.state). */
  state(): Omit<AppState, 'today'> {
    this.lockIfIdle();
    let label: string | null = null;
    if (this.session) label = this.session.keys.label;
    else if (existsSync(this.keysPath)) {
      try {
        label = readKeyFile(this.keysPath).label;
      } catch {
        label = null;
      }
    }
    return {
      state: this.session ? 'unlocked' : this.exists() ? 'locked' : 'no-database',
      label,
      user: this.session?.user ?? null,
      idleMinutes: this.idleMinutes,
      retryAfterMs: 0,
    };
  }

  /** The unlocked session, or LOCKED. Counts as activity unless told otherwise. */
  require(touch = true): Unlocked {
    this.lockIfIdle();
    if (!this.session) throw new ApiError('LOCKED', 'База данных заблокирована: войдите снова.');
    if (touch) this.lastActivity = this.now();
    return this.session;
  }

  get current(): Unlocked | null {
    return this.session;
  }

  setIdleMinutes(minutes: number): void {
    this.idleMinutes = minutes;
  }

  lockIfIdle(): void {
    if (this.session && this.now() - this.lastActivity > this.idleMinutes * 60_000) this.lock();
  }

  lock(): void {
    if (!this.session) return;
    this.session.open.close();
    // The key was only ever a Buffer: zeroed here, no copy of it stays behind as a string.
    this.session.dbKey.fill(0);
    this.session = null;
  }

  /** Turns to another database file (locked, with no login pauses carried over); see electron/app/dataHome.ts. */
  useDatabase(path: string): void {
    this.lock();
    this.attempts.clear();
    this.failedAttempts = [];
    this.dbPath = path;
  }

  /** Adopt a database that was just created (set-up, restore). */
  adopt(open: OpenDatabase, keys: KeyFile, dbKey: Buffer, login: string): SessionUser {
    this.lock();
    const user = this.loadUser(open, login);
    this.session = { open, keys, dbKey, user };
    this.lastActivity = this.now();
    this.idleMinutes = readIdleMinutes(open);
    return user;
  }

  /** How long this login must wait before its next attempt (0: it may try now). */
  retryAfterMs(login: string): number {
    return Math.max(0, (this.attempts.get(login)?.retryAt ?? 0) - this.now());
  }

  async unlock(login: string, password: string): Promise<SessionUser> {
    return this.attempt(login, login, async (keys) => {
      const dbKey = await unwrapWithPassword(keys, login, password);
      // A version-1 slot becomes version 2 now that its password is at hand (see db/keys.ts).
      return { dbKey, login, update: (current, key) => upgradeSlot(current, key, 'password', login, password) };
    });
  }

  /** Opens with the recovery code and gives the named user a new password. */
  async recover(code: string, login: string, newPassword: string): Promise<SessionUser> {
    return this.attempt(RECOVERY_KEY, login, async (keys) => {
      const dbKey = await unwrapWithRecoveryCode(keys, code);
      return {
        dbKey,
        login,
        update: async (current, key) => setPasswordSlot((await upgradeSlot(current, key, 'recovery', null, code)) ?? current, key, login, newPassword),
      };
    });
  }

  /**
   * Changes the key file of the unlocked database. Changes run one at a time, each on the file as the
   * previous one left it, so two administrators' changes at once both land (a read-modify-write race
   * otherwise keeps only one new slot).
   */
  updateKeys<T = void>(change: (keys: KeyFile, dbKey: Buffer) => Promise<{ keys: KeyFile; result: T }>): Promise<T> {
    return this.serializeKeys(async () => {
      const { keys, dbKey } = this.require(false);
      const next = await change(keys, dbKey);
      // A synchronous saveKeys (the journal's seal) may have landed during the await: its fields are kept.
      this.saveKeys(rebase(keys, next.keys, this.require(false).keys));
      return next.result;
    });
  }

  /**
   * Re-keys the database: a new random key, the file re-encrypted with it, and the new key wrapped to every
   * remaining slot, optionally after removing one user's slot. An old copy of the key file, and a removed
   * user's password, yield only the old key, which no longer opens the file. Order, so a crash loses nothing:
   * the new key file is written beside the old one (.keys.next); a re-keyed copy of the database is written
   * and flushed (.rekey); the connection is closed and the copy renamed over the database; then the new key
   * file over the old. Until the first rename the old pair is whole; after it, opening finds that the key
   * file's key no longer fits and takes .keys.next (see openWith). The connection is opened again on the copy.
   */
  rekey(removeLogin?: string): Promise<RekeyResult> {
    return this.serializeKeys(async () => {
      const session = this.require(false);
      const newKey = randomBytes(32);
      try {
        const base = session.keys;
        const current = removeLogin ? removePasswordSlot(base, removeLogin) : base;
        const rewrapped = rewrapAll(current, newKey);
        let keys = rewrapped.file;
        let recoveryCode: string | null = null;
        if (rewrapped.recoveryDropped) {
          recoveryCode = generateRecoveryCode();
          keys = await setRecoverySlot(keys, newKey, recoveryCode);
        }
        keys = rebase(base, keys, session.keys);
        const pending = pendingKeyFilePath(this.dbPath);
        const copy = rekeyCopyPath(this.dbPath);
        writeKeyFile(pending, keys);
        try {
          writeRekeyedCopy(session.open, session.dbKey, newKey, copy);
        } catch (err) {
          rmSync(pending, { force: true });
          throw err;
        }
        // From here on, synchronous to the end: no other call runs between closing and reopening.
        session.open.close();
        // A clean close leaves no WAL; an empty leftover of the old file must not meet the new one.
        for (const suffix of ['-wal', '-shm', '-journal']) rmSync(this.dbPath + suffix, { force: true });
        try {
          renameSync(copy, this.dbPath);
        } catch (err) {
          // Nothing changed: the old database and key file stay, and the session goes on with them.
          rmSync(pending, { force: true });
          rmSync(copy, { force: true });
          Object.assign(session.open, openDatabase(this.dbPath, session.dbKey));
          throw err;
        }
        renameSync(pending, this.keysPath);
        syncFolder(dirname(this.dbPath));
        session.keys = keys;
        session.dbKey.fill(0);
        session.dbKey = Buffer.from(newKey);
        try {
          // The same OpenDatabase object, now on the new connection: a call holding `open` across an await goes on.
          Object.assign(session.open, openDatabase(this.dbPath, session.dbKey));
        } catch (err) {
          this.session = null;
          session.dbKey.fill(0);
          throw err;
        }
        return { generation: keys.generation, needNewPassword: rewrapped.dropped, recoveryCode };
      } finally {
        newKey.fill(0);
      }
    });
  }

  private serializeKeys<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.keysQueue.then(fn, fn);
    this.keysQueue = run.catch(() => undefined);
    return run;
  }

  /**
   * Rewrites the key file and keeps the session's copy in step. Only for a synchronous read-modify-write (no
   * await between reading the keys and calling this); anything slower goes through updateKeys.
   */
  saveKeys(keys: KeyFile): void {
    writeKeyFile(this.keysPath, keys);
    if (this.session) this.session.keys = keys;
  }

  private readKeys(): KeyFile {
    if (!existsSync(this.dbPath)) throw new ApiError('NOT_SET_UP', 'База данных ещё не создана.');
    return readKeyFile(this.keysPath);
  }

  /**
   * Opens the database with the key a secret unwraps from the key file, or, when a re-key was cut short after
   * the database was re-keyed, from the pending key file (which then replaces the key file). A stale pending
   * file (the re-key failed before the database changed) is removed.
   */
  private async openWith(unwrap: (keys: KeyFile) => Promise<Unwrapped>): Promise<{ keys: KeyFile; unwrapped: Unwrapped; open: OpenDatabase }> {
    const keys = this.readKeys();
    const pending = pendingKeyFilePath(this.dbPath);
    const unwrapped = await unwrap(keys);
    // A re-keyed copy left by a re-key cut short before it was swapped in is only a stray file.
    rmSync(rekeyCopyPath(this.dbPath), { force: true });
    try {
      const open = openDatabase(this.dbPath, unwrapped.dbKey);
      rmSync(pending, { force: true });
      return { keys, unwrapped, open };
    } catch (err) {
      unwrapped.dbKey.fill(0);
      if (!(err instanceof ApiError) || err.code !== 'DAMAGED' || !existsSync(pending)) throw err;
    }
    const next = readKeyFile(pending);
    const retried = await unwrap(next);
    const open = openDatabase(this.dbPath, retried.dbKey);
    renameSync(pending, this.keysPath);
    return { keys: next, unwrapped: retried, open };
  }

  private async attempt(throttleKey: string, login: string, unwrap: (keys: KeyFile) => Promise<Unwrapped>): Promise<SessionUser> {
    // Checked and marked before any await: concurrent attempts for one login cannot all slip past the pause.
    const state = this.attemptsOf(throttleKey);
    const wait = state.retryAt - this.now();
    if (wait > 0 || state.busy) {
      const ms = Math.max(wait, 1000);
      throw new ApiError(
        'THROTTLED',
        state.busy && wait <= 0 ? 'Предыдущая попытка входа ещё проверяется. Подождите.' : `Слишком много неудачных попыток. Подождите ${Math.ceil(ms / 1000)} с.`,
        { retryAfterMs: ms },
      );
    }
    state.busy = true;
    try {
      return await this.serializeKeys(async () => {
        let opened: Awaited<ReturnType<Workspace['openWith']>>;
        try {
          opened = await this.openWith(unwrap);
        } catch (err) {
          throw this.failed(err, throttleKey, login);
        }
        const { open, unwrapped } = opened;
        try {
          const user = this.adopt(open, opened.keys, unwrapped.dbKey, unwrapped.login);
          const updated = await unwrapped.update(opened.keys, unwrapped.dbKey);
          if (updated) this.saveKeys(updated);
          this.attempts.delete(throttleKey);
          return user;
        } catch (err) {
          if (this.session?.open === open) this.lock();
          else {
            open.close();
            unwrapped.dbKey.fill(0);
          }
          throw this.failed(err, throttleKey, unwrapped.login);
        }
      });
    } finally {
      state.busy = false;
    }
  }

  private attemptsOf(key: string): LoginAttempts {
    let state = this.attempts.get(key);
    if (!state) {
      if (this.attempts.size >= MAX_TRACKED_LOGINS) {
        for (const [k, v] of this.attempts) if (!v.busy && v.retryAt <= this.now()) this.attempts.delete(k);
      }
      state = { failures: 0, retryAt: 0, busy: false };
      this.attempts.set(key, state);
    }
    return state;
  }

  /** Counts a wrong password for this login, and tells the caller at once when its next attempt may be made. */
  private failed(err: unknown, throttleKey: string, login: string): unknown {
    if (!(err instanceof ApiError) || err.code !== 'WRONG_PASSWORD') return err;
    const state = this.attemptsOf(throttleKey);
    state.failures += 1;
    if (this.failedAttempts.length < 1000) this.failedAttempts.push({ login, at: new Date(this.now()).toISOString() });
    if (state.failures >= FREE_ATTEMPTS) {
      const wait = Math.min(1000 * 2 ** (state.failures - FREE_ATTEMPTS), MAX_WAIT_MS);
      state.retryAt = this.now() + wait;
      return new ApiError('WRONG_PASSWORD', `${err.message}. Следующая попытка — через ${Math.ceil(wait / 1000)} с.`, { retryAfterMs: wait });
    }
    return err;
  }

  /** Hands over (and forgets) the failed attempts made since the last unlock. */
  takeFailedAttempts(): { login: string; at: string }[] {
    return this.failedAttempts.splice(0);
  }

  private loadUser(open: OpenDatabase, login: string): SessionUser {
    const row = open.db.select().from(users).where(eq(users.login, login)).get();
    if (!row || !row.active) {
      open.close();
      throw new ApiError('WRONG_PASSWORD', 'Неверный логин или пароль');
    }
    return { id: row.id, login: row.login, displayName: row.displayName, role: row.role as Role, orgId: row.orgId };
  }

  /** Removes a database that set-up failed to finish, so nothing half-made is left. */
  discardFiles(): void {
    this.lock();
    for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(this.dbPath + suffix, { force: true });
    rmSync(this.keysPath, { force: true });
    rmSync(pendingKeyFilePath(this.dbPath), { force: true });
    rmSync(rekeyCopyPath(this.dbPath), { force: true });
  }
}

/** Makes renames in a folder durable (Linux); where a folder cannot be opened for that (Windows), renames are already. */
function syncFolder(folder: string): void {
  try {
    const fd = openSync(folder, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Not supported here: nothing more can be done.
  }
}

/** The re-keyed copy of the database while a re-key is under way. */
function rekeyCopyPath(dbPath: string): string {
  return `${dbPath}.rekey`;
}

/** `mine` was made from `base`; top-level fields someone else changed meanwhile (in `latest`) and `mine` did not are kept. */
function rebase(base: KeyFile, mine: KeyFile, latest: KeyFile): KeyFile {
  if (latest === base) return mine;
  const out: Record<string, unknown> = { ...mine };
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  for (const [k, v] of Object.entries(latest)) if (!same(v, base[k]) && same(mine[k], base[k])) out[k] = v;
  return out as KeyFile;
}

/** What a secret unwrapped, and the key-file change to make once the database is open (null: none). */
interface Unwrapped {
  dbKey: Buffer;
  login: string;
  update: (keys: KeyFile, dbKey: Buffer) => Promise<KeyFile | null>;
}

export function readIdleMinutes(open: OpenDatabase): number {
  const raw = open.sqlite.prepare("SELECT value FROM meta WHERE key = 'idleMinutes'").pluck().get() as string | undefined;
  const n = Number(raw);
  return Number.isInteger(n) && n > 0 ? n : DEFAULT_IDLE_MINUTES;
}
