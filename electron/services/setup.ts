import { createKeyFile, keyFilePath, writeKeyFile } from '../../db/keys';
import { openDatabase } from '../../db/open';
import { meta, organizations, users } from '../../db/schema';
import { ApiError } from '../../shared/api/errors';
import type { CallOutput, ParsedInput } from '../../shared/api/contract';
import { PROFILES, findProfile } from '../../shared/profiles';
import { DEFAULT_IDLE_MINUTES } from '../app/workspace';
import type { CallContext } from './context';

export function listProfiles(): CallOutput<'setup.profiles'> {
  return PROFILES.map((p) => ({ id: p.id, title: p.title, departmentName: p.departmentName }));
}

/**
 * Creates the encrypted database, its key file and the administrator, and pre-fills the participants the
 * profile names. Either all of it exists afterwards or none of it.
 */
export async function createDatabase(ctx: CallContext, input: ParsedInput<'setup.create'>): Promise<CallOutput<'setup.create'>> {
  const { ws } = ctx;
  if (ws.exists()) throw new ApiError('ALREADY_SET_UP', 'База данных уже создана: войдите в неё.');
  const profile = findProfile(input.profileId);
  if (!profile) throw new ApiError('VALIDATION', `Неизвестный порядок учёта: ${input.profileId}`);

  const created = await createKeyFile(input.departmentName, input.adminLogin, input.password);
  try {
    const open = openDatabase(ws.dbPath, created.dbKey, { create: true });
    open.db.transaction((tx) => {
      tx.insert(meta)
        .values([
          { key: 'profileId', value: profile.id },
          { key: 'departmentName', value: input.departmentName },
          { key: 'idleMinutes', value: String(DEFAULT_IDLE_MINUTES) },
          { key: 'dbId', value: created.file.dbId },
        ])
        .run();
      for (const p of profile.participants) {
        const fullName = p.kind === 'department' ? input.departmentName : p.fullName;
        tx.insert(organizations)
          .values({ profileKey: p.key, kind: p.kind, fullName, shortName: p.shortName, headPosition: p.headPosition })
          .run();
      }
      tx.insert(users).values({ login: input.adminLogin, displayName: input.adminName, role: 'admin', orgId: null }).run();
    });
    writeKeyFile(keyFilePath(ws.dbPath), created.file);
    const user = ws.adopt(open, created.file, created.dbKey, input.adminLogin);
    ctx.target('database', created.file.dbId, { profile: profile.id });
    return { recoveryCode: created.recoveryCode, user };
  } catch (err) {
    ws.discardFiles();
    created.dbKey.fill(0);
    throw err;
  }
}
