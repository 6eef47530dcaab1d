/**
 * Lists as they really arrive, written to disk and read back: .xlsx made by exceljs in the
 * layouts of the regulations' appendix forms (title rows, merged headers, «№ п/п», a
 * numbering row, «Итого», the signature block), CSV written byte by byte in UTF-8 with and
 * without BOM and in Windows-1251, with «;», «,» and tab; and the files that cannot be read.
 * All people here are made up.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/api/errors';
import type { FieldId } from '../../shared/intake/headers';
import { formatIssue, parseListRow } from '../../shared/intake/parseRow';
import { FILE_LIMITS, LIMIT_ERRORS } from '../../electron/services/intake/fileLimits';
import { extractList, FILE_ERRORS, readListFile, type ListFile } from '../../electron/services/intake/readFile';
import { XmlMalformed, XmlScanner } from '../../electron/services/intake/xml';
import { peakRssDuring, xfdWorkbook, zipBomb } from './hostileFiles';

const dir = mkdtempSync(join(tmpdir(), 'uchet-intake-files-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes the bytes to a file and reads the file back, as the app receives it. */
async function roundTrip(fileName: string, bytes: Buffer | Uint8Array): Promise<ListFile> {
  const path = join(dir, fileName);
  writeFileSync(path, bytes);
  return readListFile(readFileSync(path), fileName);
}

async function xlsxBytes(build: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function failure(p: Promise<unknown>): Promise<ApiError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(ApiError);
  expect((e as ApiError).code).toBe('VALIDATION');
  return e as ApiError;
}

/** Windows-1251 for the test files: Node encodes only UTF-8/16 and Latin-1. */
function cp1251(text: string): Buffer {
  const out: number[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0) as number;
    if (c < 0x80) out.push(c);
    else if (c >= 0x410 && c <= 0x44f) out.push(c - 0x410 + 0xc0); // А..я
    else if (c === 0x401) out.push(0xa8); // Ё
    else if (c === 0x451) out.push(0xb8); // ё
    else if (c === 0x2116) out.push(0xb9); // №
    else if (c === 0xab || c === 0xbb || c === 0xa0) out.push(c); // « » nbsp
    else if (c === 0x2013) out.push(0x96); // –
    else if (c === 0x2014) out.push(0x97); // —
    else throw new Error(`no cp1251 byte for «${ch}»`);
  }
  return Buffer.from(out);
}

const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));
const parseAll = (list: ReturnType<typeof extractList>, referenceYear = 2025) =>
  list.dataRows.map((r) => ({ ...r, ...parseListRow(r.cells, list.mapping, list.headers, { referenceYear }) }));

describe('cp1251 test encoder', () => {
  it('round-trips through the decoder the reader uses', () => {
    const s = 'Ёлкина Алёна «Я» № 5 — АБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдежзийклмнопрстуфхцчшщъыьэюяё';
    expect(new TextDecoder('windows-1251').decode(cp1251(s))).toBe(s);
  });
});

