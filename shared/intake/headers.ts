/**
 * Column recognition by header text, and the kind of each row below the header.
 *
 * Lists arrive in the layouts of the regulations' appendix forms (Кстово, приложения 1–5;
 * ЗАТО Свободный, приложение 1) and in whatever layout the sender really used, so the
 * rules match word stems, not whole strings; `examples` records the spellings seen.
 */

export type FieldId =
  | 'rowNumber'
  | 'fio'
  | 'surname'
  | 'name'
  | 'patronymic'
  | 'birthDate'
  | 'gender'
  | 'snils'
  | 'birthCertificate'
  | 'identityDocument'
  | 'citizenship'
  | 'addressRegistration'
  | 'addressActual'
  | 'addressResidence'
  | 'registrationDate'
  | 'organization'
  | 'organizationAndClass'
  | 'classOrGroup'
  | 'enrolmentOrder'
  | 'enrolmentDate'
  | 'expulsionOrder'
  | 'expulsionDate'
  | 'previousOrganization'
  | 'leftTo'
  | 'continuedAt'
  | 'continuationConfirmed'
  | 'nextYearFirstGrade'
  | 'attendanceStatus'
  | 'educationForm'
  | 'reason'
  | 'parents'
  | 'phone'
  | 'notes';

/** Words of a normalized header, with stem tests. */
interface HeaderWords {
  text: string;
  words: readonly string[];
  has(stem: string): boolean;
  word(w: string): boolean;
}

export interface HeaderFieldRule {
  field: FieldId;
  label: string;
  /** Spellings seen in the regulations' forms and in real lists (tested). */
  examples: readonly string[];
  match(h: HeaderWords): boolean;
}

const ORG = (h: HeaderWords): boolean =>
  h.has('организац') || h.has('учрежден') || h.word('оо') || h.word('доо') || h.word('оу') || h.has('школ');

/**
 * Ordered: the first rule that matches wins, so narrower rules come first
 * («ФИО родителя» before «ФИО», «Дата регистрации» before «Адрес регистрации»,
 * «Приказ об отчислении, основание» before «Основание»).
 */
