/**
 * One row of an incoming list → values for the registry and the problems of its cells.
 *
 * Isomorphic (no Node API): the service parses uploaded rows with it, and the same code
 * re-reads a row fixed in place or typed into the paper-form grid.
 *
 * Messages are about the cell only; the row number and the column are added when the
 * report is shown (formatIssue, and the renderer's issueText, build
 * «Строка 17, «Дата рождения»: «31.02.2015» — такой даты нет» from column, value and message).
 * Errors block applying the row; warnings are shown and do not.
 */
import { addYears, formatRuDate, type IsoDate } from '../domain/dates';
import { parseEducationForm } from '../domain/educationForms';
import { formatClassLabel, parseClassLabel } from '../domain/levels';
import { normalizePhones, normalizePhonesInText } from '../domain/phone';
import { validateSnils } from '../domain/snils';
import { FIELD_LABELS, cellText, type FieldId } from './headers';
import { EMPTY_LIST_ROW, type CellIssue, type ListRowValues, type ParsedListRow } from './listRow';
import { parseDate } from './parseDate';
import { cleanNamePart, guessSex, parseFio, type Sex } from './parseFio';

export interface ParseListRowOptions {
  /** Year two-digit years are read against (the year of the list's «по состоянию на» date). */
  referenceYear: number;
  /**
   * The list's «по состоянию на» date. A birth date after it, or more than 25 years
   * before it, is an error. Without it the check is lenient: after 31 December of
   * referenceYear, or more than 25 years before 1 January of it.
   */
  asOf?: IsoDate;
}

/** Messages of this module (the cell's own words; see the module comment). */
export const ROW_MESSAGES = {
  noFio: 'ФИО не указано',
  noSurname: 'нет фамилии',
  noName: 'нет имени',
  noPatronymic: 'отчество не указано',
  surnameInitial: 'фамилия указана инициалом',
  nameInitial: 'имя указано инициалом',
  patronymicInitial: 'отчество указано инициалом',
  digits: (what: string) => `в ${what} есть цифры`,
  latin: (what: string) => `в ${what} есть латинские буквы`,
  lookalikes: 'латинские буквы, похожие на русские, заменены русскими',
  wholeFioInSurname: 'в столбце фамилии записано всё ФИО — разделено на фамилию, имя и отчество',
  futureBirthDate: 'не похоже на дату рождения ребёнка (дата в будущем)',
  oldBirthDate: 'не похоже на дату рождения ребёнка (больше 25 лет назад)',
  gender: 'пол не понят (ожидается «м» или «ж»), определён по имени',
  birthCertificate: 'не понятны серия и номер свидетельства о рождении (ожидается, например, «II-ИК 123456»); текст оставлен в примечании',
  classLabel: 'класс не понят (ожидается, например, «5Б» или «подготовительная группа»); текст оставлен в примечании',
  enrolmentOrder: 'приказ не понят (ожидается, например, «№ 12-у от 28.08.2025»); текст оставлен в примечании',
  orderDate: (message: string) => `дата приказа: ${message}`,
  enrolmentDate: (message: string) => `дата зачисления: ${message}`,
  educationForm:
    'форма обучения не понята (ожидается: очная, очно-заочная, заочная, семейное образование, самообразование); текст оставлен в примечании',
} as const;

/** Oldest birth date that is still a child's in a list: 25 years back. */
const MAX_AGE_YEARS = 25;

// ---------------------------------------------------------------------------
// Cells

/** Whitespace of any kind (line breaks in a cell, non-breaking spaces) collapsed to one space. */
function collapse(s: string): string {
  return s.replace(/\s+/gu, ' ').trim();
}

/** A reader's cell object (rich text, formula, hyperlink) → its plain value; Dates and numbers kept. */
function plain(v: unknown): unknown {
  if (v === null || v === undefined || typeof v === 'string' || typeof v === 'number' || v instanceof Date) return v;
  if (typeof v === 'object' && 'result' in (v as object)) return plain((v as { result: unknown }).result);
  return cellText(v);
}

function dateOfJs(d: Date): IsoDate | null {
  const r = parseDate(d);
  return 'value' in r ? r.value : null;
}

