/**
 * The labelled incoming list of the linkage benchmark: a school's «список обучающихся по классам» (Кстово,
 * приложение 2) whose every row has a known true identity.
 *
 * About 90% of the rows are children of the registry (whole families, school pupils first, so that twins and
 * siblings of one family come together as they do at a school); about 10% are children the registry does not
 * have: children of the demo generator run with another seed (same surnames, same streets), and children
 * grafted onto a registry family — a twin or a brother/sister with the family's surname, patronymic and
 * address, and a first name nobody in that family has. Every row then gets the errors people make, each
 * with its own fixed rate, and the rows are sorted by class and name as a school sends them.
 *
 * Pure and deterministic for the same registry and seed.
 */
import type { DemoItem } from '../../electron/demo/generate';
import { Random } from '../../electron/demo/random';
import { type IsoDate, addDays, compareIso, formatRuDate, isValidIsoDate, isoParts } from '../../shared/domain/dates';
import { normalizeName } from '../../shared/domain/names';
import { nameSpellingKey } from '../../shared/intake/firstNames';

/** A registry child as the benchmark reads it from the database. */
export interface RegistryChild {
  id: number;
  surname: string;
  name: string;
  patronymic: string | null;
  birthDate: IsoDate;
  gender: 'm' | 'f' | null;
  /** Class at the child's school now; null when the child is not at a school. */
  classLabel: string | null;
  /** «№ 12-у от 28.08.2019»: the current enrolment order, when there is one. */
  order: string | null;
  /** Registration (or stay) address as the registry keeps it. */
  address: string | null;
  /** Address + first representative: children of one family share it. */
  family: string;
}

interface Person {
  surname: string;
  name: string;
  patronymic: string | null;
  birthDate: IsoDate;
  gender: 'm' | 'f' | null;
  classLabel: string;
  order: string;
  address: string;
}

/**
 * registryTwin: a registry child whose twin is in the registry too; outsideSibling / outsideTwin: a child not in
 * the registry grafted onto a registry family; outside: a child of another family not in the registry.
 */
export type Group = 'registry' | 'registryTwin' | 'outside' | 'outsideSibling' | 'outsideTwin';

export const GROUP_TITLES: Record<Group, string> = {
  registry: 'ребёнок из реестра',
  registryTwin: 'близнец из реестра (второй тоже в реестре)',
  outside: 'нет в реестре (другая семья)',
  outsideSibling: 'нет в реестре: брат/сестра ребёнка реестра',
  outsideTwin: 'нет в реестре: близнец ребёнка реестра',
};

/**
 * Share of rows each error is applied to (independently; a row may have several). «ё → е» and another spelling of
 * the first name count among the rows that have an «ё» or a name with another spelling.
 */
export const ERROR_RATES = {
  yo: 0.5,
  upper: 0.08,
  spaces: 0.1,
  surnameTypo: 0.03,
  nameTypo: 0.02,
  patronymicTypo: 0.02,
  noPatronymic: 0.03,
  patronymicInitial: 0.02,
  nameFirst: 0.03,
  dayMonthSwapped: 0.01,
  dateDay: 0.01,
  dateYear: 0.01,
  dateDigit: 0.01,
  shortDate: 0.05,
  latin: 0.02,
  address: 0.3,
  nameVariant: 0.1,
} as const;
export type ErrorKind = keyof typeof ERROR_RATES;

export const ERROR_TITLES: Record<ErrorKind, string> = {
  yo: 'ё написана как е',
  upper: 'ФИО заглавными буквами',
  spaces: 'лишние пробелы',
  surnameTypo: 'опечатка в фамилии (буква пропущена, удвоена, переставлена, соседняя клавиша)',
  nameTypo: 'опечатка в имени (Дмтрий, Лионид, Маиря, Глб)',
  patronymicTypo: 'опечатка в отчестве',
  noPatronymic: 'нет отчества',
  patronymicInitial: 'отчество инициалом',
  nameFirst: 'порядок «Имя Отчество Фамилия»',
  dayMonthSwapped: 'день и месяц переставлены',
  dateDay: 'дата рождения на день раньше или позже',
  dateYear: 'год рождения на 1 больше или меньше',
  dateDigit: 'неверная или переставленная цифра дня, месяца или года',
  shortDate: 'дата «1.2.15» (год двумя цифрами)',
  latin: 'латинские буквы, похожие на русские',
  address: 'адрес записан иначе («улица», без квартиры…)',
  nameVariant: 'другое написание имени (Софья, Данил)',
};

