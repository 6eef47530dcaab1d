import type Database from 'better-sqlite3';
import { isValidIsoDate } from '../../../shared/domain/dates';
import { normalizeName } from '../../../shared/domain/names';
import {
  AUTO_LINK_THRESHOLD,
  COMPARISON_LEVELS,
  REVIEW_THRESHOLD,
  addressNumbersKey,
  addressTokens,
  blockingParts,
  forEachBlock,
  compareValidDates,
  levelWeight,
  bestFirstNameWeight,
  namePartWeight,
  prepareRecord,
  scorePair,
  type BlockKind,
  type BlockingParts,
  type LinkField,
  type NameFrequencies,
  type PreparedName,
  type PreparedRecord,
} from '../../../shared/intake/linkage';
import { phoneticKeyOfNormalized } from '../../../shared/intake/phonetic';
import { recordOwnerSql } from '../access';
import type { ListRowValues } from '../../../shared/intake/listRow';
import type { Candidate, Decision } from '../../../shared/api/intake';

/** A second candidate this close to the best one makes an automatic link unsafe: a person decides. */
const AMBIGUITY_MARGIN_BITS = 6;
const MAX_CANDIDATES_SHOWN = 5;
/**
 * From this many rows a list is linked against the registry read into memory once (one pass over children and
 * addresses, blocking keys in maps): a 50,000-row list meets most of a 200,000-child registry anyway, and the
 * per-row queries of the blocks (seven kinds of keys since issue 8, one of them a range of three birth years)
 * cost tens of milliseconds each in a large registry. A row fixed in place or a short paper form keeps the
 * per-row queries, which need no start-up.
 */
const IN_MEMORY_FROM_ROWS = 20;

interface ChildRow {
  id: number;
  surname: string;
  name: string;
  patronymic: string | null;
  birthDate: string;
  gender: string | null;
  snils: string | null;
  classLabel: string | null;
  orgName: string | null;
  curOrgId: number | null;
  addresses: string | null;
  /** The registry's name keys (normalizeName of each part; '' for no patronymic). */
  surnameNorm: string;
  nameNorm: string;
  patronymicNorm: string;
  /** Its bound keys, once computed. */
  bound?: BoundKeys;
  /** The last row it was a candidate for (to list it once when several blocks hold it). */
  stamp?: number;
}

// ---------- an upper bound of a pair's score, to skip candidates that cannot matter ----------

type NameField = 'surname' | 'name' | 'patronymic';

/** The highest weight a field can add to a score (0: a missing value adds nothing), over all its levels but `except`. */
function maxWeight(field: LinkField, except?: string): number {
  const levels = Object.keys(COMPARISON_LEVELS[field]).filter((level) => level !== except);
  return Math.max(0, ...levels.map((level) => levelWeight(field, level as never)));
}
/** The score of a pair with every field missing: the prior alone. */
const PRIOR_WEIGHT = scorePair({}, {}).score;
const MAX_SEX = maxWeight('sex');
const MAX_SNILS = maxWeight('snils');
const MAX_ADDRESS = maxWeight('address');
/** The most a name part can add when the normalized values differ: any level but 'exact' (which is equal values). */
const MAX_UNEQUAL: Record<NameField, number> = {
  surname: maxWeight('surname', 'exact'),
  name: maxWeight('name', 'exact'),
  patronymic: maxWeight('patronymic', 'exact'),
};
const DIFFERENT_PATRONYMIC = levelWeight('patronymic', 'different') + 1e-9;
/** Room for rounding: a pair is skipped only when its bound is clearly below the threshold. */
const BOUND_SLACK = 1e-6;

/**
 * What bounds a pair's score from above without comparing the pair in full: the normalized name parts as
 * integer ids (the level of a name comparison depends on the normalized values alone; 0: missing), the birth
 * date, and whether sex, СНИЛС and an address are there at all.
 */
interface BoundKeys {
  surname: number;
  name: number;
  patronymic: number;
  birthDate: string | null;
  sex: boolean;
  snils: boolean;
  address: boolean;
}

