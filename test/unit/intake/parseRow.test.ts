import { describe, expect, it } from 'vitest';
import type { FieldId } from '../../../shared/intake/headers';
import type { CellIssue } from '../../../shared/intake/listRow';
import {
  formatIssue,
  parseBirthCertificate,
  parseClassOrGroup,
  parseGender,
  parseListRow,
  parseOrder,
  splitOrganizationAndClass,
} from '../../../shared/intake/parseRow';

/** One row from {header: value}; the header decides the field, as a recognized list would. */
function row(fields: [FieldId, string, unknown][], options: { referenceYear?: number; asOf?: string } = {}) {
  const mapping: Record<number, FieldId> = {};
  const headers: string[] = [];
  const cells: unknown[] = [];
  fields.forEach(([field, header, value], i) => {
    mapping[i] = field;
    headers.push(header);
    cells.push(value);
  });
  return parseListRow(cells, mapping, headers, { referenceYear: options.referenceYear ?? 2025, ...(options.asOf ? { asOf: options.asOf } : {}) });
}

const FIO = (v: unknown) => ['fio', 'Ф.И.О.', v] as [FieldId, string, unknown];
const BD = (v: unknown) => ['birthDate', 'Дата рождения', v] as [FieldId, string, unknown];
const person = (fio: unknown, bd: unknown = '01.02.2015', extra: [FieldId, string, unknown][] = [], o = {}) => row([FIO(fio), BD(bd), ...extra], o);
const messages = (issues: CellIssue[]) => issues.map((i) => `${i.severity}: ${i.column}: ${i.message}`);

describe('birth dates as people write them', () => {
  it.each([
    ['Excel serial number', 42036],
    ['Excel serial as text (a CSV that lost the format)', '42036'],
    ['ДД.ММ.ГГГГ', '01.02.2015'],
    ['with «г.»', '01.02.2015 г.'],
    ['with «года»', '01.02.2015 года'],
    ['ISO', '2015-02-01'],
    ['a JS Date at UTC midnight from exceljs', new Date(Date.UTC(2015, 1, 1))],
    ['spaces around', '  01.02.2015 '],
    ['with a time part', '01.02.2015 0:00:00'],
    ['in words', '1 февраля 2015 г.'],
  ])('%s', (_, value) => {
    const r = person('Иванов Иван Иванович', value);
    expect(r.values.birthDate).toBe('2015-02-01');
    expect(r.issues).toEqual([]);
  });

  it('«1.2.15»: the year is read against the list year, with a warning', () => {
    const r = person('Иванов Иван Иванович', '1.2.15');
    expect(r.values.birthDate).toBe('2015-02-01');
    expect(r.issues).toEqual([{ column: 'Дата рождения', field: 'birthDate', value: '1.2.15', message: 'год «15» понят как 2015', severity: 'warning' }]);
    // A two-digit year is never read into the future: «1.2.98» in a 2025 list is 1998 (and too old).
    expect(person('Иванов Иван Иванович', '1.2.98').issues[0]!.message).toBe('не похоже на дату рождения ребёнка (больше 25 лет назад)');
  });

  it('reports a bad date about the cell, and formatIssue adds row and column', () => {
    const r = person('Дмитриева Елена Олеговна', '31.02.2015');
    expect(r.values.birthDate).toBeNull();
    expect(r.issues).toEqual([{ column: 'Дата рождения', field: 'birthDate', value: '31.02.2015', message: 'такой даты нет', severity: 'error' }]);
    expect(formatIssue(17, r.issues[0]!)).toBe('Строка 17, «Дата рождения»: «31.02.2015» — такой даты нет');
  });

  it.each([
    ['', 'дата не указана'],
    [null, 'дата не указана'],
    ['2015', 'указан только год, нужна полная дата'],
    [2015, 'указан только год, нужна полная дата'],
    ['весной', 'не похоже на дату'],
    ['15.03', 'не похоже на дату'],
    ['29.02.2015', 'такой даты нет'],
    ['01.13.2015', 'такой даты нет'],
  ])('«%s» → «%s»', (value, message) => {
    const r = person('Иванов Иван Иванович', value);
    expect(r.values.birthDate).toBeNull();
    expect(r.issues.map((i) => [i.severity, i.message])).toEqual([['error', message]]);
  });

  it('a date in the future or more than 25 years ago is not a child’s birth date', () => {
    expect(messages(person('Иванов Иван Иванович', '01.02.2026').issues)).toEqual([
      'error: Дата рождения: не похоже на дату рождения ребёнка (дата в будущем)',
    ]);
    expect(messages(person('Иванов Иван Иванович', '01.02.1999').issues)).toEqual([
      'error: Дата рождения: не похоже на дату рождения ребёнка (больше 25 лет назад)',
    ]);
    // Without the list date only the year is known: the whole of it is allowed.
    expect(person('Иванов Иван Иванович', '31.12.2025').values.birthDate).toBe('2025-12-31');
    expect(person('Иванов Иван Иванович', '01.01.2000').values.birthDate).toBe('2000-01-01');
    // With it, the bounds are exact.
    const asOf = { asOf: '2025-09-01' };
    expect(person('Иванов Иван Иванович', '02.09.2025', [], asOf).issues[0]?.message).toBe('не похоже на дату рождения ребёнка (дата в будущем)');
    expect(person('Иванов Иван Иванович', '01.09.2025', [], asOf).values.birthDate).toBe('2025-09-01');
    expect(person('Иванов Иван Иванович', '31.08.2000', [], asOf).issues[0]?.message).toBe('не похоже на дату рождения ребёнка (больше 25 лет назад)');
    expect(person('Иванов Иван Иванович', '01.09.2000', [], asOf).values.birthDate).toBe('2000-09-01');
  });

  it('a missing birth date column is an error on every row, named by the field', () => {
    const r = row([FIO('Иванов Иван Иванович')]);
    expect(r.issues).toEqual([{ column: 'Дата рождения', field: 'birthDate', value: '', message: 'дата не указана', severity: 'error' }]);
    expect(formatIssue(3, r.issues[0]!)).toBe('Строка 3, «Дата рождения»: дата не указана');
  });
});

