/**
 * Jaro–Winkler similarity (Winkler 1990: prefix scale 0.1, prefix up to 4, boost only above 0.7).
 *
 * Kept tiny and dependency-free because package.json is not ours to change here;
 * `@skyra/jaro-winkler` (MIT, ESM, no deps) computes the same and can replace it.
 * Works on code points so Cyrillic and ё count as one character each. The linker calls it for millions of
 * pairs, so it works in scratch arrays kept between calls instead of allocating per call.
 */
let codes1: Int32Array = new Int32Array(64);
let codes2: Int32Array = new Int32Array(64);
let used2 = new Uint8Array(64);
let matched1 = new Int32Array(64);

/** The string's code points into `into` (grown when short); returns the array and the count. */
function codePoints(s: string, into: Int32Array): [Int32Array, number] {
  const out = into.length >= s.length ? into : new Int32Array(s.length * 2);
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.codePointAt(i)!;
    if (c > 0xffff) i++;
    out[n++] = c;
  }
  return [out, n];
}

export function jaroWinkler(a: string, b: string): number {
  if (a === b) return 1;
  const [s1, n1] = codePoints(a, codes1);
  const [s2, n2] = codePoints(b, codes2);
  codes1 = s1;
  codes2 = s2;
  if (n1 === 0 || n2 === 0) return 0;
  if (used2.length < n2) used2 = new Uint8Array(n2 * 2);
  if (matched1.length < n1) matched1 = new Int32Array(n1 * 2);
  used2.fill(0, 0, n2);
  const window = Math.max(0, Math.floor(Math.max(n1, n2) / 2) - 1);
  let m = 0;
  for (let i = 0; i < n1; i++) {
    const lo = Math.max(0, i - window);
    const hi = Math.min(n2 - 1, i + window);
    for (let j = lo; j <= hi; j++) {
      if (used2[j] === 0 && s2[j] === s1[i]) {
        used2[j] = 1;
        matched1[m++] = s1[i]!;
        break;
      }
    }
  }
  if (m === 0) return 0;
  let transpositions = 0;
  for (let j = 0, k = 0; j < n2; j++) {
    if (used2[j] === 0) continue;
    if (matched1[k] !== s2[j]) transpositions++;
    k++;
  }
  const t = transpositions / 2;
  const jaro = (m / n1 + m / n2 + (m - t) / m) / 3;
  if (jaro <= 0.7) return jaro;
  let prefix = 0;
  while (prefix < 4 && prefix < n1 && prefix < n2 && s1[prefix] === s2[prefix]) prefix++;
  return jaro + prefix * 0.1 * (1 - jaro);
}
