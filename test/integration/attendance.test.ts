import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { CallInput } from '../../shared/api/contract';
import { attendanceOf } from '../../electron/services/attendance/read';
import { ADMIN_PASSWORD, setUp, tempDir } from './helpers';

// Attendance on a real encrypted database through the dispatcher: a class typed in, a journal's report imported
// from an XLSX written with exceljs (a bad one refused whole, with file, row and column; a re-import replacing a
// month and keeping the old figures), the rule of the ЗАТО Свободный profile (above 75 %, not started), the school's
// scope, the monthly list printed as PDF and read back with pdftotext, and the two commands of the command line.

const TODAY = '2026-10-27';
const SCHOOL_PASSWORD = 'Пароль школы 25';
const BIN = join(import.meta.dirname, '../../bin/uchet.js');
const OUT = join(process.cwd(), 'test-results', 'attendance');

function run(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

function uchet(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, UCHET_PASSWORD: ADMIN_PASSWORD, UCHET_TODAY: TODAY } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

type Row = [string, string, number | string | null, number | string | null, number | string | null, number | string | null];

/** A journal's report as ЭЖ exports it: title lines, a two-row header with «Пропущено уроков» merged over three columns. */
async function journalXlsx(rows: Row[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Посещаемость');
  ws.addRow(['Отчёт о посещаемости учащихся']);
  ws.addRow(['Период: 01.10.2026 – 31.10.2026']);
  ws.addRow([]);
  ws.addRow(['ФИО', 'Класс', 'Уроков проведено', 'Пропущено уроков', null, null]);
  ws.addRow([null, null, null, 'всего', 'по уважительной причине', 'по неуважительной причине']);
  ws.mergeCells('D4:F4');
  ws.mergeCells('A4:A5');
  ws.mergeCells('B4:B5');
  ws.mergeCells('C4:C5');
  for (const r of rows) ws.addRow(r);
  ws.addRow([]);
  ws.addRow(['Классный руководитель ________________']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function world() {
  const w = await setUp('zato-svobodny', undefined, () => new Date(`${TODAY}T12:00:00`).getTime());
  const { call } = w;
  const orgs = await call('orgs.list', {});
  const school = orgs.find((o) => o.kind === 'school')!;
  await call('orgs.update', { id: school.id, headName: 'Карпова Ольга Дмитриевна' });
  const other = await call('orgs.add', { kind: 'school', fullName: 'Школа № 2 (тест)', shortName: 'Школа № 2', address: '', headPosition: 'Директор', headName: '' });
  const study = (orgId: number, classLabel: string, validFrom = '2026-09-01') => ({ type: 'study' as const, orgId, classLabel, validFrom, enrolOrderNumber: '15', enrolOrderDate: validFrom });
  const create = async (surname: string, name: string, patronymic: string, birthDate: string, facts: CallInput<'children.create'>['facts']) =>
    (await call('children.create', { child: { surname, name, patronymic, birthDate, gender: /а$/u.test(surname) ? 'f' : 'm' }, facts })).child.id;
  const ids = {
    abramova: await create('Абрамова', 'Анна', 'Игоревна', '2014-02-03', [study(school.id, '6А'), { type: 'address', kind: 'actual', text: 'п. Свободный, ул. Ленина, д. 1, кв. 2' }]),
    borisov: await create('Борисов', 'Борис', 'Олегович', '2014-05-06', [study(school.id, '6А')]),
    vasiliev: await create('Васильев', 'Василий', 'Петрович', '2014-07-08', [study(school.id, '6А')]),
    grigorieva: await create('Григорьева', 'Галина', 'Сергеевна', '2014-09-10', [study(school.id, '6А')]),
    // came on 15 October: his lessons count from then
    dmitriev: await create('Дмитриев', 'Дмитрий', 'Ильич', '2014-11-12', [study(school.id, '6А', '2026-10-15')]),
    ershova: await create('Ершова', 'Елена', 'Андреевна', '2014-01-01', [study(other.id, '6А')]),
  };
  await call('users.add', { login: 'school25', displayName: 'Завуч Тестовая', role: 'school', orgId: school.id, password: SCHOOL_PASSWORD });
  const as = async (login: string, password: string) => {
    w.ws.lock();
    await call('session.unlock', { login, password });
  };
  return { ...w, school, other, ids, as };
}

describe('attendance and the monthly truancy list (ЗАТО Свободный)', () => {
  it('a class typed in, a journal report imported all or nothing, the rule, the scope, the list as PDF', async () => {
    const w = await world();
    const { call, fails, school, other, ids } = w;
    await w.as('school25', SCHOOL_PASSWORD);

    // September by the grid: Абрамова missed everything, the others came.
    const sept = await call('attendance.grid', { month: '2026-09' });
    expect(sept.orgId).toBe(school.id);
    expect(sept.classes).toEqual(['6А']);
    expect(sept.rows.map((r) => r.fio)).toEqual(['Абрамова Анна Игоревна', 'Борисов Борис Олегович', 'Васильев Василий Петрович', 'Григорьева Галина Сергеевна', 'Дмитриев Дмитрий Ильич']);
    expect(sept.rule).toMatchObject({ thresholdPercent: 75, markedBySchool: false });
    const saved = await call('attendance.save', {
      month: '2026-09',
      rows: [
        { childId: ids.abramova, lessonsHeld: 90, missedTotal: 90, missedUnexcused: 90 },
        { childId: ids.borisov, lessonsHeld: 90, missedTotal: 10, missedUnexcused: 0 },
        { childId: ids.vasiliev, lessonsHeld: 90, missedTotal: 0, missedUnexcused: 0 },
        { childId: ids.grigorieva, lessonsHeld: 90, missedTotal: 5, missedUnexcused: 5 },
      ],
    });
    expect(saved).toEqual({ saved: 4, unchanged: 0 });
    // Figures that do not hold together are refused, whole.
    expect((await fails('attendance.save', { month: '2026-09', rows: [{ childId: ids.vasiliev, lessonsHeld: 10, missedTotal: 11, missedUnexcused: 0 }] })).message).toMatch(/больше, чем проведено/u);
    // Another school's pupil, another school: refused.
    expect((await fails('attendance.save', { month: '2026-09', rows: [{ childId: ids.ershova, lessonsHeld: 90, missedTotal: 0, missedUnexcused: 0 }] })).code).toBe('FORBIDDEN');
    expect((await fails('attendance.grid', { orgId: other.id, month: '2026-09' })).code).toBe('FORBIDDEN');
    expect((await fails('attendance.overview', { month: '2026-10' })).code).toBe('FORBIDDEN');

    // October from the journal. First a file with mistakes: nothing of it is applied.
    const bad = await journalXlsx([
      ['Абрамова Анна Игоревна', '6А', 80, 80, 0, 80],
      ['Борисов Борис Олегович', '6А', 80, 61, 0, 61],
      ['Ершова Елена Андреевна', '6А', 80, 2, 2, 0],
      ['Васильев Василий Петрович', '6А', 80, 'шестьдесят', 0, 60],
    ]);
    const input = { month: '2026-10', fileName: 'Посещаемость 6А октябрь.xlsx', base64: bad.toString('base64') };
    const preview = await call('attendance.importPreview', input);
    expect(preview.rowsRead).toBe(4);
    expect(preview.rowsWithErrors).toBe(2);
    expect(preview.issues.map((i) => i.text)).toEqual([
      'Файл «Посещаемость 6А октябрь.xlsx», строка 8, столбец A «ФИО»: ученик «Ершова Елена Андреевна» (6А класс) не найден среди обучающихся школы — проверьте ФИО или внесите ученика в реестр',
      'Файл «Посещаемость 6А октябрь.xlsx», строка 9, столбец D «Пропущено уроков | всего»: не целое неотрицательное число: «шестьдесят»',
    ]);
    const refused = await call('attendance.importApply', input);
    expect(refused.applied).toBe(false);
    expect((await call('attendance.truancy', { month: '2026-10' })).rows).toEqual([]);

    const good = await journalXlsx([
      ['Абрамова Анна Игоревна', '6А', 80, 80, 0, 80],
      ['Борисов Борис Олегович', '6А', 80, 61, 0, 61],
      ['Васильев Василий Петрович', '6А', 80, 60, 0, 60], // 75 % exactly
      ['Григорьева  Галина Сергеевна', '6 а', 80, 70, 50, 20], // much missed, mostly for a good reason
      ['Дмитриев Дмитрий Ильич', '6А', 40, 31, 0, 31], // since 15 October: 77,5 %
    ]);
    const applied = await call('attendance.importApply', { ...input, base64: good.toString('base64') });
    expect(applied).toMatchObject({ applied: true, rowsRead: 5, rowsWithErrors: 0, saved: 5, unchanged: 0 });
    expect(applied.rows.find((r) => r.fio.startsWith('Григорьева'))!.missedUnexcused).toBe(20);

    // A CSV export of another journal: one-row header, its own words; a PDF is refused with what to do.
    const csv = 'Фамилия;Имя;Отчество;Класс;Всего уроков;Пропущено уроков;Из них по уважительной причине;Без уважительной причины\r\nБорисов;Борис;Олегович;6А;80;61;0;61\r\nВасильев;Василий;Петрович;6А;80;60;0;60\r\n';
    const fromCsv = await call('attendance.importPreview', { month: '2026-10', fileName: 'журнал.csv', base64: Buffer.from(csv, 'utf8').toString('base64') });
    expect(fromCsv.issues).toEqual([]);
    expect(fromCsv.rows.map((r) => [r.fio, r.lessonsHeld, r.missedTotal, r.missedUnexcused, r.change])).toEqual([
      ['Борисов Борис Олегович', 80, 61, 61, 'same'],
      ['Васильев Василий Петрович', 80, 60, 60, 'same'],
    ]);
    const pdfFile = await fails('attendance.importPreview', { month: '2026-10', fileName: 'отчёт.pdf', base64: Buffer.from('%PDF-1.4 not a table').toString('base64') });
    expect(pdfFile.message).toMatch(/^Файл «отчёт\.pdf» — PDF/u);

    const list = await call('attendance.truancy', { month: '2026-10' });
    expect(list.rows.map((r) => [r.fio, r.status, r.percent])).toEqual([
      ['Абрамова Анна Игоревна', 'not-started', 100],
      ['Борисов Борис Олегович', 'systematic', 76.3],
      ['Дмитриев Дмитрий Ильич', 'systematic', 77.5],
    ]);
    const grid = await call('attendance.grid', { month: '2026-10', classLabel: '6А' });
    expect(grid.rows.filter((r) => r.status).map((r) => r.fio.split(' ')[0])).toEqual(['Абрамова', 'Борисов', 'Дмитриев']);

    // Re-import of the month with Борисов corrected: his figures replaced, the old ones kept.
    const again = await journalXlsx([['Борисов Борис Олегович', '6А', 80, 40, 20, 20], ['Васильев Василий Петрович', '6А', 80, 60, 0, 60]]);
    const re = await call('attendance.importApply', { ...input, base64: again.toString('base64') });
    expect(re).toMatchObject({ applied: true, saved: 1, unchanged: 1 });
    expect((await call('attendance.truancy', { month: '2026-10' })).rows.map((r) => r.fio.split(' ')[0])).toEqual(['Абрамова', 'Дмитриев']);
    const sqlite = w.ws.require().open.sqlite;
    const borisovRows = sqlite.prepare("SELECT missed_unexcused, superseded_by IS NULL AS live FROM attendance WHERE child_id = ? AND month = '2026-10' ORDER BY id").all(ids.borisov);
    expect(borisovRows).toEqual([
      { missed_unexcused: 61, live: 0 },
      { missed_unexcused: 20, live: 1 },
    ]);
    // History cannot be rewritten or deleted, even past the services.
    expect(() => sqlite.prepare('DELETE FROM attendance WHERE child_id = ?').run(ids.borisov)).toThrow(/удалять записи нельзя/u);
    expect(() => sqlite.prepare('UPDATE attendance SET missed_unexcused = 0 WHERE child_id = ?').run(ids.borisov)).toThrow(/изменять записи нельзя/u);
    expect(attendanceOf(sqlite, ids.borisov)).toEqual([
      { month: '2026-09', orgId: school.id, lessonsHeld: 90, missedTotal: 10, missedUnexcused: 0 },
      { month: '2026-10', orgId: school.id, lessonsHeld: 80, missedTotal: 40, missedUnexcused: 20 },
    ]);
    // The journal says what was done, not who.
    const journal = sqlite.prepare("SELECT action, object_type, details FROM audit_log WHERE action LIKE 'attendance.%' ORDER BY id").all() as { action: string; object_type: string; details: string }[];
    expect(journal.map((j) => j.action)).toContain('attendance.importApply');
    expect(journal.every((j) => j.object_type === 'attendance' || j.object_type === 'truancy')).toBe(true);
    expect(JSON.stringify(journal)).not.toMatch(/Борисов|Абрамова/u);

    // The school's recorded step (issue 11, карта учёта) gives the cause and the measures; without one, the attendance speaks.
    await call('school.addEntry', {
      childId: ids.dmitriev,
      kind: 'contact',
      onDate: '2026-10-20',
      actor: 'Классный руководитель Сидорова А.А.',
      data: { how: 'телефон', answer: 'Мать обещала, что сын будет ходить', cause: 'уход за больной бабушкой' },
    });
    // The monthly list, Приложение 1 к Инструкции, as PDF read back.
    const made = await call('reports.make', { formId: 'zato-instr-app1', orgId: null, asOf: TODAY, year: null, format: 'pdf' });
    expect(made.printout.childCount).toBe(2);
    mkdirSync(OUT, { recursive: true });
    const pdf = join(OUT, 'zato-instr-app1.pdf');
    writeFileSync(pdf, Buffer.from(made.base64, 'base64'));
    const text = run('pdftotext', ['-layout', pdf, '-']).replace(/\s+/gu, ' ');
    expect(text).toContain('за период с 01.10.2026 по 27.10.2026');
    expect(text).toContain('Абрамова Анна Игоревна');
    expect(text).toContain('Дмитриев Дмитрий Ильич');
    expect(text).not.toContain('Борисов');
    expect(text).not.toContain('Васильев');
    expect(text).toContain('п. Свободный, ул. Ленина, д.');
    expect(text).toMatch(/Абрамова Анна Игоревна 03.02.2014 6А п. Свободный, ул. Ленина, д. Не посещает \(не 100/u);
    expect(text).toMatch(/Систематически\s+77,5 Причина: уход за больной/u);
    expect(text).toMatch(/Дмитриев Дмитрий Ильич 12.11.2014 6А Систематически/u);
    // The cell wraps over lines that pdftotext interleaves with the other columns: its fragments, in order.
    expect(text).toMatch(/бабушкой\. Принятые меры: 20\.10\.2026 — беседа классного руководителя с родителями \(телефон\)/u);
    expect(text).toMatch(/Не приступил к обучению .*\(зачислен 01\.09\.2026\): за месяц .*пропущено 80 из 80 уроков/u);
    run('pdftoppm', ['-r', '60', '-png', '-f', '1', '-l', '1', '-singlefile', pdf, join(OUT, 'zato-instr-app1')]);

    // The department sees the school month by month.
    w.ws.lock();
    await call('session.unlock', { login: 'admin', password: ADMIN_PASSWORD });
    const ov = await call('attendance.overview', { month: '2026-10' });
    expect(ov.months).toEqual(['2026-09', '2026-10']);
    const mine = ov.schools.find((s) => s.orgId === school.id)!;
    expect(mine.counts).toEqual([{ notStarted: 1, systematic: 0 }, { notStarted: 1, systematic: 1 }]);
    expect(ov.schools.find((s) => s.orgId === other.id)!.counts).toEqual([null, null]);
    expect(ov.rows.map((r) => [r.orgName, r.fio.split(' ')[0]])).toEqual([
      [school.shortName, 'Абрамова'],
      [school.shortName, 'Дмитриев'],
    ]);
    w.ws.lock();
  }, 120_000);

  it('Кстово: no number in the regulation — the school marks the pupil, and Приложение 3 lists the marked ones', async () => {
    const w = await setUp('kstovo', undefined, () => new Date(`${TODAY}T12:00:00`).getTime());
    const { call } = w;
    const school = await call('orgs.add', { kind: 'school', fullName: 'Муниципальное бюджетное общеобразовательное учреждение «Средняя школа № 1» г. Кстово', shortName: 'МБОУ СШ № 1', address: '', headPosition: 'Директор', headName: 'Петрова Мария Ивановна' });
    const study = { type: 'study' as const, orgId: school.id, classLabel: '8В', validFrom: '2026-09-01', enrolOrderNumber: '3', enrolOrderDate: '2026-09-01' };
    const marked = (await call('children.create', { child: { surname: 'Жуков', name: 'Иван', patronymic: 'Сергеевич', birthDate: '2012-01-15', gender: 'm' }, facts: [study] })).child.id;
    const unmarked = (await call('children.create', { child: { surname: 'Зуева', name: 'Зоя', patronymic: 'Петровна', birthDate: '2012-02-16', gender: 'f' }, facts: [study] })).child.id;
    const grid = await call('attendance.grid', { orgId: school.id, month: '2026-10', classLabel: null });
    expect(grid.rule).toMatchObject({ thresholdPercent: null, markedBySchool: true });
    expect(grid.classLabel).toBe('8В');
    await call('attendance.save', {
      orgId: school.id,
      month: '2026-10',
      rows: [
        { childId: marked, lessonsHeld: 70, missedTotal: 30, missedUnexcused: 30, schoolMark: true },
        { childId: unmarked, lessonsHeld: 70, missedTotal: 65, missedUnexcused: 65, schoolMark: false },
      ],
    });
    const list = await call('attendance.truancy', { orgId: school.id, month: '2026-10' });
    expect(list.rows.map((r) => [r.fio, r.status, r.percent])).toEqual([['Жуков Иван Сергеевич', 'systematic', 42.9]]);
    // The figures again without the mark (a journal report carries none): the mark stays.
    await call('attendance.save', { orgId: school.id, month: '2026-10', rows: [{ childId: marked, lessonsHeld: 72, missedTotal: 30, missedUnexcused: 30 }] });
    expect((await call('attendance.grid', { orgId: school.id, month: '2026-10', classLabel: '8В' })).rows.find((r) => r.childId === marked)).toMatchObject({ schoolMark: true, status: 'systematic', lessonsHeld: 72 });
    const made = await call('reports.make', { formId: 'kstovo-app3', orgId: school.id, asOf: '2026-10-20', year: null, format: 'pdf' });
    mkdirSync(OUT, { recursive: true });
    const pdf = join(OUT, 'kstovo-app3.pdf');
    writeFileSync(pdf, Buffer.from(made.base64, 'base64'));
    const text = run('pdftotext', ['-layout', pdf, '-']).replace(/\s+/gu, ' ');
    expect(text).toContain('Жуков Иван Сергеевич');
    expect(text).not.toContain('Зуева');
    expect(text).toContain('Отмечен школой как систематически');
    expect(text).toContain('по состоянию на 20.10.2026');
    run('pdftoppm', ['-r', '60', '-png', '-f', '1', '-l', '1', '-singlefile', pdf, join(OUT, 'kstovo-app3')]);
    w.ws.lock();
  }, 120_000);

  it('the command line imports a journal report and prints the truancy list as CSV and JSON', async () => {
    const w = await world();
    const db = w.ws.dbPath;
    w.ws.lock();
    const dir = tempDir();
    const file = join(dir, 'октябрь.xlsx');
    writeFileSync(
      file,
      await journalXlsx([
        ['Абрамова Анна Игоревна', '6А', 80, 10, 10, 0],
        ['Борисов Борис Олегович', '6А', 80, 61, 0, 61],
        ['Неизвестный Ученик Ученикович', '6А', 80, 0, 0, 0],
      ]),
    );
    const org = w.school.shortName;
    const bad = uchet(['attendance', 'import', '--db', db, '--org', org, '--month', '2026-10', file]);
    expect(bad.code).not.toBe(0);
    const badSummary = JSON.parse(bad.out) as { rowsRead: number; rowsWithErrors: number; applied: boolean; errors: string[] };
    expect(badSummary).toMatchObject({ rowsRead: 3, rowsWithErrors: 1, applied: false });
    expect(badSummary.errors[0]).toMatch(/^Файл «октябрь\.xlsx», строка 8, столбец A «ФИО»: ученик «Неизвестный Ученик Ученикович»/u);
    expect(bad.err).toMatch(/Отчёт не применён/u);

    writeFileSync(file, await journalXlsx([['Абрамова Анна Игоревна', '6А', 80, 10, 10, 0], ['Борисов Борис Олегович', '6А', 80, 61, 0, 61]]));
    const ok = uchet(['attendance', 'import', '--db', db, '--org', org, '--month', '2026-10', file]);
    expect(ok.err).toBe('');
    expect(JSON.parse(ok.out)).toMatchObject({ rowsRead: 2, rowsWithErrors: 0, applied: true, saved: 2 });

    const csv = uchet(['truancy', '--db', db, '--org', org, '--month', '2026-10', '--format', 'csv']);
    expect(csv.code).toBe(0);
    expect(csv.out).toBe(`child_id;surname;name;patronymic;birth_date;class;lessons;missed_unexcused;percent;status\n${w.ids.borisov};Борисов;Борис;Олегович;2014-05-06;6А;80;61;76.3;systematic\n`);
    const json = uchet(['truancy', '--db', db, '--org', org, '--month', '2026-10', '--format', 'json']);
    expect(JSON.parse(json.out)).toEqual([
      { child_id: w.ids.borisov, surname: 'Борисов', name: 'Борис', patronymic: 'Олегович', birth_date: '2014-05-06', class: '6А', lessons: 80, missed_unexcused: 61, percent: 76.3, status: 'systematic' },
    ]);
    expect(uchet(['truancy', '--db', db, '--org', org, '--month', '2026-13', '--format', 'csv']).code).not.toBe(0);
  }, 120_000);
});
