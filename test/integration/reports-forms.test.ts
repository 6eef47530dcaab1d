import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { CallInput } from '../../shared/api/contract';
import { findProfile } from '../../shared/profiles';
import type { PreparedTable } from '../../shared/reports/types';
import { prepareForm } from '../../electron/services/reports/prepare';
import { renderPdf } from '../../electron/services/reports/pdf';
import { renderXlsx } from '../../electron/services/reports/xlsx';
import { setUp } from './helpers';

// Every form of both profiles, prepared from a real encrypted registry filled through the dispatcher, rendered to
// PDF and XLSX and read back: the title, the header on every page, each expected child exactly once and no other,
// the year-of-birth (class, form) groups in order, totals, the signature with the head's name, the printout
// number on every page, the font embedded. The first and last pages go to test-results/forms/ to be looked at.

const STAMP = { number: '2026-000123', date: '2026-12-03' };
const PNG_DIR = join(process.cwd(), 'test-results', 'forms');

type Child = CallInput<'children.create'>['child'];
const person = (fio: string, birthDate: string): Child => {
  const [surname = '', name = '', patronymic = null] = fio.split(' ');
  return { surname, name, patronymic, birthDate, gender: /а$/u.test(surname) ? 'f' : 'm' };
};

function run(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

interface ReadBack {
  pages: string[];
  flat: string;
  fonts: string;
}

function readPdf(bytes: Uint8Array, name: string): ReadBack {
  mkdirSync(PNG_DIR, { recursive: true });
  // Kept beside the PNGs for a closer look.
  const file = join(PNG_DIR, `${name}.pdf`);
  writeFileSync(file, bytes);
  const text = run('pdftotext', ['-layout', file, '-']);
  const pages = text.split('\f').filter((p) => p.trim() !== '');
  run('pdftoppm', ['-r', '60', '-png', '-f', '1', '-l', '1', '-singlefile', file, join(PNG_DIR, `${name}-first`)]);
  run('pdftoppm', ['-r', '60', '-png', '-f', String(pages.length), '-l', String(pages.length), '-singlefile', file, join(PNG_DIR, `${name}-last`)]);
  return { pages, flat: flat(text), fonts: run('pdffonts', [file]) };
}

const flat = (s: string) => s.replace(/\s+/gu, ' ');
const count = (hay: string, needle: string) => hay.split(needle).length - 1;

async function readXlsx(buf: Buffer): Promise<{ ws: ExcelJS.Worksheet; texts: string[]; rows: ExcelJS.CellValue[][] }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const texts: string[] = [];
  const rows: ExcelJS.CellValue[][] = [];
  ws.eachRow((row) => {
    const vals: ExcelJS.CellValue[] = [];
    row.eachCell((cell) => {
      // A merged cell reads as its master's value: count the master only.
      if (cell.isMerged && cell.master.address !== cell.address) return;
      vals.push(cell.value);
      if (typeof cell.value === 'string') texts.push(cell.value);
    });
    rows.push(vals);
  });
  return { ws, texts, rows };
}

interface Expect {
  /** Children expected, in order of appearance. */
  children: string[];
  /** Children that must not appear. */
  absent: string[];
  /** Group headings in order. */
  groups?: string[];
  /** Text of the totals, as printed. */
  totals?: string[];
  signature: string[];
  empty?: boolean;
}

