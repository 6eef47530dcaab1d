/**
 * Record linkage scoring in the manner of Fellegi–Sunter / Splink.
 *
 * Each field of a candidate pair falls into one comparison level; each level has
 * m = P(level | same child) and u = P(level | different children). The match weight is
 * log2 of the prior odds plus the sum of log2(m/u) over fields (a missing value adds 0).
 * m and u are written down below, set by hand from the shape of the data (200,000
 * children, 18 birth cohorts, name frequencies) — to be re-estimated on the labelled
 * benchmark, not learned at run time, so every decision stays explainable.
 *
 * Guards on top of the weights: some pairs are never linked automatically whatever the
 * score (twins: same surname, patronymic, birth date and address, different first name).
 */
import { isValidIsoDate, type IsoDate } from '../domain/dates';
import { editDistanceWithin } from '../domain/editDistance';
import { normalizeName } from '../domain/names';
import { FEMALE_FIRST_NAMES, MALE_FIRST_NAMES, nameSpellingKey } from './firstNames';
import { jaroWinkler } from './jaroWinkler';
import { phoneticKeyOfNormalized } from './phonetic';

export interface LinkageRecord {
  surname?: string | null;
  name?: string | null;
  patronymic?: string | null;
  birthDate?: IsoDate | null;
  sex?: 'm' | 'f' | null;
  snils?: string | null;
  /** Any addresses known (registration, actual, residence): the best-agreeing pair counts. */
  addresses?: readonly (string | null | undefined)[];
}

export type NameLevel = 'exact' | 'similar' | 'phonetic' | 'initial' | 'different' | 'missing';
export type DateLevel = 'exact' | 'swapped' | 'oneDay' | 'oneYear' | 'oneDigit' | 'yearMonth' | 'different' | 'missing';
export type SexLevel = 'equal' | 'different' | 'missing';
export type SnilsLevel = 'exact' | 'different' | 'missing';
export type AddressLevel = 'exact' | 'similar' | 'different' | 'missing';

export type LinkField = 'surname' | 'name' | 'patronymic' | 'birthDate' | 'sex' | 'snils' | 'address';
export type LinkOutcome = 'auto' | 'review' | 'new';

interface MU {
  readonly m: number;
  readonly u: number;
}

/** Jaro–Winkler similarity from which two names count as «similar» (a typo). */
export const JARO_WINKLER_THRESHOLD = 0.92;

/**
 * Prior probability that two records picked at random are the same child: one in the
 * largest registry the product is sized for. A smaller registry may pass its own
 * (1 / number of children), which raises every score by the same amount.
 */
export const PRIOR_MATCH_PROBABILITY = 1 / 200_000;

/** Match weight (bits) at or above which a pair is linked automatically: posterior ≥ 0.999. */
export const AUTO_LINK_THRESHOLD = 10;
/** Match weight (bits) at or above which a pair goes to review: posterior ≥ 0.5. */
export const REVIEW_THRESHOLD = 0;

/** m and u of every comparison level. 'missing' levels are not listed: they weigh 0. */
export const COMPARISON_LEVELS = {
  surname: {
    exact: { m: 0.88, u: 0.003 },
    similar: { m: 0.06, u: 0.005 },
    phonetic: { m: 0.03, u: 0.003 },
    initial: { m: 0.001, u: 0.001 },
    different: { m: 0.029, u: 0.989 },
  },
  name: {
    exact: { m: 0.92, u: 0.02 },
    similar: { m: 0.04, u: 0.005 },
    phonetic: { m: 0.01, u: 0.005 },
    initial: { m: 0.01, u: 0.0007 },
    different: { m: 0.02, u: 0.97 },
  },
  patronymic: {
    exact: { m: 0.85, u: 0.03 },
    similar: { m: 0.04, u: 0.01 },
    phonetic: { m: 0.02, u: 0.01 },
    initial: { m: 0.04, u: 0.003 },
    different: { m: 0.05, u: 0.947 },
  },
  // u: 18 birth cohorts ≈ 6,570 days; one day either side and one year either side are two dates each,
  // a single wrong digit of the day, the month or the year some twenty.
  birthDate: {
    exact: { m: 0.9, u: 0.00015 },
    swapped: { m: 0.01, u: 0.00015 },
    oneDay: { m: 0.015, u: 0.0003 },
    oneYear: { m: 0.015, u: 0.0003 },
    oneDigit: { m: 0.02, u: 0.003 },
    yearMonth: { m: 0.01, u: 0.0045 },
    different: { m: 0.03, u: 0.992 },
  },
  sex: {
    equal: { m: 0.98, u: 0.5 },
    different: { m: 0.02, u: 0.5 },
  },
  snils: {
    exact: { m: 0.97, u: 0.00001 },
    different: { m: 0.03, u: 0.99999 },
  },
  address: {
    exact: { m: 0.55, u: 0.001 },
    similar: { m: 0.2, u: 0.005 },
    different: { m: 0.25, u: 0.994 },
  },
} as const satisfies Record<LinkField, Record<string, MU>>;

