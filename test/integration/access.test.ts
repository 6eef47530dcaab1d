import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { inForceSql } from '../../electron/services/access';
import type { ChildCard } from '../../shared/api/registry';
import { isInForce, type FactLife } from '../../shared/domain/inForce';
import { ADMIN_PASSWORD, setUp } from './helpers';

const SCHOOL_PASSWORD = 'пароль школы 25';
const OTHER_SCHOOL_PASSWORD = 'пароль школы 2';
const INSPECTOR_PASSWORD = 'пароль проверяющего';
const OPERATOR_PASSWORD = 'пароль специалиста';

/** A settable clock: the services see the day it names. */
function clock(start: string) {
  let day = start;
  return { now: () => new Date(`${day}T12:00:00`).getTime(), set: (d: string) => void (day = d) };
}

const study = (orgId: number, classLabel: string, validFrom: string | null = null) => ({ type: 'study' as const, orgId, classLabel, validFrom, enrolOrderNumber: null, enrolOrderDate: null });

/** Two schools, a child in each (entered as the UI does, through children.create), a user of each school. */
async function twoSchools(now?: () => number) {
  const w = await setUp(undefined, undefined, now);
  const orgs = await w.call('orgs.list', {});
  const own = orgs.find((o) => o.kind === 'school')!;
  const other = await w.call('orgs.add', { kind: 'school', fullName: 'Школа № 2 (тест)', shortName: 'Школа № 2', address: '', headPosition: 'Директор', headName: '' });
  const mine = (await w.call('children.create', { child: { surname: 'Петров', name: 'Пётр', patronymic: 'Петрович', birthDate: '2014-03-04', gender: 'm' }, facts: [study(own.id, '6А')] })).child;
  const theirs = (await w.call('children.create', { child: { surname: 'Сидорова', name: 'Анна', patronymic: null, birthDate: '2013-05-06', gender: 'f' }, facts: [study(other.id, '7Б')] })).child;
  await w.call('users.add', { login: 'school25', displayName: 'Завуч Тестовая', role: 'school', orgId: own.id, password: SCHOOL_PASSWORD });
  await w.call('users.add', { login: 'school2', displayName: 'Завуч Второй школы', role: 'school', orgId: other.id, password: OTHER_SCHOOL_PASSWORD });
  await w.call('users.add', { login: 'inspector', displayName: 'Проверяющий Тестовый', role: 'inspector', orgId: null, password: INSPECTOR_PASSWORD });
  await w.call('users.add', { login: 'operator', displayName: 'Специалист Тестовый', role: 'operator', orgId: null, password: OPERATOR_PASSWORD });
  await w.call('session.lock', {});
  const as = async (login: string, password: string) => {
    w.ws.lock();
    await w.call('session.unlock', { login, password });
  };
  return { ...w, own, other, mine, theirs, as };
}

/** Every way a user could learn a child's name: the card, the search, «похожие дети», the Excel export. */
async function whatTheUserReads(w: Awaited<ReturnType<typeof twoSchools>>, child: { id: number; surname: string; name: string; patronymic: string | null; birthDate: string }) {
  const card = await w.dispatch('children.card', { id: child.id });
  // The legacy call is gone; were it back, it must not answer either.
  const legacy = await w.dispatch('children.get', { id: child.id });
  const found = (await w.call('children.search', { query: child.surname })).rows.some((r) => r.id === child.id);
  const similar = (await w.call('children.findSimilar', { surname: child.surname, name: child.name, patronymic: child.patronymic, birthDate: child.birthDate })).some((r) => r.id === child.id);
  const xlsx = await w.call('children.exportXlsx', { query: child.surname });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(xlsx.base64, 'base64') as unknown as ArrayBuffer);
  const exported = wb.worksheets[0]!.getSheetValues().some((row) => Array.isArray(row) && row.includes(child.surname));
  return { card: card.ok ? 'read' : card.error.code, legacy: legacy.ok ? 'read' : 'refused', found, similar, exported };
}