/** Renders a prepared form both ways and checks it against what is expected. */
async function check(table: PreparedTable, exp: Expect): Promise<void> {
  const pdf = readPdf(await renderPdf(table, STAMP), `${table.formId}-org${table.params.orgId ?? 0}`);
  expect(pdf.fonts).toMatch(/LiberationSerif\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes/u);
  expect(pdf.fonts).toMatch(/LiberationSerif-Bold/u);
  // Title, organization, date.
  expect(pdf.flat).toContain(flat(table.heading[0]!).slice(0, 60));
  expect(pdf.flat).toContain(table.attachment[0]!);
  if (table.orgFullName) expect(pdf.flat).toContain(flat(table.orgFullName).slice(0, 50));
  if (table.asOfLine) expect(pdf.flat).toContain(table.asOfLine);
  // Every page: a table's header (the one continuing there), the printout number, «Стр. N из M».
  const headers = table.sections.map((s) => flat(s.columns.find((c) => c.kind === 'date' || c.kind === 'index')?.header ?? s.columns[0]!.header));
  pdf.pages.forEach((page, i) => {
    expect(headers.some((h) => flat(page).includes(h)), `page ${i + 1} has a header`).toBe(true);
    expect(page).toContain(`№ ${STAMP.number} от 03.12.2026`);
    expect(page).toContain(`Стр. ${i + 1} из ${pdf.pages.length}`);
  });
  // The children: each exactly once, in order; none of the others.
  let at = -1;
  for (const fio of exp.children) {
    expect(count(pdf.flat, fio), fio).toBe(1);
    const pos = pdf.flat.indexOf(fio);
    expect(pos, `${fio} in order`).toBeGreaterThan(at);
    at = pos;
  }
  for (const fio of exp.absent) expect(count(pdf.flat, fio), fio).toBe(0);
  expect(table.childCount).toBe(table.sections.some((s) => s.listsChildren) ? exp.children.length : 0);
  let g = -1;
  for (const heading of exp.groups ?? []) {
    const pos = pdf.flat.indexOf(heading, g + 1);
    expect(pos, heading).toBeGreaterThan(g);
    g = pos;
  }
  for (const t of exp.totals ?? []) expect(pdf.flat).toContain(t);
  if (exp.empty) expect(pdf.flat).toContain('Сведений нет');
  // The signature block, whole, on the last page.
  const last = flat(pdf.pages.at(-1)!);
  for (const s of exp.signature) expect(last).toContain(s);
  expect(last).toContain('(подпись)');
  if (table.signature.stamp) expect(last).toContain('М.П.');
  else expect(last).not.toContain('М.П.');

  // XLSX: the same content.
  const x = await readXlsx(await renderXlsx(table, STAMP));
  expect(x.texts.some((t) => t.startsWith(table.heading[0]!.slice(0, 40)))).toBe(true);
  for (const fio of exp.children) expect(x.texts.filter((t) => t === fio).length, `xlsx ${fio}`).toBe(1);
  for (const fio of exp.absent) expect(x.texts.filter((t) => t.includes(fio)).length, `xlsx ${fio}`).toBe(0);
  for (const h of table.sections[0]!.columns.filter((c) => !c.group)) expect(x.texts).toContain(h.header);
  for (const heading of exp.groups ?? []) expect(x.texts).toContain(heading);
  for (const s of exp.signature) expect(x.texts.join('\n')).toContain(s);
  if (exp.empty) expect(x.texts).toContain('Сведений нет');
  expect(x.ws.pageSetup.paperSize).toBe(9);
  expect(x.ws.pageSetup.orientation).toBe(table.orientation);
  expect(x.ws.pageSetup.fitToWidth).toBe(1);
  expect(x.ws.headerFooter.oddFooter).toContain(STAMP.number);
  // The repeated print rows and the frozen pane are the first table's header.
  const titles = /^\$?(\d+):\$?(\d+)$/u.exec(x.ws.pageSetup.printTitlesRow ?? '');
  expect(titles).not.toBeNull();
  const headerRow = x.ws.getRow(Number(titles![1]));
  expect(String(headerRow.getCell(1).value)).toBe(table.sections[0]!.columns[0]!.group ?? table.sections[0]!.columns[0]!.header);
  expect((x.ws.views[0] as { ySplit?: number }).ySplit).toBe(Number(titles![2]));
  // Dates are real date cells, shown as ДД.ММ.ГГГГ.
  const dateCol = table.sections[0]!.columns.findIndex((c) => c.kind === 'date');
  if (dateCol >= 0 && exp.children.length > 0) {
    const dated: ExcelJS.Cell[] = [];
    x.ws.eachRow((row) => row.eachCell((cell) => (cell.value instanceof Date ? dated.push(cell) : undefined)));
    expect(dated.length).toBeGreaterThanOrEqual(table.sections.filter((s) => s.listsChildren).reduce((n, s) => n + s.rowCount, 0));
    expect(dated[0]!.numFmt).toBe('dd.mm.yyyy');
  }
}

// ---- Кстово ------------------------------------------------------------------------------------------------

