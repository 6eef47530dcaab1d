import { formatRuDate, isValidIsoDate, parseRuDate } from '../../../shared/domain/dates';

const SEPARATOR = /[.,/\\\-\s]/;

/**
 * What a date field shows as it is typed: digits get their dots (12032015 → 12.03.2015); a separator just
 * typed after one digit pads it (1. → 01.); a whole date pasted (`pasted`: more than one character came at
 * once) as 1.3.2015 or 2015-03-12 is turned into
 * 01.03.2015 / 12.03.2015. A separator left in the middle by an edit is not a signal: the digits flow into
 * their places again. Nothing is guessed beyond that: a two-digit year stays wrong and is reported.
 */
export function maskRuDate(raw: string, pasted = true): string {
  const iso = /^\s*(\d{4})-(\d{2})-(\d{2})\s*$/.exec(raw);
  if (iso) return `${iso[3]}.${iso[2]}.${iso[1]}`;
  const whole = /^\s*(\d{1,2})[.,/\\\-\s](\d{1,2})[.,/\\\-\s](\d{4})\s*$/.exec(raw);
  if (whole && pasted) return `${whole[1]!.padStart(2, '0')}.${whole[2]!.padStart(2, '0')}.${whole[3]}`;
  const groups: string[] = [''];
  const chars = [...raw];
  chars.forEach((ch, i) => {
    const last = groups.length - 1;
    if (ch >= '0' && ch <= '9') {
      const limit = last < 2 ? 2 : 4;
      if (groups[last]!.length < limit) groups[last] += ch;
      else if (last < 2) groups.push(ch);
    } else if (i === chars.length - 1 && SEPARATOR.test(ch) && last < 2 && groups[last]!.length > 0) {
      if (groups[last]!.length === 1) groups[last] = `0${groups[last]}`;
      groups.push('');
    }
  });
  return groups.join('.');
}

/** Where the caret goes after masking: after the same number of digits as before it. */
export function caretAfterDigits(text: string, digits: number): number {
  if (digits <= 0) return 0;
  let seen = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i]! >= '0' && text[i]! <= '9') seen++;
    if (seen === digits) return i + 1;
  }
  return text.length;
}

/** The Russian message for a typed date, or null when it is fine (an empty optional date is fine). */
export function ruDateError(text: string, required = false): string | null {
  const t = text.trim();
  if (!t) return required ? 'Укажите дату (ДД.ММ.ГГГГ)' : null;
  if (!/^\d{2}\.\d{2}\.\d{4}$/.test(t)) return 'Дата в виде ДД.ММ.ГГГГ';
  return parseRuDate(t) ? null : 'Такой даты нет в календаре';
}

/** ДД.ММ.ГГГГ → ГГГГ-ММ-ДД, or null for an empty or wrong date. */
export function ruToIso(text: string): string | null {
  return text.trim() ? parseRuDate(text) : null;
}

export function isoToRu(iso: unknown): string {
  return typeof iso === 'string' && isValidIsoDate(iso) ? formatRuDate(iso) : '';
}
