import { describe, it, expect } from 'vitest';
import {
  scorePair,
  compareBirthDates,
  compareAddresses,
  addressTokens,
  blockingKeys,
  prepareRecord,
  levelWeight,
  COMPARISON_LEVELS,
  PRIOR_MATCH_PROBABILITY,
  AUTO_LINK_THRESHOLD,
  REVIEW_THRESHOLD,
  type LinkageRecord,
} from '../../../shared/intake/linkage';

// Generated test people: no real persons.
const base: LinkageRecord = {
  surname: 'Ёлкина',
  name: 'Алёна',
  patronymic: 'Сергеевна',
  birthDate: '2015-03-07',
  sex: 'f',
  snils: null,
  addresses: ['г. Кстово, ул. Садовая, д. 14, кв. 3'],
};
const boy: LinkageRecord = {
  surname: 'Тарасов',
  name: 'Глеб',
  patronymic: 'Андреевич',
  birthDate: '2013-11-21',
  sex: null,
  addresses: ['ул. Полевая, 8-41'],
};
const noAddress = (r: LinkageRecord): LinkageRecord => ({ ...r, addresses: [] });

describe('weights and thresholds', () => {
  it('weighs a level log2(m/u) and a missing value 0', () => {
    expect(levelWeight('birthDate', 'exact')).toBeCloseTo(Math.log2(0.9 / 0.00015), 10);
    expect(levelWeight('name', 'missing')).toBe(0);
    expect(levelWeight('sex', 'different')).toBeLessThan(0);
  });

  it('keeps every level a probability and agreement levels ranked above disagreement', () => {
    for (const [field, levels] of Object.entries(COMPARISON_LEVELS)) {
      let mSum = 0;
      for (const { m, u } of Object.values(levels)) {
        expect(m).toBeGreaterThan(0);
        expect(u).toBeGreaterThan(0);
        expect(m).toBeLessThanOrEqual(1);
        expect(u).toBeLessThanOrEqual(1);
        mSum += m;
      }
      expect(mSum, field).toBeLessThanOrEqual(1.0001);
      const lv = levels as Record<string, { m: number; u: number }>;
      if (lv['exact'] && lv['different']) {
        expect(lv['exact'].m / lv['exact'].u).toBeGreaterThan(1);
        expect(lv['different'].m / lv['different'].u).toBeLessThan(1);
      }
    }
  });

  it('has the auto threshold above the review threshold', () => {
    expect(AUTO_LINK_THRESHOLD).toBeGreaterThan(REVIEW_THRESHOLD);
  });

  it('adds the prior odds to the field weights', () => {
    const r = scorePair(base, base);
    const sum = r.comparisons.reduce((s, c) => s + c.weight, 0);
    const prior = Math.log2(PRIOR_MATCH_PROBABILITY / (1 - PRIOR_MATCH_PROBABILITY));
    expect(r.score).toBeCloseTo(prior + sum, 10);
    expect(r.probability).toBeCloseTo(2 ** r.score / (1 + 2 ** r.score), 10);
    const small = scorePair(base, base, { priorMatchProbability: 1 / 2000 });
    expect(small.score).toBeGreaterThan(r.score);
  });
});