async function kstovo() {
  const w = await setUp('kstovo');
  const { call } = w;
  const orgs = await call('orgs.list', {});
  const department = orgs.find((o) => o.kind === 'department')!;
  await call('orgs.update', { id: department.id, headName: 'Кузьмина Светлана Юрьевна' });
  const a = await call('orgs.add', { kind: 'school', fullName: 'Муниципальное бюджетное общеобразовательное учреждение «Средняя школа № 1» г. Кстово', shortName: 'МБОУ СШ № 1', address: 'г. Кстово, ул. Школьная, д. 1', headPosition: 'Директор', headName: 'Петрова Мария Ивановна' });
  const b = await call('orgs.add', { kind: 'school', fullName: 'Муниципальное бюджетное общеобразовательное учреждение «Средняя школа № 2» г. Кстово', shortName: 'МБОУ СШ № 2', address: 'г. Кстово, ул. Мира, д. 2', headPosition: 'Директор', headName: 'Сидоров Олег Павлович' });
  const k = await call('orgs.add', { kind: 'kindergarten', fullName: 'МБДОУ «Детский сад № 5»', shortName: 'Детский сад № 5', address: '', headPosition: 'Заведующий', headName: '' });
  const study = (orgId: number, classLabel: string, validFrom: string, order = '12-у') => ({ type: 'study' as const, orgId, classLabel, validFrom, enrolOrderNumber: order, enrolOrderDate: validFrom });
  const addr = (text: string) => ({ type: 'address' as const, kind: 'actual' as const, text });
  const create = (fio: string, birth: string, facts: CallInput<'children.create'>['facts']) => call('children.create', { child: person(fio, birth), facts });
  const elkina = await create('Ёлкина Снежана Петровна', '2014-02-03', [study(a.id, '6Б', '2025-09-01'), { type: 'form', form: 'full_time' }, addr('г. Кстово, ул. Ленина, д. 1, кв. 2')]);
  await create('Елисеев Егор Андреевич', '2014-07-10', [study(a.id, '6А', '2025-09-01')]);
  await create('Ефимов Фёдор Ильич', '2014-09-09', [study(a.id, '6Б', '2025-09-01')]);
  await create('Еремеева Ева Олеговна', '2016-03-03', [study(a.id, '4А', '2025-09-01'), { type: 'form', form: 'part_time', basis: 'заявление родителей' }]);
  await create('Жуков Иван Сергеевич', '2012-01-15', [study(a.id, '8А', '2025-09-01'), { type: 'form', form: 'extramural' }]);
  // Finished 9th grade at school 1, continued in 10th grade at school 2.
  const abramov = await create('Абрамов Пётр Ильич', '2010-05-05', [study(a.id, '9А', '2025-09-01')]);
  const s9 = abramov.facts.find((f) => f.type === 'study')!;
  await call('facts.add', { childId: abramov.child.id, fact: study(b.id, '10А', '2026-09-01', '7'), ends: { id: s9.id, validTo: '2026-06-25', leaveOrderNumber: '50-о', leaveOrderDate: '2026-06-25', leaveReason: 'окончание 9 класса' } });
  // Transferred from school 2 to school 1 in January.
  const borisova = await create('Борисова Анна Викторовна', '2011-11-11', [study(b.id, '7Б', '2024-09-01')]);
  const s7 = borisova.facts.find((f) => f.type === 'study')!;
  await call('facts.add', { childId: borisova.child.id, fact: study(a.id, '7Б', '2026-01-21', '3-у'), ends: { id: s7.id, validTo: '2026-01-20', leaveOrderNumber: '2-о', leaveOrderDate: '2026-01-20', leaveReason: 'перевод в другую ОО' } });
  // Moved from 5А to 6А in the same school: neither expelled nor enrolled.
  const vasiliev = await create('Васильев Василий Андреевич', '2013-04-04', [study(a.id, '5А', '2025-09-01')]);
  const s5 = vasiliev.facts.find((f) => f.type === 'study')!;
  await call('facts.add', { childId: vasiliev.child.id, fact: study(a.id, '6А', '2026-09-01'), ends: { id: s5.id, validTo: '2026-08-31', leaveReason: 'перевод в 6А класс' } });
  // Family education, attested by school 1.
  await create('Григорьева Галина Павловна', '2015-08-08', [{ type: 'form', form: 'family', basis: 'уведомление родителей', basisDate: '2025-08-20', attestationOrgId: a.id, validFrom: '2025-09-01' }]);
  await create('Яковлев Яков Яковлевич', '2014-01-01', [study(b.id, '6В', '2025-09-01')]);
  await create('Дмитриев Дмитрий Денисович', '2019-03-03', [study(k.id, 'подготовительная', '2024-09-01')]);
  // School 1's territory list (приложение 1) as it was received: two children not its pupils.
  const list = await call('intake.grid', {
    orgId: a.id,
    listKind: 'territory-5-18',
    asOf: '2026-02-01',
    rows: [
      { surname: 'Дмитриев', name: 'Дмитрий', patronymic: 'Денисович', birthDate: '03.03.2019', addressActual: 'г. Кстово, ул. Школьная, д. 7' },
      { surname: 'Кузнецов', name: 'Кирилл', patronymic: 'Петрович', birthDate: '12.12.2012', addressActual: 'г. Кстово, ул. Школьная, д. 9' },
    ],
  });
  await call('intake.apply', { submissionId: list.id });
  const sqlite = w.ws.require().open.sqlite;
  const profile = findProfile('kstovo')!;
  const prep = (formId: string, orgId: number, asOf: string) => prepareForm(sqlite, profile, formId, { orgId, asOf });
  return { ...w, a, b, department, elkina, prep, profile };
}

