import { describe, it, expect } from 'vitest';
import {
  levelOfGrade, levelLabel, LEVEL_LABELS, LEVEL_LABELS_FULL, EDUCATION_LEVELS, parseClassLabel, formatClassLabel, isGrade,
} from '../../../shared/domain/levels';

describe('levelOfGrade', () => {
  it('maps 1–4 to primary, 5–9 to basic, 10–12 to secondary', () => {
    expect([1, 2, 3, 4].map(levelOfGrade)).toEqual(['primary', 'primary', 'primary', 'primary']);
    expect([5, 6, 7, 8, 9].map(levelOfGrade)).toEqual(Array(5).fill('basic'));
    // Кстово прил. 5: «отчисленных (зачисленных) в 9 и 11 (12) классы»
    expect([10, 11, 12].map(levelOfGrade)).toEqual(['secondary', 'secondary', 'secondary']);
  });
  it('returns null for what is not a school class', () => {
    for (const g of [0, 13, -1, 4.5, Number.NaN]) expect(levelOfGrade(g)).toBeNull();
    expect(isGrade('5')).toBe(false);
  });
});

describe('level labels', () => {
  it('uses the regulation wording «начального общего, основного общего и среднего общего»', () => {
    expect(EDUCATION_LEVELS.map(levelLabel)).toEqual(['начальное общее', 'основное общее', 'среднее общее']);
    expect(LEVEL_LABELS.basic).toBe('основное общее');
    expect(LEVEL_LABELS_FULL.secondary).toBe('среднее общее образование');
  });
});

describe('parseClassLabel', () => {
  it('parses the usual spellings', () => {
    expect(parseClassLabel('5Б')).toEqual({ grade: 5, letter: 'Б' });
    expect(parseClassLabel('5 Б')).toEqual({ grade: 5, letter: 'Б' });
    expect(parseClassLabel('10-А')).toEqual({ grade: 10, letter: 'А' });
    expect(parseClassLabel('10 – А')).toEqual({ grade: 10, letter: 'А' });
    expect(parseClassLabel('1а')).toEqual({ grade: 1, letter: 'А' });
    expect(parseClassLabel('11')).toEqual({ grade: 11, letter: null });
    expect(parseClassLabel(' 9в ')).toEqual({ grade: 9, letter: 'В' });
    expect(parseClassLabel('12')).toEqual({ grade: 12, letter: null });
  });
  it('accepts quotes and the word «класс»', () => {
    expect(parseClassLabel('5 "Б"')).toEqual({ grade: 5, letter: 'Б' });
    expect(parseClassLabel('5«Б»')).toEqual({ grade: 5, letter: 'Б' });
    expect(parseClassLabel('5Б класс')).toEqual({ grade: 5, letter: 'Б' });
    expect(parseClassLabel('5-б кл.')).toEqual({ grade: 5, letter: 'Б' });
    expect(parseClassLabel('11 класс')).toEqual({ grade: 11, letter: null });
  });
  it('maps Latin look-alike letters to Cyrillic', () => {
    expect(parseClassLabel('5A')).toEqual({ grade: 5, letter: 'А' });
    expect(parseClassLabel('7a')).toEqual({ grade: 7, letter: 'А' });
    expect(parseClassLabel('8B')).toEqual({ grade: 8, letter: 'В' });
    expect(parseClassLabel('6c')).toEqual({ grade: 6, letter: 'С' });
    expect(parseClassLabel('3K')).toEqual({ grade: 3, letter: 'К' });
    expect(parseClassLabel('2e')).toEqual({ grade: 2, letter: 'Е' });
  });
  it('uppercases ё', () => {
    expect(parseClassLabel('4ё')).toEqual({ grade: 4, letter: 'Ё' });
  });
  it('rejects what is not a class label', () => {
    for (const s of ['', 'Б', '0', '13', '13А', '05Б', '5АБ', '5Б1', '5D', '5Ж Ж', 'пятый', '5.5', '1-4']) {
      expect(parseClassLabel(s), s).toBeNull();
    }
  });
});

describe('formatClassLabel', () => {
  it('writes the compact form', () => {
    expect(formatClassLabel({ grade: 5, letter: 'Б' })).toBe('5Б');
    expect(formatClassLabel({ grade: 11, letter: null })).toBe('11');
  });
  it('round-trips parsed labels', () => {
    for (const s of ['5 б', '10-А', '1a', '11']) {
      const c = parseClassLabel(s)!;
      expect(parseClassLabel(formatClassLabel(c))).toEqual(c);
    }
  });
});
