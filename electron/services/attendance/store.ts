/**
 * Writing attendance: a pupil's month at a school is entered again (the grid, a journal's report) by adding a new
 * row that supersedes the one in force; the old one stays as history (the table's triggers refuse anything else).
 */
import type Database from 'better-sqlite3';
import { ApiError } from '../../../shared/api/errors';
import { figuresIssues } from '../../../shared/domain/truancy';
import { recordCardsSql } from '../access';

export interface AttendanceEntry {
  childId: number;
  lessonsHeld: number;
  missedTotal: number;
  missedUnexcused: number;
  /** The school's «систематически пропускает» mark; undefined keeps the mark in force. */
  schoolMark?: boolean;
}

export interface SaveAttendance {
  orgId: number;
  month: string;
  entries: readonly AttendanceEntry[];
  origin: 'grid' | 'file';
  fileName: string | null;
  sourceId: number | null;
  userLogin: string;
}

export interface SaveResult {
  /** Pupils whose month was written (new or changed). */
  saved: number;
  /** Pupils whose figures were the same as in force: nothing written. */
  unchanged: number;
}

interface InForce {
  id: number;
  lessons_held: number;
  missed_total: number;
  missed_unexcused: number;
  school_mark: string | null;
}

/** Writes the entries in the caller's transaction; refuses the whole batch if one entry's figures do not hold together. */
export function saveAttendance(sqlite: Database.Database, input: SaveAttendance): SaveResult {
  for (const e of input.entries) {
    const bad = figuresIssues(e);
    if (bad.length) throw new ApiError('VALIDATION', `Ученик № ${e.childId}: ${bad.map((b) => b.message).join('; ')}`);
  }
  const current = sqlite.prepare(
    `SELECT id, lessons_held, missed_total, missed_unexcused, school_mark FROM attendance WHERE child_id IN ${recordCardsSql('?')} AND org_id = ? AND month = ? AND superseded_by IS NULL ORDER BY id DESC`,
  );
  const insert = sqlite.prepare(
    `INSERT INTO attendance (child_id, org_id, month, lessons_held, missed_total, missed_unexcused, school_mark, origin, file_name, source_id, recorded_by)
     VALUES (@childId, @orgId, @month, @lessonsHeld, @missedTotal, @missedUnexcused, @schoolMark, @origin, @fileName, @sourceId, @userLogin)`,
  );
  const supersede = sqlite.prepare('UPDATE attendance SET superseded_by = ? WHERE id = ? AND superseded_by IS NULL');
  let saved = 0;
  let unchanged = 0;
  for (const e of input.entries) {
    const olds = current.all(e.childId, input.orgId, input.month) as InForce[];
    const old = olds[0];
    const mark = e.schoolMark === undefined ? (old?.school_mark ?? null) : e.schoolMark ? 'systematic' : null;
    if (
      old &&
      olds.length === 1 &&
      old.lessons_held === e.lessonsHeld &&
      old.missed_total === e.missedTotal &&
      old.missed_unexcused === e.missedUnexcused &&
      old.school_mark === mark
    ) {
      unchanged++;
      continue;
    }
    const id = Number(
      insert.run({
        childId: e.childId,
        orgId: input.orgId,
        month: input.month,
        lessonsHeld: e.lessonsHeld,
        missedTotal: e.missedTotal,
        missedUnexcused: e.missedUnexcused,
        schoolMark: mark,
        origin: input.origin,
        fileName: input.fileName,
        sourceId: input.sourceId,
        userLogin: input.userLogin,
      }).lastInsertRowid,
    );
    for (const o of olds) supersede.run(id, o.id);
    saved++;
  }
  return { saved, unchanged };
}

export interface HistoryEntry {
  month: string;
  lessonsHeld: number;
  missedTotal: number;
  missedUnexcused: number;
  schoolMark: boolean;
  origin: string;
  fileName: string | null;
  recordedBy: string;
  recordedAt: string;
  inForce: boolean;
}

/** Every entry of a pupil's month at a school, the newest first. */
export function attendanceHistory(sqlite: Database.Database, childId: number, orgId: number, month: string): HistoryEntry[] {
  return (
    sqlite
      .prepare(
        `SELECT month, lessons_held, missed_total, missed_unexcused, school_mark, origin, file_name, recorded_by, recorded_at, superseded_by
           FROM attendance INDEXED BY attendance_child_idx WHERE child_id IN ${recordCardsSql('?')} AND org_id = ? AND month = ? ORDER BY id DESC`,
      )
      .all(childId, orgId, month) as {
      month: string;
      lessons_held: number;
      missed_total: number;
      missed_unexcused: number;
      school_mark: string | null;
      origin: string;
      file_name: string | null;
      recorded_by: string;
      recorded_at: string;
      superseded_by: number | null;
    }[]
  ).map((r) => ({
    month: r.month,
    lessonsHeld: r.lessons_held,
    missedTotal: r.missed_total,
    missedUnexcused: r.missed_unexcused,
    schoolMark: r.school_mark !== null,
    origin: r.origin,
    fileName: r.file_name,
    recordedBy: r.recorded_by,
    recordedAt: r.recorded_at,
    inForce: r.superseded_by === null,
  }));
}