describe('scorePair: the same child', () => {
  it('links an identical record automatically', () => {
    const r = scorePair(base, { ...base });
    expect(r.outcome).toBe('auto');
    expect(r.probability).toBeGreaterThan(0.999);
    expect(r.reasons).toContain('фамилия совпала');
    expect(r.reasons).toContain('дата рождения совпала');
    expect(r.reasons).toContain('адрес совпал');
  });

  it('links across ё/е and says so', () => {
    const r = scorePair(base, { ...base, surname: 'Елкина', name: 'Алена' });
    expect(r.outcome).toBe('auto');
    expect(r.reasons).toContain('фамилия совпала с учётом ё/е');
    expect(r.reasons).toContain('имя совпало с учётом ё/е');
  });

  it('links across Latin look-alike letters, case and spaces', () => {
    const latin = scorePair(base, { ...base, surname: 'Ёлкинa' }); // Latin a
    expect(latin.outcome).toBe('auto');
    expect(latin.reasons).toContain('фамилия совпала с учётом латинских букв, похожих на русские');
    const caps = scorePair(base, { ...base, surname: '  ЁЛКИНА ' });
    expect(caps.reasons).toContain('фамилия совпала');
  });

  it('links without a patronymic when the address agrees, and reviews it when nothing else does', () => {
    const withAddress = scorePair(base, { ...base, patronymic: null });
    expect(withAddress.outcome).toBe('auto');
    expect(withAddress.reasons).toContain('отчество не указано');
    const bare = scorePair(noAddress(base), { ...noAddress(base), patronymic: null, sex: null });
    expect(bare.outcome).toBe('review');
  });

  it('recognises day and month swapped', () => {
    const r = scorePair(base, { ...base, surname: 'Елкина', birthDate: '2015-07-03' });
    expect(r.reasons.join('; ')).toContain('фамилия совпала с учётом ё/е; имя совпало; отчество совпало; день и месяц рождения переставлены');
    expect(r.outcome).toBe('auto');
    expect(scorePair(noAddress(base), { ...noAddress(base), birthDate: '2015-07-03', sex: null }).outcome).toBe('review');
  });

  it('recognises one wrong digit in the birth date', () => {
    const r = scorePair(noAddress(base), { ...noAddress(base), birthDate: '2015-03-09', sex: null });
    expect(r.reasons).toContain('дата рождения отличается одной цифрой');
    expect(r.outcome).toBe('review');
    expect(scorePair(base, { ...base, birthDate: '2016-03-07' }).outcome).toBe('auto');
  });

  it('tolerates a typo in the surname', () => {
    const r = scorePair(base, { ...base, surname: 'Ёлкена' });
    expect(r.reasons.join('; ')).toContain('фамилия похожа, вероятна опечатка');
    expect(r.outcome).toBe('auto');
    expect(scorePair(noAddress(boy), { ...noAddress(boy), surname: 'Торасов' }).outcome).toBe('review');
  });

  it('takes one letter wrong in a surname for a typo, wherever Jaro–Winkler places it (Петрова / Петрава)', () => {
    const maria = { surname: 'Петрова', name: 'Мария', patronymic: 'Александровна', birthDate: '2018-02-19', sex: 'f' as const, addresses: ['пгт Свободный, ул. Ленина, д. 5, кв. 1'] };
    const typed = { surname: 'Петрава', name: 'Мария', patronymic: 'Александровна', birthDate: '2018-02-19', addresses: ['пгт Свободный, ул. Майская, д. 21, кв. 3'] };
    const r = scorePair(typed, maria);
    expect(r.comparisons.find((c) => c.field === 'surname')?.level).toBe('similar');
    // The family has moved too: a person decides.
    expect(r.outcome).toBe('review');
    // A short surname a letter off with another first name is still another child.
    expect(scorePair({ ...typed, surname: 'Котов', name: 'Илья' }, { ...maria, surname: 'Кетов', name: 'Глеб', sex: 'm' }).outcome).toBe('new');
  });

  it('asks a person about the same surname and name with a date a digit off, even with nothing else to compare', () => {
    const r = scorePair({ surname: 'Якушев', name: 'Данил', birthDate: '2017-02-26' }, { surname: 'Якушев', name: 'Данил', patronymic: 'Сергеевич', birthDate: '2017-02-23', sex: 'm', addresses: ['пгт Свободный, ул. Ленина, д. 5, кв. 1'] });
    expect(r.outcome).toBe('review');
    expect(r.reasons.join('; ')).toContain('фамилия и имя совпали, дата близка');
    // A far date with nothing else agreeing stays new.
    expect(scorePair({ surname: 'Якушев', name: 'Данил', birthDate: '2015-07-11' }, { surname: 'Якушев', name: 'Данил', birthDate: '2017-02-23' }).outcome).toBe('new');
  });

  it('tolerates a typo in the first name', () => {
    const r = scorePair(boy, { ...boy, name: 'Глеьб' });
    expect(r.comparisons.find((c) => c.field === 'name')?.level).toBe('similar');
    expect(r.outcome).toBe('auto');
  });

  it('sees a surname in the other sex form', () => {
    const r = scorePair(base, { ...base, surname: 'Ёлкин' });
    expect(r.reasons).toContain('фамилия в другой родовой форме («Ёлкина» / «Ёлкин»)');
  });

  it('matches a part of a double surname', () => {
    const r = scorePair(base, { ...base, surname: 'Ёлкина-Маркова' });
    expect(r.reasons).toContain('совпала часть двойной фамилии');
    expect(r.outcome).toBe('auto');
  });

  it('links a matching SNILS even with other fields off', () => {
    const a = { ...boy, snils: '112-233-445 95' };
    const r = scorePair(a, { ...a, snils: '11223344595', surname: 'Тарасав', birthDate: '2013-12-21', addresses: [] });
    expect(r.reasons).toContain('СНИЛС совпал');
    expect(r.outcome).toBe('auto');
  });
});