type Levels = typeof COMPARISON_LEVELS;

/** log2(m/u) of a level; 0 for 'missing'. */
export function levelWeight<F extends LinkField>(field: F, level: keyof Levels[F] | 'missing'): number {
  if (level === 'missing') return 0;
  const mu = (COMPARISON_LEVELS[field] as Record<string, MU>)[level as string];
  return mu === undefined ? 0 : Math.log2(mu.m / mu.u);
}

export interface FieldComparison {
  field: LinkField;
  level: string;
  /** log2 Bayes factor this field added. */
  weight: number;
  /** Russian, for the review screen and the stored decision. */
  reason: string;
  /** Set when the level cannot be trusted for an automatic link (a person decides): why, in Russian. */
  doubt?: string;
}

export interface LinkageResult {
  /** Match weight in bits: prior plus the sum of field weights. */
  score: number;
  probability: number;
  outcome: LinkOutcome;
  reasons: string[];
  comparisons: FieldComparison[];
}

/**
 * How often each normalized value occurs among the registry's children (the term-frequency adjustment of
 * Fellegi–Sunter practice and Splink): agreeing on «Иванов» is weaker evidence than agreeing on «Вознесенская».
 * Counted once per link run from the registry's distinct normalized names.
 */
export interface NameFrequencies {
  /** Children counted. */
  size: number;
  surname: ReadonlyMap<string, number>;
  name: ReadonlyMap<string, number>;
  patronymic: ReadonlyMap<string, number>;
}

/** Below this many children the counts say little about a district's names: no adjustment. */
export const TERM_FREQUENCY_FROM_CHILDREN = 5000;
/** A rare value may add at most this much above the level's average weight (bits). */
const TERM_FREQUENCY_MAX_BOOST = 1;
/**
 * A full name (surname, first name, patronymic) is «common» when this many other children of the registry
 * are expected to bear it by chance: an agreeing name then does not outweigh a disagreeing address.
 */
export const COMMON_NAME_EXPECTED = 0.05;

export interface ScoreOptions {
  priorMatchProbability?: number;
  frequencies?: NameFrequencies | null;
}

// ---------- names ----------

const NAME_WORDS = {
  surname: { what: 'фамилия', given: 'указана', same: 'совпала', like: 'похожа', sounds: 'звучит так же', other: 'другая', none: 'не указана' },
  name: { what: 'имя', given: 'указано', same: 'совпало', like: 'похоже', sounds: 'звучит так же', other: 'другое', none: 'не указано' },
  patronymic: { what: 'отчество', given: 'указано', same: 'совпало', like: 'похоже', sounds: 'звучит так же', other: 'другое', none: 'не указано' },
} as const;

type NameField = keyof typeof NAME_WORDS;

function isInitialKey(n: string): boolean {
  return [...n].length === 1;
}

/** A name part with its keys computed once (normalization is most of the cost of a pair). */
export interface PreparedName {
  raw: string;
  /** Lower case, spaces collapsed, ё kept: tells «ё/е» from other spelling differences. */
  plain: string;
  norm: string;
  phon: string;
  initial: boolean;
  /** For first names: sex by the first-name list, null when not listed. */
  listed: 'm' | 'f' | null;
  /** For first names: one key for the spellings of one name (Софья = София). */
  spelling: string;
}

/**
 * Prepared values by their text: a list and a registry repeat the same names and addresses thousands of times, and
 * normalizing them is most of the cost of preparing a record. The prepared values are never changed, so sharing
 * them is safe; a cache is dropped whole when it grows past its size.
 */
class PreparedCache<T> {
  private readonly map = new Map<string, T>();
  constructor(private readonly limit: number) {}
  get(key: string, make: () => T): T {
    let v = this.map.get(key);
    if (v === undefined && !this.map.has(key)) {
      v = make();
      if (this.map.size >= this.limit) this.map.clear();
      this.map.set(key, v);
    }
    return v as T;
  }
}
const nameCaches = { surname: new PreparedCache<PreparedName | null>(200_000), name: new PreparedCache<PreparedName | null>(200_000) };

function prepareName(s: string | null | undefined, kind: 'surname' | 'name'): PreparedName | null {
  if (typeof s !== 'string') return null;
  return nameCaches[kind].get(s, () => prepareNameNow(s, kind));
}

function prepareNameNow(s: string, kind: 'surname' | 'name'): PreparedName | null {
  const norm = normalizeName(s);
  if (norm === '') return null;
  return {
    raw: s.trim(),
    plain: s.normalize('NFC').trim().toLowerCase().replace(/\s+/gu, ' '),
    norm,
    phon: phoneticKeyOfNormalized(norm, kind),
    initial: isInitialKey(norm),
    listed: kind !== 'name' ? null : MALE_FIRST_NAMES.has(norm) ? 'm' : FEMALE_FIRST_NAMES.has(norm) ? 'f' : null,
    spelling: kind === 'name' ? nameSpellingKey(norm) : norm,
  };
}

