import { ApiError } from '../../shared/api/errors';
import type { CallOutput, ParsedInput } from '../../shared/api/contract';
import { findProfile } from '../../shared/profiles';
import type { CallContext } from './context';

function readMeta(ctx: CallContext): Map<string, string> {
  const rows = ctx.session().open.sqlite.prepare('SELECT key, value FROM meta').all() as { key: string; value: string }[];
  return new Map(rows.map((r) => [r.key, r.value]));
}

export function getSettings(ctx: CallContext): CallOutput<'settings.get'> {
  const m = readMeta(ctx);
  const profileId = m.get('profileId') ?? '';
  const profile = findProfile(profileId);
  if (!profile) throw new ApiError('DAMAGED', `В базе указан неизвестный порядок учёта «${profileId}».`);
  return {
    profileId,
    profileTitle: profile.title,
    departmentName: m.get('departmentName') ?? profile.departmentName,
    idleMinutes: Number(m.get('idleMinutes') ?? 15),
  };
}

export async function updateSettings(ctx: CallContext, input: ParsedInput<'settings.update'>): Promise<CallOutput<'settings.update'>> {
  const { open } = ctx.session();
  const upsert = open.sqlite.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
  ctx.target('settings', null, input);
  ctx.tx(() => {
    if (input.idleMinutes !== undefined) upsert.run('idleMinutes', String(input.idleMinutes));
    if (input.departmentName !== undefined) upsert.run('departmentName', input.departmentName);
  });
  if (input.idleMinutes !== undefined) ctx.ws.setIdleMinutes(input.idleMinutes);
  const label = input.departmentName;
  // The key file shows the name before unlock; it changes in the key-file queue like every other change of it.
  if (label !== undefined) await ctx.ws.updateKeys(async (keys) => ({ keys: { ...keys, label }, result: undefined }));
  return getSettings(ctx);
}
