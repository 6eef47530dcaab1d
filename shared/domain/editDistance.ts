/** Three rows of the distance table, kept between calls (the linker compares millions of pairs). */
let rows = new Int32Array(3 * 64);

/**
 * Optimal string alignment distance (Levenshtein plus swapping two neighbours), stopping early once it
 * exceeds `max`: a typo search compares one word with tens of thousands, and most are far away.
 * Returns max + 1 for anything farther than max. Compares UTF-16 code units.
 */
export function editDistanceWithin(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (a === b) return 0;
  const n = b.length;
  const w = n + 1;
  if (rows.length < 3 * w) rows = new Int32Array(6 * w);
  // Offsets of the row two back, the previous row and the current one in `rows`.
  let prev2 = 0;
  let prev = w;
  let cur = 2 * w;
  for (let j = 0; j <= n; j++) {
    rows[prev2 + j] = 0;
    rows[prev + j] = j;
    rows[cur + j] = 0;
  }
  for (let i = 1; i <= a.length; i++) {
    rows[cur] = i;
    let rowMin = i;
    const ai = a.charCodeAt(i - 1);
    for (let j = 1; j <= n; j++) {
      const cost = ai === b.charCodeAt(j - 1) ? 0 : 1;
      let v = Math.min(rows[prev + j]! + 1, rows[cur + j - 1]! + 1, rows[prev + j - 1]! + cost);
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) v = Math.min(v, rows[prev2 + j - 2]! + 1);
      rows[cur + j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    const oldest = prev2;
    prev2 = prev;
    prev = cur;
    cur = oldest;
  }
  return Math.min(rows[prev + n]!, max + 1);
}

/** How many typos a word of this length may carry and still be found: none in very short words. */
export function typoBudget(length: number): number {
  return length <= 3 ? 0 : length <= 6 ? 1 : 2;
}
