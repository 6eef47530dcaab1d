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
import { normalizeName } from '../domain/names';
import { FEMALE_FIRST_NAMES, MALE_FIRST_NAMES } from './firstNames';
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
export type DateLevel = 'exact' | 'swapped' | 'oneDigit' | 'yearMonth' | 'different' | 'missing';
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
  birthDate: {
    exact: { m: 0.92, u: 0.00015 },
    swapped: { m: 0.015, u: 0.00015 },
    oneDigit: { m: 0.03, u: 0.003 },
    yearMonth: { m: 0.01, u: 0.0045 },
    different: { m: 0.025, u: 0.992 },
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
}

export interface LinkageResult {
  /** Match weight in bits: prior plus the sum of field weights. */
  score: number;
  probability: number;
  outcome: LinkOutcome;
  reasons: string[];
  comparisons: FieldComparison[];
}

export interface ScoreOptions {
  priorMatchProbability?: number;
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
}

function prepareName(s: string | null | undefined, kind: 'surname' | 'name'): PreparedName | null {
  if (typeof s !== 'string') return null;
  const norm = normalizeName(s);
  if (norm === '') return null;
  return {
    raw: s.trim(),
    plain: s.normalize('NFC').trim().toLowerCase().replace(/\s+/gu, ' '),
    norm,
    phon: phoneticKeyOfNormalized(norm, kind),
    initial: isInitialKey(norm),
    listed: kind !== 'name' ? null : MALE_FIRST_NAMES.has(norm) ? 'm' : FEMALE_FIRST_NAMES.has(norm) ? 'f' : null,
  };
}

function exactNuance(a: PreparedName, b: PreparedName): string {
  if (a.plain === b.plain) return '';
  const noYo = (s: string): string => s.replace(/ё/gu, 'е');
  if (noYo(a.plain) === noYo(b.plain)) return ' с учётом ё/е';
  if (/[a-z]/u.test(a.plain + b.plain)) return ' с учётом латинских букв, похожих на русские';
  return ' с учётом написания';
}

function compareName(field: NameField, a: PreparedName | null, b: PreparedName | null): FieldComparison {
  const w = NAME_WORDS[field];
  const result = (level: NameLevel, reason: string): FieldComparison => ({
    field,
    level,
    weight: levelWeight(field, level),
    reason,
  });
  if (a === null || b === null) return result('missing', `${w.what} ${w.none}`);
  const na = a.norm;
  const nb = b.norm;
  const pair = `(«${a.raw}» / «${b.raw}»)`;
  if (a.initial || b.initial) {
    return na[0] === nb[0]
      ? result('initial', `${w.what} ${w.given} инициалом, инициал совпал`)
      : result('different', `${w.what} ${w.other}: инициал не совпал`);
  }
  if (na === nb) return result('exact', `${w.what} ${w.same}${exactNuance(a, b)}`);
  if (field === 'surname') {
    const pa = na.split('-');
    const pb = nb.split('-');
    if ((pa.length > 1 || pb.length > 1) && pa.some((p) => pb.includes(p))) {
      return result('similar', 'совпала часть двойной фамилии');
    }
    if (a.phon === b.phon && a.phon !== '' && (na.startsWith(nb) || nb.startsWith(na))) {
      return result('similar', `фамилия в другой родовой форме ${pair}`);
    }
  }
  if (field === 'name' && a.listed !== null && b.listed !== null && a.phon !== b.phon) {
    // Two real names are not a typo of each other: Александр / Александра, Даниил / Данила (twins).
    return result('different', `${w.what} ${w.other} ${pair}`);
  }
  if (jaroWinkler(na, nb) >= JARO_WINKLER_THRESHOLD) {
    return result('similar', `${w.what} ${w.like}, вероятна опечатка ${pair}`);
  }
  if (a.phon !== '' && a.phon === b.phon) return result('phonetic', `${w.what} ${w.sounds} ${pair}`);
  return result('different', `${w.what} ${w.other}`);
}

// ---------- birth date ----------

function dmy(iso: IsoDate): { d: string; m: string; y: string } {
  return { y: iso.slice(0, 4), m: iso.slice(5, 7), d: iso.slice(8, 10) };
}

/** Birth-date level: exact, day and month swapped, one digit wrong, same year and month. */
export function compareBirthDates(a: IsoDate | null | undefined, b: IsoDate | null | undefined): DateLevel {
  if (!isValidIsoDate(a) || !isValidIsoDate(b)) return 'missing';
  if (a === b) return 'exact';
  const x = dmy(a);
  const y = dmy(b);
  if (x.y === y.y && x.d === y.m && x.m === y.d) return 'swapped';
  const sa = x.d + x.m + x.y;
  const sb = y.d + y.m + y.y;
  let diff = 0;
  for (let i = 0; i < sa.length; i++) if (sa[i] !== sb[i]) diff++;
  if (diff === 1) return 'oneDigit';
  if (x.y === y.y && x.m === y.m) return 'yearMonth';
  return 'different';
}