describe('scorePair: twins and siblings are never merged', () => {
  const twinA: LinkageRecord = { ...base, name: 'Алёна', sex: null };
  const twinB: LinkageRecord = { ...base, name: 'Полина', sex: null };

  it('keeps twins apart: same surname, patronymic, birth date and address, different first names', () => {
    const r = scorePair(twinA, twinB);
    expect(r.outcome).toBe('new');
    expect(r.reasons.join('; ')).toContain('вероятно, близнецы');
  });

  it('keeps twins apart even when their names look alike', () => {
    const boyGirl = scorePair({ ...boy, name: 'Александр' }, { ...boy, name: 'Александра', patronymic: 'Андреевна' });
    expect(boyGirl.outcome).toBe('new');
    expect(scorePair({ ...boy, name: 'Евгений' }, { ...boy, name: 'Евгения' }).outcome).toBe('new');
    expect(scorePair({ ...boy, name: 'Даниил' }, { ...boy, name: 'Данила' }).outcome).toBe('new');
  });

  it('never links twins automatically whatever the weights or the prior', () => {
    for (const prior of [1 / 200_000, 1 / 1000, 0.5]) {
      expect(scorePair(twinA, twinB, { priorMatchProbability: prior }).outcome).not.toBe('auto');
      expect(scorePair(twinA, twinB, { priorMatchProbability: prior }).outcome).toBe('new');
    }
    const sameSnils = scorePair({ ...twinA, snils: '11223344595' }, { ...twinB, snils: '11223344595' });
    expect(sameSnils.outcome).toBe('review');
  });

  it('does not link by a first-name initial or without a first name (which twin?)', () => {
    const initial = scorePair(twinA, { ...twinA, name: 'А.' });
    expect(initial.outcome).toBe('review');
    expect(initial.reasons.join('; ')).toContain('по инициалу имени близнецов не различить');
    const missing = scorePair(twinA, { ...twinA, name: null });
    expect(missing.outcome).toBe('review');
    expect(missing.reasons).toContain('имя не указано');
  });

  it('keeps siblings apart', () => {
    const r = scorePair(base, { ...base, name: 'Ксения', birthDate: '2012-10-19' });
    expect(r.outcome).toBe('new');
  });

  it('does not link a boy and a girl', () => {
    const r = scorePair(base, { ...base, sex: 'm' });
    expect(r.outcome).toBe('review');
    expect(r.reasons.join('; ')).toContain('пол разный');
  });

  it('does not link different SNILS automatically', () => {
    const r = scorePair({ ...base, snils: '11223344595' }, { ...base, snils: '12345678901' });
    expect(r.outcome).not.toBe('auto');
    expect(r.reasons).toContain('СНИЛС разный');
  });
});

describe('scorePair: different children', () => {
  it('calls unrelated children new with a tiny probability', () => {
    const r = scorePair(base, boy);
    expect(r.outcome).toBe('new');
    expect(r.probability).toBeLessThan(0.001);
    expect(r.reasons).toContain('фамилия другая');
    expect(r.reasons).toContain('дата рождения другая');
  });

  it('calls a namesake born in another year and living elsewhere new', () => {
    const r = scorePair(base, { ...base, birthDate: '2011-09-25', addresses: ['г. Кстово, ул. Школьная, д. 2'] });
    expect(r.outcome).toBe('new');
  });

  it('sends an exact ФИО without any birth date to review', () => {
    const r = scorePair(noAddress(base), { ...noAddress(base), birthDate: null, sex: null });
    expect(r.outcome).toBe('review');
    expect(r.reasons).toContain('дата рождения не указана');
  });
});