/**
 * Spellings of one first name that both appear in documents: a school may write the other one. Applied to rows
 * whose name has a variant (the rate is among those rows, as for «ё»).
 */
const NAME_VARIANTS: Readonly<Record<string, string>> = {
  София: 'Софья',
  Софья: 'София',
  Дарья: 'Дария',
  Наталья: 'Наталия',
  Мария: 'Марья',
  Даниил: 'Данил',
  Данил: 'Даниил',
};

/** The columns of приложение 2, in its order. */
export const LIST_HEADER = ['№ п/п', 'Фамилия, имя, отчество ребенка (полностью)', 'Дата рождения', 'Класс/ группа', 'Приказ о зачислении', 'Адрес места жительства'];

export interface LabelledRow {
  /** 1-based number of the data row (the header and the lines above it not counted), as intake numbers rows. */
  rowNo: number;
  /** The registry child the row names; null when the child is not in the registry. */
  truth: number | null;
  /** Rows naming the same child share it (registry id, or the outside child's own key). */
  identity: string;
  group: Group;
  errors: ErrorKind[];
  /** № п/п, ФИО, date (a Date is written as an Excel date cell), class, order, address. */
  cells: [number, string, string | Date, string, string, string];
}

export interface ListPlan {
  rows: LabelledRow[];
  /** Children of the other seed left out because the registry has a child with the same ФИО and birth date. */
  namesakesSkipped: number;
}

/** Ages 7–17 on 1 September 2026: the pupils of a school. */
const SCHOOL_AGE_FROM: IsoDate = '2008-09-02';
const SCHOOL_AGE_TO: IsoDate = '2019-09-01';
const LIST_DAY: IsoDate = '2026-09-01';

const schoolAge = (d: IsoDate): boolean => compareIso(d, SCHOOL_AGE_FROM) >= 0 && compareIso(d, SCHOOL_AGE_TO) <= 0;

export function identityKey(p: { surname: string; name: string; patronymic: string | null; birthDate: string }): string {
  return `${normalizeName(p.surname)}|${normalizeName(p.name)}|${normalizeName(p.patronymic ?? '')}|${p.birthDate}`;
}

function shuffle<T>(items: T[], rng: Random): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

const LETTERS = ['А', 'Б', 'В', 'Г'];

function classFor(birth: IsoDate, rng: Random): string {
  const b = isoParts(birth);
  let age = 2026 - b.year;
  if (b.month > 9 || (b.month === 9 && b.day > 1)) age -= 1;
  const grade = Math.min(11, Math.max(1, age - 6));
  return `${grade}${rng.pick(LETTERS)}`;
}

function orderFor(rng: Random): string {
  return `№ ${rng.int(1, 220)}-у от ${formatRuDate(addDays(LIST_DAY, -rng.int(1, 12) - 365 * rng.int(0, 8)))}`;
}

function fromItem(item: DemoItem, rng: Random): Person {
  const address = item.facts.find((f) => f.type === 'address' && (f.kind === 'registration' || f.kind === 'stay'));
  const study = item.facts.find((f) => f.type === 'study');
  const c = item.child;
  return {
    surname: c.surname,
    name: c.name,
    patronymic: c.patronymic ?? null,
    birthDate: c.birthDate,
    gender: c.gender === 'm' || c.gender === 'f' ? c.gender : null,
    classLabel: study?.type === 'study' && study.classLabel && /^\d/u.test(study.classLabel) ? study.classLabel : classFor(c.birthDate, rng),
    order:
      study?.type === 'study' && study.enrolOrderNumber && study.enrolOrderDate ? `№ ${study.enrolOrderNumber} от ${formatRuDate(study.enrolOrderDate)}` : orderFor(rng),
    address: address?.type === 'address' ? address.text : '',
  };
}

