import type Database from 'better-sqlite3';
import { editDistanceWithin, typoBudget } from '../../../shared/domain/editDistance';

/** The most words one query word may expand to; beyond it the word is too unspecific to help. */
const MAX_EXPANSION = 400;

/**
 * Every distinct normalized surname, first name and patronymic in the registry, in memory. A typed word is
 * expanded here into the stored words it may mean (prefix, one or two typos), and SQLite then finds the
 * children by those exact words with its indexes. 200,000 children have a few tens of thousands of words.
 */
export class NameIndex {
  private sorted: string[] = [];
  private byLength = new Map<number, string[]>();
  private words = new Set<string>();

  constructor(sqlite: Database.Database) {
    const rows = sqlite
      .prepare('SELECT surname_norm AS w FROM children UNION SELECT name_norm FROM children UNION SELECT patronymic_norm FROM children')
      .pluck()
      .all() as string[];
    for (const w of rows) this.add(w);
  }

  add(word: string): void {
    if (!word || this.words.has(word)) return;
    this.words.add(word);
    // Insert in order: new words arrive one at a time after the index is built.
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.sorted[mid]! < word) lo = mid + 1;
      else hi = mid;
    }
    this.sorted.splice(lo, 0, word);
    const bucket = this.byLength.get(word.length) ?? [];
    bucket.push(word);
    this.byLength.set(word.length, bucket);
  }

  get size(): number {
    return this.words.size;
  }

  /**
   * Stored words a typed word may mean: those it begins (typing is in progress), and those within the typo
   * budget of the word or of the beginning of the word (a typo while typing).
   */
  expand(word: string): string[] {
    const found = new Set<string>();
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.sorted[mid]! < word) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < this.sorted.length && this.sorted[i]!.startsWith(word) && found.size < MAX_EXPANSION; i++) found.add(this.sorted[i]!);
    const budget = typoBudget(word.length);
    if (budget === 0) return [...found];
    for (const [len, bucket] of this.byLength) {
      if (len < word.length - budget) continue;
      for (const w of bucket) {
        if (found.size >= MAX_EXPANSION) break;
        if (found.has(w)) continue;
        const whole = len <= word.length + budget && editDistanceWithin(word, w, budget) <= budget;
        if (whole || (len > word.length && editDistanceWithin(word, w.slice(0, word.length), budget) <= budget)) found.add(w);
      }
    }
    return [...found];
  }
}

const indexes = new WeakMap<Database.Database, NameIndex>();

export function nameIndexFor(sqlite: Database.Database): NameIndex {
  let index = indexes.get(sqlite);
  if (!index) {
    index = new NameIndex(sqlite);
    indexes.set(sqlite, index);
  }
  return index;
}

/** Called by every writer of names, so an index already built stays complete. */
export function noteNames(sqlite: Database.Database, ...words: string[]): void {
  const index = indexes.get(sqlite);
  if (index) for (const w of words) index.add(w);
}
