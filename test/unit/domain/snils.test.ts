import { describe, it, expect } from 'vitest';
import {
  normalizeSnils, snilsChecksum, validateSnils, isValidSnils, formatSnils, SNILS_UNCHECKED_MAX,
} from '../../../shared/domain/snils';

// Generated numbers only; their check numbers are computed by hand in the comments.
describe('normalizeSnils', () => {
  it('accepts the printed and bare forms', () => {
    expect(normalizeSnils('112-233-445 95')).toBe('11223344595');
    expect(normalizeSnils('11223344595')).toBe('11223344595');
    expect(normalizeSnils('112 233 445 95')).toBe('11223344595');
    expect(normalizeSnils('112-233-445-95')).toBe('11223344595');
    expect(normalizeSnils(' 112–233–445\u00A095 ')).toBe('11223344595');
  });
  it('rejects wrong lengths and other characters', () => {
    for (const s of ['', '1122334459', '112233445950', '112-233-445', 'СНИЛС 112-233-445 95', '112.233.445 95',
      '11223344595a', '+11223344595']) {
      expect(normalizeSnils(s), s).toBeNull();
    }
  });
});

describe('snilsChecksum', () => {
  it('sums digits weighted 9..1: 1·9+1·8+2·7+2·6+3·5+3·4+4·3+4·2+5·1 = 95', () => {
    expect(snilsChecksum('112233445')).toBe('95');
  });
  it('uses the sum itself below 100', () => {
    expect(snilsChecksum('001326678')).toBe('99'); // sum 99
    expect(snilsChecksum('000000001')).toBe('01'); // sum 1, padded
  });
  it('gives 00 for sums 100 and 101', () => {
    expect(snilsChecksum('001508815')).toBe('00'); // sum 100
    expect(snilsChecksum('001437544')).toBe('00'); // sum 101
  });
  it('takes the remainder mod 101 above 101, then the same rule', () => {
    expect(snilsChecksum('001318759')).toBe('01'); // 102 mod 101 = 1
    expect(snilsChecksum('002569961')).toBe('49'); // 150 mod 101 = 49
    expect(snilsChecksum('006996682')).toBe('00'); // 201 mod 101 = 100 → 00
    expect(snilsChecksum('006877897')).toBe('00'); // 202 mod 101 = 0
    expect(snilsChecksum('999999999')).toBe('01'); // 405 mod 101 = 1
  });
  it('rejects anything but nine digits', () => {
    expect(() => snilsChecksum('11223344')).toThrow(RangeError);
    expect(() => snilsChecksum('11223344a')).toThrow(RangeError);
  });
});

describe('validateSnils', () => {
  it('accepts correct numbers in any accepted spelling', () => {
    expect(validateSnils('112-233-445 95')).toEqual({ ok: true, value: '11223344595' });
    expect(isValidSnils('00150881500')).toBe(true);
    expect(isValidSnils('002-569-961 49')).toBe(true);
  });
  it('rejects a wrong check number with a Russian message', () => {
    const r = validateSnils('112-233-445 96');
    expect(r).toEqual({ ok: false, error: 'checksum', message: 'Неверное контрольное число СНИЛС' });
    expect(isValidSnils('112-233-445 59')).toBe(false); // swapped digits are caught
    expect(isValidSnils('121-233-445 95')).toBe(false);
  });
  it('rejects a malformed value as a format error', () => {
    const r = validateSnils('112-233-44');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toBe('format');
      expect(r.message).toMatch(/11 цифр/);
    }
  });
  it('does not check numbers up to 001-001-998', () => {
    expect(SNILS_UNCHECKED_MAX).toBe(1001998);
    expect(isValidSnils('001-001-998 00')).toBe(true);
    expect(isValidSnils('001-001-998 77')).toBe(true);
    expect(isValidSnils('000-000-123 45')).toBe(true);
    // the first checked number: 0·9+0·8+1·7+0·6+0·5+1·4+9·3+9·2+9·1 = 65
    expect(isValidSnils('001-001-999 65')).toBe(true);
    expect(isValidSnils('001-001-999 00')).toBe(false);
  });
});

describe('formatSnils', () => {
  it('prints «123-456-789 64»', () => {
    expect(formatSnils('11223344595')).toBe('112-233-445 95');
    expect(formatSnils('112 233 445-95')).toBe('112-233-445 95');
  });
  it('returns null for what is not 11 digits', () => {
    expect(formatSnils('12345')).toBeNull();
  });
});
