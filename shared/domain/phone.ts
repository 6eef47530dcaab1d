/**
 * Telephone numbers in one form, whatever was typed: «+7 912 345-67-89». One normalizer for the card's form
 * (and the contract's schema behind it), the intake row parser and the card's text, so a number typed as
 * «8(912)3456789», «+7 912 345 67 89» or «9123456789» is stored, shown and found as the same number.
 *
 * A Russian number has ten digits after the country code 7 (a leading 8 is the domestic prefix for it). A
 * number without its city or operator code (a local «5-12-34») cannot be written in that form and is not
 * guessed: the form asks for the code; a list keeps it as its sender wrote it.
 */

export const PHONE_EXAMPLE = '+7 912 345-67-89';

export const PHONE_MESSAGE = `Телефон — 10 цифр с кодом города или оператора, например ${PHONE_EXAMPLE}`;

/** The ten digits after +7, or null when the text is not one Russian number. */
function tenDigits(text: string): string | null {
  const t = text.trim();
  // Only what a number is written with: digits, +, spaces, brackets, dashes and dots.
  if (t === '' || !/^[+\d\s()\-.\u2010-\u2015\u00a0]+$/u.test(t)) return null;
  if (t.indexOf('+') > 0 || (t.match(/\+/g) ?? []).length > 1) return null;
  const d = t.replace(/\D/g, '');
  if (t.startsWith('+')) return d.length === 11 && d.startsWith('7') ? d.slice(1) : null;
  if (d.length === 11 && (d.startsWith('8') || d.startsWith('7'))) return d.slice(1);
  if (d.length === 10) return d;
  return null;
}

const shape = (d: string) => `+7 ${d.slice(0, 3)} ${d.slice(3, 6)}-${d.slice(6, 8)}-${d.slice(8, 10)}`;

/** One number → «+7 XXX XXX-XX-XX», or null when it is not one whole Russian number. */
export function normalizePhone(text: string): string | null {
  const d = tenDigits(text);
  return d === null ? null : shape(d);
}

/**
 * A field that may hold several numbers («89123456789, 8 343 45 1-23-45» or with «;»): each in the one form,
 * joined by «, ». null when any of them is not a whole number; '' for an empty field.
 */
export function normalizePhones(text: string): string | null {
  const parts = text
    .split(/[,;]|\s{2,}/u)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  if (parts.length === 0) return '';
  const out: string[] = [];
  for (const p of parts) {
    const n = normalizePhone(p);
    if (n === null) return null;
    out.push(n);
  }
  return out.join(', ');
}

/** A number-like run inside free text: «+7 (912) 345-67-89», «8-912-345-67-89», «89123456789». */
const IN_TEXT = /(?<![\d+])(?:\+7|8|7)?[\s\-.\u00a0]*\(?\d{3}\)?[\s\-.\u00a0]*\d{1,3}[\s\-.\u00a0]*\d{1,3}[\s\-.\u00a0]*\d{1,4}(?!\d)/gu;

/**
 * Free text where numbers may stand among words («мать Иванова М. И., тел. 8(912)345-67-89»): each whole
 * Russian number in it put in the one form; anything else left as it is.
 */
export function normalizePhonesInText(text: string): string {
  return text.replace(IN_TEXT, (m) => {
    const lead = /^\s*/u.exec(m)?.[0] ?? '';
    const n = normalizePhone(m);
    return n === null ? m : lead + n;
  });
}

/** For showing a stored number: the one form when it is a whole number, else as stored (typed before this rule). */
export function formatPhone(stored: string): string {
  return normalizePhones(stored) || stored;
}
