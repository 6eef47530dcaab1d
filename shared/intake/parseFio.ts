/**
 * ФИО from one spreadsheet cell, as people write it.
 *
 * Display values are proper-cased but otherwise kept (ё stays ё); matching keys are
 * derived elsewhere with normalizeName.
 */
import { normalizeName } from '../domain/names';
import { firstNameSex } from './firstNames';

export type Sex = 'm' | 'f';
/** sip: «Фамилия Имя Отчество»; ips: «Имя Отчество Фамилия». */
export type FioOrder = 'sip' | 'ips';

export interface ParsedFio {
  surname: string;
  name: string;
  patronymic: string | null;
  order: FioOrder;
  /** 0..1: how sure the order (and so the split) is. */
  confidence: number;
  /** Guessed from patronymic, then first name, then surname ending; null when unclear. */
  sex: Sex | null;
  warnings: string[];
}

export type ParseFioResult = ParsedFio | { error: string };

/** Turkic patronymic particles: «Рашид оглы», «Рашид кызы». */
const MALE_PARTICLES = new Set(['оглы', 'улы', 'уулу']);
const FEMALE_PARTICLES = new Set(['кызы', 'гызы']);
const PARTICLES = new Set([...MALE_PARTICLES, ...FEMALE_PARTICLES]);

const MALE_PATRONYMIC = /(ович|евич|ьич|ич)$/u;
const FEMALE_PATRONYMIC = /(овна|евна|ична|инична)$/u;
const STRONG_PATRONYMIC = /(ович|евич|овна|евна|ична)$/u;

const FEMALE_SURNAME = /(ова|ева|ина|ына|ская|цкая|ая)$/u;
const MALE_SURNAME = /(ов|ев|ин|ын|ский|цкий|ой|ый|ий)$/u;
const SURNAME_LIKE = /(ов|ова|ев|ева|ин|ина|ын|ына|ский|ская|цкий|цкая|ой|ая|ый|ий|их|ых|енко|ук|юк|ян|дзе|швили|ко)$/u;

/** Latin look-alikes for display: normalizeName folds case and ё, display must keep them. */
const LOOKALIKE_LOWER: Readonly<Record<string, string>> = {
  a: 'а', e: 'е', o: 'о', p: 'р', c: 'с', x: 'х', y: 'у', k: 'к', m: 'м', t: 'т', b: 'в', h: 'н', ë: 'ё',
};

/** «ИВАНОВА-петрова» → «Иванова-Петрова»; particles stay lower-case («Рашид оглы»). */
export function properCaseName(s: string): string {
  return s
    .toLowerCase()
    .split(/([\s-]+)/u)
    .map((part) =>
      /^[\s-]+$/u.test(part) || PARTICLES.has(part) || part === ''
        ? part
        : (part[0] ?? '').toUpperCase() + part.slice(1),
    )
    .join('');
}

function patronymicScore(token: string): number {
  const n = normalizeName(token);
  const parts = n.split(/[\s-]/u);
  if (parts.length > 1 && PARTICLES.has(parts.at(-1) ?? '')) return 3;
  if (STRONG_PATRONYMIC.test(n)) return 3;
  if (MALE_PATRONYMIC.test(n) || FEMALE_PATRONYMIC.test(n)) return 2;
  return 0;
}

function isInitial(token: string): boolean {
  return /^\p{L}\.?$/u.test(token);
}

function surnameLikeScore(token: string): number {
  if (isInitial(token) || firstNameSex(token) !== null) return 0;
  return SURNAME_LIKE.test(normalizeName(token)) ? 1 : 0;
}

function firstNameScore(token: string): number {
  return firstNameSex(token) !== null ? 2 : 0;
}

function patronymicSex(patronymic: string): Sex | null {
  const n = normalizeName(patronymic);
  const last = n.split(/[\s-]/u).at(-1) ?? '';
  if (MALE_PARTICLES.has(last)) return 'm';
  if (FEMALE_PARTICLES.has(last)) return 'f';
  if (FEMALE_PATRONYMIC.test(n)) return 'f';
  if (MALE_PATRONYMIC.test(n)) return 'm';
  return null;
}

/** Names in -а/-я that are male. */
const MALE_A_NAMES = new Set(['никита', 'илья', 'кузьма', 'фома', 'лука', 'савва', 'данила', 'никола', 'гаврила', 'фока']);

