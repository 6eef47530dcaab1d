import type { IsoDate } from './dates';

/** The columns every fact table keeps about a fact's life (studies, forms, addresses, flags …). */
export interface FactLife {
  validFrom: IsoDate | null;
  /** The day the fact ended: from that day on it no longer holds (a transfer ends the old class on the new one's first day); null while it has no end. */
  validTo: IsoDate | null;
  supersededBy: number | null;
  withdrawnAt: string | null;
}

/**
 * The one definition of «a fact in force on a date»: not replaced by a correction (superseded_by), not taken
 * back with its list (withdrawn_at), started (an undated fact counts from the beginning: when it was typed in
 * says nothing about when it began), and not ended — on valid_to it has ended. ended_at only says when the
 * ending was written; the date that counts is valid_to. The SQL twin is `inForceSql` in
 * electron/services/access.ts; a test holds the two together.
 */
export function isInForce(f: FactLife, on: IsoDate): boolean {
  return f.supersededBy === null && f.withdrawnAt === null && (f.validFrom === null || f.validFrom <= on) && (f.validTo === null || on < f.validTo);
}