const NOTHING = { card: 'FORBIDDEN', legacy: 'refused', found: false, similar: false, exported: false };
const EVERYTHING = { card: 'read', legacy: 'refused', found: true, similar: true, exported: true };

describe('one definition of «the child’s current school», used by every call', () => {
  it('after a study is corrected from school A to school B, school A reads the child through no call, school B through all', async () => {
    const w = await twoSchools();
    await w.as('admin', ADMIN_PASSWORD);
    const card = await w.call('children.card', { id: w.mine.id });
    const studyRow = card.facts.find((f) => f.type === 'study' && f.current)!;
    const corrected = await w.call('facts.correct', { id: studyRow.id, fact: study(w.other.id, '6А') });
    expect(corrected.current.orgId).toBe(w.other.id);

    await w.as('school25', SCHOOL_PASSWORD);
    expect(await whatTheUserReads(w, w.mine)).toEqual(NOTHING);
    const err = await w.fails('children.card', { id: w.mine.id });
    expect(err.message).toMatch(/не относится к вашей организации/);

    await w.as('school2', OTHER_SCHOOL_PASSWORD);
    expect(await whatTheUserReads(w, w.mine)).toEqual(EVERYTHING);
  });

  it('a study withdrawn with its list, or ended, no longer opens the child to that school', async () => {
    const c = clock('2026-09-15');
    const w = await twoSchools(c.now);
    await w.as('admin', ADMIN_PASSWORD);
    const studyId = (await w.call('children.card', { id: w.mine.id })).facts.find((f) => f.type === 'study')!.id;
    // Leaves at the end of the year: until then the school still teaches the child.
    await w.call('facts.end', { type: 'study', id: studyId, validTo: '2026-12-31' });
    await w.as('school25', SCHOOL_PASSWORD);
    expect(await whatTheUserReads(w, w.mine)).toEqual(EVERYTHING);
    c.set('2027-01-10');
    await w.as('school25', SCHOOL_PASSWORD); // the idle lock saw the months go by
    expect(await whatTheUserReads(w, w.mine)).toEqual(NOTHING);
    await w.as('admin', ADMIN_PASSWORD);
    expect((await w.call('children.card', { id: w.mine.id })).current.orgId).toBeNull();
    expect((await w.call('children.search', { noOrg: true })).rows.map((r) => r.id)).toContain(w.mine.id);
  });

  it('a transfer entered ahead of its date takes effect on that date, not before', async () => {
    const c = clock('2026-08-20');
    const w = await twoSchools(c.now);
    await w.as('admin', ADMIN_PASSWORD);
    const old = (await w.call('children.card', { id: w.mine.id })).facts.find((f) => f.type === 'study')!;
    await w.call('facts.add', { childId: w.mine.id, fact: study(w.other.id, '7А', '2026-09-01'), ends: { id: old.id, validTo: '2026-09-01' } });
    const before = await w.call('children.card', { id: w.mine.id });
    expect(before.current).toMatchObject({ orgId: w.own.id, classLabel: '6А' });
    expect(Object.fromEntries(before.facts.filter((f) => f.type === 'study').map((f) => [f.data.classLabel, f.current]))).toEqual({ '6А': true, '7А': false });
    c.set('2026-09-01');
    await w.as('admin', ADMIN_PASSWORD);
    expect((await w.call('children.card', { id: w.mine.id })).current).toMatchObject({ orgId: w.other.id, classLabel: '7А' });
    expect((await w.call('children.search', { orgId: w.other.id, classLabel: '7А' })).rows.map((r) => r.id)).toEqual([w.mine.id]);
    await w.as('school25', SCHOOL_PASSWORD);
    expect(await whatTheUserReads(w, w.mine)).toEqual(NOTHING);
  });

  it('a study begun today is newer than an undated one, whatever day the clock is set to', async () => {
    // The clock set back, as the demo and the tests do: the undated study was written «later» than the new one begins.
    const c = clock('2026-01-15');
    const w = await twoSchools(c.now);
    await w.as('admin', ADMIN_PASSWORD);
    const old = (await w.call('children.card', { id: w.mine.id })).facts.find((f) => f.type === 'study')!;
    expect(old.validFrom).toBeNull();
    // The old one is not ended (a person may do it later): both are in force, the newer is the current one.
    const card = await w.call('facts.add', { childId: w.mine.id, fact: study(w.own.id, '7А', '2026-01-15') });
    expect(card.facts.filter((f) => f.type === 'study').every((f) => f.current)).toBe(true);
    expect(card.current).toMatchObject({ orgId: w.own.id, classLabel: '7А' });
    expect((await w.call('children.search', { classLabel: '7А', orgId: w.own.id })).rows.map((r) => r.id)).toEqual([w.mine.id]);
  });

  it('«in force on a date» means the same in TypeScript and in SQL', async () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE f (id INTEGER PRIMARY KEY, valid_from TEXT, valid_to TEXT, superseded_by INTEGER, withdrawn_at TEXT)');
    const cases: FactLife[] = [];
    for (const validFrom of [null, '2026-09-01', '2026-09-02'])
      for (const validTo of [null, '2026-08-31', '2026-09-01'])
        for (const supersededBy of [null, 7])
          for (const withdrawnAt of [null, '2026-09-01T10:00:00.000Z']) cases.push({ validFrom, validTo, supersededBy, withdrawnAt });
    const insert = db.prepare('INSERT INTO f (id, valid_from, valid_to, superseded_by, withdrawn_at) VALUES (?, ?, ?, ?, ?)');
    cases.forEach((f, i) => insert.run(i, f.validFrom, f.validTo, f.supersededBy, f.withdrawnAt));
    for (const on of ['2026-08-31', '2026-09-01', '2026-09-02']) {
      const sql = db.prepare(`SELECT id FROM f WHERE ${inForceSql('f', '?')} ORDER BY id`).pluck().all(on);
      expect(sql, on).toEqual(cases.flatMap((f, i) => (isInForce(f, on) ? [i] : [])));
    }
    // Ended on the day: from that day it no longer holds (a transfer ends the old class on the new one's first day).
    expect(isInForce({ validFrom: '2026-08-01', validTo: '2026-09-01', supersededBy: null, withdrawnAt: null }, '2026-08-31')).toBe(true);
    expect(isInForce({ validFrom: '2026-08-01', validTo: '2026-09-01', supersededBy: null, withdrawnAt: null }, '2026-09-01')).toBe(false);
    db.close();
  });
});

