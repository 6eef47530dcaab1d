import { z } from 'zod';

/**
 * The journal's seal: the head of its chain (last entry's number and MAC, and how many entries lead to it).
 * It is kept outside the database — in the key file, in every backup, on printouts — so that a journal cut
 * short, or rewritten up to that entry, no longer matches a seal made before.
 */
export const journalSealSchema = z.object({
  lastId: z.number().int().min(0),
  count: z.number().int().min(0),
  hash: z.string().regex(/^[0-9a-f]{64}$/, 'Печать журнала: 64 шестнадцатеричные цифры'),
  /** When the seal was made (UTC ISO); only informative. */
  at: z.string().optional(),
});
export type JournalSeal = z.infer<typeof journalSealSchema>;

/** A seal shown to `audit.verify`, with where it came from (in Russian: «резервная копия copy.uchetbak»). */
export const shownSealSchema = journalSealSchema.extend({ source: z.string().trim().min(1).max(300) });
export type ShownSeal = z.infer<typeof shownSealSchema>;

/** The short text printed on paper: «№ 1234 / 1234 / 3f2a…» — typed back into `uchet audit verify --seal`. */
export function formatSeal(s: Pick<JournalSeal, 'lastId' | 'count' | 'hash'>): string {
  return `${s.lastId}/${s.count}/${s.hash}`;
}

export function parseSeal(text: string): JournalSeal | null {
  const m = /^\s*№?\s*(\d+)\s*\/\s*(\d+)\s*\/\s*([0-9a-fA-F]{64})\s*$/.exec(text);
  return m ? { lastId: Number(m[1]), count: Number(m[2]), hash: m[3]!.toLowerCase() } : null;
}