describe('ФИО in one column', () => {
  const ivanov = { surname: 'Иванов', name: 'Иван', patronymic: 'Иванович', gender: 'm' };
  it.each([
    ['Фамилия Имя Отчество', 'Иванов Иван Иванович', ivanov],
    ['Имя Отчество Фамилия', 'Иван Иванович Иванов', ivanov],
    ['upper case', 'ИВАНОВ ИВАН ИВАНОВИЧ', ivanov],
    ['lower case', 'иванов иван иванович', ivanov],
    ['extra spaces and a line break', '  Иванов   Иван\nИванович ', ivanov],
    ['ё kept', 'Королёва Алёна Петровна', { surname: 'Королёва', name: 'Алёна', patronymic: 'Петровна', gender: 'f' }],
    ['double surname', 'Петрова-Водкина Анна Сергеевна', { surname: 'Петрова-Водкина', name: 'Анна', patronymic: 'Сергеевна', gender: 'f' }],
    ['double surname, spaces around the hyphen, upper case', 'РИМСКИЙ - КОРСАКОВ НИКОЛАЙ АНДРЕЕВИЧ', { surname: 'Римский-Корсаков', name: 'Николай', gender: 'm' }],
    ['«оглы»', 'Мамедов Эльчин Рашид оглы', { surname: 'Мамедов', name: 'Эльчин', patronymic: 'Рашид оглы', gender: 'm' }],
    ['«кызы»', 'Алиева Айгюль Рашид кызы', { surname: 'Алиева', name: 'Айгюль', patronymic: 'Рашид кызы', gender: 'f' }],
    ['«оглы», name first', 'Эльчин Рашид оглы Мамедов', { surname: 'Мамедов', name: 'Эльчин', patronymic: 'Рашид оглы', gender: 'm' }],
  ])('%s: «%s»', (_, fio, expected) => {
    const r = person(fio);
    expect(r.values).toMatchObject(expected);
    expect(r.issues).toEqual([]);
  });

  it('a patronymic reduced to an initial is kept and warned about', () => {
    const r = person('Сидоров Алексей П.');
    expect(r.values).toMatchObject({ surname: 'Сидоров', name: 'Алексей', patronymic: 'П.', gender: 'm' });
    expect(r.issues).toEqual([{ column: 'Ф.И.О.', field: 'fio', value: 'Сидоров Алексей П.', message: 'отчество указано инициалом', severity: 'warning' }]);
    expect(messages(person('Сидоров А.П.').issues)).toEqual(['warning: Ф.И.О.: имя указано инициалом', 'warning: Ф.И.О.: отчество указано инициалом']);
  });

  it('no patronymic: a warning, not an error', () => {
    const r = person('Петров Пётр');
    expect(r.values).toMatchObject({ surname: 'Петров', name: 'Пётр', patronymic: null });
    expect(messages(r.issues)).toEqual(['warning: Ф.И.О.: отчество не указано']);
  });

  it('a separate «Отчество» column completes «Фамилия, имя»', () => {
    const r = row([['fio', 'Фамилия, имя', 'Петрова Анна'], ['patronymic', 'Отчество', 'сергеевна'], BD('01.02.2015')]);
    expect(r.values).toMatchObject({ surname: 'Петрова', name: 'Анна', patronymic: 'Сергеевна', gender: 'f' });
    expect(r.issues).toEqual([]);
  });

  it('Latin look-alike letters are replaced, with a warning', () => {
    const r = person('Иванoва Мария Петровна'); // Latin «o»
    expect(r.values.surname).toBe('Иванова');
    expect(messages(r.issues)).toEqual(['warning: Ф.И.О.: латинские буквы, похожие на русские, заменены русскими']);
  });

  it.each([
    ['', 'ФИО не указано'],
    [null, 'ФИО не указано'],
    ['Иванов', 'в ФИО одно слово — нужны хотя бы фамилия и имя'],
    ['Иван Иванович', 'в ФИО нет фамилии — только имя и отчество'],
    ['Иванов Иван 2', 'в ФИО есть цифры'],
    ['И. Иван Иванович', 'фамилия указана инициалом'],
  ])('bad ФИО «%s» → «%s»', (fio, message) => {
    const r = person(fio);
    expect(r.values.surname).toBeNull();
    expect(r.issues.map((i) => [i.severity, i.column, i.message])).toEqual([['error', 'Ф.И.О.', message]]);
  });

  it('the exact report lines of a bad row', () => {
    const r = row([['rowNumber', '№ п/п', 4], ['fio', 'Фамилия, имя, отчество ребенка (полностью)', ''], BD('01.01.2015')]);
    expect(r.issues.map((i) => formatIssue(4, i))).toEqual(['Строка 4, «Фамилия, имя, отчество ребенка (полностью)»: ФИО не указано']);
  });
});