describe('compareBirthDates', () => {
  it('grades the levels', () => {
    expect(compareBirthDates('2015-03-07', '2015-03-07')).toBe('exact');
    expect(compareBirthDates('2015-03-07', '2015-07-03')).toBe('swapped');
    expect(compareBirthDates('2015-03-07', '2015-03-08')).toBe('oneDay');
    expect(compareBirthDates('2015-03-31', '2015-04-01')).toBe('oneDay');
    expect(compareBirthDates('2015-03-07', '2016-03-07')).toBe('oneYear');
    expect(compareBirthDates('2009-03-07', '2010-03-07')).toBe('oneYear');
    expect(compareBirthDates('2015-03-07', '2018-03-07')).toBe('oneDigit');
    expect(compareBirthDates('2015-03-07', '2015-03-09')).toBe('oneDigit');
    expect(compareBirthDates('2015-03-07', '2015-03-27')).toBe('oneDigit');
    expect(compareBirthDates('2015-03-07', '2015-03-19')).toBe('yearMonth');
    expect(compareBirthDates('2015-03-07', '2014-11-30')).toBe('different');
    expect(compareBirthDates('2015-03-07', null)).toBe('missing');
    expect(compareBirthDates('2015-03-07', '07.03.2015')).toBe('missing');
  });

  it('does not call equal day and month swapped', () => {
    expect(compareBirthDates('2015-05-05', '2015-05-05')).toBe('exact');
  });
});

describe('addresses', () => {
  it('drops kinds of place, punctuation and the postal index', () => {
    expect(addressTokens('607650, Нижегородская обл., г. Кстово, ул. Садовая, д. 14, кв. 3')).toEqual([
      'нижегородская',
      'кстово',
      'садовая',
      '14',
      '3',
    ]);
    expect(addressTokens('пр-т Мира, д. 5 а, кв. 12')).toEqual(['мира', '5а', '12']);
    expect(addressTokens('ул Мира 5-12')).toEqual(['мира', '5', '12']);
  });

  it('sees the same address written differently', () => {
    expect(compareAddresses(['ул. Садовая, д. 14, кв. 3'], ['г. Кстово, ул. Садовая, 14-3'])).toBe('exact');
    expect(compareAddresses(['ул. Садовая, д. 14, кв. 3'], ['ул. Садовоя, д. 14, кв. 3'])).toBe('similar');
    expect(compareAddresses(['ул. Садовая, д. 14, кв. 3'], ['ул. Садовая, д. 14'])).toBe('similar');
    expect(compareAddresses(['ул. Садовая, д. 14, кв. 3'], ['ул. Садовая, д. 14, кв. 5'])).toBe('different');
    expect(compareAddresses(['ул. Садовая, д. 14'], ['ул. Полевая, д. 14'])).toBe('different');
    expect(compareAddresses([], ['ул. Садовая, д. 14'])).toBe('missing');
  });

  it('takes the best agreeing pair of several addresses', () => {
    expect(compareAddresses(['ул. Полевая, 8-41', null, 'ул. Садовая, д. 14, кв. 3'], ['Садовая 14 кв 3'])).toBe('exact');
  });
});

describe('blockingKeys', () => {
  const keys = (r: LinkageRecord): Set<string> => new Set(blockingKeys(r));
  const share = (a: LinkageRecord, b: LinkageRecord): boolean => [...keys(a)].some((k) => keys(b).has(k));

  it('files a record under its date, surname sound + year-month / year-day / day-month, name + patronymic + year, flat + year, surname + name', () => {
    expect(blockingKeys(base)).toEqual(['d:2015-03-07', 'fym:илк4:201503', 'fyd:илк4:201507', 'fmd:илк4:307', 'npy:алена|сергеевна:2015', 'ay:14 3:2015', 'n:елкина:алена']);
    expect(blockingKeys(base, 'probe')).toEqual(
      expect.arrayContaining(['d:2015-07-03', 'ay:14 3:2014', 'ay:14 3:2016']),
    );
    expect(blockingKeys({ ...base, snils: '112-233-445 95' })).toContain('s:11223344595');
  });

  it('puts the usual errors into a shared block', () => {
    expect(share(base, { ...base, surname: 'Елкина' })).toBe(true);
    expect(share(base, { ...base, surname: 'Ёлкин' })).toBe(true);
    expect(share(base, { ...base, birthDate: '2015-07-03' })).toBe(true);
    expect(share(base, { ...base, birthDate: '2016-03-07' })).toBe(true);
    expect(share(base, { ...base, surname: 'Смирнова' })).toBe(true);
    expect(share(base, { ...base, surname: 'Ёлкина-Маркова' })).toBe(true);
    expect(share({ ...base, surname: 'Щербакова' }, { ...base, surname: 'Шербакова' })).toBe(true);
  });

  it('does not block unrelated children together', () => {
    expect(share(base, boy)).toBe(false);
  });

  it('skips name keys for an initial', () => {
    expect(blockingKeys(noAddress({ ...base, name: 'А.' }))).toEqual(['d:2015-03-07', 'fym:илк4:201503', 'fyd:илк4:201507', 'fmd:илк4:307']);
    expect(blockingKeys({})).toEqual([]);
  });
});

