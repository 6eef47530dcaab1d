import { describe, it, expect } from 'vitest';
import { parseFio, properCaseName, guessSex, cleanNamePart, type ParsedFio } from '../../../shared/intake/parseFio';
import { firstNameSex, MALE_FIRST_NAMES, FEMALE_FIRST_NAMES } from '../../../shared/intake/firstNames';

function ok(input: string): ParsedFio {
  const r = parseFio(input);
  if ('error' in r) throw new Error(`parseFio(${input}) failed: ${r.error}`);
  return r;
}
const parts = (r: ParsedFio): [string, string, string | null] => [r.surname, r.name, r.patronymic];

describe('parseFio: «Фамилия Имя Отчество»', () => {
  it('splits the usual order with high confidence', () => {
    const r = ok('Иванов Иван Иванович');
    expect(parts(r)).toEqual(['Иванов', 'Иван', 'Иванович']);
    expect(r.order).toBe('sip');
    expect(r.confidence).toBeGreaterThanOrEqual(0.95);
    expect(r.sex).toBe('m');
    expect(r.warnings).toEqual([]);
  });

  it('proper-cases any case and collapses extra spaces', () => {
    expect(parts(ok('ПЕТРОВА   МАРИЯ  СЕРГЕЕВНА'))).toEqual(['Петрова', 'Мария', 'Сергеевна']);
    expect(parts(ok('  сидоров\tпётр\u00a0алексеевич '))).toEqual(['Сидоров', 'Пётр', 'Алексеевич']);
    expect(parts(ok('кУЗНЕЦОВА аННА иГОРЕВНА'))).toEqual(['Кузнецова', 'Анна', 'Игоревна']);
  });

  it('keeps ё', () => {
    const r = ok('ЁЛКИНА АЛЁНА ФЁДОРОВНА');
    expect(parts(r)).toEqual(['Ёлкина', 'Алёна', 'Фёдоровна']);
    expect(r.sex).toBe('f');
  });

  it('reads patronymics in -ична / -инична and short -ич', () => {
    expect(parts(ok('Смирнова Ольга Никитична'))).toEqual(['Смирнова', 'Ольга', 'Никитична']);
    expect(parts(ok('Орлова Вера Ильинична'))).toEqual(['Орлова', 'Вера', 'Ильинична']);
    expect(parts(ok('Беляев Пётр Ильич'))).toEqual(['Беляев', 'Пётр', 'Ильич']);
  });

  it('keeps double surnames with a hyphen, whatever the spacing and dash', () => {
    expect(parts(ok('Петрова-Водкина Анна Сергеевна'))).toEqual(['Петрова-Водкина', 'Анна', 'Сергеевна']);
    expect(parts(ok('петрова - водкина анна сергеевна'))).toEqual(['Петрова-Водкина', 'Анна', 'Сергеевна']);
    expect(parts(ok('Петрова–Водкина Анна Сергеевна'))).toEqual(['Петрова-Водкина', 'Анна', 'Сергеевна']);
  });

  it('reads «оглы» / «кызы» patronymics', () => {
    const m = ok('Мамедов Эльчин Рашид оглы');
    expect(parts(m)).toEqual(['Мамедов', 'Эльчин', 'Рашид оглы']);
    expect(m.order).toBe('sip');
    expect(m.sex).toBe('m');
    const f = ok('АЛИЕВА ЛЕЙЛА ТОФИК КЫЗЫ');
    expect(parts(f)).toEqual(['Алиева', 'Лейла', 'Тофик кызы']);
    expect(f.sex).toBe('f');
    expect(f.warnings).not.toContain('в ФИО больше трёх слов — проверьте, где фамилия');
  });

  it('reads a patronymic reduced to an initial', () => {
    const r = ok('Иванов Иван И.');
    expect(parts(r)).toEqual(['Иванов', 'Иван', 'И.']);
    expect(r.order).toBe('sip');
    expect(r.warnings).toContain('отчество указано инициалом');
    expect(parts(ok('Иванов Иван И'))).toEqual(['Иванов', 'Иван', 'И.']);
  });

  it('reads «Иванов И.И.» in every spacing', () => {
    for (const s of ['Иванов И.И.', 'Иванов И. И.', 'Иванов И.И', 'ИВАНОВ и.и.']) {
      const r = ok(s);
      expect(parts(r)).toEqual(['Иванов', 'И.', 'И.']);
      expect(r.order).toBe('sip');
      expect(r.warnings).toContain('имя указано инициалом');
      expect(r.warnings).toContain('отчество указано инициалом');
    }
  });

  it('reads a missing patronymic', () => {
    const r = ok('Козлова Дарья');
    expect(parts(r)).toEqual(['Козлова', 'Дарья', null]);
    expect(r.order).toBe('sip');
    expect(r.warnings).toContain('отчество не указано');
    expect(r.sex).toBe('f');
  });

  it('strips commas and quotes people put between the words', () => {
    expect(parts(ok('Иванов, Иван, Иванович'))).toEqual(['Иванов', 'Иван', 'Иванович']);
  });
});