describe('separate Фамилия / Имя / Отчество columns', () => {
  const cols = (s: unknown, n: unknown, p: unknown) =>
    row([
      ['name', 'Имя', n],
      ['surname', 'Фамилия', s],
      BD('01.02.2015'),
      ['patronymic', 'Отчество', p],
    ]);

  it('cleans and proper-cases each part, in any column order', () => {
    const r = cols('  ПЕТРОВА-водкина ', 'анна', 'СЕРГЕЕВНА');
    expect(r.values).toMatchObject({ surname: 'Петрова-Водкина', name: 'Анна', patronymic: 'Сергеевна', gender: 'f' });
    expect(r.issues).toEqual([]);
    expect(cols('Мамедов', 'Эльчин', 'Рашид оглы').values).toMatchObject({ patronymic: 'Рашид оглы', gender: 'm' });
  });

  it('«нет фамилии», «нет имени» are errors; a missing patronymic is a warning', () => {
    const r = cols('', '', '');
    expect(r.issues.map((i) => formatIssue(6, i))).toEqual([
      'Строка 6, «Фамилия»: нет фамилии',
      'Строка 6, «Имя»: нет имени',
      'Строка 6, «Отчество»: отчество не указано',
    ]);
    expect(r.issues.map((i) => i.severity)).toEqual(['error', 'error', 'warning']);
  });

  it('initials, digits and Latin letters', () => {
    expect(messages(cols('И.', 'Иван', 'Иванович').issues)).toEqual(['error: Фамилия: фамилия указана инициалом']);
    expect(cols('Иванов', 'И', 'И.').values).toMatchObject({ name: 'И.', patronymic: 'И.' });
    expect(messages(cols('Иванов', 'И', 'И.').issues)).toEqual(['warning: Имя: имя указано инициалом', 'warning: Отчество: отчество указано инициалом']);
    expect(messages(cols('Иванов2', 'Иван', 'Иванович').issues)).toEqual(['error: Фамилия: в фамилии есть цифры']);
    expect(messages(cols('Smith', 'Иван', 'Иванович').issues)).toEqual(['warning: Фамилия: в фамилии есть латинские буквы']);
    expect(cols('Иванoв', 'Иван', 'Иванович').values.surname).toBe('Иванов');
  });

  it('the whole ФИО typed into «Фамилия» is split, with a warning', () => {
    const r = cols('Иванов Иван Иванович', '', '');
    expect(r.values).toMatchObject({ surname: 'Иванов', name: 'Иван', patronymic: 'Иванович' });
    expect(messages(r.issues)).toEqual(['warning: Фамилия: в столбце фамилии записано всё ФИО — разделено на фамилию, имя и отчество']);
  });

  it('no name column at all is reported by the field’s label', () => {
    const r = row([BD('01.02.2015')]);
    expect(messages(r.issues)).toEqual(['error: Фамилия: нет фамилии', 'error: Имя: нет имени']);
  });
});

