import type Database from 'better-sqlite3';
import { addressTokens } from '../../../shared/intake/linkage';
import { type HouseRange, type Parity, houseMatches, houseNumber, parseHouses, placeKey } from '../../../shared/domain/territory';
import { inForceSql, newestFirstSql } from '../access';

// The one resolver of «which school's territory is this address on». Other services (not in education, the
// forecast, Кстово Приложение 1, reconciliation, the card) call these; none reads territory_rules on its own.

interface Rule {
  id: number;
  orgId: number;
  ranges: HouseRange[] | null;
  parity: Parity;
  /** 1 — the whole settlement; 2 — a street; +1 with house numbers; +0.5 with parity only. */
  rank: number;
}

/** A parsed address: the settlement's and street's keys as written (display) and the house number. */
export interface PlaceOfAddress {
  localityKey: string;
  streetKey: string;
  locality: string;
  street: string;
  house: number | null;
}

export interface TerritoryIndex {
  /** locality key → street key ('' for the whole settlement) → rules. Locality '' holds rules for a street anywhere. */
  rules: Map<string, Map<string, Rule[]>>;
  /** Every settlement key known (rules, street directory), with the words count of the longest. */
  localities: Set<string>;
  /** Street key → the settlements that have it (rules and the street directory; '' when a rule names none). */
  streets: Map<string, Set<string>>;
  maxWords: number;
  ruleCount: number;
}

/** Reads the territory rules in force (not removed) and the street directory into lookup maps: a few ms. */
export function loadTerritoryIndex(sqlite: Database.Database): TerritoryIndex {
  const idx: TerritoryIndex = { rules: new Map(), localities: new Set(), streets: new Map(), maxWords: 1, ruleCount: 0 };
  const words = (k: string) => (k === '' ? 0 : k.split(' ').length);
  const addStreet = (loc: string, st: string) => {
    if (st === '') return;
    let set = idx.streets.get(st);
    if (!set) idx.streets.set(st, (set = new Set()));
    set.add(loc);
    idx.maxWords = Math.max(idx.maxWords, words(st));
  };
  const rows = sqlite
    .prepare('SELECT id, org_id AS orgId, locality, street, houses, parity FROM territory_rules WHERE removed_at IS NULL ORDER BY id')
    .all() as { id: number; orgId: number; locality: string; street: string; houses: string; parity: string }[];
  for (const r of rows) {
    const loc = placeKey(r.locality);
    const st = placeKey(r.street);
    if (loc === '' && st === '') continue;
    const ranges = parseHouses(r.houses).ranges;
    const parity = (r.parity === 'even' || r.parity === 'odd' ? r.parity : 'all') as Parity;
    const rank = (st === '' ? 1 : 2) + (ranges !== null ? 1 : parity !== 'all' ? 0.5 : 0);
    let byStreet = idx.rules.get(loc);
    if (!byStreet) idx.rules.set(loc, (byStreet = new Map()));
    let list = byStreet.get(st);
    if (!list) byStreet.set(st, (list = []));
    list.push({ id: r.id, orgId: r.orgId, ranges, parity, rank });
    idx.ruleCount += 1;
    if (loc !== '') {
      idx.localities.add(loc);
      idx.maxWords = Math.max(idx.maxWords, words(loc));
    }
    addStreet(loc, st);
  }
  for (const s of sqlite.prepare('SELECT locality, name FROM streets').all() as { locality: string; name: string }[]) {
    const loc = placeKey(s.locality);
    if (loc !== '') {
      idx.localities.add(loc);
      idx.maxWords = Math.max(idx.maxWords, words(loc));
    }
    addStreet(loc, placeKey(s.name));
  }
  return idx;
}

/** The school of a parsed place: the most specific rule that takes the house wins (houses > street > settlement); equal ones, the older rule. */
export function schoolOfPlace(idx: TerritoryIndex, p: PlaceOfAddress): number | null {
  let best: Rule | null = null;
  const consider = (list: Rule[] | undefined) => {
    if (!list) return;
    for (const r of list) {
      if ((best === null || r.rank > best.rank || (r.rank === best.rank && r.id < best.id)) && houseMatches(p.house, r.ranges, r.parity)) best = r;
    }
  };
  if (p.streetKey !== '') {
    consider(idx.rules.get(p.localityKey)?.get(p.streetKey));
    if (p.localityKey !== '') consider(idx.rules.get('')?.get(p.streetKey));
  }
  if (p.localityKey !== '') consider(idx.rules.get(p.localityKey)?.get(''));
  return (best as Rule | null)?.orgId ?? null;
}

/** A key shown to a person: «большая ельня» → «Большая Ельня». */
const capitalized = (key: string) => key.replace(/(^|[\s-])(\p{Ll})/gu, (_m: string, a: string, b: string) => a + b.toUpperCase());

const isNumeric = (t: string) => t.charCodeAt(0) >= 48 && t.charCodeAt(0) <= 57;