/** Letters a typo may change in a first name: one in a short name, two from six letters. */
function typoEdits(a: string, b: string): number {
  return Math.max([...a].length, [...b].length) >= 6 ? 2 : 1;
}

const LISTED_FIRST_NAMES: readonly string[] = [...MALE_FIRST_NAMES, ...FEMALE_FIRST_NAMES];
const nearNamesCache = new Map<string, string[]>();

/** The listed first names (one per spelling) a name not in the list is a typo's distance from, of one sex when it is known. */
function listedNamesNear(norm: string, sex: 'm' | 'f' | null): string[] {
  const key = `${sex ?? ''}:${norm}`;
  let near = nearNamesCache.get(key);
  if (near === undefined) {
    const keys = new Map<string, string>();
    const names = sex === 'm' ? MALE_FIRST_NAMES : sex === 'f' ? FEMALE_FIRST_NAMES : LISTED_FIRST_NAMES;
    for (const n of names) {
      if (editDistanceWithin(norm, n, typoEdits(norm, n)) <= typoEdits(norm, n)) keys.set(nameSpellingKey(n), n);
    }
    near = [...keys.values()];
    if (nearNamesCache.size > 50_000) nearNamesCache.clear();
    nearNamesCache.set(key, near);
  }
  return near;
}

/**
 * What two first names that are not equal are (issue 8): two listed names are two names (twins: Александр /
 * Алексей, Анна / Алина, Даниил / Данила) unless they are spellings of one name (София / Софья, Даниил / Данил);
 * a name not in the list a letter or two from the other is a typo (Дмитрий / Дмтрий, Мария / Маиря, Глеб / Глб),
 * unless it is as close to another listed name too, or neither name is listed: then no one can tell, and a
 * person decides. `sex`: the child's sex when both records give the same one — only names of that sex count as
 * near, and a listed name of the other sex (Александр for a girl Игоревна) is a name written wrong, not a twin.
 */
export type FirstNamePair = 'spelling' | 'twoNames' | 'typo' | 'unsure' | 'far';

/** Two first names a typo apart: within typoEdits letters of each other. */
function typoApart(a: PreparedName, b: PreparedName): boolean {
  return editDistanceWithin(a.norm, b.norm, typoEdits(a.norm, b.norm)) <= typoEdits(a.norm, b.norm);
}

export function firstNamePair(a: PreparedName, b: PreparedName, sex: 'm' | 'f' | null = null): FirstNamePair {
  if (a.spelling === b.spelling) return 'spelling';
  if (a.listed !== null && b.listed !== null) {
    const close = typoApart(a, b);
    return sex !== null && close && (a.listed !== sex) !== (b.listed !== sex) ? 'unsure' : 'twoNames';
  }
  const close = typoApart(a, b);
  if (!close) return jaroWinkler(a.norm, b.norm) >= JARO_WINKLER_THRESHOLD ? 'unsure' : 'far';
  if (a.listed === null && b.listed === null) return 'unsure';
  const [unlisted, listed] = a.listed === null ? [a, b] : [b, a];
  const near = listedNamesNear(unlisted.norm, sex);
  return near.some((n) => nameSpellingKey(n) !== listed.spelling) ? 'unsure' : 'typo';
}

function exactNuance(a: PreparedName, b: PreparedName): string {
  if (a.plain === b.plain) return '';
  const noYo = (s: string): string => s.replace(/ё/gu, 'е');
  if (noYo(a.plain) === noYo(b.plain)) return ' с учётом ё/е';
  if (/[a-z]/u.test(a.plain + b.plain)) return ' с учётом латинских букв, похожих на русские';
  return ' с учётом написания';
}

/** log2 of how much rarer (+) or more common (−) than the level's average u this exact value is. */
function termFrequencyAdjustment(field: NameField, a: PreparedName, b: PreparedName, f: NameFrequencies | null | undefined): number {
  if (!f || f.size < TERM_FREQUENCY_FROM_CHILDREN) return 0;
  const counts = f[field];
  const count = Math.max(counts.get(a.norm) ?? 0, counts.get(b.norm) ?? 0);
  if (count === 0) return 0;
  const u = COMPARISON_LEVELS[field].exact.u;
  return Math.min(TERM_FREQUENCY_MAX_BOOST, Math.log2(u / (count / f.size)));
}

/** How many other children of the registry are expected to bear this full name by chance (0 when unknown). */
export function expectedNamesakes(r: PreparedRecord, f: NameFrequencies | null | undefined): number {
  if (!f || f.size < TERM_FREQUENCY_FROM_CHILDREN || r.surname === null || r.name === null) return 0;
  const share = (field: NameField, n: PreparedName | null): number => (n === null || n.initial ? 1 : (f[field].get(n.norm) ?? 1) / f.size);
  return f.size * share('surname', r.surname) * share('name', r.name) * share('patronymic', r.patronymic);
}

/** One name part's comparison (a module function, not a closure: compareName runs millions of times). */
function nameResult(field: NameField, a: PreparedName | null, b: PreparedName | null, f: NameFrequencies | null | undefined, level: NameLevel, reason: string): FieldComparison {
  return {
    field,
    level,
    weight: levelWeight(field, level) + (level === 'exact' && a !== null && b !== null ? termFrequencyAdjustment(field, a, b, f) : 0),
    reason,
  };
}