/**
 * Upper bounds of scorePair(a, b).score: exact for the name parts and the birth date (the same comparisons,
 * each pair of name values weighed once and kept in arrays by value id) and the best level for sex, СНИЛС and
 * address when both sides have them. The score is the prior plus independent field weights (linkage.ts), so a
 * pair whose bound is below a threshold scores below it: most candidates of a birth-date block are other
 * families' children and are dropped without the full comparison (addresses, reasons), with the same decisions.
 */
class ScoreBound {
  constructor(private readonly frequencies: NameFrequencies | null) {}

  private readonly ids: Record<NameField, Map<string, number>> = { surname: new Map(), name: new Map(), patronymic: new Map() };
  private readonly values: Record<NameField, string[]> = { surname: [''], name: [''], patronymic: [''] };
  /** The prepared value of each id, prepared when the value is first weighed. */
  private readonly prepared: Record<NameField, (PreparedName | null | undefined)[]> = { surname: [], name: [], patronymic: [] };
  /** weights[field][a][b]: what comparing value a with value b adds to a score; NaN until weighed. */
  private readonly weights: Record<NameField, (Float64Array | undefined)[]> = { surname: [], name: [], patronymic: [] };

  private id(field: NameField, value: string): number {
    if (value === '') return 0;
    let id = this.ids[field].get(value);
    if (id === undefined) {
      id = this.values[field].length;
      this.values[field].push(value);
      this.ids[field].set(value, id);
    }
    return id;
  }

  ofRecord(r: PreparedRecord): BoundKeys {
    return {
      surname: this.id('surname', r.surname?.norm ?? ''),
      name: this.id('name', r.name?.norm ?? ''),
      patronymic: this.id('patronymic', r.patronymic?.norm ?? ''),
      birthDate: r.birthDate,
      sex: r.sex !== null,
      snils: r.snils !== null,
      address: r.addresses.length > 0,
    };
  }

  ofChild(c: ChildRow): BoundKeys {
    return {
      surname: this.id('surname', c.surnameNorm),
      name: this.id('name', c.nameNorm),
      patronymic: this.id('patronymic', c.patronymicNorm),
      birthDate: c.birthDate,
      sex: c.gender === 'm' || c.gender === 'f',
      snils: c.snils !== null,
      address: c.addresses !== null,
    };
  }

  /** The weights of value `a` against every value, grown to the values known now. */
  private row(field: NameField, a: number): Float64Array {
    let row = this.weights[field][a];
    const size = this.values[field].length;
    if (row === undefined || row.length < size) {
      const grown = new Float64Array(Math.max(size, 16) * 2).fill(NaN);
      if (row) grown.set(row);
      row = grown;
      this.weights[field][a] = row;
    }
    return row;
  }

  private name(field: NameField, id: number): PreparedName | null {
    let name = this.prepared[field][id];
    if (name === undefined) {
      name = prepareRecord({ [field]: this.values[field][id] })[field];
      this.prepared[field][id] = name;
    }
    return name;
  }

  /** What comparing value `a` with value `b` adds to a score (0 when either is missing), weighed once per pair. */
  private weigh(field: NameField, row: Float64Array, a: number, b: number): number {
    if (a === 0 || b === 0) return 0;
    let w = row[b]!;
    if (Number.isNaN(w)) {
      const x = this.name(field, a);
      const y = this.name(field, b);
      // A first-name level may depend on the child's sex (linkage.ts firstNamePair): the best of either sex bounds it.
      w = field === 'name' ? bestFirstNameWeight(x, y, this.frequencies) : namePartWeight(field, x, y, this.frequencies);
      row[b] = w;
    }
    return w;
  }

