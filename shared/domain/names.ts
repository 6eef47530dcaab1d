/**
 * Name keys for search and record linkage.
 *
 * These functions only DERIVE keys: stored and displayed values keep exactly
 * what was written (the regulation lists are legal documents).
 */

/** Every hyphen/dash look-alike a spreadsheet or a word processor may produce. */
const DASHES = /[\u2010-\u2015\u2212\u2E3A\u2E3B\uFE58\uFE63\uFF0D]/gu;

/**
 * Latin letters that look like Cyrillic ones (typed by mistake, or produced by OCR
 * and by copying from PDFs). Uppercase is mapped before lowering because some pairs
 * only look alike in one case (B/В, H/Н, M/М, T/Т).
 * Latin ë/Ë are added: they are the usual substitute for ё/Ё.
 */
const LOOKALIKE: Readonly<Record<string, string>> = {
  a: 'а', e: 'е', o: 'о', p: 'р', c: 'с', x: 'х', y: 'у', k: 'к', m: 'м', t: 'т', b: 'в', h: 'н',
  A: 'А', E: 'Е', O: 'О', P: 'Р', C: 'С', X: 'Х', Y: 'У', K: 'К', M: 'М', T: 'Т', B: 'В', H: 'Н',
  ë: 'ё', Ë: 'Ё',
};

const CYRILLIC = /\p{Script=Cyrillic}/u;
const LATIN_LETTER = /[A-Za-z\u00CB\u00EB]/gu;

function isLookalikeOnly(word: string): boolean {
  for (const ch of word) if (LOOKALIKE[ch] === undefined) return false;
  return word.length > 0;
}

function fixLookalikes(word: string): string {
  if (!CYRILLIC.test(word) && !isLookalikeOnly(word)) return word;
  return word.replace(LATIN_LETTER, (ch) => LOOKALIKE[ch] ?? ch);
}

/**
 * Search / matching key of a name (or of a whole ФИО).
 *
 * «  Ёлкина-  Сидорoва » (Latin o) → «елкина-сидорова».
 * Steps: NFC (composes decomposed ё/й); dashes → '-'; everything that is not a
 * letter, hyphen or whitespace removed; whitespace collapsed; spaces around
 * hyphens and repeated hyphens removed; Latin look-alikes inside a Cyrillic word
 * (or a word made only of look-alikes) mapped to Cyrillic; lower-cased; ё → е.
 */
export function normalizeName(s: string): string {
  const cleaned = s
    .normalize('NFC')
    .replace(DASHES, '-')
    .replace(/[^\p{L}\s-]/gu, '')
    .replace(/\s+/gu, ' ')
    .replace(/ ?-[ -]*/gu, '-') // spaces around hyphens, runs of hyphens
    .replace(/^[ -]+|[ -]+$/gu, '');
  // Split keeping separators so the word structure is preserved.
  return cleaned
    .split(/([ -])/u)
    .map((part) => (part === ' ' || part === '-' ? part : fixLookalikes(part)))
    .join('')
    .toLowerCase()
    .replace(/ё/gu, 'е')
    .replace(/\p{M}/gu, ''); // lowering İ yields i + U+0307
}

/** English (QWERTY) key → the Russian ЙЦУКЕН character on the same key. */
const LAYOUT_LOWER = "qwertyuiop[]asdfghjkl;'zxcvbnm,./`";
const RU_LOWER = 'йцукенгшщзхъфывапролджэячсмитьбю.ё';
const LAYOUT_UPPER = 'QWERTYUIOP{}ASDFGHJKL:"ZXCVBNM<>?~';
const RU_UPPER = 'ЙЦУКЕНГШЩЗХЪФЫВАПРОЛДЖЭЯЧСМИТЬБЮ,Ё';
// Shifted digit row differs between the layouts too.
const LAYOUT_DIGITS = '@#$^&';
const RU_DIGITS = '"№;:?';

const LAYOUT_MAP: ReadonlyMap<string, string> = (() => {
  const m = new Map<string, string>();
  const add = (from: string, to: string): void => {
    const f = [...from];
    const t = [...to];
    f.forEach((ch, i) => m.set(ch, t[i] ?? ch));
  };
  add(LAYOUT_LOWER, RU_LOWER);
  add(LAYOUT_UPPER, RU_UPPER);
  add(LAYOUT_DIGITS, RU_DIGITS);
  return m;
})();

/**
 * Text typed with the English layout active, as it would have appeared with the
 * Russian ЙЦУКЕН layout: «Bdfyjd» → «Иванов», «{jkjgjd» → «Холопов».
 * Characters not on a remapped key (digits, space, Cyrillic) are kept.
 */
export function layoutToCyrillic(s: string): string {
  let out = '';
  for (const ch of s) out += LAYOUT_MAP.get(ch) ?? ch;
  return out;
}

/** The inverse of LAYOUT_MAP: the Russian character → the English key it is on (the first key wins). */
const LAYOUT_MAP_BACK: ReadonlyMap<string, string> = (() => {
  const m = new Map<string, string>();
  for (const [latin, ru] of LAYOUT_MAP) if (!m.has(ru)) m.set(ru, latin);
  return m;
})();

/** Text typed with the Russian layout active, as the same keys give in the English one: «зфыыцщкв» → «password». */
export function cyrillicToLayout(s: string): string {
  let out = '';
  for (const ch of s) out += LAYOUT_MAP_BACK.get(ch) ?? ch;
  return out;
}

/**
 * The same keys pressed in the other layout (a password typed with the wrong one): Cyrillic text as QWERTY,
 * otherwise Latin text as ЙЦУКЕН. null when no key of it changes.
 */
export function otherLayout(s: string): string | null {
  const other = CYRILLIC.test(s) ? cyrillicToLayout(s) : layoutToCyrillic(s);
  return other === s ? null : other;
}

/** True when the text has Latin letters and no Cyrillic ones — a likely wrong-layout query. */
export function looksLikeWrongLayout(s: string): boolean {
  return /[A-Za-z]/u.test(s) && !CYRILLIC.test(s);
}