function compareName(field: NameField, a: PreparedName | null, b: PreparedName | null, f?: NameFrequencies | null, sex: 'm' | 'f' | null = null): FieldComparison {
  const w = NAME_WORDS[field];
  if (a === null || b === null) return nameResult(field, a, b, f, 'missing', `${w.what} ${w.none}`);
  const na = a.norm;
  const nb = b.norm;
  const pair = `(«${a.raw}» / «${b.raw}»)`;
  if (a.initial || b.initial) {
    return na[0] === nb[0]
      ? nameResult(field, a, b, f, 'initial', `${w.what} ${w.given} инициалом, инициал совпал`)
      : nameResult(field, a, b, f, 'different', `${w.what} ${w.other}: инициал не совпал`);
  }
  if (na === nb) return nameResult(field, a, b, f, 'exact', `${w.what} ${w.same}${exactNuance(a, b)}`);
  if (field === 'surname') {
    const pa = na.split('-');
    const pb = nb.split('-');
    if ((pa.length > 1 || pb.length > 1) && pa.some((p) => pb.includes(p))) {
      return nameResult(field, a, b, f, 'similar', 'совпала часть двойной фамилии');
    }
    if (a.phon === b.phon && a.phon !== '' && (na.startsWith(nb) || nb.startsWith(na))) {
      return nameResult(field, a, b, f, 'similar', `фамилия в другой родовой форме ${pair}`);
    }
  }
  if (field === 'name') {
    switch (firstNamePair(a, b, sex)) {
      case 'spelling':
        return nameResult(field, a, b, f, 'exact', `имя совпало с учётом написания ${pair}`);
      case 'twoNames':
        // Two real names are not a typo of each other: Александр / Александра, Даниил / Данила (twins).
        return nameResult(field, a, b, f, 'different', `${w.what} ${w.other} ${pair}`);
      case 'typo':
        return nameResult(field, a, b, f, 'similar', `${w.what} ${w.like}, вероятна опечатка ${pair}`);
      case 'unsure':
        return { ...nameResult(field, a, b, f, 'similar', `${w.what} ${w.like} ${pair}, но опечатка это или другое имя, не понять`), doubt: 'имя похоже, но не ясно, опечатка ли это' };
      case 'far':
        return a.phon !== '' && a.phon === b.phon ? nameResult(field, a, b, f, 'phonetic', `${w.what} ${w.sounds} ${pair}`) : nameResult(field, a, b, f, 'different', `${w.what} ${w.other} ${pair}`);
    }
  }
  // One letter typed wrong in a surname (Петрова / Петрава) is a typo however Jaro–Winkler scores its place.
  if (jaroWinkler(na, nb) >= JARO_WINKLER_THRESHOLD || (field === 'surname' && [...na].length >= 4 && editDistanceWithin(na, nb, 1) <= 1)) {
    return nameResult(field, a, b, f, 'similar', `${w.what} ${w.like}, вероятна опечатка ${pair}`);
  }
  if (a.phon !== '' && a.phon === b.phon) return nameResult(field, a, b, f, 'phonetic', `${w.what} ${w.sounds} ${pair}`);
  return nameResult(field, a, b, f, 'different', `${w.what} ${w.other}`);
}

/**
 * What one name part adds to a pair's score, alone: the weight scorePair gives that field (the sex passed when both
 * records give the same one). The linker's score bound weighs each pair of values once with it.
 */
export function namePartWeight(field: NameField, a: PreparedName | null, b: PreparedName | null, f: NameFrequencies | null | undefined, sex: 'm' | 'f' | null = null): number {
  return compareName(field, a, b, f, sex).weight;
}

/**
 * The most a first-name pair can add whatever the children's sex (namePartWeight with no sex, 'm' and 'f'). The
 * sex matters only to two names a typo's distance apart (firstNamePair); for any other pair it is weighed once.
 */
export function bestFirstNameWeight(a: PreparedName | null, b: PreparedName | null, f: NameFrequencies | null | undefined): number {
  const plain = namePartWeight('name', a, b, f);
  if (a === null || b === null || a.initial || b.initial || a.spelling === b.spelling) return plain;
  if (!typoApart(a, b)) return plain;
  return Math.max(plain, namePartWeight('name', a, b, f, 'm'), namePartWeight('name', a, b, f, 'f'));
}

// ---------- birth date ----------


const DAY_MS = 86_400_000;

/**
 * Birth-date level: exact, day and month swapped, a day apart, a year apart (same day and month), one digit of
 * ДД.ММ.ГГГГ wrong, same year and month. People mistype a year by one or a day by one as often as a letter.
 */
export function compareBirthDates(a: IsoDate | null | undefined, b: IsoDate | null | undefined): DateLevel {
  if (!isValidIsoDate(a) || !isValidIsoDate(b)) return 'missing';
  return compareValidDates(a, b);
}

