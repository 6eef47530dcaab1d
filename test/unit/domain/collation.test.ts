import { describe, it, expect } from 'vitest';
import {
  compareRu, compareRuByKey, sortKeyRu, COLLATION_ENGINE, SORT_KEY_VERSION,
} from '../../../shared/domain/collation';

const byKey = (a: string, b: string): number => {
  const ka = sortKeyRu(a);
  const kb = sortKeyRu(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
};

const ALPHABET = 'абвгдеёжзийклмнопрстуфхцчшщъыьэюя';

describe('compareRu', () => {
  it('uses the runtime ICU collator on Node 20', () => {
    expect(COLLATION_ENGINE).toBe('intl');
  });

  it('orders the Russian alphabet with ё right after е', () => {
    const shuffled = [...ALPHABET].reverse();
    expect(shuffled.sort(compareRu).join('')).toBe(ALPHABET);
  });

  it('puts ё beside е, not after я', () => {
    const words = ['яблоко', 'ель', 'ёж', 'еж', 'жук', 'Ёлкина', 'Елисеев', 'Ежов'];
    expect([...words].sort(compareRu)).toEqual(['еж', 'ёж', 'Ежов', 'Елисеев', 'Ёлкина', 'ель', 'жук', 'яблоко']);
  });

  it('uses ё only as a tie-break after letters, then case', () => {
    expect(['Ёж', 'ёж', 'Еж', 'еж'].sort(compareRu)).toEqual(['еж', 'Еж', 'ёж', 'Ёж']);
    expect(compareRu('Ёлкина', 'Елкина')).toBe(1);
    expect(compareRu('Ёлкина Снежана', 'Елкина Татьяна')).toBe(-1);
  });

  it('is case-insensitive first', () => {
    expect(['иванов', 'ИВАНОВА', 'Иванов'].sort(compareRu)).toEqual(['иванов', 'Иванов', 'ИВАНОВА']);
    expect(compareRu('аб', 'АВ')).toBe(-1);
    expect(compareRu('АБ', 'ав')).toBe(-1);
  });

  it('sorts ФИО lists: surname first, spaces and hyphens before letters', () => {
    const list = ['Иванова Анна', 'Иванов-Петров Олег', 'Иванов Иван', 'Иванов', 'Иванова', 'Ивашкин Пётр'];
    expect([...list].sort(compareRu)).toEqual(
      ['Иванов', 'Иванов Иван', 'Иванов-Петров Олег', 'Иванова', 'Иванова Анна', 'Ивашкин Пётр']);
  });

  it('keeps й a letter of its own (not и)', () => {
    expect(['йод', 'ия', 'иволга'].sort(compareRu)).toEqual(['иволга', 'ия', 'йод']);
  });

  it('puts digits before Cyrillic and Cyrillic before Latin', () => {
    expect(['Smith', 'Яковлев', '2015', 'Абрамов'].sort(compareRu)).toEqual(['2015', 'Абрамов', 'Яковлев', 'Smith']);
  });

  it('is a total order: different strings never compare equal', () => {
    expect(compareRu('Иванов', 'Иванов')).toBe(0);
    expect(compareRu('Ива\u00ADнов', 'Иванов')).not.toBe(0); // soft hyphen is ignorable for ICU
    expect(compareRu('Ива\u00ADнов', 'Иванов')).toBe(-compareRu('Иванов', 'Ива\u00ADнов'));
  });

  it('falls back to the key with the same results', () => {
    const words = ['Ёлкина', 'елкина', 'Елкина', 'ель', 'Иванов Иван', 'Иванов-Петров', 'Иванова', 'йод', 'Smith', '10'];
    expect([...words].sort(compareRuByKey)).toEqual([...words].sort(compareRu));
  });
});

describe('sortKeyRu', () => {
  it('is only letters for a lowercase name without ё', () => {
    const k = sortKeyRu('иванов');
    expect(k.length).toBe(6);
    expect(k).not.toContain('\u0001');
  });

  it('keeps a stable format (stored in the database — see SORT_KEY_VERSION)', () => {
    expect(SORT_KEY_VERSION).toBe(1);
    const hex = (s: string): string => [...s].map((c) => c.charCodeAt(0).toString(16).padStart(2, '0')).join(' ');
    // Frozen values: if these change, bump SORT_KEY_VERSION and recompute stored keys.
    expect(hex(sortKeyRu('еж'))).toBe('48 4a');
    expect(hex(sortKeyRu('ёж'))).toBe('48 4a 01 05');
    expect(hex(sortKeyRu('Ёж'))).toBe('48 4a 01 05 01 03');
    expect(hex(sortKeyRu('Ив-а 1'))).toBe('4f 3f 04 3b 02 32 01 01 03');
    expect(hex(sortKeyRu('Иванов Иван'))).toBe('4f 3f 3b 5f 65 3f 02 4f 3f 3b 5f 01 01 03 02 02 02 02 02 02 03');
    expect(sortKeyRu('')).toBe('');
  });

  it('orders by plain binary comparison like compareRu', () => {
    const words = ['яблоко', 'ель', 'ёж', 'еж', 'Еж', 'Ёж', 'жук', 'Ёлкина', 'Елкина', 'Иванов', 'Иванов Иван',
      'Иванов-Петров', 'Иванова', 'йод', 'ия', 'Smith', 'smith', 'Zed', '123', 'Д\'Артаньян', 'О.', 'Щукин'];
    const sortedByKey = [...words].sort(byKey);
    expect(sortedByKey).toEqual([...words].sort(compareRu));
  });

  it('gives only BMP characters, so UTF-16, UTF-8 and code point order agree', () => {
    const k = sortKeyRu('Ёлкина 😀 𝔄 Иван 中文');
    for (const ch of k) expect(ch.codePointAt(0)!).toBeLessThanOrEqual(0xffff);
    expect(/[\uD800-\uDFFF]/u.test(k)).toBe(false);
    expect(k).not.toContain('\u0000');
  });

  it('normalizes composition: decomposed ё and й key like composed ones', () => {
    expect(sortKeyRu('\u0415\u0308лкина')).toBe(sortKeyRu('Ёлкина'));
    expect(sortKeyRu('Андреи\u0306')).toBe(sortKeyRu('Андрей'));
  });

  it('drops ignorable characters', () => {
    expect(sortKeyRu('Ива\u00ADнов\u200B')).toBe(sortKeyRu('Иванов'));
  });

  it('agrees with ICU on random names (Cyrillic, Latin, digits, punctuation)', () => {
    const chars = [...ALPHABET, ...ALPHABET.toUpperCase(), ' ', '-', '\'', '.', ',', '(', ')', '«', '»', '–',
      ...'abcexyzABCEXYZ0129', 'é', 'É', 'ü', 'ø', 'ß', 'і', 'ї', 'є', 'ґ', 'ў', 'І', 'Ґ', '№', '\u00AD'];
    let seed = 20260901;
    const rnd = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return Math.floor((seed / 2147483648) * n);
    };
    const word = (): string => Array.from({ length: rnd(6) }, () => chars[rnd(chars.length)]).join('');
    const icu = new Intl.Collator('ru');
    const bad: string[] = [];
    for (let i = 0; i < 20000; i++) {
      const prefix = word();
      const a = prefix + word();
      const b = prefix + word();
      const expected = Math.sign(icu.compare(a, b));
      if (expected !== 0 && byKey(a, b) !== expected) bad.push(JSON.stringify([a, b]));
    }
    expect(bad.slice(0, 5)).toEqual([]);
  });
});