export const HEADER_FIELDS: readonly HeaderFieldRule[] = [
  {
    field: 'rowNumber',
    label: '№ п/п',
    examples: ['№ п/п', 'N п/п', '№', 'п/п', '№ п.п.', 'Номер по порядку', 'No'],
    match: (h) =>
      h.words.length <= 3 &&
      h.words.every((w) => ['№', 'пп', 'п', 'номер', 'по', 'порядку', 'порядковый', 'строки'].includes(w)) &&
      (h.word('№') || h.word('пп') || h.word('номер')),
  },
  {
    field: 'parents',
    label: 'Родители (законные представители)',
    examples: ['ФИО родителей (законных представителей)', 'Сведения о родителях', 'Мать', 'Отец', 'Законный представитель'],
    match: (h) => h.has('родител') || h.has('представител') || h.word('мать') || h.word('отец') || h.word('опекун'),
  },
  {
    field: 'fio',
    label: 'Ф.И.О.',
    examples: [
      'Ф.И.О.',
      'ФИО',
      'Фамилия, имя, отчество ребенка (полностью)',
      'Фамилия, имя, отчество',
      'Фамилия Имя Отчество обучающегося',
      'Ф.И.О. ребёнка',
      'Фамилия,\nимя,\nотчество',
      'Фамилия, имя',
    ],
    match: (h) => h.word('фио') || (h.has('фамили') && (h.word('имя') || h.has('отчеств'))),
  },
  { field: 'surname', label: 'Фамилия', examples: ['Фамилия', 'Фамилия ребенка'], match: (h) => h.has('фамили') },
  { field: 'patronymic', label: 'Отчество', examples: ['Отчество', 'Отчество (при наличии)'], match: (h) => h.has('отчеств') },
  { field: 'name', label: 'Имя', examples: ['Имя', 'Имя ребенка'], match: (h) => h.word('имя') },
  {
    field: 'birthCertificate',
    label: 'Свидетельство о рождении',
    examples: ['Свидетельство о рождении', 'Серия, номер свидетельства о рождении', 'Св-во о рождении'],
    match: (h) => h.has('свидетельств') || h.text.includes('св во'),
  },
  {
    field: 'birthDate',
    label: 'Дата рождения',
    examples: ['Дата рождения', 'Дата рожд.', 'Д.р.', 'Число, месяц, год рождения', 'Год рождения', 'Дата\nрождения'],
    match: (h) => (h.has('рожд') && !h.has('мест')) || h.text === 'д р' || h.text === 'др',
  },
  {
    field: 'identityDocument',
    label: 'Документ, удостоверяющий личность',
    examples: ['Документ, удостоверяющий личность', 'Паспорт', 'Реквизиты документа'],
    match: (h) => h.has('паспорт') || h.has('документ'),
  },
  { field: 'snils', label: 'СНИЛС', examples: ['СНИЛС', 'Страховой номер (СНИЛС)'], match: (h) => h.word('снилс') || h.has('страхов') },
  { field: 'gender', label: 'Пол', examples: ['Пол', 'Пол (м/ж)'], match: (h) => h.word('пол') },
  { field: 'citizenship', label: 'Гражданство', examples: ['Гражданство'], match: (h) => h.has('гражданств') },
  {
    field: 'nextYearFirstGrade',
    label: 'Будет ли обучаться в 1 классе в следующем учебном году',
    examples: ['Будет ли обучаться в 1 классе школы в следующем учебном году', 'Поступает в 1 класс'],
    match: (h) => (h.word('будет') && h.has('класс')) || (h.has('поступа') && h.has('класс')) || h.has('следующ'),
  },
  {
    field: 'continuedAt',
    label: 'Куда поступил',
    examples: ['В какую образовательную организацию поступил (полное название)', 'Куда поступил', 'Продолжает обучение'],
    match: (h) => h.has('поступил') || h.has('продолжает'),
  },
  {
    field: 'continuationConfirmed',
    label: 'Подтверждение о продолжении образования',
    examples: ['Подтверждение о продолжении образования (не заполняется для отчисленных из ДОО)'],
    match: (h) => h.has('подтвержд'),
  },
  {
    field: 'leftTo',
    label: 'Куда выбыл',
    examples: ['Куда выбыл (ОО с указанием адреса)', 'Куда выбыл'],
    match: (h) => h.has('выбыл') || h.word('куда'),
  },
  {
    field: 'previousOrganization',
    label: 'Где получал образование',
    examples: ['В какой образовательной организации получал образование (с указанием адреса ОО)', 'Откуда прибыл'],
    match: (h) => h.has('получал') || h.word('откуда') || h.has('прибыл'),
  },
  {
    field: 'expulsionOrder',
    label: 'Приказ об отчислении',
    examples: ['Приказ об отчислении, основание', 'Номер и дата приказа об отчислении', '№ приказа о выбытии'],
    match: (h) => (h.has('приказ') || h.has('распоряд')) && (h.has('отчисл') || h.has('выбыт')),
  },
  {
    field: 'enrolmentOrder',
    label: 'Приказ о зачислении',
    examples: ['Приказ о зачислении', '№, дата приказа о зачислении', 'Приказ о приеме', 'Приказ о приёме'],
    match: (h) => (h.has('приказ') || h.has('распоряд')) && (h.has('зачисл') || h.has('прием')),
  },
  {
    field: 'expulsionDate',
    label: 'Дата отчисления',
    examples: ['Дата отчисления', 'Дата выбытия'],
    match: (h) => h.word('дата') && (h.has('отчисл') || h.has('выбыт')),
  },
  {
    field: 'enrolmentDate',
    label: 'Дата зачисления',
    examples: ['Дата зачисления', 'Дата прибытия', 'Дата приема'],
    match: (h) => h.word('дата') && (h.has('зачисл') || h.has('прибыт') || h.has('прием')),
  },
  {
    field: 'registrationDate',
    label: 'Дата регистрации',
    examples: ['Дата регистрации', 'Срок регистрации', 'Дата постановки на регистрационный учет'],
    match: (h) => (h.word('дата') || h.has('срок')) && (h.has('регистрац') || h.has('постановк')),
  },
  {
    field: 'addressRegistration',
    label: 'Адрес регистрации',
    examples: [
      'Адрес регистрации',
      'Адрес регистрации по месту жительства',
      'Место регистрации',
      'Адрес | регистрации',
      'Адрес по прописке',
      'Зарегистрирован по адресу',
    ],
    match: (h) => h.has('регистрац') || h.has('прописк') || h.has('зарегистр'),
  },
  {
    field: 'addressActual',
    label: 'Адрес фактического места проживания',
    examples: [
      'Адрес фактического места проживания',
      'Фактический адрес',
      'Адрес проживания',
      'Место проживания',
      'Фактическое место жительства',
      'Адрес места пребывания',
      'Адрес | фактического проживания',
    ],
    match: (h) => h.has('фактическ') || h.has('проживан') || h.has('пребыван'),
  },
  {
    field: 'addressResidence',
    label: 'Адрес места жительства',
    examples: ['Адрес места жительства', 'Место жительства', 'Адрес', 'Домашний адрес', 'Адрес | места жительства'],
    match: (h) => h.has('жительств') || h.has('адрес'),
  },
  {
    field: 'reason',
    label: 'Причина',
    examples: [
      'Причина отчисления',
      'Причина непосещения ОО/ систематических пропусков учебных занятий\\ принимаемые мер',
      'Причина не обучения',
      'Основание',
    ],
    match: (h) => h.has('причин') || h.has('основани'),
  },
  {
    field: 'attendanceStatus',
    label: 'Не посещает / систематически пропускает',
    examples: ['Не посещает ОО/ систематически пропускает учебные занятия'],
    match: (h) => h.has('посеща') || h.has('пропуска'),
  },
  {
    field: 'educationForm',
    label: 'Форма обучения',
    examples: ['Форма обучения', 'Форма получения образования', 'Форма образования'],
    match: (h) => h.has('форм') && (h.has('обучени') || h.has('образовани')),
  },
  {
    field: 'organizationAndClass',
    label: 'Образовательная организация / класс',
    examples: ['Обучающимся (воспитанником) какой образовательной организации является / класс', 'Школа, класс'],
    match: (h) => ORG(h) && (h.has('класс') || h.has('групп')),
  },
  {
    field: 'classOrGroup',
    label: 'Класс/группа',
    examples: ['Класс/ группа', 'Класс/группа', 'Класс', 'Группа', 'Класс (выпуск)', 'Литер'],
    match: (h) => h.has('класс') || h.has('групп') || h.has('литер'),
  },
  {
    field: 'organization',
    label: 'Образовательная организация',
    examples: ['Наименование образовательной организации', 'Образовательная организация', 'ОО', 'Школа', 'Место учебы', 'Где обучается'],
    match: (h) => ORG(h) || h.has('учеб') || h.has('обучает'),
  },
  {
    field: 'notes',
    label: 'Примечание',
    examples: ['Примечание', 'Примечания', 'Комментарий', 'Дополнительная информация'],
    match: (h) => h.has('примечан') || h.has('комментар') || h.has('дополнительн'),
  },
  { field: 'phone', label: 'Телефон', examples: ['Телефон', 'Контактный телефон', 'Тел.'], match: (h) => h.has('телефон') || h.word('тел') },
];