describe('Кстово, приложение 2: title rows, a two-row merged header, «№ п/п», «Итого», signature', () => {
  const build = (wb: ExcelJS.Workbook) => {
    const ws = wb.addWorksheet('Лист1');
    ws.getCell('E1').value = 'Приложение 2';
    ws.getCell('E2').value = 'к Порядку организации учёта детей, подлежащих обучению образовательным программам';
    ws.getCell('E3').value = 'от _____ № _____';
    ws.getCell('A5').value = 'Форма списка обучающихся общеобразовательной организации по классам по состоянию на 1 сентября текущего года,';
    ws.mergeCells('A5:G5');
    ws.getCell('A6').value = 'МБОУ «Средняя школа № 3»';
    ws.mergeCells('A6:G6');
    ws.getCell('A7').value = '(наименование ОО)';
    ws.mergeCells('A7:G7');
    // Rows 9–10: the header. «Адрес места жительства» is merged over two sub-columns.
    const top: [string, string][] = [
      ['A9', '№ п/п'],
      ['B9', 'Фамилия, имя, отчество ребенка (полностью)'],
      ['C9', 'Дата рождения'],
      ['D9', 'Класс/ группа'],
      ['E9', 'Приказ о зачислении'],
      ['F9', 'Адрес места жительства'],
    ];
    for (const [addr, text] of top) ws.getCell(addr).value = text;
    for (const c of 'ABCDE') ws.mergeCells(`${c}9:${c}10`);
    ws.mergeCells('F9:G9');
    ws.getCell('F10').value = 'регистрации';
    ws.getCell('G10').value = 'фактического проживания';
    ws.getRow(11).values = [1, 2, 3, 4, 5, 6, 7];
    const rows: unknown[][] = [
      [1, 'Абрамова Алиса Сергеевна', utc(2015, 2, 1), '5А', '№ 12-у от 28.08.2023', 'г. Кстово, ул. Ленина, д. 1, кв. 1', 'г. Кстово, ул. Ленина, д. 1, кв. 1'],
      [2, 'БЕЛОВ ИВАН ПЕТРОВИЧ', '03.04.2014', '6 Б', 'Пр. 15 от 30.08.22', 'г. Кстово,  ул. Мира,\nд. 7', null],
      [3, 'Виктор Андреевич Гусев', '1.2.15', '5А', '12-у', 'г. Кстово, пл. Ленина, д. 3', null],
      [],
      [4, 'Дмитриева  Елена   Олеговна', '31.02.2015', '5А', null, 'с. Безводное, ул. Садовая, д. 9', null],
      [5, 'Егоров Захар Ильич', 42036, '5А', null, 'с. Безводное, ул. Садовая, д. 10', null],
      [6, 'Жукова Зоя Игоревна', '2015-02-01', '7В', null, 'д. Запрудное, д. 1', null],
      [7, 'Жуков Зиновий Игоревич', '01.02.2015 г.', null, null, 'д. Запрудное, д. 1', null],
    ];
    rows.forEach((r, i) => (ws.getRow(12 + i).values = r as ExcelJS.CellValue[]));
    ws.mergeCells('D18:D19'); // the class of two pupils in one merged cell
    ws.getCell('C12').numFmt = 'dd.mm.yyyy'; // C17 stays a bare serial number, as when the format was lost
    ws.getCell('A20').value = 'Итого: 7 обучающихся';
    ws.getCell('A22').value = 'Руководитель организации ____________ Ф.И.О.';
    ws.mergeCells('A22:G22');
    ws.getCell('B23').value = '(подпись)';
    ws.getCell('A25').value = 'М.П.';
  };

  it('reads the sheet, joins the merged header and fills it across, keeps Excel dates as Dates', async () => {
    const file = await roundTrip('Список СШ 3 на 01.09.xlsx', await xlsxBytes(build));
    expect(file).toMatchObject({ format: 'xlsx', sheetName: 'Лист1' });
    expect(file.rows[11]?.[2]).toEqual(utc(2015, 2, 1));
    expect(file.rows[16]?.[2]).toBe(42036);
    // The merged group header is copied over the second column; the title line is not.
    expect(file.rows[8]?.[6]).toBe('Адрес места жительства');
    expect(file.rows[4]?.slice(1).every((v) => v === null)).toBe(true);
    // The class merged over two pupils belongs to both.
    expect(file.rows[18]?.[3]).toBe('7В');

    const list = extractList(file.rows);
    expect(list).toMatchObject({ headerRowIndex: 8, headerRowCount: 2 });
    expect(list.headers.slice(5)).toEqual(['Адрес места жительства | регистрации', 'Адрес места жительства | фактического проживания']);
    expect(list.mapping).toEqual({
      0: 'rowNumber',
      1: 'fio',
      2: 'birthDate',
      3: 'classOrGroup',
      4: 'enrolmentOrder',
      5: 'addressRegistration',
      6: 'addressActual',
    } satisfies Record<number, FieldId>);
    // Row numbers as a person counts under the header: the numbering row is not counted, the blank line is.
    expect(list.dataRows.map((r) => [r.dataRowNo, r.fileRowNo])).toEqual([
      [1, 12],
      [2, 13],
      [3, 14],
      [5, 16],
      [6, 17],
      [7, 18],
      [8, 19],
    ]);
    expect(list.skipped).toEqual([
      { fileRowNo: 11, kind: 'numbering' },
      { fileRowNo: 15, kind: 'blank' },
      { fileRowNo: 20, kind: 'total' },
      { fileRowNo: 22, kind: 'signature' },
      { fileRowNo: 23, kind: 'signature' },
      { fileRowNo: 25, kind: 'signature' },
    ]);
  });

  it('parses every row, and reports the bad one by its number under the header', async () => {
    const list = extractList((await roundTrip('Список СШ 3.xlsx', await xlsxBytes(build))).rows);
    const rows = parseAll(list);
    const v = (n: number) => rows.find((r) => r.dataRowNo === n)!.values;
    expect(v(1)).toMatchObject({
      surname: 'Абрамова',
      name: 'Алиса',
      patronymic: 'Сергеевна',
      birthDate: '2015-02-01',
      gender: 'f',
      classLabel: '5А',
      enrolOrderNumber: '12-у',
      enrolOrderDate: '2023-08-28',
      addressRegistration: 'г. Кстово, ул. Ленина, д. 1, кв. 1',
      addressActual: 'г. Кстово, ул. Ленина, д. 1, кв. 1',
    });
    expect(v(2)).toMatchObject({
      surname: 'Белов',
      name: 'Иван',
      birthDate: '2014-04-03',
      classLabel: '6Б',
      enrolOrderNumber: '15',
      enrolOrderDate: '2022-08-30',
      addressRegistration: 'г. Кстово, ул. Мира, д. 7',
      addressActual: null,
    });
    expect(v(3)).toMatchObject({ surname: 'Гусев', name: 'Виктор', patronymic: 'Андреевич', birthDate: '2015-02-01', enrolOrderNumber: '12-у' });
    expect(rows.find((r) => r.dataRowNo === 3)!.issues).toEqual([
      { column: 'Дата рождения', field: 'birthDate', value: '1.2.15', message: 'год «15» понят как 2015', severity: 'warning' },
    ]);
    expect(v(5)).toMatchObject({ surname: 'Дмитриева', name: 'Елена', patronymic: 'Олеговна', birthDate: null });
    const bad = rows.find((r) => r.dataRowNo === 5)!;
    expect(bad.issues.map((i) => formatIssue(bad.dataRowNo, i))).toEqual(['Строка 5, «Дата рождения»: «31.02.2015» — такой даты нет']);
    expect(v(6)).toMatchObject({ surname: 'Егоров', birthDate: '2015-02-01', gender: 'm' });
    expect(v(7)).toMatchObject({ surname: 'Жукова', birthDate: '2015-02-01', classLabel: '7В' });
    expect(v(8)).toMatchObject({ surname: 'Жуков', birthDate: '2015-02-01', classLabel: '7В', gender: 'm' });
    expect(rows.filter((r) => r.issues.some((i) => i.severity === 'error')).map((r) => r.dataRowNo)).toEqual([5]);
  });
});