/** The cell as a person reads it in the sheet: a Date as «ДД.ММ.ГГГГ», text with its spaces collapsed. */
function shown(v: unknown): string {
  const p = plain(v);
  if (p instanceof Date) {
    const iso = dateOfJs(p);
    return iso === null ? '' : formatRuDate(iso);
  }
  return collapse(cellText(p));
}

interface Cell {
  col: number;
  /** The column as the report names it: its header in the file, or the field's label. */
  column: string;
  field: FieldId;
  raw: unknown;
  text: string;
}

// ---------------------------------------------------------------------------
// Gender, certificate, class, order

const MALE_WORDS = /^(м|муж\p{L}*|мал\p{L}*|юн\p{L}*|m|male)$/u;
const FEMALE_WORDS = /^(ж|жен\p{L}*|дев\p{L}*|f|w|female)$/u;

/** «м», «М.», «муж», «мужской», «мальчик» → 'm'; «ж», «жен.», «женский», «девочка» → 'f'. */
export function parseGender(text: string): Sex | null {
  const t = text.toLowerCase().replace(/[^\p{L}]+/gu, '');
  if (MALE_WORDS.test(t)) return 'm';
  if (FEMALE_WORDS.test(t)) return 'f';
  return null;
}

/** Roman numerals of the series as people type them: Latin, or Cyrillic look-alikes (І, Х, С, Л). */
const ROMAN_LOOKALIKE: Readonly<Record<string, string>> = { І: 'I', Х: 'X', С: 'C', Л: 'L' };
const LATIN_TO_CYRILLIC: Readonly<Record<string, string>> = {
  A: 'А', B: 'В', C: 'С', E: 'Е', H: 'Н', K: 'К', M: 'М', O: 'О', P: 'Р', T: 'Т', X: 'Х', Y: 'У',
};
const CERT_RE = /(?:^|[^\p{L}\p{N}])([IVXLCІХСЛ]{1,6})\s*[-\u2010-\u2015]?\s*([А-ЯЁA-Z]{2})\s*(?:№|N|No)?\s*(\d{6})(?!\d)/u;

/** «II-ИК 123456», «II ИК № 123456», «ii-ик123456» → { series: 'II-ИК', number: '123456' }. */
export function parseBirthCertificate(text: string): { series: string; number: string } | null {
  const m = CERT_RE.exec(text.normalize('NFC').toUpperCase());
  if (!m) return null;
  const roman = [...(m[1] as string)].map((ch) => ROMAN_LOOKALIKE[ch] ?? ch).join('');
  const letters = [...(m[2] as string)].map((ch) => LATIN_TO_CYRILLIC[ch] ?? ch).join('');
  if (!/^[IVXLC]+$/u.test(roman) || !/^[А-ЯЁ]{2}$/u.test(letters)) return null;
  return { series: `${roman}-${letters}`, number: m[3] as string };
}

/** Kindergarten groups are named, not numbered: «Подготовительная», «2 младшая группа», «ясельная». */
const GROUP_WORDS = /(групп|ясел|ясл|младш|средн|старш|подготов|разновозраст|кратковрем|логопед|компенсир|комбинир)/u;
/** «Средняя школа № 3» names an organization, not a group. */
const NOT_A_GROUP = /(школ|сош|оош|лице[йя]|гимнази|детск\p{L}* сад|д\/с|(?<!\p{L})[мг]?[аб]?д?оу(?!\p{L})|№|\d{3})/u;

/** A class («5 «Б» класс» → «5Б») or a kindergarten group (kept as written); null when neither. */
export function parseClassOrGroup(text: string): string | null {
  const t = collapse(text);
  if (t === '') return null;
  const c = parseClassLabel(t);
  if (c !== null) return formatClassLabel(c);
  const lower = t.toLowerCase().replace(/ё/gu, 'е');
  if (GROUP_WORDS.test(lower) && !NOT_A_GROUP.test(lower)) return t;
  return null;
}

/**
 * «МБОУ СОШ № 3 / 5Б», «МБОУ СОШ № 3, 5 класс», «5Б, МБОУ СОШ № 3», «МБДОУ д/с № 5, подготовительная группа»
 * → organization text and class. The class is looked for after the last separator
 * (or before the first); «д/с» keeps its slash because «с» is not a class.
 */
