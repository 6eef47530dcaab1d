import { describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, setUp } from './helpers';

describe('the session', () => {
  it('slows down repeated wrong passwords', async () => {
    let now = 1_000_000;
    const { fails, call } = await setUp('kstovo', undefined, () => now);
    await call('session.lock', {});
    for (let i = 0; i < 3; i++) expect((await fails('session.unlock', { login: 'admin', password: 'неверно' })).code).toBe('WRONG_PASSWORD');
    const throttled = await fails('session.unlock', { login: 'admin', password: ADMIN_PASSWORD });
    expect(throttled.code).toBe('THROTTLED');
    expect(throttled.retryAfterMs).toBeGreaterThan(0);
    expect(throttled.message).toMatch(/Подождите \d+ с/);
    now += throttled.retryAfterMs!;
    expect((await fails('session.unlock', { login: 'admin', password: 'неверно' })).code).toBe('WRONG_PASSWORD');
    const longer = await fails('session.unlock', { login: 'admin', password: ADMIN_PASSWORD });
    expect(longer.retryAfterMs).toBeGreaterThan(throttled.retryAfterMs!);
    now += longer.retryAfterMs!;
    expect((await call('session.unlock', { login: 'admin', password: ADMIN_PASSWORD })).login).toBe('admin');
  });

  it('locks itself after the idle time set in the settings', async () => {
    let now = 5_000_000;
    const { ws, call, fails } = await setUp('zato-svobodny', undefined, () => now);
    await call('settings.update', { idleMinutes: 5 });
    now += 4 * 60_000;
    await call('session.touch', {});
    now += 4 * 60_000;
    expect(ws.state().state).toBe('unlocked');
    now += 2 * 60_000;
    expect(ws.state().state).toBe('locked');
    expect((await fails('orgs.list', {})).code).toBe('LOCKED');
    // The setting is kept in the database and applies after the next unlock too.
    await call('session.unlock', { login: 'admin', password: ADMIN_PASSWORD });
    expect(ws.state().idleMinutes).toBe(5);
  });

  it('opens with the recovery code when the password is lost, and sets a new one', async () => {
    const { call, fails, recoveryCode } = await setUp();
    await call('session.lock', {});
    expect((await fails('session.recover', { recoveryCode: 'AAAAA-BBBBB-CCCCC-DDDDD-EEEEE', login: 'admin', newPassword: 'новый пароль 2' })).code).toBe('WRONG_PASSWORD');
    // Typed in lower case and without dashes, as people copy it from paper.
    const user = await call('session.recover', { recoveryCode: recoveryCode.toLowerCase().replaceAll('-', ' '), login: 'admin', newPassword: 'новый пароль 2' });
    expect(user.login).toBe('admin');
    await call('session.lock', {});
    expect((await fails('session.unlock', { login: 'admin', password: ADMIN_PASSWORD })).code).toBe('WRONG_PASSWORD');
    expect((await call('session.unlock', { login: 'admin', password: 'новый пароль 2' })).login).toBe('admin');
  });

  it('a password change rewraps the key and leaves the database file untouched', async () => {
    const { ws, call, fails } = await setUp();
    const { readFileSync } = await import('node:fs');
    ws.current!.open.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    const before = readFileSync(ws.dbPath);
    await fails('session.changePassword', { oldPassword: 'не тот', newPassword: 'другой пароль' });
    await call('session.changePassword', { oldPassword: ADMIN_PASSWORD, newPassword: 'другой пароль' });
    await call('session.lock', {});
    const after = readFileSync(ws.dbPath);
    // Only the audit entry was appended: the first pages (and the encryption of all pages) are unchanged.
    expect(after.subarray(0, 4096).equals(before.subarray(0, 4096))).toBe(true);
    expect((await call('session.unlock', { login: 'admin', password: 'другой пароль' })).login).toBe('admin');
  });

  it('writes the failed attempts made while locked into the journal at the next unlock', async () => {
    const { call, fails } = await setUp();
    await call('session.lock', {});
    await fails('session.unlock', { login: 'admin', password: 'неверно 1' });
    await fails('session.unlock', { login: 'intruder', password: 'неверно 2' });
    await fails('session.unlock', { login: 'admin', password: 'неверно 3' });
    const third = await fails('session.unlock', { login: 'admin', password: 'неверно 4' });
    // The answer that starts a pause says so at once (the pause counts this login's failures only).
    expect(third.retryAfterMs).toBeGreaterThan(0);
    expect(third.message).toMatch(/Следующая попытка — через \d+ с/);
    await new Promise((r) => setTimeout(r, third.retryAfterMs));
    await call('session.unlock', { login: 'admin', password: ADMIN_PASSWORD });
    const { entries } = await call('audit.list', { action: 'session.failed' });
    expect(entries.map((e) => e.userLogin).sort()).toEqual(['admin', 'admin', 'admin', 'intruder']);
    expect((await call('audit.verify', {})).ok).toBe(true);
  });
});