/**
 * Sex from the parts of a ФИО: patronymic suffix, then the first-name list, then the
 * first name's ending, then the surname's ending. null when nothing says.
 */
export function guessSex(parts: { surname?: string | null; name?: string | null; patronymic?: string | null }): Sex | null {
  const { surname, name, patronymic } = parts;
  if (patronymic && !isInitial(patronymic)) {
    const s = patronymicSex(patronymic);
    if (s) return s;
  }
  if (name && !isInitial(name)) {
    const listed = firstNameSex(name);
    if (listed) return listed;
    const n = normalizeName(name);
    if (MALE_A_NAMES.has(n)) return 'm';
    if (/[ая]$/u.test(n)) return 'f';
    if (/[бвгджзйклмнпрстфхцчшщ]$/u.test(n)) return 'm';
  }
  if (surname) {
    const n = normalizeName(surname).split('-').at(-1) ?? '';
    if (FEMALE_SURNAME.test(n)) return 'f';
    if (MALE_SURNAME.test(n)) return 'm';
  }
  return null;
}

function fixLookalikes(token: string): { text: string; fixed: boolean } {
  if (!/\p{Script=Cyrillic}/u.test(token) || !/[A-Za-zëË]/u.test(token)) return { text: token, fixed: false };
  const lower = token.toLowerCase();
  let out = '';
  let fixed = true;
  for (const ch of lower) {
    const mapped = LOOKALIKE_LOWER[ch];
    if (mapped !== undefined) out += mapped;
    else if (/[a-z]/u.test(ch)) {
      fixed = false;
      out += ch;
    } else out += ch;
  }
  return { text: out, fixed };
}

function displayInitial(token: string): string {
  return `${(token[0] ?? '').toUpperCase()}.`;
}

/**
 * Splits «И.И.» / «И.И», fixes Latin look-alikes per word, joins «Рашид оглы»,
 * glues « - » in double surnames. Returns words in lower case (display is re-cased).
 */