  /**
   * Whether scorePair(a, b) can reach `threshold`, for one `a` and any `b`. The patronymic and the surname are
   * weighed last and only when needed: while the bound with their best unequal level is below the threshold,
   * only equal values could reach it, and equality needs no comparison. Runs for every candidate of every row
   * (some 75 a row, most of them other families' children of the same birth date): kept to array reads.
   */
  from(a: BoundKeys): (b: BoundKeys, threshold: number) => boolean {
    const dates = new Map<string | null, number>();
    const sameDate = a.birthDate === null ? 0 : levelWeight('birthDate', 'exact');
    let surnames = this.row('surname', a.surname);
    let names = this.row('name', a.name);
    let patronymics = this.row('patronymic', a.patronymic);
    return (b, threshold) => {
      // A value met for the first time after these rows were taken (a new id) grows them.
      if (b.surname >= surnames.length || b.name >= names.length || b.patronymic >= patronymics.length) {
        surnames = this.row('surname', a.surname);
        names = this.row('name', a.name);
        patronymics = this.row('patronymic', a.patronymic);
      }
      let date: number | undefined = b.birthDate === a.birthDate ? sameDate : dates.get(b.birthDate);
      if (date === undefined) {
        // Both dates are valid here (a prepared record's, a registry child's): the cheap comparison.
        date = levelWeight('birthDate', a.birthDate === null || b.birthDate === null ? 'missing' : compareValidDates(a.birthDate, b.birthDate));
        dates.set(b.birthDate, date);
      }
      const name = this.weigh('name', names, a.name, b.name);
      // Surname and first name agree (a positive weight: exact, similar or phonetic) and the patronymic is not
      // different: such a pair goes to review with a far birth date when the address agrees (linkage.ts), which
      // the bound does not see; it is compared in full.
      if (
        threshold <= REVIEW_THRESHOLD &&
        name > 0 &&
        this.weigh('surname', surnames, a.surname, b.surname) > 0 &&
        (a.patronymic === 0 || b.patronymic === 0 || this.weigh('patronymic', patronymics, a.patronymic, b.patronymic) > DIFFERENT_PATRONYMIC)
      ) {
        return true;
      }
      let w = PRIOR_WEIGHT + BOUND_SLACK + date + name;
      if (a.sex && b.sex) w += MAX_SEX;
      if (a.snils && b.snils) w += MAX_SNILS;
      if (a.address && b.address) w += MAX_ADDRESS;
      const samePatronymic = a.patronymic === b.patronymic;
      const sameSurname = a.surname === b.surname;
      const bestPatronymic = a.patronymic === 0 || b.patronymic === 0 ? 0 : samePatronymic ? this.weigh('patronymic', patronymics, a.patronymic, b.patronymic) : MAX_UNEQUAL.patronymic;
      const bestSurname = a.surname === 0 || b.surname === 0 ? 0 : sameSurname ? this.weigh('surname', surnames, a.surname, b.surname) : MAX_UNEQUAL.surname;
      if (w + bestPatronymic + bestSurname < threshold) return false;
      w += samePatronymic ? bestPatronymic : this.weigh('patronymic', patronymics, a.patronymic, b.patronymic);
      if (w + bestSurname < threshold) return false;
      w += sameSurname ? bestSurname : this.weigh('surname', surnames, a.surname, b.surname);
      return w >= threshold;
    };
  }
}

export interface LinkResult {
  decision: Decision | null;
  childId: number | null;
  sameAsRow: number | null;
  score: number | null;
  reasons: string[];
  candidates: Candidate[];
}

/** The key a «это разные дети» decision is remembered by: the person as the list wrote them. */
export function personKey(v: Pick<ListRowValues, 'surname' | 'name' | 'patronymic' | 'birthDate'>): string {
  return personKeyOf(normalizeName(v.surname ?? ''), normalizeName(v.name ?? ''), normalizeName(v.patronymic ?? ''), v.birthDate);
}

/** personKey from names already normalized (a prepared record's `norm`, which is normalizeName of the same value). */
function personKeyOf(surname: string, name: string, patronymic: string, birthDate: string | null): string {
  return `${surname}|${name}|${patronymic}|${birthDate ?? ''}`;
}

function swapDayMonth(iso: string): string {
  const [y, m, d] = iso.split('-');
  return Number(d) <= 12 ? `${y}-${d}-${m}` : iso;
}

