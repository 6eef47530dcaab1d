import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CallInput, CallOutput } from '../../shared/api/contract';
import type { DocKind } from '../../shared/api/schoolRegister';
import { measuresTaken } from '../../electron/services/schoolRegister/measures';
import { setUp, tempDir } from './helpers';

/**
 * The internal school register on a real encrypted database through the real dispatcher: a pupil of МБОУ «СШ № 25»
 * goes through the escalation of the Инструкция's section 2, onto the register and off it after six months
 * without unexcused absences; every document is printed, registered and read back with pdftotext. Test data only.
 */

const OUT = join(import.meta.dirname, '../../test-results/school-register');
let clock = Date.parse('2026-09-01T09:00:00Z');
const at = (day: string) => {
  clock = Date.parse(`${day}T09:00:00Z`);
};

function pdfText(base64: string): string {
  const file = join(tempDir(), 'doc.pdf');
  writeFileSync(file, Buffer.from(base64, 'base64'));
  const r = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  expect(r.status).toBe(0);
  // One line per printed line, spaces collapsed, so a phrase wrapped at another place still reads as written.
  return r.stdout.replace(/[ \t]+/gu, ' ');
}
const flat = (text: string) => text.replace(/\s+/gu, ' ');

async function school() {
  const w = await setUp('zato-svobodny', undefined, () => clock);
  const s25 = await w.call('orgs.add', {
    kind: 'school',
    fullName: 'Муниципальное бюджетное общеобразовательное учреждение «Средняя школа № 25» (тест)',
    shortName: 'МБОУ «СШ № 25»',
    address: '624790, Свердловская обл., п. Свободный, ул. Тестовая, 1',
    headPosition: 'Директор',
    headName: 'Директорова Анна Петровна',
  });
  const other = await w.call('orgs.add', { kind: 'school', fullName: 'МБОУ «Школа № 2» (тест)', shortName: 'Школа № 2', address: '', headPosition: 'Директор', headName: 'Главный Иван Иванович' });
  const study = (orgId: number, classLabel: string) => ({ type: 'study' as const, orgId, classLabel, validFrom: '2026-09-01', enrolOrderNumber: '1-у', enrolOrderDate: '2026-08-28' });
  const pupil = await w.call('children.create', {
    child: { surname: 'Прогульщикова', name: 'Алиса', patronymic: 'Тестовна', birthDate: '2012-04-05', gender: 'f' },
    facts: [
      study(s25.id, '8Б'),
      { type: 'address', kind: 'actual', text: 'п. Свободный, ул. Вымышленная, д. 3, кв. 14' },
      { type: 'representative', relation: 'mother', surname: 'Прогульщикова', name: 'Марина', patronymic: 'Ивановна', phone: '+7 900 000-00-01' },
    ],
  });
  const graduate = await w.call('children.create', { child: { surname: 'Выпускников', name: 'Борис', patronymic: null, birthDate: '2009-01-02', gender: 'm' }, facts: [study(s25.id, '11А')] });
  const stranger = await w.call('children.create', { child: { surname: 'Чужой', name: 'Пётр', patronymic: null, birthDate: '2012-03-03', gender: 'm' }, facts: [study(other.id, '8А')] });
  await w.call('users.add', { login: 'soc25', displayName: 'Социальный педагог СШ 25', role: 'school', orgId: s25.id, password: 'пароль школы 25' });
  await w.call('users.add', { login: 'school2', displayName: 'Завуч Школы 2', role: 'school', orgId: other.id, password: 'пароль школы 2' });
  await w.call('users.add', { login: 'inspector', displayName: 'Проверяющий', role: 'inspector', orgId: null, password: 'пароль проверяющего' });
  const as = async (login: string, password: string) => {
    await w.dispatch('session.lock', {}); // already locked when the clock jumped past the idle lock
    await w.call('session.unlock', { login, password });
  };
  const sqlite = () => w.ws.current!.open.sqlite;
  /** The class journal's attendance of a month (B1's table), written as the attendance screen writes it. */
  const attendance = (childId: number, month: string, held: number, missed: number, unexcused: number) =>
    sqlite()
      .prepare(
        `INSERT INTO attendance (child_id, org_id, month, lessons_held, missed_total, missed_unexcused, origin, recorded_by) VALUES (?, ?, ?, ?, ?, ?, 'grid', 'soc25')`,
      )
      .run(childId, s25.id, month, held, missed, unexcused);
  return { ...w, s25, other, pupil: pupil.child, graduate: graduate.child, stranger: stranger.child, as, sqlite, attendance };
}

