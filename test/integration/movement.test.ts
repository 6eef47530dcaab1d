import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeAuditEntry } from '../../shared/api/auditText';
import type { CallInput } from '../../shared/api/contract';
import { ADMIN_PASSWORD, setUp } from './helpers';

// Movement of pupils on a real encrypted database through the dispatcher (Кстово profile, whose приложения 4 и 5
// print the movement): a school's user enrols two pupils by transfer — one notice overdue, one in time — prints the
// notice letter (read back with pdftotext, registered), marks it sent late; expels pupils, one confirmed elsewhere,
// others listed unconfirmed with the days since and whether they are past the profile's days; a 9th-grade leaver's
// college entered and printed in приложение 4; the scope of a school; leaving at 15 and the first-grade permission
// kept by the department with their dates; the records append-only.

const TODAY = '2026-10-27'; // Tuesday
const SCHOOL_PASSWORD = 'Пароль школы 1';
const OUT = join(process.cwd(), 'test-results', 'movement');

function pdfText(base64: string, name: string): string {
  mkdirSync(OUT, { recursive: true });
  const file = join(OUT, name);
  writeFileSync(file, Buffer.from(base64, 'base64'));
  const r = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout;
}

async function world() {
  const w = await setUp('kstovo', undefined, () => new Date(`${TODAY}T12:00:00`).getTime());
  const { call } = w;
  const school = await call('orgs.add', {
    kind: 'school',
    fullName: 'Муниципальное бюджетное общеобразовательное учреждение «Средняя школа № 1» (тест)',
    shortName: 'Школа № 1',
    address: 'г. Кстово, ул. Школьная, д. 1',
    headPosition: 'Директор',
    headName: 'Карпова Ольга Дмитриевна',
  });
  const other = await call('orgs.add', { kind: 'school', fullName: 'МБОУ «Средняя школа № 2» (тест)', shortName: 'Школа № 2', address: '', headPosition: 'Директор', headName: 'Петров Иван Сергеевич' });
  const study = (orgId: number, classLabel: string, validFrom = '2026-09-01') => ({ type: 'study' as const, orgId, classLabel, validFrom, enrolOrderNumber: '15', enrolOrderDate: validFrom });
  const create = async (surname: string, name: string, patronymic: string, birthDate: string, facts: CallInput<'children.create'>['facts']) =>
    (await call('children.create', { child: { surname, name, patronymic, birthDate, gender: /а$/u.test(surname) ? 'f' : 'm' }, facts })).child.id;
  const ids = {
    leaving: await create('Лебедева', 'Лидия', 'Олеговна', '2013-03-03', [study(school.id, '7Б')]),
    late: await create('Морозов', 'Максим', 'Ильич', '2013-04-04', [study(school.id, '7Б')]),
    recent: await create('Носова', 'Нина', 'Павловна', '2013-05-05', [study(school.id, '7Б')]),
    ninth: await create('Орлов', 'Олег', 'Романович', '2010-06-06', [study(school.id, '9А', '2025-09-01')]),
    otherPupil: await create('Павлова', 'Полина', 'Юрьевна', '2013-07-07', [study(other.id, '7А')]),
  };
  await call('users.add', { login: 'school1', displayName: 'Завуч Тестовая', role: 'school', orgId: school.id, password: SCHOOL_PASSWORD });
  const as = async (login: string, password: string) => {
    w.ws.lock();
    await call('session.unlock', { login, password });
  };
  return { ...w, school, other, ids, as };
}

