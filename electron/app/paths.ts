import { homedir } from 'node:os';
import { join } from 'node:path';

/** Where the database lives unless told otherwise: the user's application data folder. */
export function defaultDataDir(): string {
  if (process.env.UCHET_DATA_DIR) return process.env.UCHET_DATA_DIR;
  if (process.platform === 'win32') return join(process.env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'uchet-detei');
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'uchet-detei');
  return join(process.env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'uchet-detei');
}

export const DB_FILE_NAME = 'uchet.db';