function toRecord(v: { surname: string | null; name: string | null; patronymic: string | null; birthDate: string | null; gender?: string | null; snils?: string | null }, addresses: (string | null)[]): PreparedRecord {
  return prepareRecord({
    surname: v.surname,
    name: v.name,
    patronymic: v.patronymic,
    birthDate: v.birthDate,
    sex: v.gender === 'm' || v.gender === 'f' ? v.gender : null,
    snils: v.snils ?? null,
    addresses: addresses.filter((a): a is string => Boolean(a)),
  });
}

/** Addresses of a child as the linker stores them (group_concat of the current ones). */
const ADDRESS_SEPARATOR = ' || ';

function addressNumbers(texts: string | null): string[] {
  if (!texts) return [];
  const out: string[] = [];
  for (const text of texts.split(ADDRESS_SEPARATOR)) {
    const t = addressTokens(text);
    const nums = addressNumbersKey({ nums: t.filter((x) => /^\d/u.test(x)).join(' '), words: new Set() });
    if (nums !== null) out.push(nums);
  }
  return out;
}

/**
 * The registry's names once per link run: how often each normalized surname, first name and patronymic occurs
 * among all children (the term-frequency adjustment, linkage.ts), and the surnames of each surname sound (the
 * sound blocks of the per-row queries). Cached per connection while the children table keeps its size and top id.
 */
interface RegistryNames {
  stamp: string;
  frequencies: NameFrequencies;
  surnamesBySound: Map<string, string[]>;
}

const namesCache = new WeakMap<Database.Database, RegistryNames>();
const soundCache = new Map<string, string[]>();

function surnameSounds(norm: string): string[] {
  let sounds = soundCache.get(norm);
  if (sounds === undefined) {
    sounds = [...new Set(phoneticKeyOfNormalized(norm, 'surname').split('-'))].filter((x) => x !== '');
    if (soundCache.size > 200_000) soundCache.clear();
    soundCache.set(norm, sounds);
  }
  return sounds;
}

function namesFromCounts(stamp: string, size: number, counts: Record<'surname' | 'name' | 'patronymic', Map<string, number>>): RegistryNames {
  const surnamesBySound = new Map<string, string[]>();
  for (const surname of counts.surname.keys()) {
    for (const sound of surnameSounds(surname)) {
      const list = surnamesBySound.get(sound);
      if (list) list.push(surname);
      else surnamesBySound.set(sound, [surname]);
    }
  }
  return { stamp, frequencies: { size, ...counts }, surnamesBySound };
}

function registryStamp(sqlite: Database.Database): { stamp: string; size: number } {
  const r = sqlite.prepare('SELECT count(*) AS n, coalesce(max(id), 0) AS top FROM children').get() as { n: number; top: number };
  return { stamp: `${r.n}:${r.top}`, size: r.n };
}

function registryNames(sqlite: Database.Database): RegistryNames {
  const { stamp, size } = registryStamp(sqlite);
  const cached = namesCache.get(sqlite);
  if (cached && cached.stamp === stamp) return cached;
  const count = (column: string): Map<string, number> =>
    new Map((sqlite.prepare(`SELECT ${column}, count(*) FROM children GROUP BY ${column}`).raw().all() as [string, number][]).filter(([v]) => v !== ''));
  const names = namesFromCounts(stamp, size, { surname: count('surname_norm'), name: count('name_norm'), patronymic: count('patronymic_norm') });
  namesCache.set(sqlite, names);
  return names;
}

const CHILD_COLUMNS = `c.id, c.surname, c.name, c.patronymic, c.birth_date AS birthDate, c.gender, c.snils, c.cur_class AS classLabel,
        o.short_name AS orgName, c.cur_org_id AS curOrgId,
        (SELECT group_concat(a.text, '${ADDRESS_SEPARATOR}') FROM addresses a WHERE a.child_id = c.id AND a.superseded_by IS NULL AND a.withdrawn_at IS NULL) AS addresses,
        c.surname_norm AS surnameNorm, c.name_norm AS nameNorm, c.patronymic_norm AS patronymicNorm`;

/**
 * Links list rows to the registry: candidates by the blocking keys of shared/intake/linkage (birth date or day
 * and month swapped; surname and first name; СНИЛС; surname sound with the birth year or with the day and month;
 * first name and patronymic with the year; house and flat with the year ±1), each scored by the Fellegi–Sunter
 * comparison there with the registry's name frequencies. Prepared statements and prepared candidate records are
 * reused across the rows of a list: a 50,000-row list meets most registry children more than once.
 */
