/**
 * Levels of general education (ФЗ-273 ст. 10 ч. 4) and class labels.
 * 1–4 primary, 5–9 basic, 10–11 secondary; 12 exists in evening schools and for
 * some pupils with disabilities (Кстово, прил. 5: "9 и 11 (12) классы").
 */
export type EducationLevel = 'primary' | 'basic' | 'secondary';

export const EDUCATION_LEVELS: readonly EducationLevel[] = ['primary', 'basic', 'secondary'];

/** As in lists and report headers: «начальное общее». */
export const LEVEL_LABELS: Readonly<Record<EducationLevel, string>> = {
  primary: 'начальное общее',
  basic: 'основное общее',
  secondary: 'среднее общее',
};

/** Full name with the word «образование». */
export const LEVEL_LABELS_FULL: Readonly<Record<EducationLevel, string>> = {
  primary: 'начальное общее образование',
  basic: 'основное общее образование',
  secondary: 'среднее общее образование',
};

export const MIN_GRADE = 1;
export const MAX_GRADE = 12;

export function isGrade(n: unknown): n is number {
  return typeof n === 'number' && Number.isInteger(n) && n >= MIN_GRADE && n <= MAX_GRADE;
}

/** Level of a class number, or null for a number that is not a school class. */
export function levelOfGrade(grade: number): EducationLevel | null {
  if (!isGrade(grade)) return null;
  if (grade <= 4) return 'primary';
  if (grade <= 9) return 'basic';
  return 'secondary';
}

export function levelLabel(level: EducationLevel): string {
  return LEVEL_LABELS[level];
}

export interface ClassLabel {
  grade: number;
  /** Uppercase Cyrillic parallel letter («Б» of «5Б»), or null for «11». */
  letter: string | null;
}

/** Latin letters typed for Cyrillic ones; same set as in names.ts (B → В, not Б). */
const LATIN_TO_CYRILLIC: Readonly<Record<string, string>> = {
  A: 'А', B: 'В', C: 'С', E: 'Е', H: 'Н', K: 'К', M: 'М', O: 'О', P: 'Р', T: 'Т', X: 'Х', Y: 'У',
};

// «5Б», «5 Б», «10-А», «1а», «11», «5 "Б"», «5«Б»», «5Б класс», «5-б кл.»
const CLASS_RE = /^(\d{1,2})\s*[-\u2010-\u2015]?\s*["'«„“]?\s*(\p{L})?\s*["'»“”]?$/u;
const CLASS_WORD_RE = /\s*(?:класс|кл\.?)\s*$/iu;

/**
 * Parses a class label as written in lists. Returns null when it is not one
 * (unknown grade, two letters, digits after the letter…); callers report it.
 */
export function parseClassLabel(s: string): ClassLabel | null {
  const text = s.normalize('NFC').trim().replace(CLASS_WORD_RE, '');
  const m = CLASS_RE.exec(text);
  if (!m) return null;
  const grade = Number(m[1]);
  if (!isGrade(grade) || m[1]!.startsWith('0')) return null;
  const raw = m[2];
  if (raw === undefined) return { grade, letter: null };
  const upper = raw.toUpperCase();
  const letter = LATIN_TO_CYRILLIC[upper] ?? upper;
  if (!/^[А-ЯЁ]$/u.test(letter)) return null;
  return { grade, letter };
}

/** { grade: 5, letter: 'Б' } → «5Б»; { grade: 11, letter: null } → «11». */
export function formatClassLabel(c: ClassLabel): string {
  return `${c.grade}${c.letter ?? ''}`;
}