/** The number of «ДДММГГГГ» digits two valid ISO dates differ in (positions 0-3 year, 5-6 month, 8-9 day). */
function differingDigits(a: string, b: string): number {
  let diff = 0;
  for (const i of DIGIT_POSITIONS) if (a.charCodeAt(i) !== b.charCodeAt(i)) diff++;
  return diff;
}
const DIGIT_POSITIONS = [0, 1, 2, 3, 5, 6, 8, 9];

const num2 = (s: string, at: number): number => (s.charCodeAt(at) - 48) * 10 + s.charCodeAt(at + 1) - 48;

/**
 * compareBirthDates of two dates already checked (a prepared record's, a registry child's): compared by their
 * characters, without parsing — the linker compares millions of pairs.
 */
export function compareValidDates(a: IsoDate, b: IsoDate): DateLevel {
  if (a === b) return 'exact';
  const sameYear = a.charCodeAt(0) === b.charCodeAt(0) && a.charCodeAt(1) === b.charCodeAt(1) && a.charCodeAt(2) === b.charCodeAt(2) && a.charCodeAt(3) === b.charCodeAt(3);
  const ma = num2(a, 5);
  const mb = num2(b, 5);
  const da = num2(a, 8);
  const db = num2(b, 8);
  if (sameYear && da === mb && ma === db) return 'swapped';
  const ya = num2(a, 0) * 100 + num2(a, 2);
  const yb = num2(b, 0) * 100 + num2(b, 2);
  if (Math.abs(ya - yb) <= 1 && Math.abs(Date.UTC(ya, ma - 1, da) - Date.UTC(yb, mb - 1, db)) === DAY_MS) return 'oneDay';
  if (da === db && ma === mb && Math.abs(ya - yb) === 1) return 'oneYear';
  if (differingDigits(a, b) === 1) return 'oneDigit';
  if (sameYear && ma === mb) return 'yearMonth';
  return 'different';
}

const DATE_REASONS: Record<DateLevel, string> = {
  exact: 'дата рождения совпала',
  swapped: 'день и месяц рождения переставлены',
  oneDay: 'дата рождения отличается на 1 день',
  oneYear: 'год рождения отличается на 1',
  oneDigit: 'дата рождения отличается одной цифрой',
  yearMonth: 'совпали год и месяц рождения, день другой',
  different: 'дата рождения другая',
  missing: 'дата рождения не указана',
};

// ---------- SNILS, sex, address ----------

function snilsDigits(s: string | null | undefined): string | null {
  if (typeof s !== 'string') return null;
  const d = s.replace(/\D/gu, '');
  return d.length === 11 ? d : null;
}

/** Words that only say what kind of place follows («ул.», «д.», «кв.»): dropped before comparing. */
const ADDRESS_NOISE = new Set(
  (
    'гор город ул улица пр просп проспект пер переулок дом кв квартира корп корпус стр строение ' +
    'обл область рн район пос поселок пгт село дер деревня мкр микрорайон шоссе бульвар пл площадь ' +
    'наб набережная туп тупик проезд респ республика рф россия российская федерация край ао округ ' +
    'муниципальный городской зато'
  ).split(' '),
);

/** Address as comparable words and numbers: «г. Кстово, ул. Ленина, д. 5а, кв. 12» → [кстово, ленина, 5а, 12]. */
export function addressTokens(s: string): string[] {
  return s
    .normalize('NFC')
    .toLowerCase()
    .replace(/ё/gu, 'е')
    .replace(/(\d+)\s*[-/]?\s*([а-я])(?![а-я])/gu, '$1$2') // «5 а», «5-а», «5/а» → «5а»
    .replace(/[^\p{L}\p{N}]+/gu, ' ') // «5-12» (house-flat), «пр-т», «Мамина-Сибиряка» → words
    .split(' ')
    .filter((t) => t !== '' && !ADDRESS_NOISE.has(t) && !/^\p{L}$/u.test(t) && !/^\d{6}$/u.test(t)); // letters left of «пр-т», postal index
}

export interface PreparedAddress {
  /** House, building, flat numbers in order. */
  nums: string;
  words: ReadonlySet<string>;
}

function prepareAddress(s: string): PreparedAddress | null {
  const t = addressTokens(s);
  if (t.length === 0) return null;
  const isNum = (x: string): boolean => /^\d/u.test(x);
  return { nums: t.filter(isNum).join(' '), words: new Set(t.filter((x) => !isNum(x))) };
}

function compareAddressPair(a: PreparedAddress, b: PreparedAddress): AddressLevel {
  const [small, large] = a.words.size <= b.words.size ? [a.words, b.words] : [b.words, a.words];
  const fuzzyIn = (w: string): boolean => large.has(w) || [...large].some((x) => jaroWinkler(w, x) >= JARO_WINKLER_THRESHOLD);
  if (a.nums === b.nums) {
    // One address may leave out the town or region the other gives.
    if ([...small].every((w) => large.has(w)) && (small.size > 0 || a.nums !== '')) return 'exact';
    if ([...small].some(fuzzyIn)) return 'similar';
    return 'different';
  }
  // Same street, one address without the flat number.
  const shorter = a.nums.length < b.nums.length ? a.nums : b.nums;
  const longer = shorter === a.nums ? b.nums : a.nums;
  if (shorter !== '' && longer.startsWith(`${shorter} `) && small.size > 0 && [...small].every(fuzzyIn)) return 'similar';
  return 'different';
}

