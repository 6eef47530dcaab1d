import type { FormColumn, FormDef } from './types';

/**
 * Forms of the ЗАТО Свободный Порядок. Приложение 1 has its columns in the text; приложения 2, 3 and
 * приложение 1 к Инструкции are named without columns — designed from the text and the matching Кстово forms
 * (README, «Формы отчётов», says why each column is there).
 */

const PORYADOK =
  'к Порядку ведения учета детей, подлежащих обучению по образовательным программам начального общего, основного общего ' +
  'и среднего общего образования и ведения учета форм получения образования, определенных родителями (законными ' +
  'представителями) детей, проживающих на территории городского округа ЗАТО Свободный';

const INSTRUCTION =
  'к Инструкции о порядке ведения учета несовершеннолетних, не обучающихся в общеобразовательном учреждении или ' +
  'систематически пропускающих по неуважительной причине учебные занятия и организации работы по сохранению контингента';

const N: FormColumn = { key: 'n', header: 'N п/п', width: 5, kind: 'index' };
const FIO: FormColumn = { key: 'fio', header: 'Ф.И.О.', width: 26, kind: 'text' };
const BIRTH: FormColumn = { key: 'birthDate', header: 'Дата рождения', width: 11, kind: 'date' };
const ACTUAL: FormColumn = { key: 'actualAddress', header: 'Адрес фактического места проживания', width: 26, kind: 'text' };
const FORM_GROUP = 'Численность обучающихся по формам получения образования, чел.';

