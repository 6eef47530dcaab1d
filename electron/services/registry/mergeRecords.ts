import type Database from 'better-sqlite3';
import { recordCardsSql } from '../access';

/**
 * What a merge brought to the kept card, in the words of its history: the facts it moved (the snapshot's ids) and the
 * records of the merged card that are read with the kept card's since (access.ts recordCardsSql: they stay where they
 * were written, append-only). Only the records a person sees on a screen are named; the school register's only to a
 * reader of карты учёта (access.ts ReadScope.registerCards).
 */
const RECORDS: { label: string; sql: string; registerCard?: true }[] = [
  { label: 'посещаемость, мес.', sql: 'SELECT count(DISTINCT month || org_id) FROM attendance WHERE superseded_by IS NULL AND child_id IN' },
  { label: 'записи карты учёта', sql: 'SELECT count(*) FROM school_register_entries WHERE child_id IN', registerCard: true },
  { label: 'документы карты учёта', sql: 'SELECT count(*) FROM school_register_documents WHERE child_id IN', registerCard: true },
  { label: 'движение обучающихся', sql: 'SELECT count(*) FROM movement_records m WHERE NOT EXISTS (SELECT 1 FROM movement_records r WHERE r.replaces = m.id) AND child_id IN' },
  { label: 'дело о неполучении образования', sql: 'SELECT count(*) FROM education_cases WHERE child_id IN' },
  { label: 'действия сверки', sql: 'SELECT count(*) FROM reconciliation_actions WHERE child_id IN' },
];

export function carriedByMerge(sqlite: Database.Database, mergedId: number, snapshot: string, registerCards: boolean): string {
  const moved = (JSON.parse(snapshot) as { moved?: Record<string, number[]> }).moved ?? {};
  const facts = Object.values(moved).reduce((n, ids) => n + ids.length, 0);
  const parts = facts ? [`сведения (${facts})`] : [];
  for (const r of RECORDS) {
    if (r.registerCard && !registerCards) continue;
    const n = sqlite.prepare(`${r.sql} ${recordCardsSql('?')}`).pluck().get(mergedId) as number;
    if (n) parts.push(`${r.label} (${n})`);
  }
  return parts.length ? `перенесено при объединении: ${parts.join(', ')}` : '';
}
