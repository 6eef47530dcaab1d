import type Database from 'better-sqlite3';
import type { CaseEntry, CaseEntryKind, CaseStatus } from '../../../shared/api/education';
import type { IsoDate } from '../../../shared/domain/dates';
import { recordOwnerSql } from '../access';
import { prepared } from '../statements';

// Cases about children not in education: education_cases (one per child, opened once) and its dated entries
// (education_case_entries). Both are append-only (triggers in db/migrations/0010); the status is the newest status
// entry. Whether a case closed itself is not stored: it is read from the rule on the day asked (service.ts).

export interface CaseState {
  id: number;
  openedOn: IsoDate;
  openedBy: string;
  status: CaseStatus;
}

/**
 * Each child's case and its status now (the newest status entry), for the given children. A case opened on a card
 * merged since is the kept card's (access.ts recordCardsSql); should both cards have one, the kept card's own.
 */
export function caseStatesOf(sqlite: Database.Database, childIds: number[]): Map<number, CaseState> {
  const out = new Map<number, CaseState>();
  if (!childIds.length) return out;
  // The cases on cards merged since are few: each is read with the card it belongs to now, the others by their own card.
  const rows = prepared(
    sqlite,
    `SELECT k.*, (SELECT e.status FROM education_case_entries e WHERE e.case_id = k.id AND e.kind = 'status' ORDER BY e.id DESC LIMIT 1) AS status FROM (
       SELECT c.child_id AS childId, 1 AS own, c.id, c.opened_on AS openedOn, c.opened_by AS openedBy
         FROM education_cases c WHERE c.child_id IN (SELECT value FROM json_each(@ids))
       UNION ALL
       SELECT m.owner, 0, m.id, m.opened_on, m.opened_by
         FROM (SELECT c.*, ${recordOwnerSql('c.child_id')} AS owner FROM education_cases c JOIN children ch ON ch.id = c.child_id AND ch.status = 'merged') m
        WHERE m.owner IN (SELECT value FROM json_each(@ids))) k
     ORDER BY k.own, k.id`,
  ).all({ ids: JSON.stringify(childIds) }) as (CaseState & { childId: number; status: CaseStatus | null })[];
  for (const r of rows) out.set(r.childId, { id: r.id, openedOn: r.openedOn, openedBy: r.openedBy, status: r.status ?? 'found' });
  return out;
}

export function caseOf(sqlite: Database.Database, childId: number): (CaseState & { entries: CaseEntry[] }) | null {
  const state = caseStatesOf(sqlite, [childId]).get(childId);
  if (!state) return null;
  const entries = sqlite
    .prepare('SELECT id, kind, status, on_date AS onDate, note, created_by AS createdBy, created_at AS createdAt FROM education_case_entries WHERE case_id = ? ORDER BY on_date, id')
    .all(state.id) as CaseEntry[];
  return { ...state, entries };
}

/**
 * The child's case, opened (status «выявлен») if it has none. For other services too (reconciliation's «open a
 * case»). Call inside the caller's transaction.
 */
export function openCase(sqlite: Database.Database, childId: number, userLogin: string, onDate: IsoDate, note: string | null = null): { id: number; created: boolean } {
  const existing = caseStatesOf(sqlite, [childId]).get(childId)?.id;
  if (existing !== undefined) return { id: existing, created: false };
  const id = Number(sqlite.prepare('INSERT INTO education_cases (child_id, opened_on, opened_by) VALUES (?, ?, ?)').run(childId, onDate, userLogin).lastInsertRowid);
  sqlite
    .prepare("INSERT INTO education_case_entries (case_id, kind, status, on_date, note, created_by) VALUES (?, 'status', 'found', ?, ?, ?)")
    .run(id, onDate, note, userLogin);
  return { id, created: true };
}

export function addCaseEntry(
  sqlite: Database.Database,
  caseId: number,
  entry: { kind: CaseEntryKind; status: CaseStatus | null; onDate: IsoDate; note: string | null },
  userLogin: string,
): number {
  return Number(
    sqlite
      .prepare('INSERT INTO education_case_entries (case_id, kind, status, on_date, note, created_by) VALUES (?, ?, ?, ?, ?, ?)')
      .run(caseId, entry.kind, entry.kind === 'status' ? entry.status : null, entry.onDate, entry.note, userLogin).lastInsertRowid,
  );
}
