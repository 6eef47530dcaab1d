/**
 * СНИЛС (страховой номер индивидуального лицевого счёта): 9-digit number + 2-digit
 * check number, printed as «123-456-789 64».
 *
 * Written by hand rather than taken from npm: the rule is a dozen lines, and the
 * one maintained candidate (ru-validation-codes) also bundles ИНН/ОГРН/БИК checks
 * we do not need and returns English-only errors; a dependency in shared/ must also
 * stay free of Node APIs, which is simplest to guarantee for our own code.
 *
 * Check number (ПФР rule): sum of the 9 digits weighted 9, 8, … 1 from the left;
 * sum < 100 → the sum itself; 100 or 101 → 00; > 101 → sum mod 101, then the
 * same rule (so a remainder of 100 → 00). Numbers up to 001-001-998 were issued
 * before the rule and are not checked.
 */

export type SnilsError = 'format' | 'checksum';

export type SnilsValidation =
  | { ok: true; value: string } // 11 digits
  | { ok: false; error: SnilsError; message: string };

/** Highest number issued without a check number. */
export const SNILS_UNCHECKED_MAX = 1_001_998;

// Digits with optional spaces / hyphens / dashes between groups.
const SNILS_INPUT_RE = /^[\d\s\u00A0\-\u2010-\u2015]+$/u;

/** «123-456-789 64», «12345678964», «123 456 789 64» → '12345678964'; null if not 11 digits. */
export function normalizeSnils(s: string): string | null {
  const t = s.trim();
  if (!SNILS_INPUT_RE.test(t)) return null;
  const digits = t.replace(/\D/gu, '');
  return digits.length === 11 ? digits : null;
}

/** Check number for the first nine digits ('112233445' → '95'). */
export function snilsChecksum(nineDigits: string): string {
  if (!/^\d{9}$/u.test(nineDigits)) throw new RangeError(`Ожидается 9 цифр номера СНИЛС: «${nineDigits}»`);
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(nineDigits[i]) * (9 - i);
  if (sum > 101) sum %= 101;
  const check = sum < 100 ? sum : 0; // 100 and 101 → 00
  return String(check).padStart(2, '0');
}

/** Validates after normalizing; the message is in Russian, ready for an import report. */
export function validateSnils(s: string): SnilsValidation {
  const value = normalizeSnils(s);
  if (value === null) {
    return { ok: false, error: 'format', message: 'СНИЛС должен состоять из 11 цифр (например, 123-456-789 64)' };
  }
  const number = value.slice(0, 9);
  if (Number(number) > SNILS_UNCHECKED_MAX && snilsChecksum(number) !== value.slice(9)) {
    return { ok: false, error: 'checksum', message: 'Неверное контрольное число СНИЛС' };
  }
  return { ok: true, value };
}

export function isValidSnils(s: string): boolean {
  return validateSnils(s).ok;
}

/** Any accepted spelling → «123-456-789 64»; null if not 11 digits. Does not check the sum. */
export function formatSnils(s: string): string | null {
  const d = normalizeSnils(s);
  return d === null ? null : `${d.slice(0, 3)}-${d.slice(3, 6)}-${d.slice(6, 9)} ${d.slice(9)}`;
}
