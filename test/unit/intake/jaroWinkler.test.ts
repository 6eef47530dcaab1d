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

/** The straightforward version (code-point arrays, fresh arrays per call) the fast one must equal exactly. */
function reference(a: string, b: string): number {
  if (a === b) return 1;
  const s1 = [...a];
  const s2 = [...b];
  if (s1.length === 0 || s2.length === 0) return 0;
  const window = Math.max(0, Math.floor(Math.max(s1.length, s2.length) / 2) - 1);
  const used = new Array<boolean>(s2.length).fill(false);
  const m1: string[] = [];
  for (let i = 0; i < s1.length; i++) {
    for (let j = Math.max(0, i - window); j <= Math.min(s2.length - 1, i + window); j++) {
      if (!used[j] && s2[j] === s1[i]) {
        used[j] = true;
        m1.push(s1[i]!);
        break;
      }
    }
  }
  const m = m1.length;
  if (m === 0) return 0;
  const m2 = s2.filter((_, j) => used[j]);
  const t = m1.filter((c, k) => c !== m2[k]).length / 2;
  const jaro = (m / s1.length + m / s2.length + (m - t) / m) / 3;
  if (jaro <= 0.7) return jaro;
  let prefix = 0;
  while (prefix < 4 && prefix < s1.length && prefix < s2.length && s1[prefix] === s2[prefix]) prefix++;
  return jaro + prefix * 0.1 * (1 - jaro);
}

describe('jaroWinkler against the straightforward version', () => {
  it('gives exactly the same value for random words of Cyrillic letters, ё, hyphens and letters outside the BMP', () => {
    const alphabet = [...'абвгдеёжзиклмнопрстуфхцчшщыьэюя-', '𝔸', '😀'];
    let seed = 12345;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const word = () => Array.from({ length: rnd(12) }, () => alphabet[rnd(rnd(4) === 0 ? alphabet.length : 8)]).join('');
    for (let i = 0; i < 20000; i++) {
      const a = word();
      const b = rnd(3) === 0 ? a.slice(0, rnd(a.length + 1)) + word().slice(0, 2) : word();
      expect(jaroWinkler(a, b)).toBe(reference(a, b));
    }
    // A long word after short ones (the scratch arrays grow).
    const long = 'аб'.repeat(200);
    expect(jaroWinkler(long, `${long}в`)).toBe(reference(long, `${long}в`));
  });
});
