/**
 * Russian alphabetical order: а б в г д е ё ж … я, with ё a variant of е
 * (еж < Еж < ёж < ель: letters first, then ё after е, then case — lower first),
 * whole strings compared letter by letter at each level, as ICU's 'ru' collation
 * does. Spaces and hyphens are not ignored ("Иванов Иван" < "Иванов-Петров" <
 * "Иванова"); digits before letters; Cyrillic before Latin.
 *
 * compareRu uses Intl.Collator('ru') when the runtime's collator gives exactly
 * this order on a probe (full ICU: Node 20, Chromium), else the hand-written key.
 */

/**
 * Version of the sortKeyRu format. Keys are STORED (SQLite columns for ORDER BY),
 * so any change to the tables or the encoding below must bump this number and
 * come with a migration that recomputes every stored key.
 */
export const SORT_KEY_VERSION = 1;

// Primary-weight groups in ICU 'ru' order (derived once from Node 20's ICU, then
// frozen here so keys never change with the ICU version). Within a group the
// first letter is the base; the others differ only at the secondary level.
const PUNCTUATION_GROUPS = [
  '_', '-', '\u2010\u2011', '\u2012', '\u2013', '\u2014', '\u2015', ',', ';', ':', '!', '?', '.', '\u2026',
  '\u00B7', "'\u2018\u2019\u201A", '"\u201C\u201D\u201E', '\u00AB', '\u00BB', '(', ')', '[', ']', '{', '}',
  '\u00A7', '@', '*', '/', '\\', '&', '#', '%', '\u2022', '`', '^', '\u00B0', '+', '<', '=', '>', '|', '~',
  '\u2212', '$',
];
const DIGIT_GROUPS = [...'0123456789'];
const CYRILLIC_GROUPS = (
  'аӑӓ әӛ ӕ б в гѓґ ғ ӻ ҕ ӷ д ђ ҙ еѐӗё є жӂӝ җ зӟ ѕ ӡ иѝӥӣ ҋ ії й ј кќ қ ӄ ҡ ҟ ҝ л ӆ љ м ӎ н ӊ ң ӈ ҥ њ ' +
  'оӧ өӫ п ҧ ҁ р ҏ с ҫ т ҭ ћ уўӱӳӯ ү ұ ѹ ф х ӽ ӿ ҳ һ ѡ ѿ ѽ ѻ ц ҵ чӵ ҷ ӌ ҹ ҽ ҿ џ ш щ ъ ыӹ ь ҍ ѣ эӭ ю я ' +
  'ѥ ѧ ѫ ѩ ѭ ѯ ѱ ѳ ѵѷ ҩ ӏ'
).split(' ');
const LATIN_GROUPS = [...'abcdefghijklmnopqrstuvwxyz'];

// Weights are single BMP characters, so JavaScript's `<` (UTF-16 units), SQLite's
// BINARY collation (UTF-8 bytes) and code point order all agree on keys.
const SEP = '\u0001'; // below every weight: ends a level
const LOW = '\u0002'; // lowest weight of every level (trimmed at the end of a level)
const WHITESPACE = '\u0002';

interface Weights {
  p: string; // primary
  s: number; // secondary: 0 base, 1.. variants (ё = 3)
  t: number; // tertiary: 0 lower/uncased, 1 upper, 2 compatibility form (№)
}

const TABLE = new Map<string, Weights>();
let next = 0x03;
const CATCH = { punctuation: '', cyrillic: '', latin: '' };

function addGroups(groups: readonly string[]): void {
  for (const group of groups) {
    const p = String.fromCharCode(next++);
    [...group].forEach((ch, i) => {
      // U+2011 (non-breaking hyphen) differs from U+2010 only by tertiary level in ICU.
      const w: Weights = ch === '\u2011' ? { p, s: 0, t: 1 } : { p, s: i, t: 0 };
      TABLE.set(ch, w);
      const upper = ch.toUpperCase();
      if (upper !== ch && [...upper].length === 1) TABLE.set(upper, { p, s: w.s, t: 1 });
    });
  }
}
addGroups(PUNCTUATION_GROUPS);
CATCH.punctuation = String.fromCharCode(next++);
addGroups(DIGIT_GROUPS);
addGroups(CYRILLIC_GROUPS);
CATCH.cyrillic = String.fromCharCode(next++);
addGroups(LATIN_GROUPS);
CATCH.latin = String.fromCharCode(next++);
// Letters ICU sorts as a base letter (or two) with a secondary difference; № as "no".
const EXPANSIONS: ReadonlyMap<string, readonly Weights[]> = (() => {
  const m = new Map<string, readonly Weights[]>();
  const w = (base: string, s: number, t: number): Weights => ({ p: TABLE.get(base)?.p ?? CATCH.latin, s, t });
  const pairs: [string, string, string][] = [
    ['ø', 'Ø', 'o'], ['đ', 'Đ', 'd'], ['ð', 'Ð', 'd'], ['ł', 'Ł', 'l'], ['ŀ', 'Ŀ', 'l'],
    ['ß', 'ẞ', 'ss'], ['æ', 'Æ', 'ae'], ['œ', 'Œ', 'oe'],
  ];
  for (const [lower, upper, bases] of pairs) {
    m.set(lower, [...bases].map((b) => w(b, 0x90, 0)));
    m.set(upper, [...bases].map((b) => w(b, 0x90, 1)));
  }
  m.set('№', [w('n', 0, 2), w('o', 0, 2)]);
  return m;
})();
// Characters of other scripts keep their own code point as weight; all of ours are below.
const FIRST_RAW = 0x0370;