describe('ЗАТО Свободный, приложение 1', () => {
  const HEADER = ['N п/п', 'Ф.И.О.', 'Дата рождения', 'Адрес регистрации', 'Адрес фактического места проживания'];
  const PEOPLE = [
    ['1', 'Мамедов Эльчин Рашид оглы', '14.05.2012', 'п. Свободный, ул. Ленина, д. 20, кв. 4', 'п. Свободный, ул. Ленина, д. 20, кв. 4'],
    ['2', 'Алиева Айгюль Рашид кызы', '02.11.2013', 'п. Свободный, ул. Ленина, д. 20, кв. 4', ''],
    ['3', 'сидоров пётр а.', '07.07.2014', '', 'п. Свободный, ул. Карбышева, д. 5'],
  ];

  it('reads the form as an .xlsx from the police', async () => {
    const file = await roundTrip(
      'ПДН сведения.xlsx',
      await xlsxBytes((wb) => {
        const ws = wb.addWorksheet('Сведения');
        ws.addRow(['Приложение 1']);
        ws.addRow(['к Порядку ведения учета детей, подлежащих обучению по образовательным программам начального общего, основного общего и среднего общего образования']);
        ws.addRow([]);
        ws.addRow(['Сведения']);
        ws.addRow(['о детях, достигших школьного возраста,']);
        ws.addRow(['не обучающихся в общеобразовательных учреждениях']);
        ws.addRow([]);
        ws.addRow(['Наименование организации ОП МО МВД России «Верхнесалдинский»']);
        ws.addRow(HEADER);
        for (const p of PEOPLE) ws.addRow(p.map((c) => (c === '' ? null : c)));
        ws.addRow([]);
        ws.addRow(['Начальник ОП ____________ (подпись)', null, '(расшифровка)']);
      }),
    );
    const list = extractList(file.rows);
    expect(list.headerRowIndex).toBe(8);
    expect(list.mapping).toEqual({ 0: 'rowNumber', 1: 'fio', 2: 'birthDate', 3: 'addressRegistration', 4: 'addressActual' });
    expect(list.dataRows.map((r) => r.dataRowNo)).toEqual([1, 2, 3]);
    const rows = parseAll(list);
    expect(rows[0]!.values).toMatchObject({ surname: 'Мамедов', name: 'Эльчин', patronymic: 'Рашид оглы', gender: 'm', birthDate: '2012-05-14' });
    expect(rows[1]!.values).toMatchObject({ surname: 'Алиева', patronymic: 'Рашид кызы', gender: 'f', addressActual: null });
    expect(rows[2]!.values).toMatchObject({ surname: 'Сидоров', name: 'Пётр', patronymic: 'А.', addressRegistration: null });
    expect(rows[2]!.issues.map((i) => [i.severity, i.message])).toEqual([['warning', 'отчество указано инициалом']]);
  });

  it('reads the same form as CSV in UTF-8 with BOM, «;», CR LF', async () => {
    const lines = [
      'Сведения о детях, достигших школьного возраста, не обучающихся в общеобразовательных учреждениях;;;;',
      'Наименование организации: ГАУЗ СО «Центральная городская больница»;;;;',
      HEADER.join(';'),
      ...PEOPLE.map((p) => p.join(';')),
      ';;;;',
      'Главный врач;______;;И.И. Петров;',
    ];
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(lines.join('\r\n') + '\r\n', 'utf8')]);
    const file = await roundTrip('больница.csv', bytes);
    expect(file).toMatchObject({ format: 'csv', encoding: 'utf-8', separator: ';' });
    expect(file.rows[0]?.[0]).toBe('Сведения о детях, достигших школьного возраста, не обучающихся в общеобразовательных учреждениях');
    const list = extractList(file.rows);
    expect(list.headerRowIndex).toBe(2);
    expect(list.headers).toEqual(HEADER);
    expect(parseAll(list).map((r) => [r.dataRowNo, r.fileRowNo, r.values.surname, r.values.birthDate])).toEqual([
      [1, 4, 'Мамедов', '2012-05-14'],
      [2, 5, 'Алиева', '2013-11-02'],
      [3, 6, 'Сидоров', '2014-07-07'],
    ]);
    expect(list.skipped).toEqual([
      { fileRowNo: 7, kind: 'blank' },
      { fileRowNo: 8, kind: 'signature' },
    ]);
  });
});

