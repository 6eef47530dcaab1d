import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, setUp, tempDir } from './helpers';

// Generated people: no real persons. Кстово: the schools send their pupils list by class «по состоянию на 1 сентября».
const BIN = join(import.meta.dirname, '../../bin/uchet.js');
const HEADER = '№;ФИО;Дата рождения;Класс;Приказ о зачислении;Адрес места жительства';

function at(day: string): number {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(y!, m! - 1, d!, 10).getTime();
}

async function district() {
  const clock = { day: '2026-08-20' };
  const db = join(tempDir(), 'kstovo.db');
  const w = await setUp('kstovo', db, () => at(clock.day));
  const add = (shortName: string) => w.call('orgs.add', { kind: 'school', fullName: `МБОУ «${shortName}» (тест)`, shortName, address: '', headPosition: 'Директор', headName: '' });
  const s1 = await add('Школа № 1');
  const s2 = await add('Школа № 2');
  const pupils = (orgId: number, asOf: string) =>
    w.call('intake.upload', {
      orgId,
      listKind: 'pupils-by-class',
      asOf,
      fileName: `Обучающиеся на ${asOf}.csv`,
      base64: Buffer.from(`${HEADER}\r\n1;Тестова Анна Игоревна;12.03.2015;5А;№ 7-у от 29.08.2022;г. Кстово, ул. Школьная, д. 3\r\n`, 'utf8').toString('base64'),
    });
  /** Moves the clock (days pass: the idle lock shuts the session) and unlocks again. */
  const move = async (day: string) => {
    clock.day = day;
    await w.call('session.unlock', { login: 'admin', password: ADMIN_PASSWORD });
  };
  return { ...w, db, clock, move, s1, s2, pupils };
}

const find = (d: { items: { deadlineId: string; orgId: number; due: string }[] }, id: string, orgId: number, due: string) =>
  d.items.find((i) => i.deadlineId === id && i.orgId === orgId && i.due === due);