const DATE_REASONS: Record<DateLevel, string> = {
  exact: 'дата рождения совпала',
  swapped: 'день и месяц рождения переставлены',
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

function prepareAddresses(list: readonly (string | null | undefined)[] | undefined): PreparedAddress[] {
  const out: PreparedAddress[] = [];
  for (const s of list ?? []) {
    const p = typeof s === 'string' ? prepareAddress(s) : null;
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

function comparisonsOf(a: PreparedRecord, b: PreparedRecord): FieldComparison[] {
  const out: FieldComparison[] = [
    compareName('surname', a.surname, b.surname),
    compareName('name', a.name, b.name),
    compareName('patronymic', a.patronymic, b.patronymic),
  ];
  const dateLevel = compareBirthDates(a.birthDate, b.birthDate);
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

/**
 * Scores a candidate pair (an incoming row against a registry child, or two rows of one list).
 *
 * Outcome: 'auto' at AUTO_LINK_THRESHOLD unless a guard forbids it; 'review' at
 * REVIEW_THRESHOLD; 'new' below. Guards (never 'auto'): first name missing, given as an
 * initial or different; sex different; SNILS different; birth date missing or far off
 * (unless SNILS agrees). A different first name with the same surname and a close
 * birth date is twins or siblings: 'new' (review only when SNILS agrees).
 */
export function scorePair(
  a: LinkageRecord | PreparedRecord,
  b: LinkageRecord | PreparedRecord,
  options: ScoreOptions = {},
): LinkageResult {
  const prior = options.priorMatchProbability ?? PRIOR_MATCH_PROBABILITY;
  const comparisons = comparisonsOf(prepareRecord(a), prepareRecord(b));
  const score = Math.log2(prior / (1 - prior)) + comparisons.reduce((s, c) => s + c.weight, 0);
  const odds = 2 ** score;
  const probability = Number.isFinite(odds) ? odds / (1 + odds) : 1;

  const level = (f: LinkField): string => comparisons.find((c) => c.field === f)?.level ?? 'missing';
  const reasons = comparisons.map((c) => c.reason);
  const guards: string[] = [];
  const snilsAgrees = level('snils') === 'exact';
  const nameLevel = level('name');
  const dateLevel = level('birthDate');
  const surnameAgrees = ['exact', 'similar', 'phonetic'].includes(level('surname'));

  if (nameLevel === 'missing') guards.push('без имени близнецов не различить');
  if (nameLevel === 'initial') guards.push('по инициалу имени близнецов не различить');
  if (nameLevel === 'different') guards.push('имя другое');
  if (level('sex') === 'different') guards.push('пол разный');
  if (level('snils') === 'different') guards.push('СНИЛС разный');
  if (!snilsAgrees && !['exact', 'swapped', 'oneDigit'].includes(dateLevel)) guards.push('дата рождения не указана или не близка');

  let outcome: LinkOutcome;
  const twins = nameLevel === 'different' && surnameAgrees && ['exact', 'swapped', 'oneDigit'].includes(dateLevel);
  if (twins) {
    reasons.push('имя другое при той же фамилии и дате рождения — вероятно, близнецы');
    outcome = snilsAgrees && score >= REVIEW_THRESHOLD ? 'review' : 'new';
  } else if (nameLevel === 'different' && !snilsAgrees) {
    outcome = 'new';
  } else if (score >= AUTO_LINK_THRESHOLD && guards.length === 0) {
    outcome = 'auto';
  } else if (score >= REVIEW_THRESHOLD) {
    outcome = 'review';
    if (score >= AUTO_LINK_THRESHOLD) reasons.push(`не связано автоматически: ${guards.join(', ')}`);
  } else {
    outcome = 'new';
  }
  return { score, probability, outcome, reasons, comparisons };
}

// ---------- blocking ----------

/**
 * Keys under which a record is filed so candidates are fetched by equality (SQLite index)
 * instead of comparing every pair. A true match shares at least one key unless it has
 * several errors at once:
 *  fy: surname sound + birth year (catches name typos, swapped day/month, a wrong day digit);
 *  nd: first name + birth date (catches surname changes and surname typos);
 *  fn: surname sound + first-name sound (catches a wrong year digit);
 *  s:  SNILS.
 */
export function blockingKeys(r: LinkageRecord | PreparedRecord): string[] {
  const p = prepareRecord(r);
  const keys = new Set<string>();
  const year = p.birthDate?.slice(0, 4) ?? null;
  const surnameKey = p.surname?.phon ?? '';
  const name = p.name !== null && !p.name.initial ? p.name : null;
  if (year !== null) for (const part of new Set(surnameKey.split('-'))) if (part !== '') keys.add(`fy:${part}:${year}`);
  if (name !== null && p.birthDate !== null) keys.add(`nd:${name.norm}:${p.birthDate}`);
  if (name !== null && surnameKey !== '' && name.phon !== '') keys.add(`fn:${surnameKey}:${name.phon}`);
  if (p.snils !== null) keys.add(`s:${p.snils}`);
  return [...keys];
}
