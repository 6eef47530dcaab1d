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
    expect(levelWeight('birthDate', 'exact')).toBeCloseTo(Math.log2(0.92 / 0.00015), 10);
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
    const r = scorePair(noAddress(base), { ...noAddress(base), birthDate: '2015-03-08', sex: null });
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
    expect(compareBirthDates('2015-03-07', '2015-03-08')).toBe('oneDigit');
    expect(compareBirthDates('2015-03-07', '2016-03-07')).toBe('oneDigit');
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

  it('files a record under surname sound + year, name + date, surname + name sounds', () => {
    expect(blockingKeys(base)).toEqual(['fy:илк4:2015', 'nd:алена:2015-03-07', 'fn:илк4:алина']);
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
    expect(blockingKeys({ ...base, name: 'А.' })).toEqual(['fy:илк4:2015']);
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