describe('sensitive flags: neither shown nor usable as a filter by roles that may not see them', () => {
  it('refuses a flag filter in search and in the Excel export to a school and an inspector, in Russian', async () => {
    const w = await twoSchools();
    await w.as('admin', ADMIN_PASSWORD);
    await w.call('facts.add', { childId: w.mine.id, fact: { type: 'flag', kind: 'kdn', note: null, validFrom: '2026-01-10' } });
    await w.as('operator', OPERATOR_PASSWORD);
    expect((await w.call('children.search', { flag: 'kdn' })).rows.map((r) => r.id)).toEqual([w.mine.id]);
    expect((await w.call('children.exportXlsx', { flag: 'kdn', sort: 'name', dir: 'asc' })).rows).toBe(1);
    for (const [login, password] of [
      ['school25', SCHOOL_PASSWORD],
      ['inspector', INSPECTOR_PASSWORD],
    ] as const) {
      await w.as(login, password);
      for (const call of ['children.search', 'children.exportXlsx'] as const) {
        const err = await w.fails(call, { flag: 'kdn' });
        expect(err.code, `${login} ${call}`).toBe('FORBIDDEN');
        expect(err.message).toMatch(/Отбор по отметкам ПДН, СОП, опеки и КДН доступен только специалистам отдела/);
      }
      const card: ChildCard | null = login === 'school25' ? await w.call('children.card', { id: w.mine.id }) : null;
      if (card) expect(card.flagsHidden).toBe(true);
      // Without the filter the registry still answers.
      expect((await w.call('children.search', {})).total).toBeGreaterThan(0);
    }
  });
});

