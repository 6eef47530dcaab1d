import { describe, expect, it } from 'vitest';
import { formatHouses, houseMatches, houseNumber, parseHouses, parseParity, placeKey } from '../../../shared/domain/territory';

describe('school territory rules', () => {
  it('reads house ranges as people write them', () => {
    expect(parseHouses('')).toEqual({ ranges: null, error: null });
    expect(parseHouses('1–25').ranges).toEqual([[1, 25]]);
    expect(parseHouses('1-25, 30; 41–').ranges).toEqual([[1, 25], [30, 30], [41, Number.MAX_SAFE_INTEGER]]);
    expect(parseHouses('с 2 по 40').ranges).toEqual([[2, 40]]);
    expect(parseHouses('д. 5').ranges).toEqual([[5, 5]]);
    expect(parseHouses('27 и далее').ranges).toEqual([[27, Number.MAX_SAFE_INTEGER]]);
    expect(parseHouses('25–1').error).toMatch(/начало больше конца/u);
    expect(parseHouses('до угла').error).toMatch(/не разобраны/u);
    expect(formatHouses(parseHouses('1-25,30, 41-').ranges)).toBe('1–25, 30, 41–');
  });

  it('matches houses by number and parity', () => {
    expect(houseNumber('5А')).toBe(5);
    expect(houseNumber('12/1')).toBe(12);
    expect(houseNumber('')).toBeNull();
    const r = parseHouses('1–25').ranges;
    expect(houseMatches(25, r, 'all')).toBe(true);
    expect(houseMatches(26, r, 'all')).toBe(false);
    expect(houseMatches(4, null, 'even')).toBe(true);
    expect(houseMatches(5, null, 'even')).toBe(false);
    expect(houseMatches(5, r, 'odd')).toBe(true);
    expect(houseMatches(null, null, 'all')).toBe(true);
    expect(houseMatches(null, r, 'all')).toBe(false);
    expect(parseParity('Чётные')).toBe('even');
    expect(parseParity('нечет.')).toBe('odd');
    expect(parseParity('')).toBe('all');
    expect(parseParity('через один')).toBeNull();
  });

  it('keys settlements and streets without their kind, ё/е and case', () => {
    expect(placeKey('ул. Ленина')).toBe('ленина');
    expect(placeKey('Ленина улица')).toBe('ленина');
    expect(placeKey('рп Кудьма')).toBe('кудьма');
    expect(placeKey('г. Кстово')).toBe('кстово');
    expect(placeKey('ул. Королёва')).toBe(placeKey('Королева ул'));
    expect(placeKey('пр-т Капитана Рачкова')).toBe('капитана рачкова');
  });
});