describe('deadlines on a real database (issue 10, point 8)', () => {
  it('a list applied makes its deadline «received»; a missing one is «due» on the day and «late» the day after', async () => {
    const { call, move, s1, s2, pupils } = await district();

    // A week and more ahead: not shown as due yet; within 7 days: due.
    let d = await call('desk.deadlines', { asOf: '2026-08-24' });
    expect(find(d, 'pupils-sep1', s1.id, '2026-09-01')).toBeUndefined();
    d = await call('desk.deadlines', { asOf: '2026-08-25' });
    expect(find(d, 'pupils-sep1', s1.id, '2026-09-01')).toMatchObject({ status: 'soon', daysLeft: 7, orgName: 'Школа № 1', basis: 'п. 3.1, приложение 2', to: 'Департамент образования' });

    await move('2026-09-01');
    const s = await pupils(s1.id, '2026-09-01');
    await call('intake.apply', { submissionId: s.id });
    // A draft from school 2 is not a received list.
    await pupils(s2.id, '2026-09-01');

    d = await call('desk.deadlines', { asOf: '2026-09-01' });
    expect(find(d, 'pupils-sep1', s1.id, '2026-09-01')).toMatchObject({ status: 'received', receivedOn: '2026-09-01', receivedLate: false });
    expect(find(d, 'pupils-sep1', s2.id, '2026-09-01')).toMatchObject({ status: 'soon', daysLeft: 0 });

    d = await call('desk.deadlines', { asOf: '2026-09-02' });
    expect(find(d, 'pupils-sep1', s1.id, '2026-09-01')).toMatchObject({ status: 'received' });
    expect(find(d, 'pupils-sep1', s2.id, '2026-09-01')).toMatchObject({ status: 'late', daysLeft: -1 });
    // Another kind of list from school 1 is not received: its 9th-grade leavers list of the same day is late.
    expect(find(d, 'grade9-sep1', s1.id, '2026-09-01')).toMatchObject({ status: 'late' });
    expect(d.counts.received).toBe(1);

    // Undone, the list no longer answers the deadline.
    await move('2026-09-03');
    await call('intake.undo', { submissionId: s.id });
    d = await call('desk.deadlines', { asOf: '2026-09-03' });
    expect(find(d, 'pupils-sep1', s1.id, '2026-09-01')).toMatchObject({ status: 'late' });

    // Applied again after the deadline: received, with the delay said.
    const again = await pupils(s1.id, '2026-09-01');
    await call('intake.apply', { submissionId: again.id });
    d = await call('desk.deadlines', { asOf: '2026-09-03' });
    expect(find(d, 'pupils-sep1', s1.id, '2026-09-01')).toMatchObject({ status: 'received', receivedOn: '2026-09-03', receivedLate: true });
  });

  it('the department\'s own duties stand beside the schools\' (Кстово п. 3.3 сверка до 25 сентября), and a school user sees its own only', async () => {
    const { call, move, s1 } = await district();
    await move('2026-09-20');
    const d = await call('desk.deadlines', {});
    expect(d.asOf).toBe('2026-09-20');
    const own = d.items.filter((i) => i.own);
    expect(own.map((i) => i.deadlineId)).toContain('reconcile-sep25');
    expect(own.find((i) => i.deadlineId === 'reconcile-sep25')).toMatchObject({ status: 'soon', daysLeft: 5, basis: 'п. 3.3', orgKind: 'department' });
    // The truancy list of the 20th is due today for every school.
    expect(d.items.filter((i) => i.deadlineId === 'truancy-20' && i.status === 'soon')).toHaveLength(2);

    await call('users.add', { login: 'school1', displayName: 'Завуч Тестовая', role: 'school', orgId: s1.id, password: 'пароль школы 1' });
    await call('session.lock', {});
    await call('session.unlock', { login: 'school1', password: 'пароль школы 1' });
    const mine = await call('desk.deadlines', {});
    expect(new Set(mine.items.map((i) => i.orgId))).toEqual(new Set([s1.id]));
  });

  // Each run of the command line starts Node and compiles the sources: slow on a busy machine.
  it('uchet deadlines prints the table in Russian, and JSON', async () => {
    const { call, db, move, s1, pupils } = await district();
    await move('2026-09-01');
    await call('intake.apply', { submissionId: (await pupils(s1.id, '2026-09-01')).id });
    await call('session.lock', {});
    const env = { ...process.env, UCHET_PASSWORD: ADMIN_PASSWORD, UCHET_TODAY: '2026-09-02' };
    const r = spawnSync(process.execPath, [BIN, 'deadlines', '--db', db, '--user', 'admin', '--as-of', '2026-09-02'], { encoding: 'utf8', env });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^Сроки на 02\.09\.2026 \(с 01\.09\.2026 по 09\.09\.2026\): просрочено \d+, срок в ближайшие 7 дней \d+, получено 1$/u);
    expect(lines[1]).toBe('Срок\tОрганизация\tЧто\tКому\tСтатус\tПолучено\tОснование');
    // Received on the day the database recorded it, never after the command's today (UCHET_TODAY here).
    expect(lines.find((l) => l.startsWith('01.09.2026\tШкола № 1\tСписок обучающихся'))).toMatch(
      /^01\.09\.2026\tШкола № 1\tСписок обучающихся по классам \(приложение 2\)\tДепартамент образования\tполучено\t0[12]\.09\.2026( \(с опозданием\))?\tп\. 3\.1, приложение 2$/u,
    );
    expect(lines).toContain('01.09.2026\tШкола № 2\tСписок обучающихся по классам (приложение 2)\tДепартамент образования\tпросрочено\t\tп. 3.1, приложение 2');
    const j = spawnSync(process.execPath, [BIN, 'deadlines', '--db', db, '--user', 'admin', '--as-of', '2026-09-02', '--json'], { encoding: 'utf8', env });
    expect(JSON.parse(j.stdout).counts.received).toBe(1);
    const bad = spawnSync(process.execPath, [BIN, 'deadlines', '--db', db, '--user', 'admin', '--as-of', '02.09.2026'], { encoding: 'utf8', env });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--as-of: ожидается дата ГГГГ-ММ-ДД, получено «02\.09\.2026»/u);
  }, 240_000);
});
