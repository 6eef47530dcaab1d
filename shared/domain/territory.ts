import { addressTokens } from '../intake/linkage';

// School territories («территория, закреплённая за общеобразовательной организацией»): a settlement, a street of it
// (or the whole settlement), the houses («1–25, 30, 41–») and their parity. The rules of reading them live here, so
// the screen checks what the service stores; the resolver (electron/services/territories/resolve.ts) applies them.

export const PARITIES = ['all', 'even', 'odd'] as const;
export type Parity = (typeof PARITIES)[number];
export const PARITY_LABELS: Record<Parity, string> = { all: 'все', even: 'чётные', odd: 'нечётные' };

/** Words naming the kind of a settlement that addressTokens keeps («рп Кудьма», «х. Весёлый»). */
const LOCALITY_NOISE = new Set(['рп', 'нп', 'снт', 'ст', 'станица', 'хутор', 'сл', 'слобода', 'тер', 'территория', 'поселение', 'сельсовет', 'пр', 'кв']);

/**
 * A settlement's or street's comparison key: the words of addressTokens (shared/intake/linkage.ts: ё/е, case,
 * «ул.», «г.», «пр-т» dropped) without settlement kinds: «ул. Ленина» and «Ленина улица» → «ленина»,
 * «рп Кудьма» → «кудьма», «пр-т Капитана Рачкова» → «капитана рачкова». The kind of street is not part of the key:
 * «пл. Ленина» and «ул. Ленина» are one key (a territory names the street as the people write it).
 */
export function placeKey(s: string | null | undefined): string {
  if (!s) return '';
  return addressTokens(s)
    .filter((t) => !LOCALITY_NOISE.has(t))
    .join(' ');
}

/** The number of a house for ranges: «5», «5А», «5/2», «5 корп. 1» → 5; nothing numeric → null. */
export function houseNumber(house: string | null | undefined): number | null {
  if (!house) return null;
  const m = /\d+/u.exec(house);
  return m ? Number(m[0]) : null;
}

export type HouseRange = readonly [from: number, to: number];

/** Houses as written: «» (all), «1–25», «1-25, 30, 41–» (41 and on), «с 1 по 25», «2–40 (чётные)» is written with parity apart. */
export function parseHouses(text: string): { ranges: HouseRange[] | null; error: string | null } {
  const t = text
    .trim()
    .toLowerCase()
    .replace(/[‐‑‒–—−]/gu, '-')
    .replace(/(?<![а-я])с\s*(\d+)\s*по\s*(\d+)/gu, '$1-$2')
    .replace(/(?<![а-я])от\s*(\d+)\s*до\s*(\d+)/gu, '$1-$2')
    .replace(/(\d+)\s*и\s*далее/gu, '$1-')
    .replace(/(?<![а-я])(?:дома|дом|д)\.?\s*(?=\d)/gu, '');
  if (t === '' || t === 'все' || t === 'все дома') return { ranges: null, error: null };
  const ranges: [number, number][] = [];
  for (const part of t.split(/[,;]/u).map((p) => p.trim()).filter(Boolean)) {
    const m = /^(\d+)\s*[а-я]?(?:\s*-\s*(\d+)?\s*[а-я]?)?$/u.exec(part);
    if (!m) return { ranges: null, error: `Дома «${part}» не разобраны: пишите номера и диапазоны через запятую, например «1–25, 30, 41–»` };
    const from = Number(m[1]);
    const dash = part.includes('-');
    const to = m[2] !== undefined ? Number(m[2]) : dash ? Number.MAX_SAFE_INTEGER : from;
    if (to < from) return { ranges: null, error: `Диапазон домов «${part}»: начало больше конца` };
    ranges.push([from, to]);
  }
  return { ranges, error: null };
}

/** Houses written back in one style: «1–25, 30, 41–». */
export function formatHouses(ranges: readonly HouseRange[] | null): string {
  if (ranges === null) return '';
  return ranges.map(([a, b]) => (a === b ? String(a) : b === Number.MAX_SAFE_INTEGER ? `${a}–` : `${a}–${b}`)).join(', ');
}

/** Parity as written in a spreadsheet: «чётные», «нечет.», «все», «even»… → the stored value; unknown → null. */
export function parseParity(text: string | null | undefined): Parity | null {
  const t = (text ?? '').trim().toLowerCase().replace(/ё/gu, 'е');
  if (t === '' || t.startsWith('вс') || t === 'all' || t === 'любые') return 'all';
  if (t.startsWith('неч') || t === 'odd') return 'odd';
  if (t.startsWith('чет') || t === 'even') return 'even';
  return null;
}

export function houseMatches(n: number | null, ranges: readonly HouseRange[] | null, parity: Parity): boolean {
  if (ranges === null && parity === 'all') return true;
  if (n === null) return false;
  if (parity === 'even' && n % 2 !== 0) return false;
  if (parity === 'odd' && n % 2 !== 1) return false;
  return ranges === null || ranges.some(([a, b]) => n >= a && n <= b);
}
