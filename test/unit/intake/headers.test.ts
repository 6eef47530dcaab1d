import { describe, it, expect } from 'vitest';
import {
  HEADER_FIELDS,
  FIELD_LABELS,
  recognizeHeader,
  recognizeHeaderRow,
  classifyDataRow,
  normalizeHeaderText,
  cellText,
  type FieldId,
} from '../../../shared/intake/headers';

describe('recognizeHeader', () => {
  it('recognizes every listed spelling as its own field', () => {
    for (const rule of HEADER_FIELDS) {
      for (const example of rule.examples) {
        expect(recognizeHeader(example), example).toBe(rule.field);
      }
    }
  });

  it('has a label for every field', () => {
    for (const rule of HEADER_FIELDS) expect(FIELD_LABELS[rule.field]).toBe(rule.label);
  });

  // Every column header of the appendix forms of both regulations.
  const KSTOVO: Record<string, FieldId> = {
    '№ п/п': 'rowNumber',
    'Фамилия, имя, отчество ребенка (полностью)': 'fio',
    'Дата рождения': 'birthDate',
    'Адрес места жительства': 'addressResidence',
    'Обучающимся (воспитанником) какой образовательной организации является / класс': 'organizationAndClass',
    'Будет ли обучаться в 1 классе школы в следующем учебном году': 'nextYearFirstGrade',
    'Класс/ группа': 'classOrGroup',
    'Приказ о зачислении': 'enrolmentOrder',
    'Не посещает ОО/ систематически пропускает учебные занятия': 'attendanceStatus',
    'Причина непосещения ОО/ систематических пропусков учебных занятий\\ принимаемые мер': 'reason',
    'Класс (выпуск)': 'classOrGroup',
    'В какую образовательную организацию поступил (полное название)': 'continuedAt',
    'Примечание': 'notes',
    'Приказ об отчислении, основание': 'expulsionOrder',
    'Куда выбыл (ОО с указанием адреса)': 'leftTo',
    'Причина отчисления': 'reason',
    'Подтверждение о продолжении образования (не заполняется для отчисленных из ДОО)': 'continuationConfirmed',
    'Класс': 'classOrGroup',
    'В какой образовательной организации получал образование (с указанием адреса ОО)': 'previousOrganization',
    'Наименование образовательной организации': 'organization',
  };
  const ZATO: Record<string, FieldId> = {
    'N п/п': 'rowNumber',
    'Ф.И.О.': 'fio',
    'Дата рождения': 'birthDate',
    'Адрес регистрации': 'addressRegistration',
    'Адрес фактического места проживания': 'addressActual',
  };

  it('recognizes the Кстово appendix forms', () => {
    for (const [text, field] of Object.entries(KSTOVO)) expect(recognizeHeader(text), text).toBe(field);
  });

  it('recognizes the ЗАТО Свободный appendix form', () => {
    for (const [text, field] of Object.entries(ZATO)) expect(recognizeHeader(text), text).toBe(field);
  });

  it('ignores case, ё, punctuation and line breaks inside a cell', () => {
    expect(recognizeHeader('ФАМИЛИЯ,\nИМЯ,\r\nОТЧЕСТВО РЕБЁНКА')).toBe('fio');
    expect(recognizeHeader('  дата\n рождения ')).toBe('birthDate');
    expect(recognizeHeader('Ф. И. О.')).toBe('fio');
    expect(recognizeHeader('фио')).toBe('fio');
    expect(recognizeHeader('№\nп/п')).toBe('rowNumber');
  });

  it('tells a parent’s ФИО from the child’s', () => {
    expect(recognizeHeader('ФИО родителя (законного представителя)')).toBe('parents');
    expect(recognizeHeader('ФИО ребенка')).toBe('fio');
  });

  it('does not take a birth place or a certificate for a birth date', () => {
    expect(recognizeHeader('Место рождения')).toBeNull();
    expect(recognizeHeader('Свидетельство о рождении')).toBe('birthCertificate');
  });

  it('returns null for unknown or empty headers', () => {
    expect(recognizeHeader('Любимый цвет')).toBeNull();
    expect(recognizeHeader('')).toBeNull();
    expect(recognizeHeader('   ')).toBeNull();
  });
});

describe('normalizeHeaderText and cellText', () => {
  it('normalizes', () => {
    expect(normalizeHeaderText('Ф.И.О.')).toBe('фио');
    expect(normalizeHeaderText('N п/п')).toBe('№ пп');
    expect(normalizeHeaderText('Адрес | регистрации')).toBe('адрес регистрации');
    expect(normalizeHeaderText('Ребёнок')).toBe('ребенок');
  });

  it('reads exceljs cell value shapes', () => {
    expect(cellText(null)).toBe('');
    expect(cellText(5)).toBe('5');
    expect(cellText({ richText: [{ text: 'Дата ' }, { text: 'рождения' }] })).toBe('Дата рождения');
    expect(cellText({ formula: 'A1', result: 'Итого' })).toBe('Итого');
    expect(cellText({ text: 'ссылка', hyperlink: 'mailto:x' })).toBe('ссылка');
    expect(cellText(new Date(Date.UTC(2015, 1, 1)))).toBe('2015-02-01');
  });
});

