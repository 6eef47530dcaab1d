import { CONTINUATION_LABELS, type ContinuationKind } from '../domain/movement';
import { PROFILES, findProfile } from '../profiles';
import { FIELD_LABELS as LIST_FIELD_LABELS } from '../intake/headers';
import { EDUCATION_FORMS } from '../domain/educationForms';
import { auditActionTitle, isCallName, contract } from './contract';
import { CONDITION_LABELS, FLAG_LABELS } from './registry';
import { ROLE_LABELS } from './roles';
import { ENTRY_KIND_LABELS, type EntryKind } from '../domain/schoolRegister';

/**
 * Журнал in Russian words. Services keep the details structured (JSON with English keys, numbers, ids), so
 * they can be filtered and checked; this one formatter turns an entry into what a person reads. Used by the
 * Журнал page (and anything else that shows entries).
 */

export interface AuditEntryLike {
  action: string;
  objectType: string;
  objectId: string | null;
  details: string | null;
}

/** Optional look-ups the caller has at hand (the page has the organizations). */
export interface AuditLookups {
  orgName?: (id: number) => string | undefined;
}

export interface AuditEntryText {
  action: string;
  object: string;
  details: string;
}

const OBJECT_TYPES: Record<string, string> = {
  organization: 'Организация',
  org: 'Организация',
  orgs: 'Организация',
  user: 'Пользователь',
  users: 'Пользователь',
  session: 'Сеанс',
  settings: 'Настройки',
  database: 'База данных',
  setup: 'База данных',
  backup: 'База данных',
  audit: 'Журнал',
  child: 'Ребёнок',
  children: 'Ребёнок',
  facts: 'Сведения о ребёнке',
  fact: 'Сведения о ребёнке',
  registry: 'Реестр',
  submission: 'Список',
  intake: 'Список',
  submissionRow: 'Строка списка',
  street: 'Улица',
  streets: 'Улица',
  merge: 'Объединение карточек',
  report: 'Форма отчёта',
  reports: 'Форма отчёта',
  printout: 'Выданный документ',
  schoolRegister: 'Внутришкольный учёт',
  attendance: 'Посещаемость (школа)',
  truancy: 'Пропуски занятий (школа)',
  movement: 'Движение обучающихся',
};

export function objectTypeTitle(type: string): string {
  return OBJECT_TYPES[type] ?? type;
}

const FACT_TYPES: Record<string, string> = {
  study: 'обучение',
  form: 'форма получения образования',
  address: 'адрес',
  representative: 'родитель (законный представитель)',
  condition: 'состояние здоровья',
  flag: 'отметка',
  attestation: 'аттестация',
};

/** Field names of a child, an organization, a user or the settings, as people call them. */
const FIELDS: Record<string, string> = {
  ...LIST_FIELD_LABELS,
  kind: 'вид',
  fullName: 'полное наименование',
  shortName: 'краткое наименование',
  address: 'адрес',
  headPosition: 'должность руководителя',
  headName: 'Ф.И.О. руководителя',
  active: 'действует',
  login: 'логин',
  displayName: 'Ф.И.О.',
  role: 'роль',
  orgId: 'организация',
  idleMinutes: 'блокировка через, мин',
  departmentName: 'наименование органа образования',
  profileId: 'порядок учёта',
  surname: 'фамилия',
  name: 'имя',
  patronymic: 'отчество',
  birthDate: 'дата рождения',
  gender: 'пол',
  snils: 'СНИЛС',
  birthCertSeries: 'серия свидетельства о рождении',
  birthCertNumber: 'номер свидетельства о рождении',
  hasSecondaryGeneral: 'имеет среднее общее образование',
  classLabel: 'класс',
};

const ROW_FILTERS: Record<string, string> = {
  all: 'все строки',
  errors: 'строки с ошибками',
  review: 'строки на проверке',
  new: 'новые дети',
  newClose: 'новые дети, похожие на известных',
  linked: 'связанные с известными детьми',
  excluded: 'не принимаемые строки',
  conflicts: 'расхождения',
};

const DECISIONS: Record<string, string> = { link: 'связать с известным ребёнком', new: 'новый ребёнок', notSame: 'это разные дети' };

const VALUES: Record<string, string> = {
  'recovery-code': 'код восстановления',
  password: 'пароль',
  csv: 'CSV',
  json: 'JSON',
  xlsx: 'Excel',
  ...ROLE_LABELS,
  ...FLAG_LABELS,
  ...CONDITION_LABELS,
  ...Object.fromEntries(EDUCATION_FORMS.map((f) => [f.id, f.label])),
};

function formTitle(id: string): string | undefined {
  for (const p of PROFILES) {
    const f = p.forms.find((x) => x.id === id);
    if (f) return f.title;
  }
  return undefined;
}