function fromRegistry(c: RegistryChild, rng: Random): Person {
  return {
    surname: c.surname,
    name: c.name,
    patronymic: c.patronymic,
    birthDate: c.birthDate,
    gender: c.gender,
    classLabel: c.classLabel && /^\d/u.test(c.classLabel) ? c.classLabel : classFor(c.birthDate, rng),
    order: c.order ?? orderFor(rng),
    address: c.address ?? '',
  };
}

// ---------- errors ----------

const LATIN: Readonly<Record<string, string>> = {
  а: 'a', е: 'e', о: 'o', р: 'p', с: 'c', х: 'x', у: 'y', к: 'k',
  А: 'A', Е: 'E', О: 'O', Р: 'P', С: 'C', Х: 'X', У: 'Y', К: 'K', М: 'M', Т: 'T', В: 'B', Н: 'H',
};
const CYRILLIC_LOWER = 'абвгдежзийклмнопрстуфхцчшщыэюя';

/** One or two Cyrillic letters replaced by the Latin letters that look the same. */
function latinize(word: string, rng: Random): string {
  const chars = [...word];
  const at = chars.map((c, i) => (LATIN[c] ? i : -1)).filter((i) => i >= 0);
  if (at.length === 0) return word;
  const n = Math.min(at.length, rng.chance(0.6) ? 1 : 2);
  for (const i of shuffle(at, rng).slice(0, n)) chars[i] = LATIN[chars[i]!]!;
  return chars.join('');
}

/** Letters beside each letter on the Russian keyboard (ЙЦУКЕН), the mistyped key of a hurried hand. */
const KEY_ROWS = ['йцукенгшщзхъ', 'фывапролджэ', 'ячсмитьбю'];
const NEIGHBOURS: ReadonlyMap<string, string[]> = new Map(
  KEY_ROWS.flatMap((row) => [...row].map((c, i): [string, string[]] => [c, [row[i - 1], row[i + 1]].filter((x): x is string => x !== undefined)])),
);

/**
 * One typing error in a word (not its first letter): a letter left out (Дмтрий), doubled (Иваанов), two letters
 * swapped (Маиря) or a neighbouring key struck (Ифанова), sometimes a vowel heard wrong (Лионид, Мехаил).
 */
function typo(word: string, rng: Random): string {
  const chars = [...word];
  if (chars.length < 3) return word;
  for (let attempt = 0; attempt < 20; attempt++) {
    const i = rng.int(1, chars.length - 1);
    const out = [...chars];
    const r = rng.next();
    const lower = chars[i]!.toLowerCase();
    if (r < 0.25) out.splice(i, 1);
    else if (r < 0.4) out.splice(i, 0, chars[i]!);
    else if (r < 0.6 && i + 1 < chars.length) [out[i], out[i + 1]] = [chars[i + 1]!, chars[i]!];
    else if (r < 0.85 && NEIGHBOURS.has(lower)) out[i] = rng.pick(NEIGHBOURS.get(lower)!);
    else if ('аеиоуяюэы'.includes(lower)) out[i] = rng.pick([...'аеиоя'].filter((v) => v !== lower));
    else out[i] = rng.pick([...CYRILLIC_LOWER]);
    const s = out.join('');
    if (normalizeName(s) !== normalizeName(word)) return s;
  }
  return word;
}

function swapDayMonth(iso: IsoDate): IsoDate | null {
  const { year, month, day } = isoParts(iso);
  if (day > 12 || day === month) return null;
  return `${year}-${String(day).padStart(2, '0')}-${String(month).padStart(2, '0')}`;
}

/**
 * One digit of ДД.ММ.ГГГГ changed (day, month or the last two of the year), or the two digits of the day or of
 * the year swapped (12 → 21), so that the date still exists.
 */
