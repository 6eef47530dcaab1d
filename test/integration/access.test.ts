import { describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, setUp } from './helpers';

const SCHOOL_PASSWORD = 'пароль школы 25';

/** Two schools, a child in each, a school user bound to the first. */
async function twoSchools() {
  const w = await setUp();
  const orgs = await w.call('orgs.list', {});
  const own = orgs.find((o) => o.kind === 'school')!;
  const other = await w.call('orgs.add', { kind: 'school', fullName: 'Школа № 2 (тест)', shortName: 'Школа № 2', address: '', headPosition: 'Директор', headName: '' });
  const mine = await w.call('children.add', { surname: 'Петров', name: 'Пётр', patronymic: 'Петрович', birthDate: '2014-03-04', gender: 'm', orgId: own.id, classLabel: '6А' });
  const theirs = await w.call('children.add', { surname: 'Сидорова', name: 'Анна', patronymic: null, birthDate: '2013-05-06', gender: 'f', orgId: other.id, classLabel: '7Б' });
  await w.call('users.add', { login: 'school25', displayName: 'Завуч Тестовая', role: 'school', orgId: own.id, password: SCHOOL_PASSWORD });
  await w.call('users.add', { login: 'inspector', displayName: 'Проверяющий Тестовый', role: 'inspector', orgId: null, password: 'пароль проверяющего' });
  await w.call('users.add', { login: 'operator', displayName: 'Специалист Тестовый', role: 'operator', orgId: null, password: 'пароль специалиста' });
  await w.call('session.lock', {});
  return { ...w, own, other, mine, theirs };
}

describe('roles are enforced by the services, whatever the UI shows', () => {
  it('a school user reads its own pupil but not another school’s child', async () => {
    const { call, fails, mine, theirs } = await twoSchools();
    await call('session.unlock', { login: 'school25', password: SCHOOL_PASSWORD });
    expect((await call('children.get', { id: mine.id })).surname).toBe('Петров');
    const err = await fails('children.get', { id: theirs.id });
    expect(err.code).toBe('FORBIDDEN');
    expect(err.message).toMatch(/не относится к вашей организации/);
  });

  it('a school user adds children only to its own organization', async () => {
    const { call, own, other } = await twoSchools();
    await call('session.unlock', { login: 'school25', password: SCHOOL_PASSWORD });
    const child = await call('children.add', { surname: 'Новый', name: 'Ученик', patronymic: null, birthDate: '2016-01-01', gender: 'm', orgId: other.id, classLabel: '3А' });
    expect(child.orgId).toBe(own.id);
  });

  it('each role reaches only its calls', async () => {
    const { call, fails, own } = await twoSchools();
    await call('session.unlock', { login: 'school25', password: SCHOOL_PASSWORD });
    expect((await fails('orgs.update', { id: own.id, headName: 'x' })).code).toBe('FORBIDDEN');
    expect((await fails('users.list', {})).code).toBe('FORBIDDEN');
    expect((await fails('audit.list', {})).code).toBe('FORBIDDEN');
    await call('session.lock', {});

    await call('session.unlock', { login: 'inspector', password: 'пароль проверяющего' });
    expect((await call('audit.list', {})).total).toBeGreaterThan(0);
    expect((await fails('orgs.add', { kind: 'other', fullName: 'x', shortName: 'x', address: '', headPosition: '', headName: '' })).code).toBe('FORBIDDEN');
    expect((await fails('children.add', { surname: 'А', name: 'Б', patronymic: null, birthDate: '2015-01-01', gender: null, orgId: null, classLabel: null })).code).toBe('FORBIDDEN');
    await call('session.lock', {});

    await call('session.unlock', { login: 'operator', password: 'пароль специалиста' });
    expect((await call('orgs.update', { id: own.id, address: 'ул. Тестовая, 1' })).address).toBe('ул. Тестовая, 1');
    expect((await fails('users.add', { login: 'x1', displayName: 'x', role: 'admin', orgId: null, password: '12345678' })).code).toBe('FORBIDDEN');
  });

  it('nothing but the state is reachable while locked', async () => {
    const { fails, mine } = await twoSchools();
    expect((await fails('children.get', { id: mine.id })).code).toBe('LOCKED');
    expect((await fails('orgs.list', {})).code).toBe('LOCKED');
  });

  it('a deactivated user can no longer unlock, and a reset password brings them back', async () => {
    const { call, fails } = await twoSchools();
    await call('session.unlock', { login: 'admin', password: ADMIN_PASSWORD });
    const user = (await call('users.list', {})).find((u) => u.login === 'school25')!;
    await call('users.update', { id: user.id, active: false });
    await call('session.lock', {});
    expect((await fails('session.unlock', { login: 'school25', password: SCHOOL_PASSWORD })).code).toBe('WRONG_PASSWORD');
    await call('session.unlock', { login: 'admin', password: ADMIN_PASSWORD });
    await call('users.resetPassword', { login: 'school25', password: 'новый пароль школы' });
    await call('session.lock', {});
    expect((await call('session.unlock', { login: 'school25', password: 'новый пароль школы' })).role).toBe('school');
  });

  it('a school user must be bound to an organization', async () => {
    const { call, fails } = await twoSchools();
    await call('session.unlock', { login: 'admin', password: ADMIN_PASSWORD });
    const err = await fails('users.add', { login: 'loose', displayName: 'Без организации', role: 'school', orgId: null, password: '12345678' });
    expect(err.code).toBe('VALIDATION');
    expect(err.issues?.[0]?.path).toBe('orgId');
  });
});

describe('input validation', () => {
  it('answers in Russian, field by field', async () => {
    const { fails } = await setUp();
    const err = await fails('orgs.add', { kind: 'school', fullName: '', shortName: 'x', address: '', headPosition: '', headName: '' });
    expect(err.code).toBe('VALIDATION');
    expect(err.issues).toEqual([{ path: 'fullName', message: 'Заполните поле «Полное наименование»' }]);
    const err2 = await fails('children.add', { surname: 'А', name: 'Б', patronymic: null, birthDate: '31.02.2015', gender: null, orgId: null, classLabel: null });
    expect(err2.issues?.[0]?.path).toBe('birthDate');
    expect(err2.message).toMatch(/[А-Яа-я]/);
  });
});