const IGNORABLE = /[\p{Cc}\p{Cf}\p{M}]/u;
const SPACE = /\s/u;
const PUNCT = /[\p{P}\p{S}]/u;
const LATIN = /\p{Script=Latin}/u;
const CYRILLIC = /\p{Script=Cyrillic}/u;

function weigh(ch: string): Weights | null {
  const known = TABLE.get(ch);
  if (known) return known;
  if (SPACE.test(ch)) return { p: WHITESPACE, s: 0, t: 0 };
  if (IGNORABLE.test(ch)) return null;
  const lower = ch.toLowerCase();
  const t = lower !== ch ? 1 : 0;
  // Letters with diacritics (é, ǎ…): base letter's primary, the mark as secondary.
  const [base = '', mark] = [...lower.normalize('NFD')];
  const baseW = TABLE.get(base);
  if (baseW && mark !== undefined) {
    const m = mark.codePointAt(0) ?? 0;
    return { p: baseW.p, s: m >= 0x300 && m <= 0x36f ? 0x10 + (m - 0x300) : 0x80, t };
  }
  if (baseW) return { p: baseW.p, s: baseW.s, t };
  if (PUNCT.test(ch)) return { p: CATCH.punctuation, s: 0, t: 0 };
  if (LATIN.test(ch)) return { p: CATCH.latin, s: 0, t };
  if (CYRILLIC.test(ch)) return { p: CATCH.cyrillic, s: 0, t };
  const cp = lower.codePointAt(0) ?? 0xfffd;
  const raw = cp >= FIRST_RAW && cp <= 0xffff && (cp < 0xd800 || cp > 0xdfff) ? cp : 0xfffd;
  return { p: String.fromCharCode(raw), s: 0, t };
}

function trimLow(level: string): string {
  let end = level.length;
  while (end > 0 && level[end - 1] === LOW) end--;
  return level.slice(0, end);
}

/**
 * A string whose plain binary order (JS `<`, SQLite BINARY, UTF-8 memcmp) is the
 * order of compareRu for names: Cyrillic and Latin letters, digits, spaces and
 * the punctuation found in names. Three levels like ICU: letters, then
 * diacritics (ё), then case, joined by U+0001 with trailing lowest weights
 * trimmed — so an all-lowercase name without ё is keyed by its letters alone.
 * Ignorable characters (soft hyphen, zero-width space) are dropped, so two
 * different strings may share a key: ORDER BY the key and then by id.
 * Outside that repertoire (rare symbols, other scripts, several diacritics on one
 * letter) the key is deterministic but only approximates ICU.
 * Stable by contract: see SORT_KEY_VERSION.
 */
export function sortKeyRu(s: string): string {
  let primary = '';
  let secondary = '';
  let tertiary = '';
  for (const ch of s.normalize('NFC')) {
    const ws = EXPANSIONS.get(ch) ?? [weigh(ch)];
    for (const w of ws) {
      if (!w) continue;
      primary += w.p;
      secondary += String.fromCharCode(0x02 + w.s);
      tertiary += String.fromCharCode(0x02 + w.t);
    }
  }
  secondary = trimLow(secondary);
  tertiary = trimLow(tertiary);
  if (tertiary !== '') return `${primary}${SEP}${secondary}${SEP}${tertiary}`;
  if (secondary !== '') return `${primary}${SEP}${secondary}`;
  return primary;
}

function sign(n: number): -1 | 0 | 1 {
  return n < 0 ? -1 : n > 0 ? 1 : 0;
}

/** Total order: different strings never compare equal (ties broken by code units). */
function tieBreak(a: string, b: string): -1 | 0 | 1 {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** compareRu by the hand-written key (the fallback; also what stored keys give). */
export function compareRuByKey(a: string, b: string): -1 | 0 | 1 {
  if (a === b) return 0;
  const ka = sortKeyRu(a);
  const kb = sortKeyRu(b);
  return ka < kb ? -1 : ka > kb ? 1 : tieBreak(a, b);
}

// Probe: the runtime's collator must agree with the key on what matters.
const PROBE = ['123', 'абрикос', 'еж', 'Еж', 'ёж', 'Ёж', 'ель', 'жук', 'Иванов', 'Иванов Иван', 'Иванов-Петров',
  'Иванова', 'ия', 'йод', 'яма', 'abc', 'Zed'];

function makeCollator(): Intl.Collator | null {
  try {
    const c = new Intl.Collator('ru', { usage: 'sort', sensitivity: 'variant', numeric: false, ignorePunctuation: false });
    if (!c.resolvedOptions().locale.startsWith('ru')) return null;
    const sorted = [...PROBE].reverse().sort((a, b) => c.compare(a, b));
    return sorted.every((v, i) => v === PROBE[i]) ? c : null;
  } catch {
    return null;
  }
}

const collator = makeCollator();

/** 'intl' when Intl.Collator('ru') passed the probe, else 'key'. */
export const COLLATION_ENGINE: 'intl' | 'key' = collator ? 'intl' : 'key';

/** Russian alphabetical comparison for Array.prototype.sort. */
export function compareRu(a: string, b: string): -1 | 0 | 1 {
  if (a === b) return 0;
  if (!collator) return compareRuByKey(a, b);
  return sign(collator.compare(a, b)) || tieBreak(a, b);
}