describe('gender', () => {
  it.each([
    ['м', 'm'],
    ['М.', 'm'],
    ['муж', 'm'],
    ['муж.', 'm'],
    ['мужской', 'm'],
    ['Мальчик', 'm'],
    ['M', 'm'],
    ['ж', 'f'],
    ['Ж', 'f'],
    ['жен.', 'f'],
    ['женский', 'f'],
    ['девочка', 'f'],
    ['F', 'f'],
  ])('«%s» → %s', (text, sex) => expect(parseGender(text)).toBe(sex));

  it('the column wins over the name; an empty or unknown one is guessed from the name', () => {
    const g = (v: string, fio = 'Иванов Иван Иванович') => person(fio, '01.02.2015', [['gender', 'Пол', v]]);
    expect(g('ж').values.gender).toBe('f');
    expect(g('').values.gender).toBe('m');
    expect(g('', 'Смирнова Никита').values.gender).toBe('m');
    const unknown = g('?', 'Петрова Анна Сергеевна');
    expect(unknown.values.gender).toBe('f');
    expect(messages(unknown.issues)).toEqual(['warning: Пол: пол не понят (ожидается «м» или «ж»), определён по имени']);
  });
});

describe('СНИЛС', () => {
  const s = (v: unknown) => person('Иванов Иван Иванович', '01.02.2015', [['snils', 'СНИЛС', v]]);
  it('stores 11 digits from any spelling', () => {
    expect(s('112-233-445 95').values.snils).toBe('11223344595');
    expect(s('11223344595').values.snils).toBe('11223344595');
    expect(s('112 233 445 95').values.snils).toBe('11223344595');
    // A number cell lost the leading zero.
    expect(s(1234567819).values.snils).toBe('01234567819');
    expect(s('').values.snils).toBeNull();
    expect(s('').issues).toEqual([]);
  });
  it('reports a wrong one with the validator’s message', () => {
    expect(s('112-233-445 96').issues.map((i) => formatIssue(2, i))).toEqual(['Строка 2, «СНИЛС»: «112-233-445 96» — Неверное контрольное число СНИЛС']);
    expect(messages(s('112-233-445').issues)).toEqual(['error: СНИЛС: СНИЛС должен состоять из 11 цифр (например, 123-456-789 64)']);
  });
});

describe('birth certificate', () => {
  it.each([
    ['II-ИК 123456', 'II-ИК', '123456'],
    ['II ИК № 123456', 'II-ИК', '123456'],
    ['ii-ик123456', 'II-ИК', '123456'],
    ['IIИК№123456', 'II-ИК', '123456'],
    ['ІІ-ОН 654321', 'II-ОН', '654321'], // Cyrillic І
    ['II-ИK 123456', 'II-ИК', '123456'], // Latin K
    ['св-во II-ИК 123456 от 05.02.2015', 'II-ИК', '123456'],
  ])('«%s»', (text, series, number) => expect(parseBirthCertificate(text)).toEqual({ series, number }));

  it('anything else stays in the notes, with a warning', () => {
    const r = person('Иванов Иван Иванович', '01.02.2015', [['birthCertificate', 'Свидетельство о рождении', 'AZ 12345']]);
    expect(r.values).toMatchObject({ birthCertSeries: null, birthCertNumber: null, notes: 'Свидетельство о рождении: AZ 12345' });
    expect(r.issues.map((i) => i.severity)).toEqual(['warning']);
  });
});