export const FIELD_LABELS: Readonly<Record<FieldId, string>> = Object.fromEntries(
  HEADER_FIELDS.map((r) => [r.field, r.label]),
) as Record<FieldId, string>;

/** Text of a cell as a reader returns it (exceljs rich text, hyperlink and formula objects too). */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o['richText'])) return (o['richText'] as unknown[]).map((r) => cellText((r as { text?: unknown }).text)).join('');
    if ('result' in o) return cellText(o['result']);
    if ('text' in o) return cellText(o['text']);
  }
  return '';
}

/**
 * Lower case, ё → е, punctuation and line breaks → spaces; «Ф.И.О.» → «фио», «п/п» → «пп»,
 * a Latin «N»/«No» standing for «№» → «№».
 */
export function normalizeHeaderText(text: string): string {
  const words = text
    .normalize('NFC')
    .toLowerCase()
    .replace(/ё/gu, 'е')
    .replace(/№/gu, ' № ')
    .replace(/[^\p{L}\p{N}№]+/gu, ' ')
    .trim()
    .split(' ')
    .filter((w) => w !== '')
    .map((w) => (w === 'n' || w === 'no' || w === 'nn' ? '№' : w));
  return ` ${words.join(' ')} `
    .replace(/ ф и о /gu, ' фио ')
    .replace(/ п п /gu, ' пп ')
    .replace(/ д р /gu, ' др ')
    .trim();
}