function wrongDigit(iso: IsoDate, rng: Random): IsoDate | null {
  const ru = formatRuDate(iso); // ДД.ММ.ГГГГ
  const positions = [0, 1, 3, 4, 8, 9];
  for (let attempt = 0; attempt < 40; attempt++) {
    let s: string;
    if (rng.chance(0.25)) {
      const p = rng.pick([0, 8]);
      s = ru.slice(0, p) + ru[p + 1] + ru[p] + ru.slice(p + 2);
      if (s === ru) continue;
    } else {
      const p = rng.pick(positions);
      const digit = String(rng.int(0, 9));
      if (ru[p] === digit) continue;
      s = ru.slice(0, p) + digit + ru.slice(p + 1);
    }
    const candidate = `${s.slice(6, 10)}-${s.slice(3, 5)}-${s.slice(0, 2)}`;
    if (!isValidIsoDate(candidate) || candidate > LIST_DAY || candidate < '2004-01-01' || candidate === swapDayMonth(iso)) continue;
    return candidate;
  }
  return null;
}

/** The year written one more or one less (the day and month right). */
function yearOff(iso: IsoDate, rng: Random): IsoDate | null {
  const { year, month, day } = isoParts(iso);
  const y = year + (rng.chance(0.5) ? 1 : -1);
  const s = `${y}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return isValidIsoDate(s) && s <= LIST_DAY ? s : null;
}

/** The ways people write an address the registry keeps as «г. Кстово, ул. Ленина, д. 5, кв. 12». */
function rewriteAddress(a: string, rng: Random): string | null {
  const variants: ((s: string) => string)[] = [
    (s) => s.replace(/(^|, )ул\. /u, '$1улица ').replace(/, д\. /u, ', дом ').replace(/, кв\. /u, ', квартира ').replace(/(^|, )пер\. /u, '$1переулок '),
    (s) => s.replace(/, д\. ([^,]+)(?:, корп\. [^,]+)?, кв\. (\d+)$/u, ', $1-$2').replace(/, д\. /u, ', '),
    (s) => `Нижегородская обл., Кстовский р-н, ${s}`,
    (s) => s.replace(/^(г|с|д|п)\. /u, '$1.').replace(/, (ул|пер|пл)\. /u, ', $1.').replace(/, д\. /u, ', д.').replace(/, кв\. /u, ', кв.'),
  ];
  if (/, кв\. \d+$/u.test(a)) variants.push((s) => s.replace(/, кв\. \d+$/u, ''));
  const s = rng.pick(variants)(a);
  return s === a ? null : s;
}

/** ФИО, date, class, order, address: a row's cells after № п/п. */
type DataCells = [string, string | Date, string, string, string];

/** A person as a sender wrote them: every part with its errors, and the ways to write it in a list. */
export interface Written {
  surname: string;
  name: string;
  patronymic: string | null;
  /** ФИО in one cell as written (order, case, spaces). */
  fio: string;
  /** The birth date the row says (after the date errors). */
  birth: IsoDate;
  /** As the cell holds it: «ДД.ММ.ГГГГ», «1.2.15» or an Excel date. */
  date: string | Date;
  address: string;
  errors: ErrorKind[];
}

/** Applies every error at its rate (independently: a row may have several). */
export function distort(p: Pick<Person, 'surname' | 'name' | 'patronymic' | 'birthDate' | 'address'>, rng: Random): Written {
  const errors: ErrorKind[] = [];
  let surname = p.surname;
  let name = p.name;
  let patronymic = p.patronymic;
  let birth = p.birthDate;
  const words = `${surname} ${name} ${patronymic ?? ''}`;
  if (/[ёЁ]/u.test(words) && rng.chance(ERROR_RATES.yo)) {
    const noYo = (s: string) => s.replace(/ё/gu, 'е').replace(/Ё/gu, 'Е');
    surname = noYo(surname);
    name = noYo(name);
    patronymic = patronymic === null ? null : noYo(patronymic);
    errors.push('yo');
  }
  const variant = NAME_VARIANTS[name];
  if (variant !== undefined && rng.chance(ERROR_RATES.nameVariant)) {
    name = variant;
    errors.push('nameVariant');
  }
  if (rng.chance(ERROR_RATES.surnameTypo)) {
    const t = typo(surname, rng);
    if (t !== surname) {
      surname = t;
      errors.push('surnameTypo');
    }
  }
  if (rng.chance(ERROR_RATES.nameTypo)) {
    const t = typo(name, rng);
    if (t !== name) {
      name = t;
      errors.push('nameTypo');
    }
  }
  if (patronymic !== null && rng.chance(ERROR_RATES.patronymicTypo)) {
    const t = typo(patronymic, rng);
    if (t !== patronymic) {
      patronymic = t;
      errors.push('patronymicTypo');
    }
  }
  if (rng.chance(ERROR_RATES.latin)) {
    const s = latinize(surname, rng);
    const n = rng.chance(0.5) ? latinize(name, rng) : name;
    if (s !== surname || n !== name) {
      surname = s;
      name = n;
      errors.push('latin');
    }
  }
  if (patronymic !== null && rng.chance(ERROR_RATES.noPatronymic)) {
    patronymic = null;
    errors.push('noPatronymic');
  } else if (patronymic !== null && rng.chance(ERROR_RATES.patronymicInitial)) {
    patronymic = `${patronymic[0]}.`;
    errors.push('patronymicInitial');
  }
  let parts = [surname, name, ...(patronymic === null ? [] : [patronymic])];
  if (rng.chance(ERROR_RATES.nameFirst)) {
    parts = [name, ...(patronymic === null ? [] : [patronymic]), surname];
    errors.push('nameFirst');
  }
  if (rng.chance(ERROR_RATES.upper)) {
    parts = parts.map((w) => w.toUpperCase());
    surname = surname.toUpperCase();
    name = name.toUpperCase();
    patronymic = patronymic?.toUpperCase() ?? null;
    errors.push('upper');
  }
  let fio = parts.join(' ');
  if (rng.chance(ERROR_RATES.spaces)) {
    // Leading and trailing spaces, and two or three between the first two words.
    fio = `${rng.chance(0.5) ? ' ' : ''}${parts.map((w, i) => (i === 0 ? '' : ' '.repeat(i === 1 ? rng.int(2, 3) : rng.int(1, 3))) + w).join('')}  `;
    errors.push('spaces');
  }

  if (rng.chance(ERROR_RATES.dayMonthSwapped)) {
    const s = swapDayMonth(birth);
    if (s !== null) {
      birth = s;
      errors.push('dayMonthSwapped');
    }
  }
  if (rng.chance(ERROR_RATES.dateDay)) {
    const s = addDays(birth, rng.chance(0.5) ? 1 : -1);
    if (s <= LIST_DAY) {
      birth = s;
      errors.push('dateDay');
    }
  }
  if (rng.chance(ERROR_RATES.dateYear)) {
    const s = yearOff(birth, rng);
    if (s !== null) {
      birth = s;
      errors.push('dateYear');
    }
  }
  if (rng.chance(ERROR_RATES.dateDigit)) {
    const s = wrongDigit(birth, rng);
    if (s !== null) {
      birth = s;
      errors.push('dateDigit');
    }
  }
  let date: string | Date;
  if (rng.chance(ERROR_RATES.shortDate)) {
    const { year, month, day } = isoParts(birth);
    date = `${day}.${month}.${String(year % 100).padStart(2, '0')}`;
    errors.push('shortDate');
  } else if (rng.chance(0.5)) {
    const { year, month, day } = isoParts(birth);
    date = new Date(Date.UTC(year, month - 1, day));
  } else {
    date = formatRuDate(birth);
  }

  let address = p.address;
  if (address !== '' && rng.chance(ERROR_RATES.address)) {
    const a = rewriteAddress(address, rng);
    if (a !== null) {
      address = a;
      errors.push('address');
    }
  }
  return { surname, name, patronymic, fio, birth, date, address, errors };
}

function applyErrors(p: Person, rng: Random): { cells: DataCells; errors: ErrorKind[] } {
  const w = distort(p, rng);
  return { cells: [w.fio, w.date, p.classLabel, p.order, w.address], errors: w.errors };
}

// ---------- the list ----------

interface Planned {
  person: Person;
  truth: number | null;
  identity: string;
  group: Group;
}

/**
 * Picks the rows and applies the errors. `registry` is every active registry child; `outsideItems` the demo
 * generator's children for another seed (only school-age ones are used; consumed lazily).
 */
export function planList(registry: readonly RegistryChild[], outsideItems: Iterable<DemoItem>, rows: number, seed: number): ListPlan {
  const rng = new Random(seed);
  const inRegistry = Math.round(rows * 0.9);
  const outside = rows - inRegistry;
  const grafted = Math.round(outside * 0.4);
  const graftedTwins = Math.round(grafted * 0.3);

  const families = new Map<string, RegistryChild[]>();
  for (const c of registry) {
    const f = families.get(c.family);
    if (f) f.push(c);
    else families.set(c.family, [c]);
  }
  const known = new Set(registry.map(identityKey));
  // Spellings of one name count as one: no family names twins София and Софья.
  const spelling = (name: string) => nameSpellingKey(normalizeName(name));
  const familyNames = (family: string): Set<string> => new Set((families.get(family) ?? []).map((c) => spelling(c.name)));

  // Registry children: whole families in a seeded order, pupils of a school first, then any child of school age.
  const order = shuffle([...families.keys()], rng);
  const picked: RegistryChild[] = [];
  const used = new Set<number>();
  const passes: ((c: RegistryChild) => boolean)[] = [(c) => c.classLabel !== null && /^\d/u.test(c.classLabel), (c) => schoolAge(c.birthDate), () => true];
  for (const pass of passes) {
    for (const key of order) {
      if (picked.length >= inRegistry) break;
      for (const c of families.get(key)!) {
        if (picked.length >= inRegistry) break;
        if (!used.has(c.id) && pass(c)) {
          picked.push(c);
          used.add(c.id);
        }
      }
    }
  }
  const planned: Planned[] = picked.map((c) => {
    const twin = families.get(c.family)!.some((o) => o.id !== c.id && o.birthDate === c.birthDate);
    return { person: fromRegistry(c, rng), truth: c.id, identity: `r${c.id}`, group: twin ? 'registryTwin' : 'registry' };
  });

  // Children of another seed: whole families (consecutive items at one address) of school age.
  let namesakesSkipped = 0;
  let outsideNo = 0;
  const spare: { m: Person[]; f: Person[] } = { m: [], f: [] };
  let plain = 0;
  let family: Person[] = [];
  let familyAddress: string | null = null;
  const flush = () => {
    for (const p of family) {
      if (plain < outside - grafted) {
        planned.push({ person: p, truth: null, identity: `o${++outsideNo}`, group: 'outside' });
        plain += 1;
      } else if (p.gender) spare[p.gender].push(p);
    }
    family = [];
  };
  for (const item of outsideItems) {
    const p = fromItem(item, rng);
    if (p.address !== familyAddress) flush();
    familyAddress = p.address;
    if (!schoolAge(p.birthDate)) continue;
    if (known.has(identityKey(p))) {
      namesakesSkipped += 1;
      continue;
    }
    family.push(p);
    if (plain >= outside - grafted && spare.m.length + spare.f.length >= grafted * 3) break;
  }
  flush();

  // Grafted onto registry families: a twin or a brother/sister nobody registered, with the family's surname,
  // patronymic and address and a first name no child of that family has. Anchors are children on the list.
  let twins = 0;
  let siblings = 0;
  const anchors = shuffle([...picked], rng);
  for (const anchor of anchors) {
    if (twins + siblings >= grafted) break;
    if (!anchor.gender || !anchor.address) continue;
    const wantTwin = twins < graftedTwins;
    let birth: IsoDate | null = anchor.birthDate;
    if (!wantTwin) {
      const gap = rng.int(550, 2600);
      const later = addDays(anchor.birthDate, gap);
      const earlier = addDays(anchor.birthDate, -gap);
      birth = rng.chance(0.5) ? (schoolAge(later) ? later : schoolAge(earlier) ? earlier : null) : schoolAge(earlier) ? earlier : schoolAge(later) ? later : null;
    }
    if (birth === null) continue;
    const names = familyNames(anchor.family);
    const pool = spare[anchor.gender];
    const k = pool.findIndex((p) => !names.has(spelling(p.name)));
    if (k < 0) continue;
    const donor = pool.splice(k, 1)[0]!;
    const person: Person = {
      surname: anchor.surname,
      name: donor.name,
      patronymic: anchor.patronymic,
      birthDate: birth,
      gender: anchor.gender,
      classLabel: wantTwin ? (anchor.classLabel && /^\d/u.test(anchor.classLabel) ? anchor.classLabel : classFor(birth, rng)) : classFor(birth, rng),
      order: orderFor(rng),
      address: anchor.address,
    };
    if (known.has(identityKey(person))) {
      namesakesSkipped += 1;
      continue;
    }
    names.add(spelling(person.name));
    planned.push({ person, truth: null, identity: `o${++outsideNo}`, group: wantTwin ? 'outsideTwin' : 'outsideSibling' });
    if (wantTwin) twins += 1;
    else siblings += 1;
  }

  // As a school sends it: by class (grade, then letter), then by name.
  const collator = new Intl.Collator('ru');
  const grade = (label: string) => Number(/^\d+/u.exec(label)?.[0] ?? 99);
  const withErrors = planned.map((p) => ({ p, e: applyErrors(p.person, rng) }));
  withErrors.sort(
    (a, b) =>
      grade(a.p.person.classLabel) - grade(b.p.person.classLabel) ||
      collator.compare(a.p.person.classLabel, b.p.person.classLabel) ||
      collator.compare(a.e.cells[0].trim(), b.e.cells[0].trim()),
  );
  return {
    rows: withErrors.map(({ p, e }, i) => ({
      rowNo: i + 1,
      truth: p.truth,
      identity: p.identity,
      group: p.group,
      errors: e.errors,
      cells: [i + 1, ...e.cells],
    })),
    namesakesSkipped,
  };
}

// ---------- a chain of lists from different senders (issue 8) ----------

export type Sender = 'school' | 'migration' | 'police' | 'hospital';

/** Who sends, which list kind of the ЗАТО Свободный profile, and how the file is laid out and encoded. */
export const SENDERS: readonly { sender: Sender; orgKind: string; listKind: string; title: string; share: number; schoolAgeOnly: boolean }[] = [
  { sender: 'school', orgKind: 'school', listKind: 'school-pupils', title: 'школа: «;», UTF-8, ФИО в одном столбце', share: 0.95, schoolAgeOnly: true },
  { sender: 'migration', orgKind: 'migration', listKind: 'migration-registered', title: 'миграционный пункт: «;», Windows-1251', share: 0.6, schoolAgeOnly: false },
  { sender: 'police', orgKind: 'police', listKind: 'police-unregistered', title: 'полиция: «,», UTF-8 с BOM, ФИО в одном столбце', share: 0.03, schoolAgeOnly: false },
  { sender: 'hospital', orgKind: 'hospital', listKind: 'hospital-population', title: 'больница: Фамилия/Имя/Отчество отдельно, даты ГГГГ-ММ-ДД', share: 0.7, schoolAgeOnly: false },
];

export interface ChainRow {
  rowNo: number;
  /** The true child (one per child of the population). */
  identity: string;
  written: Written;
  classLabel: string;
}

export interface ChainList {
  sender: Sender;
  rows: ChainRow[];
}

/**
 * The population of a municipality (every child of the demo generator for one seed, twins and siblings
 * included) and the lists its senders make of it, each child on a list with the sender's share and the errors
 * of ERROR_RATES written anew for each list. The registry starts empty, as for a new user: the first list
 * creates the children, every later one must find them.
 */
export function planChain(items: Iterable<DemoItem>, seed: number): { lists: ChainList[]; people: number } {
  const rng = new Random(seed);
  const people: { identity: string; person: Person }[] = [];
  for (const item of items) people.push({ identity: `p${people.length + 1}`, person: fromItem(item, rng) });
  const collator = new Intl.Collator('ru');
  const lists = SENDERS.map(({ sender, share, schoolAgeOnly }) => {
    const chosen = people.filter((p) => (!schoolAgeOnly || schoolAge(p.person.birthDate)) && rng.chance(share));
    const rows = chosen.map((p) => {
      const written = distort(p.person, rng);
      // Separate name columns and ISO dates: the one-cell errors do not reach this file.
      if (sender === 'hospital') written.errors = written.errors.filter((e) => e !== 'shortDate' && e !== 'nameFirst' && e !== 'spaces');
      return { identity: p.identity, written, classLabel: p.person.classLabel };
    });
    rows.sort((a, b) => collator.compare(a.written.fio.trim(), b.written.fio.trim()));
    return { sender, rows: rows.map((r, i) => ({ ...r, rowNo: i + 1 })) };
  });
  return { lists, people: people.length };
}

/** Windows-1251 bytes of a string (Cyrillic, Ё/ё, №, «», ASCII): the encoding of many district offices. */
export function windows1251(s: string): Buffer {
  const special: Record<number, number> = { 0x401: 0xa8, 0x451: 0xb8, 0x2116: 0xb9, 0xab: 0xab, 0xbb: 0xbb };
  const out = Buffer.alloc(s.length);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    out[i] = c < 0x80 ? c : c >= 0x410 && c <= 0x44f ? c - 0x350 : (special[c] ?? 0x3f);
  }
  return out;
}

const ruDate = (d: string | Date): string => (d instanceof Date ? formatRuDate(d.toISOString().slice(0, 10)) : d);
const csvCell = (v: string, sep: string): string => (v.includes(sep) || v.includes('"') || v.includes('\n') ? `"${v.replaceAll('"', '""')}"` : v);

/** The file a sender makes of its list, in its own layout and encoding. */
export function chainFile(list: ChainList): { name: string; bytes: Buffer } {
  const line = (cells: string[], sep: string) => cells.map((c) => csvCell(c, sep)).join(sep);
  switch (list.sender) {
    case 'school': {
      const lines = [line(['№', 'Фамилия, имя, отчество', 'Дата рождения', 'Класс', 'Адрес места жительства'], ';')];
      for (const r of list.rows) lines.push(line([String(r.rowNo), r.written.fio, ruDate(r.written.date), r.classLabel, r.written.address], ';'));
      return { name: 'Обучающиеся СШ 25.csv', bytes: Buffer.from(lines.join('\r\n'), 'utf8') };
    }
    case 'migration': {
      const lines = [line(['№ п/п', 'ФИО', 'Дата рождения', 'Адрес регистрации'], ';')];
      for (const r of list.rows) lines.push(line([String(r.rowNo), r.written.fio, ruDate(r.written.date), r.written.address], ';'));
      return { name: 'Зарегистрированные дети.csv', bytes: windows1251(lines.join('\r\n')) };
    }
    case 'police': {
      const lines = [line(['№', 'ФИО', 'Дата рождения', 'Адрес фактического проживания'], ',')];
      for (const r of list.rows) lines.push(line([String(r.rowNo), r.written.fio, ruDate(r.written.date), r.written.address], ','));
      return { name: 'Проживающие без регистрации.csv', bytes: Buffer.from(`\uFEFF${lines.join('\r\n')}`, 'utf8') };
    }
    case 'hospital': {
      const lines = [line(['№', 'Фамилия', 'Имя', 'Отчество', 'Дата рождения', 'Адрес'], ';')];
      for (const r of list.rows) lines.push(line([String(r.rowNo), r.written.surname, r.written.name, r.written.patronymic ?? '', r.written.birth, r.written.address], ';'));
      return { name: 'Детское население.csv', bytes: Buffer.from(lines.join('\r\n'), 'utf8') };
    }
  }
}
