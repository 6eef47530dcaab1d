import { ru } from '@faker-js/faker';
import { describe, expect, it } from 'vitest';
import { BOYS, GIRLS, GRANDFATHERS, MEN, SURNAMES, WOMEN, patronymicOf, surnameFor } from '../../../electron/demo/russianNames';

describe('patronymic from the father\'s first name', () => {
  it.each([
    ['Иван', 'Иванович', 'Ивановна'],
    ['Артём', 'Артёмович', 'Артёмовна'],
    ['Сергей', 'Сергеевич', 'Сергеевна'],
    ['Андрей', 'Андреевич', 'Андреевна'],
    ['Алексей', 'Алексеевич', 'Алексеевна'],
    ['Николай', 'Николаевич', 'Николаевна'],
    ['Игорь', 'Игоревич', 'Игоревна'],
    ['Юрий', 'Юрьевич', 'Юрьевна'],
    ['Василий', 'Васильевич', 'Васильевна'],
    ['Евгений', 'Евгеньевич', 'Евгеньевна'],
    ['Виталий', 'Витальевич', 'Витальевна'],
    ['Анатолий', 'Анатольевич', 'Анатольевна'],
    ['Геннадий', 'Геннадьевич', 'Геннадьевна'],
    ['Валерий', 'Валерьевич', 'Валерьевна'],
    ['Григорий', 'Григорьевич', 'Григорьевна'],
    ['Аркадий', 'Аркадьевич', 'Аркадьевна'],
    ['Дмитрий', 'Дмитриевич', 'Дмитриевна'],
    ['Георгий', 'Георгиевич', 'Георгиевна'],
    ['Илья', 'Ильич', 'Ильинична'],
    ['Никита', 'Никитич', 'Никитична'],
    ['Фома', 'Фомич', 'Фоминична'],
    ['Кузьма', 'Кузьмич', 'Кузьминична'],
    ['Лука', 'Лукич', 'Лукинична'],
    ['Савва', 'Саввич', 'Саввична'],
    ['Данила', 'Данилович', 'Даниловна'],
    ['Павел', 'Павлович', 'Павловна'],
    ['Лев', 'Львович', 'Львовна'],
    ['Пётр', 'Петрович', 'Петровна'],
    ['Яков', 'Яковлевич', 'Яковлевна'],
    ['Михаил', 'Михайлович', 'Михайловна'],
    ['Матвей', 'Матвеевич', 'Матвеевна'],
    ['Тимофей', 'Тимофеевич', 'Тимофеевна'],
    ['Фёдор', 'Фёдорович', 'Фёдоровна'],
    ['Семён', 'Семёнович', 'Семёновна'],
    ['Эдуард', 'Эдуардович', 'Эдуардовна'],
    ['Тимур', 'Тимурович', 'Тимуровна'],
  ])('%s → %s / %s', (father, male, female) => {
    expect(patronymicOf(father, 'm')).toBe(male);
    expect(patronymicOf(father, 'f')).toBe(female);
  });

  it('gives a well-formed patronymic for every father and grandfather the demo uses', () => {
    for (const [name] of [...MEN, ...GRANDFATHERS, ...BOYS]) {
      expect(patronymicOf(name, 'm'), name).toMatch(/^[А-ЯЁ][а-яё]+(ович|евич|ич)$/u);
      expect(patronymicOf(name, 'f'), name).toMatch(/^[А-ЯЁ][а-яё]+(овна|евна|ична|инична)$/u);
    }
  });

  it('agrees with the patronymics @faker-js/faker ru lists, where it lists one for the same name', () => {
    // faker writes е for ё, and -иевич or -ьевич (Геннадиевич / Геннадьевна): both spellings are in use.
    const norm = (x: string) => x.replace(/ё/gu, 'е').replace(/[иь]ев(ич|на)$/u, 'ьев$1');
    const irregular = new Set(['Лев', 'Павел', 'Пётр', 'Яков', 'Михаил', 'Илья', 'Фома', 'Кузьма', 'Лука', 'Данила', 'Никита', 'Савва']);
    let compared = 0;
    for (const [list, gender] of [[ru.person!.middle_name!.male!, 'm'], [ru.person!.middle_name!.female!, 'f']] as const) {
      for (const [name] of [...MEN, ...GRANDFATHERS]) {
        if (irregular.has(name)) continue;
        // faker's patronymics made from this very name: the stem, then only a patronymic ending.
        const stem = norm(name).replace(/(ий|ей|ай|ь|а|я)$/u, '');
        const theirs = list.map(norm).filter((x) => x.startsWith(stem) && /^[ьиеа]?(ович|евич|вич|ич|овна|евна|вна|ична|инична)$/u.test(x.slice(stem.length)));
        if (theirs.length === 0) continue;
        compared += 1;
        expect(theirs, name).toContain(norm(patronymicOf(name, gender)));
      }
    }
    expect(compared).toBeGreaterThan(40);
  });
});

describe('surname agreeing with gender', () => {
  it.each([
    ['Иванов', 'Иванова'],
    ['Фёдоров', 'Фёдорова'],
    ['Королёв', 'Королёва'],
    ['Ильин', 'Ильина'],
    ['Вишневский', 'Вишневская'],
    ['Высоцкий', 'Высоцкая'],
    ['Толстой', 'Толстая'],
    ['Белый', 'Белая'],
    ['Белых', 'Белых'],
    ['Долгих', 'Долгих'],
    ['Шевченко', 'Шевченко'],
    ['Ковальчук', 'Ковальчук'],
    ['Гуревич', 'Гуревич'],
    ['Ким', 'Ким'],
  ])('%s → %s', (male, female) => {
    expect(surnameFor(male, 'm')).toBe(male);
    expect(surnameFor(male, 'f')).toBe(female);
  });

  it('makes exactly the female forms @faker-js/faker ru lists for its 250 surnames', () => {
    const males = ru.person!.last_name!.male!;
    const females = ru.person!.last_name!.female!;
    expect(males.map((s) => surnameFor(s, 'f'))).toEqual(females);
  });

  it('has only plain Cyrillic names in its lists', () => {
    for (const [n] of [...BOYS, ...GIRLS, ...MEN, ...WOMEN, ...GRANDFATHERS, ...SURNAMES]) expect(n).toMatch(/^[А-ЯЁ][а-яё]+(-[А-ЯЁ][а-яё]+)?$/u);
  });
});