describe('separate Фамилия / Имя / Отчество columns in another order', () => {
  it('reads them, with sex, СНИЛС and birth certificate, on the second sheet after an instruction', async () => {
    const file = await roundTrip(
      'миграционный пункт.xlsx',
      await xlsxBytes((wb) => {
        wb.addWorksheet('Инструкция').addRow(['Заполните лист «Дети» по образцу.']);
        const ws = wb.addWorksheet('Дети');
        ws.addRow(['Список детей в возрасте от 6,5 до 18 лет, зарегистрированных по месту жительства (пребывания)']);
        ws.addRow(['Имя', 'Фамилия', 'Дата рождения', 'Отчество', 'Пол', 'СНИЛС', 'Свидетельство о рождении', 'Адрес места жительства']);
        ws.addRow(['Анна', 'ПЕТРОВА-ВОДКИНА', utc(2016, 3, 8), 'Сергеевна', 'ж', '112-233-445 95', 'II-ИК 123456', 'г. Кстово, ул. Победы, д. 2']);
        ws.addRow(['иван', 'Иванoв', '15.09.2013', '', 'муж.', '112-233-445 96', 'IIИК № 654321', '']);
        ws.addRow([' Тимур ', 'Ахмедов', '20.10.2011', 'Русланович', '', '', 'AZ 12345', '']);
      }),
    );
    expect(file.sheetName).toBe('Дети');
    const list = extractList(file.rows);
    expect(list.mapping).toEqual({
      0: 'name',
      1: 'surname',
      2: 'birthDate',
      3: 'patronymic',
      4: 'gender',
      5: 'snils',
      6: 'birthCertificate',
      7: 'addressResidence',
    });
    const [a, b, c] = parseAll(list);
    expect(a!.values).toMatchObject({
      surname: 'Петрова-Водкина',
      name: 'Анна',
      patronymic: 'Сергеевна',
      birthDate: '2016-03-08',
      gender: 'f',
      snils: '11223344595',
      birthCertSeries: 'II-ИК',
      birthCertNumber: '123456',
      addressResidence: 'г. Кстово, ул. Победы, д. 2',
    });
    expect(a!.issues).toEqual([]);
    // A Latin «o» in «Иванoв» is fixed, the СНИЛС check number is wrong.
    expect(b!.values).toMatchObject({ surname: 'Иванов', name: 'Иван', patronymic: null, gender: 'm', snils: null, birthCertSeries: 'II-ИК' });
    expect(b!.issues.map((i) => formatIssue(2, i))).toEqual([
      'Строка 2, «Фамилия»: «Иванoв» — латинские буквы, похожие на русские, заменены русскими',
      'Строка 2, «Отчество»: отчество не указано',
      'Строка 2, «СНИЛС»: «112-233-445 96» — Неверное контрольное число СНИЛС',
    ]);
    expect(b!.issues.map((i) => i.severity)).toEqual(['warning', 'warning', 'error']);
    // A foreign certificate is kept in the notes for the person.
    expect(c!.values).toMatchObject({ name: 'Тимур', gender: 'm', birthCertSeries: null, notes: 'Свидетельство о рождении: AZ 12345' });
  });
});

