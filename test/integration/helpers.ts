import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { ApiError } from '../../shared/api/errors';
import type { CallInput, CallName, CallOutput } from '../../shared/api/contract';
import { Workspace } from '../../electron/app/workspace';
import { createDispatcher } from '../../electron/dispatcher';

export const ADMIN_PASSWORD = 'Секретный пароль 1';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

export function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'uchet-test-'));
  dirs.push(d);
  return d;
}

/** A workspace on a real encrypted file, reached through the real dispatcher, as every transport does. */
export function workspace(dbPath = join(tempDir(), 'uchet.db'), now?: () => number) {
  const ws = new Workspace(dbPath, now);
  const dispatch = createDispatcher(ws);
  async function call<N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutput<N>> {
    const res = await dispatch(name, input);
    if (!res.ok) throw ApiError.from(res.error);
    return res.result as CallOutput<N>;
  }
  /** The error a call fails with (the test fails if it succeeds). */
  async function fails(name: CallName, input: unknown): Promise<ApiError> {
    const res = await dispatch(name, input);
    if (res.ok) throw new Error(`${name} should have failed`);
    return ApiError.from(res.error);
  }
  return { ws, dispatch, call, fails };
}

export async function setUp(profileId = 'zato-svobodny', dbPath?: string, now?: () => number) {
  const w = workspace(dbPath, now);
  const created = await w.call('setup.create', {
    profileId,
    departmentName: 'Отдел образования (тест)',
    adminLogin: 'admin',
    adminName: 'Администратор Тестовый',
    password: ADMIN_PASSWORD,
  });
  return { ...w, recoveryCode: created.recoveryCode };
}