const ADDRESS_RANK: Record<AddressLevel, number> = { exact: 3, similar: 2, different: 1, missing: 0 };

function bestAddressLevel(a: readonly PreparedAddress[], b: readonly PreparedAddress[]): AddressLevel {
  let best: AddressLevel = 'missing';
  for (const x of a) {
    for (const y of b) {
      const level = compareAddressPair(x, y);
      if (ADDRESS_RANK[level] > ADDRESS_RANK[best]) best = level;
      if (best === 'exact') return best;
    }
  }
  return best;
}

const addressCache = new PreparedCache<PreparedAddress | null>(300_000);

function prepareAddresses(list: readonly (string | null | undefined)[] | undefined): PreparedAddress[] {
  const out: PreparedAddress[] = [];
  for (const s of list ?? []) {
    const p = typeof s === 'string' ? addressCache.get(s, () => prepareAddress(s)) : null;
    if (p !== null) out.push(p);
  }
  return out;
}

/** Address level of the best-agreeing pair of two address lists. */
export function compareAddresses(
  a: readonly (string | null | undefined)[] | undefined,
  b: readonly (string | null | undefined)[] | undefined,
): AddressLevel {
  return bestAddressLevel(prepareAddresses(a), prepareAddresses(b));
}

const ADDRESS_REASONS: Record<AddressLevel, string> = {
  exact: 'адрес совпал',
  similar: 'адрес похож',
  different: 'адрес другой',
  missing: 'адрес не указан',
};

// ---------- the score ----------

/** A record with its comparison keys computed once; pass it to scorePair for speed. */
export interface PreparedRecord {
  readonly kind: 'prepared';
  readonly surname: PreparedName | null;
  readonly name: PreparedName | null;
  readonly patronymic: PreparedName | null;
  readonly birthDate: IsoDate | null;
  readonly sex: 'm' | 'f' | null;
  readonly snils: string | null;
  readonly addresses: readonly PreparedAddress[];
}

/**
 * Normalizes a record once. Scoring a list against its candidates compares each record many
 * times; preparing both sides first makes a comparison cheap.
 */
export function prepareRecord(r: LinkageRecord | PreparedRecord): PreparedRecord {
  if ('kind' in r && r.kind === 'prepared') return r;
  const x = r as LinkageRecord;
  return {
    kind: 'prepared',
    surname: prepareName(x.surname, 'surname'),
    name: prepareName(x.name, 'name'),
    patronymic: prepareName(x.patronymic, 'name'),
    birthDate: isValidIsoDate(x.birthDate) ? x.birthDate : null,
    sex: x.sex ?? null,
    snils: snilsDigits(x.snils),
    addresses: prepareAddresses(x.addresses),
  };
}

function comparisonsOf(a: PreparedRecord, b: PreparedRecord, f: NameFrequencies | null | undefined): FieldComparison[] {
  const out: FieldComparison[] = [
    compareName('surname', a.surname, b.surname, f),
    compareName('name', a.name, b.name, f, a.sex !== null && a.sex === b.sex ? a.sex : null),
    compareName('patronymic', a.patronymic, b.patronymic, f),
  ];
  const dateLevel = a.birthDate === null || b.birthDate === null ? 'missing' : compareValidDates(a.birthDate, b.birthDate);
  out.push({ field: 'birthDate', level: dateLevel, weight: levelWeight('birthDate', dateLevel), reason: DATE_REASONS[dateLevel] });

  const sexLevel: SexLevel = !a.sex || !b.sex ? 'missing' : a.sex === b.sex ? 'equal' : 'different';
  if (sexLevel !== 'missing') {
    out.push({
      field: 'sex',
      level: sexLevel,
      weight: levelWeight('sex', sexLevel),
      reason: sexLevel === 'equal' ? 'пол совпал' : 'пол разный',
    });
  }
  if (a.snils !== null && b.snils !== null) {
    const level: SnilsLevel = a.snils === b.snils ? 'exact' : 'different';
    out.push({ field: 'snils', level, weight: levelWeight('snils', level), reason: level === 'exact' ? 'СНИЛС совпал' : 'СНИЛС разный' });
  }
  const addressLevel = bestAddressLevel(a.addresses, b.addresses);
  if (addressLevel !== 'missing') {
    out.push({ field: 'address', level: addressLevel, weight: levelWeight('address', addressLevel), reason: ADDRESS_REASONS[addressLevel] });
  }
  return out;
}

