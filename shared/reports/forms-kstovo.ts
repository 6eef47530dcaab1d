import type { FormColumn, FormDef, SignatureDef } from './types';

/** Forms of the Кстово Порядок, приложения 1–6, with the columns exactly as the appendices give them. */

const PORYADOK =
  'к Порядку организации учёта детей, подлежащих обучению образовательным программам дошкольного, начального общего, ' +
  'основного общего и среднего общего образования, а также форм получения образования, определённых родителями ' +
  '(законными представителями) детей на территории Кстовского муниципального округа Нижегородской области';

const attachment = (n: number): string[] => [`Приложение ${n}`, PORYADOK];

const N: FormColumn = { key: 'n', header: '№ п/п', width: 5, kind: 'index' };
const FIO: FormColumn = { key: 'fio', header: 'Фамилия, имя, отчество ребенка (полностью)', width: 26, kind: 'text' };
const BIRTH: FormColumn = { key: 'birthDate', header: 'Дата рождения', width: 11, kind: 'date' };
const ADDRESS: FormColumn = { key: 'address', header: 'Адрес места жительства', width: 26, kind: 'text' };
const CLASS_GROUP: FormColumn = { key: 'classLabel', header: 'Класс/ группа', width: 8, kind: 'text' };

const HEAD_STAMPED: SignatureDef = { signer: 'org-head', fallbackPosition: 'Руководитель организации', stamp: true, date: false };
const HEAD: SignatureDef = { signer: 'org-head', fallbackPosition: 'Руководитель организации', stamp: false, date: false };