function headerWords(text: string): HeaderWords {
  const norm = normalizeHeaderText(text);
  const words = norm === '' ? [] : norm.split(' ');
  return {
    text: norm,
    words,
    has: (stem) => words.some((w) => w.startsWith(stem)),
    word: (w) => words.includes(w),
  };
}

/** Field of one header text, or null. */
export function recognizeHeader(text: string): FieldId | null {
  const h = headerWords(text);
  if (h.words.length === 0) return null;
  return HEADER_FIELDS.find((r) => r.match(h))?.field ?? null;
}

export interface HeaderRecognition {
  /** Index (0-based, in the rows given) of the first header row. */
  headerRowIndex: number;
  /** 1 for a plain header; 2 or 3 when merged cells spread it over several rows. */
  headerRowCount: number;
  /** Column index → field. A field is given to one column only: the first that names it. */
  mapping: Record<number, FieldId>;
  /** Columns with header text that no rule knows, or that repeat a field already taken. */
  unknownColumns: number[];
  /** Header text per column, rows joined with « | » («Адрес | регистрации»). */
  headers: string[];
}

export interface RecognizeOptions {
  /** How many rows from the top may hold the header (title rows come first). */
  maxScanRows?: number;
}

/** Fields that make a row a table header and not a title line naming one thing. */
const PERSON_FIELDS: ReadonlySet<FieldId> = new Set(['fio', 'surname', 'name', 'birthDate']);

function rowTexts(row: readonly unknown[] | undefined): string[] {
  return (row ?? []).map((v) => cellText(v).replace(/\s+/gu, ' ').trim());
}

/** A row that may continue a header: text only, no dates or numbers that data rows have. */
function canContinueHeader(row: readonly unknown[] | undefined): boolean {
  if (row === undefined) return false;
  const kind = classifyDataRow(row);
  if (kind !== 'data') return false;
  return row.every((v) => {
    if (v instanceof Date || typeof v === 'number') return false;
    return !/\d/u.test(cellText(v));
  });
}

/**
 * Joins header rows column by column. A merged group header («Адрес» over «регистрации» |
 * «фактического проживания») is only in its first column, so it is carried right over
 * the columns that have sub-headers below it.
 */
function combineHeaderRows(rows: readonly string[][]): { columns: string[][]; carried: number } {
  const width = Math.max(...rows.map((r) => r.length));
  const out: string[][] = Array.from({ length: width }, () => []);
  let carriedCount = 0;
  for (let level = 0; level < rows.length; level++) {
    const row = rows[level] as string[];
    let carried = '';
    for (let c = 0; c < width; c++) {
      const own = row[c] ?? '';
      const below = rows.slice(level + 1).some((r) => (r[c] ?? '') !== '');
      if (own !== '') carried = below ? own : '';
      const text = own !== '' ? own : below ? carried : '';
      if (own === '' && text !== '') carriedCount++;
      const parts = out[c] as string[];
      if (text !== '' && parts.at(-1) !== text) parts.push(text);
    }
  }
  return { columns: out, carried: carriedCount };
}

function recognizeParts(parts: readonly string[]): FieldId | null {
  // «Сведения о родителях | ФИО» is a parent's name, not the child's.
  if (parts.length > 1 && recognizeHeader(parts.join(' ')) === 'parents') {
    const own = recognizeHeader(parts.at(-1) ?? '');
    if (own === 'fio' || own === 'surname' || own === 'name' || own === 'patronymic') return 'parents';
  }
  // Otherwise the most specific text first: «ФИО» over «Фамилия | Имя | Отчество» must give the sub-fields.
  for (let k = parts.length - 1; k >= 0; k--) {
    const f = recognizeHeader(parts.slice(k).join(' '));
    if (f !== null) return f;
  }
  return null;
}