describe('recognizeHeaderRow', () => {
  it('finds the header of the Кстово appendix 2 form under its title rows', () => {
    const rows: unknown[][] = [
      ['Форма списка обучающихся общеобразовательной организации по классам по состоянию на 1 сентября текущего года'],
      [],
      ['МБОУ «Тестовая школа № 1»'],
      ['(наименование ОО)'],
      ['№ п/п', 'Фамилия, имя, отчество ребенка (полностью)', 'Дата рождения', 'Класс/ группа', 'Приказ о зачислении', 'Адрес места жительства'],
      [1, 'Тарасов Глеб Андреевич', 41599, '5А', '№ 12 от 01.09.2020', 'ул. Полевая, 8-41'],
    ];
    const r = recognizeHeaderRow(rows);
    expect(r).not.toBeNull();
    expect(r?.headerRowIndex).toBe(4);
    expect(r?.headerRowCount).toBe(1);
    expect(r?.mapping).toEqual({
      0: 'rowNumber',
      1: 'fio',
      2: 'birthDate',
      3: 'classOrGroup',
      4: 'enrolmentOrder',
      5: 'addressResidence',
    });
    expect(r?.unknownColumns).toEqual([]);
  });

  it('ignores the title «Наименование организации ____» of the ЗАТО Свободный form', () => {
    const rows: unknown[][] = [
      ['Сведения о детях, достигших школьного возраста, не обучающихся в общеобразовательных учреждениях'],
      ['Наименование организации ___________________________________'],
      ['N п/п', 'Ф.И.О.', 'Дата рождения', 'Адрес регистрации', 'Адрес фактического места проживания'],
      ['1', '2', '3', '4', '5'],
      ['1', 'Ёлкина Алёна Сергеевна', '07.03.2015', 'ул. Садовая, д. 14, кв. 3', 'ул. Садовая, д. 14, кв. 3'],
    ];
    const r = recognizeHeaderRow(rows);
    expect(r?.headerRowIndex).toBe(2);
    expect(r?.headerRowCount).toBe(1);
    expect(r?.mapping).toEqual({ 0: 'rowNumber', 1: 'fio', 2: 'birthDate', 3: 'addressRegistration', 4: 'addressActual' });
  });

  it('joins a header merged over two rows («Адрес | регистрации»)', () => {
    // As a reader without merge info returns it: a merged cell's text is in its first cell only.
    const rows: unknown[][] = [
      ['Список детей'],
      ['№ п/п', 'Ф.И.О.', 'Дата рождения', 'Адрес', null, 'Примечание'],
      [null, null, null, 'регистрации', 'фактического проживания', null],
      [1, 'Тарасов Глеб Андреевич', new Date(Date.UTC(2013, 10, 21)), 'ул. Полевая, 8-41', '', ''],
    ];
    const r = recognizeHeaderRow(rows);
    expect(r?.headerRowIndex).toBe(1);
    expect(r?.headerRowCount).toBe(2);
    expect(r?.mapping).toEqual({ 0: 'rowNumber', 1: 'fio', 2: 'birthDate', 3: 'addressRegistration', 4: 'addressActual', 5: 'notes' });
    expect(r?.headers).toEqual(['№ п/п', 'Ф.И.О.', 'Дата рождения', 'Адрес | регистрации', 'Адрес | фактического проживания', 'Примечание']);
  });

  it('maps separate Фамилия / Имя / Отчество under a merged «ФИО»', () => {
    const rows: unknown[][] = [
      ['№', 'ФИО', null, null, 'Дата рождения'],
      [null, 'Фамилия', 'Имя', 'Отчество', null],
      [1, 'Ёлкина', 'Алёна', 'Сергеевна', '07.03.2015'],
    ];
    const r = recognizeHeaderRow(rows);
    expect(r?.headerRowCount).toBe(2);
    expect(r?.mapping).toEqual({ 0: 'rowNumber', 1: 'surname', 2: 'name', 3: 'patronymic', 4: 'birthDate' });
  });

  it('keeps a parent column under a merged «Сведения о родителях»', () => {
    const rows: unknown[][] = [
      ['ФИО ребенка', 'Дата рождения', 'Сведения о родителях', null],
      [null, null, 'ФИО', 'Телефон'],
    ];
    const r = recognizeHeaderRow(rows);
    expect(r?.mapping).toEqual({ 0: 'fio', 1: 'birthDate', 2: 'parents', 3: 'phone' });
  });

  it('keeps sub-headers that add no known field under a merged group header', () => {
    const rows: unknown[][] = [
      ['ФИО', 'Дата рождения', 'Форма обучения', null],
      [null, null, 'очная', 'заочная'],
      ['Тарасов Глеб Андреевич', '21.11.2013', '+', ''],
    ];
    const r = recognizeHeaderRow(rows);
    expect(r?.headerRowCount).toBe(2);
    expect(r?.mapping).toEqual({ 0: 'fio', 1: 'birthDate', 2: 'educationForm' });
    expect(r?.unknownColumns).toEqual([3]);
  });

  it('does not glue the first data row onto a header', () => {
    const rows: unknown[][] = [
      ['Фамилия', 'Имя', 'Отчество', 'Дата рождения', 'Пол'],
      ['Ёлкина', 'Алёна', 'Сергеевна', '07.03.2015', 'ж'],
    ];
    const r = recognizeHeaderRow(rows);
    expect(r?.headerRowCount).toBe(1);
    expect(r?.mapping).toEqual({ 0: 'surname', 1: 'name', 2: 'patronymic', 3: 'birthDate', 4: 'gender' });
  });

  it('reports unknown and repeated columns', () => {
    const rows: unknown[][] = [['ФИО', 'Дата рождения', 'Любимый цвет', 'Адрес', 'Адрес', null]];
    const r = recognizeHeaderRow(rows);
    expect(r?.mapping).toEqual({ 0: 'fio', 1: 'birthDate', 3: 'addressResidence' });
    expect(r?.unknownColumns).toEqual([2, 4]);
  });

  it('finds no header when no row names a person field', () => {
    expect(recognizeHeaderRow([])).toBeNull();
    expect(recognizeHeaderRow([['Наименование организации'], ['Примечание', 'Класс']])).toBeNull();
    expect(recognizeHeaderRow([['Тарасов Глеб', '21.11.2013']])).toBeNull();
  });

  it('only looks at the first rows', () => {
    const rows: unknown[][] = [...Array.from({ length: 5 }, () => ['заголовок']), ['ФИО', 'Дата рождения']];
    expect(recognizeHeaderRow(rows, { maxScanRows: 3 })).toBeNull();
    expect(recognizeHeaderRow(rows)?.headerRowIndex).toBe(5);
  });
});