describe('roles are enforced by the services, whatever the UI shows', () => {
  it('a school user reads its own pupil but not another school’s child', async () => {
    const { call, fails, mine, theirs } = await twoSchools();
    await call('session.unlock', { login: 'school25', password: SCHOOL_PASSWORD });
    expect((await call('children.card', { id: mine.id })).child.surname).toBe('Петров');
    const err = await fails('children.card', { id: theirs.id });
    expect(err.code).toBe('FORBIDDEN');
    expect(err.message).toMatch(/не относится к вашей организации/);
  });

  it('a school user adds children only to its own organization', async () => {
    const { call, fails, own, other } = await twoSchools();
    await call('session.unlock', { login: 'school25', password: SCHOOL_PASSWORD });
    // Without a study the new pupil studies in the user's own school; a study in another school is refused.
    const child = await call('children.create', { child: { surname: 'Новый', name: 'Ученик', patronymic: null, birthDate: '2016-01-01', gender: 'm' } });
    expect(child.current.orgId).toBe(own.id);
    const err = await fails('children.create', { child: { surname: 'Другой', name: 'Ученик', patronymic: null, birthDate: '2016-01-02', gender: 'm' }, facts: [study(other.id, '3А')] });
    expect(err.code).toBe('FORBIDDEN');
  });

  it('each role reaches only its calls', async () => {
    const { call, fails, own } = await twoSchools();
    await call('session.unlock', { login: 'school25', password: SCHOOL_PASSWORD });
    expect((await fails('orgs.update', { id: own.id, headName: 'x' })).code).toBe('FORBIDDEN');
    expect((await fails('intake.list', {})).code).toBe('FORBIDDEN');
    expect((await fails('users.list', {})).code).toBe('FORBIDDEN');
    expect((await fails('audit.list', {})).code).toBe('FORBIDDEN');
    await call('session.lock', {});

    await call('session.unlock', { login: 'inspector', password: INSPECTOR_PASSWORD });
    expect((await call('audit.list', {})).total).toBeGreaterThan(0);
    expect((await fails('orgs.add', { kind: 'other', fullName: 'x', shortName: 'x', address: '', headPosition: '', headName: '' })).code).toBe('FORBIDDEN');
    expect((await fails('children.create', { child: { surname: 'А', name: 'Б', patronymic: null, birthDate: '2015-01-01', gender: null } })).code).toBe('FORBIDDEN');
    // Lists name children of every school: receiving and reviewing them is the department's.
    expect((await fails('intake.list', {})).code).toBe('FORBIDDEN');
    await call('session.lock', {});

    await call('session.unlock', { login: 'operator', password: OPERATOR_PASSWORD });
    expect((await call('orgs.update', { id: own.id, address: 'ул. Тестовая, 1' })).address).toBe('ул. Тестовая, 1');
    expect((await fails('users.add', { login: 'x1', displayName: 'x', role: 'admin', orgId: null, password: '12345678' })).code).toBe('FORBIDDEN');
  });

  it('nothing but the state is reachable while locked', async () => {
    const { fails, mine } = await twoSchools();
    expect((await fails('children.card', { id: mine.id })).code).toBe('LOCKED');
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
    const err2 = await fails('children.create', { child: { surname: 'А', name: 'Б', patronymic: null, birthDate: '31.02.2015', gender: null } });
    expect(err2.issues?.[0]?.path).toBe('child.birthDate');
    expect(err2.message).toMatch(/[А-Яа-я]/);
  });
});