const SIG_A = ['Директор', 'М.И. Петрова'];

describe('Кстово: every appendix form', () => {
  it('приложения 1–6 from the registry, as PDF and XLSX', async () => {
    const { a, department, prep, profile } = await kstovo();
    expect(profile.forms.map((f) => f.id)).toEqual(['kstovo-app1', 'kstovo-app2', 'kstovo-app3', 'kstovo-app4', 'kstovo-app5', 'kstovo-app6', 'kstovo-summary']);

    // 1: on 1 February, the school's pupils and the children of its territory list, by year of birth; ё beside е.
    const app1 = prep('kstovo-app1', a.id, '2026-02-01');
    await check(app1, {
      children: ['Абрамов Пётр Ильич', 'Борисова Анна Викторовна', 'Жуков Иван Сергеевич', 'Кузнецов Кирилл Петрович', 'Васильев Василий Андреевич', 'Елисеев Егор Андреевич', 'Ёлкина Снежана Петровна', 'Ефимов Фёдор Ильич', 'Еремеева Ева Олеговна', 'Дмитриев Дмитрий Денисович'],
      absent: ['Яковлев', 'Григорьева'],
      groups: ['2010 год рождения', '2011 год рождения', '2012 год рождения', '2013 год рождения', '2014 год рождения', '2016 год рождения', '2019 год рождения'],
      totals: ['Всего: 10'],
      signature: SIG_A,
    });
    const dmitriev = app1.groups.flatMap((g) => g.rows).find((r) => r[1] === 'Дмитриев Дмитрий Денисович')!;
    expect(dmitriev.slice(4)).toEqual(['Детский сад № 5 / подготовительная', 'да']);

    // 2: pupils on 10 September by class; the heading carries the date (one date on the page).
    const app2 = prep('kstovo-app2', a.id, '2026-09-10');
    expect(app2.heading).toEqual(['Форма списка обучающихся общеобразовательной организации по классам по состоянию на 10.09.2026']);
    expect(app2.asOfLine).toBeNull();
    await check(app2, {
      children: ['Еремеева Ева Олеговна', 'Васильев Василий Андреевич', 'Елисеев Егор Андреевич', 'Ёлкина Снежана Петровна', 'Ефимов Фёдор Ильич', 'Борисова Анна Викторовна', 'Жуков Иван Сергеевич'],
      absent: ['Абрамов', 'Яковлев', 'Григорьева', 'Кузнецов', 'Дмитриев'],
      groups: ['4А класс', '6А класс', '6Б класс', '7Б класс', '8А класс'],
      totals: ['Всего: 7'],
      signature: SIG_A,
    });

    // 3: no attendance in the registry yet: the form with «Сведений нет».
    await check(prep('kstovo-app3', a.id, '2026-10-20'), { children: [], absent: ['Ёлкина', 'Абрамов'], signature: SIG_A, empty: true });

    // 4: the 9th-grade leaver and where he went.
    const app4 = prep('kstovo-app4', a.id, '2026-09-01');
    await check(app4, { children: ['Абрамов Пётр Ильич'], absent: ['Ёлкина', 'Борисова', 'Васильев'], groups: ['2010 год рождения'], totals: ['Всего: 1'], signature: SIG_A });
    expect(app4.groups[0]!.rows[0]![3]).toBe('9А (2026)');
    expect(app4.groups[0]!.rows[0]![5]).toMatch(/«Средняя школа № 2»/u);

    // 5: expelled (to school 2 after 9th grade) and enrolled (from school 2 in January); the class move is neither.
    const app5 = prep('kstovo-app5', a.id, '2026-09-10');
    await check(app5, { children: ['Абрамов Пётр Ильич', 'Борисова Анна Викторовна'], absent: ['Васильев', 'Ёлкина', 'Елисеев'], totals: ['Всего: 1'], signature: SIG_A });
    expect(app5.sections.map((s) => s.rowCount)).toEqual([1, 1]);
    expect(app5.heading.join(' ')).toContain('за период с 01.09.2025 по 10.09.2026');
    const out = app5.sections[0]!.groups[0]!.rows[0]!;
    expect(out.slice(4)).toEqual(['№ 50-о от 25.06.2026', expect.stringMatching(/«Средняя школа № 2» г\. Кстово, г\. Кстово, ул\. Мира, д\. 2$/u), 'окончание 9 класса', 'зачислен(а) № 7 от 01.09.2026']);
    expect(app5.sections[1]!.groups[0]!.rows[0]!.slice(3)).toEqual(['7Б', '№ 3-у от 21.01.2026', expect.stringMatching(/«Средняя школа № 2»/u)]);

    // 6: numbers by form; заочная counted with очно-заочная (and said so); family education with the attesting school.
    const app6 = prep('kstovo-app6', a.id, '2026-09-10');
    await check(app6, { children: [], absent: ['Ёлкина'], totals: ['Итого'], signature: ['Директор', 'М.И. Петрова', 'Дата 03.12.2026'] });
    expect(app6.groups[0]!.rows).toEqual([[a.fullName, 5, 2, 1, 0, 8]]);
    expect(app6.footnotes[0]).toContain('заочной форме: 1 чел.');
    expect(app6.footnotes[1]).toContain('«Очная»: 4 чел.');
    // For the department: a row per school and Итого.
    const all6 = prep('kstovo-app6', department.id, '2026-09-10');
    expect(all6.groups[0]!.rows.map((r) => r.slice(1))).toEqual([
      [5, 2, 1, 0, 8],
      [2, 0, 0, 0, 2],
    ]);
    expect(all6.totals).toEqual([['Итого', 7, 2, 1, 0, 10]]);
    await check(all6, { children: [], absent: ['Ёлкина'], totals: ['Итого 7 2 1 0 10'], signature: ['Директор департамента', 'С.Ю. Кузьмина'] });
  }, 120_000);
});