export function splitOrganizationAndClass(text: string): { organization: string | null; classLabel: string | null } {
  const t = collapse(text);
  if (t === '') return { organization: null, classLabel: null };
  const whole = parseClassOrGroup(t);
  if (whole !== null) return { organization: null, classLabel: whole };
  const seps = [...t.matchAll(/[/\\,;|]/gu)].map((m) => m.index);
  for (let k = seps.length - 1; k >= 0; k--) {
    const at = seps[k] as number;
    const tail = parseClassOrGroup(t.slice(at + 1));
    if (tail !== null) return { organization: collapse(t.slice(0, at)) || null, classLabel: tail };
  }
  for (const at of seps) {
    const head = parseClassOrGroup(t.slice(0, at));
    if (head !== null) return { organization: collapse(t.slice(at + 1)) || null, classLabel: head };
  }
  // «МБОУ СОШ № 3 5 класс»: without a separator only with the word «класс», or «СОШ № 3» would be a class.
  const m = /^(.*\S)\s+(\d{1,2}\s*[-\u2010-\u2015]?\s*["«]?\s*\p{L}?\s*["»]?\s*(?:класс|кл\.?))$/iu.exec(t);
  if (m) {
    const c = parseClassLabel(m[2] as string);
    if (c !== null) return { organization: m[1] as string, classLabel: formatClassLabel(c) };
  }
  return { organization: t, classLabel: null };
}

const DATE_IN_TEXT =
  /(?:(?<![\p{L}])от\s+)?(?:(\d{1,2}\s*[./-]\s*\d{1,2}\s*[./-]\s*(?:\d{4}|\d{2})(?!\d))|(\d{4}-\d{1,2}-\d{1,2})|(\d{1,2}\s+(?:январ|феврал|март|апрел|ма[йя]|июн|июл|август|сентябр|октябр|ноябр|декабр)\p{L}*\s+\d{2,4}))(?:\s*(?:г\.|года|г(?![\p{L}])))?/iu;

export interface ParsedOrder {
  number: string | null;
  date: IsoDate | null;
  /** The date was there but is not a date («31.02.2025»): the parseDate message. */
  dateError?: string;
}

/**
 * «№ 12-у от 28.08.2025», «Пр. 12 от 28.08.25», «приказ от 01.09.2025 № 45/1-о», «ОД-15, 01.09.2025»,
 * «12-у» → number and date; null when the text has neither.
 */
export function parseOrder(value: unknown, referenceYear: number): ParsedOrder | null {
  const p = plain(value);
  if (p instanceof Date) {
    const iso = dateOfJs(p);
    return iso === null ? null : { number: null, date: iso };
  }
  if (typeof p === 'number') return Number.isInteger(p) && p > 0 ? { number: String(p), date: null } : null;
  let rest = collapse(cellText(p));
  if (rest === '') return null;
  let date: IsoDate | null = null;
  let dateError: string | undefined;
  const dm = DATE_IN_TEXT.exec(rest);
  if (dm) {
    const r = parseDate(dm[1] ?? dm[2] ?? dm[3] ?? '', { referenceYear });
    if ('value' in r) date = r.value;
    else dateError = r.error;
    rest = `${rest.slice(0, dm.index)} ${rest.slice(dm.index + dm[0].length)}`;
  }
  const nm = /(?:^|[^\p{L}\p{N}])((?:\p{L}{1,4}\s?-\s?)?\d[\p{L}\p{N}/\\-]*)/u.exec(rest);
  const number = nm ? (nm[1] as string).replace(/\s+/gu, '').replace(/[-/\\]+$/u, '') : null;
  if (number === null && date === null && dateError === undefined) return null;
  const out: ParsedOrder = { number, date };
  if (dateError !== undefined) out.dateError = dateError;
  return out;
}

// ---------------------------------------------------------------------------
// The row

/** Fields whose text goes to notes with its label («Телефон: …»). */
const NOTE_FIELDS: ReadonlySet<FieldId> = new Set<FieldId>([
  'identityDocument',
  'citizenship',
  'registrationDate',
  'organization',
  'expulsionOrder',
  'expulsionDate',
  'previousOrganization',
  'leftTo',
  'continuedAt',
  'continuationConfirmed',
  'nextYearFirstGrade',
  'attendanceStatus',
  'reason',
  'parents',
  'phone',
]);
const DATE_NOTE_FIELDS: ReadonlySet<FieldId> = new Set<FieldId>(['registrationDate', 'expulsionDate']);