describe('addresses, class, order, form, notes', () => {
  it('keeps the three addresses as text, spaces collapsed', () => {
    const r = person('Иванов Иван Иванович', '01.02.2015', [
      ['addressRegistration', 'Адрес регистрации', '  г. Кстово,\n ул. Ленина,  д. 1 '],
      ['addressActual', 'Адрес фактического места проживания', 'г. Кстово,\u00a0ул. Мира, д. 2'],
      ['addressResidence', 'Адрес места жительства', '   '],
    ]);
    expect(r.values).toMatchObject({ addressRegistration: 'г. Кстово, ул. Ленина, д. 1', addressActual: 'г. Кстово, ул. Мира, д. 2', addressResidence: null });
  });

  it.each([
    ['5Б', '5Б'],
    ['5 б', '5Б'],
    ['10-а', '10А'],
    ['5 «Б»', '5Б'],
    ['5Б класс', '5Б'],
    ['11', '11'],
    [7, '7'],
    ['5B', '5В'], // Latin B is read as В, like everywhere else
    ['Подготовительная', 'Подготовительная'],
    ['2 младшая группа', '2 младшая группа'],
    ['старшая  группа', 'старшая группа'],
  ])('class/group «%s» → «%s»', (text, label) => {
    const r = person('Иванов Иван Иванович', '01.02.2015', [['classOrGroup', 'Класс/ группа', text]]);
    expect(r.values.classLabel).toBe(label);
    expect(r.issues).toEqual([]);
  });

  it('an unknown class is kept in the notes, with a warning', () => {
    const r = person('Иванов Иван Иванович', '01.02.2015', [['classOrGroup', 'Класс', '15Я']]);
    expect(r.values).toMatchObject({ classLabel: null, notes: 'Класс/группа: 15Я' });
    expect(r.issues.map((i) => i.severity)).toEqual(['warning']);
    expect(parseClassOrGroup('')).toBeNull();
    // Group words inside an organization's name do not make it a group.
    expect(parseClassOrGroup('Средняя школа № 3')).toBeNull();
    expect(parseClassOrGroup('МБДОУ старшая')).toBeNull();
    expect(parseClassOrGroup('Комбинированная группа')).toBe('Комбинированная группа');
    expect(parseClassOrGroup('средняя')).toBe('средняя');
  });

  it.each([
    ['№ 12-у от 28.08.2025', '12-у', '2025-08-28'],
    ['Пр. 12 от 28.08.25', '12', '2025-08-28'],
    ['приказ от 01.09.2025 № 45/1-о', '45/1-о', '2025-09-01'],
    ['Приказ № 112 от 1 сентября 2025 г.', '112', '2025-09-01'],
    ['ОД-15, 01.09.2025', 'ОД-15', '2025-09-01'],
    ['12-у', '12-у', null],
    ['01.09.2025', null, '2025-09-01'],
    [new Date(Date.UTC(2025, 8, 1)), null, '2025-09-01'],
    [15, '15', null],
  ])('enrolment order «%s»', (text, number, date) => {
    const r = person('Иванов Иван Иванович', '01.02.2015', [['enrolmentOrder', 'Приказ о зачислении', text]]);
    expect(r.values).toMatchObject({ enrolOrderNumber: number, enrolOrderDate: date });
    expect(r.issues).toEqual([]);
  });

  it('an order with an impossible date, and one with neither number nor date', () => {
    expect(parseOrder('№ 5 от 31.02.2025', 2025)).toEqual({ number: '5', date: null, dateError: 'такой даты нет' });
    const bad = person('Иванов Иван Иванович', '01.02.2015', [['enrolmentOrder', 'Приказ о зачислении', '№ 5 от 31.02.2025']]);
    expect(messages(bad.issues)).toEqual(['warning: Приказ о зачислении: дата приказа: такой даты нет']);
    const none = person('Иванов Иван Иванович', '01.02.2015', [['enrolmentOrder', 'Приказ о зачислении', 'зачислен']]);
    expect(none.values.notes).toBe('Приказ о зачислении: зачислен');
    expect(none.issues.map((i) => i.severity)).toEqual(['warning']);
  });

  it('a separate «Дата зачисления» column fills the order date', () => {
    const r = person('Иванов Иван Иванович', '01.02.2015', [
      ['enrolmentOrder', 'Приказ о зачислении', '№ 7'],
      ['enrolmentDate', 'Дата зачисления', 45901],
    ]);
    expect(r.values).toMatchObject({ enrolOrderNumber: '7', enrolOrderDate: '2025-09-01' });
  });

  it.each([
    ['очная', 'full_time'],
    ['Очно-заочная', 'part_time'],
    ['заочная', 'extramural'],
    ['семейное образование', 'family'],
    ['Семейная форма', 'family'],
    ['самообразование', 'self'],
  ])('education form «%s»', (text, form) => {
    expect(person('Иванов Иван Иванович', '01.02.2015', [['educationForm', 'Форма обучения', text]]).values.educationForm).toBe(form);
  });

  it('an unknown education form is a warning and stays in the notes', () => {
    const r = person('Иванов Иван Иванович', '01.02.2015', [['educationForm', 'Форма обучения', 'дистант']]);
    expect(r.values).toMatchObject({ educationForm: null, notes: 'Форма обучения: дистант' });
    expect(r.issues.map((i) => i.severity)).toEqual(['warning']);
  });

  it.each([
    ['МБОУ СОШ № 3 / 5Б', 'МБОУ СОШ № 3', '5Б'],
    ['МБОУ СОШ № 3, 5 класс', 'МБОУ СОШ № 3', '5'],
    ['МБОУ СОШ № 3 5 «А» класс', 'МБОУ СОШ № 3', '5А'],
    ['5Б, МБОУ СОШ № 3', 'МБОУ СОШ № 3', '5Б'],
    ['МБДОУ д/с № 5 «Солнышко» / подготовительная группа', 'МБДОУ д/с № 5 «Солнышко»', 'подготовительная группа'],
    ['МБДОУ д/с № 5', 'МБДОУ д/с № 5', null],
    ['не обучается', 'не обучается', null],
    ['7 В', null, '7В'],
  ])('organization and class «%s»', (text, organization, classLabel) => {
    expect(splitOrganizationAndClass(text)).toEqual({ organization, classLabel });
  });

  it('organization and class go to classLabel and notes; the rest of the columns to notes with their labels', () => {
    const r = row([
      ['rowNumber', '№ п/п', 1],
      FIO('Иванов Иван Иванович'),
      BD('01.02.2015'),
      ['organizationAndClass', 'Обучающимся (воспитанником) какой образовательной организации является / класс', 'МБОУ СОШ № 3 / 5Б'],
      ['nextYearFirstGrade', 'Будет ли обучаться в 1 классе школы в следующем учебном году', 'нет'],
      ['phone', 'Телефон', '8 (831) 000-00-00'],
      ['expulsionDate', 'Дата выбытия', 45901],
      ['notes', 'Примечание', 'многодетная семья'],
    ]);
    expect(r.values.classLabel).toBe('5Б');
    expect(r.values.notes).toBe(
      'Образовательная организация: МБОУ СОШ № 3; Будет ли обучаться в 1 классе в следующем учебном году: нет; Телефон: +7 831 000-00-00; Дата отчисления: 01.09.2025; многодетная семья',
    );
    expect(r.issues).toEqual([]);
  });
});