export const ZATO_SVOBODNY_FORMS: readonly FormDef[] = [
  {
    id: 'zato-app1',
    title: 'Приложение 1. Дети школьного возраста, не обучающиеся в общеобразовательных учреждениях',
    basis: 'п. 2.5, приложение 1',
    orgKinds: ['department', 'school', 'kindergarten', 'police', 'migration', 'social', 'hospital', 'commission', 'other'],
    orientation: 'landscape',
    attachment: ['Приложение 1', PORYADOK],
    heading: ['Сведения', 'о детях, достигших школьного возраста, не обучающихся в общеобразовательных учреждениях'],
    orgCaption: 'Наименование организации',
    asOfLine: true,
    params: { org: 'required', asOfHint: 'на дату представления сведений' },
    sections: [
      {
        columns: [N, { ...FIO, width: 30 }, BIRTH, { key: 'registrationAddress', header: 'Адрес регистрации', width: 27, kind: 'text' }, { ...ACTUAL, width: 27 }],
        source: { query: 'not-in-school' },
        sort: 'name',
        group: 'birth-year',
        listsChildren: true,
      },
    ],
    signature: { signer: 'org-head', fallbackPosition: 'Руководитель учреждения (организации)', stamp: true, date: true },
    dataNote:
      'Дети от 6 лет 6 месяцев до 18 лет без среднего общего образования, у которых на дату нет обучения в общеобразовательной или профессиональной организации, семейного образования или самообразования, освобождения по состоянию здоровья или пребывания в реабилитационном центре — тот же список, что на экране «Не обучаются» (дети до 8 лет, ещё посещающие ДОО, не включаются). Для органа управления образованием — все такие дети округа; для школы — живущие на её территории и те, о ком она сообщила; для иной организации — те, о ком она сообщила.',
  },
  {
    id: 'zato-app2',
    title: 'Приложение 2. Учёт форм получения образования',
    basis: 'п. 3.2.8, приложение 2',
    orgKinds: ['department'],
    orientation: 'landscape',
    attachment: ['Приложение 2', PORYADOK],
    heading: [
      'Учет форм получения образования, определенных родителями (законными представителями) детей, имеющих право на получение общего образования каждого уровня и проживающих на территории городского округа ЗАТО Свободный',
    ],
    orgCaption: null,
    asOfLine: true,
    params: { org: 'required', asOfHint: 'на дату' },
    sections: [
      {
        columns: [
          N,
          FIO,
          BIRTH,
          { ...ACTUAL, width: 22 },
          { key: 'org', header: 'Общеобразовательное учреждение (для семейного образования и самообразования — учреждение, в котором проходит аттестацию)', width: 21, kind: 'text' },
          { key: 'classLabel', header: 'Класс', width: 6, kind: 'text' },
          // Wide enough for «Заявление родителей (законных представителей) от ДД.ММ.ГГГГ» in two lines.
          { key: 'basis', header: 'Основание (заявление, распорядительный акт), дата', width: 30, kind: 'text' },
        ],
        source: { query: 'forms-of-education', compulsoryAge: true },
        sort: 'name',
        group: 'form',
        listsChildren: true,
      },
    ],
    signature: { signer: 'org-head', fallbackPosition: 'Начальник отдела', stamp: false, date: true },
  },
  {
    id: 'zato-app3',
    title: 'Приложение 3. Формы получения общего образования на 5 сентября',
    basis: 'п. 3.3.1 (на 5 сентября), приложение 3',
    orgKinds: ['school'],
    orientation: 'landscape',
    attachment: ['Приложение 3', PORYADOK],
    heading: ['Информация о формах получения общего образования детей'],
    orgCaption: 'Наименование общеобразовательного учреждения',
    asOfLine: true,
    params: { org: 'required', asOfHint: 'на 5 сентября текущего года' },
    sections: [
      {
        heading: '1. Численность обучающихся по формам получения образования',
        columns: [
          { key: 'level', header: 'Уровень общего образования', width: 30, kind: 'text' },
          { key: 'full_time', header: 'Очная', width: 10, kind: 'number', group: FORM_GROUP },
          { key: 'part_time', header: 'Очно-заочная', width: 10, kind: 'number', group: FORM_GROUP },
          { key: 'extramural', header: 'Заочная', width: 10, kind: 'number', group: FORM_GROUP },
          { key: 'family', header: 'Семейное образование', width: 12, kind: 'number', group: FORM_GROUP },
          { key: 'self', header: 'Самообразование', width: 12, kind: 'number', group: FORM_GROUP },
          { key: 'total', header: 'Итого', width: 10, kind: 'number', group: FORM_GROUP },
        ],
        source: { query: 'form-counts-by-level' },
        sort: 'source',
        group: null,
        totals: { label: 'Итого', sum: ['full_time', 'part_time', 'extramural', 'family', 'self', 'total'] },
        listsChildren: false,
      },
      {
        heading: '2. Обучающиеся в очно-заочной, заочной форме, на семейном образовании и самообразовании',
        columns: [
          N,
          FIO,
          BIRTH,
          { key: 'classLabel', header: 'Класс', width: 7, kind: 'text' },
          { ...ACTUAL, width: 24 },
          { key: 'basis', header: 'Основание (заявление, распорядительный акт), дата', width: 20, kind: 'text' },
        ],
        source: { query: 'forms-of-education', forms: ['part_time', 'extramural', 'family', 'self'] },
        sort: 'name',
        group: 'form',
        listsChildren: true,
      },
    ],
    signature: { signer: 'org-head', fallbackPosition: 'Директор', stamp: false, date: true },
    footnotes: ['Семейное образование и самообразование — дети, проходящие аттестацию в учреждении; обучающиеся без указанной в реестре формы учтены как очная: {noForm} чел.'],
  },
  {
    id: 'zato-instr-app1',
    title: 'Приложение 1 к Инструкции. Обучающиеся, не посещающие или систематически пропускающие занятия',
    basis: 'Инструкция, п. 3.4 (ежемесячно до 28 числа), приложение 1 к Инструкции',
    orgKinds: ['school'],
    orientation: 'landscape',
    attachment: ['Приложение 1', INSTRUCTION],
    heading: [
      'Информация об обучающихся, не посещающих, систематически пропускающих по неуважительным причинам учебные занятия',
      'за период с {periodFrom} по {asOf}',
    ],
    period: 'month',
    orgCaption: 'Наименование общеобразовательного учреждения',
    asOfLine: false,
    params: { org: 'required', asOfHint: 'ежемесячно, до 28 числа' },
    sections: [
      {
        columns: [
          N,
          FIO,
          BIRTH,
          { key: 'classLabel', header: 'Класс', width: 7, kind: 'text' },
          { ...ACTUAL, width: 22 },
          { key: 'absence', header: 'Не посещает (не приступил к обучению) / систематически пропускает', width: 15, kind: 'text' },
          { key: 'missedShare', header: 'Доля пропущенных без уважительной причины занятий за отчетный период, %', width: 13, kind: 'number' },
          { key: 'reasonMeasures', header: 'Причины пропусков, принятые меры', width: 24, kind: 'text' },
        ],
        source: { query: 'truancy' },
        sort: 'name',
        group: 'birth-year',
        listsChildren: true,
      },
    ],
    signature: { signer: 'org-head', fallbackPosition: 'Директор', stamp: false, date: true },
    footnotes: ['Систематически пропускающие — доля пропущенных без уважительной причины занятий более 75 % от общего числа занятий за отчетный период (Инструкция, п. 3.4).'],
    dataNote: 'Список составляется по посещаемости за месяц даты формы, внесённой школой (раздел «Посещаемость»); ученик без сведений о посещаемости за этот месяц в список не попадает.',
  },
];
