import { describe, it, expect } from 'vitest';
import { phoneticKey, phoneticKeyParts } from '../../../shared/intake/phonetic';

const same = (a: string, b: string, kind: 'surname' | 'name' = 'surname'): void => {
  expect(phoneticKey(a, kind), `${a} / ${b}`).toBe(phoneticKey(b, kind));
  expect(phoneticKey(a, kind)).not.toBe('');
};
const differ = (a: string, b: string, kind: 'surname' | 'name' = 'surname'): void => {
  expect(phoneticKey(a, kind), `${a} / ${b}`).not.toBe(phoneticKey(b, kind));
};

describe('phoneticKey: surnames', () => {
  it('gives the male and female forms one key', () => {
    same('Иванов', 'Иванова');
    same('Лебедев', 'Лебедева');
    same('Соловьёв', 'Соловьева');
    same('Григорьев', 'Григорьева');
    same('Елкин', 'Ёлкина');
    same('Ильин', 'Ильина');
    same('Петровский', 'Петровская');
    same('Ковальский', 'Ковальская');
    same('Трубецкой', 'Трубецкая');
    same('Толстой', 'Толстая');
    same('Белый', 'Белая');
  });

  it('ignores ё/е, case and Latin look-alikes', () => {
    same('Елкина', 'Ёлкина');
    same('ЁЛКИНА', 'елкина');
    same('Иванов', 'Ивaнoв'); // Latin a, o
  });

  it('reduces letters people confuse', () => {
    same('Щербаков', 'Шербаков');
    same('Харитонов', 'Харетонов'); // unstressed е/и
    same('Котов', 'Катов'); // unstressed о/а
    same('Лобков', 'Лопков'); // б devoiced before к
    same('Зуб', 'Зуп'); // devoiced at the end
    same('Солнцев', 'Сонцев'); // silent л
    same('Шестаков', 'Шесстаков'); // doubled letter
    same('Братцев', 'Брацев'); // тц → ц
  });

  it('keeps different surnames apart', () => {
    differ('Иванов', 'Петров');
    differ('Иванов', 'Иванин'); // -ов and -ин families differ
    differ('Смирнов', 'Смирновский');
    differ('Черных', 'Черный');
  });

  it('does not strip an ending that would leave almost nothing', () => {
    expect(phoneticKey('Ов')).toBe('аф');
    expect(phoneticKey('Ин')).toBe('ин');
  });

  it('keys each part of a double surname', () => {
    expect(phoneticKey('Петрова-Водкина')).toBe(phoneticKey('Петров - Водкин'));
    expect(phoneticKeyParts('Петрова-Водкина')).toEqual([phoneticKey('Петрова'), phoneticKey('Водкина')]);
  });

  it('returns an empty key for nothing Cyrillic', () => {
    expect(phoneticKey('')).toBe('');
    expect(phoneticKey('123')).toBe('');
    expect(phoneticKeyParts('')).toEqual([]);
  });
});

describe('phoneticKey: first names and patronymics', () => {
  it('keeps the whole word (no surname endings stripped)', () => {
    differ('Марина', 'Марин', 'name');
    same('Алёна', 'Алена', 'name');
  });

  it('treats -ья / -ия alike', () => {
    same('Наталья', 'Наталия', 'name');
    same('Софья', 'София', 'name');
  });

  it('keeps different names apart', () => {
    differ('Ян', 'Яна', 'name');
    differ('Иван', 'Илья', 'name');
  });
});