// ---- ЗАТО Свободный ----------------------------------------------------------------------------------------

async function zato() {
  const w = await setUp('zato-svobodny');
  const { call } = w;
  const orgs = await call('orgs.list', {});
  const school = orgs.find((o) => o.kind === 'school')!;
  const department = orgs.find((o) => o.kind === 'department')!;
  const police = orgs.find((o) => o.kind === 'police')!;
  await call('orgs.update', { id: school.id, headName: 'Карпова Ольга Дмитриевна' });
  await call('orgs.update', { id: department.id, headName: 'Соловьёв Андрей Николаевич' });
  await call('orgs.update', { id: police.id, headName: 'Орлов Игорь Семёнович' });
  const study = (classLabel: string, validFrom = '2025-09-01') => ({ type: 'study' as const, orgId: school.id, classLabel, validFrom, enrolOrderNumber: '15', enrolOrderDate: validFrom });
  const create = (fio: string, birth: string, facts: CallInput<'children.create'>['facts']) => call('children.create', { child: person(fio, birth), facts });
  await create('Ёлкина Снежана Петровна', '2014-02-03', [study('6Б'), { type: 'form', form: 'full_time' }, { type: 'address', kind: 'actual', text: 'п. Свободный, ул. Ленина, д. 1, кв. 2' }]);
  await create('Ершов Егор Ильич', '2013-03-03', [study('7А'), { type: 'form', form: 'part_time', basis: 'заявление родителей', basisDate: '2025-08-25' }]);
  await create('Жилина Жанна Олеговна', '2012-02-02', [study('8А'), { type: 'form', form: 'extramural', basis: 'приказ № 40', basisDate: '2025-08-29' }]);
  await create('Зайцев Захар Петрович', '2015-05-05', [{ type: 'form', form: 'family', basis: 'уведомление родителей', basisDate: '2025-08-20', attestationOrgId: school.id, validFrom: '2025-09-01' }]);
  await create('Ильин Илья Ильич', '2009-09-09', [{ type: 'form', form: 'self', basis: 'заявление', basisDate: '2025-08-21', attestationOrgId: school.id, validFrom: '2025-09-01' }]);
  await create('Капустин Кирилл Олегович', '2016-06-06', [
    { type: 'address', kind: 'registration', text: 'п. Свободный, ул. Карбышева, д. 3, кв. 4' },
    { type: 'address', kind: 'actual', text: 'п. Свободный, ул. Неделина, д. 8' },
  ]);
  await create('Мухина Мария Олеговна', '2021-01-01', []);
  await create('Носов Николай Павлович', '2007-01-01', []);
  const orlova = await create('Орлова Ольга Андреевна', '2015-02-02', [study('5А')]);
  await call('facts.end', { type: 'study', id: orlova.facts.find((f) => f.type === 'study')!.id, validTo: '2026-05-31', leaveReason: 'выбыла' });
  // The police's list of children living without registration: one child not in school.
  const list = await call('intake.grid', {
    orgId: police.id,
    listKind: 'police-unregistered',
    asOf: '2026-08-15',
    rows: [{ surname: 'Лаптев', name: 'Лев', patronymic: 'Романович', birthDate: '04.04.2014', addressActual: 'п. Свободный, ул. Майская, д. 2' }],
  });
  await call('intake.apply', { submissionId: list.id });
  const sqlite = w.ws.require().open.sqlite;
  const profile = findProfile('zato-svobodny')!;
  const prep = (formId: string, orgId: number, asOf: string) => prepareForm(sqlite, profile, formId, { orgId, asOf });
  return { ...w, school, department, police, prep, profile };
}