function tokenize(raw: string): { tokens: string[]; lookalikes: boolean } {
  const cleaned = raw
    .normalize('NFC')
    .replace(/[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/gu, '-')
    .replace(/[,;«»"“”()]/gu, ' ')
    .replace(/\s*-\s*/gu, '-')
    .replace(/\s+/gu, ' ')
    .trim();
  if (cleaned === '') return { tokens: [], lookalikes: false };
  let lookalikes = false;
  const pieces: string[] = [];
  for (const part of cleaned.split(' ')) {
    for (const p of part.split(/(?<=\.)/u)) {
      if (p === '' || /^\.+$/u.test(p)) continue;
      const r = fixLookalikes(p);
      if (r.fixed && r.text !== p.toLowerCase()) lookalikes = true;
      pieces.push(r.text.toLowerCase());
    }
  }
  const out: string[] = [];
  for (const t of pieces) {
    const prev = out.at(-1);
    if (prev !== undefined && PARTICLES.has(t.replace(/\.$/u, '')) && !isInitial(prev)) {
      out[out.length - 1] = `${prev.replace(/\.$/u, '')} ${t.replace(/\.$/u, '')}`;
    } else out.push(t);
  }
  const tokens = out.map((t) => {
    const bare = t.replace(/\.+$/u, '');
    return isInitial(bare) ? `${bare}.` : bare;
  });
  return { tokens, lookalikes };
}

function confidenceOf(margin: number): number {
  if (margin >= 4) return 0.98;
  if (margin === 3) return 0.95;
  if (margin === 2) return 0.85;
  if (margin === 1) return 0.7;
  return 0.5;
}

/**
 * Parses «Фамилия Имя Отчество» or «Имя Отчество Фамилия» from one cell.
 * Errors (Russian) for an empty cell, a single word, digits, or no surname.
 */
export function parseFio(input: string): ParseFioResult {
  if (/\d/u.test(input)) return { error: 'в ФИО есть цифры' };
  const warnings: string[] = [];
  const { tokens, lookalikes } = tokenize(input);
  if (tokens.length === 0) return { error: 'ФИО не указано' };
  if (tokens.length === 1) return { error: 'в ФИО одно слово — нужны хотя бы фамилия и имя' };
  if (tokens.some((t) => /[a-z]/iu.test(t))) warnings.push('в ФИО есть латинские буквы');
  if (lookalikes) warnings.push('латинские буквы, похожие на русские, заменены русскими');

  let surname: string;
  let name: string;
  let patronymic: string | null;
  let order: FioOrder;
  let confidence: number;

  const n = tokens.length;
  const initials = tokens.map(isInitial);
  if (n >= 3 && !initials[0] && initials[n - 2] && initials[n - 1]) {
    // «Иванов И.И.»
    order = 'sip';
    surname = tokens.slice(0, n - 2).join(' ');
    name = tokens[n - 2] as string;
    patronymic = tokens[n - 1] as string;
    confidence = 0.95;
  } else if (n >= 3 && initials[0] && initials[1] && !initials[n - 1]) {
    // «И.И. Иванов»
    order = 'ips';
    name = tokens[0] as string;
    patronymic = tokens[1] as string;
    surname = tokens.slice(2).join(' ');
    confidence = 0.95;
  } else if (n === 2) {
    const [a, b] = tokens as [string, string];
    if (patronymicScore(b) >= 2 && firstNameScore(a) > 0) return { error: 'в ФИО нет фамилии — только имя и отчество' };
    const sip = firstNameScore(b) + surnameLikeScore(a) + (isInitial(b) ? 2 : 0);
    const ips = firstNameScore(a) + surnameLikeScore(b) + (isInitial(a) ? 2 : 0);
    order = ips > sip ? 'ips' : 'sip';
    [surname, name] = order === 'sip' ? [a, b] : [b, a];
    patronymic = null;
    confidence = confidenceOf(Math.abs(sip - ips));
    if (sip === ips) warnings.push('порядок слов в ФИО не определён, принят «Фамилия Имя»');
  } else {
    // Three or more words: score both readings of the first and last words.
    const first = tokens[0] as string;
    const second = tokens[1] as string;
    const last = tokens[n - 1] as string;
    const beforeLast = tokens[n - 2] as string;
    const sip =
      patronymicScore(last) + firstNameScore(beforeLast) + surnameLikeScore(first) + (initials[n - 1] ? 1 : 0);
    const ips = patronymicScore(second) + firstNameScore(first) + surnameLikeScore(last) + (initials[1] ? 1 : 0);
    order = ips > sip ? 'ips' : 'sip';
    if (order === 'sip') {
      // A longer ФИО keeps the extra words in the surname («Де Лука Мария Ивановна»).
      surname = tokens.slice(0, n - 2).join(' ');
      name = beforeLast;
      patronymic = last;
    } else {
      name = first;
      patronymic = second;
      surname = tokens.slice(2).join(' ');
    }
    confidence = confidenceOf(Math.abs(sip - ips));
    if (sip === ips) warnings.push('порядок слов в ФИО не определён, принят «Фамилия Имя Отчество»');
    if (n > 3) {
      warnings.push('в ФИО больше трёх слов — проверьте, где фамилия');
      confidence = Math.max(0.3, confidence - 0.2);
    }
  }

  if (isInitial(surname)) return { error: 'фамилия указана инициалом' };
  if (isInitial(name)) {
    warnings.push('имя указано инициалом');
    name = displayInitial(name);
  } else name = properCaseName(name);
  if (patronymic === null) warnings.push('отчество не указано');
  else if (isInitial(patronymic)) {
    warnings.push('отчество указано инициалом');
    patronymic = displayInitial(patronymic);
  } else patronymic = properCaseName(patronymic);
  surname = properCaseName(surname);

  const sex = guessSex({ surname, name, patronymic });
  return { surname, name, patronymic, order, confidence, sex, warnings };
}

/** Same display clean-up for lists with separate Фамилия / Имя / Отчество columns. */
export function cleanNamePart(s: string | null | undefined): string | null {
  if (s === null || s === undefined) return null;
  const t = s.replace(/\s+/gu, ' ').replace(/\s*-\s*/gu, '-').trim();
  if (t === '') return null;
  const fixed = t
    .split(' ')
    .map((w) => fixLookalikes(w).text)
    .join(' ');
  if (isInitial(fixed.replace(/\.$/u, ''))) return displayInitial(fixed);
  return properCaseName(fixed);
}
