import { describe, expect, it } from 'vitest';
import { editDistanceWithin, typoBudget } from '../../../shared/domain/editDistance';

describe('editDistanceWithin', () => {
  it('counts insertions, deletions, substitutions and swaps of neighbours', () => {
    expect(editDistanceWithin('елкина', 'елкина', 2)).toBe(0);
    expect(editDistanceWithin('елкена', 'елкина', 2)).toBe(1);
    expect(editDistanceWithin('елкна', 'елкина', 2)).toBe(1);
    expect(editDistanceWithin('еклина', 'елкина', 2)).toBe(1);
    expect(editDistanceWithin('иванов', 'иваново', 2)).toBe(1);
    expect(editDistanceWithin('петров', 'сидоров', 5)).toBe(4);
  });

  it('stops at the bound', () => {
    expect(editDistanceWithin('петров', 'сидоров', 1)).toBe(2);
    expect(editDistanceWithin('а', 'абвгд', 2)).toBe(3);
  });

  it('gives exactly what the full table gives, for random words and bounds (scratch rows reused between calls)', () => {
    // The whole optimal-string-alignment table, no early stop: the definition the fast one must meet.
    const full = (a: string, b: string): number => {
      const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
      for (let i = 1; i <= a.length; i++) {
        for (let j = 1; j <= b.length; j++) {
          d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
          if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
        }
      }
      return d[a.length]![b.length]!;
    };
    let seed = 777;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const word = (max: number) => Array.from({ length: rnd(max) }, () => 'абвгдеёж'[rnd(8)]).join('');
    for (let i = 0; i < 20000; i++) {
      const a = word(i % 100 === 0 ? 90 : 10);
      const b = rnd(2) === 0 ? a.replace(/./u, 'ж') + word(2) : word(i % 100 === 0 ? 90 : 10);
      const max = rnd(4);
      expect(editDistanceWithin(a, b, max)).toBe(Math.min(full(a, b), max + 1));
    }
  });

  it('allows no typo in short words, one in middle, two in long', () => {
    expect([3, 4, 6, 7, 12].map(typoBudget)).toEqual([0, 1, 1, 2, 2]);
  });
});