describe('cells as readers give them', () => {
  it('reads exceljs rich text, formula results and hyperlinks', () => {
    const r = row([
      ['fio', 'Ф.И.О.', { richText: [{ text: 'Иванов ' }, { text: 'Иван Иванович' }] }],
      ['birthDate', 'Дата рождения', { formula: 'DATE(2015,2,1)', result: new Date(Date.UTC(2015, 1, 1)) }],
      ['addressRegistration', 'Адрес регистрации', { text: 'г. Кстово', hyperlink: 'https://example.org' }],
    ]);
    expect(r.values).toMatchObject({ surname: 'Иванов', patronymic: 'Иванович', birthDate: '2015-02-01', addressRegistration: 'г. Кстово' });
    expect(r.issues).toEqual([]);
  });

  it('shows a Date cell as ДД.ММ.ГГГГ in an issue', () => {
    const r = person('Иванов Иван Иванович', new Date(Date.UTC(2030, 0, 1)));
    expect(formatIssue(1, r.issues[0]!)).toBe('Строка 1, «Дата рождения»: «01.01.2030» — не похоже на дату рождения ребёнка (дата в будущем)');
  });

  it('reads the first non-empty of two columns given the same field', () => {
    const r = parseListRow(['', 'Иванов Иван Иванович', '01.02.2015'], { 0: 'fio', 1: 'fio', 2: 'birthDate' }, ['ФИО', 'ФИО (полностью)', 'Д.р.'], {
      referenceYear: 2025,
    });
    expect(r.values.surname).toBe('Иванов');
  });

  it('a column without header text is named by its field', () => {
    const r = parseListRow(['Иванов Иван Иванович', '31.02.2015'], { 0: 'fio', 1: 'birthDate' }, ['Ф.И.О.', ''], { referenceYear: 2025 });
    expect(formatIssue(9, r.issues[0]!)).toBe('Строка 9, «Дата рождения»: «31.02.2015» — такой даты нет');
  });
});