describe('prepareRecord', () => {
  it('scores a prepared pair exactly like the raw one', () => {
    const pairs: [LinkageRecord, LinkageRecord][] = [
      [base, { ...base, surname: 'Елкина', birthDate: '2015-07-03' }],
      [base, boy],
      [base, { ...base, name: 'Полина' }],
      [{ ...boy, snils: '112-233-445 95' }, { ...boy, snils: '11223344595', name: 'Г.' }],
    ];
    for (const [a, b] of pairs) {
      expect(scorePair(prepareRecord(a), prepareRecord(b))).toEqual(scorePair(a, b));
      expect(scorePair(prepareRecord(a), b)).toEqual(scorePair(a, b));
      expect(blockingKeys(prepareRecord(a))).toEqual(blockingKeys(a));
    }
  });

  it('is idempotent', () => {
    const p = prepareRecord(base);
    expect(prepareRecord(p)).toBe(p);
  });

  it('drops what cannot be compared', () => {
    const p = prepareRecord({ surname: '  ', name: '—', birthDate: '2015-02-30', snils: '123', addresses: ['', null, 'кв.'] });
    expect(p.surname).toBeNull();
    expect(p.name).toBeNull();
    expect(p.birthDate).toBeNull();
    expect(p.snils).toBeNull();
    expect(p.addresses).toEqual([]);
  });
});

// ---------- issue 8: a typo or a date off by one must not make a second child ----------

const probe = (a: LinkageRecord, b: LinkageRecord): boolean => {
  const filed = new Set(blockingKeys(b));
  return blockingKeys(a, 'probe').some((k) => filed.has(k));
};

describe('issue 8: a first-name typo is not a twin', () => {
  const person: LinkageRecord = {
    surname: 'Григорьев',
    name: 'Дмитрий',
    patronymic: 'Евгениевич',
    birthDate: '2010-06-19',
    sex: 'm',
    addresses: ['г. Кстово, ул. Школьная, д. 7, кв. 21'],
  };
  const typos: [string, string, 'm' | 'f'][] = [
    ['Дмитрий', 'Дмтрий', 'm'],
    ['Леонид', 'Лионид', 'm'],
    ['Мария', 'Маиря', 'f'],
    ['Глеб', 'Глб', 'm'],
  ];
  for (const [registry, row, sex] of typos) {
    it(`${registry} / ${row}: a typo (similar level), linked, with a plain reason`, () => {
      const r = scorePair({ ...person, name: row, sex }, { ...person, name: registry, sex });
      expect(r.comparisons.find((c) => c.field === 'name')?.level).toBe('similar');
      expect(r.reasons).toContain(`имя похоже, вероятна опечатка («${row}» / «${registry}»)`);
      expect(r.reasons.join('; ')).not.toContain('близнецы');
      expect(r.outcome).toBe('auto');
      expect(probe({ ...person, name: row }, { ...person, name: registry })).toBe(true);
    });
  }

  it('real twins with close names are never linked: Александр/Алексей, Анна/Алина, Даниил/Данила', () => {
    const twins: [string, string, 'm' | 'f'][] = [
      ['Александр', 'Алексей', 'm'],
      ['Анна', 'Алина', 'f'],
      ['Даниил', 'Данила', 'm'],
      ['Алина', 'Алёна', 'f'],
    ];
    for (const [a, b, sex] of twins) {
      for (const prior of [1 / 200_000, 1 / 1000]) {
        const r = scorePair({ ...person, name: a, sex }, { ...person, name: b, sex }, { priorMatchProbability: prior });
        expect(r.outcome, `${a}/${b}`).toBe('new');
        expect(r.reasons.join('; ')).toContain('вероятно, близнецы');
      }
    }
  });

  it('spellings of one name are one name: София/Софья, Наталья/Наталия, Даниил/Данил', () => {
    for (const [a, b] of [
      ['София', 'Софья'],
      ['Наталья', 'Наталия'],
      ['Даниил', 'Данил'],
    ]) {
      const r = scorePair({ ...person, name: a }, { ...person, name: b });
      expect(r.comparisons.find((c) => c.field === 'name')?.level, `${a}/${b}`).toBe('exact');
      expect(r.reasons).toContain(`имя совпало с учётом написания («${a}» / «${b}»)`);
      expect(r.outcome).toBe('auto');
    }
  });

  it('a name that is as close to two real names, or two unknown names, goes to review, never to new', () => {
    // «Алена» with a letter doubled… «Алеина» is one letter from Алина and from Алёна: which twin?
    const ambiguous = scorePair({ ...person, name: 'Алеина', sex: 'f' }, { ...person, name: 'Алина', sex: 'f' });
    expect(ambiguous.outcome).toBe('review');
    expect(ambiguous.reasons.join('; ')).toContain('не связано автоматически: имя похоже, но не ясно, опечатка ли это');
    const unknown = scorePair({ ...person, name: 'Эрдэм' }, { ...person, name: 'Эрдэн' });
    expect(unknown.outcome).toBe('review');
    // One name unknown and far from the other, everything else the same: a twin or a name written wrong.
    const far = scorePair({ ...person, name: 'Дима' }, person);
    expect(far.outcome).toBe('review');
    expect(far.reasons.join('; ')).toContain('близнецы или ошибка в имени');
  });
});