function fieldIn(comparisons: readonly FieldComparison[], f: LinkField): FieldComparison | undefined {
  for (const c of comparisons) if (c.field === f) return c;
  return undefined;
}
function levelIn(comparisons: readonly FieldComparison[], f: LinkField): string {
  return fieldIn(comparisons, f)?.level ?? 'missing';
}

/** Birth-date levels close enough for an automatic link and for the twins rule. */
const CLOSE_DATES: ReadonlySet<string> = new Set(['exact', 'swapped', 'oneDay', 'oneYear', 'oneDigit']);
const AGREEING_NAME: ReadonlySet<string> = new Set(['exact', 'similar', 'phonetic']);

/**
 * Scores a candidate pair (an incoming row against a registry child, or two rows of one list).
 *
 * Outcome: 'auto' at AUTO_LINK_THRESHOLD unless a guard forbids it; 'review' at REVIEW_THRESHOLD; 'new' below.
 * Guards (never 'auto'): first name missing, given as an initial, different or only doubtfully similar; sex
 * different; SNILS different; birth date missing or far off (unless SNILS agrees); a common full name with a
 * disagreeing address. Two different real first names with the same surname and a close birth date are twins or
 * siblings: 'new' (review when SNILS agrees, or when one of the names is not a known name — no one can tell).
 * A pair whose names and address all agree goes at least to review, whatever the birth date: a person sees it.
 */
export function scorePair(
  a: LinkageRecord | PreparedRecord,
  b: LinkageRecord | PreparedRecord,
  options: ScoreOptions = {},
): LinkageResult {
  const prior = options.priorMatchProbability ?? PRIOR_MATCH_PROBABILITY;
  const pa = prepareRecord(a);
  const pb = prepareRecord(b);
  const comparisons = comparisonsOf(pa, pb, options.frequencies);
  const score = Math.log2(prior / (1 - prior)) + comparisons.reduce((s, c) => s + c.weight, 0);
  const odds = 2 ** score;
  const probability = Number.isFinite(odds) ? odds / (1 + odds) : 1;

  const reasons = comparisons.map((c) => c.reason);
  const guards: string[] = [];
  const snilsAgrees = levelIn(comparisons, 'snils') === 'exact';
  const nameLevel = levelIn(comparisons, 'name');
  const dateLevel = levelIn(comparisons, 'birthDate');
  const dateClose = CLOSE_DATES.has(dateLevel);
  const surnameAgrees = AGREEING_NAME.has(levelIn(comparisons, 'surname'));
  const addressLevel = levelIn(comparisons, 'address');

  if (nameLevel === 'missing') guards.push('без имени близнецов не различить');
  if (nameLevel === 'initial') guards.push('по инициалу имени близнецов не различить');
  if (nameLevel === 'different') guards.push('имя другое');
  for (const c of comparisons) if (c.doubt) guards.push(c.doubt);
  if (levelIn(comparisons, 'sex') === 'different') guards.push('пол разный');
  if (levelIn(comparisons, 'snils') === 'different') guards.push('СНИЛС разный');
  if (!snilsAgrees && !dateClose) guards.push('дата рождения не указана или не близка');
  if (!snilsAgrees && addressLevel === 'different' && expectedNamesakes(pb, options.frequencies) >= COMMON_NAME_EXPECTED) {
    guards.push('имя распространённое, а адрес другой');
  }

  let outcome: LinkOutcome;
  const twins = nameLevel === 'different' && surnameAgrees && dateClose;
  const twoRealNames = pa.name !== null && pb.name !== null && pa.name.listed !== null && pb.name.listed !== null;
  if (twins) {
    if (twoRealNames) {
      reasons.push('имя другое при той же фамилии и дате рождения — вероятно, близнецы');
      outcome = snilsAgrees && score >= REVIEW_THRESHOLD ? 'review' : 'new';
    } else if (score - (fieldIn(comparisons, 'name')?.weight ?? 0) >= AUTO_LINK_THRESHOLD) {
      // One of the names is not a known name and everything else agrees: a twin, or a name written wrong.
      reasons.push('имя другое при той же фамилии и дате рождения — близнецы или ошибка в имени, решает человек');
      outcome = 'review';
    } else {
      outcome = 'new';
    }
  } else if (nameLevel === 'different' && !snilsAgrees) {
    outcome = 'new';
  } else if (score >= AUTO_LINK_THRESHOLD && guards.length === 0) {
    outcome = 'auto';
  } else if (score >= REVIEW_THRESHOLD) {
    outcome = 'review';
    if (score >= AUTO_LINK_THRESHOLD) reasons.push(`не связано автоматически: ${guards.join(', ')}`);
  } else if (
    surnameAgrees &&
    AGREEING_NAME.has(nameLevel) &&
    levelIn(comparisons, 'patronymic') !== 'different' &&
    (addressLevel === 'exact' || addressLevel === 'similar' || dateClose) &&
    levelIn(comparisons, 'sex') !== 'different' &&
    levelIn(comparisons, 'snils') !== 'different'
  ) {
    // The names agree and either the address does (a date mistyped more than once is still this child) or the date
    // is close (a small registry's prior is too low for a list that gives no patronymic nor address): a person decides.
    outcome = 'review';
    reasons.push(dateClose ? 'не связано автоматически: фамилия и имя совпали, дата близка, но других сведений мало' : 'не связано автоматически: дата рождения не указана или не близка');
  } else {
    outcome = 'new';
  }
  return { score, probability, outcome, reasons, comparisons };
}