function mapColumns(columns: readonly string[][]): Omit<HeaderRecognition, 'headerRowIndex' | 'headerRowCount'> & { score: number } {
  const mapping: Record<number, FieldId> = {};
  const unknownColumns: number[] = [];
  const taken = new Set<FieldId>();
  let person = 0;
  columns.forEach((parts, c) => {
    if (parts.length === 0) return;
    const f = recognizeParts(parts);
    if (f === null || taken.has(f)) {
      unknownColumns.push(c);
      return;
    }
    taken.add(f);
    mapping[c] = f;
    if (PERSON_FIELDS.has(f)) person++;
  });
  const score = person === 0 ? 0 : taken.size;
  return { mapping, unknownColumns, headers: columns.map((p) => p.join(' | ')), score };
}

/**
 * Finds the table header among the first rows (title rows «Наименование организации…»,
 * «Список детей…» above it are skipped) and maps its columns to fields. Merged headers
 * over two or three rows are joined. null when no row names at least two fields, one of
 * them ФИО, a name part or the birth date.
 */
export function recognizeHeaderRow(rows: readonly (readonly unknown[])[], options: RecognizeOptions = {}): HeaderRecognition | null {
  const maxScan = Math.min(rows.length, options.maxScanRows ?? 30);
  let best: (HeaderRecognition & { score: number }) | null = null;
  for (let i = 0; i < maxScan; i++) {
    const texts = [rowTexts(rows[i])];
    // A title line is one (merged) cell; the top row of a real header has several.
    const canStartMultiRow = (texts[0] ?? []).filter((t) => t !== '').length >= 2;
    let bestForRow: (HeaderRecognition & { score: number }) | null = null;
    for (let count = 1; count <= 3; count++) {
      if (count > 1) {
        if (!canStartMultiRow || !canContinueHeader(rows[i + count - 1])) break;
        texts.push(rowTexts(rows[i + count - 1]));
      }
      const { columns, carried } = combineHeaderRows(texts);
      const r = mapColumns(columns);
      if (r.score < 2) continue;
      // A data row glued under a header never improves it; sub-headers under a merged
      // group header («Численность | Очная | Заочная») may add nothing known but still belong.
      if (bestForRow === null || r.score > bestForRow.score || (r.score === bestForRow.score && carried > 0)) {
        bestForRow = { headerRowIndex: i, headerRowCount: count, ...r };
      }
    }
    if (bestForRow !== null && (best === null || bestForRow.score > best.score)) best = bestForRow;
  }
  if (best === null) return null;
  const { score: _score, ...result } = best;
  return result;
}

export type RowKind = 'data' | 'blank' | 'total' | 'signature' | 'numbering';

/** Words that open a signature block under a form («Руководитель ___ Ф.И.О.», «М.П.»). */
const SIGNATURE_START =
  /^(руководитель|директор|заведующий|заведующая|исполнитель|ответственный|подпись|расшифровка|м п|мп|место печати|главный врач|начальник|председатель|составил|специалист|дата)( |$)/u;

/**
 * Kind of a row below the header, so blank lines, «Итого»/«Всего», signature lines and
 * the «1 2 3 4 5» column-numbering row are skipped and not reported as bad data.
 */
export function classifyDataRow(row: readonly unknown[]): RowKind {
  const texts = rowTexts(row).filter((t) => t !== '' && !/^[\s_\-–—.,:;]+$/u.test(t));
  if (texts.length === 0) return 'blank';
  const first = (texts[0] as string).toLowerCase();
  if (/^(итого|всего|итог)(?![а-яё])/u.test(first)) return 'total';
  if (texts.length >= 3 && texts.every((t) => /^\d+\.?$/u.test(t))) {
    const nums = texts.map((t) => parseInt(t, 10));
    if (nums.every((n, k) => n === k + 1)) return 'numbering';
  }
  if (texts.length <= 4) {
    for (const t of texts) {
      const norm = t.toLowerCase().replace(/ё/gu, 'е').replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
      // «Дата ______» is a signature line; «Дата рождения …» in a data cell is not.
      if (SIGNATURE_START.test(norm) && (!norm.startsWith('дата') || norm === 'дата')) return 'signature';
    }
  }
  return 'data';
}
