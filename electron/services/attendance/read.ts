import type Database from 'better-sqlite3';
import { recordCardsSql } from '../access';
import { prepared } from '../statements';

/** One month of a pupil's attendance at a school, as last entered (the entry in force, not its history). */
export interface AttendanceMonth {
  /** YYYY-MM */
  month: string;
  orgId: number;
  lessonsHeld: number;
  missedTotal: number;
  /** Missed without a good reason; excused = missedTotal − missedUnexcused. */
  missedUnexcused: number;
}

/**
 * A pupil's attendance month by month (sorted by month, then school), the entries in force only, of the card and the
 * cards merged into it (access.ts recordCardsSql; of two cards' entries for one month the later written). The caller
 * has checked that its user may read the child (access.ts) and journals the read.
 */
export function attendanceOf(sqlite: Database.Database, childId: number): AttendanceMonth[] {
  return prepared(
    sqlite,
    `SELECT month, org_id AS orgId, lessons_held AS lessonsHeld, missed_total AS missedTotal, missed_unexcused AS missedUnexcused
       FROM attendance WHERE id IN (SELECT max(id) FROM attendance INDEXED BY attendance_child_idx WHERE child_id IN ${recordCardsSql('?')} AND superseded_by IS NULL GROUP BY month, org_id)
      ORDER BY month, org_id`,
  ).all(childId) as AttendanceMonth[];
}