describe('ЗАТО Свободный: every appendix form', () => {
  it('приложения 1–3 and приложение 1 к Инструкции from the registry, as PDF and XLSX', async () => {
    const { school, department, police, prep, profile } = await zato();
    expect(profile.forms.map((f) => f.id)).toEqual(['zato-app1', 'zato-app2', 'zato-app3', 'zato-instr-app1']);

    // 1: children of school age not in school — for the department every such child, for the police its own.
    const app1 = prep('zato-app1', department.id, '2026-09-05');
    await check(app1, {
      children: ['Лаптев Лев Романович', 'Орлова Ольга Андреевна', 'Капустин Кирилл Олегович'],
      absent: ['Ёлкина', 'Зайцев', 'Ильин', 'Мухина', 'Носов'],
      groups: ['2014 год рождения', '2015 год рождения', '2016 год рождения'],
      totals: ['Всего: 3'],
      signature: ['Начальник отдела', 'А.Н. Соловьёв', 'Дата 03.12.2026'],
    });
    expect(app1.groups[2]!.rows[0]!.slice(3)).toEqual(['п. Свободный, ул. Карбышева, д. 3, кв. 4', 'п. Свободный, ул. Неделина, д. 8']);
    await check(prep('zato-app1', police.id, '2026-09-05'), {
      children: ['Лаптев Лев Романович'],
      absent: ['Орлова', 'Капустин'],
      groups: ['2014 год рождения'],
      totals: ['Всего: 1'],
      signature: ['Начальник отделения', 'И.С. Орлов'],
    });

    // 2: the department's register of forms, grouped by form.
    const app2 = prep('zato-app2', department.id, '2026-09-05');
    await check(app2, {
      children: ['Ёлкина Снежана Петровна', 'Ершов Егор Ильич', 'Жилина Жанна Олеговна', 'Зайцев Захар Петрович', 'Ильин Илья Ильич'],
      absent: ['Капустин', 'Мухина', 'Орлова', 'Лаптев'],
      groups: ['Форма получения образования: очная', 'Форма получения образования: очно-заочная', 'Форма получения образования: заочная', 'Форма получения образования: семейное образование', 'Форма получения образования: самообразование'],
      totals: ['Всего: 5'],
      signature: ['Начальник отдела', 'А.Н. Соловьёв'],
    });
    expect(app2.groups[3]!.rows[0]!.slice(4)).toEqual(['МБОУ «СШ № 25»', null, 'уведомление родителей от 20.08.2025']);

    // 3: the school's numbers by level and form, and its pupils in forms other than очная.
    const app3 = prep('zato-app3', school.id, '2026-09-05');
    await check(app3, {
      children: ['Ершов Егор Ильич', 'Жилина Жанна Олеговна', 'Зайцев Захар Петрович', 'Ильин Илья Ильич'],
      absent: ['Ёлкина', 'Капустин', 'Орлова'],
      totals: ['Итого 1 1 1 1 1 5', 'Всего: 4'],
      signature: ['Директор', 'О.Д. Карпова'],
    });
    expect(app3.sections[0]!.groups[0]!.rows.map((r) => r.slice(1))).toEqual([
      [0, 0, 0, 0, 0, 0],
      [1, 1, 1, 1, 0, 4],
      [0, 0, 0, 0, 1, 1],
    ]);

    // Приложение 1 к Инструкции: no attendance yet.
    await check(prep('zato-instr-app1', school.id, '2026-10-27'), { children: [], absent: ['Ёлкина', 'Ершов'], signature: ['Директор', 'О.Д. Карпова'], empty: true });
  }, 120_000);
});

