/**
 * Jaro–Winkler similarity (Winkler 1990: prefix scale 0.1, prefix up to 4, boost only above 0.7).
 *
 * Kept tiny and dependency-free because package.json is not ours to change here;
 * `@skyra/jaro-winkler` (MIT, ESM, no deps) computes the same and can replace it.
 * Works on code points so Cyrillic and ё count as one character each.
 */
export function jaroWinkler(a: string, b: string): number {
  if (a === b) return 1;
  const s1 = [...a];
  const s2 = [...b];
  if (s1.length === 0 || s2.length === 0) return 0;
  const window = Math.max(0, Math.floor(Math.max(s1.length, s2.length) / 2) - 1);
  const used2 = new Array<boolean>(s2.length).fill(false);
  const matched1: string[] = [];
  for (let i = 0; i < s1.length; i++) {
    const lo = Math.max(0, i - window);
    const hi = Math.min(s2.length - 1, i + window);
    for (let j = lo; j <= hi; j++) {
      if (!used2[j] && s2[j] === s1[i]) {
        used2[j] = true;
        matched1.push(s1[i] as string);
        break;
      }
    }
  }
  const m = matched1.length;
  if (m === 0) return 0;
  const matched2: string[] = [];
  for (let j = 0; j < s2.length; j++) if (used2[j]) matched2.push(s2[j] as string);
  let transpositions = 0;
  for (let k = 0; k < m; k++) if (matched1[k] !== matched2[k]) transpositions++;
  const t = transpositions / 2;
  const jaro = (m / s1.length + m / s2.length + (m - t) / m) / 3;
  if (jaro <= 0.7) return jaro;
  let prefix = 0;
  while (prefix < 4 && prefix < s1.length && prefix < s2.length && s1[prefix] === s2[prefix]) prefix++;
  return jaro + prefix * 0.1 * (1 - jaro);
}