describe('issue 8: a date off by a day, a year or a digit', () => {
  it('Иванова/Ифанова Наталья Павловна 26.09.2007/2008, same flat: «год рождения отличается на 1», linked or reviewed, blocked together', () => {
    const a: LinkageRecord = { surname: 'Иванова', name: 'Наталья', patronymic: 'Павловна', birthDate: '2007-09-26', sex: 'f', addresses: ['г. Кстово, ул. Ленина, д. 5, кв. 12'] };
    const b: LinkageRecord = { ...a, surname: 'Ифанова', birthDate: '2008-09-26', addresses: ['Кстово, улица Ленина, 5-12'] };
    const r = scorePair(b, a);
    expect(r.reasons).toContain('год рождения отличается на 1');
    expect(r.comparisons.find((c) => c.field === 'birthDate')?.level).toBe('oneYear');
    expect(r.outcome).not.toBe('new');
    expect(probe(b, a)).toBe(true);
  });

  it('Иваанов Мехаил 22.03.2009 / Иванов Михаил 12.03.2009: one digit of the day, linked or reviewed, blocked together', () => {
    const a: LinkageRecord = { surname: 'Иванов', name: 'Михаил', patronymic: 'Сергеевич', birthDate: '2009-03-12', sex: 'm', addresses: ['ул. Мира, д. 3, кв. 8'] };
    const b: LinkageRecord = { ...a, surname: 'Иваанов', name: 'Мехаил', birthDate: '2009-03-22' };
    const r = scorePair(b, a);
    expect(r.comparisons.find((c) => c.field === 'birthDate')?.level).toBe('oneDigit');
    expect(r.comparisons.find((c) => c.field === 'name')?.level).toBe('similar');
    expect(r.outcome).not.toBe('new');
    expect(probe(b, a)).toBe(true);
  });

  it('Марков/Маргов Мирон 25.07/15.07.2009: blocked together by surname sound and year', () => {
    const a: LinkageRecord = { surname: 'Марков', name: 'Мирон', patronymic: 'Ильич', birthDate: '2009-07-25', sex: 'm', addresses: ['ул. Мира, д. 3, кв. 8'] };
    const b: LinkageRecord = { ...a, surname: 'Маргов', birthDate: '2009-07-15' };
    expect(probe(b, a)).toBe(true);
    expect(scorePair(b, a).outcome).not.toBe('new');
  });

  it('a day apart has its own level and weight, between exact and one digit', () => {
    expect(levelWeight('birthDate', 'oneDay')).toBeGreaterThan(levelWeight('birthDate', 'oneDigit'));
    expect(levelWeight('birthDate', 'oneYear')).toBeGreaterThan(levelWeight('birthDate', 'oneDigit'));
    expect(levelWeight('birthDate', 'oneDay')).toBeLessThan(levelWeight('birthDate', 'exact'));
    const r = scorePair(base, { ...base, birthDate: '2015-03-08' });
    expect(r.reasons).toContain('дата рождения отличается на 1 день');
  });

  it('names and address agreeing with a far birth date go to review, not to new', () => {
    const r = scorePair({ ...base, sex: null }, { ...base, surname: 'Ёлкена', birthDate: '2013-10-19', sex: null, addresses: ['ул. Садовая, д. 14'] });
    expect(r.score).toBeLessThan(REVIEW_THRESHOLD);
    expect(r.outcome).toBe('review');
    expect(r.reasons).toContain('не связано автоматически: дата рождения не указана или не близка');
    // …but not without the address: a namesake born elsewhere stays new.
    expect(scorePair(noAddress(base), { ...noAddress(base), birthDate: '2013-10-19' }).outcome).toBe('new');
  });
});