const NAME_WORDS = { surname: 'фамилии', name: 'имени', patronymic: 'отчестве' } as const;

/**
 * Parses one row. `cells` as the reader gave them (strings, numbers, Dates, exceljs
 * cell objects); `mapping` column → field; `headers` the header text per column, used
 * to name the column in issues (a column without one is named by its field's label).
 * When a field is given to several columns, the first non-empty one is read
 * (notes: all of them).
 */
export function parseListRow(
  cells: readonly unknown[],
  mapping: Record<number, FieldId>,
  headers: readonly string[],
  options: ParseListRowOptions,
): ParsedListRow {
  const { referenceYear } = options;
  const values: ListRowValues = { ...EMPTY_LIST_ROW };
  const issues: CellIssue[] = [];
  const notes: string[] = [];

  const byField = new Map<FieldId, number[]>();
  for (const [key, field] of Object.entries(mapping)) {
    const col = Number(key);
    if (!Number.isInteger(col) || col < 0) continue;
    const list = byField.get(field) ?? [];
    list.push(col);
    byField.set(field, list);
  }
  for (const list of byField.values()) list.sort((a, b) => a - b);

  const columnName = (col: number | null, field: FieldId): string => {
    const h = col === null ? '' : collapse(headers[col] ?? '');
    return h !== '' ? h : FIELD_LABELS[field];
  };
  const cellAt = (col: number, field: FieldId): Cell => {
    const raw = cells[col];
    return { col, column: columnName(col, field), field, raw, text: shown(raw) };
  };
  /** First non-empty cell of the field; its first (empty) cell when all are empty; null when unmapped. */
  const first = (field: FieldId): Cell | null => {
    const cols = byField.get(field);
    if (cols === undefined || cols.length === 0) return null;
    for (const c of cols) {
      const cell = cellAt(c, field);
      if (cell.text !== '') return cell;
    }
    return cellAt(cols[0] as number, field);
  };
  const issue = (cell: Cell | null, field: FieldId, message: string, severity: CellIssue['severity'] = 'error'): void => {
    issues.push({
      column: cell?.column ?? FIELD_LABELS[field],
      field: cell?.field ?? field,
      value: cell?.text ?? '',
      message,
      severity,
    });
  };
  const note = (field: FieldId, raw: string): void => {
    // Telephones in the one form the card uses («+7 912 345-67-89»), in their own column or among the parents' names.
    const text = field === 'phone' ? normalizePhones(raw) || normalizePhonesInText(raw) : field === 'parents' ? normalizePhonesInText(raw) : raw;
    if (text !== '') notes.push(field === 'notes' ? text : `${FIELD_LABELS[field]}: ${text}`);
  };

  // --- ФИО ---------------------------------------------------------------
  const fio = first('fio');
  const parts = { surname: first('surname'), name: first('name'), patronymic: first('patronymic') };
  const hasPartText = parts.surname?.text || parts.name?.text || parts.patronymic?.text;
  let sex: Sex | null = null;

  if (fio !== null && (fio.text !== '' || !hasPartText)) {
    const r = parseFio(fio.text);
    if ('error' in r) issue(fio, 'fio', r.error);
    else {
      values.surname = r.surname;
      values.name = r.name;
      values.patronymic = r.patronymic;
      sex = r.sex;
      let warnings = r.warnings;
      // «Фамилия, имя» in one column and «Отчество» in another.
      const pat = parts.patronymic;
      if (r.patronymic === null && pat !== null && pat.text !== '') {
        values.patronymic = cleanNamePart(pat.text);
        warnings = warnings.filter((w) => w !== ROW_MESSAGES.noPatronymic);
        sex = guessSex(values);
      }
      for (const w of warnings) issue(fio, 'fio', w, 'warning');
    }
  } else {
    const sur = parts.surname;
    const nam = parts.name;
    const pat = parts.patronymic;
    // The whole ФИО typed into «Фамилия» with «Имя» and «Отчество» left empty.
    const whole = sur !== null && sur.text.split(' ').length >= 3 && !nam?.text && !pat?.text ? parseFio(sur.text) : null;
    if (whole !== null && !('error' in whole) && whole.patronymic !== null && !whole.patronymic.endsWith('.')) {
      values.surname = whole.surname;
      values.name = whole.name;
      values.patronymic = whole.patronymic;
      sex = whole.sex;
      issue(sur, 'surname', ROW_MESSAGES.wholeFioInSurname, 'warning');
    } else {
      const read = (key: 'surname' | 'name' | 'patronymic', cell: Cell | null): void => {
        if (cell === null || cell.text === '') {
          if (key === 'surname') issue(cell, 'surname', ROW_MESSAGES.noSurname);
          else if (key === 'name') issue(cell, 'name', ROW_MESSAGES.noName);
          else if (cell !== null) issue(cell, 'patronymic', ROW_MESSAGES.noPatronymic, 'warning');
          return;
        }
        if (/\d/u.test(cell.text)) {
          issue(cell, key, ROW_MESSAGES.digits(NAME_WORDS[key]), key === 'patronymic' ? 'warning' : 'error');
          if (key !== 'patronymic') return;
        }
        const cleaned = cleanNamePart(cell.text.replace(/\d+/gu, ''));
        if (cleaned === null) return;
        if (/[A-Za-z]/u.test(cleaned)) issue(cell, key, ROW_MESSAGES.latin(NAME_WORDS[key]), 'warning');
        else if (/[A-Za-z]/u.test(cell.text)) issue(cell, key, ROW_MESSAGES.lookalikes, 'warning');
        if (cleaned.endsWith('.')) {
          if (key === 'surname') {
            issue(cell, key, ROW_MESSAGES.surnameInitial);
            return;
          }
          issue(cell, key, key === 'name' ? ROW_MESSAGES.nameInitial : ROW_MESSAGES.patronymicInitial, 'warning');
        }
        values[key] = cleaned;
      };
      read('surname', sur);
      read('name', nam);
      read('patronymic', pat);
      sex = guessSex(values);
    }
  }

  // --- Дата рождения -------------------------------------------------------
  const bd = first('birthDate');
  const bdValue = bd === null ? null : plain(bd.raw);
  const bdResult = parseDate(typeof bdValue === 'string' || typeof bdValue === 'number' || bdValue instanceof Date ? bdValue : null, { referenceYear });
  if ('error' in bdResult) issue(bd, 'birthDate', bdResult.error);
  else {
    const latest = options.asOf ?? `${String(referenceYear).padStart(4, '0')}-12-31`;
    const earliest = addYears(options.asOf ?? `${String(referenceYear).padStart(4, '0')}-01-01`, -MAX_AGE_YEARS);
    if (bdResult.value > latest) issue(bd, 'birthDate', ROW_MESSAGES.futureBirthDate);
    else if (bdResult.value < earliest) issue(bd, 'birthDate', ROW_MESSAGES.oldBirthDate);
    else {
      values.birthDate = bdResult.value;
      if (bdResult.warning !== undefined) issue(bd, 'birthDate', bdResult.warning, 'warning');
    }
  }

  // --- Пол -----------------------------------------------------------------
  const g = first('gender');
  if (g !== null && g.text !== '') {
    const parsed = parseGender(g.text);
    if (parsed === null) issue(g, 'gender', ROW_MESSAGES.gender, 'warning');
    values.gender = parsed ?? sex;
  } else values.gender = sex;

  // --- СНИЛС ---------------------------------------------------------------
  const sn = first('snils');
  if (sn !== null && sn.text !== '') {
    const raw = plain(sn.raw);
    // A number cell lost its leading zeros: 00123456789 → 123456789.
    const text = typeof raw === 'number' && Number.isInteger(raw) && raw >= 0 && raw < 1e11 ? String(raw).padStart(11, '0') : sn.text;
    const r = validateSnils(text);
    if (r.ok) values.snils = r.value;
    else issue(sn, 'snils', r.message);
  }

  // --- Свидетельство о рождении -------------------------------------------
  const cert = first('birthCertificate');
  if (cert !== null && cert.text !== '') {
    const r = parseBirthCertificate(cert.text);
    if (r !== null) {
      values.birthCertSeries = r.series;
      values.birthCertNumber = r.number;
    } else {
      issue(cert, 'birthCertificate', ROW_MESSAGES.birthCertificate, 'warning');
      note('birthCertificate', cert.text);
    }
  }

  // --- Адреса --------------------------------------------------------------
  for (const field of ['addressRegistration', 'addressActual', 'addressResidence'] as const) {
    const a = first(field);
    if (a !== null && a.text !== '') values[field] = a.text;
  }

  // --- Класс / группа, организация ----------------------------------------
  const cls = first('classOrGroup');
  if (cls !== null && cls.text !== '') {
    const label = parseClassOrGroup(cls.text);
    if (label !== null) values.classLabel = label;
    else {
      issue(cls, 'classOrGroup', ROW_MESSAGES.classLabel, 'warning');
      note('classOrGroup', cls.text);
    }
  }

  // --- Приказ о зачислении, дата зачисления --------------------------------
  const ord = first('enrolmentOrder');
  if (ord !== null && ord.text !== '') {
    const r = parseOrder(ord.raw, referenceYear);
    if (r === null) {
      issue(ord, 'enrolmentOrder', ROW_MESSAGES.enrolmentOrder, 'warning');
      note('enrolmentOrder', ord.text);
    } else {
      values.enrolOrderNumber = r.number;
      values.enrolOrderDate = r.date;
      if (r.dateError !== undefined) issue(ord, 'enrolmentOrder', ROW_MESSAGES.orderDate(r.dateError), 'warning');
    }
  }
  const ed = first('enrolmentDate');
  if (ed !== null && ed.text !== '') {
    const v = plain(ed.raw);
    const r = parseDate(typeof v === 'number' || v instanceof Date ? v : ed.text, { referenceYear });
    if ('value' in r) values.enrolOrderDate ??= r.value;
    else issue(ed, 'enrolmentDate', ROW_MESSAGES.enrolmentDate(r.error), 'warning');
  }

  // --- Форма обучения ------------------------------------------------------
  const ef = first('educationForm');
  if (ef !== null && ef.text !== '') {
    const form = parseEducationForm(ef.text);
    if (form !== null) values.educationForm = form;
    else {
      issue(ef, 'educationForm', ROW_MESSAGES.educationForm, 'warning');
      note('educationForm', ef.text);
    }
  }

  // --- Notes: the rest, in column order (after what the parsing above left there) ---
  const noteCols = Object.entries(mapping)
    .map(([k, f]) => [Number(k), f] as const)
    .filter(([, f]) => f === 'notes' || f === 'organizationAndClass' || NOTE_FIELDS.has(f))
    .sort(([a], [b]) => a - b);
  for (const [col, field] of noteCols) {
    const cell = cellAt(col, field);
    if (cell.text === '') continue;
    if (field === 'organizationAndClass') {
      const { organization, classLabel } = splitOrganizationAndClass(cell.text);
      if (classLabel !== null) values.classLabel ??= classLabel;
      if (organization !== null) note('organization', organization);
      continue;
    }
    if (DATE_NOTE_FIELDS.has(field)) {
      const v = plain(cell.raw);
      const r = typeof v === 'number' ? parseDate(v) : null;
      note(field, r !== null && 'value' in r ? formatRuDate(r.value) : cell.text);
      continue;
    }
    note(field, cell.text);
  }
  values.notes = notes.length > 0 ? notes.join('; ') : null;

  return { values, issues };
}

/** «Строка 17, «Дата рождения»: «31.02.2015» — такой даты нет»; without a value: «Строка 4, «Фамилия»: нет фамилии». */
export function formatIssue(rowNumber: number, issue: CellIssue): string {
  const column = issue.column !== '' ? issue.column : issue.field !== null ? FIELD_LABELS[issue.field] : '';
  const where = column !== '' ? `Строка ${rowNumber}, «${column}»` : `Строка ${rowNumber}`;
  const value = issue.value.trim();
  return value !== '' ? `${where}: «${value}» — ${issue.message}` : `${where}: ${issue.message}`;
}