function listKindTitle(id: string): string | undefined {
  for (const p of PROFILES) {
    const k = p.listKinds.find((l) => l.id === id);
    if (k) return k.title;
  }
  return undefined;
}

const yesNo = (v: unknown) => (v === true ? 'да' : v === false ? 'нет' : undefined);

function value(v: unknown, look: AuditLookups): string {
  const b = yesNo(v);
  if (b) return b;
  if (v === null || v === undefined || v === '') return '—';
  if (Array.isArray(v)) return v.map((x) => (typeof x === 'string' ? (FIELDS[x] ?? FACT_TYPES[x] ?? value(x, look)) : value(x, look))).join(', ');
  if (typeof v === 'object') return `${Object.keys(v).length}`;
  if (typeof v === 'string') return VALUES[v] ?? findProfile(v)?.title ?? listKindTitle(v) ?? formTitle(v) ?? `«${v}»`;
  return String(v);
}

const number = (v: unknown) => (typeof v === 'number' || typeof v === 'string' ? `№ ${v}` : '—');
const org = (v: unknown, look: AuditLookups) => (typeof v === 'number' ? (look.orgName?.(v) ?? `№ ${v}`) : value(v, look));
const plain = (v: unknown) => (typeof v === 'string' ? v : String(v));
const factType = (v: unknown, look: AuditLookups) => (typeof v === 'string' ? (FACT_TYPES[v] ?? v) : value(v, look));

/**
 * Keys whose label or value depend on the key: «decision: link» → «решение: связать с известным ребёнком».
 * A key not listed here is shown with FIELDS' label (or as it is) and its value rendered generally.
 */
const KEYS: Record<string, { label: string; show?: (v: unknown, look: AuditLookups) => string }> = {
  call: { label: 'вызов', show: (v) => (typeof v === 'string' && isCallName(v) ? contract[v].title : plain(v)) },
  reason: { label: 'причина', show: plain },
  via: { label: 'способ', show: (v, look) => value(v, look) },
  profile: { label: 'порядок учёта' },
  fields: { label: 'поля' },
  changed: { label: 'изменены поля' },
  facts: { label: 'сведения', show: (v, look) => (Array.isArray(v) && v.length === 0 ? 'нет' : value(v, look)) },
  ok: { label: 'журнал цел' },
  count: { label: 'записей' },
  preview: { label: 'просмотр первой страницы' },
  reprint: { label: 'копия документа', show: number },
  seals: { label: 'сверен с печатями', show: (v) => (Array.isArray(v) && v.length ? v.join(', ') : 'нет') },
  shown: { label: 'показано' },
  total: { label: 'найдено' },
  withQuery: { label: 'поиск по тексту' },
  exported: { label: 'выгружено строк' },
  rows: { label: 'строк' },
  grid: { label: 'строк введено вручную' },
  file: { label: 'файл', show: (v) => `«${plain(v)}»` },
  from: { label: 'из файла', show: (v) => `«${plain(v)}»` },
  bytes: { label: 'размер, КиБ', show: (v) => (typeof v === 'number' ? (v / 1024).toFixed(0) : plain(v)) },
  sealedEntry: { label: 'печать журнала на записи', show: number },
  format: { label: 'формат' },
  kind: { label: 'вид' },
  orgId: { label: 'организация', show: org },
  mapping: { label: 'сопоставлено столбцов', show: (v) => (v && typeof v === 'object' ? String(Object.values(v).filter((x) => x !== null).length) : '—') },
  filter: { label: 'показаны', show: (v) => (typeof v === 'string' ? (ROW_FILTERS[v] ?? v) : '—') },
  row: { label: 'строка', show: number },
  fixed: { label: 'исправлены поля' },
  excluded: { label: 'не принимается' },
  decision: { label: 'решение', show: (v) => (typeof v === 'string' ? (DECISIONS[v] ?? v) : '—') },
  childId: { label: 'ребёнок', show: number },
  added: { label: 'добавлено', show: factType },
  ended: { label: 'окончено', show: (v, look) => (typeof v === 'number' ? `сведения № ${v}` : factType(v, look)) },
  corrected: { label: 'исправлено', show: factType },
  factId: { label: 'сведения', show: number },
  newFactId: { label: 'новые сведения', show: number },
  mergedId: { label: 'присоединённая карточка', show: number },
  mergeId: { label: 'объединение', show: number },
  fromMerged: { label: 'взято из присоединённой' },
  demo: { label: 'демонстрационная' },
  seed: { label: 'зерно генератора' },
  children: { label: 'детей' },
  form: { label: 'форма', show: (v, look) => (typeof v === 'string' ? (formTitle(v) ?? value(v, look)) : value(v, look)) },
  number: { label: 'номер', show: plain },
  asOf: { label: 'на дату', show: (v) => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v.split('-').reverse().join('.') : plain(v)) },
  copy: { label: 'повторная печать' },
  generation: { label: 'смена ключа №', show: plain },
  needNewPassword: { label: 'нужен новый пароль', show: (v) => (Array.isArray(v) && v.length ? v.join(', ') : 'никому') },
  newRecoveryCode: { label: 'выдан новый код восстановления' },
  // The internal school register (school.*): the kind of entry, never what it says.
  registerCard: { label: 'карта учёта' },
  entry: { label: 'запись', show: (v) => (typeof v === 'string' && v in ENTRY_KIND_LABELS ? ENTRY_KIND_LABELS[v as EntryKind] : plain(v)) },
  entryId: { label: 'номер записи', show: number },
  allPupils: { label: 'все обучающиеся школы' },
  replaces: { label: 'исправляет запись', show: number },
  overdueLetters: { label: 'обращений без ответа в срок' },
  month: { label: 'месяц', show: (v) => (typeof v === 'string' && /^\d{4}-\d{2}$/.test(v) ? v.split('-').reverse().join('.') : plain(v)) },
  classLabel: { label: 'класс', show: plain },
  origin: { label: 'способ ввода', show: (v) => (v === 'grid' ? 'ввод по классу' : v === 'file' ? 'отчёт электронного журнала' : plain(v)) },
  saved: { label: 'записано учеников' },
  applied: { label: 'применено' },
  rowsWithErrors: { label: 'строк с ошибками' },
  sha256: { label: 'SHA-256 файла', show: plain },
  schools: { label: 'школ' },
  movement: {
    label: 'движение',
    show: (v) =>
      (({ enrol: 'зачисление', expel: 'отчисление', continuation: 'продолжение образования', 'notice-sent': 'уведомление отправлено', leave15: 'оставление школы в 15 лет', 'first-grade': 'приём в 1 класс вне возраста' }) as Record<string, string>)[plain(v)] ?? plain(v),
  },
  studyId: { label: 'обучение', show: number },
  recordId: { label: 'запись', show: number },
  transfer: { label: 'в порядке перевода' },
  created: { label: 'новая карточка' },
  confirmed: { label: 'продолжение образования указано' },
  continuation: { label: 'где продолжает', show: (v) => CONTINUATION_LABELS[plain(v) as ContinuationKind] ?? plain(v) },
  periodFrom: { label: 'период с', show: (v) => (typeof v === 'string' ? v.split('-').reverse().join('.') : plain(v)) },
  periodTo: { label: 'по', show: (v) => (typeof v === 'string' ? v.split('-').reverse().join('.') : plain(v)) },
  events: { label: 'зачислений и отчислений' },
  pupils: { label: 'обучающихся' },
};