export class Linker {
  private readonly byBlocks: Database.Statement;
  private readonly bySounds: Database.Statement;
  private readonly byNamePatronymic: Database.Statement;
  private readonly byAddressYears: Database.Statement;
  private readonly byIds: Database.Statement;
  private readonly distinct: Database.Statement;
  private readonly prepared = new Map<number, { row: ChildRow; rec: PreparedRecord }>();
  /** Rows of this list already seen, by blocking key, to find the same child listed twice. */
  private readonly seen = new Map<string, { rowNo: number; rec: PreparedRecord; keys: BoundKeys }[]>();
  /** The registry in memory, for a long list: the same blocks as the queries, as maps. */
  private memory: InMemoryRegistry | null = null;
  private readonly names: RegistryNames;
  private stamp = 0;
  private readonly bound: ScoreBound;

  /** `expectedRows`: how many rows will be linked with this linker (a long list reads the registry once). */
  constructor(
    private readonly sqlite: Database.Database,
    expectedRows = 1,
  ) {
    this.byBlocks = sqlite.prepare(`
      SELECT id FROM children WHERE birth_date IN (?, ?)
      UNION SELECT id FROM children WHERE surname_norm = ? AND name_norm = ?
      UNION SELECT id FROM children WHERE snils = ?`).pluck();
    this.bySounds = sqlite
      .prepare(
        `SELECT id FROM children WHERE surname_norm IN (SELECT value FROM json_each(?))
         AND (substr(birth_date, 1, 7) = ? OR (substr(birth_date, 1, 4) = ? AND substr(birth_date, 9) = ?) OR substr(birth_date, 6) = ?)`,
      )
      .pluck();
    this.byNamePatronymic = sqlite.prepare("SELECT id FROM children WHERE name_norm = ? AND patronymic_norm = ? AND birth_date BETWEEN ? || '-01-01' AND ? || '-12-31'").pluck();
    this.byAddressYears = sqlite.prepare(`
      SELECT c.id, a.text FROM children c JOIN addresses a ON a.child_id = c.id AND a.superseded_by IS NULL AND a.withdrawn_at IS NULL
      WHERE c.birth_date BETWEEN ? AND ? AND a.text LIKE ?`);
    this.byIds = sqlite.prepare(`
      SELECT ${CHILD_COLUMNS}
      FROM children c LEFT JOIN organizations o ON o.id = c.cur_org_id
      WHERE c.status = 'active' AND c.id IN (SELECT value FROM json_each(?)) ORDER BY c.id`);
    // A decision holds for the card the child was merged into since (access.ts recordOwnerSql).
    this.distinct = sqlite.prepare(`SELECT ${recordOwnerSql('child_id')} FROM distinct_pairs WHERE other_key = ?`).pluck();
    if (expectedRows >= IN_MEMORY_FROM_ROWS) {
      this.memory = loadRegistry(sqlite);
      this.names = this.memory.names;
    } else {
      this.names = registryNames(sqlite);
    }
    this.bound = new ScoreBound(this.names.frequencies);
  }

  /** The children a person said are not this one («это разные дети»), by the person's key. */
  private distinctFrom(key: string): number[] {
    const m = this.memory;
    if (m) return m.distinct.get(key) ?? [];
    return this.distinct.all(key) as number[];
  }

