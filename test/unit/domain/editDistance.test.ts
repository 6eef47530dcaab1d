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

  it('allows no typo in short words, one in middle, two in long', () => {
    expect([3, 4, 6, 7, 12].map(typoBudget)).toEqual([0, 1, 1, 2, 2]);
  });
});