describe('CSV as other programs write it', () => {
  it('UTF-8 without BOM, «,», quoted fields with commas, quotes and line breaks', async () => {
    const text =
      '№ п/п,"Фамилия, имя, отчество ребенка (полностью)",Дата рождения,Адрес места жительства,Класс/ группа\n' +
      '1,"Иванов Иван Иванович",01.02.2015,"г. Кстово, ул. Ленина,\nд. 5, кв. 2",5А\n' +
      '2,"Кузнецова Анастасия Павловна",2015-03-04,"г. Кстово, ул. ""Заречная"", д. 11",5 "А"\n' +
      '3,Лебедев Лев Львович,42037,"д. Ближнее Борисово, ул. Новая, д. 1",Подготовительная\n';
    const file = await roundTrip('список.csv', Buffer.from(text, 'utf8'));
    expect(file).toMatchObject({ format: 'csv', encoding: 'utf-8', separator: ',' });
    const list = extractList(file.rows);
    expect(list.headers[1]).toBe('Фамилия, имя, отчество ребенка (полностью)');
    expect(list.mapping).toEqual({ 0: 'rowNumber', 1: 'fio', 2: 'birthDate', 3: 'addressResidence', 4: 'classOrGroup' });
    // A line break inside quotes does not make a new row.
    expect(list.dataRows.map((r) => [r.dataRowNo, r.fileRowNo])).toEqual([
      [1, 2],
      [2, 3],
      [3, 4],
    ]);
    const rows = parseAll(list);
    expect(rows[0]!.values).toMatchObject({ surname: 'Иванов', birthDate: '2015-02-01', addressResidence: 'г. Кстово, ул. Ленина, д. 5, кв. 2', classLabel: '5А' });
    expect(rows[1]!.values).toMatchObject({ surname: 'Кузнецова', birthDate: '2015-03-04', addressResidence: 'г. Кстово, ул. "Заречная", д. 11', classLabel: '5А' });
    expect(rows[2]!.values).toMatchObject({ surname: 'Лебедев', birthDate: '2015-02-02', classLabel: 'Подготовительная' });
  });

  it('Windows-1251 with tab, title rows, «Итого» and signature', async () => {
    const text = [
      'Список обучающихся МБОУ «СШ № 25» по состоянию на 01.09.2025',
      '',
      '№\tФамилия\tИмя\tОтчество\tДата рождения\tКласс\tФорма обучения',
      '1\tЁлкина\tСнежана\tПетровна\t03.02.2014\t6А\tочная',
      '2\tЩукин\tЮрий\tЭдуардович\t1.2.15\t5Б\tсемейное образование',
      '3\tЯковлева\tЭльвира\t\t31.02.2015\t5Б\tочно-заочная',
      '\t\t\t\t\t\t',
      'Итого\t3',
      'Директор\t______\tА.Б. Соколова',
    ].join('\r\n');
    const file = await roundTrip('СШ25.txt', cp1251(text));
    expect(file).toMatchObject({ format: 'csv', encoding: 'windows-1251', separator: '\t' });
    const list = extractList(file.rows);
    expect(list).toMatchObject({ headerRowIndex: 2, headerRowCount: 1 });
    expect(list.dataRows.map((r) => r.dataRowNo)).toEqual([1, 2, 3]);
    expect(list.skipped).toEqual([
      { fileRowNo: 7, kind: 'blank' },
      { fileRowNo: 8, kind: 'total' },
      { fileRowNo: 9, kind: 'signature' },
    ]);
    const rows = parseAll(list);
    expect(rows.map((r) => r.values.surname)).toEqual(['Ёлкина', 'Щукин', 'Яковлева']);
    expect(rows.map((r) => r.values.educationForm)).toEqual(['full_time', 'family', 'part_time']);
    expect(rows[1]!.values.birthDate).toBe('2015-02-01');
    expect(rows[2]!.issues.map((i) => formatIssue(3, i))).toEqual([
      'Строка 3, «Отчество»: отчество не указано',
      'Строка 3, «Дата рождения»: «31.02.2015» — такой даты нет',
    ]);
  });

  it('UTF-16 with tabs («Текст Юникод» from Excel) and a «sep=;» line', async () => {
    const body = 'Ф.И.О.\tДата рождения\r\nОрлова Ольга Олеговна\t05.06.2016\r\n';
    const utf16 = await roundTrip('юникод.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(body, 'utf16le')]));
    expect(utf16).toMatchObject({ encoding: 'utf-16le', separator: '\t' });
    expect(extractList(utf16.rows).dataRows[0]!.cells).toEqual(['Орлова Ольга Олеговна', '05.06.2016']);

    const withSep = await roundTrip('excel.csv', Buffer.from('sep=;\r\nФ.И.О.;Дата рождения\r\nОрлова Ольга Олеговна;05.06.2016\r\n', 'utf8'));
    expect(withSep.separator).toBe(';');
    expect(extractList(withSep.rows)).toMatchObject({ headerRowIndex: 0, dataRows: [{ dataRowNo: 1, fileRowNo: 2 }] });
  });

  it('tells the format by content: a CSV named .xlsx is read as CSV', async () => {
    const file = await roundTrip('на самом деле csv.xlsx', Buffer.from('Ф.И.О.;Дата рождения\nОрлова Ольга Олеговна;05.06.2016\n', 'utf8'));
    expect(file).toMatchObject({ format: 'csv', separator: ';' });
  });
});

describe('the table inside the rows', () => {
  it('goes on after a class subtotal, skips a repeated header and a template numbered further than filled', async () => {
    const file = await roundTrip(
      'по классам.xlsx',
      await xlsxBytes((wb) => {
        const ws = wb.addWorksheet('Лист1');
        ws.addRow(['№ п/п', 'Ф.И.О.', 'Дата рождения', 'Класс']);
        ws.addRow([1, 'Анисимов Артём Андреевич', '01.03.2015', '5А']);
        ws.addRow(['Итого по 5А: 1']);
        ws.addRow(['№ п/п', 'Ф.И.О.', 'Дата рождения', 'Класс']);
        ws.addRow([2, 'Борисова Бэлла Борисовна', '02.04.2014', '6А']);
        ws.addRow([3]);
        ws.addRow([4]);
        ws.addRow(['Всего: 2']);
        ws.addRow(['Исполнитель ______ т. 8-800-000-00-00']);
      }),
    );
    const list = extractList(file.rows);
    expect(list.dataRows.map((r) => [r.dataRowNo, r.cells[1]])).toEqual([
      [1, 'Анисимов Артём Андреевич'],
      [4, 'Борисова Бэлла Борисовна'],
    ]);
    expect(list.skipped).toEqual([
      { fileRowNo: 3, kind: 'total' },
      { fileRowNo: 4, kind: 'header' },
      { fileRowNo: 6, kind: 'blank' },
      { fileRowNo: 7, kind: 'blank' },
      { fileRowNo: 8, kind: 'total' },
      { fileRowNo: 9, kind: 'signature' },
    ]);
  });

  it('uses a saved mapping instead of the recognized one', async () => {
    const file = await roundTrip('сохранённое.csv', Buffer.from('Ф.И.О.;Дата рождения;Прим.\nОрлова Ольга Олеговна;05.06.2016;5А\n', 'utf8'));
    const list = extractList(file.rows, { mapping: { 0: 'fio', 1: 'birthDate', 2: 'classOrGroup' } });
    expect(list.mapping).toEqual({ 0: 'fio', 1: 'birthDate', 2: 'classOrGroup' });
    expect(parseAll(list)[0]!.values.classLabel).toBe('5А');
  });

  it('says what it needs when no header is found', async () => {
    const file = await roundTrip('без шапки.csv', Buffer.from('Орлова Ольга Олеговна;05.06.2016\nПетров Пётр;01.01.2015\n', 'utf8'));
    expect(() => extractList(file.rows)).toThrow(
      'В файле не найдена строка заголовков: нужны хотя бы «Ф.И.О.» (или «Фамилия», «Имя») и «Дата рождения»',
    );
    expect(() => extractList(file.rows)).toThrow(ApiError);
  });
});

describe('files that cannot be read get a message saying what to do', () => {
  const ole = (extra = Buffer.alloc(0)) =>
    Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504), extra]);

  it('old .xls', async () => {
    const e = await failure(roundTrip('Список.xls', ole(Buffer.from('Workbook', 'utf16le'))));
    expect(e.message).toBe('Файл «Список.xls» — старый формат Excel. Откройте его в Excel и сохраните как «Книга Excel (*.xlsx)», затем загрузите снова.');
  });

  it('a password-protected .xlsx (Excel wraps it in the old container)', async () => {
    const e = await failure(roundTrip('Список.xlsx', ole(Buffer.from('EncryptionInfo', 'utf16le'))));
    expect(e.message).toBe(FILE_ERRORS.encrypted('Список.xlsx'));
    expect(e.message).toMatch(/защищён паролем/);
  });

  it('an empty file', async () => {
    expect((await failure(roundTrip('пусто.csv', Buffer.alloc(0)))).message).toBe(
      'Файл «пусто.csv» пустой. Проверьте, что выбран нужный файл, и загрузите его снова.',
    );
    expect((await failure(roundTrip('пробелы.csv', Buffer.from(' \r\n\r\n', 'utf8')))).message).toBe(FILE_ERRORS.empty('пробелы.csv'));
  });

  it('PDF', async () => {
    const e = await failure(roundTrip('скан.pdf', Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj\n', 'latin1')));
    expect(e.message).toBe(
      'Файл «скан.pdf» — PDF, список из него не прочитать. Попросите организацию прислать файл Excel (.xlsx) или CSV, либо введите список вручную: «Списки» → «Ввести бумажный список».',
    );
  });

  it('images, a damaged OpenDocument, Word, archives, web pages', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
    expect((await failure(roundTrip('фото.png', png))).message).toBe(FILE_ERRORS.image('фото.png'));
    expect((await failure(roundTrip('скан.jpg', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10])))).message).toBe(FILE_ERRORS.image('скан.jpg'));
    const zip = (...names: string[]) => Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(26), ...names.map((n) => Buffer.from(n, 'latin1'))]);
    // An .ods is read (intake-ods.test.ts); one that is only its name is damaged.
    expect((await failure(roundTrip('список.ods', zip('mimetypeapplication/vnd.oasis.opendocument.spreadsheet')))).message).toBe(
      FILE_ERRORS.odsDamaged('список.ods'),
    );
    expect((await failure(roundTrip('список.docx', zip('[Content_Types].xml', 'word/document.xml')))).message).toBe(FILE_ERRORS.word('список.docx'));
    expect((await failure(roundTrip('списки.zip', zip('список.xlsx')))).message).toBe(FILE_ERRORS.archive('списки.zip'));
    expect((await failure(roundTrip('выгрузка.xls', Buffer.from('<html><body><table><tr><td>Ф.И.О.</td></tr></table>', 'utf8')))).message).toBe(
      FILE_ERRORS.webPage('выгрузка.xls'),
    );
    expect((await failure(roundTrip('битый.bin', Buffer.from([1, 2, 0, 0, 5, 6])))).message).toBe(FILE_ERRORS.unknown('битый.bin'));
  });

  it('a CSV with a quote opened and never closed', async () => {
    const e = await failure(roundTrip('кавычки.csv', Buffer.from('Ф.И.О.;Дата рождения\n"Орлова Ольга;05.06.2016\nПетров Пётр;01.01.2015\n', 'utf8')));
    expect(e.message).toBe(
      'Файл «кавычки.csv» не удалось разобрать как CSV (в одной из ячеек открыта кавычка, которая нигде не закрыта). Откройте его в Excel и сохраните как «Книга Excel (*.xlsx)», затем загрузите снова.',
    );
  });

  it('a damaged .xlsx', async () => {
    const good = await xlsxBytes((wb) => wb.addWorksheet('Лист1').addRow(['Ф.И.О.', 'Дата рождения']));
    const e = await failure(roundTrip('оборван.xlsx', good.subarray(0, Math.floor(good.length / 2))));
    expect(e.message).toBe(FILE_ERRORS.damaged('оборван.xlsx'));
  });
});