  /** Candidates by the blocking keys: the queries' rows (in id order), or the same rows from memory (in any order). */
  private candidates(rec: PreparedRecord): ChildRow[] {
    const parts = blockingParts(rec);
    const m = this.memory;
    if (m) {
      const stamp = ++this.stamp;
      const out: ChildRow[] = [];
      forEachBlock(parts, 'probe', (kind, a, b) => {
        const hit = m.blocks.get(kind, a, b);
        if (hit === undefined) return;
        if (!Array.isArray(hit)) {
          if (hit.stamp !== stamp) {
            hit.stamp = stamp;
            out.push(hit);
          }
          return;
        }
        for (const row of hit) {
          if (row.stamp === stamp) continue;
          row.stamp = stamp;
          out.push(row);
        }
      });
      return out;
    }
    const ids = new Set<number>();
    const add = (list: unknown[]) => {
      for (const id of list as number[]) ids.add(id);
    };
    const birth = parts.birthDate ?? '';
    add(this.byBlocks.all(birth, birth ? swapDayMonth(birth) : '', parts.surnameNorm ?? '\u0000', parts.nameNorm ?? '\u0000', parts.snils ?? '\u0000'));
    if (parts.birthDate !== null) {
      const year = Number(parts.birthDate.slice(0, 4));
      const surnames = [...new Set(parts.surnameSounds.flatMap((sound) => this.names.surnamesBySound.get(sound) ?? []))];
      if (surnames.length > 0) {
        const d = parts.birthDate;
        add(this.bySounds.all(JSON.stringify(surnames), d.slice(0, 7), d.slice(0, 4), d.slice(8), d.slice(5)));
      }
      if (parts.nameNorm !== null && parts.patronymicNorm !== null) add(this.byNamePatronymic.all(parts.nameNorm, parts.patronymicNorm, String(year), String(year)));
      for (const nums of new Set(parts.addressNumbers)) {
        // Digits only: SQLite's LIKE folds the case of ASCII letters alone («69А» / «69а»).
        const house = /^\d+/u.exec(nums)?.[0] ?? '';
        for (const hit of this.byAddressYears.all(`${year - 1}-01-01`, `${year + 1}-12-31`, `%${house}%`) as { id: number; text: string }[]) {
          if (!ids.has(hit.id) && addressNumbers(hit.text).includes(nums)) ids.add(hit.id);
        }
      }
    }
    if (ids.size === 0) return [];
    return this.byIds.all(JSON.stringify([...ids])) as ChildRow[];
  }

  private candidateRecord(row: ChildRow): PreparedRecord {
    let hit = this.prepared.get(row.id);
    if (!hit) {
      hit = { row, rec: toRecord(row, row.addresses ? row.addresses.split(ADDRESS_SEPARATOR) : []) };
      this.prepared.set(row.id, hit);
    }
    return hit.rec;
  }

  link(rowNo: number, v: ListRowValues): LinkResult {
    const rec = toRecord(v, [v.addressRegistration, v.addressActual, v.addressResidence]);
    const rows = this.candidates(rec);
    const notSame = this.distinctFrom(personKeyOf(rec.surname?.norm ?? '', rec.name?.norm ?? '', rec.patronymic?.norm ?? '', v.birthDate));
    const options = { frequencies: this.names.frequencies };

    const keys = this.bound.ofRecord(rec);
    const reaches = this.bound.from(keys);
    // A candidate whose score cannot reach review would be dropped below anyway (every outcome but 'new' needs it).
    const scored = rows
      .filter((r) => !notSame.includes(r.id) && reaches((r.bound ??= this.bound.ofChild(r)), REVIEW_THRESHOLD))
      .sort((a, b) => a.id - b.id) // equal scores keep the query's order
      .map((r) => ({ r, result: scorePair(rec, this.candidateRecord(r), options) }))
      .filter((s) => s.result.score >= REVIEW_THRESHOLD || s.result.outcome !== 'new')
      .sort((a, b) => b.result.score - a.result.score);
    const candidates: Candidate[] = scored.slice(0, MAX_CANDIDATES_SHOWN).map(({ r, result }) => ({
      childId: r.id,
      surname: r.surname,
      name: r.name,
      patronymic: r.patronymic,
      birthDate: r.birthDate,
      orgName: r.orgName,
      classLabel: r.classLabel,
      address: r.addresses,
      score: Math.round(result.score * 10) / 10,
      reasons: result.reasons,
    }));

    const sameAsRow = this.sameInList(rowNo, rec, keys, reaches, options);
    const best = scored[0];
    const second = scored[1];
    if (best && best.result.outcome === 'auto') {
      if (second && second.result.outcome !== 'new' && best.result.score - second.result.score < AMBIGUITY_MARGIN_BITS) {
        return { decision: 'review', childId: null, sameAsRow, score: best.result.score, reasons: ['несколько похожих детей в реестре', ...best.result.reasons], candidates };
      }
      return { decision: 'auto', childId: best.r.id, sameAsRow, score: best.result.score, reasons: best.result.reasons, candidates };
    }
    // Any candidate a person should see (not only the best-scoring one, which may be a twin) makes it a review.
    const toReview = scored.find((s) => s.result.outcome === 'review' || s.result.outcome === 'auto');
    if (toReview) {
      return { decision: 'review', childId: null, sameAsRow, score: toReview.result.score, reasons: toReview.result.reasons, candidates };
    }
    if (sameAsRow !== null) return { decision: 'auto', childId: null, sameAsRow, score: null, reasons: [`тот же ребёнок, что в строке ${sameAsRow}`], candidates };
    const close = best !== undefined && best.result.score >= REVIEW_THRESHOLD;
    return {
      decision: 'new',
      childId: null,
      sameAsRow: null,
      score: best?.result.score ?? null,
      reasons: close
        ? ['в реестре есть похожий ребёнок (см. кандидата), но, судя по сведениям, это другой ребёнок — проверьте', ...best.result.reasons]
        : best
          ? ['похожих детей в реестре нет (лучшее совпадение слабое)']
          : ['похожих детей в реестре нет'],
      candidates,
    };
  }