/** Keys that mean something else for one kind of object: a street's «name» is the street, not a child's name. */
const KEYS_BY_OBJECT: Record<string, Record<string, string>> = {
  street: { name: 'улица', locality: 'населённый пункт' },
};

/** «поле: значение; …»; an edit recorded as {было, стало} per field reads «поле: было → стало». */
export function auditDetailsText(details: string | null, look: AuditLookups = {}, objectType = ''): string {
  if (!details) return '';
  let parsed: unknown;
  try {
    parsed = JSON.parse(details);
  } catch {
    return details;
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return value(parsed, look);
  return Object.entries(parsed as Record<string, unknown>)
    .map(([k, v]) => {
      const key = KEYS[k];
      const label = KEYS_BY_OBJECT[objectType]?.[k] ?? key?.label ?? FIELDS[k] ?? k;
      if (v && typeof v === 'object' && !Array.isArray(v) && 'стало' in v) {
        const pair = v as { было?: unknown; стало?: unknown };
        const show = (x: unknown) => (k === 'orgId' ? org(x, look) : value(x, look));
        return `${label}: ${show(pair.было)} → ${show(pair.стало)}`;
      }
      return `${label}: ${key?.show ? key.show(v, look) : value(v, look)}`;
    })
    .join('; ');
}

/** An entry as a person reads it: the action, the object (kind and number) and the details, all in Russian. */
export function describeAuditEntry(e: AuditEntryLike, look: AuditLookups = {}): AuditEntryText {
  const type = objectTypeTitle(e.objectType);
  const form = e.objectType === 'report' && e.objectId ? formTitle(e.objectId) : undefined;
  const orgName = type === 'Организация' && e.objectId && /^\d+$/.test(e.objectId) ? look.orgName?.(Number(e.objectId)) : undefined;
  const object = form ? `${type} «${form}»` : orgName ? `${type} ${orgName}` : e.objectId === null ? type : /^\d+$/.test(e.objectId) ? `${type} № ${e.objectId}` : `${type} ${e.objectId}`;
  return { action: auditActionTitle(e.action), object, details: auditDetailsText(e.details, look, e.objectType) };
}
