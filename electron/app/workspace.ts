import { existsSync, rmSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import { keyFilePath, readKeyFile, setPasswordSlot, unwrapWithPassword, unwrapWithRecoveryCode, writeKeyFile, type KeyFile } from '../../db/keys';
import { openDatabase, type OpenDatabase } from '../../db/open';
import { users } from '../../db/schema';
import { ApiError } from '../../shared/api/errors';
import type { AppState } from '../../shared/api/contract';
import type { Role } from '../../shared/api/roles';
import type { SessionUser } from '../../shared/api/schemas';

export const DEFAULT_IDLE_MINUTES = 15;

/** Failures before attempts are slowed down, and the longest wait between attempts. */
const FREE_ATTEMPTS = 3;
const MAX_WAIT_MS = 60_000;

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
  private failures = 0;
  private retryAt = 0;
  /** Failed attempts made while locked; written to the journal by the next successful unlock. */
  private failedAttempts: { login: string; at: string }[] = [];

  constructor(
    readonly dbPath: string,
    /** The clock of every call (CallContext.now/today) and of idle locks; see clock.ts. */
    readonly now: () => number = Date.now,
  ) {}

  get keysPath(): string {
    return keyFilePath(this.dbPath);
  }

  exists(): boolean {
    return existsSync(this.dbPath) || existsSync(this.keysPath);
  }

  state(): AppState {
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
      retryAfterMs: Math.max(0, this.retryAt - this.now()),
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
    this.session.dbKey.fill(0);
    this.session = null;
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

  async unlock(login: string, password: string): Promise<SessionUser> {
    return this.attempt(login, async () => {
      const keys = this.readKeys();
      const dbKey = await unwrapWithPassword(keys, login, password);
      return { keys, dbKey, login };
    });
  }

  /** Opens with the recovery code and gives the named user a new password. */
  async recover(code: string, login: string, newPassword: string): Promise<SessionUser> {
    return this.attempt(login, async () => {
      let keys = this.readKeys();
      const dbKey = await unwrapWithRecoveryCode(keys, code);
      keys = await setPasswordSlot(keys, dbKey, login, newPassword);
      return { keys, dbKey, login, writeKeys: true };
    });
  }

  /** Rewrites the key file (a password slot added, changed or removed) and keeps the session's copy in step. */
  saveKeys(keys: KeyFile): void {
    writeKeyFile(this.keysPath, keys);
    if (this.session) this.session.keys = keys;
  }

  private readKeys(): KeyFile {
    if (!existsSync(this.dbPath)) throw new ApiError('NOT_SET_UP', 'База данных ещё не создана.');
    return readKeyFile(this.keysPath);
  }

  private async attempt(
    login: string,
    unwrap: () => Promise<{ keys: KeyFile; dbKey: Buffer; login: string; writeKeys?: boolean }>,
  ): Promise<SessionUser> {
    const wait = this.retryAt - this.now();
    if (wait > 0) {
      throw new ApiError('THROTTLED', `Слишком много неудачных попыток. Подождите ${Math.ceil(wait / 1000)} с.`, { retryAfterMs: wait });
    }
    let unwrapped: Awaited<ReturnType<typeof unwrap>>;
    try {
      unwrapped = await unwrap();
    } catch (err) {
      throw this.failed(err, login);
    }
    const open = openDatabase(this.dbPath, unwrapped.dbKey);
    try {
      const user = this.adopt(open, unwrapped.keys, unwrapped.dbKey, unwrapped.login);
      if (unwrapped.writeKeys) this.saveKeys(unwrapped.keys);
      this.failures = 0;
      this.retryAt = 0;
      return user;
    } catch (err) {
      if (this.session?.open === open) this.lock();
      else open.close();
      throw this.failed(err, unwrapped.login);
    }
  }

  /** Counts a wrong password, and tells the caller at once when the next attempt may be made. */
  private failed(err: unknown, login: string): unknown {
    if (!(err instanceof ApiError) || err.code !== 'WRONG_PASSWORD') return err;
    this.failures += 1;
    if (this.failedAttempts.length < 1000) this.failedAttempts.push({ login, at: new Date(this.now()).toISOString() });
    if (this.failures >= FREE_ATTEMPTS) {
      const wait = Math.min(1000 * 2 ** (this.failures - FREE_ATTEMPTS), MAX_WAIT_MS);
      this.retryAt = this.now() + wait;
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
    for (const suffix of ['', '-wal', '-shm']) rmSync(this.dbPath + suffix, { force: true });
    rmSync(this.keysPath, { force: true });
  }
}

export function readIdleMinutes(open: OpenDatabase): number {
  const raw = open.sqlite.prepare("SELECT value FROM meta WHERE key = 'idleMinutes'").pluck().get() as string | undefined;
  const n = Number(raw);
  return Number.isInteger(n) && n > 0 ? n : DEFAULT_IDLE_MINUTES;
}
