import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { CallInput } from '../../shared/api/contract';
import { ADMIN_PASSWORD, setUp } from './helpers';

type NewChild = CallInput<'children.create'>;
const person = (surname: string, name: string, patronymic: string | null, birthDate: string, gender: 'm' | 'f' = 'f'): NewChild['child'] => ({
  surname,
  name,
  patronymic,
  birthDate,
  gender,
});

async function registry() {
  const w = await setUp();
  const orgs = await w.call('orgs.list', {});
  const school = orgs.find((o) => o.kind === 'school')!;
  const school2 = await w.call('orgs.add', { kind: 'school', fullName: 'Школа № 2 (тест)', shortName: 'Школа № 2', address: '', headPosition: '', headName: '' });
  const study = (orgId: number, classLabel: string) => ({ type: 'study' as const, orgId, classLabel, validFrom: '2025-09-01', enrolOrderNumber: '12-у', enrolOrderDate: '2025-08-28' });
  const elkina = await w.call('children.create', {
    child: person('Ёлкина', 'Снежана', 'Петровна', '2014-02-03'),
    facts: [study(school.id, '5Б'), { type: 'form', form: 'full_time' }, { type: 'address', kind: 'registration', text: 'п. Свободный, ул. Ленина, д. 1, кв. 2', street: 'Ленина', house: '1', flat: '2' }],
  });
  const ivanov = await w.call('children.create', { child: person('Иванов', 'Иван', 'Иванович', '2012-05-06', 'm'), facts: [study(school2.id, '7А')] });
  const ivanova = await w.call('children.create', { child: person('Иванова', 'Мария', 'Ивановна', '2016-07-08'), facts: [study(school.id, '3В')] });
  const outside = await w.call('children.create', { child: person('Петров', 'Пётр', null, '2015-01-01', 'm'), facts: [] });
  return { ...w, school, school2, elkina, ivanov, ivanova, outside };
}

