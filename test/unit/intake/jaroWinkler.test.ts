import { describe, it, expect } from 'vitest';
import { jaroWinkler } from '../../../shared/intake/jaroWinkler';

describe('jaroWinkler', () => {
  it('matches the textbook values', () => {
    expect(jaroWinkler('MARTHA', 'MARHTA')).toBeCloseTo(0.961, 3);
    expect(jaroWinkler('DWAYNE', 'DUANE')).toBeCloseTo(0.84, 2);
    expect(jaroWinkler('DIXON', 'DICKSONX')).toBeCloseTo(0.813, 3);
  });

  it('is 1 for equal strings and 0 when nothing matches or one is empty', () => {
    expect(jaroWinkler('иванов', 'иванов')).toBe(1);
    expect(jaroWinkler('', '')).toBe(1);
    expect(jaroWinkler('абв', '')).toBe(0);
    expect(jaroWinkler('абв', 'где')).toBe(0);
  });

  it('is symmetric and counts Cyrillic letters as one character each', () => {
    expect(jaroWinkler('ёлкина', 'ёлкена')).toBeCloseTo(jaroWinkler('ёлкена', 'ёлкина'), 12);
    expect(jaroWinkler('иванов', 'иванова')).toBeGreaterThan(0.92);
    expect(jaroWinkler('алина', 'алена')).toBeLessThan(0.92);
  });
});
