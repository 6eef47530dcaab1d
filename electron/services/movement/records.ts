import type Database from 'better-sqlite3';
import { recordOwner, recordOwnerSql } from '../access';

/**
 * movement_records is append-only: a change is a new row that `replaces` the current one. These are the only
 * writer and the one definition of «the current version».
 */

export type MovementKind = 'transfer-notice' | 'continuation' | 'leave15' | 'first-grade';

export interface MovementRow {
  id: number;
  kind: MovementKind;
  child_id: number;
  org_id: number | null;
  study_id: number | null;
  counterpart_org_id: number | null;
  counterpart_name: string | null;
  order_number: string | null;
  order_date: string | null;
  due_date: string | null;
  done_on: string | null;
  data: string;
  replaces: number | null;
  created_by: string;
  created_at: string;
}

/**
 * SQL: the record `m`'s child as `c`, the card the record belongs to now — its own, or the card it was merged into
 * (access.ts recordOwnerSql) — with that card's id as card_id; `onCard` then names the record by it.
 */
export const CARD_SQL = (m: string) => `JOIN children c ON c.id = ${recordOwnerSql(`${m}.child_id`)}`;

/** A record read with CARD_SQL, named by the card it belongs to now. */
export function onCard<T extends { child_id: number; card_id: number }>(r: T): T {
  return { ...r, child_id: r.card_id };
}

/** Whether a record was written for the child's card or for a card merged into it since. */
export function isChildsRecord(sqlite: Database.Database, row: { child_id: number }, childId: number): boolean {
  return recordOwner(sqlite, row.child_id) === childId;
}

/** SQL: the row `m` is the current version (nothing replaces it). */
export const CURRENT_SQL = (m: string) => `NOT EXISTS (SELECT 1 FROM movement_records rr WHERE rr.replaces = ${m}.id)`;

export type NewRecord = Omit<MovementRow, 'id' | 'created_at' | 'data' | 'replaces'> & { data: Record<string, unknown>; replaces?: number | null };

export function insertRecord(sqlite: Database.Database, r: NewRecord): number {
  return Number(
    sqlite
      .prepare(
        `INSERT INTO movement_records (kind, child_id, org_id, study_id, counterpart_org_id, counterpart_name, order_number, order_date, due_date, done_on, data, replaces, created_by)
         VALUES (@kind, @child_id, @org_id, @study_id, @counterpart_org_id, @counterpart_name, @order_number, @order_date, @due_date, @done_on, @data, @replaces, @created_by)`,
      )
      .run({ ...r, data: JSON.stringify(r.data), replaces: r.replaces ?? null }).lastInsertRowid,
  );
}

/** The current version of a record, or undefined (none, or replaced already). */
export function currentRecord(sqlite: Database.Database, id: number, kind: MovementKind): MovementRow | undefined {
  return sqlite.prepare(`SELECT * FROM movement_records m WHERE m.id = ? AND m.kind = ? AND ${CURRENT_SQL('m')}`).get(id, kind) as MovementRow | undefined;
}

/** The current continuation recorded for a study that ended. */
export function continuationOf(sqlite: Database.Database, studyId: number): MovementRow | undefined {
  return sqlite
    .prepare(`SELECT * FROM movement_records m WHERE m.kind = 'continuation' AND m.study_id = ? AND ${CURRENT_SQL('m')} ORDER BY m.id DESC LIMIT 1`)
    .get(studyId) as MovementRow | undefined;
}

export function dataOf<T extends Record<string, unknown>>(row: { data: string }): Partial<T> {
  try {
    return JSON.parse(row.data) as Partial<T>;
  } catch {
    return {};
  }
}