describe('files made to take the memory are read within limits (issue 7)', () => {
  const errorOf = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e);

  it('a 200 KB workbook with a cell in column XFD on every row: the far cells are ignored, never built', async () => {
    const bytes = xfdWorkbook();
    expect(bytes.length).toBeGreaterThan(150_000);
    expect(bytes.length).toBeLessThan(250_000);
    const { result: file, peakMiB } = await peakRssDuring(() => readListFile(bytes, 'xfd.xlsx'));
    // Before: 16,384 cells per row, 1.5 GiB for 88 KB and out of memory near 200 KB.
    expect(peakMiB).toBeLessThan(100);
    expect(Math.max(...file.rows.map((r) => r.length))).toBeLessThanOrEqual(FILE_LIMITS.columns);
    const list = extractList(file.rows);
    expect(list.dataRows.map((r) => r.cells[1])).toEqual(['Алексеева Мария Петровна', 'Борисов Илья Андреевич', 'Васильева Ольга Игоревна']);
  });

  it('a zip bomb (a 300 MB sheet packed into a few hundred KB) is refused by its declared size, before unpacking', async () => {
    const bytes = await zipBomb(300);
    expect(bytes.length).toBeLessThan(2 * 1024 * 1024);
    const { result: err, peakMiB } = await peakRssDuring(() => errorOf(readListFile(bytes, 'бомба.xlsx')));
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).message).toBe(LIMIT_ERRORS.unpackedTooLarge('бомба.xlsx'));
    expect((err as ApiError).message).toMatch(/«бомба\.xlsx» в распакованном виде больше 256 МБ/);
    expect(peakMiB).toBeLessThan(100);
  });

  it('a zip bomb that declares a few KB is stopped as soon as it unpacks past what it declared', async () => {
    const bytes = await zipBomb(300, true);
    const { result: err, peakMiB } = await peakRssDuring(() => errorOf(readListFile(bytes, 'бомба.xlsx')));
    expect((err as ApiError).message).toBe(LIMIT_ERRORS.unpackedTooLarge('бомба.xlsx'));
    expect(peakMiB).toBeLessThan(100);
  });

  it('a cell of 250 MB within the unpacked limit keeps at most what Excel can hold in a cell', async () => {
    const bytes = await zipBomb(250);
    const { result: file, peakMiB } = await peakRssDuring(() => readListFile(bytes, 'длинная.xlsx'));
    expect(file.rows).toHaveLength(1);
    expect((file.rows[0]![0] as string).length).toBe(32_767);
    expect(peakMiB).toBeLessThan(100);
  });

  it('rows below the limit, too many sheets, a CSV too large: refused, saying which limit, in which file and sheet', async () => {
    const deep = await xlsxBytes((wb) => {
      const ws = wb.addWorksheet('Ученики');
      ws.addRow(['Ф.И.О.', 'Дата рождения']);
      ws.getCell(FILE_LIMITS.rows + 1, 1).value = 'Кто-то внизу';
    });
    expect((await failure(readListFile(deep, 'глубокая.xlsx'))).message).toBe(LIMIT_ERRORS.tooManyRows('глубокая.xlsx', 'Ученики'));
    expect(LIMIT_ERRORS.tooManyRows('глубокая.xlsx', 'Ученики')).toMatch(/листе «Ученики» книги «глубокая\.xlsx» заполнены строки ниже 200\s000-й/);

    const wide = await xlsxBytes((wb) => {
      for (let i = 1; i <= FILE_LIMITS.sheets + 1; i++) wb.addWorksheet(`Лист${i}`);
    });
    expect((await failure(readListFile(wide, 'листы.xlsx'))).message).toBe(LIMIT_ERRORS.tooManySheets('листы.xlsx', FILE_LIMITS.sheets + 1));

    const csv = Buffer.alloc(FILE_LIMITS.csvBytes + 1, 'а;');
    expect((await failure(readListFile(csv, 'большой.csv'))).message).toMatch(/«большой\.csv» занимает 100 МБ — больше предела для CSV \(100 МБ\)/);
  });
});