/**
 * An address typed as one line («Нижегородская обл., г. Кстово, ул. Ленина, д. 5, кв. 12»): the settlement is the
 * first run of words that is a known settlement, the street the next run that is a known street (of that
 * settlement, or of exactly one settlement when none is written), the house the number right after it.
 */
export function parseAddressText(idx: TerritoryIndex, text: string): PlaceOfAddress {
  const toks = addressTokens(text).filter((t) => t !== 'рп' && t !== 'нп' && t !== 'снт');
  const out: PlaceOfAddress = { localityKey: '', streetKey: '', locality: '', street: '', house: null };
  let i = 0;
  // Settlement: the first run of 1..maxWords words that is a known settlement key.
  for (let at = 0; at < toks.length && out.localityKey === ''; at++) {
    if (isNumeric(toks[at]!)) continue;
    for (let n = Math.min(idx.maxWords, toks.length - at); n >= 1; n--) {
      const key = toks.slice(at, at + n).join(' ');
      if (idx.localities.has(key)) {
        out.localityKey = key;
        i = at + n;
        break;
      }
    }
  }
  // Street: the next run that is a street key (of this settlement when it is known).
  for (let at = i; at < toks.length && out.streetKey === ''; at++) {
    if (isNumeric(toks[at]!)) continue;
    for (let n = Math.min(idx.maxWords, toks.length - at); n >= 1; n--) {
      const key = toks.slice(at, at + n).join(' ');
      const locs = idx.streets.get(key);
      if (!locs) continue;
      if (out.localityKey === '' ? true : locs.has(out.localityKey) || locs.has('')) {
        out.streetKey = key;
        i = at + n;
        if (out.localityKey === '' && locs.size === 1) out.localityKey = [...locs][0]!;
        break;
      }
    }
  }
  if (out.streetKey !== '' && i < toks.length && isNumeric(toks[i]!)) out.house = houseNumber(toks[i]!);
  out.locality = capitalized(out.localityKey);
  out.street = capitalized(out.streetKey);
  if (out.streetKey === '' && out.localityKey !== '') {
    // A street no rule or directory knows: the words after the settlement up to the house, to group unresolved addresses by.
    const words: string[] = [];
    for (let at = i; at < toks.length && !isNumeric(toks[at]!); at++) words.push(toks[at]!);
    out.street = capitalized(words.join(' '));
  }
  return out;
}

/** The school whose territory an address typed as one line is on; null when no rule takes it. */
export function territoryOfAddress(sqlite: Database.Database, text: string, idx: TerritoryIndex = loadTerritoryIndex(sqlite)): number | null {
  return schoolOfPlace(idx, parseAddressText(idx, text));
}

/** An address row as the registry keeps it: structured parts when the card has them, else only the text. */
export interface AddressParts {
  locality: string | null;
  street: string | null;
  house: string | null;
  text: string;
}

/** Parses an address row (structured parts first); `cache` keeps the keys of repeated settlements and streets. */
export function placeOfAddress(idx: TerritoryIndex, a: AddressParts, cache?: Map<string, string>): PlaceOfAddress {
  if (a.street) {
    const key = (s: string) => {
      if (!cache) return placeKey(s);
      let k = cache.get(s);
      if (k === undefined) cache.set(s, (k = placeKey(s)));
      return k;
    };
    const localityKey = key(a.locality ?? '');
    const streetKey = key(a.street);
    const locs = localityKey === '' ? idx.streets.get(streetKey) : undefined;
    return {
      localityKey: locs && locs.size === 1 ? [...locs][0]! : localityKey,
      streetKey,
      locality: a.locality ?? '',
      street: a.street,
      house: houseNumber(a.house),
    };
  }
  return parseAddressText(idx, a.text);
}

/** child, kind rank, start (YYYYMMDD), id, then the parts (full) or one key «settlement␁street␁house» (lean), and the text when there are no parts. */
type AddressRow = [number, number, number, number, string | null, string | null, string | null, string | null];

const START_SQL = "CAST(replace(coalesce(a.valid_from, min(substr(a.recorded_at, 1, 10), @on)), '-', '') AS INTEGER)";

/**
 * The rows of addresses in force and, per active child id, the index of its living one (-1: none). Lean: the parts as
 * one key string made by SQLite, the start as a number — on 200,000 children two strings fewer a row to make and collect.
 */
