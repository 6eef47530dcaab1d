import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, isAbsolute } from 'node:path';
import { keyFilePath, readKeyFile } from '../../db/keys';
import { DB_FILE_NAME } from './paths';
import { Workspace } from './workspace';

/**
 * The data folder of the desktop app and of browser mode, and which database in it is open:
 *
 *   <data>/uchet.db              the real database (the set-up wizard creates it here)
 *   <data>/demo/uchet.db         the demo, never in the real database's place
 *   <data>/restored/uchet-….db   databases restored from a backup (never over the open one)
 *   <data>/current-database.json which of them was open last, so the next start opens it again
 *
 * The command line names its file with --db and has no data folder.
 */
export class DataHome {
  constructor(readonly dir: string) {}

  get realPath(): string {
    return join(this.dir, DB_FILE_NAME);
  }

  get demoPath(): string {
    return join(this.dir, 'demo', DB_FILE_NAME);
  }

  get restoredDir(): string {
    return join(this.dir, 'restored');
  }

  private get pointerPath(): string {
    return join(this.dir, 'current-database.json');
  }

  isDemo(path: string): boolean {
    return resolve(path) === resolve(this.demoPath);
  }

  /** A file inside the folder of restored databases (and nowhere else): the only files «open a restored copy» may open. */
  isRestored(path: string): boolean {
    const rel = relative(resolve(this.restoredDir), resolve(path));
    return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) && !rel.includes('/') && !rel.includes('\\') && rel.endsWith('.db');
  }

  /**
   * The database to open at start: the one open last (if it still exists), else the real one, else an existing
   * demo, else the real one's place (no database yet: the wizard).
   */
  initialPath(): string {
    try {
      const last = (JSON.parse(readFileSync(this.pointerPath, 'utf8')) as { path?: unknown }).path;
      if (typeof last === 'string' && existsSync(last) && (last === this.realPath || this.isDemo(last) || this.isRestored(last))) return last;
    } catch {
      // No pointer yet, or an unreadable one: the default order decides.
    }
    if (existsSync(this.realPath)) return this.realPath;
    if (existsSync(this.demoPath)) return this.demoPath;
    return this.realPath;
  }

  remember(path: string): void {
    try {
      writeFileSync(this.pointerPath, JSON.stringify({ path }), { mode: 0o600 });
    } catch {
      // Only a convenience for the next start.
    }
  }

  /**
   * A demo made by an earlier version sits in the real database's place (its key file's label starts «Демо:»):
   * it moves to the demo folder, so the wizard can create the real database where it belongs.
   */
  moveOldDemo(): void {
    const keys = keyFilePath(this.realPath);
    if (!existsSync(keys) || existsSync(this.demoPath)) return;
    let label = '';
    try {
      label = readKeyFile(keys).label;
    } catch {
      return;
    }
    if (!label.startsWith('Демо:')) return;
    mkdirSync(dirname(this.demoPath), { recursive: true });
    for (const suffix of ['', '-wal', '-shm']) if (existsSync(this.realPath + suffix)) renameSync(this.realPath + suffix, this.demoPath + suffix);
    renameSync(keys, keyFilePath(this.demoPath));
  }
}

const homes = new WeakMap<Workspace, DataHome>();

/** The workspace of browser mode and the Electron shell: the data folder's last open database. */
export function openWorkspace(dir: string, clock: () => number): Workspace {
  mkdirSync(dir, { recursive: true });
  const home = new DataHome(dir);
  home.moveOldDemo();
  const ws = new Workspace(home.initialPath(), clock);
  homes.set(ws, home);
  return ws;
}

/** The data folder a workspace was opened in; null for the command line (a file named with --db). */
export function homeOf(ws: Workspace): DataHome | null {
  return homes.get(ws) ?? null;
}

/** Locks the open database and turns to another one of the data folder, remembered for the next start. */
export function switchDatabase(ws: Workspace, path: string): void {
  const home = homeOf(ws);
  mkdirSync(dirname(path), { recursive: true });
  ws.useDatabase(path);
  home?.remember(path);
}

/** Where the app stands, for app.state: in the demo (and so it says on every screen) or not. */
export function placeOf(ws: Workspace): { demo: boolean } {
  const home = homeOf(ws);
  return { demo: home ? home.isDemo(ws.dbPath) : false };
}