  /** An earlier row of the same list that is certainly the same child (the list names them twice). */
  private sameInList(
    rowNo: number,
    rec: PreparedRecord,
    keys: BoundKeys,
    reaches: (b: BoundKeys, threshold: number) => boolean,
    options: { frequencies: NameFrequencies },
  ): number | null {
    // The date and the surname + name blocks of blockingKeys (a listed-twice child keeps both, typos aside).
    const blocks: string[] = [];
    if (rec.birthDate !== null) blocks.push(`d:${rec.birthDate}`);
    if (rec.surname !== null && rec.name !== null && !rec.name.initial) blocks.push(`n:${rec.surname.norm}|${rec.name.norm}`);
    let found: number | null = null;
    for (const block of blocks) {
      for (const earlier of this.seen.get(block) ?? []) {
        // 'auto' needs the automatic-link score: a pair bounded below it is not compared in full.
        if (found === null && reaches(earlier.keys, AUTO_LINK_THRESHOLD) && scorePair(rec, earlier.rec, options).outcome === 'auto') found = earlier.rowNo;
      }
    }
    for (const block of blocks) {
      const list = this.seen.get(block) ?? [];
      list.push({ rowNo, rec, keys });
      this.seen.set(block, list);
    }
    return found;
  }
}

type Filed = ChildRow | ChildRow[];

/**
 * The blocking keys (linkage.ts forEachBlock) → the active children filed under them, in maps by the key's kind and
 * parts: no string is made per key (a registry files 200,000 children under some 1.8 million). Most keys hold one
 * child: no array.
 */
class BlockIndex {
  private readonly kinds = new Map<BlockKind, Map<string, Map<string | number, Filed>>>();

  file(kind: BlockKind, a: string, b: string | number, row: ChildRow): void {
    let byA = this.kinds.get(kind);
    if (byA === undefined) this.kinds.set(kind, (byA = new Map()));
    let byB = byA.get(a);
    if (byB === undefined) byA.set(a, (byB = new Map()));
    const hit = byB.get(b);
    if (hit === undefined) byB.set(b, row);
    else if (Array.isArray(hit)) hit.push(row);
    else byB.set(b, [hit, row]);
  }

  get(kind: BlockKind, a: string, b: string | number): Filed | undefined {
    return this.kinds.get(kind)?.get(a)?.get(b);
  }
}

interface InMemoryRegistry {
  rows: Map<number, ChildRow>;
  blocks: BlockIndex;
  /** distinct_pairs: a person's key → the children decided not to be that person. */
  distinct: Map<string, number[]>;
  names: RegistryNames;
}

function bump(map: Map<string, number>, key: string): void {
  if (key !== '') map.set(key, (map.get(key) ?? 0) + 1);
}

