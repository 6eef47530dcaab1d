import { rmSync } from 'node:fs';
import { basename } from 'node:path';
import { readBackup, restoreBackup, writeBackup } from '../../db/backup';
import { readKeyFile, unwrapWithPassword, unwrapWithRecoveryCode } from '../../db/keys';
import { openDatabase } from '../../db/open';
import { ApiError } from '../../shared/api/errors';
import type { CallOutput, ParsedInput } from '../../shared/api/contract';
import type { CallContext } from './context';
import { recordBackup, verifyBackupFile } from './backupFolders';
import { sealJournal } from './journalPolicy';

/** A backup of the open database; the key file inside it carries the journal's seal as of the copy. */
export function createBackup(ctx: CallContext, input: ParsedInput<'backup.create'>): CallOutput<'backup.create'> {
  const { open, dbKey } = ctx.session();
  sealJournal(ctx.ws);
  const keys = readKeyFile(ctx.ws.keysPath);
  const { bytes } = writeBackup(open, keys, input.to);
  // A copy that does not reopen is no copy: it is removed and the call fails.
  try {
    verifyBackupFile(input.to, dbKey, keys.dbId);
  } catch (err) {
    rmSync(input.to, { force: true });
    throw err;
  }
  ctx.target('database', keys.dbId, { file: basename(input.to), bytes, sealedEntry: keys.journalSeal?.lastId ?? null, verified: true });
  // The date of the last backup (Настройки shows it) is written with the backup's journal entry.
  ctx.tx(() => recordBackup(ctx, input.to));
  return { file: input.to, bytes, seal: keys.journalSeal ?? null };
}

/**
 * Restores a backup into the workspace's file (which must not exist yet) and opens it as the administrator
 * who restored it, so the restore is the first entry journaled in the restored database. Only an active
 * administrator of the backed-up database may restore it — with their password, or with the recovery code;
 * anyone else leaves nothing behind.
 */
export async function restoreFromBackup(ctx: CallContext, input: ParsedInput<'backup.restore'>): Promise<CallOutput<'backup.restore'>> {
  const { ws } = ctx;
  const backup = readBackup(input.from);
  const dbKey = input.recoveryCode
    ? await unwrapWithRecoveryCode(backup.keys, input.recoveryCode)
    : await unwrapWithPassword(backup.keys, input.login ?? '', input.password ?? '');
  restoreBackup(backup, dbKey, ws.dbPath);
  try {
    const open = openDatabase(ws.dbPath, dbKey);
    const admins = open.sqlite.prepare("SELECT login FROM users WHERE role = 'admin' AND active ORDER BY id").pluck().all() as string[];
    const login = input.login ?? admins[0];
    if (!login || !admins.includes(login)) {
      open.close();
      throw new ApiError('FORBIDDEN', `Восстановить базу из резервной копии может только администратор этой базы${input.login ? `; «${input.login}» — не администратор` : ''}.`);
    }
    const user = ws.adopt(open, backup.keys, dbKey, login);
    ctx.target('database', backup.keys.dbId, { from: basename(input.from), via: input.recoveryCode ? 'recovery-code' : 'password' });
    return user;
  } catch (err) {
    ws.discardFiles();
    throw err;
  }
}