describe('issue 8: term frequency and namesakes', () => {
  const frequencies = (counts: { surname?: [string, number][]; name?: [string, number][]; patronymic?: [string, number][] }, size = 200_000) => ({
    size,
    surname: new Map(counts.surname ?? []),
    name: new Map(counts.name ?? []),
    patronymic: new Map(counts.patronymic ?? []),
  });
  const ivanov: LinkageRecord = { surname: 'Иванов', name: 'Александр', patronymic: 'Дмитриевич', birthDate: '2009-04-11', sex: 'm', addresses: ['г. Кстово, пр-т Победы, д. 4, кв. 17'] };
  const rare: LinkageRecord = { surname: 'Вознесенская', name: 'Агата', patronymic: 'Ильинична', birthDate: '2009-04-11', sex: 'f', addresses: ['г. Кстово, пр-т Победы, д. 4, кв. 17'] };
  const f = frequencies({
    surname: [['иванов', 2400], ['вознесенская', 3]],
    name: [['александр', 4400], ['агата', 150]],
    patronymic: [['дмитриевич', 3000], ['ильинична', 200]],
  });

  it('weighs agreement on a common name less than on a rare one', () => {
    const common = scorePair(ivanov, ivanov, { frequencies: f });
    const plain = scorePair(ivanov, ivanov);
    expect(common.score).toBeLessThan(plain.score);
    const rareScore = scorePair(rare, rare, { frequencies: f });
    expect(rareScore.comparisons.find((c) => c.field === 'surname')!.weight).toBeGreaterThan(common.comparisons.find((c) => c.field === 'surname')!.weight);
    // A small registry says little about names: no adjustment.
    expect(scorePair(ivanov, ivanov, { frequencies: { ...f, size: 300 } }).score).toBeCloseTo(plain.score, 10);
  });

  it('never links a common name with a disagreeing address automatically: review', () => {
    const elsewhere = { ...ivanov, addresses: ['г. Кстово, ул. Карбышева, д. 11, кв. 2'] };
    const r = scorePair(elsewhere, ivanov, { frequencies: f });
    expect(r.outcome).toBe('review');
    expect(r.reasons.join('; ')).toContain('имя распространённое, а адрес другой');
    // The same address: linked.
    expect(scorePair(ivanov, ivanov, { frequencies: f }).outcome).toBe('auto');
  });
});

describe('issue 8: the child’s sex tells a typo from a twin', () => {
  const girl: LinkageRecord = { surname: 'Островская', name: 'Александра', patronymic: 'Игоревна', birthDate: '2013-09-30', sex: 'f', addresses: ['с. Работки, ул. Садовая, д. 49'] };
  it('a boy’s name on a girl (a letter lost) is a name written wrong: review, not a twin', () => {
    const r = scorePair({ ...girl, name: 'Александр' }, girl);
    expect(r.outcome).toBe('review');
    expect(r.reasons.join('; ')).not.toContain('вероятно, близнецы');
  });
  it('a boy and a girl twin with those names stay apart', () => {
    expect(scorePair({ ...girl, name: 'Александр', patronymic: 'Игоревич', sex: 'm' }, girl).outcome).toBe('new');
  });
  it('a typo near names of the other sex only is a typo when the sex is known', () => {
    const boy: LinkageRecord = { ...girl, surname: 'Бобров', name: 'Александр', patronymic: 'Кириллович', sex: 'm' };
    const r = scorePair({ ...boy, name: 'Алкесандр' }, boy);
    expect(r.reasons).toContain('имя похоже, вероятна опечатка («Алкесандр» / «Александр»)');
    expect(r.outcome).toBe('auto');
  });
});