// ---------- blocking ----------

/** House, building and flat of an address («ул. Садовая, д. 14, кв. 3» → «14 3»); null without a flat (too broad a block). */
export function addressNumbersKey(a: PreparedAddress): string | null {
  return a.nums.includes(' ') ? a.nums : null;
}


/** What the blocking keys are made of, so that a registry read from its stored name keys need not be prepared in full. */
export interface BlockingParts {
  birthDate: IsoDate | null;
  /** Phonetic keys of each part of the surname. */
  surnameSounds: readonly string[];
  surnameNorm: string | null;
  /** Normalized first name and patronymic; null when missing or an initial. */
  nameNorm: string | null;
  patronymicNorm: string | null;
  /** addressNumbersKey of each address. */
  addressNumbers: readonly string[];
  snils: string | null;
}

export function blockingParts(r: LinkageRecord | PreparedRecord): BlockingParts {
  const p = prepareRecord(r);
  const full = (n: PreparedName | null): string | null => (n !== null && !n.initial ? n.norm : null);
  return {
    birthDate: p.birthDate,
    surnameSounds: [...new Set((p.surname?.phon ?? '').split('-'))].filter((x) => x !== ''),
    surnameNorm: p.surname?.norm ?? null,
    nameNorm: full(p.name),
    patronymicNorm: full(p.patronymic),
    addressNumbers: p.addresses.map(addressNumbersKey).filter((x): x is string => x !== null),
    snils: p.snils,
  };
}

/**
 * Keys under which a record is filed so that candidates are fetched by equality (an index, a map) instead of
 * comparing every pair. A true match shares at least one key unless it has several errors at once (issue 8):
 *  d:   birth date (probed also with day and month swapped);
 *  n:   surname + first name as normalized (surname typo, any date);
 *  s:   СНИЛС;
 *  fym: surname sound + birth year and month (typos in the names and a wrong day: Марков/Маргов 25.07/15.07);
 *  fyd: surname sound + birth year and day (typos in the names and a wrong month);
 *  fmd: surname sound + birth month and day (a year mistyped);
 *  (surname sound + year alone is too large a block in a 200,000-child registry: hundreds of Ивановы a year);
 *  npy: first name + patronymic + birth year (a surname changed or mistyped and a day wrong);
 *  ay:  house and flat + birth year, probed with the year ±1 (a surname typo and a year off in the same flat).
 * `probe`: the keys to look up (a record is filed under the 'file' keys).
 */
export function blockingKeys(r: LinkageRecord | PreparedRecord | BlockingParts, mode: 'file' | 'probe' = 'file'): string[] {
  const keys = new Set<string>();
  forEachBlock('surnameSounds' in r ? r : blockingParts(r), mode, (kind, a, b) => keys.add(b === '' ? `${kind}:${a}` : `${kind}:${a}:${b}`));
  return [...keys];
}

export type BlockKind = 'd' | 'n' | 's' | 'fym' | 'fyd' | 'fmd' | 'npy' | 'ay';

const charNum = (s: string, from: number, to: number): number => {
  let n = 0;
  for (let i = from; i < to; i++) n = n * 10 + s.charCodeAt(i) - 48;
  return n;
};

/**
 * blockingKeys without collecting them, each key as its kind and two parts (`b` a number where it is a date's
 * part: YYYYMM, YYYYDD, MMDD, a year; '' where the key has one part): a registry files 200,000 children under
 * them in maps by parts, without making a string of each key. A key may come twice.
 */
export function forEachBlock(p: BlockingParts, mode: 'file' | 'probe', add: (kind: BlockKind, a: string, b: string | number) => void): void {
  const date = p.birthDate;
  if (date !== null) {
    add('d', date, '');
    const y = charNum(date, 0, 4);
    const m = charNum(date, 5, 7);
    const d = charNum(date, 8, 10);
    if (mode === 'probe' && d <= 12 && d !== m) add('d', `${date.slice(0, 4)}-${date.slice(8)}-${date.slice(5, 7)}`, '');
    for (const part of p.surnameSounds) {
      add('fym', part, y * 100 + m);
      add('fyd', part, y * 100 + d);
      add('fmd', part, m * 100 + d);
    }
    if (p.nameNorm !== null && p.patronymicNorm !== null) add('npy', `${p.nameNorm}|${p.patronymicNorm}`, y);
    for (const nums of p.addressNumbers) {
      if (mode === 'probe') add('ay', nums, y - 1);
      add('ay', nums, y);
      if (mode === 'probe') add('ay', nums, y + 1);
    }
  }
  if (p.nameNorm !== null && p.surnameNorm !== null) add('n', p.surnameNorm, p.nameNorm);
  if (p.snils !== null) add('s', p.snils, '');
}