function livingRows(sqlite: Database.Database, asOf: string, childIds: readonly number[] | undefined, lean: boolean): { rows: AddressRow[]; best: Int32Array; activeIds: number[] } {
  // Only some children (the first-grade forecast's): their rows by the child index, not a pass over every address.
  const only = childIds ? 'a.child_id IN (SELECT value FROM json_each(@ids)) AND ' : '';
  const parts = lean
    ? "CASE WHEN a.street IS NOT NULL THEN coalesce(a.locality, '') || char(1) || a.street || char(1) || coalesce(a.house, '') END, NULL, NULL"
    : 'a.locality, a.street, a.house';
  // The text only where the parts are missing: most rows are structured, and a string not made is time saved.
  const rows = sqlite
    .prepare(
      `SELECT a.child_id, CASE a.kind WHEN 'actual' THEN 0 WHEN 'registration' THEN 1 ELSE 2 END, ${START_SQL}, a.id, ${parts}, CASE WHEN a.street IS NULL THEN a.text END
       FROM addresses a WHERE ${only}${inForceSql('a', '@on')}`,
    )
    .raw()
    .all(childIds ? { on: asOf, ids: JSON.stringify(childIds) } : { on: asOf }) as AddressRow[];
  // Children by their ids in typed arrays (ids are dense): no Map or Set of 200,000 entries on the way.
  const activeIds = sqlite.prepare("SELECT id FROM children WHERE status = 'active'").pluck().all() as number[];
  let maxId = 0;
  for (const id of activeIds) if (id > maxId) maxId = id;
  const active = new Uint8Array(maxId + 1);
  for (const id of activeIds) active[id] = 1;
  const best = new Int32Array(maxId + 1).fill(-1); // child → index of its best row
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    const child = row[0];
    if (child > maxId || active[child] === 0) continue;
    const b = best[child]!;
    if (b < 0) {
      best[child] = r;
      continue;
    }
    const cur = rows[b]!;
    if (row[1] < cur[1] || (row[1] === cur[1] && (row[2] > cur[2] || (row[2] === cur[2] && row[3] > cur[3])))) best[child] = r;
  }
  return { rows, best, activeIds };
}

const partsOf = (row: AddressRow): AddressParts => ({ locality: row[4], street: row[5], house: row[6], text: row[7] ?? '' });

/** «…, д. 5, кв. 12» → «…, д. 5»: the flat never decides the school. */
const FLAT_RE = /[,\s]*(?:кв\.?|квартира)\s*\d+\S*\s*$/iu;

/** The parts of a lean row's key. */
function partsOfKey(key: string): AddressParts {
  const [locality = '', street = '', house = ''] = key.split('\u0001');
  return { locality: locality || null, street, house: house || null, text: '' };
}

/**
 * One living address per active child in force on `asOf`: actual residence first, then registration, then stay (the
 * order of «Адрес места жительства» in reports/prepare.ts); the newest of a kind.
 */
export function livingAddresses(sqlite: Database.Database, asOf: string, childIds?: readonly number[]): Map<number, AddressParts> {
  const { rows, best, activeIds } = livingRows(sqlite, asOf, childIds, false);
  const out = new Map<number, AddressParts>();
  for (const id of activeIds) {
    const b = best[id]!;
    if (b >= 0) out.set(id, partsOf(rows[b]!));
  }
  return out;
}

/**
 * Each active child's territory school on `asOf`: its living address in force that day (actual residence first,
 * else registration, else stay) resolved by the territory rules; null for a child without an address or with an address no
 * rule takes. One pass over the addresses; repeated streets and houses are resolved once.
 */
export function childTerritories(sqlite: Database.Database, asOf: string, idx: TerritoryIndex = loadTerritoryIndex(sqlite), childIds?: readonly number[]): Map<number, number | null> {
  const out = new Map<number, number | null>();
  if (idx.ruleCount === 0) {
    const active = sqlite.prepare("SELECT id FROM children WHERE status = 'active'").pluck().all() as number[];
    const wanted = childIds ? new Set(childIds) : null;
    for (const id of active) if (!wanted || wanted.has(id)) out.set(id, null);
    return out;
  }
  const { rows, best, activeIds } = livingRows(sqlite, asOf, childIds, true);
  const wanted = childIds ? new Set(childIds) : null;
  const keys = new Map<string, string>();
  const memo = new Map<string, number | null>();
  for (const id of activeIds) {
    if (wanted && !wanted.has(id)) continue;
    const b = best[id]!;
    if (b < 0) {
      out.set(id, null);
      continue;
    }
    const row = rows[b]!;
    // Structured: the parts' key; typed as one line: the text without the flat (a house's flats resolve once).
    const key = row[4] ?? `\u0002${(row[7] ?? '').replace(FLAT_RE, '')}`;
    let org = memo.get(key);
    if (org === undefined) {
      org = schoolOfPlace(idx, placeOfAddress(idx, row[4] === null ? partsOf(row) : partsOfKey(key), keys));
      memo.set(key, org);
    }
    out.set(id, org);
  }
  return out;
}

/** One child's territory school on `asOf` (the card). */
export function childTerritory(sqlite: Database.Database, childId: number, asOf: string): number | null {
  const rows = sqlite
    .prepare(`SELECT kind, locality, street, house, text FROM addresses a WHERE child_id = @id AND ${inForceSql('a', '@on')} ORDER BY CASE a.kind WHEN 'actual' THEN 0 WHEN 'registration' THEN 1 ELSE 2 END, ${newestFirstSql('a')} LIMIT 1`)
    .all({ id: childId, on: asOf }) as (AddressParts & { kind: string })[];
  if (rows.length === 0) return null;
  const idx = loadTerritoryIndex(sqlite);
  return idx.ruleCount === 0 ? null : schoolOfPlace(idx, placeOfAddress(idx, rows[0]!));
}
