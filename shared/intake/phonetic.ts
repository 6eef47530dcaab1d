/**
 * Russian phonetic key in the style of «Русский Metaphone» (П. Каньковски), used for
 * blocking and as a comparison level in record linkage.
 *
 * Differences from the original on purpose:
 * - gendered surname endings map to ONE code per family (Иванов = Иванова), because the
 *   registry must find a girl written in a list with her father's surname form by mistake,
 *   and siblings of different sex share a surname stem anyway (the comparator keeps
 *   exact-surname as a separate, stronger level);
 * - Щ is reduced to Ш (a common spelling slip: Щербаков / Шербаков).
 */
import { normalizeName } from '../domain/names';

export type PhoneticKind = 'surname' | 'name';

/**
 * Surname endings, longest first within a family. Digits are the family codes: they cannot
 * collide with letters of the stem key.
 */
const SURNAME_ENDINGS: ReadonlyArray<readonly [string, string]> = [
  ['овский', '1'], ['овская', '1'], ['овской', '1'], ['евский', '1'], ['евская', '1'],
  ['ский', '2'], ['ская', '2'], ['ской', '2'], ['цкий', '2'], ['цкая', '2'], ['цкой', '2'],
  ['иева', '3'], ['иев', '3'], ['еева', '3'], ['еев', '3'],
  ['ова', '3'], ['ов', '3'], ['ева', '3'], ['ев', '3'],
  ['ына', '4'], ['ын', '4'], ['ина', '4'], ['ин', '4'],
  ['ых', '5'], ['их', '5'],
  ['ый', '6'], ['ий', '6'], ['ой', '6'], ['ая', '6'], ['яя', '6'],
];

/** Minimum stem left after stripping: «Ов», «Ин» stay whole words. */
const MIN_STEM = 2;

/** Consonant clusters that are written differently than pronounced (and so misspelt). */
const CLUSTERS: ReadonlyArray<readonly [RegExp, string]> = [
  [/вств/gu, 'ств'],
  [/стн/gu, 'сн'],
  [/здн/gu, 'зн'],
  [/стл/gu, 'сл'],
  [/лнц/gu, 'нц'],
  [/рдц/gu, 'рц'],
  [/ндш/gu, 'нш'],
  [/нтск/gu, 'нск'],
  [/[тд]с/gu, 'ц'],
  [/[тд]ц/gu, 'ц'],
  [/[тд]ч/gu, 'ч'],
  [/[сзж]ч/gu, 'ш'],
  [/[сзжш]щ/gu, 'ш'],
  [/щ/gu, 'ш'],
];

const DEVOICE: Readonly<Record<string, string>> = { б: 'п', в: 'ф', г: 'к', д: 'т', ж: 'ш', з: 'с' };
const VOICELESS = new Set(['п', 'ф', 'к', 'т', 'ш', 'с', 'х', 'ц', 'ч']);
const VOWEL_CLASS: Readonly<Record<string, string>> = {
  о: 'а', ы: 'а', а: 'а', я: 'а',
  ю: 'у', у: 'у',
  е: 'и', э: 'и', и: 'и', й: 'и',
};

function stripSurnameEnding(word: string): { stem: string; code: string } {
  for (const [ending, code] of SURNAME_ENDINGS) {
    if (word.endsWith(ending) && word.length - ending.length >= MIN_STEM) {
      return { stem: word.slice(0, -ending.length), code };
    }
  }
  return { stem: word, code: '' };
}

function reduce(stem: string): string {
  let s = stem
    .replace(/ь(?=[аеиоуыэюя])/gu, 'и') // Наталья = Наталия, Софья = София
    .replace(/[ьъ]/gu, '');
  for (const [re, to] of CLUSTERS) s = s.replace(re, to);
  s = s.replace(/[йи][ое]/gu, 'и');
  const chars = [...s].map((ch) => VOWEL_CLASS[ch] ?? ch);
  // Devoice before a voiceless consonant and at the end (Лобков = Лопков, Дуб = Дуп).
  for (let i = chars.length - 1; i >= 0; i--) {
    const ch = chars[i] as string;
    const voiceless = DEVOICE[ch];
    if (voiceless === undefined) continue;
    const next = chars[i + 1];
    if (next === undefined || VOICELESS.has(next)) chars[i] = voiceless;
  }
  let out = '';
  for (const ch of chars) if (out.at(-1) !== ch) out += ch;
  return out;
}

function wordKey(word: string, kind: PhoneticKind): string {
  const letters = word.replace(/[^а-я]/gu, '');
  if (letters === '') return '';
  if (kind === 'name') return reduce(letters);
  const { stem, code } = stripSurnameEnding(letters);
  return reduce(stem) + code;
}

/**
 * Phonetic key of a surname (default) or a first name / patronymic.
 * Parts of a double surname are keyed separately and joined with '-'.
 * Returns '' when there is nothing Cyrillic to key.
 */
export function phoneticKey(input: string, kind: PhoneticKind = 'surname'): string {
  return phoneticKeyOfNormalized(normalizeName(input), kind);
}

/** phoneticKey of a string already passed through normalizeName (saves a second pass). */
export function phoneticKeyOfNormalized(normalized: string, kind: PhoneticKind = 'surname'): string {
  return normalized
    .split(/[\s-]+/u)
    .map((w) => wordKey(w, kind))
    .filter((k) => k !== '')
    .join('-');
}

/** Keys of each part of a (possibly double) surname, for blocking on either part. */
export function phoneticKeyParts(input: string, kind: PhoneticKind = 'surname'): string[] {
  const parts = phoneticKey(input, kind).split('-').filter((k) => k !== '');
  return [...new Set(parts)];
}
