import type Database from 'better-sqlite3';
import { entryDataSchema, type EntryData, type RegisterEntry } from '../../../shared/api/schoolRegister';
import type { IsoDate } from '../../../shared/domain/dates';
import { currentEvents, type EntryKind, type RegisterEvent } from '../../../shared/domain/schoolRegister';
import { recordCardsSql } from '../access';
import { prepared } from '../statements';

/** A row of school_register_entries. */
export interface EntryRow {
  id: number;
  child_id: number;
  org_id: number;
  kind: EntryKind;
  on_date: IsoDate;
  actor: string;
  data: string;
  due_on: IsoDate | null;
  ref_id: number | null;
  replaces_id: number | null;
  created_by: string;
  created_at: string;
}

export interface Entry {
  row: EntryRow;
  data: EntryData;
}

export function parseEntry(row: EntryRow): Entry {
  // Stored by this service through the same schema; a damaged value reads as empty fields rather than failing the card.
  const parsed = entryDataSchema.safeParse(JSON.parse(row.data || '{}'));
  return { row, data: parsed.success ? parsed.data : entryDataSchema.parse({}) };
}

/**
 * A pupil's entries in the order recorded, those written on the cards merged into his too (access.ts recordCardsSql);
 * `orgId` null: every school's, a number: that school's card only.
 */
export function entriesOf(sqlite: Database.Database, childId: number, orgId: number | null): Entry[] {
  const rows = (
    orgId === null
      ? prepared(sqlite, `SELECT * FROM school_register_entries INDEXED BY school_register_child_idx WHERE child_id IN ${recordCardsSql('?')} ORDER BY id`).all(childId)
      : prepared(sqlite, `SELECT * FROM school_register_entries INDEXED BY school_register_child_idx WHERE child_id IN ${recordCardsSql('?')} AND org_id = ? ORDER BY id`).all(childId, orgId)
  ) as EntryRow[];
  return rows.map(parseEntry);
}

export function toEvent(e: Entry): RegisterEvent & { entry: Entry } {
  return { id: e.row.id, kind: e.row.kind, onDate: e.row.on_date, replacesId: e.row.replaces_id, cancelled: e.data.cancelled, reason: e.data.reason, entry: e };
}

/** The entries that count (not corrected, not withdrawn), by date. */
export function currentEntries(entries: readonly Entry[]): Entry[] {
  return currentEvents(entries.map(toEvent)).map((e) => e.entry);
}

export function toRegisterEntry(e: Entry, replacedBy: Map<number, number>, documents: RegisterEntry['documents']): RegisterEntry {
  const r = e.row;
  return {
    id: r.id,
    kind: r.kind,
    onDate: r.on_date,
    actor: r.actor,
    data: e.data,
    dueOn: r.due_on,
    refId: r.ref_id,
    replacesId: r.replaces_id,
    replacedBy: replacedBy.get(r.id) ?? null,
    createdBy: r.created_by,
    createdAt: r.created_at,
    documents,
  };
}