describe('the XML scanner under the workbook reader', () => {
  it('gives the same tags and text whether the XML comes whole or a byte at a time (tags, entities, CDATA, UTF-8 split across chunks)', () => {
    const xml = Buffer.from(
      '<?xml version="1.0"?><!-- «комментарий» --><x:sheetData xmlns:x="urn:x"><row r="2"><c r="B2" t="inlineStr" note="a > b"><is><t>Ёлкина &amp; Co &#1025;&#x451;</t></is></c>' +
        '<c r="C2"/><c r="D2"><v><![CDATA[<42>]]></v></c></row></x:sheetData>',
      'utf8',
    );
    const record = (chunks: Buffer[]) => {
      const events: string[] = [];
      let text = '';
      const flush = () => {
        if (text) events.push(`text:${text}`);
        text = '';
      };
      const scanner = new XmlScanner({
        open: (name, attrs, selfClosing) => (flush(), events.push(`open:${name}:${JSON.stringify(attrs)}:${selfClosing}`)),
        close: (name) => (flush(), events.push(`close:${name}`)),
        text: (t) => (text += t),
      });
      for (const c of chunks) scanner.write(c);
      scanner.end();
      flush();
      return events;
    };
    const whole = record([xml]);
    expect(record([...xml].map((b) => Buffer.from([b])))).toEqual(whole);
    expect(whole).toContain('text:Ёлкина & Co Ёё');
    expect(whole).toContain('text:<42>');
    expect(whole).toContain(`open:c:${JSON.stringify({ r: 'B2', t: 'inlineStr', note: 'a > b' })}:false`);
    expect(whole).toContain('open:sheetData:{"xmlns:x":"urn:x"}:false');
    expect(() => record([Buffer.from('<row><c r="A1"')])).toThrow(XmlMalformed);
  });
});