export const KSTOVO_FORMS: readonly FormDef[] = [
  {
    id: 'kstovo-app1',
    title: 'Приложение 1. Список детей, проживающих на закреплённой территории',
    basis: 'п. 3.1 (на 1 февраля), п. 2.5, приложение 1',
    orgKinds: ['school'],
    orientation: 'landscape',
    attachment: attachment(1),
    heading: ['Форма списка детей, проживающих на территории, за которой закреплена общеобразовательная организация'],
    orgCaption: '(наименование ОО)',
    asOfLine: true,
    params: { org: 'required', asOfHint: 'на 1 февраля текущего года' },
    sections: [
      {
        columns: [
          N,
          FIO,
          BIRTH,
          ADDRESS,
          { key: 'studiesAt', header: 'Обучающимся (воспитанником) какой образовательной организации является / класс', width: 26, kind: 'text' },
          { key: 'firstGrade', header: 'Будет ли обучаться в 1 классе школы в следующем учебном году', width: 14, kind: 'text' },
        ],
        source: { query: 'territory-children', ageFrom: 5, ageTo: 18 },
        sort: 'name',
        group: 'birth-year',
        listsChildren: true,
      },
    ],
    signature: HEAD_STAMPED,
    dataNote:
      'Закреплённой территории в реестре нет: в список входят дети 5–18 лет, о которых организация сообщила своими списками, и её обучающиеся.',
  },
  {
    id: 'kstovo-app2',
    title: 'Приложение 2. Список обучающихся по классам',
    basis: 'п. 3.1 (на 10 сентября), приложение 2',
    orgKinds: ['school'],
    orientation: 'landscape',
    attachment: attachment(2),
    // The appendix's «по состоянию на 1 сентября текущего года» with the date filled in (п. 3.1 says 10 September):
    // one date on the page, not two that disagree.
    heading: ['Форма списка обучающихся общеобразовательной организации по классам по состоянию на {asOf}'],
    orgCaption: '(наименование ОО)',
    asOfLine: false,
    params: { org: 'required', asOfHint: 'на 1 сентября текущего года' },
    sections: [
      {
        columns: [
          N,
          FIO,
          BIRTH,
          CLASS_GROUP,
          { key: 'enrolOrder', header: 'Приказ о зачислении', width: 16, kind: 'text' },
          ADDRESS,
        ],
        source: { query: 'pupils' },
        sort: 'name',
        group: 'class',
        listsChildren: true,
      },
    ],
    signature: HEAD_STAMPED,
  },
  {
    id: 'kstovo-app3',
    title: 'Приложение 3. Сведения о детях, не посещающих или систематически пропускающих занятия',
    basis: 'п. 3.2 (на 20 число каждого месяца), приложение 3',
    orgKinds: ['school'],
    orientation: 'landscape',
    attachment: attachment(3),
    heading: ['Форма сведений о детях, не посещающих или систематически пропускающих по неуважительным причинам учебные занятия'],
    orgCaption: '(наименование ОО)',
    asOfLine: true,
    params: { org: 'required', asOfHint: 'на 20 число месяца' },
    sections: [
      {
        columns: [
          N,
          FIO,
          BIRTH,
          CLASS_GROUP,
          ADDRESS,
          { key: 'absence', header: 'Не посещает ОО/ систематически пропускает учебные занятия', width: 16, kind: 'text' },
          { key: 'reasonMeasures', header: 'Причина непосещения ОО/ систематических пропусков учебных занятий\\ принимаемые мер', width: 26, kind: 'text' },
        ],
        source: { query: 'truancy' },
        sort: 'name',
        group: 'birth-year',
        listsChildren: true,
      },
    ],
    signature: HEAD,
    dataNote: 'Список составляется по посещаемости за месяц даты формы, внесённой школой (раздел «Посещаемость»); ученик без сведений о посещаемости за этот месяц в список не попадает.',
  },
  {
    id: 'kstovo-app4',
    title: 'Приложение 4. Окончившие 9 класс и продолжение ими образования',
    basis: 'п. 3.2 (на 1 сентября), приложение 4',
    orgKinds: ['school'],
    orientation: 'landscape',
    attachment: attachment(4),
    heading: [
      'Форма списка детей, окончивших обучение по образовательным программам основного общего образования, и сведений о продолжении ими образования в других образовательных организациях',
    ],
    period: 'school-year',
    orgCaption: '(наименование ОО)',
    asOfLine: true,
    params: { org: 'required', asOfHint: 'на 1 сентября текущего года' },
    sections: [
      {
        columns: [
          N,
          FIO,
          BIRTH,
          { key: 'classLabel', header: 'Класс (выпуск)', width: 9, kind: 'text' },
          ADDRESS,
          { key: 'wentTo', header: 'В какую образовательную организацию поступил (полное название)', width: 30, kind: 'text' },
          { key: 'note', header: 'Примечание', width: 16, kind: 'text' },
        ],
        source: { query: 'grade9-leavers' },
        sort: 'name',
        group: 'birth-year',
        listsChildren: true,
      },
    ],
    signature: HEAD,
    dataNote: 'Выпускники 9 классов — по записям об обучении, окончившимся в 9 классе за учебный год; куда поступили — по следующей записи об обучении.',
  },
  {
    id: 'kstovo-app5',
    title: 'Приложение 5. Сведения об отчисленных и зачисленных',
    basis: 'п. 3.2 (на 10 сентября; 9 и 11 классы — на 1 сентября), приложение 5',
    orgKinds: ['school'],
    orientation: 'landscape',
    attachment: attachment(5),
    heading: ['Сведения о детях, отчисленных из общеобразовательной организации и зачисленных в неё', 'за период с {periodFrom} по {asOf}'],
    period: 'school-year',
    orgCaption: '(наименование ОО)',
    asOfLine: false,
    params: { org: 'required', asOfHint: 'на 10 сентября текущего года' },
    sections: [
      {
        heading: 'Форма сведений о детях, отчисленных из общеобразовательной организации',
        columns: [
          N,
          { ...FIO, width: 22 },
          BIRTH,
          CLASS_GROUP,
          { key: 'leaveOrder', header: 'Приказ об отчислении, основание', width: 15, kind: 'text' },
          { key: 'wentTo', header: 'Куда выбыл (ОО с указанием адреса)', width: 22, kind: 'text' },
          { key: 'leaveReason', header: 'Причина отчисления', width: 14, kind: 'text' },
          { key: 'confirmation', header: 'Подтверждение о продолжении образования (не заполняется для отчисленных из ДОО)', width: 18, kind: 'text' },
        ],
        source: { query: 'expelled' },
        sort: 'name',
        group: 'birth-year',
        listsChildren: true,
      },
      {
        heading: 'Форма сведений о детях, зачисленных в общеобразовательную организацию',
        columns: [
          N,
          FIO,
          BIRTH,
          { key: 'classLabel', header: 'Класс', width: 8, kind: 'text' },
          { key: 'enrolOrder', header: 'Приказ о зачислении', width: 16, kind: 'text' },
          { key: 'cameFrom', header: 'В какой образовательной организации получал образование (с указанием адреса ОО)', width: 34, kind: 'text' },
        ],
        source: { query: 'enrolled' },
        sort: 'name',
        group: 'birth-year',
        listsChildren: true,
      },
    ],
    signature: HEAD,
  },
  {
    id: 'kstovo-app6',
    title: 'Приложение 6. Численность обучающихся по формам получения образования',
    basis: 'п. 3.2 (на 10 сентября), приложение 6',
    orgKinds: ['school', 'department'],
    orientation: 'landscape',
    attachment: attachment(6),
    heading: ['Информация', 'о численности детей, обучающихся по каждой форме получения образования,'],
    orgCaption: '(наименование ОО)',
    asOfLine: true,
    params: { org: 'required', asOfHint: 'на 10 сентября текущего года' },
    sections: [
      {
        columns: [
          { key: 'orgName', header: 'Наименование образовательной организации', width: 40, kind: 'text' },
          { key: 'full_time', header: 'Очная', width: 12, kind: 'number', group: 'Численность обучающихся по формам получения образования, чел.' },
          { key: 'part_time', header: 'Очно-заочная', width: 12, kind: 'number', group: 'Численность обучающихся по формам получения образования, чел.' },
          { key: 'family', header: 'Семейное образование', width: 12, kind: 'number', group: 'Численность обучающихся по формам получения образования, чел.' },
          { key: 'self', header: 'Самообразование', width: 12, kind: 'number', group: 'Численность обучающихся по формам получения образования, чел.' },
          { key: 'total', header: 'Итого', width: 12, kind: 'number', group: 'Численность обучающихся по формам получения образования, чел.' },
        ],
        source: { query: 'form-counts-by-org', compulsoryAge: true, forms: ['full_time', 'part_time', 'extramural', 'family', 'self'] },
        sort: 'source',
        group: null,
        totals: { label: 'Итого', sum: ['full_time', 'part_time', 'family', 'self', 'total'] },
        listsChildren: false,
      },
    ],
    signature: { signer: 'org-head', fallbackPosition: 'Руководитель организации', stamp: false, date: true },
    footnotes: [
      'В графе «Очно-заочная» учтены также обучающиеся по заочной форме: {extramural} чел. (форма не имеет отдельной графы для заочной формы).',
      'Учтены дети в возрасте от 6 лет 6 месяцев до 18 лет на дату, не получившие среднего общего образования; обучающиеся, форма обучения которых в реестре не указана, учтены в графе «Очная»: {noForm} чел.',
    ],
  },
  {
    id: 'kstovo-summary',
    title: 'Сводная статистическая отчётность об организациях, реализующих программы общего образования',
    basis: 'п. 4.1.8',
    orgKinds: ['department'],
    orientation: 'landscape',
    attachment: [],
    heading: ['Сводная статистическая отчётность', 'об организациях, реализующих программы общего образования, Кстовского муниципального округа'],
    orgCaption: null,
    asOfLine: true,
    params: { org: 'required', asOfHint: 'на дату отчёта' },
    sections: [
      {
        columns: [
          { key: 'orgName', header: 'Наименование общеобразовательной организации', width: 24, kind: 'text' },
          { key: 'primary', header: 'Начальное общее', width: 8, kind: 'number', group: 'Численность обучающихся по уровням общего образования, чел.' },
          { key: 'basic', header: 'Основное общее', width: 8, kind: 'number', group: 'Численность обучающихся по уровням общего образования, чел.' },
          { key: 'secondary', header: 'Среднее общее', width: 8, kind: 'number', group: 'Численность обучающихся по уровням общего образования, чел.' },
          { key: 'full_time', header: 'Очная', width: 7, kind: 'number', group: 'в том числе по формам получения образования, чел.' },
          { key: 'part_time', header: 'Очно-заочная', width: 9, kind: 'number', group: 'в том числе по формам получения образования, чел.' },
          { key: 'extramural', header: 'Заочная', width: 7, kind: 'number', group: 'в том числе по формам получения образования, чел.' },
          { key: 'family', header: 'Семейное образование', width: 10, kind: 'number', group: 'в том числе по формам получения образования, чел.' },
          { key: 'self', header: 'Самообразование', width: 11, kind: 'number', group: 'в том числе по формам получения образования, чел.' },
          { key: 'total', header: 'Всего', width: 7, kind: 'number' },
        ],
        source: { query: 'counts-by-org-level' },
        sort: 'source',
        group: null,
        totals: { label: 'Итого', sum: ['primary', 'basic', 'secondary', 'full_time', 'part_time', 'extramural', 'family', 'self', 'total'] },
        listsChildren: false,
      },
    ],
    signature: { signer: 'org-head', fallbackPosition: 'Директор департамента', stamp: false, date: true },
    footnotes: ['Обучающиеся без указанной в реестре формы учтены как очная: {noForm} чел.; без указанного класса — по уровню, соответствующему возрасту на 1 сентября.'],
  },
];