describe('movement of pupils (Кстово)', () => {
  it('transfers with an overdue notice, the letter printed, unconfirmed expulsions, 9th-grade leavers, scope, leaving at 15, first grade', async () => {
    const { call, fails, school, other, ids, as, ws } = await world();
    // The 9th-grade leaver finished in June (entered by the department, as from the summer's lists).
    const ninthStudy = (await call('children.card', { id: ids.ninth })).facts.find((f) => f.type === 'study')!;
    await call('facts.end', { type: 'study', id: ninthStudy.id, validTo: '2026-06-30', leaveOrderNumber: '60', leaveOrderDate: '2026-06-25', leaveReason: 'получение основного общего образования' });

    await as('school1', SCHOOL_PASSWORD);
    // --- transfers into the school ---
    const first = await call('movement.enrol', {
      child: { surname: 'Сергеев', name: 'Семён', patronymic: 'Андреевич', birthDate: '2013-08-08', gender: 'm' },
      classLabel: '7Б',
      date: '2026-10-21',
      orderNumber: '101',
      orderDate: '2026-10-20',
      transfer: { fromOrgId: other.id },
    });
    // Tuesday 20 October + two working days = Thursday 22 October; on the 27th it is five days overdue.
    expect(first.notice).toMatchObject({ dueDate: '2026-10-22', status: 'overdue', daysOverdue: 5, fromOrg: 'МБОУ «Средняя школа № 2» (тест)', officialCalendar: true });
    const second = await call('movement.enrol', {
      child: { surname: 'Тихонова', name: 'Таисия', patronymic: null, birthDate: '2013-09-09' },
      classLabel: '7Б',
      date: '2026-10-27',
      orderNumber: '104',
      orderDate: '2026-10-26',
      transfer: { fromOrgName: 'МАОУ «Лицей № 7» г. Нижнего Новгорода' },
    });
    expect(second.notice).toMatchObject({ dueDate: '2026-10-28', status: 'open', daysOverdue: 0, fromOrg: 'МАОУ «Лицей № 7» г. Нижнего Новгорода' });
    // A plain enrolment (not by transfer) owes no notice.
    const plain = await call('movement.enrol', { child: { surname: 'Уткин', name: 'Устин', birthDate: '2019-01-01' }, classLabel: '1А', date: '2026-10-05', orderNumber: '90', orderDate: '2026-10-05' });
    expect(plain.notice).toBeNull();
    // The enrolment is the registry's study: the card of the school's new pupil shows it with the order.
    const card = await call('children.card', { id: first.childId });
    expect(card.facts.find((f) => f.type === 'study')!.summary).toContain('101');
    // Bad input: a clear Russian message.
    const bad = await fails('movement.enrol', { child: { surname: 'Ф', name: 'Ф', birthDate: '2013-01-01' }, classLabel: '7Б', date: '2026-10-01', orderNumber: '1', orderDate: '2026-10-02' });
    expect(bad.message).toMatch(/раньше даты приказа/);
    const noFrom = await fails('movement.enrol', { child: { surname: 'Ф', name: 'Ф', birthDate: '2013-01-01' }, classLabel: '7Б', date: '2026-10-02', orderNumber: '1', orderDate: '2026-10-02', transfer: {} });
    expect(JSON.stringify(noFrom.issues)).toMatch(/Укажите исходную организацию/);

    // --- the notice letter: printed, registered, read back ---
    const made = await call('movement.printNotice', { id: first.notice!.id });
    expect(made.printout.number).toMatch(/^2026-\d{6}$/);
    const text = pdfText(made.base64, 'notice.pdf');
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain('УВЕДОМЛЕНИЕ');
    expect(flat).toContain('о зачислении обучающегося в порядке перевода');
    expect(flat).toContain('Сергеев Семён Андреевич');
    expect(flat).toContain('приказ № 101 от 20.10.2026');
    expect(flat).toContain('МБОУ «Средняя школа № 2» (тест)');
    expect(flat).toContain('О.Д. Карпова');
    expect(flat).toContain(made.printout.number);
    const register = await call('reports.register', { limit: 10, offset: 0 });
    expect(register.rows.map((r) => r.number)).toContain(made.printout.number);
    expect(register.rows.find((r) => r.number === made.printout.number)!.formTitle).toMatch(/Уведомление о зачислении/);

    let view = await call('movement.overview', { from: '2026-09-01', to: '2026-10-31' });
    expect(view.notices.map((n) => [n.fio, n.status, n.printoutNumber])).toEqual([
      ['Сергеев Семён Андреевич', 'overdue', made.printout.number],
      ['Тихонова Таисия', 'open', null],
    ]);
    // Sent on the 23rd: a day late, and no longer in the overdue list.
    const sent = await call('movement.noticeSent', { id: view.notices[0]!.id, sentOn: '2026-10-23' });
    expect(sent).toMatchObject({ status: 'done-late', daysOverdue: 1 });
    expect((await fails('movement.noticeSent', { id: view.notices[0]!.id, sentOn: '2026-10-24' })).message).toMatch(/обновите список|уже отмечено/);

    // --- expulsions ---
    const pupils = await call('movement.pupils', {});
    const studyOf = (childId: number) => pupils.find((p) => p.childId === childId)!.studyId;
    expect(pupils.some((p) => p.childId === ids.otherPupil)).toBe(false);
    await call('movement.expel', { studyId: studyOf(ids.leaving), date: '2026-10-05', orderNumber: '95', orderDate: '2026-10-05', reason: 'перевод в другую образовательную организацию' });
    await call('movement.expel', { studyId: studyOf(ids.late), date: '2026-10-02', orderNumber: '94', orderDate: '2026-10-02', reason: 'выбытие за пределы муниципалитета' });
    await call('movement.expel', {
      studyId: studyOf(ids.recent),
      date: '2026-10-23',
      orderNumber: '102',
      orderDate: '2026-10-23',
      reason: 'перевод в другую образовательную организацию',
    });
    // The expelled pupils left the school's registry view, but its movement lists keep them.
    expect((await fails('children.card', { id: ids.leaving })).code).toBe('FORBIDDEN');
    view = await call('movement.overview', { from: '2026-09-01', to: '2026-10-31' });
    expect(view.unconfirmedDays).toBe(10);
    // The 9th-grade leaver of June has no confirmation either (compulsory to 18 without secondary education).
    expect(view.unconfirmed.map((u) => [u.fio, u.expelledOn, u.days, u.candidate])).toEqual([
      ['Орлов Олег Романович', '2026-06-30', 119, true],
      ['Морозов Максим Ильич', '2026-10-02', 25, true],
      ['Лебедева Лидия Олеговна', '2026-10-05', 22, true],
      ['Носова Нина Павловна', '2026-10-23', 4, false],
    ]);
    const byFio = (s: string) => view.unconfirmed.find((u) => u.fio.startsWith(s))!;
    // The confirmation comes: enrolled in another school by its order.
    await call('movement.confirm', {
      studyId: byFio('Лебедева').studyId,
      continuation: { kind: 'school', name: 'МБОУ «Школа № 3» г. Дзержинска', orderNumber: '77', orderDate: '2026-10-06', confirmedOn: '2026-10-09' },
    });
    // Moved away: confirmed as outside the municipality.
    await call('movement.confirm', { studyId: byFio('Морозов').studyId, continuation: { kind: 'moved', name: 'г. Казань', confirmedOn: '2026-10-10' } });
    view = await call('movement.overview', { from: '2026-09-01', to: '2026-10-31' });
    expect(view.unconfirmed.map((u) => u.fio)).toEqual(['Орлов Олег Романович', 'Носова Нина Павловна']);
    const expelEvents = view.events.filter((e) => e.kind === 'expel');
    expect(expelEvents.map((e) => [e.fio, e.orderNumber, e.other])).toEqual([
      ['Морозов Максим Ильич', '94', 'г. Казань'],
      ['Лебедева Лидия Олеговна', '95', 'МБОУ «Школа № 3» г. Дзержинска'],
      ['Носова Нина Павловна', '102', null],
    ]);
    const enrolEvents = view.events.filter((e) => e.kind === 'enrol');
    expect(enrolEvents.map((e) => [e.fio, e.orderNumber, e.other])).toEqual([
      ['Уткин Устин', '90', null],
      ['Сергеев Семён Андреевич', '101', 'МБОУ «Средняя школа № 2» (тест)'],
      ['Тихонова Таисия', '104', 'МАОУ «Лицей № 7» г. Нижнего Новгорода'],
    ]);

    // --- 9th-grade leavers: where they continued, entered and printed in приложение 4 ---
    const summer = await call('movement.overview', { from: '2025-09-01', to: '2026-08-31' });
    expect(summer.grade9.map((g) => [g.fio, g.leftOn, g.continuation])).toEqual([['Орлов Олег Романович', '2026-06-30', null]]);
    await call('movement.confirm', {
      studyId: summer.grade9[0]!.studyId,
      continuation: { kind: 'spo', name: 'ГБПОУ «Кстовский нефтяной техникум» (тест)', orderNumber: '512-к', orderDate: '2026-08-25', confirmedOn: '2026-09-02' },
    });
    expect((await call('movement.overview', { from: '2026-09-01', to: '2026-10-31' })).unconfirmed.map((u) => u.fio)).toEqual(['Носова Нина Павловна']);
    const app4 = await call('reports.make', { formId: 'kstovo-app4', asOf: '2026-09-01', format: 'pdf' });
    const app4Text = pdfText(app4.base64, 'app4.pdf').replace(/\s+/g, ' ');
    expect(app4Text).toContain('Орлов Олег Романович');
    expect(app4Text).toMatch(/Кстовский нефтяной/);
    const app5 = await call('reports.preview', { formId: 'kstovo-app5', asOf: '2026-10-31' });
    const app5Rows = app5.sections[0]!.groups.flatMap((g) => g.rows).map((r) => r.join(' | '));
    expect(app5Rows.find((r) => r.includes('Лебедева'))).toMatch(/зачислен\(а\) № 77 от 06\.10\.2026/);
    expect(app5Rows.find((r) => r.includes('Носова'))).toMatch(/нет сведений/);
    // Its second table (enrolled): the sending school of a transfer of a child new to the registry.
    const app5In = app5.sections[1]!.groups.flatMap((g) => g.rows).map((r) => r.join(' | '));
    expect(app5In.find((r) => r.includes('Тихонова'))).toMatch(/МАОУ «Лицей № 7» г\. Нижнего Новгорода/);

    // --- scope: a school's user works on its own organization only ---
    expect((await fails('movement.overview', { orgId: other.id, from: '2026-09-01', to: '2026-10-31' })).code).toBe('FORBIDDEN');
    const otherStudy = (await as('admin', ADMIN_PASSWORD), (await call('children.card', { id: ids.otherPupil })).facts.find((f) => f.type === 'study')!.id);
    await as('school1', SCHOOL_PASSWORD);
    expect((await fails('movement.expel', { studyId: otherStudy, date: '2026-10-20', orderNumber: '1', orderDate: '2026-10-20', reason: 'перевод в другую образовательную организацию' })).code).toBe('FORBIDDEN');
    expect((await fails('movement.firstGrade', { childId: ids.recent, startOn: '2027-09-01', applicationOn: '2026-10-01' })).code).toBe('FORBIDDEN');

    // --- leaving at 15 (school records the consents; the department its measures within a month) ---
    const l15 = await call('movement.leaveSchool', {
      childId: ids.recent,
      parentsConsentOn: '2026-09-20',
      commissionConsentOn: '2026-09-25',
      commissionDecision: '12/3',
      departmentConsentOn: '2026-09-28',
      departmentDecision: '345',
      leftOn: '2026-09-30',
      measuresOn: '2026-10-01',
      measures: 'не должна попасть: меры — дело отдела',
    });
    view = await call('movement.overview', { from: '2026-09-01', to: '2026-10-31' });
    // Left on 30 September: the measures are due by 30 October; the school could not record them.
    expect(view.leave15).toMatchObject([{ id: l15.id, measuresDue: '2026-10-30', measuresOn: null, measures: null, status: 'open', commissionDecision: '12/3' }]);
    await as('admin', ADMIN_PASSWORD);
    const l15b = await call('movement.leaveSchool', {
      id: l15.id,
      childId: ids.recent,
      orgId: school.id,
      parentsConsentOn: '2026-09-20',
      commissionConsentOn: '2026-09-25',
      commissionDecision: '12/3',
      departmentConsentOn: '2026-09-28',
      departmentDecision: '345',
      leftOn: '2026-09-30',
      measuresOn: '2026-10-15',
      measures: 'Зачислена на очно-заочную форму в МБОУ «Школа № 2»',
    });
    view = await call('movement.overview', { orgId: school.id, from: '2026-09-01', to: '2026-10-31' });
    expect(view.leave15).toMatchObject([{ id: l15b.id, measuresOn: '2026-10-15', status: 'done' }]);

    // --- the department's permission for first grade before 6 years 6 months ---
    const young = (await call('children.create', { child: { surname: 'Цветкова', name: 'Цветана', birthDate: '2021-05-01' }, facts: [] })).child.id;
    await call('movement.firstGrade', { childId: young, orgId: school.id, startOn: '2027-09-01', applicant: 'Цветкова Ц.Ц. (мать)', applicationOn: '2026-10-10', decision: 'granted', decisionOn: '2026-10-20', decisionNumber: '210' });
    view = await call('movement.overview', { orgId: school.id, from: '2026-09-01', to: '2026-10-31' });
    expect(view.firstGrade).toMatchObject([{ fio: 'Цветкова Цветана', ageStatus: 'early', decision: 'granted', decisionOn: '2026-10-20', decisionNumber: '210' }]);
    const noDate = await fails('movement.firstGrade', { childId: young, startOn: '2027-09-01', applicationOn: '2026-10-10', decision: 'refused' });
    expect(JSON.stringify(noDate.issues)).toMatch(/Укажите дату решения/);

    // --- the department enrols a registry child by transfer; the sending school still ends its own study ---
    const moved = await call('movement.enrol', { childId: ids.otherPupil, orgId: school.id, classLabel: '7А', date: '2026-10-26', orderNumber: '103', orderDate: '2026-10-26', transfer: { fromOrgId: other.id } });
    expect(moved.notice).toMatchObject({ dueDate: '2026-10-28', status: 'open', fio: 'Павлова Полина Юрьевна' });
    expect((await call('children.card', { id: ids.otherPupil })).current.orgId).toBe(school.id);
    const sending = await call('movement.pupils', { orgId: other.id });
    const left = sending.find((p) => p.childId === ids.otherPupil)!;
    await call('movement.expel', { studyId: left.studyId, date: '2026-10-26', orderNumber: '55', orderDate: '2026-10-23', reason: 'перевод в другую образовательную организацию' });
    const otherView = await call('movement.overview', { orgId: other.id, from: '2026-09-01', to: '2026-10-31' });
    // Enrolled elsewhere the same day: confirmed by the registry itself, not listed as unconfirmed; the expulsion says where.
    expect(otherView.unconfirmed).toEqual([]);
    expect(otherView.events.find((e) => e.kind === 'expel')).toMatchObject({ fio: 'Павлова Полина Юрьевна', orderNumber: '55', other: school.fullName });

    // The department without a school named: every school's notices.
    const district = await call('movement.overview', { from: '2026-09-01', to: '2026-10-31' });
    expect(district.orgId).toBeNull();
    expect(district.notices.map((n) => [n.fio, n.status])).toEqual([
      ['Сергеев Семён Андреевич', 'done-late'],
      ['Тихонова Таисия', 'open'],
      ['Павлова Полина Юрьевна', 'open'],
    ]);
    expect(district.events.filter((e) => e.kind === 'expel').length).toBe(4);

    // --- journaled; append-only ---
    const journal = await call('audit.list', { limit: 500, offset: 0 });
    const actions = journal.entries.map((r) => r.action);
    for (const a of ['movement.enrol', 'movement.expel', 'movement.confirm', 'movement.noticeSent', 'movement.printNotice', 'movement.overview', 'movement.leaveSchool', 'movement.firstGrade']) expect(actions).toContain(a);
    // The journal says it in Russian words, naming no child.
    const enrolments = journal.entries.filter((e) => e.action === 'movement.enrol').map((e) => describeAuditEntry(e).details);
    expect(enrolments).toHaveLength(4);
    expect(enrolments.filter((d) => /^движение: зачисление; организация: № \d+; обучение: № \d+; в порядке перевода: да; новая карточка: да$/.test(d))).toHaveLength(2);
    expect(enrolments.filter((d) => /в порядке перевода: да$/.test(d))).toHaveLength(1);
    expect(describeAuditEntry(journal.entries.find((e) => e.action === 'movement.confirm')!).details).toMatch(/где продолжает: /);
    const { sqlite } = ws.require(false).open;
    expect(() => sqlite.prepare("UPDATE movement_records SET done_on = '2026-01-01'").run()).toThrow(/только дополняются/);
    expect(() => sqlite.prepare('DELETE FROM movement_records').run()).toThrow(/только дополняются/);
  });
});
