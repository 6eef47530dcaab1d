import { describe, it, expect } from 'vitest';
import { normalizeName, layoutToCyrillic, looksLikeWrongLayout } from '../../../shared/domain/names';

describe('normalizeName', () => {
  it('trims, collapses spaces and lower-cases', () => {
    expect(normalizeName('  Иванов   Иван\tИванович \n')).toBe('иванов иван иванович');
    expect(normalizeName('ИВАНОВ')).toBe('иванов');
  });

  it('treats no-break and other Unicode spaces as spaces', () => {
    expect(normalizeName('Иванов\u00A0Иван\u2009Иванович')).toBe('иванов иван иванович');
  });

  it('maps ё to е in both cases', () => {
    expect(normalizeName('Ёлкина Снежана')).toBe('елкина снежана');
    expect(normalizeName('Фёдоров Пётр')).toBe('федоров петр');
    expect(normalizeName('ЁЛКИНА')).toBe(normalizeName('Елкина'));
  });

  it('composes decomposed ё and й (е + U+0308, и + U+0306)', () => {
    expect(normalizeName('\u0415\u0308лкина')).toBe('елкина');
    expect(normalizeName('Андреи\u0306')).toBe('андрей');
  });

  it('unifies every dash and removes spaces around hyphens', () => {
    for (const dash of ['-', '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212']) {
      expect(normalizeName(`Петрова${dash}Водкина`)).toBe('петрова-водкина');
    }
    expect(normalizeName('Петрова - Водкина')).toBe('петрова-водкина');
    expect(normalizeName('Петрова —  Водкина')).toBe('петрова-водкина');
    expect(normalizeName('Петрова--Водкина')).toBe('петрова-водкина');
    expect(normalizeName('-Петрова-')).toBe('петрова');
  });

  it('strips characters that are not letters, hyphen or space', () => {
    expect(normalizeName('Иванов И.И.')).toBe('иванов ии');
    expect(normalizeName('Иванов1 "Иван"')).toBe('иванов иван');
    expect(normalizeName('Иван\u00ADов\u200B')).toBe('иванов'); // soft hyphen, zero-width space
    expect(normalizeName('  ...  ')).toBe('');
    expect(normalizeName('')).toBe('');
  });

  it('maps Latin look-alikes inside a Cyrillic word', () => {
    // Latin o, a, e, c, p, x, y, k, m, t, b, h inside otherwise Cyrillic words
    expect(normalizeName('Сидoрoва')).toBe('сидорова');
    expect(normalizeName('Ивaнов')).toBe('иванов');
    expect(normalizeName('Пeтр')).toBe('петр');
    expect(normalizeName('Cидоров')).toBe('сидоров');
    expect(normalizeName('Пpохоров')).toBe('прохоров');
    expect(normalizeName('Хxолопов')).toBe('ххолопов');
    expect(normalizeName('Ульянa Уy')).toBe('ульяна уу');
    expect(normalizeName('Кkузьмин')).toBe('ккузьмин');
    expect(normalizeName('Mихайлов')).toBe('михайлов');
    expect(normalizeName('Tимур')).toBe('тимур');
    expect(normalizeName('Bадим')).toBe('вадим');
    expect(normalizeName('Hикита')).toBe('никита');
  });

  it('maps uppercase look-alikes before lowering (B → в, H → н, not b, h)', () => {
    expect(normalizeName('BАСИЛЬЕВ')).toBe('васильев');
    expect(normalizeName('HАТАЛЬЯ')).toBe('наталья');
    expect(normalizeName('TАТЬЯНА')).toBe('татьяна');
    expect(normalizeName('MАРИЯ')).toBe('мария');
  });

  it('maps a word made only of look-alikes', () => {
    expect(normalizeName('COPOKA')).toBe('сорока');
    expect(normalizeName('Tokapeb')).toBe('токарев');
    expect(normalizeName('Ëлкина')).toBe('елкина'); // Latin Ë
  });

  it('leaves Latin words with non-look-alike letters alone', () => {
    expect(normalizeName('Smith John')).toBe('smith john');
    expect(normalizeName('Петрова-Smith')).toBe('петрова-smith');
    expect(normalizeName('Müller')).toBe('müller');
  });

  it('decides per word, hyphen parts being separate words', () => {
    expect(normalizeName('Ивaнов John')).toBe('иванов john');
    expect(normalizeName('Мapия-Anna')).toBe('мария-anna');
  });

  it('lower-cases beyond ASCII', () => {
    expect(normalizeName('ÅSA ÇELİK')).toBe('åsa çelik');
    expect(normalizeName('ҚАЙРАТ ӘЛИЕВ')).toBe('қайрат әлиев');
  });

  it('is idempotent', () => {
    for (const s of ['  Ёлкина  -  Сидoрова ', 'COPOKA', 'Smith', 'Иванов И.И.', 'ÇELİK']) {
      const once = normalizeName(s);
      expect(normalizeName(once)).toBe(once);
    }
  });

  it('makes variant spellings of one child equal', () => {
    const variants = ['Ёлкина Снежана', 'ЕЛКИНА  СНЕЖАНА', 'Eлкина Cнежана', 'елкина снежана.'];
    expect(new Set(variants.map(normalizeName)).size).toBe(1);
  });

  it('does not change its argument', () => {
    const s = 'Ёлкина';
    normalizeName(s);
    expect(s).toBe('Ёлкина');
  });
});

describe('layoutToCyrillic', () => {
  it('maps the English layout to ЙЦУКЕН', () => {
    expect(layoutToCyrillic('Bdfyjd')).toBe('Иванов');
    expect(layoutToCyrillic('Bdfy Bdfyjdbx')).toBe('Иван Иванович');
    expect(layoutToCyrillic('qwertyuiopasdfghjklzxcvbnm')).toBe('йцукенгшщзфывапролдячсмить');
  });

  it('maps the punctuation keys that carry Russian letters', () => {
    expect(layoutToCyrillic('[];\',.`')).toBe('хъжэбюё');
    expect(layoutToCyrillic('{}:"<>~')).toBe('ХЪЖЭБЮЁ');
    expect(layoutToCyrillic('{jkjgjd')).toBe('Холопов');
    expect(layoutToCyrillic('~krbyf')).toBe('Ёлкина');
    expect(layoutToCyrillic('`krbyf')).toBe('ёлкина');
    expect(layoutToCyrillic('Cyt;fyf')).toBe('Снежана');
    expect(layoutToCyrillic(';fyyf')).toBe('жанна');
    expect(layoutToCyrillic("\\'ktjyjhf")).toBe('\\элеонора');
  });

  it('maps / and ? to . and , as the Russian layout does', () => {
    expect(layoutToCyrillic('Bdfyjd B/B/')).toBe('Иванов И.И.');
  });

  it('keeps digits, spaces and Cyrillic text', () => {
    expect(layoutToCyrillic('2015 Иванов')).toBe('2015 Иванов');
  });
});

describe('looksLikeWrongLayout', () => {
  it('detects Latin-only text', () => {
    expect(looksLikeWrongLayout('Bdfyjd')).toBe(true);
    expect(looksLikeWrongLayout('Иванов')).toBe(false);
    expect(looksLikeWrongLayout('123')).toBe(false);
  });
});
