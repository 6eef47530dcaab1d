import { describe, expect, it } from 'vitest';
import { setUp } from './helpers';

describe('the audit log', () => {
  it('records every change and every read of a child, with user, time, action and object', async () => {
    const { call } = await setUp();
    const school = (await call('orgs.list', {})).find((o) => o.kind === 'school')!;
    await call('orgs.update', { id: school.id, headName: 'Иванова Мария Петровна' });
    const { child } = await call('children.create', {
      child: { surname: 'Тестов', name: 'Тест', patronymic: null, birthDate: '2015-01-01', gender: 'm' },
      facts: [{ type: 'study', orgId: school.id, classLabel: '4А', validFrom: null, enrolOrderNumber: null, enrolOrderDate: null }],
    });
    await call('children.card', { id: child.id });
    const { entries } = await call('audit.list', {});
    const actions = entries.map((e) => e.action);
    expect(actions.slice(0, 3)).toEqual(['children.card', 'children.create', 'orgs.update']);
    expect(actions).toContain('setup.create');
    const read = entries[0]!;
    expect(read).toMatchObject({ userLogin: 'admin', objectType: 'child', objectId: String(child.id) });
    expect(new Date(read.at).getTime()).toBeGreaterThan(Date.now() - 60_000);
    const update = entries.find((e) => e.action === 'orgs.update')!;
    expect(JSON.parse(update.details!)).toEqual({ headName: { было: '', стало: 'Иванова Мария Петровна' } });
    // The child's data itself is not copied into the journal.
    expect(entries.find((e) => e.action === 'children.create')!.details).not.toMatch(/Тестов/);
    expect((await call('audit.list', { objectType: 'organization', objectId: String(school.id) })).total).toBe(1);
  });

  it('refuses to change or delete an entry', async () => {
    const { ws } = await setUp();
    const { sqlite } = ws.current!.open;
    expect(() => sqlite.prepare("UPDATE audit_log SET user_login = 'x'").run()).toThrow(/только дополняется/);
    expect(() => sqlite.prepare('DELETE FROM audit_log').run()).toThrow(/только дополняется/);
  });

  it('detects an entry edited or deleted behind the application’s back', async () => {
    const { ws, call } = await setUp();
    for (let i = 0; i < 3; i++) await call('orgs.add', { kind: 'other', fullName: `Организация ${i}`, shortName: `О${i}`, address: '', headPosition: '', headName: '' });
    expect(await call('audit.verify', {})).toMatchObject({ ok: true, brokenAtId: null });
    const { sqlite } = ws.current!.open;
    // Someone with the key and another SQLite tool drops the trigger and rewrites history.
    sqlite.exec('DROP TRIGGER audit_log_no_update');
    sqlite.prepare("UPDATE audit_log SET user_login = 'someone' WHERE id = 3").run();
    const verdict = await call('audit.verify', {});
    expect(verdict).toMatchObject({ ok: false, brokenAtId: 3 });
    expect(verdict.message).toMatch(/нарушен на записи № 3/);
  });

  it('detects a deleted entry', async () => {
    const { ws, call } = await setUp();
    for (let i = 0; i < 3; i++) await call('orgs.add', { kind: 'other', fullName: `Организация ${i}`, shortName: `О${i}`, address: '', headPosition: '', headName: '' });
    const { sqlite } = ws.current!.open;
    sqlite.exec('DROP TRIGGER audit_log_no_delete');
    sqlite.prepare('DELETE FROM audit_log WHERE id = 2').run();
    expect(await call('audit.verify', {})).toMatchObject({ ok: false, brokenAtId: 3 });
  });
});