describe('the registry', () => {
  it('keeps each fact with its source and shows the child as it is now', async () => {
    const { elkina, school } = await registry();
    expect(elkina.current).toMatchObject({ orgId: school.id, classLabel: '5Б', form: 'full_time' });
    const studyFact = elkina.facts.find((f) => f.type === 'study')!;
    // The person's name, not the login (issue 12).
    expect(studyFact.source?.label).toMatch(/^Введено вручную: Администратор Тестовый, \d\d\.\d\d\.\d{4}$/);
    expect(studyFact.summary).toMatch(/класс\/группа 5Б, приказ о зачислении № 12-у от 28\.08\.2025/);
    expect(elkina.timeline.at(-1)!.text).toBe('Карточка создана');
  });

  it('keeps history on edit and refuses a stale edit', async () => {
    const { call, fails, elkina } = await registry();
    const edited = await call('children.update', { id: elkina.child.id, version: elkina.child.version, child: { ...person('Ёлкина', 'Снежанна', 'Петровна', '2014-02-03'), snils: '112-233-445 95' } });
    expect(edited.child).toMatchObject({ name: 'Снежанна', snils: '11223344595', version: elkina.child.version + 1 });
    expect(edited.timeline[0]!.text).toBe('Изменено: имя, СНИЛС');
    const stale = await fails('children.update', { id: elkina.child.id, version: elkina.child.version, child: person('Ёлкина', 'Снежана', null, '2014-02-03') });
    expect(stale.code).toBe('CONFLICT');
    const badSnils = await fails('children.update', { id: elkina.child.id, version: edited.child.version, child: { ...person('Ёлкина', 'Снежана', null, '2014-02-03'), snils: '112-233-445 96' } });
    expect(badSnils.issues?.[0]).toEqual({ path: 'child.snils', message: 'Неверное контрольное число СНИЛС' });
  });

  it('moves a pupil to another class with the old period ended, and says so in the timeline', async () => {
    const { call, fails, elkina, school } = await registry();
    const study = elkina.facts.find((f) => f.type === 'study' && f.current)!;
    // A failing add leaves the old period open: ending and adding are one transaction.
    const bad = await fails('facts.add', { childId: elkina.child.id, fact: { type: 'study', orgId: 999, classLabel: '6А', validFrom: '2026-09-01' }, ends: { id: study.id, validTo: '2026-08-31' } });
    expect(bad.code).toBe('VALIDATION');
    expect((await call('children.card', { id: elkina.child.id })).current.classLabel).toBe('5Б');
    const moved = await call('facts.add', {
      childId: elkina.child.id,
      fact: { type: 'study', orgId: school.id, classLabel: '6А', validFrom: '2026-09-01' },
      ends: { id: study.id, validTo: '2026-08-31', leaveReason: 'перевод в 6А класс' },
    });
    expect(moved.current.classLabel).toBe('6А');
    const studies = moved.facts.filter((f) => f.type === 'study');
    expect(studies.map((s) => [s.data.classLabel, s.validFrom, s.validTo, s.current])).toEqual([
      ['5Б', '2025-09-01', '2026-08-31', false],
      ['6А', '2026-09-01', null, true],
    ]);
    expect(moved.timeline.map((t) => t.text)).toEqual(expect.arrayContaining([expect.stringMatching(/класс\/группа 6А.*\(с 01\.09\.2026\)/), expect.stringMatching(/^Окончено 31\.08\.2026: .*5Б/)]));
    // The end is placed when it was recorded (today), not at the end of the last day.
    const ended = moved.timeline.find((t) => t.text.startsWith('Окончено'))!;
    expect(Date.now() - new Date(ended.at).getTime()).toBeLessThan(60_000);
    const found = await call('children.search', { classLabel: '6А', orgId: school.id });
    expect(found.rows.map((r) => r.id)).toEqual([elkina.child.id]);
  });

  it('merges two cards and undoes the merge exactly', async () => {
    const { call, fails, school } = await registry();
    const a = await call('children.create', { child: { ...person('Сидорова', 'Анна', 'Павловна', '2013-04-05'), snils: '112-233-445 95' }, facts: [{ type: 'study', orgId: school.id, classLabel: '6Б' }] });
    const b = await call('children.create', {
      child: person('Сидорова', 'Анна', 'Павловна', '2013-05-04'),
      facts: [{ type: 'address', kind: 'actual', text: 'ул. Свободы, д. 5' }, { type: 'representative', relation: 'mother', surname: 'Сидорова', name: 'Ольга', phone: '+7 900 000-00-00' }],
    });
    const similar = await call('children.findSimilar', { surname: 'Сидорова', name: 'Анна', patronymic: 'Павловна', birthDate: '2013-04-05', excludeId: a.child.id });
    expect(similar.map((s) => s.id)).toEqual([b.child.id]);
    expect(similar[0]!.reason).toMatch(/переставлены день и месяц/);

    const beforeA = await call('children.card', { id: a.child.id });
    const beforeB = await call('children.card', { id: b.child.id });
    const merged = await call('children.merge', { keptId: a.child.id, mergedId: b.child.id, choices: { birthDate: 'merged' } });
    expect(merged.child.birthDate).toBe('2013-05-04');
    expect(merged.facts.map((f) => f.type).sort()).toEqual(['address', 'representative', 'study']);
    const gone = await call('children.card', { id: b.child.id });
    expect(gone.child).toMatchObject({ status: 'merged', mergedInto: a.child.id });
    expect((await call('children.search', { query: 'Сидорова' })).total).toBe(1);
    expect((await fails('children.update', { id: b.child.id, version: gone.child.version, child: person('Х', 'Х', null, '2013-01-01') })).code).toBe('CONFLICT');

    await call('children.unmerge', { mergeId: merged.merges[0]!.id });
    const afterA = await call('children.card', { id: a.child.id });
    const afterB = await call('children.card', { id: b.child.id });
    expect(afterA.child).toEqual(beforeA.child);
    expect(afterB.child).toEqual(beforeB.child);
    expect(afterA.facts).toEqual(beforeA.facts);
    expect(afterB.facts).toEqual(beforeB.facts);
    expect(afterA.current).toEqual(beforeA.current);
    expect(afterA.merges[0]!.undoneAt).not.toBeNull();
    expect((await call('children.search', { query: 'Сидорова' })).total).toBe(2);
    expect((await fails('children.unmerge', { mergeId: merged.merges[0]!.id })).code).toBe('CONFLICT');
  });

  it('shows the sensitive flags only to the roles allowed to see them', async () => {
    const { call, fails, elkina, ivanova, school } = await registry();
    await call('facts.add', { childId: elkina.child.id, fact: { type: 'flag', kind: 'pdn', note: 'постановление № 1' } });
    await call('users.add', { login: 'school', displayName: 'Завуч', role: 'school', orgId: school.id, password: 'пароль школы' });
    await call('users.add', { login: 'insp', displayName: 'Проверяющий', role: 'inspector', orgId: null, password: 'пароль проверки' });
    expect((await call('children.card', { id: elkina.child.id })).facts.some((f) => f.type === 'flag')).toBe(true);
    expect((await call('children.search', { flag: 'pdn' })).rows.map((r) => r.id)).toEqual([elkina.child.id]);

    for (const [login, password] of [['school', 'пароль школы'], ['insp', 'пароль проверки']] as const) {
      await call('session.lock', {});
      await call('session.unlock', { login, password });
      const card = await call('children.card', { id: elkina.child.id });
      expect(card.flagsHidden).toBe(true);
      expect(card.facts.some((f) => f.type === 'flag')).toBe(false);
    }
    await call('session.lock', {});
    await call('session.unlock', { login: 'school', password: 'пароль школы' });
    expect((await fails('facts.add', { childId: ivanova.child.id, fact: { type: 'flag', kind: 'sop' } })).code).toBe('FORBIDDEN');
    // A school sees its own pupils only, in search and by id.
    const mine = await call('children.search', {});
    expect(mine.rows.map((r) => r.surname).sort()).toEqual(['Ёлкина', 'Иванова']);
    await call('session.lock', {});
    await call('session.unlock', { login: 'admin', password: ADMIN_PASSWORD });
  });

  it('finds children however the name is typed', async () => {
    const { call, elkina, ivanov, ivanova } = await registry();
    const ids = async (query: string) => (await call('children.search', { query })).rows.map((r) => r.id);
    expect(await ids('елкина')).toEqual([elkina.child.id]);
    expect(await ids('Елкена')).toEqual([elkina.child.id]);
    expect(await ids('ЁЛКИНА снежана')).toEqual([elkina.child.id]);
    expect(await ids('Елк')).toEqual([elkina.child.id]);
    expect(await ids('Снежана Ёлкина')).toEqual([elkina.child.id]);
    // Typed on the English layout.
    expect(await ids('Bdfyjd')).toEqual([ivanov.child.id, ivanova.child.id]);
    // As you type, «Иван» may still become «Ивановна»: the exact match comes first.
    expect((await ids('Bdfyjd Bdfy'))[0]).toBe(ivanov.child.id);
    expect(await ids('Bdfyjd Bdfy Bdfyjdbx 2012')).toEqual([ivanov.child.id]);
    // Latin look-alike letters inside a Cyrillic word.
    expect(await ids('Ивaнoв')).toEqual([ivanov.child.id, ivanova.child.id]);
    expect(await ids('Иванов 06.05.2012')).toEqual([ivanov.child.id]);
    expect(await ids('Ив 2016')).toEqual([ivanova.child.id]);
    expect(await ids('Никтонетакой')).toEqual([]);
  });

  it('filters and sorts in the database', async () => {
    const { call, elkina, ivanov, ivanova, outside, school } = await registry();
    const ids = async (input: CallInput<'children.search'>) => (await call('children.search', input)).rows.map((r) => r.id);
    expect(await ids({ noOrg: true })).toEqual([outside.child.id]);
    expect(await ids({ form: 'none', orgId: school.id })).toEqual([ivanova.child.id]);
    expect(await ids({ orgId: school.id })).toEqual([elkina.child.id, ivanova.child.id]);
    expect(await ids({ ageOn: '2026-09-01', ageFrom: 12, ageTo: 13 })).toEqual([elkina.child.id]);
    expect(await ids({ ageOn: '2026-09-01', ageFrom: 14 })).toEqual([ivanov.child.id]);
    expect(await ids({ birthYear: 2015 })).toEqual([outside.child.id]);
    expect(await ids({ sort: 'birthDate', dir: 'desc' })).toEqual([ivanova.child.id, outside.child.id, elkina.child.id, ivanov.child.id]);
    // Russian collation: Ё sorts with Е, before И, not after Я.
    expect(await ids({})).toEqual([elkina.child.id, ivanov.child.id, ivanova.child.id, outside.child.id]);
    const page = await call('children.search', { limit: 2, offset: 2 });
    expect(page.total).toBe(4);
    expect(page.rows.map((r) => r.id)).toEqual([ivanova.child.id, outside.child.id]);
  });

  it('exports the filtered registry to an XLSX that reads back: a title with the filter and the day, the columns of a home visit', async () => {
    const { call, school, elkina, outside } = await registry();
    await call('facts.add', { childId: elkina.child.id, fact: { type: 'representative', relation: 'mother', surname: 'Ёлкина', name: 'Анна', patronymic: 'Ивановна', phone: '8 (912) 345 67 89' } });
    const out = await call('children.exportXlsx', { orgId: school.id });
    expect(out.rows).toBe(2);
    expect(out.fileName).toMatch(/^Реестр детей \d\d\.\d\d\.\d{4}\.xlsx$/);
    const stamp = out.fileName.slice('Реестр детей '.length, -'.xlsx'.length);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(out.base64, 'base64') as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Реестр')!;
    // What the file is, in the title row, merged across the table (issue 12).
    expect(ws.getCell('A1').value).toBe(`Реестр детей: ${school.shortName}, на ${stamp}`);
    expect(ws.getCell('L1').isMerged).toBe(true);
    expect(ws.getRow(2).values).toEqual([
      undefined,
      '№ п/п',
      'Фамилия',
      'Имя',
      'Отчество',
      'Дата рождения',
      'Организация',
      'Класс/группа',
      'Форма получения образования',
      'Адрес фактического проживания',
      'Адрес регистрации',
      'Родители (законные представители)',
      'Телефоны',
    ]);
    const first = ws.getRow(3);
    expect(first.getCell(2).value).toBe(elkina.child.surname);
    expect((first.getCell(5).value as Date).toISOString().slice(0, 10)).toBe('2014-02-03');
    expect(first.getCell(5).numFmt).toBe('dd.mm.yyyy');
    expect(first.getCell(8).value).toBe('Очная');
    // The screen's words where nothing is known; the telephone in the one form.
    expect([9, 10, 11, 12].map((c) => first.getCell(c).value)).toEqual(['не указан', 'п. Свободный, ул. Ленина, д. 1, кв. 2', 'Мать: Ёлкина Анна Ивановна', '+7 912 345-67-89']);
    expect(ws.rowCount).toBe(4);

    const none = await call('children.exportXlsx', { noOrg: true, ageFrom: 6, ageTo: 17 });
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(Buffer.from(none.base64, 'base64') as unknown as ArrayBuffer);
    const ws2 = wb2.getWorksheet('Реестр')!;
    expect(ws2.getCell('A1').value).toBe(`Реестр детей: 6–17 лет, не в организации, на ${stamp}`);
    const row = ws2.getRow(3);
    expect(row.getCell(2).value).toBe(outside.child.surname);
    expect([6, 8, 9, 10, 11, 12].map((c) => row.getCell(c).value)).toEqual(['не в организации', 'нет', 'не указан', 'не указан', 'не указаны', 'не указан']);
  });

  it('keeps a street directory for autocomplete', async () => {
    const { call, fails } = await registry();
    await call('streets.add', { locality: 'п. Свободный', name: 'Ленина' });
    await call('streets.add', { locality: 'п. Свободный', name: 'Лесная' });
    await call('streets.add', { locality: 'п. Свободный', name: 'Карбышева' });
    expect((await call('streets.list', { prefix: 'ле' })).map((s) => s.name)).toEqual(['Ленина', 'Лесная']);
    expect((await fails('streets.add', { locality: 'п. Свободный', name: 'Ленина' })).code).toBe('CONFLICT');
  });
});
