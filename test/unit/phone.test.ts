/**
 * Issue 12, point 8: one form for telephone numbers, whatever was typed — the normalizer under the card's form,
 * the contract's schema, the intake row parser and the card's text.
 */
import { describe, expect, it } from 'vitest';
import { factInputSchema } from '../../shared/api/registry';
import { formatPhone, normalizePhone, normalizePhones, normalizePhonesInText, PHONE_MESSAGE } from '../../shared/domain/phone';
import { parseListRow } from '../../shared/intake/parseRow';

describe('normalizePhone', () => {
  it('writes a Russian number the same way however it was typed', () => {
    for (const typed of ['8(912)3456789', '+7 912 345 67 89', '+7 (912) 345-67-89', '89123456789', '79123456789', '9123456789', '8-912-345-67-89', ' 8 912 345.67.89 ', '+7\u00a0912\u00a0345\u201167\u201189']) {
      expect(normalizePhone(typed), typed).toBe('+7 912 345-67-89');
    }
    // A city number with a five-digit code is ten digits too.
    expect(normalizePhone('8 (34345) 5-12-34')).toBe('+7 343 455-12-34');
  });

  it('does not guess: a local number without its code, a foreign one, letters, a date', () => {
    for (const bad of ['5-12-34', '345-67-89', '+375 29 123-45-67', '+8 912 345 67 89', '912345678', '891234567890', 'тел. 89123456789', '12.03.2015', '', '7+9123456789']) {
      expect(normalizePhone(bad), bad).toBeNull();
    }
  });

  it('several numbers in one field, each in the one form; one bad number spoils the field', () => {
    expect(normalizePhones('89123456789, 8 343 451 23 45')).toBe('+7 912 345-67-89, +7 343 451-23-45');
    expect(normalizePhones('89123456789; 9001234567')).toBe('+7 912 345-67-89, +7 900 123-45-67');
    expect(normalizePhones('  ')).toBe('');
    expect(normalizePhones('89123456789, 5-12-34')).toBeNull();
  });

  it('numbers among words are put in the one form; other digits are left alone', () => {
    expect(normalizePhonesInText('Иванова Мария Петровна, тел. 8(912)345-67-89; отец 89001234567')).toBe('Иванова Мария Петровна, тел. +7 912 345-67-89; отец +7 900 123-45-67');
    expect(normalizePhonesInText('СНИЛС 112-233-445 95, род. 12.03.2015, кв. 12')).toBe('СНИЛС 112-233-445 95, род. 12.03.2015, кв. 12');
  });

  it('shows a number stored before the rule in the one form, and anything else as stored', () => {
    expect(formatPhone('8(912)3456789')).toBe('+7 912 345-67-89');
    expect(formatPhone('5-12-34 (рабочий)')).toBe('5-12-34 (рабочий)');
  });
});

describe('the same normalizer behind the form, the contract and the intake', () => {
  const rep = { type: 'representative', relation: 'mother', surname: 'Иванова', name: 'Мария' } as const;

  it('the contract stores the one form and refuses what is not a number, in Russian', () => {
    expect(factInputSchema.parse({ ...rep, phone: '8 (912) 345 67 89' })).toMatchObject({ phone: '+7 912 345-67-89' });
    expect(factInputSchema.parse({ ...rep, phone: '' })).toMatchObject({ phone: null });
    const bad = factInputSchema.safeParse({ ...rep, phone: '5-12-34' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['phone', PHONE_MESSAGE]]);
  });

  it('a list’s telephone column and the parents’ column come out in the one form', () => {
    const r = parseListRow(
      ['Орлова Ольга Ивановна', '05.06.2016', '8(912)3456789', 'мать Орлова Анна, 8-900-123-45-67'],
      { 0: 'fio', 1: 'birthDate', 2: 'phone', 3: 'parents' },
      ['Ф.И.О.', 'Дата рождения', 'Телефон', 'Родители'],
      { referenceYear: 2026 },
    );
    expect(r.values.notes).toBe('Телефон: +7 912 345-67-89; Родители (законные представители): мать Орлова Анна, +7 900 123-45-67');
  });
});