describe('a long list', () => {
  it('repeats the header on every page, never cuts a row, and keeps the signature with the last rows', async () => {
    const w = await setUp('kstovo');
    const school = await w.call('orgs.add', { kind: 'school', fullName: 'МБОУ «Средняя школа № 3»', shortName: 'СШ № 3', address: '', headPosition: 'Директор', headName: 'Лебедева Анна Петровна' });
    const surnames = ['Антонов', 'Беляев', 'Волков', 'Громов', 'Дроздов', 'Ершов', 'Жаров', 'Зуев', 'Исаев', 'Комаров', 'Лосев', 'Морозов'];
    const names = ['Иван', 'Пётр', 'Олег', 'Глеб', 'Лев', 'Марк', 'Егор', 'Юрий', 'Роман', 'Павел', 'Семён'];
    const fios: string[] = [];
    for (let i = 0; i < 130; i++) {
      const fio = `${surnames[i % 12]} ${names[Math.floor(i / 12)]} Петрович`;
      fios.push(fio);
      await w.call('children.create', {
        child: person(fio, `20${10 + (i % 8)}-0${1 + (i % 9)}-1${i % 10}`),
        facts: [{ type: 'study', orgId: school.id, classLabel: `${1 + (i % 11)}А`, validFrom: '2025-09-01' }, { type: 'address', kind: 'actual', text: `г. Кстово, ул. Очень длинная улица имени героев труда и обороны, д. ${i + 1}, кв. ${i * 3}` }],
      });
    }
    const table = prepareForm(w.ws.require().open.sqlite, findProfile('kstovo')!, 'kstovo-app1', { orgId: school.id, asOf: '2026-02-01' });
    expect(table.childCount).toBe(130);
    const pdf = readPdf(await renderPdf(table, STAMP), 'long-kstovo-app1');
    expect(pdf.pages.length).toBeGreaterThan(4);
    pdf.pages.forEach((page, i) => {
      expect(flat(page), `page ${i + 1}`).toContain('№ п/п');
      expect(flat(page), `page ${i + 1}`).toContain('Дата рождения');
      expect(page).toContain(`Стр. ${i + 1} из ${pdf.pages.length}`);
    });
    for (const fio of fios) expect(count(pdf.flat, fio), fio).toBe(1);
    // A row is never cut: each child's wrapped address is on the same page as the child.
    for (const [i, page] of pdf.pages.entries()) {
      const f = flat(page);
      for (const fio of fios.filter((x) => f.includes(x))) expect(f, `page ${i + 1}`).toContain(fio);
    }
    const numbers = pdf.pages.map((p) => [...flat(p).matchAll(/д\. (\d+), кв\./gu)].length);
    expect(numbers.reduce((s, n) => s + n, 0)).toBe(130);
    const last = flat(pdf.pages.at(-1)!);
    expect(last).toContain('Всего: 130');
    expect(last).toContain('А.П. Лебедева');
    // The last page has table rows above the signature, not the signature alone.
    expect(numbers.at(-1)).toBeGreaterThan(0);
  }, 120_000);
});