type Card = CallOutput<'school.card'>;
type Entry = CallInput<'school.addEntry'>;

describe('the internal school register (Инструкция, разделы 2–4)', () => {
  it('a pupil goes through the escalation, onto the register and off it after six months; every document printed and read back', async () => {
    at('2026-10-01');
    const w = await school();
    const id = w.pupil.id;
    await w.as('soc25', 'пароль школы 25');
    w.attendance(id, '2026-09', 88, 10, 6);

    // The school's list: the pupil with absences, and what the Инструкция asks next.
    const list = await w.call('school.pupils', { all: false });
    expect(list.rows.map((r) => r.surname)).toEqual(['Прогульщикова']);
    expect(list.rows[0]).toMatchObject({ missedUnexcused: 6, lastMissedMonth: '2026-09', onRegister: false, next: { kind: 'contact' } });

    const printed: { doc: DocKind; number: string; text: string }[] = [];
    const add = async (e: Omit<Entry, 'childId'>): Promise<Card> => w.call('school.addEntry', { childId: id, ...e });
    const print = async (doc: DocKind, entryId: number | null) => {
      const made = await w.call('school.print', { childId: id, entryId, doc });
      const text = pdfText(made.base64);
      // Kept for looking at (pdftoppm -r 60): test-results/school-register/*.pdf.
      mkdirSync(OUT, { recursive: true });
      writeFileSync(join(OUT, `${String(printed.length + 1).padStart(2, '0')}-${doc}.pdf`), Buffer.from(made.base64, 'base64'));
      expect(text).toContain(`№ ${made.printout.number}`);
      expect(made.printout).toMatchObject({ formId: `school-register.${doc}`, orgId: w.s25.id, format: 'pdf', childCount: 1, createdBy: 'soc25' });
      printed.push({ doc, number: made.printout.number, text });
      return flat(text);
    };
    const last = (c: Card) => c.entries.at(-1)!;

    // п. 2.1: the class teacher's contact with the parents.
    let c = await add({ kind: 'contact', onDate: '2026-09-25', actor: 'Классный руководитель 8Б класса Учителева О. Н.', data: { how: 'телефонный разговор', answer: 'Мать не знала о пропусках, обещала усилить контроль', cause: 'Прогулы без ведома родителей' } });
    expect(c.standing.lastStep).toBe('contact');
    expect(c.next).toBeNull();
    let t = await print('contact', last(c).id);
    expect(t).toContain('СПРАВКА');
    expect(t).toContain('Прогульщикова Алиса Тестовна, 05.04.2012 г. р., 8Б класс');
    expect(t).toContain('телефонный разговор');
    expect(t).toContain('Муниципальное бюджетное общеобразовательное учреждение «Средняя школа № 25» (тест)');

    // Absences go on in October: the written warning (п. 2.2.1), then the home visit (п. 2.2.2).
    at('2026-11-02');
    await w.as('soc25', 'пароль школы 25');
    w.attendance(id, '2026-10', 84, 14, 12);
    c = await w.call('school.card', { childId: id });
    expect(c.next?.kind).toBe('warning');
    c = await add({ kind: 'warning', onDate: '2026-11-02', actor: 'Классный руководитель 8Б класса Учителева О. Н.', data: { parent: 'Прогульщиковой Марине Ивановне' } });
    t = await print('warning', last(c).id);
    expect(t).toContain('ПРЕДУПРЕЖДЕНИЕ');
    expect(t).toContain('Прогульщиковой Марине Ивановне');
    expect(t).toContain('обучающаяся 8Б класса Прогульщикова Алиса Тестовна');
    expect(t).toContain('части 1 статьи 5.35 Кодекса Российской Федерации об административных правонарушениях');
    expect(t).toContain('октябрь 2026 — 12 из 84 уроков');
    expect(t).toContain('А.П. Директорова');
    expect(c.next?.kind).toBe('visit');
    c = await add({
      kind: 'visit',
      onDate: '2026-11-02',
      actor: 'Классный руководитель Учителева О. Н.',
      data: { address: 'п. Свободный, ул. Вымышленная, д. 3, кв. 14', pdn: 'Инспектор ПДН Полицейская Е. В.', social: 'Специалист УСП Социальная Т. А.', present: 'мать', findings: 'Двухкомнатная квартира, у ребёнка есть место для занятий.', cause: 'Конфликт с одноклассниками', conclusion: 'Рекомендовано обратиться к педагогу-психологу.' },
    });
    t = await print('visit', last(c).id);
    expect(t).toContain('АКТ');
    expect(t).toContain('Инспектор ПДН Полицейская Е. В.');
    expect(t).toContain('Двухкомнатная квартира');

    // November worse: the ходатайство, the decision, the карта учёта.
    at('2026-12-01');
    await w.as('soc25', 'пароль школы 25');
    w.attendance(id, '2026-11', 80, 40, 36);
    c = await w.call('school.card', { childId: id });
    expect(c.next?.kind).toBe('petition');
    c = await add({ kind: 'petition', onDate: '2026-12-01', actor: 'Классный руководитель Учителева О. Н.', data: { grounds: 'Систематические пропуски без уважительной причины с сентября 2026 года.' } });
    t = await print('petition', last(c).id);
    expect(t).toContain('ХОДАТАЙСТВО');
    expect(t).toContain('ноябрь 2026');
    expect(t).toMatch(/Всего\s+252\s+64\s+10\s+54/u);
    c = await add({ kind: 'registered', onDate: '2026-12-01', actor: 'Председатель Совета профилактики Директорова А. П.', data: { protocol: '3' } });
    expect(c.standing).toMatchObject({ onRegister: true, registeredOn: '2026-12-01', label: 'На внутришкольном учёте с 01.12.2026' });
    t = await print('registered', last(c).id);
    expect(t).toMatch(/Протокол Совета профилактики №\s?3/u);
    expect(t).toContain('поставить на внутришкольный учёт обучающуюся 8Б класса (Прогульщикова Алиса Тестовна, 05.04.2012 г. р.)');

    at('2026-12-04');
    await w.as('soc25', 'пароль школы 25');
    c = await add({ kind: 'conditions', onDate: '2026-12-02', actor: 'Социальный педагог Социалова И. И.', data: { family: 'Мать, отчим, младший брат', housing: 'Двухкомнатная квартира', livesWith: 'С матерью' } });
    c = await add({ kind: 'work', onDate: '2026-12-03', actor: 'Педагог-психолог Психологова Н. Н.', data: { what: 'Индивидуальная консультация', result: 'Установлен контакт' } });
    const work = last(c);
    c = await add({ kind: 'work', onDate: '2026-12-03', actor: 'Педагог-психолог Психологова Н. Н.', data: { what: 'Индивидуальная консультация по конфликту', result: 'Установлен контакт' }, replacesId: work.id });
    expect(c.entries.find((e) => e.id === work.id)?.replacedBy).toBe(last(c).id);
    c = await add({ kind: 'letter', onDate: '2026-12-04', actor: 'Социальный педагог Социалова И. И.', dueOn: '2026-12-15', data: { addressee: 'ТКДНиЗП ЗАТО Свободный', outNumber: '45', subject: 'Просим принять меры к родителям обучающейся.' } });
    const letter = last(c);
    t = await print('letter', letter.id);
    expect(t).toContain('до 15.12.2026');
    t = await print('card', null);
    expect(t).toContain('КАРТА УЧЁТА');
    expect(t).toContain('Мать, отчим, младший брат');
    expect(t).toContain('Индивидуальная консультация по конфликту');
    expect(t).not.toContain('Индивидуальная консультация Установлен'); // the corrected entry is not printed
    expect(t).toMatch(/04\.12\.2026 ТКДНиЗП ЗАТО .*15\.12\.2026 ответ не получен/u);

    // December: absences go on, the report about the parents (п. 2.4); the letter's answer is late (п. 5.3).
    at('2027-01-11');
    await w.as('soc25', 'пароль школы 25');
    w.attendance(id, '2026-12', 70, 8, 8);
    c = await w.call('school.card', { childId: id });
    expect(c.next?.kind).toBe('report');
    const overdue = await w.call('school.overdueLetters', {});
    expect(overdue).toEqual([expect.objectContaining({ entryId: letter.id, addressee: 'ТКДНиЗП ЗАТО Свободный', dueOn: '2026-12-15', daysOverdue: 27 })]);
    expect((await w.call('school.pupils', { all: false })).rows.find((r) => r.childId === id)?.overdueLetters).toBe(1);
    c = await add({ kind: 'report', onDate: '2027-01-11', actor: 'Социальный педагог Социалова И. И.', data: { what: 'Мать на беседы не является, контроль за ребёнком не осуществляет.' } });
    t = await print('report', last(c).id);
    expect(t).toContain('Отдел образования (тест)');
    expect(t).toContain('Территориальная комиссия по делам несовершеннолетних');
    expect(t).toContain('Мать на беседы не является');
    at('2027-01-12');
    await w.as('soc25', 'пароль школы 25');
    c = await add({ kind: 'answer', onDate: '2027-01-12', actor: 'Социальный педагог Социалова И. И.', refId: letter.id, data: { what: 'Мать вызвана на заседание комиссии 20.01.2027' } });
    expect(await w.call('school.overdueLetters', {})).toEqual([]);

    // Six months without unexcused absences from the last one (December 2026): not before 01.07.2027.
    for (const month of ['2027-01', '2027-02', '2027-03', '2027-04', '2027-05']) w.attendance(id, month, 80, 2, 0);
    at('2027-06-30');
    await w.as('soc25', 'пароль школы 25');
    c = await w.call('school.card', { childId: id });
    expect(c.removal).toMatchObject({ dueOn: '2027-07-01', eligible: false });
    const early = await w.fails('school.addEntry', { childId: id, kind: 'removed', onDate: '2027-06-30', actor: 'Председатель Совета профилактики Директорова А. П.', data: { reason: 'council', protocol: '9' } });
    expect(early.message).toContain('не ранее 01.07.2027');
    at('2027-07-01');
    await w.as('soc25', 'пароль школы 25');
    c = await w.call('school.card', { childId: id });
    expect(c.removal?.eligible).toBe(true);
    expect(c.next?.kind).toBe('removalPetition');
    c = await add({
      kind: 'removalPetition',
      onDate: '2027-07-01',
      actor: 'Классный руководитель Учителева О. Н.',
      data: { grounds: 'С января 2027 года пропусков без уважительной причины нет.', characteristic: 'Алиса стала посещать занятия регулярно.\nУчаствует в работе кружка.', progress: 'Успевает по всем предметам, средний балл 3,8.' },
    });
    const petition = last(c);
    t = await print('removalPetition', petition.id);
    expect(t).toContain('с 01.01.2027 по 30.06.2027');
    t = await print('characteristic', petition.id);
    expect(t).toContain('Участвует в работе кружка');
    t = await print('journalExtract', petition.id);
    expect(t).toContain('ВЫПИСКА ИЗ КЛАССНОГО ЖУРНАЛА');
    expect(t).toContain('май 2027');
    expect(t).toContain('средний балл 3,8');
    t = await print('workReference', petition.id);
    expect(t).toContain('Индивидуальная консультация по конфликту');
    expect(c.next?.kind).toBe('removed');
    c = await add({ kind: 'removed', onDate: '2027-07-01', actor: 'Председатель Совета профилактики Директорова А. П.', data: { reason: 'council', protocol: '9' } });
    expect(c.standing).toMatchObject({ onRegister: false, removedOn: '2027-07-01', label: 'Снят с внутришкольного учёта 01.07.2027' });
    t = await print('removed', last(c).id);
    expect(t).toMatch(/№\s?9/u);
    expect(t).toContain('снять');

    // Every document is in the register of printouts, numbered in a row, with the school.
    const register = await w.call('reports.register', { limit: 100 });
    const numbers = printed.map((p) => p.number);
    expect(new Set(numbers).size).toBe(numbers.length);
    expect(register.rows.filter((r) => r.formId.startsWith('school-register.')).map((r) => r.number).sort()).toEqual([...numbers].sort());
    expect(printed.map((p) => p.doc)).toEqual(['contact', 'warning', 'visit', 'petition', 'registered', 'letter', 'card', 'report', 'removalPetition', 'characteristic', 'journalExtract', 'workReference', 'removed']);
    c = await w.call('school.card', { childId: id });
    expect(c.entries.find((e) => e.id === petition.id)?.documents.map((d) => d.docKind)).toEqual(['removalPetition', 'characteristic', 'journalExtract', 'workReference']);
    expect(c.documents.map((d) => d.docKind)).toEqual(['card']);

    // «Напечатать снова» from the register: the same справка, number and date; the file as issued (entries recorded
    // after it do not change it). The warning of 02.11 counted November's absences, entered only on 01.12: its copy
    // says the content is no longer the same, and is registered as a copy.
    const numberOf = (doc: DocKind) => register.rows.find((r) => r.number === printed.find((p) => p.doc === doc)!.number)!;
    const again = await w.call('reports.reprint', { id: numberOf('contact').id });
    expect(again).toMatchObject({ sameContent: true, sameFile: true, printout: { number: numberOf('contact').number } });
    expect(flat(pdfText(again.base64))).toContain('телефонный разговор');
    expect((await w.call('reports.verify', { base64: again.base64 })).status).toBe('registered');
    const changed = await w.call('reports.reprint', { id: numberOf('warning').id });
    expect(changed).toMatchObject({ sameContent: false, sameFile: false });
    expect((await w.call('reports.verify', { base64: changed.base64 })).copy).toBe(true);

    // The monthly lists take the cause and the measures from the steps (B1).
    const m = measuresTaken(w.sqlite(), id, '2026-11-01', '2026-11-30');
    expect(m.cause).toBe('Конфликт с одноклассниками');
    expect(m.measures).toBe('02.11.2026 — родители письменно предупреждены об административной ответственности; 02.11.2026 — посещение на дому совместно с ПДН и Управлением социальной политики, составлен акт обследования');
    expect(measuresTaken(w.sqlite(), id, '2026-09-01', '2026-09-30').cause).toBe('Прогулы без ведома родителей');

    // History only grows: the database refuses to change or delete an entry.
    expect(() => w.sqlite().prepare("UPDATE school_register_entries SET actor = 'x' WHERE id = ?").run(work.id)).toThrow(/только|с историей/u);
    expect(() => w.sqlite().prepare('DELETE FROM school_register_entries WHERE id = ?').run(work.id)).toThrow(/с историей/u);
    expect(() => w.sqlite().prepare('DELETE FROM school_register_documents').run()).toThrow(/с историей/u);

    // Every read and change is journaled, naming the pupil, never what the entry says.
    const journal = w
      .sqlite()
      .prepare("SELECT action, object_type AS type, object_id AS id, details FROM audit_log WHERE action LIKE 'school.%' ORDER BY id")
      .all() as { action: string; type: string; id: string; details: string }[];
    expect(journal.filter((j) => j.action === 'school.addEntry').length).toBe(c.entries.length);
    expect(journal.some((j) => j.action === 'school.card' && j.id === String(id))).toBe(true);
    expect(journal.filter((j) => j.action === 'school.print').length).toBe(printed.length);
    expect(journal.map((j) => j.details ?? '').join(' ')).not.toContain('Прогульщиков');
  }, 120_000);

  it('graduation or leaving removes from the register with that reason, at any time', async () => {
    at('2026-10-05');
    const w = await school();
    await w.as('soc25', 'пароль школы 25');
    const id = w.graduate.id;
    await w.call('school.addEntry', { childId: id, kind: 'registered', onDate: '2026-10-01', actor: 'Председатель Совета профилактики', data: { protocol: '2' } });
    const again = await w.fails('school.addEntry', { childId: id, kind: 'registered', onDate: '2026-10-02', actor: 'Председатель Совета профилактики', data: { protocol: '3' } });
    expect(again.message).toContain('уже состоит на внутришкольном учёте с 01.10.2026');
    const c = await w.call('school.addEntry', { childId: id, kind: 'removed', onDate: '2026-10-05', actor: 'Директор Директорова А. П.', data: { reason: 'left' } });
    expect(c.standing.onRegister).toBe(false);
    const made = await w.call('school.print', { childId: id, entryId: c.entries.at(-1)!.id, doc: 'removed' });
    expect(flat(pdfText(made.base64))).toContain('выбыл из общеобразовательного учреждения');
    // п. 4.2 without anyone writing it: the pupil finished school (the study ended by an order) — off the register.
    await w.call('school.addEntry', { childId: id, kind: 'registered', onDate: '2026-10-05', actor: 'Председатель Совета профилактики', data: { protocol: '4' } });
    await w.as('admin', 'Секретный пароль 1');
    const studyId = w.sqlite().prepare('SELECT id FROM studies WHERE child_id = ?').pluck().get(id) as number;
    await w.call('facts.end', { type: 'study', id: studyId, validTo: '2026-10-05', leaveOrderNumber: '77-о', leaveOrderDate: '2026-10-05', leaveReason: 'получение среднего общего образования' });
    const after = await w.call('school.card', { childId: id });
    expect(after.standing).toMatchObject({ onRegister: false, removedOn: '2026-10-05', label: 'Снят с внутришкольного учёта 05.10.2026 (окончил школу)' });
    expect(after.next).toBeNull();
    await w.as('soc25', 'пароль школы 25');
    // Russian messages for a bad entry.
    const bad = await w.fails('school.addEntry', { childId: w.pupil.id, kind: 'letter', onDate: '2026-10-05', actor: 'Социальный педагог', data: { addressee: 'ПДН' } });
    expect(bad.message).toContain('Обращение в орган системы профилактики: заполните поле «Содержание обращения»');
    const future = await w.fails('school.addEntry', { childId: w.pupil.id, kind: 'work', onDate: '2026-12-01', actor: 'Социальный педагог', data: { what: 'Беседа' } });
    expect(future.message).toContain('ещё не наступила');
  });

  it('the card’s details: the school that keeps it and the department; never another school or an inspector', async () => {
    at('2026-10-05');
    const w = await school();
    const id = w.pupil.id;
    await w.as('soc25', 'пароль школы 25');
    await w.call('school.addEntry', { childId: id, kind: 'conditions', onDate: '2026-10-01', actor: 'Социальный педагог', data: { family: 'Мать', housing: 'Квартира', livesWith: 'С матерью' } });
    // The school does not reach another school's pupil.
    expect((await w.fails('school.card', { childId: w.stranger.id })).code).toBe('FORBIDDEN');
    expect((await w.fails('school.addEntry', { childId: w.stranger.id, kind: 'work', onDate: '2026-10-01', actor: 'Социальный педагог', data: { what: 'Беседа' } })).code).toBe('FORBIDDEN');

    await w.as('school2', 'пароль школы 2');
    const other = await w.fails('school.card', { childId: id });
    expect(other.code).toBe('FORBIDDEN');
    expect((await w.fails('school.print', { childId: id, entryId: null, doc: 'card' })).code).toBe('FORBIDDEN');
    expect((await w.call('school.pupils', { all: true })).rows.map((r) => r.surname)).toEqual(['Чужой']);

    await w.as('inspector', 'пароль проверяющего');
    const insp = await w.fails('school.card', { childId: id });
    expect(insp.code).toBe('FORBIDDEN');
    expect(insp.message).toContain('недоступна для вашей роли');
    expect((await w.fails('school.overdueLetters', { orgId: w.s25.id })).code).toBe('FORBIDDEN');
    expect((await w.fails('school.addEntry', { childId: id, kind: 'work', onDate: '2026-10-01', actor: 'Проверяющий', data: { what: 'x' } })).code).toBe('FORBIDDEN');
    // Where a pupil stands (no details) is not a card detail.
    const seen = await w.call('school.pupils', { orgId: w.s25.id, all: false });
    expect(seen.rows.map((r) => r.surname)).toEqual(['Прогульщикова']);

    await w.as('admin', 'Секретный пароль 1');
    const card = await w.call('school.card', { childId: id });
    expect(card.entries[0]?.data.family).toBe('Мать');

    // The refusals are journaled too.
    const refused = w.sqlite().prepare("SELECT COUNT(*) FROM audit_log WHERE action = 'access.denied'").pluck().get() as number;
    expect(refused).toBeGreaterThanOrEqual(5);
  });
});