describe('classifyDataRow', () => {
  it('sees data', () => {
    expect(classifyDataRow([1, 'Тарасов Глеб Андреевич', 41599, '5А'])).toBe('data');
    expect(classifyDataRow(['Директоров Иван Петрович', '01.02.2015'])).toBe('data');
    expect(classifyDataRow([null, 'Итогова Анна', '01.02.2015'])).toBe('data');
  });

  it('sees blank rows, including underscores and dashes', () => {
    expect(classifyDataRow([])).toBe('blank');
    expect(classifyDataRow([null, '', '   ', undefined])).toBe('blank');
    expect(classifyDataRow(['_______', '—'])).toBe('blank');
  });

  it('sees totals', () => {
    expect(classifyDataRow(['Итого', null, 25])).toBe('total');
    expect(classifyDataRow([null, 'ВСЕГО: 25 человек'])).toBe('total');
    expect(classifyDataRow(['Итого:'])).toBe('total');
  });

  it('sees signature lines', () => {
    expect(classifyDataRow(['Руководитель организации _____ Ф.И.О.'])).toBe('signature');
    expect(classifyDataRow([null, 'Руководитель организации', '_________', 'Ф.И.О.'])).toBe('signature');
    expect(classifyDataRow(['(подпись)'])).toBe('signature');
    expect(classifyDataRow(['М.П.'])).toBe('signature');
    expect(classifyDataRow(['МП'])).toBe('signature');
    expect(classifyDataRow(['Дата ________'])).toBe('signature');
    expect(classifyDataRow(['Подпись _____'])).toBe('signature');
    expect(classifyDataRow(['Директор', 'Петрова Н.В.'])).toBe('signature');
    expect(classifyDataRow(['Исполнитель: Сидорова А.А., тел. 8-800-000-00-00'])).toBe('signature');
  });

  it('sees the column-numbering row under a header', () => {
    expect(classifyDataRow(['1', '2', '3', '4', '5'])).toBe('numbering');
    expect(classifyDataRow([1, 2, 3, 4, 5, 6, 7])).toBe('numbering');
    expect(classifyDataRow([1, 2, 4])).toBe('data');
    expect(classifyDataRow([1, 2])).toBe('data');
  });
});