describe('parseFio: «Имя Отчество Фамилия»', () => {
  it('detects the order by the patronymic in the middle', () => {
    const r = ok('Иван Иванович Иванов');
    expect(parts(r)).toEqual(['Иванов', 'Иван', 'Иванович']);
    expect(r.order).toBe('ips');
    expect(r.confidence).toBeGreaterThanOrEqual(0.95);
  });

  it('detects it for unknown first names too', () => {
    const r = ok('Зиновий Петрович Кузнецов');
    expect(r.order).toBe('ips');
    expect(parts(r)).toEqual(['Кузнецов', 'Зиновий', 'Петрович']);
  });

  it('detects «Имя Фамилия» by the first-name list', () => {
    const r = ok('Мария Петрова');
    expect(parts(r)).toEqual(['Петрова', 'Мария', null]);
    expect(r.order).toBe('ips');
  });

  it('reads initials before the surname', () => {
    const r = ok('И.И. Иванов');
    expect(parts(r)).toEqual(['Иванов', 'И.', 'И.']);
    expect(r.order).toBe('ips');
  });

  it('reads «оглы» in the middle', () => {
    const r = ok('Эльчин Рашид оглы Мамедов');
    expect(parts(r)).toEqual(['Мамедов', 'Эльчин', 'Рашид оглы']);
    expect(r.order).toBe('ips');
  });

  it('keeps a surname that ends like a patronymic in first place', () => {
    const r = ok('Петрович Анна Сергеевна');
    expect(parts(r)).toEqual(['Петрович', 'Анна', 'Сергеевна']);
    expect(r.order).toBe('sip');
  });
});

describe('parseFio: doubtful and bad input', () => {
  it('warns when nothing tells the order apart', () => {
    const r = ok('Кубар Зорт');
    expect(r.order).toBe('sip');
    expect(r.confidence).toBe(0.5);
    expect(r.warnings).toContain('порядок слов в ФИО не определён, принят «Фамилия Имя»');
  });

  it('keeps extra words in the surname and warns', () => {
    const r = ok('Де Лука Мария Ивановна');
    expect(parts(r)).toEqual(['Де Лука', 'Мария', 'Ивановна']);
    expect(r.warnings).toContain('в ФИО больше трёх слов — проверьте, где фамилия');
    expect(r.confidence).toBeLessThan(0.95);
  });

  it('fixes Latin look-alike letters inside Cyrillic words', () => {
    const r = ok('Ивaнoв Ивaн Петрович'); // Latin a, o
    expect(parts(r)).toEqual(['Иванов', 'Иван', 'Петрович']);
    expect(r.warnings).toContain('латинские буквы, похожие на русские, заменены русскими');
  });

  it('warns about Latin letters it cannot fix', () => {
    const r = ok('Ivanov Ivan');
    expect(r.warnings).toContain('в ФИО есть латинские буквы');
  });

  it('returns errors in Russian', () => {
    expect(parseFio('')).toEqual({ error: 'ФИО не указано' });
    expect(parseFio('   ')).toEqual({ error: 'ФИО не указано' });
    expect(parseFio('Иванов')).toEqual({ error: 'в ФИО одно слово — нужны хотя бы фамилия и имя' });
    expect(parseFio('Иванов Иван 2015')).toEqual({ error: 'в ФИО есть цифры' });
    expect(parseFio('Иван Иванович')).toEqual({ error: 'в ФИО нет фамилии — только имя и отчество' });
  });
});

describe('properCaseName', () => {
  it('capitalizes every part of a double name and keeps particles lower-case', () => {
    expect(properCaseName('ИВАНОВА-ПЕТРОВА')).toBe('Иванова-Петрова');
    expect(properCaseName('рашид оглы')).toBe('Рашид оглы');
    expect(properCaseName('ёлкина')).toBe('Ёлкина');
  });
});

describe('cleanNamePart (separate columns)', () => {
  it('cleans one part', () => {
    expect(cleanNamePart('  ИВАНОВ ')).toBe('Иванов');
    expect(cleanNamePart('петрова - водкина')).toBe('Петрова-Водкина');
    expect(cleanNamePart('и')).toBe('И.');
    expect(cleanNamePart('Пeтр')).toBe('Петр'); // Latin e
    expect(cleanNamePart('')).toBeNull();
    expect(cleanNamePart(null)).toBeNull();
  });
});

describe('guessSex', () => {
  it('uses the patronymic first', () => {
    expect(guessSex({ name: 'Саша', patronymic: 'Петровна' })).toBe('f');
    expect(guessSex({ name: 'Женя', patronymic: 'Петрович' })).toBe('m');
    expect(guessSex({ patronymic: 'Тофик кызы' })).toBe('f');
    expect(guessSex({ patronymic: 'Рашид оглы' })).toBe('m');
  });

  it('then the first name, including male names in -а/-я', () => {
    expect(guessSex({ name: 'Никита' })).toBe('m');
    expect(guessSex({ name: 'Илья' })).toBe('m');
    expect(guessSex({ name: 'Любовь' })).toBe('f');
    expect(guessSex({ name: 'Зиновий' })).toBe('m');
    expect(guessSex({ name: 'Снежанна' })).toBe('f');
  });

  it('then the surname ending', () => {
    expect(guessSex({ surname: 'Иванова', name: 'И.' })).toBe('f');
    expect(guessSex({ surname: 'Ковальский' })).toBe('m');
    expect(guessSex({ surname: 'Ковальская' })).toBe('f');
  });

  it('says null when nothing tells', () => {
    expect(guessSex({ surname: 'Черных', name: 'Саша' })).toBe('f'); // ends in -а: a guess, not a fact
    expect(guessSex({ surname: 'Черных' })).toBeNull();
    expect(guessSex({ surname: 'Ковальчук', name: 'Л.' })).toBeNull();
  });
});

describe('first-name list', () => {
  it('has about 300 names and no name in both lists', () => {
    expect(MALE_FIRST_NAMES.size + FEMALE_FIRST_NAMES.size).toBeGreaterThan(280);
    for (const n of MALE_FIRST_NAMES) expect(FEMALE_FIRST_NAMES.has(n)).toBe(false);
  });

  it('is looked up normalized (case, ё)', () => {
    expect(firstNameSex('АРТЁМ')).toBe('m');
    expect(firstNameSex('Алёна')).toBe('f');
    expect(firstNameSex('Кубар')).toBeNull();
  });
});