/** Active children with their current addresses, as the queries return them, filed under their blocking keys. */
function loadRegistry(sqlite: Database.Database): InMemoryRegistry {
  const rows = new Map<number, ChildRow>();
  const blocks = new BlockIndex();
  const orgNames = new Map(
    (sqlite.prepare('SELECT id, short_name AS name FROM organizations').all() as { id: number; name: string }[]).map((o) => [o.id, o.name]),
  );
  const counts = { surname: new Map<string, number>(), name: new Map<string, number>(), patronymic: new Map<string, number>() };
  let size = 0;
  let top = 0;
  // One pass over the table in rowid order (filtering by status through its index would read the rows at random).
  const children = sqlite
    .prepare(
      `SELECT id, surname, name, patronymic, birth_date, gender, snils, cur_class, cur_org_id, surname_norm, name_norm, patronymic_norm, status
       FROM children NOT INDEXED`,
    )
    .raw()
    .iterate() as IterableIterator<[number, string, string, string | null, string, string | null, string | null, string | null, number | null, string, string, string, string]>;
  for (const [id, surname, name, patronymic, birthDate, gender, snils, classLabel, curOrgId, surnameNorm, nameNorm, patronymicNorm, status] of children) {
    // Name frequencies count every child, as the per-row path's GROUP BY does.
    size += 1;
    top = Math.max(top, id);
    bump(counts.surname, surnameNorm);
    bump(counts.name, nameNorm);
    bump(counts.patronymic, patronymicNorm);
    if (status !== 'active') continue;
    // One literal shape for every row (the linker reads these objects millions of times).
    const row: ChildRow = {
      id,
      surname,
      name,
      patronymic,
      birthDate,
      gender,
      snils,
      classLabel,
      orgName: curOrgId === null ? null : (orgNames.get(curOrgId) ?? null),
      curOrgId,
      addresses: null,
      surnameNorm,
      nameNorm,
      patronymicNorm,
      bound: undefined,
      stamp: 0,
    };
    rows.set(id, row);
  }
  // In rowid order, so each child's addresses come in the order the query's group_concat gives them.
  const addresses = sqlite
    .prepare('SELECT child_id, text FROM addresses NOT INDEXED WHERE superseded_by IS NULL AND withdrawn_at IS NULL')
    .raw()
    .iterate() as IterableIterator<[number, string]>;
  for (const [childId, text] of addresses) {
    const row = rows.get(childId);
    if (row) row.addresses = row.addresses === null ? text : `${row.addresses}${ADDRESS_SEPARATOR}${text}`;
  }
  const numbersOf = new Map<string, string[]>();
  for (const row of rows.values()) {
    let nums: string[] = [];
    if (row.addresses !== null) {
      const known = numbersOf.get(row.addresses);
      if (known) nums = known;
      else numbersOf.set(row.addresses, (nums = addressNumbers(row.addresses)));
    }
    const parts: BlockingParts = {
      birthDate: isValidIsoDate(row.birthDate) ? row.birthDate : null,
      surnameSounds: row.surnameNorm ? surnameSounds(row.surnameNorm) : [],
      surnameNorm: row.surnameNorm || null,
      nameNorm: row.nameNorm && [...row.nameNorm].length > 1 ? row.nameNorm : null,
      patronymicNorm: row.patronymicNorm && [...row.patronymicNorm].length > 1 ? row.patronymicNorm : null,
      addressNumbers: nums,
      snils: row.snils,
    };
    forEachBlock(parts, 'file', (kind, a, b) => blocks.file(kind, a, b, row));
  }
  const distinct = new Map<string, number[]>();
  for (const [key, childId] of sqlite.prepare(`SELECT other_key, ${recordOwnerSql('child_id')} FROM distinct_pairs`).raw().iterate() as IterableIterator<[string, number]>) {
    const list = distinct.get(key);
    if (list) list.push(childId);
    else distinct.set(key, [childId]);
  }
  return { rows, blocks, distinct, names: namesFromCounts(`${size}:${top}`, size, counts) };
}

export { AUTO_LINK_THRESHOLD };
